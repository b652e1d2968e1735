"""相关报道 on an item's page: up to five, by shared people, the same column
and the search engine's similarity on the item's own words; found once and
then read from the cache (no full-text query per view)."""
from django.core.cache import cache
from django.db import connection
from django.test import TestCase, override_settings, tag
from django.test.utils import CaptureQueriesContext

from articles import editing, related
from articles.models import Item, Page, Section

from . import factories


def article(page, headline, text, people=(), named=(), column=None):
    [item] = factories.add_items(page, 1, people=[factories.person(p) for p in people],
                                 named_people=[factories.person(n, "", "named") for n in named],
                                 column_section=column)
    item.headline = headline
    item.body = [{"type": "paragraph", "text": text}]
    item.save()
    return item


@tag("engine")
# The view itself, each time: these tests read its context and its queries
# (the whole answer's cache has tests of its own, test_cache).
@override_settings(ARCHIVE_CACHE_SECONDS=0)
class RelatedTests(TestCase):
    def setUp(self):
        cache.clear()
        issue = factories.issue("2021-02-04", items_per_page=0)
        page = Page.objects.get(issue=issue)
        self.item = article(page, "蓝莓基地春耕忙", "榆次区乌金山镇的蓝莓种植基地里，农户忙着修剪枝条。",
                            people=["曹伟"], named=["张祖祁"])
        self.same_person = article(page, "市人大常委会召开会议", "张祖祁出席会议并讲话。", named=["张祖祁"])
        self.same_words = article(page, "太谷蓝莓喜获丰收", "太谷区的蓝莓种植户迎来丰收，蓝莓远销外地。")
        self.unrelated = article(page, "网民规模达9.89亿", "中国互联网络信息中心发布报告。", people=["余俊杰"])

    def test_people_and_words_relate_and_the_rest_does_not(self):
        response = self.client.get(self.item.get_absolute_url())
        found = [i.pk for i in response.context["related"]]
        self.assertIn(self.same_person.pk, found)
        self.assertIn(self.same_words.pk, found)
        self.assertNotIn(self.unrelated.pk, found)
        self.assertNotIn(self.item.pk, found)
        self.assertContains(response, "相关报道")
        self.assertContains(response, self.same_words.get_absolute_url())

    def test_a_named_person_weighs_more_than_a_column(self):
        column = Section.for_name(Section.COLUMN, "就地过年 暖在身边")
        for item in (self.item, self.unrelated):
            item.column_section = column
            item.save()
        found = related.find_related(self.item, [self.item])
        self.assertLess(found.index(self.same_person.pk), found.index(self.unrelated.pk))

    def test_at_most_five(self):
        page = self.item.page
        for n in range(8):
            article(page, f"张祖祁调研之{n}", "张祖祁来到企业调研。", named=["张祖祁"])
        self.assertEqual(len(related.find_related(self.item, [self.item])), related.COUNT)

    def test_found_once_then_read_from_the_cache(self):
        url = self.item.get_absolute_url()
        self.client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url)
        self.assertFalse([q for q in ctx.captured_queries if "searchentry" in q["sql"].lower()],
                         "the second view asked the full-text index again")
        self.assertTrue(response.context["related"])

    def test_a_withdrawn_item_is_never_shown_even_from_the_cache(self):
        self.client.get(self.item.get_absolute_url())
        editing.set_status(Item.objects.filter(pk=self.same_person.pk), Item.WITHDRAWN)
        response = self.client.get(self.item.get_absolute_url())
        self.assertNotIn(self.same_person.pk, [i.pk for i in response.context["related"]])
        self.assertNotContains(response, "市人大常委会召开会议")

    def test_the_items_own_words_leave_out_the_lead_and_common_words(self):
        words = related.terms(self.item)
        self.assertIn("蓝莓", words)
        self.assertNotIn("本报讯", words)
        self.assertNotIn("记者", words)
