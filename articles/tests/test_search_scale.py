"""How search behaves when a query matches more than can be ranked or
counted exactly: relevance tiers, paging through them, sampled facets.
The limits are lowered so that a few dozen articles cross them (tagged
"engine": run on PostgreSQL and on SQLite)."""
import datetime
from unittest import mock

from django.test import TestCase, tag
from django.utils import timezone

from articles.models import Credit, Issue, Item, Page, Person
from articles.search import backend, indexing, service

DAYS = 12
# The people facet samples results by a hash of their item ids, so the
# estimate depends on which ids the items got; ids from the database's
# sequence depend on what ran before in the process (about 1 start in 50
# gave an estimate off by half). Fixed ids make the sample, and the test,
# the same on every run.
FIRST_ID = 1_000_000


def article(page, position, headline, text):
    return Item(page=page, position=position, kind=Item.ARTICLE, headline=headline,
                body=[{"type": "paragraph", "text": text}])


@tag("engine")
class LargeResultSetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with indexing.deferred():
            items = []
            for day in range(DAYS):
                date = datetime.date(2020, 12, 30) + datetime.timedelta(days=day)    # two days in 2020
                issue = Issue.objects.create(date=date)
                page = Page.objects.create(issue=issue, number=1, raw_text="（原始文本）", sha256=f"{day:064d}",
                                           imported_at=timezone.now())
                items += [
                    article(page, 0, "乡村振兴开新局", "各地扎实推进乡村振兴，产业兴旺。"),
                    article(page, 1, "春耕时节忙", "田间地头，农民抢抓农时，为乡村振兴打基础。"),
                    article(page, 2, "振兴乡村教育", "乡村学校迎来新教师。"),
                    article(page, 3, "城市更新", "老旧小区改造提速。"),
                ]
            for n, item in enumerate(items):
                item.pk = FIRST_ID + n
            Item.objects.bulk_create(items)
            reporter = Person.objects.create(name="雷甫", organisation="本报", kind=Person.STAFF)
            Credit.objects.bulk_create([Credit(item=i, person=reporter, role="记者") for i in items if i.position < 2])
            for item in items:
                indexing.note(item.pk)
        cls.credited = {i.pk for i in items if i.position < 2}
        cls.phrase_in_headline = set(Item.objects.filter(headline="乡村振兴开新局").values_list("pk", flat=True))
        cls.words_in_headline = set(Item.objects.filter(headline="振兴乡村教育").values_list("pk", flat=True))
        cls.phrase_in_body = set(Item.objects.filter(headline="春耕时节忙").values_list("pk", flat=True))

    def search(self, **params):
        return service.run(service.SearchForm.from_params({k: str(v) for k, v in params.items()}))

    def all_pages(self, **params):
        ids, page = [], 1
        while True:
            outcome = self.search(page=page, **params)
            ids += [r["item"].pk for r in outcome.results]
            if not outcome.has_next:
                return outcome, ids
            page += 1

    def test_tiers_put_the_phrase_in_a_headline_first_then_its_words_then_the_phrase_in_the_body(self):
        outcome, ids = self.all_pages(q="乡村振兴")
        self.assertEqual(outcome.total, 3 * DAYS)
        self.assertEqual(set(ids[:DAYS]), self.phrase_in_headline)
        self.assertEqual(set(ids[DAYS:2 * DAYS]), self.words_in_headline)
        self.assertEqual(set(ids[2 * DAYS:]), self.phrase_in_body)

    def test_paging_through_tiers_larger_than_the_rank_limit_skips_and_repeats_nothing(self):
        with mock.patch.object(backend, "RANK_LIMIT", 5), mock.patch.object(service, "PER_PAGE", 7):
            outcome, ids = self.all_pages(q="乡村振兴")
        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(set(ids), self.phrase_in_headline | self.words_in_headline | self.phrase_in_body)
        self.assertEqual(set(ids[:DAYS]), self.phrase_in_headline)
        # A tier too large to rank is read newest first.
        dates = [Item.objects.get(pk=pk).page.issue.date for pk in ids[:DAYS]]
        self.assertEqual(dates, sorted(dates, reverse=True))

    def test_newest_and_oldest_orders_ignore_the_tiers(self):
        _, newest = self.all_pages(q="乡村振兴", order="newest")
        _, oldest = self.all_pages(q="乡村振兴", order="oldest")
        dates = [Item.objects.get(pk=pk).page.issue.date for pk in newest]
        self.assertEqual(dates, sorted(dates, reverse=True))
        self.assertEqual(set(newest), set(oldest))
        self.assertEqual(Item.objects.get(pk=oldest[0]).page.issue.date, datetime.date(2020, 12, 30))

    def test_filters_apply_within_the_tiers(self):
        outcome, ids = self.all_pages(q="乡村振兴", **{"from": "2021-01-01", "to": "2021-01-02"})
        self.assertEqual(outcome.total, 6)
        self.assertTrue(all(datetime.date(2021, 1, 1) <= Item.objects.get(pk=pk).page.issue.date
                            <= datetime.date(2021, 1, 2) for pk in ids))
        self.assertEqual(self.search(q="乡村振兴", year=2020).total, 6)
        self.assertEqual(self.search(q="乡村振兴", year=2019).total, 0)

    def test_exact_facets_for_a_small_result_set(self):
        outcome = self.search(q="乡村振兴")
        self.assertFalse(outcome.facets_approximate)
        self.assertEqual([(label, n) for label, n, _ in outcome.facets["year"]],
                         [("2021年", 3 * DAYS - 6), ("2020年", 6)])
        self.assertEqual([(label, n) for label, n, _ in outcome.facets["reporter"]], [("雷甫", 2 * DAYS)])

    def test_people_in_a_large_result_set_are_counted_on_a_sample_and_say_so(self):
        with mock.patch.object(backend, "FACET_SAMPLE", 10):
            outcome = self.search(q="乡村振兴")
            response = self.client.get("/search/", {"q": "乡村振兴"})
            api = self.client.get("/api/search/", {"q": "乡村振兴"}).json()
        self.assertEqual(outcome.total, 3 * DAYS)
        self.assertTrue(outcome.facets_approximate)
        self.assertContains(response, "篇数为抽样估计")
        self.assertTrue(api["facets_approximate"])
        # 24 of the 36 results are his: estimated from about 10 of them
        [(name, estimate, _)] = outcome.facets["reporter"]
        self.assertEqual(name, "雷甫")
        self.assertLess(abs(estimate - 2 * DAYS), DAYS)

    def test_years_and_pages_are_counted_exactly_however_many_results(self):
        with mock.patch.object(backend, "FACET_SAMPLE", 10):
            outcome = self.search(q="振兴")
        by_year = dict((label, n) for label, n, _ in outcome.facets["year"])
        self.assertEqual(by_year, {"2021年": 3 * DAYS - 6, "2020年": 6})

    def test_a_search_without_facets_counts_only_up_to_the_count_limit(self):
        from haystack.query import SearchQuerySet

        from articles.search import query as reader_query
        words = reader_query.parse("乡村振兴")
        with mock.patch.object(backend, "COUNT_LIMIT", 10):
            unfaceted = SearchQuerySet().models(Item).filter(content=words)
            results = list(unfaceted[:30])
            faceted = SearchQuerySet().models(Item).filter(content=words).facet("year")
            faceted_results = list(faceted[:30])
        # An item's related articles ask for a few results and no facets:
        # the count stops at the limit, and so do the results.
        self.assertEqual(unfaceted.count(), 10)
        self.assertEqual(len(results), 10)
        self.assertTrue({int(r.pk) for r in results} <= self.phrase_in_headline | self.words_in_headline)
        # A reader's search asks for facets: counted exactly.
        self.assertEqual(faceted.count(), 3 * DAYS)
        self.assertEqual(len(faceted_results), 30)
        # Nor further than the results asked for need: past the rank limit
        # (whether to rank them) and the page's end.
        with mock.patch.object(backend, "RANK_LIMIT", 5):
            few = SearchQuerySet().models(Item).filter(content=words)
            self.assertEqual(len(few[:3]), 3)
            self.assertEqual(few.count(), 6)

    def test_dense_matches_read_down_the_date_index_give_the_same_pages(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL's plan: SQLite reads dense matches through the date index already")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_searchentry")   # the walk is chosen by the table's size
        sorted_pages = {order: self.all_pages(q="振兴", order=order)[1] for order in ("newest", "oldest")}
        with mock.patch.object(backend, "DENSE", 5), mock.patch.object(service, "PER_PAGE", 7), \
                CaptureQueriesContext(connection) as queries:
            walked = {order: self.all_pages(q="振兴", order=order)[1] for order in ("newest", "oldest")}
            relevance, _ = self.all_pages(q="振兴")
        self.assertEqual(walked, sorted_pages)
        self.assertEqual(len(sorted_pages["newest"]), 3 * DAYS)
        orders = [q["sql"] for q in queries.captured_queries if "ORDER BY" in q["sql"]]
        self.assertTrue(any("ORDER BY e.date DESC" in sql for sql in orders), orders)
        self.assertTrue(any("ORDER BY e.date ASC" in sql for sql in orders), orders)
        self.assertEqual(relevance.total, 3 * DAYS)

    def test_a_search_counted_only_to_the_limit_walks_the_dates_by_the_planners_estimate(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from haystack.query import SearchQuerySet

        from articles.search import query as reader_query
        if connection.vendor != "postgresql":
            self.skipTest("PostgreSQL's plan")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_searchentry")

        def newest(walk):
            # 10 counted of 48 entries is neither many (DENSE 20) nor dense
            # enough (WALK_SHARE 2: one in two) to walk; the 36 the planner
            # expects are.
            with mock.patch.object(backend, "COUNT_LIMIT", 10), mock.patch.object(backend, "DENSE", 20), \
                    mock.patch.object(backend, "WALK_SHARE", 2), mock.patch.object(backend._PostgresSQL, "walks_dates",
                                      backend._PostgresSQL.walks_dates if walk else lambda *a: False), \
                    CaptureQueriesContext(connection) as queries:
                sqs = SearchQuerySet().models(Item).filter(content=reader_query.parse("振兴")).order_by("-date")
                return [int(r.pk) for r in sqs[:8]], [q["sql"] for q in queries.captured_queries]

        walked, sql = newest(walk=True)
        sorted_, _ = newest(walk=False)
        self.assertEqual(walked, sorted_)
        self.assertEqual(len(walked), 8)
        self.assertTrue(any(s.startswith("EXPLAIN (FORMAT JSON)") for s in sql), sql)
        self.assertTrue(any("ORDER BY e.date DESC" in s for s in sql), sql)

    def test_sqlite_reads_a_search_counted_only_part_of_the_way_down_the_date_index(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from haystack.query import SearchQuerySet

        from articles.search import query as reader_query
        if connection.vendor != "sqlite":
            self.skipTest("SQLite's plan (PostgreSQL walks by the planner's estimate)")
        words = reader_query.parse("振兴")
        with mock.patch.object(backend, "RANK_LIMIT", 5), mock.patch.object(backend, "DENSE", 20), \
                CaptureQueriesContext(connection) as queries:
            newest = [int(r.pk) for r in SearchQuerySet().models(Item).filter(content=words).order_by("-date")[:4]]
        # Counted to 6 of 36: as many as DENSE for all it knows, so read
        # through the date index ("+" hides the item id from the planner).
        rows = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT e.item_id")]
        self.assertTrue(rows and all("+e.item_id IN" in sql for sql in rows), rows)
        dates = [Item.objects.get(pk=pk).page.issue.date for pk in newest]
        self.assertEqual(dates, sorted(dates, reverse=True))
        self.assertEqual(dates[0], datetime.date(2020, 12, 30) + datetime.timedelta(days=DAYS - 1))
