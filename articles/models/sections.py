from django.db import models
from django.urls import reverse

from ..slugs import unique_slug


class Section(models.Model):
    """A page name (版名, "综合新闻") or a column (栏目, "就地过年 暖在身边").
    Its slug is made once and never changes, so its URL is permanent."""

    PAGE = "page"
    COLUMN = "column"
    KINDS = [(PAGE, "版名"), (COLUMN, "栏目")]

    kind = models.CharField("类型", max_length=10, choices=KINDS)
    name = models.CharField("名称", max_length=100)
    slug = models.SlugField("网址名", max_length=120, unique=True, allow_unicode=True)

    class Meta:
        verbose_name = "版面/栏目"
        verbose_name_plural = "版面/栏目"
        ordering = ["kind", "name"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="section_kind_name_unique")]

    def __str__(self):
        return f"{self.get_kind_display()}：{self.name}"

    def get_absolute_url(self):
        return reverse("section-detail", args=[self.slug])

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(Section, self.name)
        super().save(*args, **kwargs)

    @classmethod
    def for_name(cls, kind, name):
        """The section of that name, made on first use. Safe against two
        imports making it at once (the unique constraint decides)."""
        name = (name or "").strip()
        if not name:
            return None
        section, _ = cls.objects.get_or_create(kind=kind, name=name)
        return section
