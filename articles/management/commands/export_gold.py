"""python manage.py export_gold DIR [--since DATE]: every page editors
checked (已校对), as the parser's test and training data.

    DIR/<date>-<page>.txt         the page's dump, as imported
    DIR/<date>-<page>.gold.json   its items as the editors left them (PAGE_FORMAT.md §3)

The folder is what `train_parser --checked DIR` trains with and
`import_gold` loads back.
"""
import datetime

from django.core.management.base import BaseCommand, CommandError, no_translations

from ...proofing.gold import export_gold


def _date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--since {value}: not a date (YYYY-MM-DD)")


class Command(BaseCommand):
    help = "Write every checked page as DIR/<date>-<page>.txt and DIR/<date>-<page>.gold.json."

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR")
        parser.add_argument("--since", metavar="DATE", help="only pages checked on or after this day (YYYY-MM-DD)")

    @no_translations
    def handle(self, *args, folder, since=None, **options):
        since = _date(since) if since else None
        try:
            written = export_gold(folder, since)
        except OSError as e:
            raise CommandError(f"{folder}: {e.strerror or e}")
        if options["verbosity"] >= 2:
            for name in written:
                self.stdout.write(f"  {name}.txt, {name}.gold.json")
        self.stdout.write(f"{len(written)} checked page(s) written to {folder}")
