"""版面校对 in Chromium: on a generated page (articles/tests/pages, its gold
loaded as the editor's version), an editor splits, merges, moves and
retitles items, each previewed in the dialog and saved, then reverts one
from the history; after each save the reader page and the API show the
fix. The view at 1280 px scrolls in its panes, never sideways; keys move
between items; without JavaScript the same forms preview on a page of their
own. Screenshots in $TEST_OUTPUT_DIR/screenshots/proofing/."""
import re
import shutil
import tempfile
from pathlib import Path

from django.contrib.auth.models import Permission, User
from django.core.management import call_command

from articles.models import Item, Page, ProofEdit
from articles.proofing.operations import join_heading
from articles.pagedump.text import clean_heading

from .browser import BrowserTestCase
from .helpers import dump_dir, import_pages
from .support import PAGES, needs_browser

try:
    from playwright.sync_api import expect
except ImportError:  # pragma: no cover - a dev dependency (needs_browser skips then)
    expect = None

FOLDER = "proofing"
PASSWORD = "proof-password-1"


@needs_browser
class ProofingBrowserTests(BrowserTestCase):
    def setUp(self):
        with dump_dir({"2021-03-01-02.txt": (PAGES / "page-00.txt").read_bytes()}) as d:
            self.assertEqual(import_pages(d).status, 0)
        gold = Path(tempfile.mkdtemp(prefix="gold-"))
        self.addCleanup(shutil.rmtree, gold, True)
        shutil.copy(PAGES / "page-00.gold.json", gold / "2021-03-01-02.gold.json")
        call_command("import_gold", gold / "2021-03-01-02.gold.json", stdout=open("/dev/null", "w"))
        self.page = Page.objects.get()
        self.url = f"/admin/articles/page/{self.page.pk}/proof/"
        # 世卫组织… (2 paragraphs), 防止病毒… (7), 习近平同… (5), a photo, 探索网络… (7)
        self.a, self.b, self.c, self.d = Item.objects.filter(page=self.page, kind="article").order_by("position")
        User.objects.create_superuser("editor", "e@example.com", PASSWORD)

    def login(self, username="editor", **options):
        page = self.open_page("desktop", **options)
        self.visit(page, "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.locator("#login-form [type=submit]").click()
        expect(page.locator("#site-name")).to_be_visible()
        return page

    def preview_and_save(self, page, button, shot):
        """Press an operation's button, see its preview in the dialog, save."""
        page.locator(button).click()
        dialog = page.locator("#proof-dialog")
        expect(dialog.locator("#preview-title")).to_contain_text("预览")
        self.shot(page, f"{shot}-preview", folder=FOLDER)
        with page.expect_navigation():
            dialog.locator("input[type=submit]").click()
        expect(page.locator(".messagelist .success")).to_contain_text("已保存")
        self.shot(page, shot, folder=FOLDER)

    def api(self, pk):
        return self.client.get(f"/api/items/{pk}/")

    def reader_text(self, page, item):
        reader = page.context.new_page()
        reader.goto(self.live_server_url + item.get_absolute_url())
        text = reader.locator("main").inner_text()
        reader.close()
        return text

    def test_split_merge_move_and_retitle_then_revert(self):
        page = self.login()
        self.visit(page, self.url)
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 1280,
                             "the page itself never scrolls sideways at 1280 px")
        # Hovering an item marks its lines in the dump.
        page.locator(f"#item-{self.b.pk} h3").hover()
        first_line = int(page.locator(f"#item-{self.b.pk}").get_attribute("data-lines").split()[0])
        expect(page.locator(f"#L{first_line + 1}")).to_have_class("hl")
        self.shot(page, "proof-view-1280", folder=FOLDER)
        self.assert_no_policy_violation(page, "proofing view")
        self.assert_accessible(page, "proofing view")

        # Split 防止病毒… before its 4th paragraph.
        body = list(self.b.body)
        self.preview_and_save(page, f"button[value='split:{self.b.pk}:3']", "1-split")
        self.b.refresh_from_db()
        new = Item.objects.get(page=self.page, position=self.b.position + 1)
        self.assertEqual((self.b.body, new.body), (body[:3], body[3:]))
        self.assertIn(body[3]["text"][:15], self.reader_text(page, new))
        self.assertEqual(len(self.api(self.b.pk).json()["body"]), 3)

        # Merge it back into the item before: its URL answers 301 there.
        self.preview_and_save(page, f"button[value='merge:{new.pk}:prev']", "2-merge")
        self.b.refresh_from_db()
        self.assertEqual(self.b.body, body)
        self.assertEqual(self.api(new.pk).status_code, 301)
        self.assertEqual(self.client.get(new.get_absolute_url())["Location"], self.b.get_absolute_url())

        # Move its first paragraph to the end of the item before.
        page.locator(f"#m-{self.b.pk}-0").check()
        self.preview_and_save(page, f"button[value='move:{self.b.pk}:prev']", "3-move")
        self.a.refresh_from_db()
        self.assertEqual(self.a.body[-1], body[0])
        self.assertIn(body[0]["text"][:15], self.reader_text(page, self.a))
        self.assertEqual(self.api(self.a.pk).json()["body"][-1]["text"], body[0]["text"])

        # Retitle 习近平同… from a line of the dump picked with the mouse.
        lines = self.page.raw_text.split("\n")
        number = next(n for n, line in enumerate(lines) if clean_heading(line) and
                      clean_heading(line).replace(" ", "") in self.d.headline.replace(" ", ""))
        page.locator(f"#L{number + 1}").click()
        page.locator(f".pick-line[data-for='h-{self.c.pk}-headline']").click()
        expect(page.locator(f"#h-{self.c.pk}-headline-lines")).to_have_value(str(number + 1))
        self.preview_and_save(page, f"button[value='headings:{self.c.pk}']", "4-retitle")
        self.c.refresh_from_db()
        headline = join_heading([clean_heading(lines[number])])
        self.assertEqual(self.c.headline, headline)
        self.assertIn(headline, self.reader_text(page, self.c))
        self.assertEqual(self.api(self.c.pk).json()["headline"], headline)

        # Revert the retitle from the history.
        edit = ProofEdit.objects.filter(page=self.page, operation="headings").get()
        old = next(e for e in ProofEdit.objects.filter(pk=edit.pk)).before["items"][str(self.c.pk)]["headline"]
        self.preview_and_save(page, f"button[value='revert:{edit.pk}']", "5-revert")
        self.c.refresh_from_db()
        self.assertEqual(self.c.headline, old)
        self.assertEqual(self.api(self.c.pk).json()["headline"], old)
        expect(page.locator(f"#edit-{edit.pk}")).to_contain_text("已由")
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 1280)
        self.assert_no_policy_violation(page, "after the operations")

    def test_on_a_phone_the_panes_stack_and_the_page_does_not_scroll_sideways(self):
        page = self.open_page("phone")
        self.visit(page, "/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", PASSWORD)
        page.locator("#login-form [type=submit]").click()
        self.visit(page, self.url)
        self.shot(page, "proof-view-390", folder=FOLDER)
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), 390)
        dump, items = page.locator(".proof-dump").bounding_box(), page.locator(".proof-items").bounding_box()
        self.assertGreaterEqual(items["y"], dump["y"] + dump["height"])
        self.shot(page, "proof-view-390", folder=FOLDER)

    def test_keys_move_between_items_and_pick_lines(self):
        page = self.login()
        self.visit(page, self.url)
        page.keyboard.press("j")
        expect(page.locator(".proof-item.selected")).to_have_count(1)
        first = page.locator(".proof-item.selected").get_attribute("id")
        page.keyboard.press("j")
        self.assertNotEqual(page.locator(".proof-item.selected").get_attribute("id"), first)
        page.keyboard.press("k")
        self.assertEqual(page.locator(".proof-item.selected").get_attribute("id"), first)
        # In the dump: the cursor starts on the first line in view; ↓ ↓
        # then space picks the line two below it.
        page.locator(".dump-lines").focus()
        start = int(page.locator(".dump-lines li.cursor").get_attribute("data-line"))
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press(" ")
        expect(page.locator(f"#L{start + 3}")).to_have_class(re.compile(r"\bpicked\b"))
        expect(page.locator(".dump-lines li.picked")).to_have_count(1)
        # With a line picked, a heading's "用所选行" takes its text and number.
        button = page.locator(f".pick-line[data-for='h-{self.a.pk}-kicker']")
        button.focus()
        page.keyboard.press("Enter")
        expect(page.locator(f"#h-{self.a.pk}-kicker-lines")).to_have_value(str(start + 3))

    def test_a_stale_preview_is_refused_in_the_dialog(self):
        page = self.login()
        self.visit(page, self.url)
        self.c.headline = "别的编辑改过"                 # another editor, meanwhile, in the item's form
        self.c.save()
        page.locator(f"button[value='split:{self.b.pk}:3']").click()
        expect(page.locator("#proof-dialog .errornote")).to_contain_text("打开这个表单之后，本版已被修改")
        self.shot(page, "stale-refused", folder=FOLDER)
        self.assertEqual(len(Item.objects.get(pk=self.b.pk).body), 7)

    def test_without_javascript_the_preview_is_a_page_of_its_own(self):
        page = self.login(java_script_enabled=False)
        self.visit(page, self.url)
        with page.expect_navigation():
            page.locator(f"button[value='split:{self.b.pk}:3']").click()
        expect(page.locator("#preview-title")).to_contain_text("从第 4 段起拆分")
        self.shot(page, "nojs-preview", folder=FOLDER)
        with page.expect_navigation():
            page.locator(".proof-save input[type=submit]").click()
        expect(page.locator(".messagelist .success")).to_contain_text("已保存")
        self.assertEqual(len(Item.objects.get(pk=self.b.pk).body), 3)

    def test_view_only_staff_see_the_page_without_its_forms(self):
        viewer = User.objects.create_user("viewer", password=PASSWORD, is_staff=True)
        viewer.user_permissions.set(Permission.objects.filter(codename__in=["view_item", "view_page"]))
        page = self.login("viewer")
        self.visit(page, self.url)
        expect(page.locator(".proof-bar")).to_contain_text("你只有查看权限")
        expect(page.locator("form.proof-op")).to_have_count(0)
        expect(page.locator(".proof-item")).to_have_count(Item.objects.filter(page=self.page).count())
        self.shot(page, "view-only", folder=FOLDER)
