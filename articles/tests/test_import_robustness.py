"""The importer when things go wrong while it runs: two imports at once, a
file removed mid-run, the database going away, a run killed outright. Real
transactions and real connections, so TransactionTestCase."""
import datetime
import os
import signal
import subprocess
import sys
import threading
import time
import unittest

import psycopg
from django.db import connection
from django.test import TestCase, TransactionTestCase, tag
from django.utils import timezone

from articles.importing.runner import HOST, ImportRunner, jobs_for_paths
from articles.models import ImportFile, ImportRun, Item, Page, Person

from .helpers import dump_dir, import_pages, many_articles_dump, two_article_page
from .support import ROOT

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
        self.assertIn("文件不见了", failed[0].message)
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
        self.assertIn("数据库错误", failed.message)
        self.assertEqual(Page.objects.count(), statuses.count("imported"))
        self.assertEqual(statuses[-1], "imported")
        for page in Page.objects.all():
            self.assertEqual(page.items.count(), 2)


def url_of_the_test_database():
    db = connection.settings_dict
    return (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
            f"/{db['NAME']}")


@unittest.skipUnless(connection.vendor == "postgresql", "a process of its own needs a database server")
class KilledRunTests(TransactionTestCase):
    def test_a_run_killed_with_sigkill_is_marked_interrupted_by_the_next_run(self):
        data, _ = many_articles_dump(2 * 1024 * 1024)
        with dump_dir({"2021-06-01/01.txt": data, "2021-06-02/01.txt": two_article_page()}) as d:
            env = dict(os.environ, DATABASE_URL=url_of_the_test_database(),
                       DJANGO_SETTINGS_MODULE="newsroom.settings.test")
            proc = subprocess.Popen([sys.executable, "manage.py", "import_pages", str(d / "2021-06-01"),
                                     "--no-progress"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL)
            try:
                deadline = time.monotonic() + 60
                while not ImportRun.objects.filter(status=ImportRun.RUNNING).exists():
                    self.assertIsNone(proc.poll(), "the import ended before it could be killed")
                    self.assertLess(time.monotonic(), deadline)
                    time.sleep(0.02)
            finally:
                proc.send_signal(signal.SIGKILL)
                proc.wait()
            killed = ImportRun.objects.get()
            self.assertEqual((killed.status, killed.pid, killed.host), (ImportRun.RUNNING, proc.pid, HOST))
            self.assertEqual(import_pages(d / "2021-06-02").status, 0)
        killed.refresh_from_db()
        self.assertEqual(killed.status, ImportRun.INTERRUPTED)
        self.assertIsNotNone(killed.finished_at)
        self.assertEqual(ImportRun.objects.exclude(pk=killed.pk).get().status, ImportRun.FINISHED)


@tag("engine")
class LeftRunningTests(TestCase):
    def test_runs_left_running_are_marked_interrupted_when_the_next_run_starts(self):
        finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                                  text=True)
        dead_pid = int(finished.stdout)
        long_ago = timezone.now() - datetime.timedelta(hours=2)
        runs = {
            "dead here": ImportRun.objects.create(host=HOST, pid=dead_pid, heartbeat_at=timezone.now()),
            "alive here": ImportRun.objects.create(host=HOST, pid=os.getpid(), heartbeat_at=long_ago),
            "silent elsewhere": ImportRun.objects.create(host="elsewhere", pid=1, heartbeat_at=long_ago),
            "busy elsewhere": ImportRun.objects.create(host="elsewhere", pid=1, heartbeat_at=timezone.now()),
        }
        ImportFile.objects.create(run=runs["dead here"], path="a.txt", status=ImportFile.IMPORTED, items=3)
        with dump_dir({"2021-06-02-01.txt": two_article_page()}) as d:
            self.assertEqual(import_pages(d).status, 0)
        status = {name: ImportRun.objects.get(pk=run.pk).status for name, run in runs.items()}
        self.assertEqual(status, {"dead here": ImportRun.INTERRUPTED, "alive here": ImportRun.RUNNING,
                                  "silent elsewhere": ImportRun.INTERRUPTED, "busy elsewhere": ImportRun.RUNNING})
        dead = ImportRun.objects.get(pk=runs["dead here"].pk)
        self.assertEqual((dead.imported, dead.items), (1, 3))
