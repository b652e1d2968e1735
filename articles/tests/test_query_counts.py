"""No N+1: every reader view and API endpoint runs the same number of
queries whatever the number of items, on an archive of over 1,000 items."""
from django.core.cache import cache
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from articles.models import Item, Person, Section

from . import factories

# Generous bounds: the point is that they do not grow.
MAX_QUERIES = 16
# An item's page the first time: its related articles are found (by shared
# people, column and the full-text engine) and cached; later views read
# them from the cache.
MAX_QUERIES_FINDING_RELATED = 24


class QueryCountTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        for day in range(1, 6):
            factories.issue(f"2021-02-{day:02d}", pages=4, items_per_page=50, reporters=("雷甫", "王菲"),
                            section="要闻", column="就地过年 暖在身边", named=("常书铭", "王建林"))
        cls.item = Item.objects.filter(page__issue__date="2021-02-03", page__number=2).first()
        assert Item.objects.count() >= 1000

    def urls(self):
        reporter = Person.objects.get(name="雷甫")
        named = Person.objects.get(name="常书铭")
        section = Section.objects.get(kind=Section.PAGE)
        column = Section.objects.get(kind=Section.COLUMN)
        return [
            "/", "/calendar/", "/calendar/2021/", "/2021/02/", "/2021/02/03/", "/2021/02/03/2/",
            "/2021/02/03/2/raw.txt", self.item.get_absolute_url(), "/sections/", section.get_absolute_url(),
            column.get_absolute_url(), "/people/", reporter.get_absolute_url(), named.get_absolute_url(),
            "/search/?q=常书铭", "/search/?q=常书铭&from=2021-02-02&to=2021-02-04&section=" + section.slug
            + "&column=" + column.slug + "&kind=article&person=" + reporter.slug + "&order=newest",
            "/on-this-day/?date=02-03", "/calendar/go/?date=2021-02-03", self.item.get_absolute_url() + "cite.ris",
            f"/api/people/?q={reporter.name}",
            "/api/issues/", "/api/issues/2021-02-03/", f"/api/items/{self.item.pk}/",
            f"/api/people/{reporter.slug}/", f"/api/people/{named.slug}/", "/api/search/?q=常书铭",
            "/sitemap.xml", "/sitemap-items.xml", "/feeds/issues.atom",
        ]

    def count(self, url, clear=True):
        if clear:
            cache.clear()  # the sitemaps and related articles are cached
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url)
        self.assertIn(response.status_code, (200, 302), url)
        return len(ctx.captured_queries)

    def bound(self, url):
        return MAX_QUERIES_FINDING_RELATED if url == self.item.get_absolute_url() else MAX_QUERIES

    def test_query_counts_do_not_grow_with_the_number_of_items(self):
        before = {url: self.count(url) for url in self.urls()}
        # Many more items on the very pages and issue being shown.
        for page in self.item.page.issue.pages.all():
            factories.add_items(page, 60, people=list(Person.objects.reporters()),
                                named_people=list(Person.objects.named()))
        after = {url: self.count(url) for url in self.urls()}
        for url in before:
            with self.subTest(url=url):
                self.assertLessEqual(before[url], self.bound(url))
                self.assertEqual(after[url], before[url])

    def test_an_items_related_articles_are_found_once_then_read_from_the_cache(self):
        url = self.item.get_absolute_url()
        finding = self.count(url)
        reading = self.count(url, clear=False)
        self.assertLessEqual(finding, MAX_QUERIES_FINDING_RELATED)
        self.assertLessEqual(reading, MAX_QUERIES)
        self.assertLess(reading, finding)
