"""The search page and /api/search/ on the sample page (tagged "engine":
run on PostgreSQL and on SQLite)."""
from django.test import TestCase, tag

from articles import editing
from articles.models import Item, Person

from . import factories
from .helpers import SAMPLE_BYTES, dump_dir, import_pages, two_article_page

# Dump text that looks like markup: shown as text everywhere.
HOSTILE = "本报讯（记者雷甫）<script>alert('x')</script>蓝莓基地迎来丰收，<b>粗体</b>与&amp;都不是标记。\n"


@tag("engine")
class SearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with dump_dir({"2021-02-04/01.txt": SAMPLE_BYTES,
                       "2021-02-04/issue.json": '{"pages": {"1": "第一视线"}}'}) as d:
            import_pages(d)
        cls.lead = Item.objects.get(position=0)
        cls.xinhua = Item.objects.get(headline="《中国互联网络发展状况统计报告》发布")

    def api(self, **params):
        response = self.client.get("/api/search/", params)
        self.assertEqual(response.status_code, 200)
        return response.json()

    def ids(self, **params):
        return [r["id"] for r in self.api(**params)["results"]]

    def test_a_name_finds_the_lead_story(self):
        self.assertEqual(self.ids(q="常书铭")[0], self.lead.pk)

    def test_words_find_the_xinhua_item(self):
        self.assertIn(self.xinhua.pk, self.ids(q="网民规模"))

    def test_all_words_must_match(self):
        self.assertEqual(self.ids(q="网民 常书铭"), [])

    def test_phrase(self):
        self.assertEqual(self.ids(q='"网民规模达9.89亿"'), [self.xinhua.pk])
        self.assertEqual(self.ids(q='“规模网民”'), [])

    def test_or_and_exclusion(self):
        both = set(self.ids(q="常书铭 OR 网民"))
        self.assertEqual(both, {self.lead.pk, self.xinhua.pk})
        self.assertNotIn(self.lead.pk, self.ids(q="疫情 -常书铭"))
        self.assertIn(self.lead.pk, self.ids(q="疫情"))

    def test_reporter_filter_finds_both_of_his_items(self):
        leifu = Person.objects.get(name="雷甫")
        result = self.api(q="政协", person=leifu.slug)
        self.assertEqual(result["total"], 2)
        self.assertEqual({r["headline"] for r in result["results"]}, {"市政协召开党组会议", "市政协召开63次主席会议"})

    def test_person_filter_finds_where_they_are_named_too(self):
        # 常书铭 writes nothing: he is named in the lead story.
        chang = Person.objects.get(name="常书铭")
        self.assertFalse(chang.credits.exists())
        self.assertTrue(chang.mentions.filter(item=self.lead).exists())
        self.assertIn(self.lead.pk, self.ids(q="疫情", person=chang.slug))
        self.assertNotIn(self.xinhua.pk, self.ids(q="网民", person=chang.slug))

    def test_date_and_section_filters(self):
        self.assertEqual(self.api(q="王建林", **{"from": "2021-02-05"})["total"], 0)
        self.assertEqual(self.api(q="王建林", to="2021-02-04")["total"], 2)
        self.assertEqual(self.api(q="王建林", section="第一视线")["total"], 2)
        self.assertEqual(self.api(q="王建林", kind="photo")["total"], 0)

    def test_facets(self):
        facets = self.api(q="王建林")["facets"]
        self.assertEqual([(f["label"], f["count"]) for f in facets["year"]], [("2021年", 2)])
        self.assertIn(("雷甫", 2), [(f["label"], f["count"]) for f in facets["reporter"]])
        self.assertEqual([f["label"] for f in facets["section"]], ["第一视线"])

    def test_ordering(self):
        # The sample is one issue: more issues, imported out of date order.
        for date in ("2021-02-06", "2020-12-31", "2021-02-05"):
            factories.issue(date, items_per_page=1)
        dates = {order: [r["date"] for r in self.api(q="常书铭", order=order)["results"]]
                 for order in ("oldest", "newest", "relevance")}
        self.assertEqual(dates["oldest"], ["2020-12-31", "2021-02-04", "2021-02-05", "2021-02-06"])
        self.assertEqual(dates["newest"], ["2021-02-06", "2021-02-05", "2021-02-04", "2020-12-31"])
        self.assertEqual(sorted(dates["relevance"]), dates["oldest"])
        page = self.client.get("/search/", {"q": "常书铭", "order": "oldest"}).content.decode()
        self.assertLess(page.index("2020年12月31日"), page.index("2021年2月6日"))

    def test_a_headline_match_ranks_above_a_body_match(self):
        # "就地过年" is the headline of one item and in the body of others.
        ids = self.ids(q="就地过大年")
        self.assertEqual(ids[0], Item.objects.get(headline="就地过大年暖心更安心").pk)

    def test_snippet_marks_every_occurrence_and_is_escaped(self):
        result = self.api(q="网民")["results"][0]
        self.assertGreaterEqual(result["snippet"].count("<mark>网民</mark>"), 2)
        with dump_dir({"2021-02-05-01.txt": HOSTILE}) as d:
            import_pages(d)
        escaped = "alert(&#x27;x&#x27;)&lt;/script&gt;<mark>蓝莓</mark>"
        snippet = self.api(q="蓝莓")["results"][0]["snippet"]
        self.assertIn(escaped, snippet)
        self.assertIn("&lt;b&gt;粗体&lt;/b&gt;与&amp;amp;都不是标记", snippet)
        self.assertNotIn("</script", snippet)
        self.assertNotIn("<b>", snippet)
        page = self.client.get("/search/", {"q": "蓝莓"}).content.decode()
        self.assertIn(escaped, page)
        self.assertNotIn("</script><mark>", page)
        self.assertNotIn("<b>粗体", page)
        self.assertNotIn("&amp;lt;", page)     # escaped once, not twice

    def test_traditional_characters_find_simplified_text(self):
        self.assertIn(self.lead.pk, self.ids(q="常書銘"))
        self.assertTrue(self.ids(q="晉中"))

    def test_hostile_queries_get_a_friendly_answer(self):
        for q in ("", "   ", "，。！？", '"', '""', "-", "OR", "||", "*", "'; DROP TABLE articles_item; --",
                  "a" * 5000, "常" * 300, "\x00", "<script>alert(1)</script>", "NOT AND OR ( ) :"):
            with self.subTest(q=q[:20]):
                page = self.client.get("/search/", {"q": q})
                self.assertEqual(page.status_code, 200)
                self.assertNotContains(page, "<script>alert(1)")
                self.assertEqual(self.client.get("/api/search/", {"q": q}).status_code, 200)
        self.assertIn("只用了前", self.api(q="常" * 300)["notice"])
        self.assertIn("请输入", self.api(q="")["notice"])

    def test_search_page(self):
        response = self.client.get("/search/", {"q": "常书铭"})
        self.assertContains(response, "找到 1 篇")
        self.assertContains(response, "<mark>常书铭</mark>")
        self.assertContains(response, self.lead.get_absolute_url())

    def test_the_index_follows_an_edit_a_withdrawal_and_a_reimport(self):
        item = Item.objects.get(headline="市政协召开党组会议")
        item.headline = "政协学习会"
        item.body = [{"type": "paragraph", "text": "独一无二的蓝莓词汇测试。"}]
        editing.mark_edited(item)
        item.save()
        self.assertEqual(self.ids(q="独一无二"), [item.pk])
        editing.set_status(Item.objects.filter(pk=item.pk), Item.WITHDRAWN)
        self.assertEqual(self.ids(q="独一无二"), [])
        with dump_dir({"2021-02-04-02.txt": two_article_page(first_body="另一个稀有词汇甲乙丙丁。")}) as d:
            import_pages(d)
        self.assertEqual(len(self.ids(q="稀有词汇")), 1)
        with dump_dir({"2021-02-04-02.txt": two_article_page(first_body="改过的文字。")}) as d:
            import_pages(d)
        self.assertEqual(self.ids(q="稀有词汇"), [])
