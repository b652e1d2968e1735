"""Checked pages as gold parses (PAGE_FORMAT.md §3): what `export_gold`
writes, `import_gold` loads as an editor's version of a page, and
`parser_report` scores the parser against.

A page's gold is its items as the archive holds them: articles and photos
(and banners, which the scorer and the training pass over), in the page's
order, with their credits and the people they name, and the page's label.
"""
import json
import os

from django.utils.translation import gettext_lazy as _

from ..importing.continuations import link_continuations
from ..importing.service import PageImport, _sync_items
from ..messages import say
from ..models import Item, ItemRedirect, Page
from ..pagedump import parse_page
from ..pagedump.scoring import mean_scores, score
from ..pagedump.training.align import align, flat
from . import state as S
from .operations import CONTENT, Operation, ProofError, operation

GOLD_SUFFIX = ".gold.json"
KINDS = (Item.ARTICLE, Item.PHOTO, Item.BANNER)


def stem(page):
    """"2021-02-04-01": the name of a page's files, as the import reads it."""
    return f"{page.issue.date:%Y-%m-%d}-{page.number:02d}"


def item_gold(state):
    """One item of a gold parse, from an item's snapshot (state.py)."""
    out = {"id": state["id"], "kind": state["kind"]}
    for name in ("headline", "kicker", "subtitle", "column", "dateline"):
        out[name] = state[name] or None
    out["credits"] = [{"name": c["name"], "role": c["role"], "org": c["org"] or None} for c in state["credits"]]
    out["body"] = [{"type": b.get("type", "paragraph"), "text": b.get("text", "")} for b in state["body"] or []]
    out["continued_to_page"] = state["continued_to_page"]
    out["continued_from_page"] = state["continued_from_page"]
    out["people"] = [{"name": m["name"], "title": m["title"] or None} for m in state["mentions"]]
    if state["kind"] == Item.BANNER:
        out["role"] = state["role"] or None
        out["text"] = "\n".join(b["text"] for b in out["body"])
        out["body"] = []
    if state["byline"]:
        out["byline"] = state["byline"]
    if state["status"] != Item.PUBLISHED:
        out["status"] = state["status"]
    return out


def page_gold(page):
    """The page's items as a gold parse."""
    order = S.page_order(page)
    states = S.item_states(order)
    return {"source": stem(page) + ".txt", "page_label": page.label or None,
            "items": [item_gold(states[pk]) for pk in order if pk in states]}


def checked_pages(since=None):
    pages = Page.objects.filter(checked=True).select_related("issue").order_by("issue__date", "number")
    if since is not None:
        pages = pages.filter(checked_at__date__gte=since)
    return pages


def export_gold(folder, since=None):
    """Write every checked page (checked on or after `since`) as
    `<date>-<page>.txt` (its dump) and `<date>-<page>.gold.json`; returns
    the stems written."""
    os.makedirs(folder, exist_ok=True)
    written = []
    for page in checked_pages(since).iterator(chunk_size=50):
        name = stem(page)
        with open(os.path.join(folder, name + ".txt"), "w", encoding="utf-8", newline="\n") as f:
            f.write(page.raw_text)
        with open(os.path.join(folder, name + GOLD_SUFFIX), "w", encoding="utf-8") as f:
            json.dump(page_gold(page), f, ensure_ascii=False, indent=1)
            f.write("\n")
        written.append(name)
    return written


def report(pages=None):
    """The current parser scored on the checked pages: [(page, metrics)]
    and their means (scoring.mean_scores)."""
    rows = []
    for page in (pages if pages is not None else checked_pages()):
        rows.append((page, score(parse_page(page.raw_text), page_gold(page))))
    return rows, mean_scores([m for _, m in rows])


# ------------------------------------------------------------- import ---

def check_gold(gold):
    """Refuse what is not a parse of PAGE_FORMAT.md §3's shape."""
    if not isinstance(gold, dict) or not isinstance(gold.get("items"), list):
        raise ProofError(_("a gold parse is an object with a list of \"items\""))
    for n, item in enumerate(gold["items"], 1):
        if not isinstance(item, dict) or item.get("kind") not in KINDS:
            raise ProofError(say(_("item {n}: \"kind\" must be article, photo or banner"), n=n))
        body = item.get("body") or []
        if not isinstance(body, list) or not all(isinstance(b, dict) and isinstance(b.get("text", ""), str)
                                                  for b in body):
            raise ProofError(say(_("item {n}: \"body\" must be a list of {{\"type\", \"text\"}}"), n=n))
        for name in ("headline", "kicker", "subtitle", "column", "dateline", "text"):
            if item.get(name) is not None and not isinstance(item[name], str):
                raise ProofError(say(_("item {n}: \"{field}\" must be text or null"), n=n, field=name))
        for key in ("credits", "people"):
            rows = item.get(key) or []
            if not isinstance(rows, list) or not all(isinstance(r, dict) and isinstance(r.get("name"), str)
                                                      for r in rows):
                raise ProofError(say(_("item {n}: \"{field}\" must be a list of objects with a \"name\""),
                                     n=n, field=key))


