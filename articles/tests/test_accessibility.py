"""Every public page, at 1280 and 390 px, in Chromium, checked by axe-core:
no violation of any rule it runs (contrast, landmarks, headings, names,
roles, …). A screenshot of each page at each width goes to
$TEST_OUTPUT_DIR/screenshots/a11y/."""
from django.test import tag

from articles.models import Item, Person, Section

from . import factories
from .browser import BrowserTestCase
from .helpers import SAMPLE_BYTES, dump_dir, import_pages
from .support import needs_browser

PAGE_TWO = """乘 风 奋 楫 逐 浪 高

（上接第1版）这一个个活动以其独特的魅力成为我市一张张亮丽的名片，也让更多人认识了晋中。

就 地 过 大 年 暖 心 更 安 心

（上接第1版）项目部为留下过年的工人准备了年货，还组织了联欢活动。
"""


def sample_archive():
    """The sample front page and a page two, and an issue of the same day
    a year earlier (for 历史上的今天) with a column."""
    with dump_dir({"2021-02-04/01.txt": SAMPLE_BYTES, "2021-02-04/02.txt": PAGE_TWO,
                   "2021-02-04/issue.json": '{"number": 8123, "pages": {"1": "第一视线", "2": "综合新闻"}}'}) as d:
        result = import_pages(d)
    assert result.status == 0, result
    factories.issue("2020-02-04", pages=2, items_per_page=2, section="要闻", column="就地过年 暖在身边")
    # An item printed without a headline, whatever the parser makes of the sample.
    Item.objects.filter(page__issue__date="2020-02-04", page__number=2, position=0).update(headline="")


def public_paths():
    item = Item.objects.published().filter(page__issue__date="2021-02-04").exclude(headline="").first()
    headless = Item.objects.published().filter(headline="").first()
    column = Section.objects.filter(kind=Section.COLUMN, name="就地过年 暖在身边").get()
    page_section = Section.objects.get(kind=Section.PAGE, name="第一视线")
    return {
        "home": "/", "calendar": "/calendar/", "year": "/calendar/2021/", "month": "/2021/02/",
        "issue": "/2021/02/04/", "page": "/2021/02/04/1/", "item": item.get_absolute_url(),
        "item-headless": headless.get_absolute_url(), "sections": "/sections/",
        "section": page_section.get_absolute_url(), "column": column.get_absolute_url(), "people": "/people/",
        "item-traditional": item.get_absolute_url() + "?zh=hant",
        "reporter": Person.objects.reporters().filter(credits__item__page__issue__date="2021-02-04").first()
        .get_absolute_url(),
        "named": Person.objects.filter(kind=Person.NAMED).first().get_absolute_url(),
        "search": "/search/?q=常书铭", "search-empty": "/search/", "search-none": "/search/?q=没有这个词语",
        "search-filters": "/search/?q=常书铭&from=2020-01-01&kind=article&order=newest",
        "search-error": "/search/?q=常书铭&from=2021-13-01", "on-this-day": "/on-this-day/?date=02-04",
        "on-this-day-error": "/on-this-day/?date=13-01", "jump-note": "/2021/02/04/?requested=2021-02-06",
        "jump-error": "/calendar/go/?date=2021-13-01", "not-found": "/2021/02/05/",
    }


@needs_browser
@tag("a11y")
class AxeTests(BrowserTestCase):
    def setUp(self):
        sample_archive()

    def check_every_page(self, width):
        failures = {}
        page = self.open_page(width)
        for name, path in public_paths().items():
            self.visit(page, path)
            self.shot(page, f"{name}-{width}", folder="a11y")
            violations = self.axe(page)
            if violations:
                failures[f"{name} ({path})"] = violations
            self.assert_no_policy_violation(page, path)
        if failures:
            self.fail("axe-core found violations:\n" + "\n".join(f"{k}:\n  " + "\n  ".join(v)
                                                                 for k, v in failures.items()))

    def test_every_public_page_at_1280_px(self):
        self.check_every_page("desktop")

    def test_every_public_page_at_390_px(self):
        self.check_every_page("phone")
