"""SQLite's planner statistics (articles/search/schema.py): gathered after
an import when the archive has grown by a tenth, read whole (a sampled
reading told the planner that a (kind, status) index picks out a thousand
of a million items, and it read every item through it)."""
from django.db import connection
from django.test import TestCase, tag

from articles.search import schema

from . import factories


def item_statistics():
    with connection.cursor() as cursor:
        cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'articles_item' AND idx = 'item_kind_status'")
        row = cursor.fetchone()
    return row[0] if row else None


@tag("engine")
class StatisticsTests(TestCase):
    def setUp(self):
        if connection.vendor != "sqlite":
            self.skipTest("SQLite's statistics (PostgreSQL's autovacuum keeps its own)")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
            if cursor.fetchone()[0]:
                cursor.execute("DELETE FROM sqlite_stat1")

    def test_every_item_is_counted_not_a_sample(self):
        factories.issue("2021-02-04", pages=4, items_per_page=300)
        schema.refresh_statistics()
        # 1,200 items of one kind and status: the index's rows per key are
        # all of them (a sample of 1,000 rows said 1,001).
        self.assertEqual(item_statistics(), "1200 1200 1200")

    def test_read_again_only_when_the_archive_has_grown_by_a_tenth(self):
        factories.issue("2021-02-04", pages=2, items_per_page=100)
        schema.refresh_statistics()
        self.assertEqual(item_statistics(), "200 200 200")
        factories.issue("2021-02-05", pages=1, items_per_page=30)
        schema.refresh_statistics()
        self.assertEqual(item_statistics(), "200 200 200")      # 230: not yet
        factories.issue("2021-02-06", pages=1, items_per_page=100)
        schema.refresh_statistics()
        self.assertEqual(item_statistics(), "330 330 330")

    def test_an_import_gathers_them(self):
        from .helpers import dump_dir, import_pages, two_article_page
        with dump_dir({"2021-02-04/01.txt": two_article_page()}) as d:
            self.assertEqual(import_pages(d).status, 0)
        self.assertEqual(item_statistics(), "2 2 2")
