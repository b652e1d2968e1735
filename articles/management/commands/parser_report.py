"""python manage.py parser_report: the current parser scored on every page
editors checked (已校对), with the metrics of the shared score_page.py
(articles/pagedump/scoring.py), one line a page, then their means, ending

    overall 0.987 over 12 pages
"""
from django.core.management.base import BaseCommand, no_translations

from ...pagedump import PARSER_VERSION
from ...pagedump.scoring import METRICS
from ...proofing.gold import checked_pages, report


def _value(v):
    return "  —  " if v is None else f"{v:.3f}"


class Command(BaseCommand):
    help = "Score the current parser on every checked page."

    def add_arguments(self, parser):
        parser.add_argument("--since", metavar="DATE", help="only pages checked on or after this day (YYYY-MM-DD)")

    @no_translations
    def handle(self, *args, since=None, **options):
        import datetime
        pages = checked_pages(datetime.date.fromisoformat(since) if since else None)
        rows, means = report(pages)
        self.stdout.write(f"parser version {PARSER_VERSION}, {len(rows)} checked page(s)")
        for page, metrics in rows:
            self.stdout.write(f"{page.issue.date:%Y-%m-%d} page {page.number:<3d} overall {_value(metrics['overall'])}  "
                              + " ".join(f"{k} {_value(metrics.get(k))}" for k in METRICS))
        if rows:
            self.stdout.write("mean: " + " ".join(f"{k} {_value(means.get(k))}" for k in METRICS))
        self.stdout.write(f"overall {means.get('overall', 0.0):.3f} over {len(rows)} pages")
