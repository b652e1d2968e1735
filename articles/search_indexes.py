"""What haystack indexes of an item (see articles.search.backend)."""
from haystack import indexes

from .models import Item


class ItemIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    headline = indexes.CharField()
    body = indexes.CharField()
    date = indexes.DateField(model_attr="page__issue__date")
    year = indexes.IntegerField()
    page = indexes.IntegerField(model_attr="page__number")
    page_section = indexes.IntegerField(null=True)
    column_section = indexes.IntegerField(null=True)
    kind = indexes.CharField(model_attr="kind")

    def get_model(self):
        return Item

    def index_queryset(self, using=None):
        return self.read_queryset(using).filter(status=Item.PUBLISHED, kind__in=[Item.ARTICLE, Item.PHOTO])

    def read_queryset(self, using=None):
        # Without the page's dump: a page of 800 items would otherwise bring
        # its whole raw text along 800 times (gigabytes for a large page).
        return Item.objects.with_page()

    def should_index(self, obj):
        """Only what readers may see is found."""
        return obj.status == Item.PUBLISHED and obj.kind in (Item.ARTICLE, Item.PHOTO)

    def should_update(self, instance, **kwargs):
        return True

    def prepare_headline(self, obj):
        return " ".join(x for x in (obj.kicker, obj.headline, obj.subtitle) if x)

    def prepare_body(self, obj):
        return obj.plain_text

    def prepare_text(self, obj):
        return "\n".join(x for x in (self.prepare_headline(obj), obj.plain_text) if x)

    def prepare_year(self, obj):
        return obj.page.issue.date.year

    def prepare_page_section(self, obj):
        return obj.page.section_id

    def prepare_column_section(self, obj):
        return obj.column_section_id
