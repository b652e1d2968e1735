"""Caching that is never stale: the archive version moves with every change
readers see, in the same transaction, and a reader's answer is kept under
it, so the next request after an edit, an import or a withdrawal shows it;
staff, non-GET requests and private answers are never cached."""
import io
import os

from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase, override_settings, tag
from django.test.utils import CaptureQueriesContext

from articles import cache as archive_cache
from articles import editing
from articles.models import Credit, Item, Page, Person, SearchEntry

from . import factories
from .helpers import dump_dir, import_pages, two_article_page


def directives(response):
    return {d.strip() for d in response["Cache-Control"].split(",")}


@tag("engine")
class ArchiveVersionTests(TestCase):
    """The triggers, on each engine."""

    def setUp(self):
        factories.issue("2021-02-04", pages=1, items_per_page=2)
        self.item = Item.objects.first()

    def assertBumps(self, change):
        before = archive_cache.current()
        change()
        self.assertGreater(archive_cache.current(), before)

    def test_saves_bulk_writes_updates_deletes_and_raw_sql_bump_it(self):
        self.assertBumps(lambda: Item.objects.filter(pk=self.item.pk).update(headline="新标题"))
        self.assertBumps(lambda: self.item.save())
        self.assertBumps(lambda: Person.objects.bulk_create([Person(name="新人", slug="xin-ren")]))
        self.assertBumps(lambda: Credit.objects.filter(item=self.item).delete())
        with connection.cursor() as cursor:
            self.assertBumps(lambda: cursor.execute("UPDATE articles_page SET name = 'x'"))

    def test_it_is_bumped_in_the_changes_transaction_and_rolled_back_with_it(self):
        before = archive_cache.current()
        with self.assertRaises(RuntimeError), transaction.atomic():
            Item.objects.filter(pk=self.item.pk).update(headline="不算数")
            self.assertGreater(archive_cache.current(), before)
            raise RuntimeError
        self.assertEqual(archive_cache.current(), before)

    def test_the_import_log_and_the_search_index_do_not_bump_it_alone(self):
        before = archive_cache.current()
        SearchEntry.objects.filter(item=self.item).update(indexed_at=self.item.updated_at)
        self.assertEqual(archive_cache.current(), before)
        archive_cache.bump()
        self.assertGreater(archive_cache.current(), before)

    def test_the_index_commands_bump_it_when_they_change_the_index(self):
        before = archive_cache.current()
        call_command("update_index", no_progress=True, stdout=io.StringIO())   # nothing to do
        self.assertEqual(archive_cache.current(), before)
        call_command("rebuild_index", interactive=False, no_progress=True, stdout=io.StringIO())
        self.assertGreater(archive_cache.current(), before)

    def test_a_number_is_never_reused(self):
        # Bumped to the clock (microseconds) at least: a restored backup's
        # older number, bumped, is past every number handed out before.
        with connection.cursor() as cursor:
            cursor.execute("UPDATE archive_version SET number = 5")
        archive_cache.bump()
        self.assertGreater(archive_cache.current(), 1_700_000_000 * 10**6)


