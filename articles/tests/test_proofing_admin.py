"""The proofing view (版面校对) through real HTTP, without JavaScript: each
operation posted as its form, previewed, then saved; who may see and who may
save; CSRF; stale forms and text-losing operations refused with a clear
message; readers and the API see the fix at once; a merged-away item's URLs
answer 301."""
import json
import re

from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test import Client, TestCase
from django.test.utils import CaptureQueriesContext

from articles.models import Item, Page, Person, ProofEdit
from articles.proofing.operations import perform

from .helpers import SAMPLE_BYTES, dump_dir, import_pages


def hidden(html, name):
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


class ProofingViewTests(TestCase):
    def setUp(self):
        with dump_dir({"2021-02-04-01.txt": SAMPLE_BYTES}) as d:
            import_pages(d)
        self.page = Page.objects.get()
        self.url = f"/admin/articles/page/{self.page.pk}/proof/"
        self.items = list(Item.objects.filter(page=self.page, kind="article").order_by("position"))
        self.editor = User.objects.create_superuser("editor", "e@example.com", "pw")
        self.client.force_login(self.editor)

    def open(self, client=None):
        response = (client or self.client).get(self.url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def preview(self, op, token, **fields):
        return self.client.post(self.url + "preview/", {"state": token, "op": op, **fields})

    def save_previewed(self, response):
        """Press 保存 in a preview: post its form as it is."""
        html = response.content.decode()
        return self.client.post(self.url + "save/", {
            "op": hidden(html, "op"), "state": hidden(html, "state"),
            "params": hidden(html, "params").replace("&quot;", '"').replace("&amp;", "&")})

    def test_the_view_shows_the_dump_with_line_numbers_and_each_item_with_its_lines(self):
        html = self.open()
        lines = self.page.raw_text.split("\n")
        self.assertIn(f'id="L{len(lines)}"', html)
        self.assertIn('<span class="ln">1</span>', html)
        self.assertEqual(html.count('<article class="proof-item'), Item.objects.filter(page=self.page).count())
        self.assertRegex(html, rf'id="item-{self.items[1].pk}" data-item="{self.items[1].pk}" data-lines="49 50 51')
        self.assertIn("原始文本第 50–", html)

    def test_dump_text_is_escaped(self):
        Page.objects.filter(pk=self.page.pk).update(raw_text=self.page.raw_text + "\n<script>alert(1)</script>")
        html = self.open()
        self.assertNotIn("<script>alert(1)", html)
        self.assertIn("&lt;script&gt;alert(1)&lt;/script&gt;", html)

    def test_split_previewed_then_saved_without_javascript(self):
        item = self.items[2]
        token = hidden(self.open(), "state")
        response = self.preview(f"split:{item.pk}:5", token)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "预览：从第 6 段起拆分「乘风奋楫逐浪高」")
        self.assertContains(response, "修改后")
        self.assertEqual(Item.objects.filter(page=self.page).count(), 9, "a preview saves nothing")
        saved = self.save_previewed(response)
        self.assertEqual(saved.status_code, 303)
        self.assertTrue(saved["Location"].startswith(self.url + "#item-"))
        item.refresh_from_db()
        self.assertEqual(len(item.body), 5)
        new = Item.objects.get(page=self.page, position=item.position + 1)
        edit = ProofEdit.objects.get()
        self.assertEqual((edit.user, edit.operation, edit.params["new"]), (self.editor, "split", new.pk))
        page = self.client.get(saved["Location"])
        self.assertContains(page, f"已保存：从第 6 段起拆分「乘风奋楫逐浪高」（#{item.pk}），后半部分成为 #{new.pk}")
        self.assertContains(page, f'id="edit-{edit.pk}"')
        self.assertTrue(LogEntry.objects.filter(object_id=str(self.page.pk), change_message__startswith="版面校对").exists())
        # Readers and the API see both halves at once.
        reader = Client()
        self.assertContains(reader.get(new.get_absolute_url()), new.body[0]["text"][:20])
        api = reader.get(f"/api/items/{item.pk}/").json()
        self.assertEqual(len(api["body"]), 5)

    def test_merge_then_the_merged_away_items_urls_answer_301(self):
        keep, gone = self.items[0], self.items[1]
        gone_url = gone.get_absolute_url()
        self.save_previewed(self.preview(f"merge:{gone.pk}:prev", hidden(self.open(), "state")))
        reader = Client()
        response = reader.get(gone_url)
        self.assertEqual((response.status_code, response["Location"]), (301, keep.get_absolute_url()))
        response = reader.get(f"/api/items/{gone.pk}/")
        self.assertEqual((response.status_code, response["Location"]), (301, f"/api/items/{keep.pk}/"))
        self.assertEqual(reader.get(f"/items/{gone.pk}/").status_code, 301)
        self.assertIn("市政协召开党组会议", reader.get(f"/api/items/{keep.pk}/").json()["headline"])

    def test_headline_from_a_dump_line_and_a_moved_paragraph(self):
        first, second = self.items[0], self.items[1]
        token = hidden(self.open(), "state")
        response = self.preview(f"headings:{first.pk}", token, headline="", headline_lines="1",
                                kicker="", subtitle="", column="")
        self.assertContains(response, "的标题：主标题「本报讯")
        self.assertContains(response, '<dd class="changed">本报讯')      # what changes, marked
        response = self.preview(f"move:{second.pk}:prev", token, blocks=["2"])
        self.assertContains(response, "只有开头的段落可以移到上一条", status_code=400)
        response = self.preview(f"move:{second.pk}:prev", token, blocks=["0"])
        self.assertEqual(self.save_previewed(response).status_code, 303)
        first.refresh_from_db()
        self.assertEqual(first.body[-1], second.body[0])

    def test_a_stale_form_is_refused_with_a_clear_message(self):
        token = hidden(self.open(), "state")
        self.save_previewed(self.preview(f"subhead:{self.items[2].pk}:3", token))      # another editor
        response = self.preview(f"split:{self.items[1].pk}:1", token)
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "打开这个表单之后，本版已被修改", status_code=409)
        # A preview made before the change is refused at saving too.
        token = hidden(self.open(), "state")
        preview = self.preview(f"split:{self.items[1].pk}:1", token)
        self.save_previewed(self.preview(f"subhead:{self.items[2].pk}:3", token))
        self.assertEqual(self.save_previewed(preview).status_code, 409)
        self.assertEqual(len(Item.objects.get(pk=self.items[1].pk).body), 3)

    def test_an_operation_that_would_lose_text_is_refused(self):
        response = self.preview(f"merge:{self.items[2].pk}:prev", hidden(self.open(), "state"))
        self.assertContains(response, "合并会丢掉其中一个", status_code=400)
        self.assertFalse(ProofEdit.objects.exists())
        # Params forged so that the text check itself must refuse it.
        response = self.client.post(self.url + "save/", {"op": "move", "state": hidden(self.open(), "state"),
                                                         "params": json.dumps({"item": self.items[1].pk,
                                                                               "blocks": [9], "to": "next"})})
        self.assertEqual(response.status_code, 400)

    def test_revert_from_the_history(self):
        token = hidden(self.open(), "state")
        self.save_previewed(self.preview(f"merge:{self.items[1].pk}:prev", token))
        edit = ProofEdit.objects.get()
        html = self.open()
        self.assertIn(f'value="revert:{edit.pk}"', html)
        response = self.preview(f"revert:{edit.pk}", hidden(html, "state"))
        self.assertContains(response, f"撤销 #{edit.pk}：把")
        self.save_previewed(response)
        self.assertTrue(Item.objects.filter(pk=self.items[1].pk).exists())
        self.assertEqual(Client().get(self.items[1].get_absolute_url()).status_code, 200)
        self.assertContains(self.client.get(self.url), f"已由 #{edit.pk + 1} 撤销")

    def test_the_credits_forms_person_look_up_finds_people_by_name(self):
        html = self.open()
        lookup = re.search(r'data-lookup="([^"]+)"', html).group(1).replace("&amp;", "&")
        found = self.client.get(lookup + "&term=雷").json()["results"]
        self.assertIn("雷甫（本报）", [r["text"] for r in found])
        # Saved credits reuse that person.
        token = hidden(html, "state")
        response = self.preview(f"credits:{self.items[0].pk}", token, credit_name=["刘吟", "雷甫"],
                                credit_role=["记者", "记者"], credit_org=["本报", "本报"])
        self.save_previewed(response)
        self.assertEqual(Person.objects.filter(name="雷甫").count(), 1)
        self.assertEqual(sorted(Item.objects.get(pk=self.items[0].pk).credits.values_list("person__name", flat=True)),
                         ["刘吟", "雷甫"])

    def test_reparsing_a_proofed_page_from_the_admin_keeps_the_editors_items(self):
        self.save_previewed(self.preview(f"split:{self.items[2].pk}:5", hidden(self.open(), "state")))
        before = list(Item.objects.filter(page=self.page).order_by("position").values_list("pk", "body"))
        response = self.client.post("/admin/articles/page/", {"action": "reimport",
                                                              "_selected_action": [self.page.pk]}, follow=True)
        self.assertContains(response, "保留（编辑校对过）：1")
        self.assertEqual(list(Item.objects.filter(page=self.page).order_by("position").values_list("pk", "body")),
                         before)

    def test_the_views_queries_do_not_grow_with_the_pages_items(self):
        def queries():
            with CaptureQueriesContext(connection) as captured:
                self.open()
            return len(captured)
        before = queries()
        for _ in range(3):                     # three more items, three history entries
            item = Item.objects.get(pk=self.items[2].pk)
            perform(self.page, "split", {"item": item.pk, "at": len(item.body) - 1}, user=self.editor)
        self.assertEqual(Item.objects.filter(page=self.page).count(), 12)
        self.assertEqual(queries(), before)

    def test_check_marks_the_page_checked(self):
        self.save_previewed(self.preview("check", hidden(self.open(), "state")))
        self.page.refresh_from_db()
        self.assertEqual((self.page.checked, self.page.checked_by), (True, self.editor))
        self.assertContains(self.client.get(self.url), "已校对")


