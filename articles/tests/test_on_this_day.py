"""历史上的今天: what the paper printed on this day in earlier years, on the
home page (today) and at /on-this-day/ (?date=MM-DD), newest year first."""
import datetime

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Item
from articles.views.archive import FRONT_ITEMS

from . import factories


def earlier(today, years_back):
    """The same month-day `years_back` years earlier (a leap day falls back
    to 28 February)."""
    try:
        return today.replace(year=today.year - years_back)
    except ValueError:
        return today.replace(year=today.year - years_back, day=28)


class OnThisDayPageTests(TestCase):
    def setUp(self):
        for date in ("2019-02-04", "2020-02-04", "2021-02-03", "2021-02-04"):
            factories.issue(date, pages=2, items_per_page=2)
        Item.objects.filter(page__issue__date="2020-02-04", page__number=1, position=0).update(headline="二〇二〇年的头条")
        Item.objects.filter(page__issue__date="2019-02-04", page__number=1, position=0).update(headline="二〇一九年的头条")

    def test_every_earlier_year_newest_first_with_its_front_page(self):
        response = self.client.get("/on-this-day/", {"date": "02-04"})
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertLess(content.index("2021年"), content.index("二〇二〇年的头条"))
        self.assertLess(content.index("二〇二〇年的头条"), content.index("二〇一九年的头条"))
        self.assertContains(response, 'href="/2019/02/04/"')
        self.assertNotContains(response, 'href="/2021/02/03/"')  # another day
        # The front page only: page 2's items are not listed.
        self.assertNotContains(response, "第2版第1篇")

    def test_one_query_for_all_the_years(self):
        with CaptureQueriesContext(connection) as ctx:
            self.client.get("/on-this-day/", {"date": "02-04"})
        item_queries = [q["sql"] for q in ctx.captured_queries if 'FROM "articles_item"' in q["sql"]
                        and "MAX(" not in q["sql"]]
        self.assertEqual(len(item_queries), 1, item_queries)

    def test_a_day_without_issues_says_so(self):
        response = self.client.get("/on-this-day/", {"date": "07-01"})
        self.assertContains(response, "档案里往年的7月1日没有报纸。")
        self.assertContains(response, 'href="?date=06-30"')
        self.assertContains(response, 'href="?date=07-02"')

    def test_a_wrong_date_is_an_error_on_the_form(self):
        for value in ("13-01", "02-30", "2-4", "x"):
            with self.subTest(value=value):
                response = self.client.get("/on-this-day/", {"date": value})
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, "不是一个日期", status_code=400)
                self.assertContains(response, 'aria-invalid="true"', status_code=400)

    def test_a_long_front_page_shows_its_first_items_and_links_to_the_whole_page(self):
        factories.issue("2018-02-04", items_per_page=FRONT_ITEMS + 2)
        # A withdrawn item is neither listed nor counted.
        Item.objects.filter(page__issue__date="2018-02-04", position=FRONT_ITEMS + 1).update(status="withdrawn")
        content = self.client.get("/on-this-day/", {"date": "02-04"}).content.decode()
        year = content[content.index("2018年"):]
        self.assertIn(f"第1版第{FRONT_ITEMS}篇", year)
        self.assertNotIn(f"第1版第{FRONT_ITEMS + 1}篇", year)
        self.assertIn(f'<a href="/2018/02/04/1/">头版共 {FRONT_ITEMS + 1} 篇，看全部 →</a>', year)
        # A front page of two items has no such link.
        self.assertNotIn("头版共 2 篇", content)

    def test_29_february_is_a_day(self):
        factories.issue("2020-02-29", items_per_page=1)
        Item.objects.filter(page__issue__date="2020-02-29").update(headline="闰日的头条")
        response = self.client.get("/on-this-day/", {"date": "02-29"})
        self.assertContains(response, "闰日的头条")
        self.assertContains(response, 'href="/2020/02/29/"')
        self.assertNotContains(response, "二〇二〇年的头条")   # 4 February's


class OnThisDayHomeTests(TestCase):
    def test_the_home_page_lists_today_in_earlier_years(self):
        today = timezone.localdate()
        factories.issue(today - datetime.timedelta(days=1), items_per_page=1)
        for back in (1, 3):
            issue = factories.issue(earlier(today, back), items_per_page=1)
            Item.objects.filter(page__issue=issue).update(headline=f"{back}年前的今天")
        response = self.client.get("/")
        self.assertContains(response, "历史上的今天")
        content = response.content.decode()
        self.assertLess(content.index("1年前的今天"), content.index("3年前的今天"))
        self.assertContains(response, 'href="/on-this-day/"')

    def test_the_home_page_shows_three_headlines_a_year(self):
        factories.issue(earlier(timezone.localdate(), 2), items_per_page=5)
        content = self.client.get("/").content.decode()
        box = content[content.index('id="on-this-day-title"'):]
        self.assertIn("第1版第3篇", box)
        self.assertNotIn("第1版第4篇", box)
        self.assertIn("头版共 5 篇，看全部 →", box)

    def test_no_box_when_nothing_was_printed_on_this_day(self):
        factories.issue(timezone.localdate() - datetime.timedelta(days=1), items_per_page=1)
        self.assertNotContains(self.client.get("/"), 'id="on-this-day-title"')
