"""python manage.py restore_archive PATH: replace the archive with a backup
made by backup_archive (pg_restore, or SQLite's backup API), bring its
schema up to date (migrate), and rebuild what is derived from it (the
search index). See articles/backup.py."""
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from ... import backup
from ...models import Issue, Item, Page


class Command(BaseCommand):
    help = "Replace the archive with the backup at PATH, then migrate and rebuild the search index."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="a backup written by backup_archive")
        parser.add_argument("--no-input", "--noinput", action="store_false", dest="interactive",
                            help="do not ask before replacing the archive")
        parser.add_argument("--workers", type=int, default=None,
                            help="processes rebuilding the search index (PostgreSQL; default: the cores, up to 4)")

    def handle(self, *args, path, interactive=True, workers=None, **options):
        if interactive:
            answer = input(f"This replaces the whole archive ({backup.engine()}) with {path}. Continue? [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                raise CommandError("cancelled")
        try:
            backup.restore(path)
        except backup.BackupError as e:
            raise CommandError(str(e))
        # A backup may be older than the code.
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"restored {path}: {Issue.objects.count()} issues, {Page.objects.count()} pages, "
                          f"{Item.objects.count()} items")
        call_command("rebuild_index", interactive=False, workers=workers, no_progress=True, stdout=self.stdout)
