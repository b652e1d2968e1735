"""The Content-Security-Policy: on every public and admin page, allowing
only the site's own scripts, styles and images; and in a real browser
(Chromium) neither the reader's pages nor the admin break any of it."""
from django.contrib.auth.models import User
from django.test import TestCase

from articles.models import Item, Page, Person

from . import factories
from .browser import BrowserTestCase
from .support import OUTPUT, needs_browser

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - a dev dependency (needs_browser skips then)
    expect = None

EXPECTED = {"default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self'",
            "object-src": "'none'", "base-uri": "'self'", "form-action": "'self'", "frame-ancestors": "'none'"}


def directives(header):
    return dict((part.strip().split(" ", 1) + [""])[:2] for part in header.split(";") if part.strip())


class PolicyHeaderTests(TestCase):
    def setUp(self):
        factories.issue("2021-02-04", items_per_page=2)
        self.item = Item.objects.first()

    def assert_policy(self, response):
        self.assertIn("Content-Security-Policy", response)
        found = directives(response["Content-Security-Policy"])
        for name, value in EXPECTED.items():
            self.assertEqual(found.get(name), value, f"{name} in {response['Content-Security-Policy']}")
        self.assertNotIn("unsafe", response["Content-Security-Policy"])

    def test_public_pages(self):
        for url in ("/", "/calendar/2021/", "/2021/02/04/", "/2021/02/04/1/", self.item.get_absolute_url(),
                    "/search/?q=会议", "/people/", "/sections/", "/api/issues/", "/no/such/page/"):
            with self.subTest(url=url):
                self.assert_policy(self.client.get(url))

    def test_admin_pages(self):
        self.assert_policy(self.client.get("/admin/login/"))
        self.client.force_login(User.objects.create_superuser("editor", "e@example.com", "x" * 12))
        for url in ("/admin/", "/admin/articles/item/", f"/admin/articles/item/{self.item.pk}/change/",
                    "/admin/articles/page/upload/", f"/admin/articles/page/{Page.objects.get().pk}/change/"):
            with self.subTest(url=url):
                self.assert_policy(self.client.get(url))


@needs_browser
class PolicyInTheBrowserTests(BrowserTestCase):
    def setUp(self):
        factories.issue("2021-02-04", items_per_page=3, column="就地过年 暖在身边")
        User.objects.create_superuser("editor", "e@example.com", "editor-password-1")
        self.page = self.open_page("desktop")
        self.console = []
        self.page.on("console", lambda m: self.console.append(m.text) if "Content Security Policy" in m.text else None)

    def assert_no_violation(self, where):
        self.assertEqual(self.page.evaluate("window.__violations"), [], where)
        self.assertEqual(self.console, [], where)

    def test_the_readers_pages_break_none_of_it(self):
        item = Item.objects.first()
        for path in ("/", "/calendar/2021/", "/2021/02/04/", "/2021/02/04/1/", item.get_absolute_url(),
                     "/search/?q=会议", "/people/", "/sections/"):
            page = self.visit(self.page, path)
            # The stylesheet was applied: the header is laid out by site.css.
            self.assertNotEqual(page.evaluate("getComputedStyle(document.body).marginTop"), "8px", path)
            self.assert_no_violation(path)

    def test_the_admin_works_under_it(self):
        page = self.visit(self.page, "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "editor-password-1")
        page.locator("#login-form [type=submit]").click()
        expect(page.locator("#site-name")).to_contain_text("晋中日报档案")
        self.assert_no_violation("login")
        # The action bar's script: "select all" ticks every row.
        page = self.visit(self.page, "/admin/articles/item/")
        page.locator("#action-toggle").check()
        expect(page.locator("input.action-select:checked")).to_have_count(3)
        self.assert_no_violation("item list")
        # An action's intermediate page, and a change form with inlines and autocomplete widgets.
        a, b = factories.person("王菲"), factories.person("王 菲")
        page = self.visit(self.page, f"/admin/articles/person/?q=菲")
        page.locator("#action-toggle").check()
        page.select_option("select[name=action]", "merge")
        page.get_by_role("button", name="执行").click()
        expect(page.locator("h1")).to_contain_text("合并人物")
        self.assert_no_violation("merge")
        page = self.visit(self.page, f"/admin/articles/item/{Item.objects.first().pk}/change/")
        page.locator(".select2-selection").first.click()
        expect(page.locator(".select2-search__field")).to_be_visible()
        self.assert_no_violation("item form")
        self.visit(self.page, "/admin/articles/page/upload/")
        self.assert_no_violation("upload")
        page.screenshot(path=str(OUTPUT / "screenshots" / "csp-admin-upload.png"))
        self.assertTrue(Person.objects.filter(pk__in=[a.pk, b.pk]).count() == 2)