class ProofingPermissionTests(TestCase):
    def setUp(self):
        with dump_dir({"2021-02-04-01.txt": SAMPLE_BYTES}) as d:
            import_pages(d)
        self.page = Page.objects.get()
        self.url = f"/admin/articles/page/{self.page.pk}/proof/"
        self.item = Item.objects.filter(page=self.page, kind="article").order_by("position")[2]

    def staff(self, *perms):
        user = User.objects.create_user("staff", password="pw", is_staff=True)
        user.user_permissions.set(Permission.objects.filter(content_type__app_label="articles", codename__in=perms))
        client = Client()
        client.force_login(user)
        return client

    def test_view_only_staff_see_the_page_but_cannot_preview_or_save(self):
        client = self.staff("view_item", "view_page")
        response = client.get(self.url)
        self.assertContains(response, "你只有查看权限")
        self.assertNotContains(response, "从此段拆分")
        token = hidden(response.content.decode(), "state") if 'name="state"' in response.content.decode() else ""
        self.assertEqual(client.post(self.url + "preview/", {"op": f"split:{self.item.pk}:5",
                                                             "state": token}).status_code, 403)
        self.assertEqual(client.post(self.url + "save/", {"op": "split", "state": token, "params": json.dumps(
            {"item": self.item.pk, "at": 5})}).status_code, 403)
        self.assertEqual(len(Item.objects.get(pk=self.item.pk).body), 15)

    def test_staff_without_item_permissions_are_refused(self):
        self.assertEqual(self.staff("view_page").get(self.url).status_code, 403)

    def test_anonymous_visitors_are_sent_to_the_login(self):
        response = Client().get(self.url)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/admin/login/", response["Location"])

    def test_operations_need_the_csrf_token(self):
        client = Client(enforce_csrf_checks=True)
        client.force_login(User.objects.create_superuser("editor", "e@example.com", "pw"))
        html = client.get(self.url).content.decode()
        token = hidden(html, "state")
        self.assertEqual(client.post(self.url + "preview/", {"op": f"split:{self.item.pk}:5", "state": token})
                         .status_code, 403)
        self.assertEqual(client.post(self.url + "save/", {"op": "split", "state": token, "params": json.dumps(
            {"item": self.item.pk, "at": 5})}).status_code, 403)
        self.assertEqual(len(Item.objects.get(pk=self.item.pk).body), 15)
        csrf = hidden(html, "csrfmiddlewaretoken")
        self.assertEqual(client.post(self.url + "preview/", {"op": f"split:{self.item.pk}:5", "state": token,
                                                             "csrfmiddlewaretoken": csrf}).status_code, 200)
