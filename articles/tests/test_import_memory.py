"""The import's memory: bounded by the page, not by page × items (the index
never reads the page's dump once per item), dumps over
ARCHIVE_MAX_DUMP_BYTES refused before parsing, and a run that dies of
anything unforeseen logged as interrupted, not "running"."""
import os
import subprocess
import sys
import tempfile
import unittest

from django.db import connection
from django.test import TestCase, TransactionTestCase, override_settings, tag
from django.test.utils import CaptureQueriesContext

from articles.importing.runner import ImportRunner, jobs_for_paths
from articles.models import ImportFile, ImportRun, Item, Page

from .helpers import dump_dir, import_pages, many_articles_dump, two_article_page
from .support import ROOT


@tag("engine")
class IndexingReadsTests(TestCase):
    def test_indexing_an_imported_page_never_reads_its_dump_with_the_items(self):
        data, articles = many_articles_dump(40 * 1024)
        with dump_dir({"2021-06-01/01.txt": data}) as d, CaptureQueriesContext(connection) as queries:
            result = import_pages(d)
        self.assertEqual(result.status, 0, result)
        self.assertEqual(Item.objects.exclude(kind=Item.BANNER).count(), articles)
        # The page's text is written once; a query that reads items must
        # not bring it along (once per item: gigabytes for a large page).
        readers = [q["sql"] for q in queries.captured_queries
                   if q["sql"].startswith("SELECT") and "articles_item" in q["sql"]]
        self.assertTrue(readers)
        for sql in readers:
            self.assertNotIn("raw_text", sql)


@tag("engine")
class DumpSizeLimitTests(TestCase):
    @override_settings(ARCHIVE_MAX_DUMP_BYTES=10_000)
    def test_a_dump_over_the_limit_is_refused_before_parsing_and_the_rest_imports(self):
        big, _ = many_articles_dump(12_000)
        with dump_dir({"2021-06-01-01.txt": big, "2021-06-01-02.txt": two_article_page()}) as d:
            result = import_pages(d)
        self.assertEqual(result.status, 1, result)
        self.assertIn("2021-06-01-01.txt: the file is 12,", result.err)
        self.assertIn("more than a page dump may be (10,000 bytes, ARCHIVE_MAX_DUMP_BYTES)", result.err)
        self.assertEqual(list(Page.objects.values_list("number", flat=True)), [2])
        failed = ImportFile.objects.get(status=ImportFile.FAILED)
        self.assertIn("ARCHIVE_MAX_DUMP_BYTES", failed.message)

    @override_settings(ARCHIVE_MAX_DUMP_BYTES=10_000)
    def test_a_dump_at_the_limit_imports(self):
        page = two_article_page().encode()
        sentence = "市政协召开党组会议，集中学习有关讲话精神。".encode()
        page += sentence * ((10_000 - len(page)) // len(sentence))
        self.assertGreater(len(page), 10_000 - len(sentence))
        with dump_dir({"2021-06-01-01.txt": page}) as d:
            self.assertEqual(import_pages(d).status, 0)

    def test_the_default_limit_is_five_megabytes(self):
        from django.conf import settings
        self.assertEqual(settings.ARCHIVE_MAX_DUMP_BYTES, 5 * 1024 * 1024)


@tag("engine")
class InterruptedRunTests(TestCase):
    def test_a_run_stopped_by_an_unforeseen_error_is_logged_as_interrupted(self):
        def interrupt(outcome):
            raise KeyboardInterrupt

        with dump_dir({"2021-06-01-01.txt": two_article_page(), "2021-06-01-02.txt": two_article_page()}) as d:
            files = sorted(str(p) for p in d.iterdir())
            with self.assertRaises(KeyboardInterrupt):
                ImportRunner(on_file=interrupt).run(jobs_for_paths(files))
        run = ImportRun.objects.get()
        self.assertEqual(run.status, ImportRun.INTERRUPTED)
        self.assertIsNotNone(run.finished_at)
        self.assertEqual(run.file_results.count(), 1)


def import_in_a_process(path):
    """(exit status, peak RSS in MB, output) of `manage.py import_pages path`
    run in a process of its own on the test database, as an operator would."""
    db = connection.settings_dict
    url = (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
           f"/{db['NAME']}")
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="newsroom.settings.test")
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "manage.py", "import_pages", str(path), "--no-progress"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return proc.returncode, usage.ru_maxrss / 1024, out.read().decode("utf-8", "replace")


@unittest.skipUnless(connection.vendor == "postgresql", "a process of its own needs a database server")
class PeakMemoryTests(TransactionTestCase):
    def test_importing_a_one_megabyte_page_of_600_items_stays_under_350_mb(self):
        data, articles = many_articles_dump(1024 * 1024)
        with dump_dir({"2021-06-01/01.txt": data}) as d:
            status, peak_mb, output = import_in_a_process(d)
        self.assertEqual(status, 0, output)
        self.assertEqual(Item.objects.exclude(kind=Item.BANNER).count(), articles)
        # The target: 300 MB + 50 × the dump's size. (Before the
        # fix: 1.1 GB, the page's text read once per item.)
        self.assertLess(peak_mb, 300 + 50 * len(data) / 1024 / 1024, output)
