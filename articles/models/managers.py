"""Query sets: what readers may see is asked for in one place (`published()`)."""
from django.db import models


PAGE_DUMP_FIELDS = ("page__raw_text", "page__warnings")


class IssueQuerySet(models.QuerySet):
    def with_published_items(self):
        return self.filter(pages__items__status="published", pages__items__kind__in=["article", "photo"]).distinct()


class ItemQuerySet(models.QuerySet):
    def published(self):
        """Items a reader may see: articles and photos, not withdrawn."""
        return self.filter(status="published", kind__in=["article", "photo"])

    def with_page(self):
        """With the page and issue it is printed in, but not the page's dump
        (kilobytes, repeated for every item of a list)."""
        return self.select_related("page", "page__issue").defer(*PAGE_DUMP_FIELDS)

    def newest_first(self):
        return self.order_by("-page__issue__date", "page__number", "position")


class PersonQuerySet(models.QuerySet):
    def reporters(self):
        return self.exclude(kind="named")

    def named(self):
        return self.filter(kind="named")
