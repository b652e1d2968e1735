"""An item's page: permalink, story across pages, photo, citation, escaping,
withdrawn items."""
from django.contrib.staticfiles import finders
from django.test import TestCase, tag

from articles import editing
from articles.models import Item

from . import factories
from .helpers import SAMPLE_BYTES, article_page, dump_dir, import_pages


class ItemTests(TestCase):
    def setUp(self):
        factories.issue("2021-02-03", items_per_page=1)
        self.issue = factories.issue("2021-02-04", pages=2, column="就地过年 暖在身边")
        self.item = Item.objects.get(page__issue=self.issue, page__number=1, position=1)

    def test_permalink_is_date_first(self):
        self.assertEqual(self.item.get_absolute_url(), f"/2021/02/04/1/{self.item.pk}/")

    def test_headline_credits_body_and_subheads(self):
        response = self.client.get(self.item.get_absolute_url())
        self.assertContains(response, "<h1>第1版第2篇 市政协召开党组会议</h1>", html=False)
        self.assertContains(response, 'href="/people/')
        self.assertContains(response, '<h2 class="subhead">搭台唱戏，精彩不停歇</h2>')
        self.assertContains(response, "常书铭")
        self.assertContains(response, "就地过年 暖在身边")

    def test_breadcrumb_neighbours_and_citation(self):
        response = self.client.get(self.item.get_absolute_url())
        self.assertContains(response, 'href="/2021/02/04/"')
        self.assertContains(response, 'href="/2021/02/04/1/"')
        first = Item.objects.get(page__issue=self.issue, page__number=1, position=0)
        self.assertContains(response, f'rel="prev" href="{first.get_absolute_url()}"')
        self.assertContains(response, "晋中日报 2021年2月4日 第1版")
        self.assertContains(response, 'rel="prev" href="/2021/02/03/"')

    def test_the_last_item_of_a_page_leads_to_the_next_page(self):
        last = Item.objects.get(page__issue=self.issue, page__number=1, position=2)
        following = Item.objects.get(page__issue=self.issue, page__number=2, position=0)
        self.assertContains(self.client.get(last.get_absolute_url()), f'rel="next" href="{following.get_absolute_url()}"')

    def test_a_wrong_date_or_page_redirects_to_the_permalink(self):
        response = self.client.get(f"/2021/02/04/2/{self.item.pk}/")
        self.assertRedirects(response, self.item.get_absolute_url(), status_code=301)
        self.assertRedirects(self.client.get(f"/items/{self.item.pk}/"), self.item.get_absolute_url())

    def test_unknown_item_is_404(self):
        self.assertEqual(self.client.get("/2021/02/04/1/999999/").status_code, 404)

    def test_withdrawn_item_is_not_shown(self):
        editing.set_status(Item.objects.filter(pk=self.item.pk), Item.WITHDRAWN)
        self.assertEqual(self.client.get(self.item.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.client.get("/2021/02/04/1/"), "第1版第2篇")

    def test_photo_with_caption_and_credit(self):
        photo = factories.photo(self.item.page)
        response = self.client.get(photo.get_absolute_url())
        self.assertContains(response, "<figcaption>")
        self.assertContains(response, "工人正在养护新栽种的蓝莓")
        self.assertContains(response, "曹伟")

    def test_print_style_sheet(self):
        self.assertContains(self.client.get(self.item.get_absolute_url()), "css/site.css")
        with open(finders.find("css/site.css"), encoding="utf-8") as f:
            self.assertIn("@media print", f.read())


@tag("engine")
class StoryAcrossPagesTests(TestCase):
    def test_a_continued_story_reads_as_one_with_where_each_part_was_printed(self):
        front = article_page("乘风奋楫逐浪高", "我市以特色活动为载体持续提升影响力。", lead="本报讯（记者李晓雯）",
                             continued_to=2)
        inside = article_page("乘风奋楫逐浪高", "这一个个活动以其独特的魅力成为我市一张张亮丽的名片。", lead="",
                              continued_from=1)
        with dump_dir({"2021-02-04-01.txt": front, "2021-02-04-02.txt": inside}) as d:
            import_pages(d)
        first = Item.objects.get(page__number=1)
        second = Item.objects.get(page__number=2)
        for item in (first, second):
            response = self.client.get(item.get_absolute_url())
            content = response.content.decode()
            body = content[content.index('class="story__body"'):]
            self.assertLess(body.index("持续提升影响力"), body.index("一张张亮丽的名片"))
            self.assertIn("以下刊于", content)
            self.assertIn(f'href="{second.get_absolute_url()}"', content)


@tag("engine")
class EscapingTests(TestCase):
    def test_dump_text_is_escaped(self):
        dump = ("本报讯（记者雷甫）<script>alert('x')</script>市政协召开会议，<b>粗体</b>与&amp;都不是标记。\n\n"
                "市 政 协 召 开 <img src=x onerror=alert(1)>\n")
        with dump_dir({"2021-02-04-01.txt": dump}) as d:
            import_pages(d)
        item = Item.objects.get()
        for url in (item.get_absolute_url(), "/2021/02/04/1/", "/2021/02/04/", "/", "/search/?q=市政协"):
            with self.subTest(url=url):
                content = self.client.get(url).content.decode()
                self.assertNotIn("<script>alert", content)
                self.assertNotIn("<b>粗体", content)
                self.assertNotIn("<img src=x", content)
        self.assertIn("&lt;script&gt;", self.client.get(item.get_absolute_url()).content.decode())
        # Read in traditional characters too (the text goes through OpenCC).
        hant = self.client.get(item.get_absolute_url(), {"zh": "hant"}).content.decode()
        self.assertIn("&lt;b&gt;粗體&lt;/b&gt;", hant)
        self.assertNotIn("<script>alert", hant)


@tag("engine")
class SampleItemPageTests(TestCase):
    def test_every_item_of_the_sample_page_opens(self):
        with dump_dir({"2021-02-04-01.txt": SAMPLE_BYTES}) as d:
            import_pages(d)
        for item in Item.objects.published():
            with self.subTest(item=item.title):
                response = self.client.get(item.get_absolute_url())
                self.assertContains(response, "<h1", status_code=200)
                self.assertContains(response, item.title)
                if item.body:
                    self.assertContains(response, item.body[0]["text"][:20])
