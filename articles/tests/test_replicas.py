"""Read replicas, against a real PostgreSQL streaming replica: readers'
requests read from it and staff's from the primary, an import on the
primary shows on it, a replica that lags or is down is skipped, and while
the primary is stopped the public pages keep answering from the replica and
the admin says the archive is read-only.

Run with a primary and its replica (scripts/replica-clusters start; .ci/run
does it):

    DATABASE_URL=postgres://postgres@127.0.0.1:5434/archive \\
    DATABASE_REPLICA_URLS=postgres://postgres@127.0.0.1:5433/archive \\
    ./scripts/test --tag replica

The test database is made on the primary and streamed to the replica; the
replica's connection is pointed at it here (for the test runner the
replica is a mirror of the primary, so that it makes no database there).
Only the cluster scripts/replica-clusters made (archive_primary) is ever
stopped."""
import os
import subprocess
import time
import unittest
from unittest import mock

import dj_database_url
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connections
from django.test import SimpleTestCase, TransactionTestCase, override_settings, tag
from django.test.utils import CaptureQueriesContext

from articles import cache as archive_cache
from articles import replicas
from articles.models import Item
from newsroom.settings.env import replicas_from_env

from .helpers import dump_dir, import_pages, two_article_page

PRIMARY_CLUSTER = "archive_primary"


def replica_alias():
    return settings.DATABASE_REPLICAS[0] if settings.DATABASE_REPLICAS else None


def cluster_on_port(port):
    """(version, name) of the local cluster listening on `port`, or None."""
    lines = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True).stdout
    for line in lines.splitlines():
        version, name, cluster_port = line.split()[:3]
        if cluster_port == str(port):
            return version, name
    return None


