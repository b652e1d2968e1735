"""manage.py rebuild_index and update_index (tagged "engine": run on
PostgreSQL and on SQLite)."""
import os
import subprocess
import sys
from io import StringIO
from unittest import skipUnless

from django.core.management import call_command
from django.db import connection
from django.test import TestCase, TransactionTestCase, tag

from articles.models import Item, SearchEntry
from articles.search import schema

from . import factories
from .support import ROOT


def found(q):
    from articles.search import service
    return {r["item"].pk for r in service.run(service.SearchForm.from_params({"q": q})).results}


def gin_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'articles_searchentry'")
        return {name for (name,) in cursor.fetchall()} & set(schema.POSTGRES_GIN)


@tag("engine")
class IndexCommandTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        factories.issue("2021-02-04", pages=2, items_per_page=3)
        factories.issue("2021-02-05", pages=1, items_per_page=2)
        cls.items = list(Item.objects.order_by("pk"))

    def call(self, name, **options):
        out = StringIO()
        call_command(name, stdout=out, no_progress=True, **options)
        return out.getvalue()

    def test_rebuild_index_indexes_every_published_item_and_nothing_else(self):
        withdrawn = self.items[0]
        Item.objects.filter(pk=withdrawn.pk).update(status=Item.WITHDRAWN)
        SearchEntry.objects.all().delete()
        out = self.call("rebuild_index", interactive=False, batch_size=3)
        self.assertIn("indexed 7 items", out)
        self.assertEqual(set(SearchEntry.objects.values_list("pk", flat=True)), {i.pk for i in self.items[1:]})
        self.assertEqual(found("常书铭"), {i.pk for i in self.items[1:]})

    def test_rebuild_index_leaves_the_postgres_text_indexes_in_place(self):
        if connection.vendor != "postgresql":
            self.skipTest("GIN indexes are PostgreSQL's")
        self.call("rebuild_index", interactive=False)
        self.assertEqual(gin_indexes(), set(schema.POSTGRES_GIN))

    def test_a_rebuild_that_stops_short_still_leaves_the_text_indexes(self):
        from unittest import mock

        from django.core.management.base import CommandError
        from django.db import DatabaseError
        with mock.patch("articles.management.commands.update_index.index_batch",
                        side_effect=DatabaseError("the server went away")), \
                self.assertRaisesMessage(CommandError, "run update_index again"):
            self.call("rebuild_index", interactive=False)
        if connection.vendor == "postgresql":
            self.assertEqual(gin_indexes(), set(schema.POSTGRES_GIN))

    def test_update_index_resumes_an_interrupted_rebuild(self):
        # An interrupted rebuild: entries missing, the GIN indexes dropped.
        SearchEntry.objects.filter(pk__in=[i.pk for i in self.items[4:]]).delete()
        schema.drop_bulk_indexes()
        out = self.call("update_index")
        self.assertIn("indexed 4 items", out)
        self.assertEqual(SearchEntry.objects.count(), 8)
        if connection.vendor == "postgresql":
            self.assertEqual(gin_indexes(), set(schema.POSTGRES_GIN))

    def test_update_index_catches_up_with_changes_made_behind_its_back(self):
        # QuerySet.update() sends no signals: the index is stale until update_index.
        changed, withdrawn = self.items[1], self.items[2]
        Item.objects.filter(pk=changed.pk).update(headline="龙城新貌", updated_at=changed.updated_at.replace(year=2030))
        Item.objects.filter(pk=withdrawn.pk).update(status=Item.WITHDRAWN)
        self.assertEqual(found("龙城新貌"), set())
        out = self.call("update_index")
        self.assertIn("indexed 1 items, removed 1 entries", out)
        self.assertEqual(found("龙城新貌"), {changed.pk})
        self.assertNotIn(withdrawn.pk, found("常书铭"))

    def test_update_index_notices_entries_loaded_from_the_other_engine(self):
        # What `dumpdata` on one engine and `loaddata` on the other bring:
        # entries that look current but hold no words this engine searches
        # (PostgreSQL keeps its words in tsvectors, not in these columns).
        import json
        import tempfile

        from django.core import serializers
        other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
        entries = json.loads(serializers.serialize("json", SearchEntry.objects.all()))
        for entry in entries:
            entry["fields"].update(engine=other, headline_words="", body_words="")
        with tempfile.NamedTemporaryFile("w", suffix=".json") as fixture:
            json.dump(entries, fixture)
            fixture.flush()
            call_command("loaddata", fixture.name, verbosity=0)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:   # nor, loaded raw, any text vector
                cursor.execute("UPDATE articles_searchentry SET document = NULL, headline_document = NULL")
        self.assertEqual(found("常书铭"), set())
        self.assertIn("indexed 8 items", self.call("update_index"))
        self.assertEqual(found("常书铭"), {i.pk for i in self.items})
        self.assertIn("indexed 0 items", self.call("update_index"))

    def test_update_index_on_postgresql_notices_entries_without_their_text_vector(self):
        if connection.vendor != "postgresql":
            self.skipTest("the text vectors are PostgreSQL's")
        with connection.cursor() as cursor:
            cursor.execute("UPDATE articles_searchentry SET document = NULL WHERE item_id = %s", [self.items[0].pk])
        self.assertIn("indexed 1 items", self.call("update_index"))
        self.assertIn(self.items[0].pk, found("常书铭"))

    def test_update_index_with_nothing_to_do(self):
        self.assertIn("indexed 0 items, removed 0 entries; 8 items in the index", self.call("update_index"))

    def test_rebuild_index_asks_first(self):
        from unittest import mock

        from django.core.management.base import CommandError
        with mock.patch("builtins.input", return_value="n"), self.assertRaisesMessage(CommandError, "cancelled"):
            self.call("rebuild_index")
        self.assertEqual(SearchEntry.objects.count(), 8)


def manage(*args):
    """Run manage.py in a process of its own on the test database, as an
    operator would (the command forks workers, which a test runner's own
    worker process may not)."""
    db = connection.settings_dict
    url = (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
           f"/{db['NAME']}")
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="newsroom.settings.test")
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


@skipUnless(connection.vendor == "postgresql", "several writers at once: PostgreSQL")
class ParallelIndexTests(TransactionTestCase):
    """Workers are separate processes: they see only committed rows."""

    def test_workers_index_every_item_once(self):
        factories.issue("2021-02-04", pages=3, items_per_page=5)
        SearchEntry.objects.all().delete()
        schema.drop_bulk_indexes()
        result = manage("update_index", "--workers", "2", "--batch-size", "2", "--no-progress")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("indexed 15 items", result.stdout)
        self.assertEqual(set(SearchEntry.objects.values_list("pk", flat=True)),
                         set(Item.objects.values_list("pk", flat=True)))
        self.assertEqual(len(found("常书铭")), 15)
        self.assertEqual(gin_indexes(), set(schema.POSTGRES_GIN))

    def test_rebuild_index_with_workers_leaves_the_index_whole(self):
        factories.issue("2021-02-04", pages=2, items_per_page=4)
        result = manage("rebuild_index", "--no-input", "--workers", "2", "--batch-size", "3", "--no-progress")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("indexed 8 items", result.stdout)
        self.assertEqual(SearchEntry.objects.count(), 8)
        self.assertEqual(gin_indexes(), set(schema.POSTGRES_GIN))
