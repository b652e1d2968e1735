"""PostgreSQL: new index entries wait in the GIN indexes' pending lists (up
to 64 MB) and the importer merges them between pages and at the end of a
run (articles/search/schema.py), so that no page's transaction pays for the
merge and no search reads a long list."""
import io
from unittest import mock

from django.db import connection
from django.test import TestCase

from articles.search import schema

from .helpers import dump_dir, import_pages, two_article_page


class PendingListTests(TestCase):
    def setUp(self):
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL's GIN indexes")

    def test_the_indexes_pending_lists_may_grow_to_64_mb(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT relname, reloptions FROM pg_class WHERE relname = ANY(%s) ORDER BY relname",
                           [list(schema.POSTGRES_GIN)])
            rows = cursor.fetchall()
        self.assertEqual([name for name, _ in rows], sorted(schema.POSTGRES_GIN))
        for _name, options in rows:
            self.assertIn("gin_pending_list_limit=65536", options)

    def test_an_import_run_leaves_nothing_pending(self):
        pages = {f"2021-02-04/0{n}.txt": two_article_page(f"第{n}版，市政协召开会议。") for n in range(1, 4)}
        with dump_dir(pages) as d:
            self.assertEqual(import_pages(d).status, 0)
        self.assertEqual(schema.clean_pending_lists(), 0)

    def test_a_long_run_merges_them_every_so_many_pages(self):
        pages = {f"2021-02-04/0{n}.txt": two_article_page(f"第{n}版，市政协召开会议。") for n in range(1, 6)}
        with mock.patch.object(schema, "PENDING_PAGES", 2), \
                mock.patch.object(schema, "clean_pending_lists", wraps=schema.clean_pending_lists) as clean, \
                dump_dir(pages) as d:
            self.assertEqual(import_pages(d).status, 0)
        self.assertEqual(clean.call_count, 3)      # after pages 2 and 4, and at the end

    def test_entries_written_outside_an_import_wait_in_the_list(self):
        # (What the runner's merge is for: a page's entries go to the list.)
        from . import factories
        factories.issue("2021-02-05", items_per_page=3)
        self.assertGreater(schema.clean_pending_lists(), 0)

    def test_update_index_leaves_nothing_pending(self):
        from django.core.management import call_command

        from articles.models import SearchEntry

        from . import factories
        factories.issue("2021-02-05", items_per_page=3)
        SearchEntry.objects.all().delete()
        schema.clean_pending_lists()
        call_command("update_index", "--no-progress", stdout=io.StringIO())
        self.assertEqual(SearchEntry.objects.count(), 3)
        self.assertEqual(schema.clean_pending_lists(), 0)
