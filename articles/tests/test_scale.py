"""At scale: a reporter's page counts the reporter's items once (by year,
which also gives the total), however many there are."""
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from articles.models import Credit, Item, Person

from . import factories


class PersonPageCountTests(TestCase):
    def setUp(self):
        for date in ("2019-03-01", "2020-03-01", "2021-03-01"):
            factories.issue(date, pages=2, items_per_page=3, reporters=("雷甫",))
        self.reporter = Person.objects.get(name="雷甫")
        # Credited twice on one item (two roles): still one item.
        item = Item.objects.first()
        Credit.objects.create(item=item, person=self.reporter, role="摄影", order=9)
        Item.objects.filter(pk=Item.objects.last().pk).update(status=Item.WITHDRAWN)

    def test_the_total_is_the_sum_of_the_years_and_counted_once(self):
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(self.reporter.get_absolute_url())
        self.assertEqual(response.context["total"], 17)
        self.assertEqual(sum(row["n"] for row in response.context["per_year"]), 17)
        self.assertEqual(response.context["page_obj"].paginator.num_pages, 1)
        counting = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
        self.assertEqual(len(counting), 1, counting)
