"""python manage.py rebuild_index: empty the search index and index every
published item again, in batches. On PostgreSQL its GIN indexes are dropped
for the duration and built once at the end (much faster); an interrupted
rebuild is finished by `update_index`, which also makes them again."""
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ...models import SearchEntry
from ...search import schema


class Command(BaseCommand):
    help = "Clear the search index and index everything again (resume with update_index)."

    def add_arguments(self, parser):
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive")
        parser.add_argument("--batch-size", type=int, default=1000)
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, interactive=True, batch_size=1000, no_progress=False, **options):
        if interactive:
            answer = input("This empties the search index and rebuilds it. Continue? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("cancelled")
        SearchEntry.objects.all().delete()
        schema.drop_bulk_indexes()
        try:
            call_command("update_index", batch_size=batch_size, no_progress=no_progress, stdout=self.stdout)
        finally:
            schema.ensure_bulk_indexes()
