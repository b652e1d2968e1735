"""python manage.py backup_archive PATH: a backup of the whole archive, made
with the configured engine's own tool (pg_dump -Fc, or SQLite's online
backup) while the archive stays in use. See articles/backup.py."""
from django.core.management.base import BaseCommand, CommandError

from ... import backup
from ...models import Issue, Item, Page


class Command(BaseCommand):
    help = "Back up the archive's database to PATH (PostgreSQL: pg_dump -Fc; SQLite: online backup)."

    def add_arguments(self, parser):
        parser.add_argument("path", metavar="PATH", help="the backup file to write (must not exist)")

    def handle(self, *args, path, **options):
        counts = f"{Issue.objects.count()} issues, {Page.objects.count()} pages, {Item.objects.count()} items"
        try:
            size = backup.backup(path)
        except backup.BackupError as e:
            raise CommandError(str(e))
        self.stdout.write(f"backed up the {backup.engine()} archive ({counts}) to {path}: "
                          f"{size / 1024 / 1024:.1f} MB")
