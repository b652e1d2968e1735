"""The pages a new reader and an editor meet first — home, an item, a search,
the merge form — at 1280 and 390 px, on the sample front page, saved as
$TEST_OUTPUT_DIR/screenshots/after/<page>-<width>.png (the "before" set of
issue #15 was taken the same way); and on a phone the neighbours row stays
one row and an issue's weekday stays whole."""
from django.contrib.auth.models import User

from articles.models import Item, Person

from .browser import BrowserTestCase
from .helpers import SAMPLE_BYTES, dump_dir, import_pages
from .support import needs_browser

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - a dev dependency (needs_browser skips then)
    expect = None

PAGE_TWO = """乘 风 奋 楫 逐 浪 高

（上接第1版）这一个个活动以其独特的魅力成为我市一张张亮丽的名片，也让更多人认识了晋中。
"""


@needs_browser
class ScreenshotTests(BrowserTestCase):
    def setUp(self):
        with dump_dir({"2021-02-04/01.txt": SAMPLE_BYTES, "2021-02-04/02.txt": PAGE_TWO,
                       "2021-02-04/issue.json": '{"number": 8123, "pages": {"1": "第一视线", "2": "综合新闻"}}'}) as d:
            result = import_pages(d)
        self.assertEqual(result.status, 0, result)
        User.objects.create_superuser("editor", "e@example.com", "editor-password-1")
        self.item = (Item.objects.published().filter(page__number=1, headline="乘风奋楫逐浪高").first()
                     or Item.objects.published().filter(page__number=1).exclude(headline="").first())
        # Two reporters to merge (whatever the parser made of the sample's bylines).
        self.merge = list(Person.objects.reporters().filter(credits__isnull=False).distinct().order_by("name")[:2])

    def take(self, width):
        page = self.open_page(width)
        for name, path in (("home", "/"), ("item", self.item.get_absolute_url()), ("search", "/search/?q=常书铭"),
                           ("search-none", "/search/?q=不存在的词语xyz")):
            self.visit(page, path)
            self.shot(page, f"{name}-{width}", folder="after")
            self.assertEqual(self.axe(page), [], path)
        self.visit(page, "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "editor-password-1")
        page.locator("#login-form [type=submit]").click()
        self.visit(page, "/admin/articles/person/")
        for person in self.merge:
            page.locator(f"input.action-select[value='{person.pk}']").check()
        page.select_option("select[name=action]", "merge")
        page.get_by_role("button", name="执行").click()
        expect(page.locator("h1")).to_contain_text("合并人物")
        expect(page.locator("input[name=keep]:checked")).to_have_count(0)
        self.shot(page, f"merge-{width}", folder="after")
        return page

    def test_at_1280_px(self):
        self.take("desktop")

    def test_at_390_px(self):
        page = self.take("phone")
        self.visit(page, "/2021/02/04/")
        weekday = page.locator("h1 .nowrap", has_text="星期")
        self.assertEqual(weekday.evaluate("e => e.getClientRects().length"), 1)
        pager = page.locator("nav[aria-label=前后各期]").first
        previous, following = pager.locator(".pager__prev"), pager.locator(".pager__next")
        self.assertEqual(previous.bounding_box()["y"], following.bounding_box()["y"])
        self.assertLess(previous.bounding_box()["height"], 2 * 24)
