"""Labels say a thing once and where a reader looks for it: a page's printed
label ("JZ第一视线") is not repeated beside its name ("第一视线"); the
版面与栏目 link opens a page of that name; an issue's breadcrumb starts at
往期; one search box a page; neighbours from another year say the year."""
from django.test import TestCase

from articles.models import Page

from . import factories


class LabelTests(TestCase):
    def setUp(self):
        factories.issue("2020-12-31", items_per_page=1)
        factories.issue("2021-02-04", pages=2, items_per_page=1, section="第一视线")
        # (the factories print "JZ第一视线" as every page's label)

    def test_a_page_is_named_once(self):
        page = self.client.get("/2021/02/04/1/")
        self.assertNotContains(page, '<p class="eyebrow">JZ第一视线</p>')
        self.assertContains(page, "<h1>第1版 · 第一视线</h1>", html=True)
        issue = self.client.get("/2021/02/04/")
        self.assertContains(issue, '<a href="#page-1">第1版 第一视线</a>', html=True)
        self.assertNotContains(issue, "JZ第一视线")

    def test_a_label_that_says_more_is_shown(self):
        Page.objects.filter(issue__date="2021-02-04", number=1).update(label="晋中日报·要闻")
        self.assertContains(self.client.get("/2021/02/04/1/"), '<p class="eyebrow">晋中日报·要闻</p>')

    def test_a_page_without_a_name_is_called_by_its_label(self):
        self.assertContains(self.client.get("/2020/12/31/1/"), "<h1>第1版 · JZ第一视线</h1>", html=True)

    def test_the_sections_link_opens_a_page_of_its_name(self):
        home = self.client.get("/")
        self.assertContains(home, '<a href="/sections/">版面与栏目</a>', html=True)
        self.assertContains(self.client.get("/sections/"), "<h1>版面与栏目</h1>", html=True)

    def test_breadcrumbs_start_at_the_calendar(self):
        for url in ("/2021/02/04/", "/2021/02/04/1/"):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), '<ol><li><a href="/calendar/">往期</a></li>')

    def test_one_search_box_on_the_home_and_search_pages(self):
        self.assertContains(self.client.get("/"), 'role="search"', count=1)
        self.assertContains(self.client.get("/search/", {"q": "会议"}), 'role="search"', count=1)

    def test_a_neighbour_from_another_year_says_its_year(self):
        response = self.client.get("/2021/02/04/")
        self.assertContains(response, "← 上一期 2020年12月31日")
