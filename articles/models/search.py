from django.db import models


class SearchEntry(models.Model):
    """An item as the full-text index sees it: its words (segmented by
    articles.search.segment) and what searches filter and facet on.

    On PostgreSQL the words become two tsvector columns when the entry is
    written (`document`: headline words weighted A, body B; and
    `headline_document`), GIN-indexed, added by migrations, and the word
    columns stay empty; on SQLite the words are kept for an FTS5 table that
    triggers keep in step. Only published articles and photos have an entry."""

    item = models.OneToOneField("Item", primary_key=True, on_delete=models.CASCADE, related_name="search_entry")
    headline = models.TextField(blank=True)
    headline_words = models.TextField(blank=True)
    body_words = models.TextField(blank=True)
    date = models.DateField(db_index=True)
    year = models.PositiveSmallIntegerField(db_index=True)
    page_number = models.PositiveSmallIntegerField()
    page_section = models.ForeignKey("Section", null=True, on_delete=models.SET_NULL, related_name="+")
    column_section = models.ForeignKey("Section", null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(max_length=10)
    indexed_at = models.DateTimeField(auto_now=True)
    # The engine that wrote it ("postgresql", "sqlite"). An entry loaded from
    # the other engine's data (loaddata, a restore) holds no words this one
    # can search: update_index takes it for stale. (Nullable, without a
    # default, so that SQLite adds the column in place: rebuilding the table
    # would drop the triggers that keep its FTS tables in step.)
    engine = models.CharField(max_length=10, null=True, blank=True)

    class Meta:
        verbose_name = "检索索引"
        verbose_name_plural = "检索索引"
        indexes = [
            models.Index(fields=["page_section", "date"], name="search_page_section_date"),
            models.Index(fields=["column_section", "date"], name="search_column_section_date"),
            models.Index(fields=["-date", "page_number", "item"], name="search_date_order"),
        ]
