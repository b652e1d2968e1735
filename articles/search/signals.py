"""A haystack signal processor that indexes in the same transaction as the
change (the backend writes to the same database). An entry holds an item's
words and what searches filter on (date, page, sections, kind); credits and
mentions are read live from their tables, so only changes to items, pages
and issues need a reindex. A deleted item's entry goes with it (cascade)."""
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from . import indexing


class TransactionalSignalProcessor(BaseSignalProcessor):
    def _connections(self):
        from ..models import Issue, Item, Page
        return [(self.item_saved, Item), (self.page_saved, Page), (self.issue_saved, Issue)]

    def setup(self):
        for handler, model in self._connections():
            signals.post_save.connect(handler, sender=model)

    def teardown(self):
        for handler, model in self._connections():
            signals.post_save.disconnect(handler, sender=model)

    @staticmethod
    def _touch(pks):
        pks = list(pks)
        if pks and not all(indexing.note(pk) for pk in pks):
            indexing.reindex(pks)

    def item_saved(self, sender, instance, **kwargs):
        self._touch([instance.pk])

    def page_saved(self, sender, instance, created=False, **kwargs):
        if not created:
            self._touch(instance.items.values_list("pk", flat=True))

    def issue_saved(self, sender, instance, created=False, **kwargs):
        if not created:
            from ..models import Item
            self._touch(Item.objects.filter(page__issue=instance).values_list("pk", flat=True))
