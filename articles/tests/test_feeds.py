"""For machines: sitemap.xml, the Atom feed, robots.txt, the health check."""
import json
import os
import subprocess
import sys

from django.test import SimpleTestCase, TestCase

from articles.models import Item

from . import factories
from .support import ROOT


class FeedTests(TestCase):
    def setUp(self):
        factories.issue("2021-02-03", items_per_page=1)
        factories.issue("2021-02-04", items_per_page=2)

    def test_sitemap_index_and_sections(self):
        index = self.client.get("/sitemap.xml")
        self.assertContains(index, "sitemap-items.xml")
        items = self.client.get("/sitemap-items.xml")
        for item in Item.objects.published():
            self.assertContains(items, item.get_absolute_url())
        self.assertContains(self.client.get("/sitemap-issues.xml"), "/2021/02/04/")

    def test_a_new_issue_is_in_the_sitemaps_on_the_next_request(self):
        before = self.client.get("/sitemap-issues.xml")
        self.assertNotContains(before, "/2021/02/05/")
        self.assertEqual(self.client.get("/sitemap-issues.xml")["X-Archive-Cache"], "hit")
        factories.issue("2021-02-05", items_per_page=1)
        after = self.client.get("/sitemap-issues.xml")
        self.assertContains(after, "/2021/02/05/")
        new = Item.objects.get(page__issue__date="2021-02-05")
        self.assertContains(self.client.get("/sitemap-items.xml"), new.get_absolute_url())

    def test_atom_feed_of_the_newest_issues(self):
        response = self.client.get("/feeds/issues.atom")
        self.assertEqual(response["Content-Type"], "application/atom+xml; charset=utf-8")
        content = response.content.decode()
        self.assertLess(content.index("2021年2月4日"), content.index("2021年2月3日"))

    def test_robots_txt(self):
        response = self.client.get("/robots.txt")
        self.assertContains(response, "Disallow: /admin/")
        self.assertContains(response, "Sitemap: http://testserver/sitemap.xml")

    def test_healthz(self):
        self.assertEqual(self.client.get("/healthz").json(), {"status": "ok"})


ASK_HEALTHZ = """
import django, json
django.setup()
from django.test import Client
response = Client(raise_request_exception=False).get("/healthz")
print(json.dumps({"status": response.status_code, "type": response["Content-Type"],
                  "body": response.content.decode()}))
"""


class HealthzWithoutADatabaseTests(SimpleTestCase):
    def ask(self, database_url):
        env = dict(os.environ, DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="newsroom.settings.test")
        result = subprocess.run([sys.executable, "-c", ASK_HEALTHZ], cwd=ROOT, env=env, capture_output=True,
                                text=True, timeout=120)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout.strip().splitlines()[-1])

    def test_a_database_that_does_not_answer_is_a_503_with_a_short_json_body(self):
        for url in ("postgres://postgres@127.0.0.1:9/nowhere", "sqlite:////nonexistent-folder/archive.sqlite3"):
            with self.subTest(database=url):
                answer = self.ask(url)
                self.assertEqual(answer["status"], 503)
                self.assertEqual(answer["type"], "application/json")
                self.assertEqual(json.loads(answer["body"]), {"status": "unavailable", "database": "unreachable"})