@tag("replica")
class ReplicaTests(TransactionTestCase):
    databases = {"default", "replica1"}

    @classmethod
    def setUpClass(cls):
        if replica_alias() is None:
            raise unittest.SkipTest("no DATABASE_REPLICA_URLS (scripts/replica-clusters start; see this module)")
        super().setUpClass()

    def setUp(self):
        self.replica = replica_alias()
        connection = connections[self.replica]
        connection.close()
        # The replica's copy of the test database.
        connection.settings_dict = {**settings.DATABASES[self.replica],
                                    "NAME": connections["default"].settings_dict["NAME"]}
        self.wait_for_the_replica()
        replicas.forget_health()
        cache.clear()
        with dump_dir({"2021-02-04/01.txt": two_article_page()}) as d:
            self.assertEqual(import_pages(d).status, 0)
        self.item = Item.objects.get(headline="市政协召开党组会议")
        self.wait_for_the_replica()

    def tearDown(self):
        replicas.forget_health()

    def wait_for_the_replica(self, timeout=20):
        """Until the replica has replayed what the primary has committed."""
        deadline = time.monotonic() + timeout
        target = archive_cache.current("default")
        while time.monotonic() < deadline:
            try:
                if archive_cache.current(self.replica) == target:
                    return
            except Exception:   # the database is being made there
                connections[self.replica].close()
            time.sleep(0.05)
        self.fail(f"the replica did not catch up with the primary in {timeout} s")

    def queries(self, client, url):
        """The response to GET url and how many queries each database ran."""
        with CaptureQueriesContext(connections["default"]) as primary, \
                CaptureQueriesContext(connections[self.replica]) as replica:
            response = client.get(url)
        return response, len(primary), len(replica)

    def test_readers_read_from_the_replica_staff_from_the_primary(self):
        self.assertEqual(connections[self.replica].cursor().connection.info.port,
                         int(settings.DATABASES[self.replica]["PORT"]))
        with connections[self.replica].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            self.assertTrue(cursor.fetchone()[0], "the replica is not a standby")
        for url in (self.item.get_absolute_url(), "/2021/02/04/", "/search/?q=党组会议",
                    f"/api/items/{self.item.pk}/", "/people/"):
            with self.subTest(url=url):
                response, on_primary, on_replica = self.queries(self.client, url)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(on_primary, 0)
                self.assertGreater(on_replica, 0)
        self.assertContains(self.client.get("/search/?q=党组会议"), "市政协召开党组会议")
        staff = self.client_class()
        staff.force_login(User.objects.create_superuser("editor", "e@example.com", "x" * 12))
        response, on_primary, on_replica = self.queries(staff, self.item.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        self.assertGreater(on_primary, 0)
        self.assertEqual(on_replica, 0)
        response, on_primary, on_replica = self.queries(staff, "/admin/articles/item/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(on_replica, 0)

    def test_an_import_on_the_primary_shows_on_the_replica(self):
        self.assertNotContains(self.client.get("/2021/02/04/"), "第2版")
        with dump_dir({"2021-02-04/02.txt": two_article_page()}) as d:
            self.assertEqual(import_pages(d).status, 0)
        self.wait_for_the_replica()
        response, on_primary, _ = self.queries(self.client, "/2021/02/04/")
        self.assertContains(response, "第2版")
        self.assertEqual(on_primary, 0)

    @override_settings(DATABASE_REPLICA_MAX_LAG=0)
    def test_a_lagging_replica_is_skipped(self):
        with connections[self.replica].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_pause()")
        try:
            with dump_dir({"2021-02-04/02.txt": two_article_page()}) as d:
                self.assertEqual(import_pages(d).status, 0)
            deadline = time.monotonic() + 10
            with connections[self.replica].cursor() as cursor:
                while time.monotonic() < deadline:
                    cursor.execute("SELECT pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn()")
                    if cursor.fetchone()[0]:
                        break
                    time.sleep(0.05)
            with self.assertLogs("articles.replicas", "WARNING") as logged:
                response, on_primary, _ = self.queries(self.client, "/2021/02/04/")
            self.assertIn("behind the primary", logged.output[0])
            self.assertContains(response, "第2版")   # from the primary
            self.assertGreater(on_primary, 0)
        finally:
            with connections[self.replica].cursor() as cursor:
                cursor.execute("SELECT pg_wal_replay_resume()")

    def test_a_replica_that_is_down_is_skipped(self):
        connection = connections[self.replica]
        connection.close()
        connection.settings_dict = {**connection.settings_dict, "PORT": 9}   # nothing listens there
        with CaptureQueriesContext(connections["default"]) as primary, \
                self.assertLogs("articles.replicas", "WARNING") as logged:
            response = self.client.get(self.item.get_absolute_url())
        self.assertIn("does not answer", logged.output[0])
        self.assertEqual(response.status_code, 200)
        self.assertGreater(len(primary), 0)

    def test_while_the_primary_is_stopped_readers_are_served_and_the_admin_is_read_only(self):
        found = cluster_on_port(settings.DATABASES["default"]["PORT"])
        if found is None or found[1] != PRIMARY_CLUSTER:
            self.skipTest(f"the primary is not the {PRIMARY_CLUSTER} cluster of scripts/replica-clusters: "
                          f"it is not stopped")
        staff = self.client_class()
        staff.force_login(User.objects.create_superuser("editor", "e@example.com", "x" * 12))
        urls = (self.item.get_absolute_url(), "/", "/2021/02/04/1/", "/search/?q=党组会议",
                f"/api/items/{self.item.pk}/")
        self.wait_for_the_replica()
        version, name = found
        connections["default"].close()
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "stop", "-m", "fast"],
                       check=True)
        try:
            with self.assertLogs("articles.replicas", "ERROR"), self.assertLogs("articles.views.feeds", "ERROR"), \
                    self.assertLogs("django.request", "ERROR"):
                replicas.forget_health()
                for url in urls:
                    with self.subTest(url=url):
                        self.assertEqual(self.client.get(url).status_code, 200)
                        # Staff too read the archive from the replica meanwhile.
                        self.assertEqual(staff.get(url).status_code, 200)
                for client in (staff, self.client):
                    response = client.get("/admin/articles/item/")
                    self.assertContains(response, "档案暂时只读", status_code=503)
                health = self.client.get("/healthz")
                self.assertEqual((health.status_code, health.json()["status"]), (200, "read-only"))
        finally:
            connections["default"].close()
            subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, name, "start"], check=True)
            for _ in range(100):
                if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p",
                                   str(settings.DATABASES["default"]["PORT"])]).returncode == 0:
                    break
                time.sleep(0.1)
            replicas.forget_health()
        self.assertEqual(staff.get("/admin/articles/item/").status_code, 200)


class ReplicaSettingsTests(SimpleTestCase):
    """DATABASE_REPLICA_URLS, read strictly (without a server)."""

    def replicas(self, value, primary="postgres://postgres@127.0.0.1:5432/archive"):
        with mock.patch.dict(os.environ, {"DATABASE_REPLICA_URLS": value}):
            return replicas_from_env(dj_database_url.parse(primary))

    def test_each_url_is_a_database_of_its_own(self):
        found = self.replicas("postgres://r@10.0.0.2:5432/archive, postgres://r@10.0.0.3:5432/archive")
        self.assertEqual(list(found), ["replica1", "replica2"])
        self.assertEqual(found["replica2"]["HOST"], "10.0.0.3")
        self.assertEqual(found["replica1"]["OPTIONS"]["connect_timeout"], 3)
        self.assertEqual(found["replica1"]["TEST"], {"MIRROR": "default"})
        self.assertEqual(self.replicas(""), {})

    def test_only_postgresql_replicas_of_a_postgresql_primary(self):
        with self.assertRaisesMessage(ImproperlyConfigured, "sqlite: is not PostgreSQL"):
            self.replicas("sqlite:////tmp/x.sqlite3")
        with self.assertRaisesMessage(ImproperlyConfigured, "needs a PostgreSQL DATABASE_URL"):
            self.replicas("postgres://r@10.0.0.2:5432/archive", primary="sqlite:////tmp/x.sqlite3")