class ResponseCacheTests(TestCase):
    def setUp(self):
        cache.clear()
        with dump_dir({"2021-02-04/01.txt": two_article_page()}) as d:
            self.assertEqual(import_pages(d).status, 0)
        self.item = Item.objects.get(headline="市政协召开党组会议")
        self.url = self.item.get_absolute_url()
        self.public_urls = ["/", "/2021/02/04/", "/2021/02/04/1/", self.url, "/2021/02/", "/calendar/2021/",
                            "/people/", "/search/?q=党组会议", f"/api/items/{self.item.pk}/",
                            "/api/issues/2021-02-04/"]

    def get(self, url, **headers):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url, headers=headers)
        return response, len(queries)

    def test_a_second_request_is_answered_from_the_cache_with_one_query(self):
        for url in self.public_urls:
            with self.subTest(url=url):
                first, _ = self.get(url)
                self.assertEqual(first.status_code, 200)
                self.assertEqual(first["X-Archive-Cache"], "miss")
                second, queries = self.get(url)
                self.assertEqual(second["X-Archive-Cache"], "hit")
                self.assertEqual(second.content, first.content)
                self.assertEqual(queries, 1)   # the archive version

    def test_an_admin_edit_is_on_the_next_request(self):
        self.assertContains(self.client.get(self.url), "市政协召开党组会议")
        editor = User.objects.create_superuser("editor", "e@example.com", "x" * 12)
        staff = self.client_class()
        staff.force_login(editor)
        form = staff.get(f"/admin/articles/item/{self.item.pk}/change/").context["adminform"].form
        data = {k: ("" if v is None else v) for k, v in form.initial.items()
                if k not in ("continues", "column_section") or v}
        data.update({"headline": "改过的标题", "body": "改过的正文。", "page": self.item.page_id,
                     "credits-TOTAL_FORMS": 0, "credits-INITIAL_FORMS": 0,
                     "mentions-TOTAL_FORMS": 0, "mentions-INITIAL_FORMS": 0})
        self.assertEqual(staff.post(f"/admin/articles/item/{self.item.pk}/change/", data).status_code, 302)
        for url in (self.url, "/2021/02/04/", f"/api/items/{self.item.pk}/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response["X-Archive-Cache"], "miss")
                self.assertContains(response, "改过的标题")

    def test_an_import_is_on_the_next_request(self):
        self.assertNotContains(self.client.get("/2021/02/04/"), "第2版")
        self.assertEqual(self.client.get("/2021/02/04/")["X-Archive-Cache"], "hit")
        changed = two_article_page(first_body="市政协召开党组会议，重新导入的文字。")
        with dump_dir({"2021-02-04/01.txt": changed, "2021-02-04/02.txt": two_article_page()}) as d:
            self.assertEqual(import_pages(d).status, 0)
        self.assertContains(self.client.get("/2021/02/04/"), "第2版")
        self.assertContains(self.client.get(self.url), "重新导入的文字")

    def test_a_withdrawal_is_on_the_next_request(self):
        for url in (self.url, f"/api/items/{self.item.pk}/", "/2021/02/04/1/raw.txt"):
            self.assertEqual(self.client.get(url).status_code, 200)
        editing.set_status(Item.objects.filter(pk=self.item.pk), Item.WITHDRAWN)
        for url in (self.url, f"/api/items/{self.item.pk}/", "/2021/02/04/1/raw.txt"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)
        self.assertNotContains(self.client.get("/2021/02/04/"), "市政协召开党组会议")

    def test_staff_never_get_a_cached_page_nor_leave_one(self):
        editor = User.objects.create_superuser("editor", "e@example.com", "x" * 12)
        self.client.get(self.url)   # in the cache
        self.client.force_login(editor)
        for _ in range(2):
            response, queries = self.get(self.url)
            self.assertNotIn("X-Archive-Cache", response)
            self.assertGreater(queries, 1)
        # What staff alone may read (a withdrawn item's page dump) never
        # reaches the cache.
        editing.set_status(Item.objects.filter(pk=self.item.pk), Item.WITHDRAWN)
        self.assertEqual(self.client.get("/2021/02/04/1/raw.txt").status_code, 200)
        self.client.logout()
        self.client.cookies.clear()
        self.assertEqual(self.client.get("/2021/02/04/1/raw.txt").status_code, 404)

    def test_only_gets_and_public_answers_are_cached(self):
        self.client.get("/")
        self.assertNotIn("X-Archive-Cache", self.client.post("/"))
        self.assertNotIn("X-Archive-Cache", self.client.get("/admin/login/"))
        self.assertNotIn("X-Archive-Cache", self.client.get("/healthz"))
        self.assertEqual(self.client.get("/no/such/page/").status_code, 404)
        self.assertNotIn("X-Archive-Cache", self.client.get("/no/such/page/"))
        self.client.get(self.url)
        self.assertEqual(self.client.head(self.url)["X-Archive-Cache"], "hit")

    def test_the_host_and_the_query_are_part_of_the_key(self):
        first = self.client.get(f"/api/items/{self.item.pk}/").json()
        other = self.client.get(f"/api/items/{self.item.pk}/", headers={"host": "localhost"}).json()
        self.assertTrue(first["url"].startswith("http://testserver/"))
        self.assertTrue(other["url"].startswith("http://localhost/"))
        self.assertContains(self.client.get(self.url + "?zh=hant"), "市政協召開黨組會議")

    def test_etag_last_modified_and_cache_control_are_kept(self):
        first = self.client.get(self.url)
        hit = self.client.get(self.url)
        self.assertEqual(hit["X-Archive-Cache"], "hit")
        self.assertEqual(hit["ETag"], first["ETag"])
        self.assertEqual(hit["Last-Modified"], first["Last-Modified"])
        self.assertEqual(directives(hit), {"public", "max-age=300"})
        self.assertEqual(self.client.get(self.url, headers={"if-none-match": first["ETag"]}).status_code, 304)
        self.assertEqual(self.client.get(self.url, headers={"if-modified-since": first["Last-Modified"]})
                         .status_code, 304)
        # What the browser or CDN may keep it for: PUBLIC_MAX_AGE.
        with override_settings(PUBLIC_MAX_AGE=30):
            self.assertEqual(directives(self.client.get(self.url)), {"public", "max-age=30"})
            self.assertEqual(directives(self.client.get("/search/?q=党组会议")), {"public", "max-age=30"})

    def test_large_answers_are_not_kept(self):
        size = len(self.client.get("/2021/02/04/1/raw.txt").content)
        # (A setting changed empties the cache: the answer above is not there.)
        with override_settings(ARCHIVE_CACHE_MAX_BYTES=size - 1):
            self.assertNotIn("X-Archive-Cache", self.client.get("/2021/02/04/1/raw.txt"))
            self.assertNotIn("X-Archive-Cache", self.client.get("/2021/02/04/1/raw.txt"))
        with override_settings(ARCHIVE_CACHE_MAX_BYTES=size):
            self.assertEqual(self.client.get("/2021/02/04/1/raw.txt")["X-Archive-Cache"], "miss")
            self.assertEqual(self.client.get("/2021/02/04/1/raw.txt")["X-Archive-Cache"], "hit")

    @override_settings(CACHES={"default": {"BACKEND": "articles.cache.TolerantRedisCache",
                                           "LOCATION": "redis://127.0.0.1:9/0",   # nothing listens there
                                           "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}})
    def test_a_redis_that_does_not_answer_is_done_without(self):
        with self.assertLogs("articles.cache", "WARNING") as logged:
            for url in (self.url, self.url, "/sitemap.xml", "/2021/02/04/"):
                with self.subTest(url=url):
                    self.assertEqual(self.client.get(url).status_code, 200)
        self.assertIn("the cache (Redis) does not answer", logged.output[0])

    @override_settings(ARCHIVE_CACHE_SECONDS=0)
    def test_it_can_be_turned_off(self):
        self.client.get(self.url)
        self.assertNotIn("X-Archive-Cache", self.client.get(self.url))


TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@tag("redis")
@override_settings(CACHES={"default": {"BACKEND": "articles.cache.TolerantRedisCache",
                                       "LOCATION": TEST_REDIS_URL, "KEY_PREFIX": "archive-test"}})
class RedisResponseCacheTests(TestCase):
    """The same through Django's Redis backend (REDIS_URL), as several
    servers share it. (TEST_REDIS_URL: a database this test may empty.)"""

    def setUp(self):
        try:
            cache.clear()
        except Exception as e:
            self.skipTest(f"no Redis at {TEST_REDIS_URL} (TEST_REDIS_URL): {e}")
        factories.issue("2021-02-04", pages=1, items_per_page=2)
        self.item = Item.objects.first()

    def test_an_edit_is_on_the_next_request(self):
        url = self.item.get_absolute_url()
        self.assertEqual(self.client.get(url)["X-Archive-Cache"], "miss")
        self.assertEqual(self.client.get(url)["X-Archive-Cache"], "hit")
        Item.objects.filter(pk=self.item.pk).update(headline="Redis 里也是新的")
        self.assertContains(self.client.get(url), "Redis 里也是新的")
        self.assertEqual(self.client.get(url)["X-Archive-Cache"], "hit")
        self.assertEqual(Page.objects.count(), 1)
