"""Sections (版名 and 栏目) and people (reporters, people in the news)."""
from django.test import TestCase

from articles import editing
from articles.models import Item, Person, Section

from . import factories


class SectionTests(TestCase):
    def setUp(self):
        factories.issue("2021-02-03", section="要闻", column="就地过年 暖在身边", items_per_page=2)
        factories.issue("2021-02-04", section="要闻", items_per_page=2)

    def test_index_lists_page_names_and_columns_with_counts(self):
        response = self.client.get("/sections/")
        self.assertContains(response, "要闻")
        self.assertContains(response, "4篇")
        self.assertContains(response, "就地过年 暖在身边")

    def test_page_name_section_lists_items_newest_first(self):
        section = Section.objects.get(kind=Section.PAGE, name="要闻")
        response = self.client.get(section.get_absolute_url())
        content = response.content.decode()
        self.assertLess(content.index("2021年2月4日"), content.index("2021年2月3日"))
        self.assertContains(response, "共4篇")

    def test_column_section(self):
        section = Section.objects.get(kind=Section.COLUMN)
        response = self.client.get(section.get_absolute_url())
        self.assertContains(response, "共2篇")

    def test_pagination(self):
        section = Section.objects.get(kind=Section.PAGE)
        factories.issue("2021-02-05", section="要闻", items_per_page=40)
        first = self.client.get(section.get_absolute_url())
        self.assertContains(first, "第 1 / 2 页")
        self.assertContains(self.client.get(section.get_absolute_url() + "?page=2"), "第 2 / 2 页")
        self.assertContains(self.client.get(section.get_absolute_url() + "?page=abc"), "第 1 / 2 页")

    def test_withdrawn_items_are_not_listed(self):
        Item.objects.filter(page__issue__date="2021-02-04").update(status=Item.WITHDRAWN)
        section = Section.objects.get(kind=Section.PAGE)
        self.assertContains(self.client.get(section.get_absolute_url()), "共2篇")

    def test_unknown_section_is_404(self):
        self.assertEqual(self.client.get("/sections/no-such-section/").status_code, 404)


class PeopleTests(TestCase):
    def setUp(self):
        factories.issue("2020-12-31", reporters=("雷甫", "王菲"), items_per_page=1)
        factories.issue("2021-02-04", reporters=("雷甫",), items_per_page=2)

    def test_index_of_reporters_and_people_in_the_news(self):
        response = self.client.get("/people/")
        self.assertContains(response, "雷甫")
        self.assertContains(response, "3篇")
        self.assertContains(response, "常书铭")

    def test_reporter_page_lists_everything_credited_by_date_with_counts_per_year(self):
        response = self.client.get(Person.objects.get(name="雷甫").get_absolute_url())
        self.assertContains(response, "署名报道 3 篇")
        self.assertContains(response, '<th scope="row">2021年</th><td>2</td>', html=True)
        self.assertContains(response, '<th scope="row">2020年</th><td>1</td>', html=True)
        content = response.content.decode()
        self.assertLess(content.index("2021年2月4日"), content.index("2020年12月31日"))

    def test_person_in_the_news_page_lists_items_and_the_titles_given_there(self):
        response = self.client.get(Person.objects.get(name="常书铭").get_absolute_url())
        self.assertContains(response, "见于报道 3 篇")
        self.assertContains(response, "文中身份：市委副书记、市长")

    def test_withdrawn_items_are_neither_listed_nor_counted(self):
        withdrawn = Item.objects.get(page__issue__date="2020-12-31")
        editing.set_status(Item.objects.filter(pk=withdrawn.pk), Item.WITHDRAWN)
        leifu, wangfei, chang = (Person.objects.get(name=n) for n in ("雷甫", "王菲", "常书铭"))
        index = self.client.get("/people/")
        for person, n in ((leifu, 2), (chang, 2)):
            with self.subTest(index=person.name):
                self.assertContains(index, f'<li><a href="{person.get_absolute_url()}">{person.name}</a> '
                                           f'<span class="count">{n}篇</span></li>', html=True)
        # Credited only in the withdrawn item: not in the index, no page.
        self.assertNotContains(index, "王菲")
        self.assertEqual(self.client.get(wangfei.get_absolute_url()).status_code, 404)
        for person, total in ((leifu, "署名报道 2 篇"), (chang, "见于报道 2 篇")):
            with self.subTest(page=person.name):
                response = self.client.get(person.get_absolute_url())
                self.assertContains(response, total)
                self.assertContains(response, '<th scope="row">2021年</th><td>2</td>', html=True)
                self.assertNotContains(response, "2020年")
                self.assertNotContains(response, withdrawn.get_absolute_url())

    def test_unknown_person_is_404(self):
        self.assertEqual(self.client.get("/people/nobody/").status_code, 404)
