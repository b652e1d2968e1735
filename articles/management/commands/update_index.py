"""python manage.py update_index: bring the search index up to date.

Indexes, in batches, every published item whose entry is missing or older
than the item, and drops the entries of items readers may no longer see.
Each batch is its own transaction, so an interrupted run loses nothing:
run it again and it goes on where it stopped. (Overrides haystack's command
of the same name, which cannot resume.)"""
import sys

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import F, Q

from ...models import Item, SearchEntry
from ...search import indexing, schema


def stale_items():
    visible = Item.objects.published()
    return visible.filter(Q(search_entry__isnull=True) | Q(search_entry__indexed_at__lt=F("updated_at")))


class Command(BaseCommand):
    help = "Index items that are new or changed since they were indexed; resumable."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, batch_size=500, no_progress=False, **options):
        gone = SearchEntry.objects.exclude(item__in=Item.objects.published())
        removed = gone.count()
        if removed:
            gone.delete()
        todo = stale_items().count()
        bar = None
        if todo and not no_progress and sys.stderr.isatty():
            from tqdm import tqdm
            bar = tqdm(total=todo, unit="item", file=sys.stderr)
        done, last = 0, 0
        while True:
            pks = list(stale_items().filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not pks:
                break
            with transaction.atomic():
                indexing.reindex(pks)
            done += len(pks)
            last = pks[-1]
            if bar is not None:
                bar.update(len(pks))
        if bar is not None:
            bar.close()
        schema.ensure_bulk_indexes()
        self.stdout.write(f"indexed {done} items, removed {removed} entries; "
                          f"{SearchEntry.objects.count()} items in the index")
