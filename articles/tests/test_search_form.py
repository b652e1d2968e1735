"""The search page's 高级检索 form: everything the URL accepts (date range,
版名, 栏目, kind, person with a look-up, order), the filters in use as
removable chips, a wrong value shown as an error on the form (not ignored),
and no results said in a sentence."""
from django.test import TestCase, tag

from articles.models import Item, Person, Section

from . import factories


@tag("engine")
class AdvancedSearchTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        factories.issue("2021-02-03", items_per_page=2, section="要闻", column="就地过年 暖在身边", reporters=("雷甫",))
        factories.issue("2021-02-04", items_per_page=2, section="综合新闻", reporters=("王菲",))
        factories.person("李明", "新华社", Person.WIRE)
        factories.person("李明", "人民日报", Person.WIRE)
        cls.section = Section.objects.get(name="要闻")
        cls.column = Section.objects.get(kind=Section.COLUMN)

    def test_the_form_offers_every_filter(self):
        response = self.client.get("/search/", {"q": "常书铭"})
        self.assertContains(response, "高级检索")
        for name in ("from", "to", "section", "column", "kind", "person", "order"):
            with self.subTest(name=name):
                self.assertContains(response, f'name="{name}"')
        self.assertContains(response, f'<option value="{self.section.slug}">要闻</option>', html=True)
        self.assertContains(response, f'<option value="{self.column.slug}">就地过年 暖在身边</option>', html=True)
        self.assertContains(response, 'data-lookup="/api/people/"')

    def test_filters_apply_and_show_as_removable_chips(self):
        response = self.client.get("/search/", {"q": "常书铭", "section": self.section.slug, "kind": "article",
                                                "from": "2021-02-01", "to": "2021-02-03", "order": "newest"})
        self.assertEqual(response.status_code, 200)
        outcome = response.context["outcome"]
        self.assertEqual(outcome.total, 2)
        self.assertEqual({r["item"].page.issue.date.isoformat() for r in outcome.results}, {"2021-02-03"})
        self.assertContains(response, "版面：要闻")
        self.assertContains(response, "2021-02-01 至 2021-02-03")
        # Each chip's link is the same search without it.
        self.assertContains(response, 'href="?q=%E5%B8%B8%E4%B9%A6%E9%93%AD&amp;from=2021-02-01&amp;to=2021-02-03'
                                      '&amp;kind=article&amp;order=newest"')
        self.assertContains(response, "全部取消")
        self.assertContains(response, "<details class=\"advanced\" open>")

    def test_a_person_by_name_or_url_name(self):
        by_name = self.client.get("/search/", {"q": "常书铭", "person": "雷甫"})
        self.assertEqual(by_name.context["form"].person, Person.objects.get(name="雷甫"))
        self.assertEqual(by_name.context["outcome"].total, 2)
        # Two people of that name: the reader is asked to choose.
        both = self.client.get("/search/", {"q": "常书铭", "person": "李明"})
        self.assertContains(both, "有不止一位“李明”，请从列表中选择。", status_code=400)
        wire = Person.objects.get(name="李明", organisation="新华社")
        self.assertEqual(wire.slug, "新华社-李明")
        by_slug = self.client.get("/search/", {"q": "常书铭", "person": wire.slug})
        self.assertEqual(by_slug.status_code, 200)
        self.assertEqual(by_slug.context["form"].person, wire)

    def test_a_wrong_value_is_an_error_on_the_form_not_ignored(self):
        for params, field, message in (
                ({"from": "2021-13-01"}, "from", "请按“年-月-日”填写一个真实的日期"),
                ({"to": "2021-02-30"}, "to", "请按“年-月-日”填写一个真实的日期"),
                ({"from": "2021-02-04", "to": "2021-02-01"}, "to", "结束日期早于开始日期"),
                ({"section": "no-such-page"}, "section", "没有这一项"),
                ({"kind": "video"}, "kind", "没有这一项"),
                ({"order": "random"}, "order", "没有这一项"),
                ({"person": "没有这个人"}, "person", "档案里没有“没有这个人”")):
            with self.subTest(params=params):
                response = self.client.get("/search/", {"q": "常书铭", **params})
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, message, status_code=400)
                self.assertContains(response, f'aria-describedby="{field}-error"', status_code=400)
                self.assertContains(response, f'id="{field}-error"', status_code=400)
                self.assertContains(response, "检索条件有误", status_code=400)
                self.assertEqual(response.context["outcome"].results, [])
                self.assertNotContains(response, "找到", status_code=400)

    def test_the_api_answers_400_with_the_errors(self):
        response = self.client.get("/api/search/", {"q": "常书铭", "from": "2021-13-01"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("from", response.json()["errors"])

    def test_no_results_is_a_sentence(self):
        response = self.client.get("/search/", {"q": "没有这样的词语蓝鲸"})
        self.assertContains(response, '<p class="no-results">没有找到报道。', html=False)
        self.assertNotContains(response, '<ol class="results"')

    def test_withdrawn_only_columns_are_not_offered(self):
        Item.objects.filter(column_section=self.column).update(status=Item.WITHDRAWN)
        self.assertNotContains(self.client.get("/search/", {"q": "常书铭"}), "就地过年 暖在身边")


class PersonLookupTests(TestCase):
    def test_names_containing_the_text_with_their_url_names(self):
        factories.issue("2021-02-04", items_per_page=1, reporters=("王菲", "王志敏"))
        factories.person("王小二")  # in nothing readers may see
        found = self.client.get("/api/people/", {"q": "王"}).json()["results"]
        self.assertEqual([p["name"] for p in found], ["王志敏", "王菲"])
        self.assertEqual(found[0]["slug"], Person.objects.get(name="王志敏").slug)
        self.assertEqual(self.client.get("/api/people/", {"q": ""}).json()["results"], [])
