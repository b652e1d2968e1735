"""python manage.py rebuild_index: empty the search index and index every
published item again, in resumable batches (see update_index)."""
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ...models import SearchEntry


class Command(BaseCommand):
    help = "Clear the search index and index everything again (resume with update_index)."

    def add_arguments(self, parser):
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive")
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, interactive=True, batch_size=500, **options):
        if interactive:
            answer = input("This empties the search index and rebuilds it. Continue? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("cancelled")
        SearchEntry.objects.all().delete()
        call_command("update_index", batch_size=batch_size, stdout=self.stdout)
