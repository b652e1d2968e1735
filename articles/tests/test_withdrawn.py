"""A withdrawn item is gone from everything readers can reach: its page,
the page's dump (staff only from then on), the issue, search, the API,
the sitemaps, and the pages of people and columns it alone named."""
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import TestCase

from articles import editing
from articles.models import Item, Person, Section

from . import factories
from .helpers import dump_dir, import_pages

SECRET = "这段文字涉及需要撤回的内容"
PAGE = ("市 政 协 召 开 党 组 会 议\n\n本报讯（记者雷甫）市政协召开党组会议，集中学习有关讲话精神。\n\n"
        f"撤 回 的 报 道\n\n本报讯（记者司马光）{SECRET}，已由编辑撤回。\n")


class WithdrawnItemTests(TestCase):
    def setUp(self):
        cache.clear()  # the sitemaps are cached
        with dump_dir({"2021-02-04/01.txt": PAGE}) as d:
            result = import_pages(d)
        self.assertEqual(result.status, 0, result)
        self.item = Item.objects.get(body__icontains=SECRET)
        self.reporter = Person.objects.get(name="司马光")
        editing.set_status(Item.objects.filter(pk=self.item.pk), Item.WITHDRAWN)
        self.client.raise_request_exception = False

    def public_urls(self):
        return ["/", "/2021/02/04/", "/2021/02/04/1/", "/2021/02/04/1/raw.txt", f"/2021/02/04/1/{self.item.pk}/",
                f"/items/{self.item.pk}/", "/calendar/2021/", "/2021/02/", "/people/", self.reporter.get_absolute_url(),
                "/sections/", f"/search/?q={SECRET}", "/search/?q=撤回", f"/api/search/?q={SECRET}",
                "/api/issues/", "/api/issues/2021-02-04/", f"/api/items/{self.item.pk}/",
                f"/api/people/{self.reporter.slug}/", "/feeds/issues.atom", "/sitemap.xml", "/sitemap-items.xml",
                "/sitemap-people.xml", "/sitemap-sections.xml", "/sitemap-issues.xml"]

    def test_its_words_are_on_no_public_page(self):
        for url in self.public_urls():
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertLess(response.status_code, 500)
                content = response.content.decode()
                # (A search page shows the query it was asked: not the item's.)
                for words in ({"撤回的报道", "撤 回 的 报 道", "司马光", self.reporter.get_absolute_url(),
                               f"/{self.item.pk}/"}
                              | (set() if "q=" in url else {SECRET})):
                    self.assertNotIn(words, content)

    def test_the_rest_of_the_page_is_still_there(self):
        self.assertContains(self.client.get("/2021/02/04/1/"), "市政协召开党组会议")
        self.assertContains(self.client.get("/2021/02/04/1/"), "本版有条目已撤回，原始文本不再公开")
        self.assertEqual(self.client.get("/2021/02/04/1/raw.txt").status_code, 404)

    def test_staff_still_read_the_dump_and_no_shared_cache_keeps_it(self):
        self.client.force_login(User.objects.create_superuser("editor", "e@example.com", "x" * 12))
        response = self.client.get("/2021/02/04/1/raw.txt")
        self.assertContains(response, SECRET)
        self.assertIn("private", response["Cache-Control"])
        self.assertIn("no-store", response["Cache-Control"])
        self.assertNotIn("public", response["Cache-Control"])

    def test_a_reader_with_an_account_does_not_read_the_dump_either(self):
        # Being logged in is not enough: the right to view pages is (staff).
        reader = User.objects.create_user("reader", password="x" * 12)
        self.client.force_login(reader)
        self.assertEqual(self.client.get("/2021/02/04/1/raw.txt").status_code, 404)
        reader.is_staff = True
        reader.save()
        self.assertEqual(self.client.get("/2021/02/04/1/raw.txt").status_code, 404)

    def test_publishing_it_again_brings_everything_back(self):
        editing.set_status(Item.objects.filter(pk=self.item.pk), Item.PUBLISHED)
        cache.clear()
        self.assertContains(self.client.get("/2021/02/04/1/raw.txt"), SECRET)
        self.assertContains(self.client.get("/2021/02/04/1/"), SECRET)
        self.assertContains(self.client.get(self.reporter.get_absolute_url()), "司马光")
        self.assertContains(self.client.get(f"/api/search/?q={SECRET}"), f"/{self.item.pk}/")
        self.assertContains(self.client.get("/sitemap-people.xml"), self.reporter.get_absolute_url())


class WithdrawnColumnTests(TestCase):
    def test_a_column_whose_items_are_all_withdrawn_is_gone(self):
        cache.clear()
        factories.issue("2021-02-04", items_per_page=2, column="就地过年 暖在身边")
        column = Section.objects.get(kind=Section.COLUMN)
        self.assertEqual(self.client.get(column.get_absolute_url()).status_code, 200)
        editing.set_status(Item.objects.filter(column_section=column), Item.WITHDRAWN)
        self.assertEqual(self.client.get(column.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get("/sections/"), "就地过年")
        self.assertNotContains(self.client.get("/sitemap-sections.xml"), column.get_absolute_url())
