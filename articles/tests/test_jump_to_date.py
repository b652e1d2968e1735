"""Jump to a date (the calendar and issue pages): that day's issue, or the
nearest one before it with a note saying so."""
from django.test import TestCase

from . import factories


class JumpToDateTests(TestCase):
    def setUp(self):
        for date in ("2021-02-01", "2021-02-04", "2021-02-08"):
            factories.issue(date, items_per_page=1)

    def test_a_day_with_an_issue_goes_to_it(self):
        self.assertRedirects(self.client.get("/calendar/go/", {"date": "2021-02-04"}), "/2021/02/04/",
                             fetch_redirect_response=False)

    def test_a_day_without_goes_to_the_nearest_issue_before_it_which_says_so(self):
        response = self.client.get("/calendar/go/", {"date": "2021-02-06"}, follow=True)
        self.assertEqual(response.redirect_chain, [("/2021/02/04/?requested=2021-02-06", 302)])
        self.assertContains(response, "2021年2月6日没有出版，这是此前最近的一期。")

    def test_a_day_before_the_first_issue_goes_to_the_first(self):
        response = self.client.get("/calendar/go/", {"date": "2020-05-01"}, follow=True)
        self.assertEqual(response.redirect_chain[-1][0], "/2021/02/01/?requested=2020-05-01")
        self.assertContains(response, "档案里在那以前没有报纸，这是最早的一期")

    def test_a_made_up_note_is_not_shown(self):
        # 2021-02-08 exists, so 2021-02-04 is not the nearest issue before it.
        self.assertNotContains(self.client.get("/2021/02/04/", {"requested": "2021-02-09"}), "没有出版")
        self.assertNotContains(self.client.get("/2021/02/04/", {"requested": "nonsense"}), "没有出版")

    def test_a_wrong_date_is_an_error_on_the_form(self):
        for value in ("2021-13-01", "2021-02-30", "", "tomorrow"):
            with self.subTest(value=value):
                response = self.client.get("/calendar/go/", {"date": value})
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, 'id="jump-error"', status_code=400)

    def test_the_form_is_on_the_calendar_and_issue_pages(self):
        for url in ("/calendar/", "/calendar/2021/", "/2021/02/", "/2021/02/04/"):
            with self.subTest(url=url):
                self.assertContains(self.client.get(url), 'action="/calendar/go/"')
        self.assertContains(self.client.get("/2021/02/04/"), 'value="2021-02-04"')

    def test_an_empty_archive(self):
        from articles.models import Issue
        Issue.objects.all().delete()
        self.assertEqual(self.client.get("/calendar/go/", {"date": "2021-02-04"}).status_code, 404)
