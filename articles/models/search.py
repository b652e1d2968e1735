from django.db import models


class SearchEntry(models.Model):
    """An item as the full-text index sees it: its words (segmented by
    articles.search.segment) and what searches filter and facet on.

    On PostgreSQL a generated tsvector column (`document`, headline words
    weighted A, body B) with a GIN index is added by a migration; on SQLite
    an FTS5 table kept in step by triggers. Only published articles and
    photos have an entry."""

    item = models.OneToOneField("Item", primary_key=True, on_delete=models.CASCADE, related_name="search_entry")
    headline = models.TextField(blank=True)
    headline_words = models.TextField(blank=True)
    body_words = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="plain text (headline and body), for phrases and snippets")
    date = models.DateField(db_index=True)
    year = models.PositiveSmallIntegerField(db_index=True)
    page_number = models.PositiveSmallIntegerField()
    page_section = models.ForeignKey("Section", null=True, on_delete=models.SET_NULL, related_name="+")
    column_section = models.ForeignKey("Section", null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10)
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "检索索引"
        verbose_name_plural = "检索索引"
        indexes = [
            models.Index(fields=["page_section", "date"], name="search_page_section_date"),
            models.Index(fields=["column_section", "date"], name="search_column_section_date"),
        ]
