"""python manage.py update_index: bring the search index up to date.

Indexes, in batches, every published item whose entry is missing or older
than the item, and drops the entries of items readers may no longer see.
Each batch is its own transaction, so an interrupted run loses nothing:
run it again and it goes on where it stopped. (Overrides haystack's command
of the same name, which cannot resume.)

On PostgreSQL `--workers N` indexes batches in N processes at once:
segmenting is Python's work and computing the vectors the server's, so
they overlap. SQLite takes one writer at a time: there it is always one."""
import multiprocessing
import os
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connection, connections, transaction
from django.db.models import F, Q
from django.db.models.expressions import RawSQL

from ... import cache
from ...models import Item, SearchEntry
from ...search import indexing, schema


def stale_items():
    """Published items whose entry is missing, older than the item, or not
    searchable here: written by the other engine (its data loaded with
    loaddata or restored), or, on PostgreSQL, without its text vector."""
    visible = Item.objects.published()
    stale = Q(search_entry__isnull=True) | Q(search_entry__indexed_at__lt=F("updated_at"))
    other_engines = {"postgresql", "sqlite"} - {connection.vendor}
    stale |= Q(search_entry__engine__in=other_engines)
    if connection.vendor == "postgresql":
        stale |= Q(pk__in=RawSQL("SELECT item_id FROM articles_searchentry WHERE document IS NULL", []))
    return visible.filter(stale)


def index_batch(pks):
    """One batch, in its own transaction (also the task of a worker)."""
    with transaction.atomic():
        indexing.reindex(pks)
    return len(pks)


def default_workers():
    return min(4, os.cpu_count() or 1) if connection.vendor == "postgresql" else 1


class Command(BaseCommand):
    help = "Index items that are new or changed since they were indexed; resumable."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--workers", type=int, default=1,
                            help="processes indexing at once (PostgreSQL only; default 1)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, batch_size=500, workers=1, no_progress=False, **options):
        if batch_size < 1 or workers < 1:
            raise CommandError("--batch-size and --workers must be at least 1")
        gone = SearchEntry.objects.exclude(item__in=Item.objects.published())
        removed = gone.count()
        if removed:
            gone.delete()
        todo = stale_items().count()
        bar = None
        if todo and not no_progress and sys.stderr.isatty():
            from tqdm import tqdm
            bar = tqdm(total=todo, unit="item", file=sys.stderr)
        # (Inside a caller's transaction the workers could not see its rows.)
        try:
            if workers > 1 and connection.vendor == "postgresql" and todo > batch_size \
                    and not connection.in_atomic_block:
                done = self._in_parallel(batch_size, workers, bar)
            else:
                done = self._in_turn(batch_size, bar)
        except DatabaseError as e:
            raise CommandError(f"indexing stopped: {e}. The batches done are kept; "
                               f"run update_index again to go on.") from e
        if bar is not None:
            bar.close()
        schema.ensure_bulk_indexes()
        if done:
            schema.clean_pending_lists()     # the new entries, merged now rather than by a later insert
        if removed or done:
            # Searches answer differently now: cached answers are of the past.
            # (The index's own writes do not bump the archive version, so
            # that batches run in parallel: see articles/cache.py.)
            cache.bump()
        self.stdout.write(f"indexed {done} items, removed {removed} entries; "
                          f"{SearchEntry.objects.count()} items in the index")

    def _in_turn(self, batch_size, bar):
        done, last = 0, 0
        while True:
            pks = list(stale_items().filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:batch_size])
            if not pks:
                return done
            done += index_batch(pks)
            last = pks[-1]
            if bar is not None:
                bar.update(len(pks))

    def _in_parallel(self, batch_size, workers, bar):
        pks = list(stale_items().order_by("pk").values_list("pk", flat=True))
        batches = [pks[i:i + batch_size] for i in range(0, len(pks), batch_size)]
        # Closed before forking, so that no worker inherits (and shares) this
        # process's connection: each opens its own.
        connections.close_all()
        done = 0
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for n in pool.imap_unordered(index_batch, batches):
                done += n
                if bar is not None:
                    bar.update(n)
        return done
