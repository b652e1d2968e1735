"""python manage.py rebuild_index: empty the search index and index every
published item again, in batches. On PostgreSQL its GIN indexes are dropped
for the duration and built once at the end (much faster); an interrupted
rebuild is finished by `update_index`, which also makes them again. On
PostgreSQL several processes index at once (`--workers`)."""
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ...models import SearchEntry
from ...search import schema
from .update_index import default_workers


class Command(BaseCommand):
    help = "Clear the search index and index everything again (resume with update_index)."

    def add_arguments(self, parser):
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive")
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--workers", type=int, default=None,
                            help="processes indexing at once (PostgreSQL; default: the cores, up to 4)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, interactive=True, batch_size=1000, workers=None, no_progress=False, **options):
        if interactive:
            answer = input("This empties the search index and rebuilds it. Continue? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("cancelled")
        SearchEntry.objects.all().delete()
        schema.drop_bulk_indexes()
        try:
            # update_index makes the dropped indexes again when it ends...
            call_command("update_index", batch_size=batch_size, workers=workers or default_workers(),
                         no_progress=no_progress, stdout=self.stdout)
        except BaseException:
            # ...and here, when it stops short, over what it did index.
            schema.ensure_bulk_indexes()
            raise