def placed_lines(text, gold):
    """The dump's lines of each article and photo of `gold` (in order) as
    the training's alignment places them; raises ProofError when one of
    them is not (wholly) found in the dump."""
    a = align(text, gold)
    content = [i for i in gold["items"] if i.get("kind") in CONTENT]
    lines = [[] for _ in content]
    found = {}
    for line, owner in zip(a.lines, a.items):
        if owner is not None:
            lines[owner.index].append(line.no)
            found[owner.index] = owner
    for k, item in enumerate(content):
        owner = found.get(k)
        text_len = len("".join(flat(b.get("text")) for b in item.get("body") or []))
        if owner is None or owner.cursor < text_len:
            what = item.get("headline") or "".join(b.get("text", "") for b in item.get("body") or [])[:20]
            raise ProofError(say(_("item {n} (「{what}」) is not in the page's dump: is this the gold of another "
                                   "page?"), n=k + 1, what=what))
    return lines


def _as_parse(item):
    """A gold item as the import writes items (a banner's text its body)."""
    out = dict(item)
    out["credits"] = [{**c, "org": c.get("org") or "本报"} for c in item.get("credits") or [] if c.get("name")]
    out["people"] = [p for p in item.get("people") or [] if p.get("name")]
    out["body"] = [{"type": b.get("type") or "paragraph", "text": b.get("text", "")} for b in item.get("body") or []]
    if item["kind"] == Item.BANNER and not item.get("text"):
        out["text"] = "\n".join(b["text"] for b in out["body"])
    out.pop("lines", None)
    out.pop("confidence", None)
    return out


def _banner_parse(state):
    return {"kind": Item.BANNER, "role": state["role"], "headline": state["headline"],
            "text": "\n".join(b.get("text", "") for b in state["body"] or []), "body": [], "credits": [],
            "people": []}


@operation
class ImportGold(Operation):
    """A gold parse becomes the page's items (the editor's version): items
    that match keep their numbers, the others are made or removed (a
    removed item's URL redirecting to the item most of its text went
    into); the page is marked checked. Banners of the page stay unless the
    gold lists banners of its own."""
    name = "import_gold"

    def clean(self):
        gold = self.raw.get("gold")
        check_gold(gold)
        self.gold = gold
        self.lines = placed_lines(self.page.raw_text, gold)
        self.params["file"] = str(self.raw.get("file") or "")

    def affected(self):
        return set(Item.objects.filter(page=self.page).values_list("pk", flat=True))

    def apply(self):
        items = [_as_parse(i) for i in self.gold["items"]]
        content = [i for i in items if i["kind"] in CONTENT]
        banners = [i for i in items if i["kind"] == Item.BANNER]
        if not banners:
            banners = [_banner_parse(s) for s in self.before["items"].values()
                       if s is not None and s["kind"] == Item.BANNER]
        parsed = content + banners
        for k, lines in enumerate(self.lines):
            parsed[k]["lines"] = lines
        result = PageImport(status="imported", sha256=self.page.sha256, parse={"items": parsed}, page=self.page)
        _sync_items(self.page, parsed, result, respect_edits=False)
        for item in Item.objects.filter(page=self.page):
            p = parsed[item.position]
            item.edited, item.edited_at = True, self.now
            item.status = p.get("status") or item.status or Item.PUBLISHED
            if item.kind == Item.BANNER and p.get("role"):
                item.role = p["role"][:20]
            item.save()
        link_continuations(self.page)
        now = set(Item.objects.filter(page=self.page).values_list("pk", flat=True))
        self.created = now - {int(k) for k in self.before["items"]}
        self._redirect_removed(now)
        label = self.gold.get("page_label")
        Page.objects.filter(pk=self.page.pk).update(
            checked=True, checked_at=self.now, checked_by=self.user if self.user and self.user.pk else None,
            **({"label": label[:100]} if isinstance(label, str) and label else {}))
        self.info = {"items": len(content), "kept": len(now - self.created), "new": len(self.created),
                     "removed": len({int(k) for k in self.before["items"]} - now)}

    def _redirect_removed(self, now):
        """A removed item's URL goes to the item now holding most of its text."""
        texts = {i.pk: flat(i.plain_text) for i in Item.objects.filter(pk__in=now, kind__in=CONTENT)}
        for key, state in self.before["items"].items():
            if state is None or int(key) in now or state["kind"] not in CONTENT:
                continue
            text = "".join(flat(b.get("text")) for b in state["body"] or [])
            best = max(texts, key=lambda pk: _overlap(text, texts[pk]), default=None)
            if best is not None and _overlap(text, texts[best]) >= 0.5:
                ItemRedirect.objects.update_or_create(old_id=int(key), defaults={"new_id": best})

    @staticmethod
    def describe(params, edit):
        return say(_("checked parse {file} loaded: {items} articles and photos ({kept} kept, {new} new, "
                     "{removed} removed); page marked checked"), file=params.get("file") or "—",
                   items=params.get("items", "?"), kept=params.get("kept", "?"), new=params.get("new", "?"),
                   removed=params.get("removed", "?"))


def _overlap(a, b):
    """How much of `a` is in `b` (its sentences found there)."""
    if not a:
        return 0.0
    parts = [p for p in a.replace("！", "。").replace("？", "。").split("。") if p]
    return sum(len(p) + 1 for p in parts if p in b) / (len(a) + 1)
