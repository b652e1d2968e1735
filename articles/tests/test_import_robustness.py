"""The importer when things go wrong while it runs: two imports at once, a
file removed mid-run, the database going away. Real transactions and real
connections, so TransactionTestCase."""
import threading
import unittest

import psycopg
from django.db import connection
from django.test import TransactionTestCase, tag

from articles.importing.runner import ImportRunner, jobs_for_paths
from articles.models import ImportFile, Item, Page, Person

from .helpers import dump_dir, two_article_page

PAGES = {f"2021-02-0{d}/0{p}.txt": two_article_page(f"第{d}日第{p}版，市政协召开会议。")
         for d in (4, 5, 6) for p in (1, 2)}


def sorted_files(d):
    return sorted(str(p) for p in d.rglob("*.txt"))


class ConcurrentImportTests(TransactionTestCase):
    def test_two_imports_of_the_same_files_at_once_import_each_page_exactly_once(self):
        if connection.vendor == "sqlite":
            self.skipTest("SQLite serialises writers itself; this is about PostgreSQL's row locks")
        results, errors = {}, []
        with dump_dir(PAGES) as d:
            files = sorted_files(d)
            barrier = threading.Barrier(2)

            def worker(name):
                try:
                    barrier.wait()
                    results[name] = ImportRunner(username=name).run(jobs_for_paths(files))
                except Exception as e:  # reported below, with the thread's name
                    errors.append((name, e))
                finally:
                    connection.close()

            threads = [threading.Thread(target=worker, args=(n,)) for n in ("a", "b")]
            for t in threads:
                t.start()
            for t in threads:
                t.join(120)
        self.assertEqual(errors, [])
        statuses = sorted(o.status for s in results.values() for o in s.outcomes)
        self.assertEqual(statuses, ["imported"] * 6 + ["skipped"] * 6)
        self.assertEqual(Page.objects.count(), 6)
        self.assertEqual(Item.objects.count(), 12)
        self.assertEqual(Person.objects.filter(name="雷甫").count(), 1)
        self.assertEqual(ImportFile.objects.filter(status=ImportFile.IMPORTED).count(), 6)


@tag("engine")
class MidRunFailureTests(TransactionTestCase):
    def test_a_file_removed_mid_run_fails_and_the_others_import(self):
        with dump_dir(PAGES) as d:
            files = sorted_files(d)

            def remove_the_next(outcome):
                if outcome.path == files[0]:
                    import os
                    os.remove(files[1])

            summary = ImportRunner(on_file=remove_the_next).run(jobs_for_paths(files))
        failed = [o for o in summary.outcomes if o.status == "failed"]
        self.assertEqual([o.path for o in failed], [files[1]])
        self.assertIn("gone", failed[0].message)
        self.assertEqual(Page.objects.count(), 5)

    @unittest.skipUnless(connection.vendor == "postgresql", "terminates a PostgreSQL backend")
    def test_the_database_going_away_fails_one_page_whole_and_the_run_goes_on(self):
        with dump_dir(PAGES) as d:
            files = sorted_files(d)[:3]

            def kill_my_connection(outcome):
                if outcome.path == files[0]:
                    with connection.cursor() as c:
                        c.execute("SELECT pg_backend_pid()")
                        pid = c.fetchone()[0]
                    s = connection.settings_dict
                    with psycopg.connect(host=s["HOST"], port=s["PORT"] or 5432, user=s["USER"],
                                         password=s["PASSWORD"], dbname=s["NAME"], autocommit=True) as admin:
                        admin.execute("SELECT pg_terminate_backend(%s)", [pid])

            summary = ImportRunner(on_file=kill_my_connection).run(jobs_for_paths(files))
        statuses = [o.status for o in summary.outcomes]
        self.assertEqual(statuses[0], "imported")
        # The page being written when the connection died is not there at
        # all (one transaction per page); the run reconnects and goes on.
        self.assertIn("failed", statuses[1:])
        failed = next(o for o in summary.outcomes if o.status == "failed")
        self.assertIn("database error", failed.message)
        self.assertEqual(Page.objects.count(), statuses.count("imported"))
        self.assertEqual(statuses[-1], "imported")
        for page in Page.objects.all():
            self.assertEqual(page.items.count(), 2)
