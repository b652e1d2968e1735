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
            "/search/?q=常书铭", "/api/issues/", "/api/issues/2021-02-03/", f"/api/items/{self.item.pk}/",
            f"/api/people/{reporter.slug}/", f"/api/people/{named.slug}/", "/api/search/?q=常书铭",
            "/sitemap.xml", "/sitemap-items.xml", "/feeds/issues.atom",
        ]

    def count(self, url):
        cache.clear()  # the sitemaps are cached
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return len(ctx.captured_queries)

    def test_query_counts_do_not_grow_with_the_number_of_items(self):
        before = {url: self.count(url) for url in self.urls()}
        # Many more items on the very pages and issue being shown.
        for page in self.item.page.issue.pages.all():
            factories.add_items(page, 60, people=list(Person.objects.reporters()),
                                named_people=list(Person.objects.named()))
        after = {url: self.count(url) for url in self.urls()}
        for url in before:
            with self.subTest(url=url):
                self.assertLessEqual(before[url], MAX_QUERIES)
                self.assertEqual(after[url], before[url])
