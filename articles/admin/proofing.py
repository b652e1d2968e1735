"""版面校对: the proofing view of a page in the admin.

The dump's lines on one side, the page's items on the other; every
operation is posted as a form (it works without JavaScript), previewed
(the operation done and rolled back, articles.proofing.operations), then
saved with the token of the page it was made from. The history lists every
operation, each revertable. Staff who may view items see all of it; only
those with the change permission on items may preview or save."""
import json
import logging

from django.contrib import admin, messages
from django.contrib.admin.models import CHANGE, LogEntry
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST

from ..models import Credit, Item, Page, ProofEdit
from ..proofing import state as S
from ..proofing.dumplines import line_map
from ..proofing.operations import FIELD_NAMES, HEADING_FIELDS, ProofError, describe, flat, perform

log = logging.getLogger(__name__)

# What editors may do from the view (import_gold is the command's).
EDITOR_OPERATIONS = ("split", "merge", "move", "headings", "subhead", "promote", "kind", "give_title",
                     "give_credit", "credits", "check", "uncheck", "revert")
HISTORY = 100
KINDS = dict(Item.KINDS)
# The person look-up of the credits form: the admin's own autocomplete
# (Person's search fields: names and aliases), answered as JSON.
LOOKUP_QUERY = "?app_label=articles&model_name=credit&field_name=person"


def urls(model_admin):
    site = model_admin.admin_site
    views = ProofingViews(model_admin)
    return [
        path("<int:pk>/proof/", site.admin_view(views.proof), name="articles_page_proof"),
        path("<int:pk>/proof/preview/", site.admin_view(views.preview), name="articles_page_proof_preview"),
        path("<int:pk>/proof/save/", site.admin_view(views.save), name="articles_page_proof_save"),
    ]


def can_view(request):
    return request.user.has_perm("articles.view_item") or request.user.has_perm("articles.change_item")


def can_change(request):
    return request.user.has_perm("articles.change_item")


# ------------------------------------------------------------ the forms ---

def params_from_post(post):
    """(operation, parameters) from a form of the proofing view: the button
    pressed (`op`, like "split:12:3") and the fields of its form."""
    name, _sep, rest = (post.get("op") or "").partition(":")
    args = rest.split(":") if rest else []

    def arg(k, default=None):
        return args[k] if len(args) > k else default
    if name == "split":
        return name, {"item": arg(0), "at": arg(1)}
    if name == "merge":
        return name, {"item": arg(0), "into": arg(1)}
    if name == "move":
        return name, {"item": arg(0), "to": arg(1), "blocks": post.getlist("blocks")}
    if name == "headings":
        return name, {"item": arg(0), "fields": {
            f: {"text": post.get(f, ""), "lines": post.get(f"{f}_lines", "")} for f in HEADING_FIELDS if f in post}}
    if name in ("subhead", "promote"):
        return name, {"item": arg(0), "block": arg(1), "field": arg(2, "headline")}
    if name == "kind":
        return name, {"item": arg(0), "kind": post.get("kind")}
    if name == "give_title":
        return name, {"item": arg(0), "to": post.get("title_to")}
    if name == "give_credit":
        return name, {"item": arg(0), "credit": post.get("credit"), "to": post.get("credit_to")}
    if name == "credits":
        rows = zip(post.getlist("credit_name"), post.getlist("credit_role"), post.getlist("credit_org"))
        return name, {"item": arg(0), "credits": [{"name": n, "role": r, "org": o} for n, r, o in rows]}
    if name == "revert":
        return name, {"edit": arg(0)}
    return name, {}


# -------------------------------------------------------- what is shown ---

def card(state, lines=None, doubtful=False):
    """An item as the view and the previews show it."""
    blocks = []
    for k, b in enumerate(state["body"] or []):
        numbers = (lines.blocks.get(k, []) if lines else [])
        blocks.append({"index": k, "number": k + 1, "type": b.get("type", "paragraph"), "text": b.get("text", ""),
                       "lines": numbers, "first_line": numbers[0] + 1 if numbers else None,
                       "line_label": _line_label(numbers)})
    all_lines = lines.lines if lines else []
    headings = [{"name": f, "label": FIELD_NAMES[f], "value": state.get(f) or ""} for f in HEADING_FIELDS]
    return {**state, "blocks": blocks, "headings": headings, "kind_display": KINDS.get(state["kind"], state["kind"]),
            "is_content": state["kind"] in (Item.ARTICLE, Item.PHOTO), "title": _title(state),
            "lines_attr": " ".join(str(n) for n in all_lines), "first_line": all_lines[0] + 1 if all_lines else None,
            "line_label": _line_label(all_lines), "found_by_text": bool(lines and lines.found_by_text),
            "doubtful": doubtful}


