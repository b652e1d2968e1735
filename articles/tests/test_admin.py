"""The editors' admin: staff only, every list and form loads, the upload
form previews then imports, and the editing actions."""
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings, tag

from articles.admin.issues import UPLOAD_SESSION_KEY
from articles.models import ImportRun, Item, Page, Person, PersonAlias

from . import factories
from .helpers import SAMPLE_BYTES, dump_dir, import_pages, two_article_page


class AdminAccessTests(TestCase):
    def test_admin_is_for_staff_only(self):
        self.assertRedirects(self.client.get("/admin/"), "/admin/login/?next=/admin/")
        User.objects.create_user("reader", password="x" * 12)
        self.client.login(username="reader", password="x" * 12)
        self.assertEqual(self.client.get("/admin/articles/item/").status_code, 302)
        self.assertEqual(self.client.get("/admin/articles/page/upload/").status_code, 302)


class AdminPagesTests(TestCase):
    def setUp(self):
        self.editor = User.objects.create_superuser("editor", "e@example.com", "x" * 12)
        self.client.force_login(self.editor)
        factories.issue("2021-02-04", pages=2, column="就地过年 暖在身边")
        factories.photo(Page.objects.first())

    def test_every_list_and_change_form_shows_its_objects(self):
        with dump_dir({"2021-02-03-01.txt": two_article_page()}) as d:
            import_pages(d)
        run = ImportRun.objects.get()
        page = Page.objects.get(issue__date="2021-02-04", number=2)
        item = Item.objects.get(headline="第2版第1篇 市政协召开党组会议")
        for model, shown in (("issue", ["2021年2月4日", "2021年2月3日"]),
                             ("page", ["2021-02-04 第2版", "2021-02-03 第1版"]),
                             ("item", ["第2版第1篇 市政协召开党组会议", "就地过大年暖心更安心", "抓时节 忙养护"]),
                             ("person", ["雷甫", "常书铭", "曹伟"]), ("section", ["就地过年 暖在身边"]),
                             ("importrun", [f'<a href="/admin/articles/importrun/{run.pk}/change/">{run.pk}</a>'])):
            with self.subTest(model=model):
                response = self.client.get(f"/admin/articles/{model}/")
                for text in shown:
                    self.assertContains(response, text)
        for model, obj, shown in (("issue", page.issue, ["第2版"]), ("page", page, [item.headline, "（原始文本）"]),
                                  ("item", item, [item.headline, "搭台唱戏，精彩不停歇", "雷甫"]),
                                  ("person", Person.objects.get(name="雷甫"), ["雷甫", "本报"]),
                                  ("importrun", run, ["2021-02-03-01.txt"])):
            with self.subTest(model=model):
                response = self.client.get(f"/admin/articles/{model}/{obj.pk}/change/")
                for text in shown:
                    self.assertContains(response, text)

    def test_a_page_shows_its_items_beside_its_raw_text(self):
        page = Page.objects.first()
        response = self.client.get(f"/admin/articles/page/{page.pk}/change/")
        self.assertContains(response, "raw-dump")
        self.assertContains(response, "（原始文本）")
        self.assertContains(response, "第1版第1篇")

    def test_editing_an_item_marks_it_edited(self):
        item = Item.objects.filter(kind="article").first()
        response = self.client.get(f"/admin/articles/item/{item.pk}/change/")
        form = response.context["adminform"].form
        data = {k: v for k, v in form.initial.items() if v is not None}
        data.update({"headline": "改过的标题", "body": form["body"].value(), "page": item.page_id,
                     "credits-TOTAL_FORMS": 0, "credits-INITIAL_FORMS": 0,
                     "mentions-TOTAL_FORMS": 0, "mentions-INITIAL_FORMS": 0})
        data["body"] = "第一段。\n\n■ 小标题\n\n第二段。"
        data = {k: ("" if v is None else v) for k, v in data.items()
                if k not in ("continues", "column_section") or v}
        response = self.client.post(f"/admin/articles/item/{item.pk}/change/", data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        item.refresh_from_db()
        self.assertEqual(item.headline, "改过的标题")
        self.assertTrue(item.edited)
        self.assertEqual(item.body, [{"type": "paragraph", "text": "第一段。"}, {"type": "subhead", "text": "小标题"},
                                     {"type": "paragraph", "text": "第二段。"}])

    def test_withdraw_and_publish_actions(self):
        items = Item.objects.filter(kind="article")[:2]
        pks = [i.pk for i in items]
        self.client.post("/admin/articles/item/", {"action": "withdraw", "_selected_action": pks})
        self.assertEqual(Item.objects.filter(pk__in=pks, status=Item.WITHDRAWN).count(), 2)
        self.assertTrue(all(Item.objects.filter(pk__in=pks).values_list("edited", flat=True)))
        self.client.post("/admin/articles/item/", {"action": "publish", "_selected_action": pks})
        self.assertEqual(Item.objects.filter(pk__in=pks, status=Item.PUBLISHED).count(), 2)

    def test_merge_people_keeps_aliases(self):
        a = factories.person("王菲")
        b = factories.person("王 菲", "本报")
        factories.add_items(Page.objects.first(), 1, people=[b])
        response = self.client.post("/admin/articles/person/", {"action": "merge",
                                                                "_selected_action": [a.pk, b.pk]})
        self.assertContains(response, "选择要保留的人物")
        self.client.post("/admin/articles/person/", {"action": "merge", "apply": "1", "keep": a.pk,
                                                     "_selected_action": [a.pk, b.pk]})
        self.assertFalse(Person.objects.filter(pk=b.pk).exists())
        self.assertTrue(PersonAlias.objects.filter(person=a, name="王 菲").exists())
        self.assertEqual(a.credits.count(), 1)


class ViewOnlyStaffTests(TestCase):
    """A staff account that may only look (view_item, view_page,
    view_person) changes nothing, whatever it POSTs."""

    def setUp(self):
        self.viewer = User.objects.create_user("viewer", password="x" * 12, is_staff=True)
        self.viewer.user_permissions.set(Permission.objects.filter(
            content_type__app_label="articles", codename__in=["view_item", "view_page", "view_person"]))
        self.client.force_login(self.viewer)
        factories.issue("2021-02-04", pages=1, items_per_page=2)
        self.page = Page.objects.get()

    def actions_offered(self, model):
        response = self.client.get(f"/admin/articles/{model}/")
        self.assertEqual(response.status_code, 200)
        form = response.context["action_form"]
        return [name for name, _label in form.fields["action"].choices if name] if form else []

    def test_no_action_is_offered(self):
        for model in ("item", "page", "person"):
            with self.subTest(model=model):
                self.assertEqual(self.actions_offered(model), [])

    def test_withdraw_and_publish_change_nothing(self):
        pks = list(Item.objects.values_list("pk", flat=True))
        self.client.post("/admin/articles/item/", {"action": "withdraw", "_selected_action": pks})
        self.assertEqual(Item.objects.filter(status=Item.PUBLISHED, edited=False).count(), 2)
        Item.objects.filter(pk=pks[0]).update(status=Item.WITHDRAWN)
        self.client.post("/admin/articles/item/", {"action": "publish", "_selected_action": pks})
        self.assertEqual(Item.objects.get(pk=pks[0]).status, Item.WITHDRAWN)

    def test_reimport_changes_nothing(self):
        before = list(Item.objects.values_list("pk", "headline", "updated_at"))
        self.client.post("/admin/articles/page/", {"action": "reimport", "_selected_action": [self.page.pk]})
        self.assertEqual(list(Item.objects.values_list("pk", "headline", "updated_at")), before)
        self.assertFalse(ImportRun.objects.exists())

    def test_merge_changes_nothing(self):
        a, b = factories.person("王菲"), factories.person("王 菲")
        for data in ({}, {"apply": "1", "keep": a.pk}):
            self.client.post("/admin/articles/person/", {"action": "merge", "_selected_action": [a.pk, b.pk], **data})
        self.assertTrue(Person.objects.filter(pk=b.pk).exists())
        self.assertFalse(PersonAlias.objects.exists())

    def test_merge_needs_the_right_to_delete_people_too(self):
        self.viewer.user_permissions.add(Permission.objects.get(codename="change_person"))
        a, b = factories.person("王菲"), factories.person("王 菲")
        self.assertNotIn("merge", self.actions_offered("person"))
        self.client.post("/admin/articles/person/", {"action": "merge", "apply": "1", "keep": a.pk,
                                                     "_selected_action": [a.pk, b.pk]})
        self.assertTrue(Person.objects.filter(pk=b.pk).exists())

    def test_the_upload_form_is_forbidden_and_not_linked(self):
        self.assertNotContains(self.client.get("/admin/articles/page/"), "/admin/articles/page/upload/")
        self.assertEqual(self.client.get("/admin/articles/page/upload/").status_code, 403)
        upload = self.client.post("/admin/articles/page/upload/", {
            "files": [SimpleUploadedFile("2021-02-05-01.txt", two_article_page().encode())]})
        self.assertEqual(upload.status_code, 403)
        # A token from an editor's preview does not help either.
        session = self.client.session
        session[UPLOAD_SESSION_KEY.format("t")] = {"uploads": [], "force": False, "date": None, "page": None}
        session.save()
        self.assertEqual(self.client.post("/admin/articles/page/upload/", {"token": "t"}).status_code, 403)
        self.assertFalse(ImportRun.objects.exists())
        self.assertEqual(Page.objects.count(), 1)


@tag("engine")
class AdminUploadTests(TestCase):
    def setUp(self):
        self.client.force_login(User.objects.create_superuser("editor", "e@example.com", "x" * 12))

    def upload(self, files, **data):
        return self.client.post("/admin/articles/page/upload/", {"files": files, **data})

    def test_preview_then_confirm_runs_the_same_import(self):
        preview = self.upload([SimpleUploadedFile("jzrb-2021-02-04-01.txt", SAMPLE_BYTES)])
        self.assertContains(preview, "确认导入")
        self.assertContains(preview, "市政协召开党组会议")
        self.assertContains(preview, "记者 雷甫")
        # The parser's warnings in the admin's language (stored as the parser wrote them).
        self.assertContains(preview, "第 1 条：没有找到标题")
        self.assertNotContains(preview, "no headline found")
        self.assertFalse(Page.objects.exists())
        token = preview.context["token"]
        done = self.client.post("/admin/articles/page/upload/", {"token": token})
        run = ImportRun.objects.get()
        self.assertRedirects(done, f"/admin/articles/importrun/{run.pk}/change/")
        self.assertEqual((run.source, run.user.username, run.imported), (ImportRun.ADMIN, "editor", 1))
        self.assertEqual(Item.objects.published().count(), 8)
        # The token is spent: confirming twice imports nothing more.
        self.client.post("/admin/articles/page/upload/", {"token": token})
        self.assertEqual(ImportRun.objects.count(), 1)

    def test_date_and_page_for_a_file_whose_name_says_neither(self):
        preview = self.upload([SimpleUploadedFile("front.txt", two_article_page().encode())],
                              date="2021-03-01", page="3")
        self.assertContains(preview, "2021年3月1日 第3版")
        self.client.post("/admin/articles/page/upload/", {"token": preview.context["token"]})
        self.assertEqual(Page.objects.get().number, 3)

    def test_bad_files_are_reported_in_the_preview(self):
        preview = self.upload([SimpleUploadedFile("front.txt", two_article_page().encode()),
                               SimpleUploadedFile("2021-02-04-01.txt", b"")])
        self.assertContains(preview, "无法导入：文件名没有日期")
        self.assertContains(preview, "无法导入：文件是空的")
        self.assertNotContains(preview, "确认导入")

    @override_settings(ARCHIVE_MAX_DUMP_BYTES=10_000)
    def test_a_file_over_the_import_limit_is_refused_by_the_form(self):
        response = self.upload([SimpleUploadedFile("2021-02-04-01.txt", two_article_page().encode() * 100)])
        self.assertContains(response, "2021-02-04-01.txt 太大")
        self.assertContains(response, "上限 9.8\xa0KB")
        self.assertFalse(ImportRun.objects.exists())

    def test_reimport_action_reparses_the_stored_text(self):
        with dump_dir({"2021-02-04-01.txt": SAMPLE_BYTES}) as d:
            import_pages(d)
        page = Page.objects.get()
        pks = set(Item.objects.values_list("pk", flat=True))
        Item.objects.update(headline="")
        self.client.post("/admin/articles/page/", {"action": "reimport", "_selected_action": [page.pk]})
        self.assertEqual(set(Item.objects.values_list("pk", flat=True)), pks)
        self.assertTrue(Item.objects.filter(headline="市政协召开党组会议").exists())
        page.refresh_from_db()
        self.assertEqual(page.sha256, Page.objects.get().sha256)
