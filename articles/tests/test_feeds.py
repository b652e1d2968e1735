"""For machines: sitemap.xml, the Atom feed, robots.txt, the health check."""
from django.test import TestCase

from articles.models import Item

from . import factories


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
