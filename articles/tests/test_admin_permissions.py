"""A staff account that may only look (every view_* right of the archive,
nothing else) changes nothing through the admin, whatever it POSTs: every
action of every admin, every custom view (the upload and its confirmation,
proofing's views, whatever a ModelAdmin adds to its URLs), every change,
add and delete form, and each proofing operation with a valid token. The
actions and custom views are found from the admin site itself, so one
added later is checked too. After each request the whole archive — every
table of the app — is compared with what it was."""
import re
from html import unescape

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse

from articles import editing
from articles.admin.issues import UPLOAD_SESSION_KEY
from articles.models import ImportRun, Item, Page, Person, PersonAlias, ProofEdit

from . import factories
from .helpers import SAMPLE_BYTES, dump_dir, import_pages, two_article_page

# The views every ModelAdmin has; anything else in its URLs is its own.
STANDARD_VIEWS = ("changelist", "add", "history", "delete", "change")


# Tables the set-up fills, so that a change to them would show.
WATCHED = ["Issue", "Page", "Item", "Credit", "Mention", "Person", "PersonAlias", "PersonRedirect", "Section",
           "ImportRun", "ImportFile", "SearchEntry"]


def archive_state():
    """Every row of every table of the app, as plain values."""
    state = {}
    for model in apps.get_app_config("articles").get_models():
        rows = model.objects.order_by("pk").values()
        state[model._meta.label] = [tuple(sorted((k, repr(v)) for k, v in row.items())) for row in rows]
    return state


def archive_admins():
    return [(model, model_admin) for model, model_admin in admin.site._registry.items()
            if model._meta.app_label == "articles"]


def custom_urls(model, model_admin):
    """(name, the URL's keyword arguments' names) of the views a ModelAdmin
    adds to the standard ones."""
    prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
    out = []
    for pattern in model_admin.get_urls():
        name = getattr(pattern, "name", None)
        if not name or (name.startswith(prefix) and name[len(prefix):] in STANDARD_VIEWS):
            continue
        out.append((name, list(pattern.pattern.converters)))
    return out


class ViewOnlyStaffChangesNothingTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        # Something in every table: an import run and its file, pages,
        # items, credits, mentions, people, an alias, a merged person's
        # redirect, sections, search entries.
        with dump_dir({"2021-02-03-01.txt": two_article_page()}) as d:
            assert import_pages(d).status == 0
        factories.issue("2021-02-04", pages=2, items_per_page=2, section="要闻", column="就地过年 暖在身边")
        factories.photo(Page.objects.filter(issue__date="2021-02-04").first())
        keep, gone = factories.person("王志敏"), factories.person("王 志敏")
        factories.add_items(Page.objects.filter(issue__date="2021-02-04").first(), 1, people=[gone])
        editing.merge_people(keep, [gone])
        Item.objects.filter(pk=Item.objects.order_by("pk").first().pk).update(status=Item.WITHDRAWN)
        cls.viewer = User.objects.create_user("viewer", password="x" * 12, is_staff=True)
        cls.viewer.user_permissions.set(Permission.objects.filter(content_type__app_label="articles",
                                                                  codename__startswith="view_"))

    def setUp(self):
        self.client.force_login(self.viewer)
        self.before = archive_state()
        for label in WATCHED:
            self.assertTrue(self.before[f"articles.{label}"], f"no {label} row to watch")

    def assertUnchanged(self, what):
        after = archive_state()
        for label, rows in self.before.items():
            self.assertEqual(after[label], rows, f"{what} changed {label}")

    def test_the_viewer_reads_the_admin(self):
        # The account is logged in and may look: what follows is refused
        # for want of the right, not for want of a login.
        item = Item.objects.filter(kind=Item.ARTICLE, status=Item.PUBLISHED).first()
        response = self.client.get(reverse("admin:articles_item_change", args=[item.pk]))
        self.assertContains(response, item.headline)
        self.assertNotContains(response, 'name="_save"')
        pages = self.client.get(reverse("admin:articles_page_changelist")).content.decode()
        self.assertIn("2021-02-04 第1版 要闻", pages)

    def test_no_action_is_offered_and_none_runs(self):
        for model, model_admin in archive_admins():
            changelist = reverse(f"admin:articles_{model._meta.model_name}_changelist")
            response = self.client.get(changelist)
            self.assertEqual(response.status_code, 200)
            form = response.context["action_form"]
            self.assertEqual([n for n, _label in form.fields["action"].choices if n] if form else [], [],
                             f"actions offered on {changelist}")
            pks = [str(pk) for pk in model.objects.values_list("pk", flat=True)]
            people = list(Person.objects.values_list("pk", flat=True))
            for name in [name for _func, name, _desc in model_admin._get_base_actions()]:
                # Each step of each action: the first POST, and the second
                # (merge's "apply" with the person to keep, delete's "post").
                for extra in ({}, {"apply": "1", "keep": people[0], "post": "yes"}):
                    with self.subTest(changelist=changelist, action=name, step=2 if extra else 1):
                        response = self.client.post(changelist, {"action": name, "_selected_action": pks,
                                                                 "index": "0", **extra})
                        self.assertLess(response.status_code, 500)
                        self.assertUnchanged(f"the action {name} on {changelist}")

    def test_every_form_refuses_a_change(self):
        checked = []
        for model, _model_admin in archive_admins():
            obj = model.objects.order_by("pk").first()
            if obj is None:
                continue
            name = model._meta.model_name
            checked.append(model.__name__)
            change = reverse(f"admin:articles_{name}_change", args=[obj.pk])
            with self.subTest(form=change):
                self.assertEqual(self.client.get(change).status_code, 200)
                self.assertEqual(self.client.post(change, {"headline": "改过的标题", "name": "改过的名字"}).status_code,
                                 403)
                self.assertUnchanged(f"a POST to {change}")
            delete = reverse(f"admin:articles_{name}_delete", args=[obj.pk])
            with self.subTest(form=delete):
                self.assertEqual(self.client.post(delete, {"post": "yes"}).status_code, 403)
                self.assertUnchanged(f"a POST to {delete}")
            add = reverse(f"admin:articles_{name}_add")
            with self.subTest(form=add):
                self.assertEqual(self.client.post(add, {"headline": "新条目", "name": "新人物"}).status_code, 403)
                self.assertUnchanged(f"a POST to {add}")
        self.assertLessEqual({"Issue", "Page", "Item", "Person", "Section", "ImportRun"}, set(checked))

    def test_every_custom_view_refuses_or_changes_nothing(self):
        found = []
        for model, model_admin in archive_admins():
            obj = model.objects.order_by("pk").first()
            for name, arguments in custom_urls(model, model_admin):
                url = reverse(f"admin:{name}", kwargs={a: obj.pk for a in arguments})
                found.append(name)
                for method in ("get", "post"):
                    with self.subTest(url=url, method=method):
                        response = getattr(self.client, method)(url)
                        self.assertLess(response.status_code, 500)
                        self.assertUnchanged(f"{method.upper()} {url}")
        self.assertIn("articles_page_upload", found)

    def test_the_upload_refuses_a_file_and_a_token(self):
        upload = reverse("admin:articles_page_upload")
        self.assertEqual(self.client.get(upload).status_code, 403)
        response = self.client.post(upload, {"files": [SimpleUploadedFile("2021-02-05-01.txt",
                                                                          two_article_page().encode())]})
        self.assertEqual(response.status_code, 403)
        self.assertUnchanged("uploading a file")
        # A token from an editor's preview, in the viewer's session: refused too.
        session = self.client.session
        session[UPLOAD_SESSION_KEY.format("t")] = {
            "uploads": [{"name": "2021-02-05-01.txt", "data": "5bi45Lmm6ZOt"}], "force": True, "date": None,
            "page": None}
        session.save()
        self.assertEqual(self.client.post(upload, {"token": "t"}).status_code, 403)
        self.assertUnchanged("confirming an upload")
        self.assertFalse(ImportRun.objects.filter(source=ImportRun.ADMIN).exists())

    def test_reparse_and_merge_by_name(self):
        # The two actions that rewrite most, spelled out.
        pages = [str(pk) for pk in Page.objects.values_list("pk", flat=True)]
        self.client.post(reverse("admin:articles_page_changelist"), {"action": "reimport", "_selected_action": pages})
        self.assertUnchanged("the re-parse action")
        a, b = factories.person("李晓雯"), factories.person("李 晓雯")
        self.before = archive_state()
        self.client.post(reverse("admin:articles_person_changelist"),
                         {"action": "merge", "apply": "1", "keep": a.pk, "_selected_action": [a.pk, b.pk]})
        self.assertUnchanged("the merge action")
        self.assertFalse(PersonAlias.objects.filter(name="李 晓雯").exists())

    def test_merging_needs_the_right_to_delete_people_too(self):
        # Merging deletes the merged people: the right to change them is not enough.
        self.viewer.user_permissions.add(Permission.objects.get(codename="change_person"))
        changelist = reverse("admin:articles_person_changelist")
        form = self.client.get(changelist).context["action_form"]
        self.assertNotIn("merge", [name for name, _label in form.fields["action"].choices] if form else [])
        people = list(Person.objects.values_list("pk", flat=True)[:2])
        self.client.post(changelist, {"action": "merge", "apply": "1", "keep": people[0], "_selected_action": people})
        self.assertUnchanged("merging with the right to change people only")


