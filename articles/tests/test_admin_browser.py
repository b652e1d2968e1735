"""The editors' page form and page list in Chromium at 1280 px: the raw dump
at full width in a monospace font with each of its lines on one line, the
SHA-256 whole, the parse warnings on a line each, the item inline's
headlines not wrapped every few characters, and the page list without a
column cut off. Screenshots in $TEST_OUTPUT_DIR/screenshots/admin/."""
from django.contrib.auth.models import User

from articles.models import Item, Page

from . import factories
from .browser import BrowserTestCase
from .support import needs_browser

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - a dev dependency (needs_browser skips then)
    expect = None

DUMP = "\n".join(["本报讯（记者雷甫）2月3日，市政协召开党组（扩大）会议，集中学习了习近平总书记讲话精神。"] * 30
                 + ["乘 风 奋 楫 逐 浪 高 ———— 晋 中 文 旅 产 业 发 展 纪 实 （ 上 接 第 1 版 ） 这 一 个 个 活 动"])


@needs_browser
class PageFormTests(BrowserTestCase):
    def setUp(self):
        factories.issue("2021-02-04", pages=2, items_per_page=6, section="第一视线")
        self.page = Page.objects.get(number=1)
        self.page.raw_text = DUMP
        self.page.sha256 = "7f3a9c2e" * 8
        self.page.warnings = ["item 3: no headline found", "heading not placed with any article: 乘风奋楫逐浪高",
                              "column banner not placed with any article: 就地过年 暖在身边"]
        self.page.save()
        Item.objects.filter(page=self.page, position=0).update(headline="《中国互联网络发展状况统计报告》发布 网民规模达9.89亿")
        User.objects.create_superuser("editor", "e@example.com", "editor-password-1")

    def logged_in(self):
        page = self.open_page("desktop")
        self.visit(page, "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "editor-password-1")
        page.locator("#login-form [type=submit]").click()
        expect(page.locator("#site-name")).to_be_visible()
        return page

    def test_the_page_form_at_1280_px(self):
        page = self.logged_in()
        self.visit(page, f"/admin/articles/page/{self.page.pk}/change/")
        dump = page.locator("pre.raw-dump")
        style = dump.evaluate("e => [getComputedStyle(e).whiteSpace, getComputedStyle(e).fontFamily]")
        self.assertEqual(style[0], "pre")
        self.assertIn("monospace", style[1])
        content = page.locator("#content-main").bounding_box()
        box = dump.bounding_box()
        self.assertGreater(box["width"], content["width"] * 0.9, "the dump has the form's full width")
        # Each line of the dump is one line on screen: 31 lines tall.
        line_height = dump.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)")
        self.assertAlmostEqual(dump.evaluate("e => e.scrollHeight") - 2 * 12, 31 * line_height, delta=line_height)
        # The SHA-256 whole, each warning on one line.
        sha = page.locator(".field-sha256 .readonly")
        expect(sha).to_have_text("7f3a9c2e" * 8)
        self.assertLessEqual(sha.evaluate("e => e.scrollWidth - e.clientWidth"), 0)
        self.assertEqual(sha.evaluate("e => e.getClientRects().length"), 1)
        for warning in page.locator(".field-warnings_list li").all():
            self.assertLess(warning.bounding_box()["height"], 2 * 20, warning.text_content())
        expect(page.locator(".field-warnings_list")).to_contain_text("第 3 条：没有找到标题")
        # A headline in the item inline is not wrapped every few characters.
        headline = page.locator("td.field-headline", has_text="网民规模").first
        self.assertGreater(headline.bounding_box()["width"], 20 * 13)
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 1280)
        self.shot(page, "page-form-1280", folder="admin")
        self.assert_no_policy_violation(page, "page form")

    def test_the_page_list_at_1280_px(self):
        page = self.logged_in()
        self.visit(page, "/admin/articles/page/")
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 1280)
        cell = page.locator("td.field-imported_at").first
        box = cell.bounding_box()
        self.assertLessEqual(box["x"] + box["width"], 1280)
        self.assertEqual(cell.evaluate("e => e.scrollWidth <= e.clientWidth"), True)
        expect(page.locator("th.column-items_count")).to_contain_text("文章和图片")
        self.shot(page, "page-list-1280", folder="admin")
        self.assert_no_policy_violation(page, "page list")
