"""A reader in a real browser (Debian's Chromium, driven by Playwright):
home → calendar → issue → page → item → its continuation on page 2 → the
reporter's page, on a desktop and on a phone. A screenshot of every step
goes to $TEST_OUTPUT_DIR/screenshots/."""
from .browser import SHOTS, BrowserTestCase
from .helpers import SAMPLE_BYTES, dump_dir, import_pages
from .support import needs_browser

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - a dev dependency (needs_browser skips then)
    expect = None

PAGE_TWO = """乘 风 奋 楫 逐 浪 高

（上接第1版）这一个个活动以其独特的魅力成为我市一张张亮丽的名片，也让更多人认识了晋中。

就 地 过 大 年 暖 心 更 安 心

（上接第1版）项目部为留下过年的工人准备了年货，还组织了联欢活动。
"""


@needs_browser
class ReaderJourneyTests(BrowserTestCase):
    shots = SHOTS

    def setUp(self):
        with dump_dir({"2021-02-04/01.txt": SAMPLE_BYTES, "2021-02-04/02.txt": PAGE_TWO,
                       "2021-02-04/issue.json": '{"number": 8123, "pages": {"1": "第一视线", "2": "综合新闻"}}'}) as d:
            result = import_pages(d)
        self.assertEqual(result.status, 0, result)

    def journey(self, name, **context_options):
        context = self.browser.new_context(locale="zh-CN", **context_options)
        page = context.new_page()
        page.set_default_timeout(15000)
        step = 0

        def shot(label):
            nonlocal step
            step += 1
            page.screenshot(path=str(self.shots / f"{name}-{step:02d}-{label}.png"), full_page=True)

        page.goto(self.live_server_url + "/")
        expect(page.locator("h1")).to_contain_text("2021年2月4日")
        expect(page.locator("html")).to_have_attribute("lang", "zh-CN")
        shot("home")

        page.get_by_role("navigation", name="主导航").get_by_role("link", name="往期").click()
        expect(page.locator("h1")).to_have_text("往期报纸")
        page.get_by_role("link", name="2021年").first.click()
        expect(page).to_have_url(self.live_server_url + "/calendar/2021/")
        shot("calendar")

        page.get_by_role("link", name="2月4日报纸").click()
        expect(page).to_have_url(self.live_server_url + "/2021/02/04/")
        expect(page.get_by_role("navigation", name="版面导航")).to_be_visible()
        shot("issue")

        page.get_by_role("link", name="第1版 · 第一视线").click()
        expect(page).to_have_url(self.live_server_url + "/2021/02/04/1/")
        expect(page.locator("h1")).to_have_text("第1版 · 第一视线")
        shot("page")

        page.get_by_role("link", name="乘风奋楫逐浪高").first.click()
        expect(page.locator("h1")).to_have_text("乘风奋楫逐浪高")
        body = page.locator(".story__body")
        expect(body).to_contain_text("晋商故里")
        # The story reads as one: the part printed on page 2 follows.
        expect(body).to_contain_text("一张张亮丽的名片")
        shot("item")

        body.get_by_role("link", name="第2版").click()
        expect(page.locator(".crumbs")).to_contain_text("第2版")
        expect(page.locator(".story__body")).to_contain_text("一张张亮丽的名片")
        shot("continuation")

        page.locator(".story__head .credits").get_by_role("link", name="李晓雯").click()
        expect(page.locator("h1")).to_have_text("李晓雯")
        expect(page.locator("body")).to_contain_text("乘风奋楫逐浪高")
        shot("reporter")

        page.get_by_role("searchbox").first.fill("常书铭")
        page.get_by_role("searchbox").first.press("Enter")
        expect(page.locator("mark").first).to_have_text("常书铭")
        shot("search")
        context.close()

    def test_desktop(self):
        self.journey("desktop", viewport={"width": 1280, "height": 900})

    def test_phone(self):
        self.journey("phone", viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
                     has_touch=True)
