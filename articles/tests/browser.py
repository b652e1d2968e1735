"""What the browser tests share: Debian's Chromium driven by Playwright, a
page per test with the Content-Security-Policy violations it meets
recorded, axe-core (the npm package, pinned in package.json, installed into
node_modules/ by ./scripts/test and .ci/run) run on a page, and screenshots
under $TEST_OUTPUT_DIR/screenshots/."""
import os

from django.contrib.staticfiles.testing import StaticLiveServerTestCase

from .support import CHROMIUM, OUTPUT, ROOT

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - a dev dependency (needs_browser skips then)
    sync_playwright = None

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = OUTPUT / "screenshots"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
WIDTHS = {"desktop": DESKTOP, "phone": PHONE}

VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation",
    e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
"""


def axe_source():
    if not AXE.exists():
        raise AssertionError(f"axe-core is not installed at {AXE}: run `npm ci` (./scripts/test does)")
    return AXE.read_text(encoding="utf-8")


class BrowserTestCase(StaticLiveServerTestCase):
    """A live server and one Chromium for the test class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Playwright's sync API keeps an event loop in this thread; the test's
        # own database calls are not made from inside it.
        cls._async_unsafe = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-dev-shm-usage"])
        SHOTS.mkdir(parents=True, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        if cls._async_unsafe is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = cls._async_unsafe
        super().tearDownClass()

    def open_page(self, width="desktop", **options):
        """A new page (in its own context, closed after the test) at that
        width, recording policy violations."""
        context = self.browser.new_context(locale="zh-CN", **{**WIDTHS[width], **options})
        context.add_init_script(VIOLATIONS)
        self.addCleanup(context.close)
        page = context.new_page()
        page.set_default_timeout(15000)
        return page

    def visit(self, page, path):
        page.goto(self.live_server_url + path)
        page.wait_for_load_state("load")
        return page

    def shot(self, page, name, folder=None):
        target = SHOTS / folder if folder else SHOTS
        target.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target / f"{name}.png"), full_page=True)

    def axe(self, page):
        """axe-core's violations on the page as it is now, as readable lines
        (rule: what, where), [] when there are none. Evaluated through the
        browser's debugging protocol, which the page's policy does not
        restrict (the page itself may load no outside script)."""
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source())
        found = page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ["violations"]});
            return r.violations.map(v => ({id: v.id, help: v.help,
                nodes: v.nodes.map(n => n.target.join(" ") + (n.failureSummary ? " — " + n.failureSummary.split("\\n").slice(1).join(" ") : ""))}));
        }""")
        return [f"{v['id']}: {v['help']} @ {node}" for v in found for node in v["nodes"]]

    def assert_no_policy_violation(self, page, where=""):
        self.assertEqual(page.evaluate("window.__violations"), [], where)

    def assert_accessible(self, page, where=""):
        violations = self.axe(page)
        self.assertEqual(violations, [], f"{where}: axe-core found {len(violations)} violation(s):\n"
                         + "\n".join(violations))
