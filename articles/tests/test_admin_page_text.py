"""录入正文: an editor types (or pastes) the text of a scanned page, whose PDF
has no text layer, and the archive parses it into the page's items; the
page image stays, a later import of the same scan keeps the typed text,
view-only staff may look but not save, and bad input changes nothing."""
from django.contrib.auth.models import Permission, User
from django.test import TestCase

from articles.models import Item, Page

from . import pdfsamples
from .helpers import dump_dir, import_pages, two_article_page
from .test_import_pdf import MediaRootMixin
from .test_pdfgen import needs_tools


@needs_tools
class PageTextTests(MediaRootMixin, TestCase):
    def setUp(self):
        with dump_dir({"2021-02-04/03.pdf": pdfsamples.scan_page()}) as d:
            self.assertEqual(import_pages(d).status, 0)
        self.page = Page.objects.get()
        self.url = f"/admin/articles/page/{self.page.pk}/text/"
        self.editor = User.objects.create_superuser("editor", "e@example.com", "pw")

    def post_text(self, text, user=None):
        self.client.force_login(user or self.editor)
        return self.client.post(self.url, {"text": text})

    def test_the_scans_form_links_to_the_text_form_beside_its_image(self):
        self.client.force_login(self.editor)
        form = self.client.get(f"/admin/articles/page/{self.page.pk}/change/").content.decode()
        self.assertIn(f'正文待<a href="{self.url}">录入</a>', form)
        page = self.client.get(self.url).content.decode()
        self.assertIn(f'src="{self.page.printed.image.url}"', page)
        self.assertIn('<textarea name="text"', page)
        self.assertIn("保存并切分", page)
        self.assertIn(f'<a href="/admin/articles/page/{self.page.pk}/change/">{self.page}</a> › 录入正文', page)

    def test_typed_text_becomes_the_pages_items_and_readers_see_them(self):
        response = self.post_text(two_article_page())
        self.assertRedirects(response, f"/admin/articles/page/{self.page.pk}/change/")
        self.page.refresh_from_db()
        self.assertEqual(self.page.raw_text, two_article_page())
        self.assertEqual(sorted(self.page.items.values_list("headline", flat=True)),
                         sorted(["市政协召开党组会议", "就地过大年暖心更安心"]))
        self.assertTrue(self.page.printed.image)              # the scan's image stays
        self.assertContains(self.client.get("/2021/02/04/3/"), "市政协召开党组会议")
        self.assertContains(self.client.get("/search/", {"q": "党组会议"}), "市政协召开党组会议")
        form = self.client.get(f"/admin/articles/page/{self.page.pk}/change/").content.decode()
        self.assertIn(f'<a href="{self.url}">正文已录入，修改</a>', form)

    def test_importing_the_same_scan_again_keeps_the_typed_text(self):
        self.post_text(two_article_page())
        with dump_dir({"2021-02-04/03.pdf": pdfsamples.scan_page()}) as d:
            self.assertEqual(import_pages(d, "--force").status, 0)
        self.page.refresh_from_db()
        self.assertEqual(self.page.raw_text, two_article_page())
        self.assertEqual(self.page.items.count(), 2)

    def test_empty_text_is_refused_and_changes_nothing(self):
        response = self.post_text("  \n ")
        self.assertContains(response, "正文是空的。")
        self.page.refresh_from_db()
        self.assertEqual((self.page.raw_text, self.page.items.count()), ("", 0))

    def test_text_that_is_not_a_dump_is_refused_with_the_parsers_reason(self):
        response = self.post_text("第一行\n\x07第二行\n", user=self.editor)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "文件第 2 行有控制字符（U+0007）")
        self.assertFalse(Item.objects.exists())

    def test_view_only_staff_see_the_form_but_cannot_save(self):
        viewer = User.objects.create_user("viewer", "v@example.com", "pw", is_staff=True)
        viewer.user_permissions.add(*Permission.objects.filter(codename__in=["view_page", "view_item"]))
        self.client.force_login(viewer)
        page = self.client.get(self.url)
        self.assertContains(page, "你只能查看，不能保存")
        self.assertNotContains(page, "保存并切分")
        self.assertEqual(self.post_text(two_article_page(), user=viewer).status_code, 403)
        self.page.refresh_from_db()
        self.assertEqual(self.page.raw_text, "")

    def test_staff_without_page_permissions_are_refused(self):
        clerk = User.objects.create_user("clerk", "c@example.com", "pw", is_staff=True)
        self.client.force_login(clerk)
        self.assertEqual(self.client.get(self.url).status_code, 403)
