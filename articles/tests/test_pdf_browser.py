"""The printed page in Chromium: a page imported from its PDF shows its
image; clicking an item's region opens the item; a region reached with the
keyboard opens the photo item, which shows its photo; the item page shows
the page's thumbnail with the item's place marked. At 1280 and 390 px, no
policy violation, axe-core clean. Screenshots in
$TEST_OUTPUT_DIR/screenshots/pdf/."""
import json
import unittest

from articles.models import Item
from articles.pagedump.pdf import choose_parse, read_pdf
from articles.pagedump.scoring import score

from . import pdfsamples
from .browser import BrowserTestCase
from .helpers import dump_dir, import_pages
from .support import SAMPLE_GOLD, needs_browser, needs_shared
from .test_import_pdf import MediaRootMixin
from .test_pdfgen import needs_tools

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - a dev dependency (needs_browser skips then)
    expect = None

PAGE = "/2021/02/04/2/"


@needs_browser
@needs_tools
class PrintedPageBrowserTests(MediaRootMixin, BrowserTestCase):
    def setUp(self):
        pdf, _gold = pdfsamples.photo_page()
        with dump_dir({"2021-02-04/02.pdf": pdf}) as d:
            result = import_pages(d)
        self.assertEqual(result.status, 0, result)
        self.photo = Item.objects.get(kind="photo")
        self.article = Item.objects.get(kind="article")

    def assert_image_loaded(self, locator):
        expect(locator).to_be_visible()
        self.assertGreater(locator.evaluate("img => img.complete && img.naturalWidth"), 0)

    def check_page(self, width):
        page = self.open_page(width)
        self.visit(page, PAGE)
        self.assert_image_loaded(page.locator("img.print__image"))
        regions = page.locator("a.print__item")
        expect(regions).to_have_count(2)
        # The list of items is still there beside (or under) the image.
        expect(page.locator(".cards .card__title")).to_have_count(2)
        self.shot(page, f"page-{width}", folder="pdf")
        self.assert_no_policy_violation(page, "page")
        self.assert_accessible(page, f"page at {width}")
        return page

    def test_click_a_region_to_reach_its_item(self):
        page = self.check_page("desktop")
        # A click on one of its columns (the region is several rectangles).
        page.locator("a.print__item--article rect").last.click()
        page.wait_for_url(f"**{self.article.get_absolute_url()}")
        expect(page.locator("h1")).to_have_text(pdfsamples.ARTICLE_HEAD)
        # Its page in small, its place marked; a link back to the page.
        thumb = page.locator(".print-thumb img")
        thumb.scroll_into_view_if_needed()
        self.assert_image_loaded(thumb)
        expect(page.locator(".print-thumb__mark rect")).to_have_count(len(self.article.region.rects))
        self.shot(page, "item-article-desktop", folder="pdf")
        self.assert_no_policy_violation(page, "item")
        self.assert_accessible(page, "item")

    def test_keyboard_reaches_the_photo_item_and_its_photo(self):
        page = self.open_page("desktop")
        self.visit(page, PAGE)
        # Tab from the top of the page until the photo's region has the focus.
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('print__item--photo')"):
                break
        else:
            self.fail("the photo's region is not reachable with Tab")
        self.shot(page, "page-photo-focused-desktop", folder="pdf")
        page.keyboard.press("Enter")
        page.wait_for_url(f"**{self.photo.get_absolute_url()}")
        photo = page.locator("img.photo__image")
        self.assert_image_loaded(photo)
        expect(photo).to_have_attribute("alt", pdfsamples.CAPTION)
        # The photo as printed: the sun in its top right corner is yellow.
        self.assertGreater(photo.evaluate("img => img.naturalWidth"), 600)
        self.shot(page, "item-photo-desktop", folder="pdf")
        self.assert_no_policy_violation(page, "photo item")
        self.assert_accessible(page, "photo item")

    def test_page_and_photo_on_a_phone(self):
        page = self.check_page("phone")
        # The image fits the screen's width; the regions scale with it.
        sheet = page.locator(".print__sheet").bounding_box()
        self.assertLessEqual(sheet["width"], 390)
        box = page.locator("a.print__item--photo rect").first.bounding_box()
        self.assertAlmostEqual(box["width"] / sheet["width"], 320 / 595, delta=0.02)
        page.locator("a.print__item--photo rect").first.click()
        page.wait_for_url(f"**{self.photo.get_absolute_url()}")
        self.assert_image_loaded(page.locator("img.photo__image"))
        self.shot(page, "item-photo-phone", folder="pdf")
        self.assert_no_policy_violation(page, "photo item on a phone")


@needs_browser
@needs_shared
@needs_tools
class OtherHandsTests(unittest.TestCase):
    """A page PDF not made by reportlab: the sample front page's gold set as
    an HTML page (CSS columns, a boxed column banner, a photo) and printed by
    Chromium (articles/tests/pdfhtml.py; bench/pdf.py --chromium scores more)."""

    def test_the_layout_parse_reads_it_as_set(self):
        from . import pdfhtml
        gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
        parse = choose_parse(read_pdf(pdfhtml.chromium_pdf(pdfhtml.page_html(gold))))
        self.assertTrue(parse["layout"])
        self.assertGreaterEqual(score(parse, gold)["overall"], 0.95, parse["warnings"])
