"""Browsing by date: home, calendar, month, issue, page, raw dump."""
from django.test import TestCase

from articles.models import Item

from . import factories


class HomeTests(TestCase):
    def test_empty_archive(self):
        response = self.client.get("/")
        self.assertContains(response, "档案里还没有报纸")

    def test_latest_issue_front_page_search_box_and_links(self):
        factories.issue("2021-02-03")
        factories.issue("2021-02-04", pages=2)
        response = self.client.get("/")
        # The weekday is kept whole on a narrow screen ("星期 / 四" no more).
        self.assertContains(response, '<span class="nowrap">2021年2月4日</span> <span class="nowrap">星期四</span>')
        self.assertContains(response, "第1版第1篇 市政协召开党组会议")
        self.assertContains(response, 'role="search"', count=1)  # one search box, the header's
        self.assertContains(response, 'href="/calendar/"')
        self.assertContains(response, 'href="/sections/"')
        self.assertContains(response, 'href="/2021/02/03/"')  # the issue before
        self.assertContains(response, '<html lang="zh-CN">')


class CalendarTests(TestCase):
    def setUp(self):
        for day in ("2020-12-31", "2021-02-03", "2021-02-04", "2021-03-01"):
            factories.issue(day, items_per_page=1)

    def test_years(self):
        response = self.client.get("/calendar/")
        self.assertContains(response, 'href="/calendar/2021/"')
        self.assertContains(response, "3期")
        self.assertContains(response, 'href="/calendar/2020/"')

    def test_year_shows_month_grids_with_issue_days_linked(self):
        response = self.client.get("/calendar/2021/")
        self.assertContains(response, "<caption>", count=2)  # February and March
        self.assertContains(response, 'href="/2021/02/04/"')
        self.assertContains(response, 'href="/2021/03/01/"')
        self.assertNotContains(response, 'href="/2021/02/05/"')
        self.assertContains(response, '<th scope="col" abbr="星期一">一</th>')
        self.assertContains(response, 'href="/calendar/2020/"')  # previous year

    def test_year_without_issues_is_404(self):
        self.assertEqual(self.client.get("/calendar/1999/").status_code, 404)

    def test_year_url_redirects_to_its_calendar(self):
        self.assertRedirects(self.client.get("/2021/"), "/calendar/2021/")

    def test_month(self):
        response = self.client.get("/2021/02/")
        self.assertContains(response, "2021年2月")
        self.assertContains(response, 'href="/2021/02/03/"')
        self.assertContains(response, 'href="/2020/12/31/"')  # previous issue
        self.assertContains(response, 'href="/2021/03/01/"')  # next issue

    def test_unknown_month_and_impossible_dates_are_real_404_pages(self):
        for url in ("/2021/05/", "/2021/13/", "/2021/02/30/", "/2021/00/01/"):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertEqual(response.status_code, 404)
                self.assertContains(response, "找不到这个页面", status_code=404)


class IssueTests(TestCase):
    def setUp(self):
        factories.issue("2021-02-03", items_per_page=1)
        self.issue = factories.issue("2021-02-04", pages=3, section="要闻", number=8123)
        factories.issue("2021-02-05", items_per_page=1)

    def test_page_list_with_each_pages_items(self):
        response = self.client.get("/2021/02/04/")
        self.assertContains(response, "版面导航")
        for p in (1, 2, 3):
            self.assertContains(response, f'href="/2021/02/04/{p}/"')
        self.assertContains(response, "第3版第3篇 市政协召开党组会议")
        self.assertContains(response, "总第8123期")
        self.assertContains(response, "要闻")

    def test_previous_and_next_issue(self):
        response = self.client.get("/2021/02/04/")
        self.assertContains(response, 'rel="prev" href="/2021/02/03/"')
        self.assertContains(response, 'rel="next" href="/2021/02/05/"')

    def test_the_current_day_is_marked_in_its_calendar(self):
        self.assertContains(self.client.get("/2021/02/04/"), 'aria-current="date"')

    def test_unknown_date_is_404(self):
        self.assertEqual(self.client.get("/2021/02/06/").status_code, 404)

    def test_withdrawn_items_are_not_listed(self):
        Item.objects.filter(page__issue=self.issue, position=0, page__number=1).update(status=Item.WITHDRAWN)
        self.assertNotContains(self.client.get("/2021/02/04/"), "第1版第1篇")

    def test_conditional_get(self):
        response = self.client.get("/2021/02/04/")
        self.assertIn("Last-Modified", response)
        self.assertIn("ETag", response)
        self.assertIn("max-age=300", response["Cache-Control"])
        again = self.client.get("/2021/02/04/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
        self.assertEqual(again.status_code, 304)
        again = self.client.get("/2021/02/04/", HTTP_IF_NONE_MATCH=response["ETag"])
        self.assertEqual(again.status_code, 304)


class PageTests(TestCase):
    def setUp(self):
        self.issue = factories.issue("2021-02-04", pages=3)

    def test_items_in_reading_order_with_label_and_neighbours(self):
        response = self.client.get("/2021/02/04/2/")
        content = response.content.decode()
        self.assertLess(content.index("第2版第1篇"), content.index("第2版第2篇"))
        self.assertContains(response, "JZ第一视线")
        self.assertContains(response, 'rel="prev" href="/2021/02/04/1/"')
        self.assertContains(response, 'rel="next" href="/2021/02/04/3/"')
        self.assertContains(response, "记者</span> <a href=\"/people/")

    def test_raw_dump_on_demand(self):
        response = self.client.get("/2021/02/04/1/")
        self.assertContains(response, "<details")
        raw = self.client.get("/2021/02/04/1/raw.txt")
        self.assertEqual(raw["Content-Type"], "text/plain; charset=utf-8")
        self.assertEqual(raw.content.decode(), "（原始文本）")

    def test_unknown_page_is_404(self):
        for url in ("/2021/02/04/9/", "/2021/02/04/9/raw.txt", "/2021/02/05/1/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_a_page_number_with_a_leading_zero_redirects_to_the_one_url(self):
        item = Item.objects.filter(page__number=1).first()
        for url, canonical in (("/2021/02/04/01/raw.txt", "/2021/02/04/1/raw.txt"),
                               ("/2021/02/04/01/", "/2021/02/04/1/"),
                               ("/2021/02/04/001/?x=1", "/2021/02/04/1/?x=1"),
                               (f"/2021/02/04/01/{item.pk}/", f"/2021/02/04/1/{item.pk}/"),
                               (f"/2021/02/04/1/000{item.pk}/", f"/2021/02/04/1/{item.pk}/"),
                               ("/calendar/02021/", None), ("/2021/2/", None)):
            with self.subTest(url=url):
                response = self.client.get(url)
                if canonical is None:
                    self.assertEqual(response.status_code, 404)
                else:
                    self.assertRedirects(response, canonical, status_code=301)
