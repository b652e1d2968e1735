"""Dates at the edges: no URL of any year answers 500 (not year 0, not the
last day Python knows, 9999-12-31), and the import refuses issue dates
before ARCHIVE_FIRST_DATE or after tomorrow."""
import datetime

from django.test import TestCase, override_settings, tag
from django.utils import timezone

from articles.models import Page

from . import factories
from .helpers import dump_dir, import_pages, two_article_page


@tag("engine")
class EdgeDateUrlTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Straight through the ORM: what an archive imported before the
        # import checked dates may hold.
        for day in ("0001-01-01", "2021-02-04", "9999-12-31"):
            factories.issue(day, items_per_page=1)

    def urls(self):
        for year in ("0000", "0001", "0002", "1899", "2021", "9998", "9999"):
            yield from (f"/calendar/{year}/", f"/{year}/", f"/{year}/01/", f"/{year}/12/", f"/{year}/01/01/",
                        f"/{year}/12/31/", f"/{year}/02/29/", f"/{year}/13/01/", f"/{year}/12/31/1/",
                        f"/{year}/01/01/1/raw.txt", f"/{year}/12/31/1/raw.txt", f"/api/issues/{year}-12-31/",
                        f"/api/issues/{year}-01-01/", f"/search/?q=会议&year={year}",
                        f"/search/?q=会议&from={year}-01-01&to={year}-12-31", f"/api/search/?q=会议&year={year}")
        yield from ("/", "/calendar/", "/feeds/issues.atom", "/sitemap-issues.xml", "/sitemap-items.xml",
                    "/api/issues/", "/search/?q=会议&order=oldest", "/search/?q=会议&order=newest")

    def test_no_url_of_any_year_answers_500(self):
        self.client.raise_request_exception = False
        for url in self.urls():
            with self.subTest(url=url):
                self.assertLess(self.client.get(url, follow=True).status_code, 500)

    def test_the_first_and_last_days_python_knows_are_shown(self):
        for url in ("/calendar/9999/", "/9999/12/", "/9999/12/31/", "/9999/12/31/1/", "/calendar/0001/",
                    "/0001/01/", "/0001/01/01/", "/0001/01/01/1/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 200)
        month = self.client.get("/9999/12/")
        self.assertContains(month, 'aria-label="12月31日报纸"')
        self.assertContains(self.client.get("/calendar/0001/"), 'aria-label="1月1日报纸"')


@tag("engine")
class ImportDateRangeTests(TestCase):
    def run_import(self, name):
        with dump_dir({name: two_article_page()}) as d:
            return import_pages(d)

    def test_a_date_in_the_future_is_refused(self):
        result = self.run_import("9999-12-31-01.txt")
        self.assertEqual(result.status, 1, result)
        self.assertIn("9999-12-31-01.txt: the date 9999-12-31 is in the future", result.err)
        day_after_tomorrow = timezone.localdate() + datetime.timedelta(days=2)
        result = self.run_import(f"{day_after_tomorrow:%Y-%m-%d}-01.txt")
        self.assertIn("is in the future", result.err)
        self.assertFalse(Page.objects.exists())

    def test_tomorrow_is_accepted(self):
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        self.assertEqual(self.run_import(f"{tomorrow:%Y-%m-%d}-01.txt").status, 0)

    def test_a_date_before_the_first_day_is_refused_unless_allowed(self):
        result = self.run_import("1850-06-01-01.txt")
        self.assertEqual(result.status, 1, result)
        self.assertIn("the date 1850-06-01 is before the archive's first day, 1900-01-01 (ARCHIVE_FIRST_DATE)",
                      result.err)
        self.assertEqual(self.run_import("0001-01-01-01.txt").status, 1)
        with override_settings(ARCHIVE_FIRST_DATE=datetime.date(1850, 1, 1)):
            self.assertEqual(self.run_import("1850-06-01-01.txt").status, 0)
        self.assertEqual(Page.objects.get().issue.date, datetime.date(1850, 6, 1))

    def test_the_date_option_is_checked_too(self):
        with dump_dir({"front.txt": two_article_page()}) as d:
            result = import_pages(d / "front.txt", "--date", "9999-12-31", "--page", "1")
        self.assertIn("is in the future", result.err)