def _title(state):
    if state.get("headline"):
        return state["headline"]
    text = "".join(b.get("text", "") for b in state.get("body") or [])
    return (text[:24] + "…") if len(text) > 24 else (text or f"条目 {state['id']}")


def _line_label(numbers):
    """[3, 4, 5, 9] → "4–6、10" (lines numbered from 1, as shown)."""
    if not numbers:
        return ""
    runs, start, prev = [], numbers[0], numbers[0]
    for n in numbers[1:] + [None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        runs.append(f"{start + 1}" if start == prev else f"{start + 1}–{prev + 1}")
        if n is not None:
            start = prev = n
    return "、".join(runs)


class ProofingViews:
    def __init__(self, model_admin):
        self.model_admin = model_admin

    def _page(self, pk):
        return get_object_or_404(Page.objects.select_related("issue"), pk=pk)

    def _context(self, request, page, **extra):
        # (Without the admin's side bar: the dump and the items need the width.)
        return {**self.model_admin.admin_site.each_context(request), "opts": Page._meta, "original": page,
                "page": page, "can_change": can_change(request), "title": f"版面校对：{page}",
                "is_nav_sidebar_enabled": False, **extra}

    # -------------------------------------------------------------- view ---
    def proof(self, request, pk):
        if not can_view(request):
            raise PermissionDenied
        return require_GET(self._proof)(request, pk)

    def _proof(self, request, pk):
        page = self._page(pk)
        order = S.page_order(page)
        states = S.item_states(order)
        ordered = [states[pk] for pk in order if pk in states]
        lines = line_map(page.raw_text, ordered, page.label)
        cards = []
        content = [s for s in ordered if s["kind"] in (Item.ARTICLE, Item.PHOTO)]
        neighbours = {}
        for k, s in enumerate(content):
            neighbours[s["id"]] = (content[k - 1]["id"] if k else None,
                                   content[k + 1]["id"] if k + 1 < len(content) else None)
        for s in ordered:
            c = card(s, lines[s["id"]], doubtful=s["confidence"] is not None and s["confidence"] < 0.8)
            c["prev"], c["next"] = neighbours.get(s["id"], (None, None))
            cards.append(c)
        owners = {}
        for c in cards:
            for n in lines[c["id"]].lines:
                owners.setdefault(n, []).append(c["id"])
        dump = [{"no": no, "number": no + 1, "text": text, "items": " ".join(map(str, owners.get(no, []))),
                 "blank": not text.strip(), "stray": bool(text.strip()) and no not in owners}
                for no, text in enumerate(page.raw_text.split("\n"))]
        photos = [c for c in cards if c["kind"] == Item.PHOTO]
        context = self._context(
            request, page, dump=dump, cards=cards, photos=photos, token=S.page_token(page),
            history=self._history(page), heading_fields=[(f, FIELD_NAMES[f]) for f in HEADING_FIELDS],
            kinds=Item.KINDS, roles=[r for r, _label in Credit.ROLES],
            lookup=reverse(f"{self.model_admin.admin_site.name}:autocomplete") + LOOKUP_QUERY,
            stray=sum(1 for d in dump if d["stray"]))
        return TemplateResponse(request, "admin/articles/page/proof.html", context)

    def _history(self, page):
        edits = list(ProofEdit.objects.filter(page=page).select_related("user", "reverted_by")[:HISTORY])
        rows = []
        for e in edits:
            try:
                reverted = e.reverted_by
            except ProofEdit.DoesNotExist:
                reverted = None
            rows.append({"edit": e, "text": describe(e), "reverted": reverted,
                         "who": e.user or e.username or "—"})
        return rows

    # ----------------------------------------------------------- preview ---
    def preview(self, request, pk):
        return require_POST(self._preview)(request, pk)

    def _preview(self, request, pk):
        if not can_change(request):
            raise PermissionDenied
        page = self._page(pk)
        name, params = params_from_post(request.POST)
        token = request.POST.get("state", "")
        try:
            if name not in EDITOR_OPERATIONS:
                raise ProofError("未知的操作。")
            edit = perform(page, name, params, user=request.user, token=token, preview=True)
        except ProofError as e:
            return self._refused(request, page, e)
        rows = _preview_rows(edit)
        context = self._context(request, page, edit=edit, text=describe(edit), rows=rows, operation=name,
                                params_json=json.dumps(edit.params, ensure_ascii=False), token=token,
                                fragment=_wants_fragment(request))
        template = ("admin/articles/page/proof_preview_fragment.html" if context["fragment"]
                    else "admin/articles/page/proof_preview.html")
        return TemplateResponse(request, template, context)

    def _refused(self, request, page, error):
        context = self._context(request, page, error=error.message, fragment=_wants_fragment(request))
        template = ("admin/articles/page/proof_refused_fragment.html" if context["fragment"]
                    else "admin/articles/page/proof_refused.html")
        return TemplateResponse(request, template, context, status=error.status)

    # -------------------------------------------------------------- save ---
    def save(self, request, pk):
        return require_POST(self._save)(request, pk)

    def _save(self, request, pk):
        if not can_change(request):
            raise PermissionDenied
        page = self._page(pk)
        name = request.POST.get("op", "")
        try:
            params = json.loads(request.POST.get("params") or "{}")
        except ValueError:
            params = None
        try:
            if name not in EDITOR_OPERATIONS or not isinstance(params, dict):
                raise ProofError("未知的操作。")
            edit = perform(page, name, params, user=request.user, token=request.POST.get("state", ""))
        except ProofError as e:
            return self._refused(request, page, e)
        with translation.override("zh-hans"):
            text = str(describe(edit))
        # Also in the page's own admin history (Django's LogEntry).
        LogEntry.objects.log_actions(request.user.pk, [page], CHANGE, change_message=f"版面校对：{text}",
                                     single_object=True)
        messages.success(request, f"已保存：{text}")
        anchor = next((f"#item-{pk}" for pk in edit.items if Item.objects.filter(pk=pk).exists()), "")
        return HttpResponseRedirect(reverse("admin:articles_page_proof", args=[page.pk]) + anchor, status=303)


def _wants_fragment(request):
    return request.headers.get("X-Proof-Fragment") == "1"


def _preview_rows(edit):
    """For each item the operation touches: before and after, the
    paragraphs that differ marked."""
    before, after = edit.before["items"], edit.after["items"]
    position = {pk: k for k, pk in enumerate(edit.after["order"])}
    rows = []
    for key in sorted(set(before) | set(after), key=lambda k: (position.get(int(k), 10 ** 6), int(k))):
        b, a = before.get(key), after.get(key)
        if b == a:
            continue
        bc, ac = (card(b) if b else None), (card(a) if a else None)
        if bc and ac:
            b_texts = {flat(x["text"]) + x["type"] for x in bc["blocks"]}
            a_texts = {flat(x["text"]) + x["type"] for x in ac["blocks"]}
            for x in bc["blocks"]:
                x["changed"] = flat(x["text"]) + x["type"] not in a_texts
            for x in ac["blocks"]:
                x["changed"] = flat(x["text"]) + x["type"] not in b_texts
            for f in HEADING_FIELDS + ("kind",):
                ac[f"{f}_changed"] = (b.get(f) or "") != (a.get(f) or "")
            for h in ac["headings"]:
                h["changed"] = ac[f"{h['name']}_changed"]
            ac["credits_changed"] = [c["name"] for c in b["credits"]] != [c["name"] for c in a["credits"]]
        rows.append({"id": int(key), "before": bc, "after": ac, "new": b is None and a is not None,
                     "gone": a is None and b is not None})
    return rows


# ------------------------------------------------------ the record, read ---

@admin.register(ProofEdit)
class ProofEditAdmin(admin.ModelAdmin):
    """Every proofing operation of every page: read only (revert from the
    page's proofing view)."""
    list_display = ["pk", "at", "page_link", "who", "summary", "reverted"]
    list_filter = ["operation"]
    date_hierarchy = "at"
    search_fields = ["username", "user__username"]
    list_select_related = ["page__issue", "user"]
    fields = ["page_link", "at", "who", "summary", "operation", "items", "params"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("before", "after", "page__raw_text", "page__warnings")

    @admin.display(description="版")
    def page_link(self, obj):
        return format_html('<a href="{}#edit-{}">{}</a>', reverse("admin:articles_page_proof", args=[obj.page_id]),
                           obj.pk, obj.page)

    @admin.display(description="操作人")
    def who(self, obj):
        return obj.user or obj.username or "—"

    @admin.display(description="操作")
    def summary(self, obj):
        return describe(obj)

    @admin.display(description="已撤销", boolean=True)
    def reverted(self, obj):
        return ProofEdit.objects.filter(reverts=obj).exists()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
