"""What a reader clicks, in Chromium at 1280 and 390 px: the text size
(remembered), 简体 ↔ 繁體, the 引用 box, 相关报道, jumping to a date,
历史上的今天 on the home page, and the 高级检索 form with its chips and
person look-up. Screenshots in $TEST_OUTPUT_DIR/screenshots/reader/."""
from django.utils import timezone

from articles.models import Item, Section

from . import factories
from .browser import BrowserTestCase
from .support import needs_browser
from .test_on_this_day import earlier

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - a dev dependency (needs_browser skips then)
    expect = None


@needs_browser
class ReaderAidsTests(BrowserTestCase):
    def setUp(self):
        factories.issue("2021-02-03", pages=2, items_per_page=3, section="要闻", column="就地过年 暖在身边")
        factories.issue("2021-02-04", pages=2, items_per_page=3, section="综合新闻")
        last_year = factories.issue(earlier(timezone.localdate(), 1), items_per_page=2)
        Item.objects.filter(page__issue=last_year).update(headline="去年今日的头版文章")
        self.item = Item.objects.filter(page__issue__date="2021-02-04").order_by("page__number", "position").first()

    def check_item_page(self, width):
        page = self.open_page(width)
        self.visit(page, self.item.get_absolute_url())
        body = page.locator(".story__body p").first
        size = body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        page.get_by_role("group", name="字号").get_by_role("button", name="大", exact=True).click()
        expect(page.get_by_role("button", name="大", exact=True)).to_have_attribute("aria-pressed", "true")
        larger = body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        self.assertGreater(larger, size)
        # Remembered: the next page opens at that size.
        self.visit(page, self.item.get_absolute_url())
        self.assertEqual(page.locator(".story__body p").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"),
                         larger)
        self.shot(page, f"item-large-text-{width}", folder="reader")
        # 繁體 and back.
        page.get_by_role("link", name="繁體").click()
        expect(page.locator(".story__body")).to_contain_text("市長常書銘")
        expect(page.locator("article.story")).to_have_attribute("lang", "zh-Hant")
        self.shot(page, f"item-traditional-{width}", folder="reader")
        page.get_by_role("link", name="简体").click()
        expect(page.locator(".story__body")).to_contain_text("市长常书铭")
        # Citation and related articles.
        expect(page.locator("#cite-gbt7714")).to_contain_text("[N/OL]. 晋中日报, 2021-02-04(1)")
        expect(page.get_by_role("link", name="下载 RIS 文件")).to_be_visible()
        expect(page.get_by_role("heading", name="相关报道")).to_be_visible()
        page.get_by_role("group", name="字号").get_by_role("button", name="中").click()
        self.assert_no_policy_violation(page, "item")

    def test_item_page_at_1280_px(self):
        self.check_item_page("desktop")

    def test_item_page_at_390_px(self):
        self.check_item_page("phone")

    def test_jump_to_a_day_without_an_issue(self):
        page = self.open_page("phone")
        self.visit(page, "/2021/02/04/")
        page.get_by_label("跳到日期").fill("2021-02-10")
        page.get_by_role("button", name="前往").click()
        expect(page).to_have_url(self.live_server_url + "/2021/02/04/?requested=2021-02-10")
        expect(page.locator(".notice")).to_have_text("2021年2月10日没有出版，这是此前最近的一期。")
        self.shot(page, "jump-phone", folder="reader")

    def test_on_this_day_on_the_home_page(self):
        page = self.open_page("desktop")
        self.visit(page, "/")
        box = page.locator("section[aria-labelledby=on-this-day-title]")
        expect(box).to_contain_text("去年今日的头版文章")
        box.get_by_role("link", name="去年今日的头版文章").first.click()
        expect(page.locator("h1")).to_have_text("去年今日的头版文章")

    def check_advanced_search(self, width):
        page = self.open_page(width)
        self.visit(page, "/search/?q=常书铭")
        page.locator("summary", has_text="高级检索").click()
        page.get_by_label("版名").select_option(label="要闻")
        page.get_by_label("从").fill("2021-02-01")
        page.get_by_role("button", name="按这些条件搜索").click()
        expect(page.locator("#results-title")).to_have_text("找到 6 篇")
        chip = page.locator(".chip", has_text="版面：要闻")
        expect(chip).to_be_visible()
        self.shot(page, f"search-filters-{width}", folder="reader")
        chip.click()
        expect(page.locator(".chip", has_text="版面：要闻")).to_have_count(0)
        expect(page.locator("#results-title")).to_have_text("找到 14 篇")  # from 2021-02-01 on, any page
        # A wrong date is an error on the form.
        self.visit(page, "/search/?q=常书铭&from=2021-13-01")
        expect(page.locator("#from-error")).to_be_visible()
        expect(page.get_by_label("从")).to_have_attribute("aria-invalid", "true")
        self.shot(page, f"search-error-{width}", folder="reader")
        # The person look-up offers names as they are typed.
        page.locator("details.advanced").evaluate("d => d.open = true")
        page.get_by_label("人物").press_sequentially("雷")
        expect(page.locator("#person-options option")).to_have_count(1)
        self.assertEqual(page.locator("#person-options option").first.get_attribute("value"), "雷甫")
        self.assert_no_policy_violation(page, "search")

    def test_advanced_search_at_1280_px(self):
        self.check_advanced_search("desktop")

    def test_advanced_search_at_390_px(self):
        self.check_advanced_search("phone")