class ViewOnlyStaffProofingTests(TestCase):
    """Proofing (版面校对): the viewer sees a page's proofing view, but no
    operation previews or saves — not even the very form an editor's
    preview would save, with its valid token — and reverting an editor's
    change is refused too."""

    def setUp(self):
        with dump_dir({"2021-02-04-01.txt": SAMPLE_BYTES}) as d:
            import_pages(d)
        self.page = Page.objects.get()
        self.url = reverse("admin:articles_page_proof", args=[self.page.pk])
        self.items = list(Item.objects.filter(page=self.page, kind=Item.ARTICLE).order_by("position"))
        self.editor = Client()
        self.editor.force_login(User.objects.create_superuser("editor", "e@example.com", "x" * 12))
        # An editor's change, for the viewer to try to revert.
        self.editor.post(self.url + "save/", self.editors_preview(f"merge:{self.items[1].pk}:prev"))
        self.edit = ProofEdit.objects.get()
        viewer = User.objects.create_user("viewer", password="x" * 12, is_staff=True)
        viewer.user_permissions.set(Permission.objects.filter(content_type__app_label="articles",
                                                              codename__startswith="view_"))
        self.client.force_login(viewer)

    def editors_preview(self, op):
        """The form an editor's preview of `op` would save: op, state, params."""
        token = hidden(self.editor.get(self.url).content.decode(), "state")
        preview = self.editor.post(self.url + "preview/", {"op": op, "state": token})
        self.assertEqual(preview.status_code, 200, op)
        html = preview.content.decode()
        return {"op": hidden(html, "op"), "state": hidden(html, "state"), "params": hidden(html, "params")}

    def test_every_operation_is_refused_and_nothing_changes(self):
        self.assertContains(self.client.get(self.url), "你只有查看权限")
        first = self.items[0]
        for op in (f"split:{first.pk}:1", f"subhead:{self.items[2].pk}:3", f"revert:{self.edit.pk}", "check"):
            with self.subTest(op=op):
                form = self.editors_preview(op)
                before = archive_state()
                self.assertEqual(self.client.post(self.url + "preview/", {"op": op, "state": form["state"]})
                                 .status_code, 403)
                self.assertEqual(self.client.post(self.url + "save/", form).status_code, 403)
                self.assertEqual(archive_state(), before)
        self.assertFalse(ProofEdit.objects.exclude(pk=self.edit.pk).exists())


def hidden(html, name):
    """The value of a hidden field of a form in `html`, unescaped."""
    return unescape(re.search(rf'name="{name}" value="([^"]*)"', html).group(1))
