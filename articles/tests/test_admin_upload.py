"""The upload form and the page list: page names (版名) on upload — from a
flat file name's "_版名", or typed in the preview, pre-filled from earlier
issues' page N — and counts that agree: articles and photos apart from
furniture (banners), in the preview, the page list and the reader's page."""
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, tag

from articles.models import Item, Page

from . import factories
from .helpers import SAMPLE_BYTES, two_article_page


@tag("engine")
class PageNamesOnUploadTests(TestCase):
    def setUp(self):
        self.client.force_login(User.objects.create_superuser("editor", "e@example.com", "x" * 12))

    def preview(self, name, content=None):
        return self.client.post("/admin/articles/page/upload/", {
            "files": [SimpleUploadedFile(name, content or two_article_page().encode())]})

    def confirm(self, preview, **names):
        return self.client.post("/admin/articles/page/upload/", {"token": preview.context["token"], **names})

    def test_a_flat_file_name_with_a_page_name(self):
        preview = self.preview("2021-02-05-02_综合新闻.txt")
        self.assertContains(preview, 'name="page_name_0" value="综合新闻"')
        self.confirm(preview, page_name_0="综合新闻")
        page = Page.objects.get()
        self.assertEqual((page.number, page.name, page.section.name), (2, "综合新闻", "综合新闻"))
        self.assertContains(self.client.get("/2021/02/05/2/"), "第2版 · 综合新闻")

    def test_the_name_is_offered_from_an_earlier_issues_page_n(self):
        factories.issue("2021-02-01", pages=2, items_per_page=1, section="要闻")
        factories.issue("2021-02-03", pages=2, items_per_page=1)   # no names that day
        preview = self.preview("2021-02-05-01.txt")
        self.assertContains(preview, 'name="page_name_0" value="要闻"')
        self.assertContains(preview, "以前各期第1版的版名")

    def test_the_editor_names_the_page_in_the_preview(self):
        preview = self.preview("2021-02-05-01.txt")
        self.assertContains(preview, 'name="page_name_0" value=""')
        self.confirm(preview, page_name_0="  第一视线 ")
        self.assertEqual(Page.objects.get().name, "第一视线")

    def test_a_name_left_empty_gives_none(self):
        self.confirm(self.preview("2021-02-05-01.txt"), page_name_0="")
        self.assertEqual(Page.objects.get().name, "")


@tag("engine")
class CountsThatAgreeTests(TestCase):
    def setUp(self):
        self.client.force_login(User.objects.create_superuser("editor", "e@example.com", "x" * 12))

    def test_the_preview_counts_and_lists_articles_and_photos_apart_from_furniture(self):
        preview = self.client.post("/admin/articles/page/upload/", {
            "files": [SimpleUploadedFile("2021-02-04-01.txt", SAMPLE_BYTES)]})
        [row] = preview.context["preview"]
        self.assertTrue(row["items"])
        self.assertTrue(all(i["kind"] != "banner" for i in row["items"]))
        self.assertEqual(len(row["items"]) + len(row["furniture"]), len(row["outcome"].parse["items"]))
        self.assertContains(preview, f"文章和图片共 {len(row['items'])} 篇")
        table = preview.content.decode().split("<tbody>")[1].split("</tbody>")[0]
        self.assertEqual(table.count("<tr>"), len(row["items"]))
        # The import counts the same, and so does the reader's page.
        self.client.post("/admin/articles/page/upload/", {"token": preview.context["token"]})
        page = Page.objects.get()
        self.assertEqual(Item.objects.published().filter(page=page).count(), len(row["items"]))
        self.assertContains(self.client.get("/2021/02/04/"), f"{len(row['items'])}篇")

    def test_the_page_list_counts_articles_and_photos_apart_from_furniture(self):
        factories.issue("2021-02-04", items_per_page=3)
        page = Page.objects.get()
        factories.photo(page)
        Item.objects.create(page=page, position=9, kind=Item.BANNER, role="column", headline="就地过年 暖在身边")
        response = self.client.get("/admin/articles/page/")
        self.assertContains(response, '<td class="field-items_count">4</td>', html=True)
        self.assertContains(response, '<td class="field-furniture_count">1</td>', html=True)
        self.assertContains(self.client.get("/2021/02/04/"), "4篇")
