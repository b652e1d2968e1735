"""The operations of page proofing (版面校对), as plain functions the admin
calls (and the tests and commands call directly).

`perform(page, name, params, …)` runs one operation in one transaction:
the page's row is locked, the form's token is compared with the page as it
is now (a stale form is refused, never merged), the operation checks its
parameters and refuses what would lose text, the items are written, the
search index in the same transaction, and a `ProofEdit` records who did it,
when, and the affected items before and after. With `preview=True` the
same work is done and rolled back: what the editor sees before saving is
what saving does.

Items that survive keep their numbers (a split keeps the first half's); an
item merged away leaves an `ItemRedirect`, so that its URL answers 301 to
the item it went into. Every item an operation writes is marked edited,
and the page proofed: a later import keeps the editor's version.
"""
import logging
import re

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..messages import say
from ..models import Credit, Item, ItemRedirect, Page, ProofEdit, Section
from ..pagedump import bylines
from ..pagedump.items import join_heading  # as the parser joins a heading's lines
from ..pagedump.text import clean_heading
from ..search import indexing
from . import state as S

log = logging.getLogger(__name__)

CONTENT = (Item.ARTICLE, Item.PHOTO)
HEADING_FIELDS = ("kicker", "headline", "subtitle", "column")
FIELD_NAMES = {"kicker": _("kicker"), "headline": _("headline"), "subtitle": _("subtitle"), "column": _("column")}
FIELD_LENGTH = {"kicker": 300, "headline": 300, "subtitle": 300, "column": 100}
KIND_NAMES = {Item.ARTICLE: _("article"), Item.PHOTO: _("photo"), Item.BANNER: _("banner")}
ROLES = [r for r, _label in Credit.ROLES]
_WS = re.compile(r"\s+")


class ProofError(Exception):
    """An operation refused: `message` (translatable) says why."""
    status = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class StaleForm(ProofError):
    """The page changed since the form was made."""
    status = 409


def flat(s):
    return _WS.sub("", s or "")


def title_of(state):
    """What to call an item (a snapshot) in a message."""
    if not state:
        return ""
    text = state.get("headline") or "".join(b.get("text", "") for b in state.get("body") or [])
    return text[:24] + ("…" if len(text) > 24 else "")


# ----------------------------------------------------------- operations ---

OPERATIONS = {}


def operation(cls):
    OPERATIONS[cls.name] = cls
    return cls


class Operation:
    name = None
    # The page's body text (of the affected items, in order) is the same
    # before and after: checked after every such operation.
    keeps_body = False
    # It changes items (and so marks the page proofed).
    changes_items = True

    def __init__(self, page, params, user=None):
        self.page, self.raw, self.user = page, dict(params or {}), user
        self.params = {}       # the parameters, checked
        self.info = {}         # what the history shows about it
        self.created = set()
        self.before = None
        self.reverts = None
        self.now = timezone.now()

    # -- parameters --
    def int_param(self, key, source=None):
        value = (source if source is not None else self.raw).get(key)
        try:
            return int(str(value).strip())
        except (TypeError, ValueError):
            raise ProofError(say(_("“{key}” must be a number"), key=key))

    def item_param(self, key="item", content=True):
        pk = self.int_param(key)
        item = Item.objects.filter(pk=pk, page=self.page).first()
        if item is None:
            raise ProofError(say(_("there is no item #{pk} on this page"), pk=pk))
        if content and item.kind not in CONTENT:
            raise ProofError(say(_("#{pk} is a banner (page furniture): change its kind first"), pk=pk))
        self.params[key] = pk
        return item

    def content_items(self):
        return list(Item.objects.filter(page=self.page, kind__in=CONTENT).order_by("position", "pk"))

    def neighbour(self, item, direction):
        if direction not in ("prev", "next"):
            raise ProofError(_("choose the item before or the one after"))
        items = self.content_items()
        k = next(k for k, i in enumerate(items) if i.pk == item.pk)
        j = k - 1 if direction == "prev" else k + 1
        if not 0 <= j < len(items):
            raise ProofError(_("there is no item before it") if direction == "prev" else
                             _("there is no item after it"))
        return items[j]

    def block_param(self, item, key="block", first=0):
        k = self.int_param(key)
        if not first <= k < len(item.body or []):
            raise ProofError(say(_("#{pk} has no paragraph {n}"), pk=item.pk, n=k + 1))
        self.params[key] = k
        return k

    # -- writing --
    def save(self, item, created=False):
        """Write an item an editor changed: marked edited (a re-import
        keeps it), its fingerprint made anew, its dump lines found again
        by its text when the proofing view next shows it."""
        from ..importing.service import fingerprint
        item.edited = True
        item.edited_at = self.now
        item.fingerprint = fingerprint(item.kind, item.headline, item.body)
        item.lines = []
        item.save(force_insert=created)
        if created:
            self.created.add(item.pk)

    def drop(self, item, into):
        """Delete `item`, its URL redirecting to `into` for good."""
        Item.objects.filter(continues=item).update(continues=into)
        ItemRedirect.objects.update_or_create(old_id=item.pk, defaults={"new_id": into.pk})
        item.delete()

    # -- to override --
    def clean(self):
        pass

    def affected(self):
        return set()

    def apply(self):
        raise NotImplementedError

    @staticmethod
    def describe(params, edit):
        raise NotImplementedError


def _continuing(item):
    """Items on other pages that continue `item` (their `continues`)."""
    return set(Item.objects.filter(continues=item).values_list("pk", flat=True))


def _lead_names(item):
    """Names credited in the lead of an article's first paragraph."""
    if item.kind != Item.ARTICLE:
        return set()
    first = next((b.get("text") for b in item.body or [] if b.get("type") != "subhead" and b.get("text")), "")
    lead = bylines.parse_lead(first) if first else None
    return {flat(c.get("name")) for c in lead[1] if c.get("name")} if lead else set()


def redistribute(op, results, home):
    """After a split, merge or move: each credit goes to the item whose lead
    names it (else stays where it was, or goes to `home` when its item is
    gone), each person named to the items whose text names them (else the
    same). `results`: the items as they are now (saved)."""
    alive = {i.pk: i for i in results}
    leads = {i.pk: _lead_names(i) for i in results}
    texts = {i.pk: flat(i.plain_text) for i in results}
    credits = {pk: [] for pk in alive}
    mentions = {pk: [] for pk in alive}
    for pk, state in op.before["items"].items():
        if state is None:
            continue
        origin = int(pk) if int(pk) in alive else home.pk
        for row in state["credits"]:
            named = [i for i in alive if flat(row["name"]) in leads[i]]
            for target in named or [origin]:
                credits[target].append(row)
        for row in state["mentions"]:
            named = [i for i in alive if flat(row["name"]) and flat(row["name"]) in texts[i]]
            for target in named or [origin]:
                mentions[target].append(row)
    for pk, item in alive.items():
        S.set_credits(item, credits[pk])
        S.set_mentions(item, mentions[pk])


@operation
class Split(Operation):
    """The item is cut before paragraph `at`: the first half keeps its
    number, heading and the part of the story before; the second half is a
    new item right after it (and takes a "下转" marker with it)."""
    name = "split"
    keeps_body = True

    def clean(self):
        self.item = self.item_param()
        self.at = self.block_param(self.item, "at", first=1)

    def affected(self):
        return {self.item.pk} | _continuing(self.item)

    def apply(self):
        item = self.item
        Item.objects.filter(page=self.page, position__gt=item.position).update(position=F("position") + 1)
        second = Item(page=self.page, position=item.position + 1, kind=item.kind, status=item.status,
                      body=item.body[self.at:], continued_to_page=item.continued_to_page)
        item.body = item.body[:self.at]
        item.continued_to_page = None
        self.save(item)
        self.save(second, created=True)
        if second.continued_to_page:
            Item.objects.filter(continues=item).update(continues=second)
        redistribute(self, [item, second], item)
        self.info = {"title": item.title, "new": second.pk}

    @staticmethod
    def describe(params, edit):
        if not params.get("new"):
            # (A preview: the new item has no number until it is saved.)
            return say(_("split 「{title}」 (#{pk}) before paragraph {n}; the rest becomes a new item"),
                       title=params.get("title", ""), pk=params["item"], n=params["at"] + 1)
        return say(_("split 「{title}」 (#{pk}) before paragraph {n}; the rest is #{new}"),
                   title=params.get("title", ""), pk=params["item"], n=params["at"] + 1, new=params["new"])


def _merge_heading(keep, gone):
    """The heading of the merged item: each field from whichever has it;
    two different texts in one field would lose one of them: refused."""
    for name in HEADING_FIELDS:
        a, b = getattr(gone, name), getattr(keep, name)
        if a and b and flat(a) != flat(b):
            raise ProofError(say(_("both items have a {field} (「{a}」 and 「{b}」): merging would lose one; "
                                   "clear or move one of them first"), field=FIELD_NAMES[name], a=a, b=b))
        if a and not b:
            setattr(keep, name, a)
            if name == "column":
                keep.column_section_id = gone.column_section_id


@operation
class Merge(Operation):
    """The item goes into the one before or after it (`into`): its text is
    added at that item's end or start, its heading fills what that one
    lacks; its URL redirects there."""
    name = "merge"
    keeps_body = True

    def clean(self):
        self.item = self.item_param()
        self.params["into"] = self.raw.get("into")
        self.target = self.neighbour(self.item, self.raw.get("into"))
        if self.item.status != self.target.status:
            raise ProofError(_("one of the two items is withdrawn and the other is not: "
                               "publish or withdraw them alike first"))

    def affected(self):
        return {self.item.pk, self.target.pk} | _continuing(self.item) | _continuing(self.target)

    def apply(self):
        gone, keep = self.item, self.target
        first, second = (keep, gone) if self.params["into"] == "prev" else (gone, keep)
        self.info = {"title": gone.title, "target_title": keep.title, "target": keep.pk}
        _merge_heading(keep, gone)
        keep.body = list(first.body or []) + list(second.body or [])
        keep.continued_from_page = first.continued_from_page or second.continued_from_page
        keep.continued_to_page = second.continued_to_page or first.continued_to_page
        keep.continues_id = keep.continues_id or gone.continues_id
        if gone.byline and flat(gone.byline) not in flat(keep.byline):
            keep.byline = " ".join(x for x in (first.byline, second.byline) if x)[:300]
        keep.dateline = first.dateline or second.dateline
        self.drop(gone, keep)
        self.save(keep)
        redistribute(self, [keep], keep)
        S.renumber(self.page, S.page_order(self.page))

    @staticmethod
    def describe(params, edit):
        return say(_("merged 「{title}」 (#{pk}) into 「{target_title}」 (#{target})"), title=params.get("title", ""),
                   pk=params["item"], target_title=params.get("target_title", ""), target=params.get("target", "?"))


@operation
class Move(Operation):
    """Paragraphs `blocks` of the item go to the item before (at its end) or
    after (at its start)."""
    name = "move"
    keeps_body = True

    def clean(self):
        self.item = self.item_param()
        raw = self.raw.get("blocks")
        raw = raw if isinstance(raw, (list, tuple)) else [raw] if raw not in (None, "") else []
        blocks = sorted({self.int_param("block", {"block": b}) for b in raw})
        if not blocks:
            raise ProofError(_("choose the paragraphs to move"))
        n = len(self.item.body or [])
        if blocks[0] < 0 or blocks[-1] >= n:
            raise ProofError(say(_("#{pk} has no paragraph {n}"), pk=self.item.pk, n=blocks[-1] + 1))
        if len(blocks) == n:
            raise ProofError(_("that is all of its text: merge the item instead"))
        self.params.update(blocks=blocks, to=self.raw.get("to"))
        self.target = self.neighbour(self.item, self.raw.get("to"))
        # The page's text stays in its order: the item before can take
        # only the first paragraphs, the item after only the last ones.
        edge = list(range(len(blocks))) if self.params["to"] == "prev" else list(range(n - len(blocks), n))
        if blocks != edge:
            raise ProofError(_("only the first paragraphs can go to the item before, and only the last ones to "
                               "the item after (the page's text stays in order): choose paragraphs from that end"))

    def affected(self):
        return {self.item.pk, self.target.pk}

    def apply(self):
        item, target = self.item, self.target
        moved = [b for k, b in enumerate(item.body) if k in self.params["blocks"]]
        item.body = [b for k, b in enumerate(item.body) if k not in self.params["blocks"]]
        target.body = (list(target.body or []) + moved) if self.params["to"] == "prev" else (moved + list(target.body or []))
        self.save(item)
        self.save(target)
        redistribute(self, [item, target], item)
        self.info = {"title": item.title, "target": target.pk, "target_title": target.title}

    @staticmethod
    def describe(params, edit):
        template = (_("moved paragraph(s) {blocks} of 「{title}」 (#{pk}) to the end of #{target}")
                    if params.get("to") == "prev" else
                    _("moved paragraph(s) {blocks} of 「{title}」 (#{pk}) to the start of #{target}"))
        return say(template, blocks="、".join(str(b + 1) for b in params["blocks"]), title=params.get("title", ""),
                   pk=params["item"], target=params.get("target", "?"))


def dump_lines(page):
    return page.raw_text.split("\n")


def parse_line_numbers(value, count):
    """"12", "12-13", "12,14" (as the proofing view numbers lines, from 1)
    → [11, 12, 13] (0-based); [] when empty."""
    if isinstance(value, (list, tuple)):
        numbers = [int(v) for v in value]
    else:
        text = str(value or "").strip().replace("，", ",").replace("–", "-").replace("—", "-")
        if not text:
            return []
        numbers = []
        for part in text.split(","):
            a, _sep, b = part.strip().partition("-")
            try:
                a, b = int(a), int(b or a)
            except ValueError:
                raise ProofError(say(_("“{text}” is not a line number (like 12, 12-13 or 12,14)"), text=text))
            if b < a or b - a > 20:
                raise ProofError(say(_("“{text}” is not a line number (like 12, 12-13 or 12,14)"), text=text))
            numbers.extend(range(a - 1, b))
    for n in numbers:
        if not 0 <= n < count:
            raise ProofError(say(_("the dump has no line {n}"), n=n + 1))
    return sorted(set(numbers))


@operation
class Headings(Operation):
    """Set or clear the item's kicker, headline, subtitle and column: each
    typed, or taken from lines of the dump. A line taken so is the heading
    now, no longer what it was: a paragraph (of any item) or a banner that
    is exactly its text is removed (an item left without text goes, its
    URL redirecting here)."""
    name = "headings"

    def clean(self):
        self.item = self.item_param(content=False)
        fields = self.raw.get("fields") or {}
        lines = dump_lines(self.page)
        self.values, self.from_lines = {}, {}
        for name in HEADING_FIELDS:
            if name not in fields:
                continue
            given = fields[name] if isinstance(fields[name], dict) else {"text": fields[name]}
            numbers = parse_line_numbers(given.get("lines"), len(lines))
            if numbers:
                text = join_heading([clean_heading(lines[n]) for n in numbers])
                if not text:
                    raise ProofError(say(_("line {n} of the dump is empty"), n=numbers[0] + 1))
                self.from_lines[name] = numbers
            else:
                text = " ".join(str(given.get("text") or "").split())
            if name == "subtitle":
                text = text.lstrip("—-－─ ").strip()
            if len(text) > FIELD_LENGTH[name]:
                raise ProofError(say(_("the {field} is longer than {n} characters"), field=FIELD_NAMES[name],
                                     n=FIELD_LENGTH[name]))
            self.values[name] = text
        changed = {k: v for k, v in self.values.items() if v != getattr(self.item, k)}
        if not changed and not self.from_lines:
            raise ProofError(_("nothing to change"))
        # (The form posts every field: only those it changes are the operation.)
        self.values = {k: v for k, v in self.values.items() if k in changed or k in self.from_lines}
        self.params["fields"] = {k: {"text": v, "lines": self.from_lines.get(k, [])} for k, v in self.values.items()}
        self.taken = self._taken_elsewhere()

    def _taken_elsewhere(self):
        """[(item, block index or None)]: what the lines taken were before."""
        taken = []
        targets = {flat(self.values[k]) for k in self.from_lines}
        for other in Item.objects.filter(page=self.page).order_by("position", "pk"):
            if other.kind == Item.BANNER:
                text = flat(" ".join(b.get("text", "") for b in other.body or []))
                if text and text in targets and other.pk != self.item.pk:
                    taken.append((other, None))
                continue
            for k, block in enumerate(other.body or []):
                if flat(block.get("text")) in targets and flat(block.get("text")):
                    taken.append((other, k))
        return taken

    def affected(self):
        return {self.item.pk} | {other.pk for other, _k in self.taken}

    def apply(self):
        item = self.item
        for name, text in self.values.items():
            setattr(item, name, text)
        if "column" in self.values:
            item.column_section = (Section.for_name(Section.COLUMN, item.column)
                                   if item.column and item.kind != Item.BANNER else None)
        removed = []
        by_item = {}
        for other, k in self.taken:
            by_item.setdefault(other.pk, (other, set()))[1].add(k)
        for pk, (other, blocks) in by_item.items():
            target = item if pk == item.pk else other
            if None in blocks:
                removed.append(say(_("the banner #{pk}"), pk=pk))
                self.drop(other, item)
                continue
            target.body = [b for k, b in enumerate(target.body) if k not in blocks]
            removed.append(say(_("paragraph {n} of #{pk}"), n="、".join(str(k + 1) for k in sorted(blocks)), pk=pk))
            if target.body or target.headline or pk == item.pk:
                if pk != item.pk:
                    self.save(target)
            else:
                self.drop(target, item)
        self.save(item)
        self.info = {"title": item.title, "removed": [str(r) for r in removed]}

    @staticmethod
    def describe(params, edit):
        parts = []
        for name, value in params["fields"].items():
            text = value["text"]
            where = say(_(" (line {lines})"), lines="、".join(str(n + 1) for n in value["lines"])) if value["lines"] else ""
            parts.append(say(_("{field} 「{text}」{where}"), field=FIELD_NAMES[name], text=text, where=where)
                         if text else say(_("{field} cleared"), field=FIELD_NAMES[name]))
        return say(_("heading of #{pk}: {changes}"), pk=params["item"], changes="；".join(str(p) for p in parts))


@operation
class Subhead(Operation):
    """Paragraph `block` is a subhead (or, if it was one, a paragraph)."""
    name = "subhead"

    def clean(self):
        self.item = self.item_param()
        self.block = self.block_param(self.item)

    def affected(self):
        return {self.item.pk}

    def apply(self):
        body = [dict(b) for b in self.item.body]
        block = body[self.block]
        block["type"] = "paragraph" if block.get("type") == "subhead" else "subhead"
        self.item.body = body
        self.save(self.item)
        self.info = {"type": block["type"]}

    @staticmethod
    def describe(params, edit):
        template = (_("paragraph {n} of #{pk} is a subhead") if params.get("type") == "subhead"
                    else _("paragraph {n} of #{pk} is a paragraph, not a subhead"))
        return say(template, n=params["block"] + 1, pk=params["item"])


@operation
class Promote(Operation):
    """Paragraph `block` of the item is its headline (or kicker, subtitle,
    column): taken out of the text."""
    name = "promote"

    def clean(self):
        self.item = self.item_param()
        self.block = self.block_param(self.item)
        field = self.raw.get("field") or "headline"
        if field not in HEADING_FIELDS:
            raise ProofError(say(_("unknown field {field}"), field=field))
        if len(self.item.body) == 1:
            raise ProofError(_("that is all of its text: set the heading of the item it belongs to instead "
                               "(from the dump's line)"))
        text = " ".join(self.item.body[self.block].get("text", "").split())
        current = getattr(self.item, field)
        if current and flat(current) != flat(text):
            raise ProofError(say(_("#{pk} has a {field} already (「{text}」): it would be lost; clear it or move it "
                                   "first"), pk=self.item.pk, field=FIELD_NAMES[field], text=current))
        if len(text) > FIELD_LENGTH[field]:
            raise ProofError(say(_("the {field} is longer than {n} characters"), field=FIELD_NAMES[field],
                                 n=FIELD_LENGTH[field]))
        self.params["field"], self.text = field, text

    def affected(self):
        return {self.item.pk}

    def apply(self):
        item = self.item
        setattr(item, self.params["field"], self.text)
        if self.params["field"] == "column":
            item.column_section = Section.for_name(Section.COLUMN, self.text)
        item.body = [b for k, b in enumerate(item.body) if k != self.block]
        self.save(item)
        self.info = {"text": self.text}

    @staticmethod
    def describe(params, edit):
        return say(_("paragraph {n} of #{pk} is its {field}: 「{text}」"), n=params["block"] + 1, pk=params["item"],
                   field=FIELD_NAMES[params["field"]], text=params.get("text", ""))


@operation
class Kind(Operation):
    """The item is an article, a photo (its body the caption) or a banner
    (page furniture, never shown to readers)."""
    name = "kind"

    def clean(self):
        self.item = self.item_param(content=False)
        kind = self.raw.get("kind")
        if kind not in KIND_NAMES:
            raise ProofError(say(_("unknown kind {kind}"), kind=kind))
        if kind == self.item.kind:
            raise ProofError(_("nothing to change"))
        self.params["kind"] = kind

    def affected(self):
        return {self.item.pk}

    def apply(self):
        item = self.item
        self.info = {"was": item.kind}
        item.kind = self.params["kind"]
        if item.kind == Item.BANNER:
            item.role = item.role or "furniture"
            item.column_section = None
        else:
            item.role = ""
            if item.column:
                item.column_section = Section.for_name(Section.COLUMN, item.column)
        self.save(item)

    @staticmethod
    def describe(params, edit):
        return say(_("#{pk} is now a {kind} (was a {was})"), pk=params["item"], kind=KIND_NAMES[params["kind"]],
                   was=KIND_NAMES.get(params.get("was"), params.get("was")))


@operation
class GiveTitle(Operation):
    """A photo's title (its headline) belongs to another photo."""
    name = "give_title"

    def clean(self):
        self.item = self.item_param()
        self.target = self.item_param("to")
        if self.target.pk == self.item.pk:
            raise ProofError(_("choose another item"))
        if not self.item.headline:
            raise ProofError(say(_("#{pk} has no title to give"), pk=self.item.pk))
        if self.target.kind != Item.PHOTO:
            raise ProofError(say(_("#{pk} is not a photo"), pk=self.target.pk))
        if self.target.headline and flat(self.target.headline) != flat(self.item.headline):
            raise ProofError(say(_("#{pk} has a title already (「{title}」): it would be lost; move or clear it first"),
                                 pk=self.target.pk, title=self.target.headline))

    def affected(self):
        return {self.item.pk, self.target.pk}

    def apply(self):
        self.info = {"title": self.item.headline}
        self.target.headline, self.item.headline = self.item.headline, ""
        self.save(self.item)
        self.save(self.target)

    @staticmethod
    def describe(params, edit):
        return say(_("the title 「{title}」 moved from #{pk} to #{to}"), title=params.get("title", ""),
                   pk=params["item"], to=params["to"])


@operation
class GiveCredit(Operation):
    """One of the item's credits belongs to another item."""
    name = "give_credit"

    def clean(self):
        self.item = self.item_param()
        self.target = self.item_param("to")
        if self.target.pk == self.item.pk:
            raise ProofError(_("choose another item"))
        credits = list(self.item.credits.select_related("person").order_by("order", "pk"))
        k = self.int_param("credit")
        if not 0 <= k < len(credits):
            raise ProofError(say(_("#{pk} has no credit {n}"), pk=self.item.pk, n=k + 1))
        self.params["credit"] = k
        self.credit = credits[k]

    def affected(self):
        return {self.item.pk, self.target.pk}

    def apply(self):
        credit = self.credit
        self.info = {"name": credit.person.name, "role": credit.role}
        credit.delete()
        if not self.target.credits.filter(person=credit.person, role=credit.role).exists():
            order = self.target.credits.count()
            Credit.objects.create(item=self.target, person=credit.person, role=credit.role, order=order)
        self.save(self.item)
        self.save(self.target)

    @staticmethod
    def describe(params, edit):
        return say(_("the credit {role} {name} moved from #{pk} to #{to}"), role=params.get("role", ""),
                   name=params.get("name", ""), pk=params["item"], to=params["to"])


@operation
class Credits(Operation):
    """The item's credits, each a name, a role and an organisation (the
    person found by name and organisation, or by a name they were merged
    under; made when there is none)."""
    name = "credits"

    def clean(self):
        self.item = self.item_param()
        rows = []
        for row in self.raw.get("credits") or []:
            name = flat(row.get("name"))
            org = flat(row.get("org"))
            role = (row.get("role") or "").strip() or "记者"
            if not name and not org:
                continue
            if not name:
                raise ProofError(_("a credit needs a name"))
            if len(name) > 50 or len(org) > 50:
                raise ProofError(_("a name or organisation is longer than 50 characters"))
            if role not in ROLES:
                raise ProofError(say(_("unknown role {role}"), role=role))
            rows.append({"name": name, "org": org or "本报", "role": role})
        now = [{"name": c.person.name, "org": c.person.organisation, "role": c.role}
               for c in self.item.credits.select_related("person").order_by("order", "pk")]
        if rows == now:
            raise ProofError(_("nothing to change"))
        self.params["credits"] = rows

    def affected(self):
        return {self.item.pk}

    def apply(self):
        from ..importing.service import find_or_create_person
        from ..models import Person
        rows = []
        for row in self.params["credits"]:
            kind = Person.STAFF if row["org"] == "本报" else Person.WIRE
            person = find_or_create_person(row["name"], row["org"], kind)[0]
            rows.append({"person": person.pk, "name": person.name, "org": person.organisation, "role": row["role"]})
        S.set_credits(self.item, rows)
        self.save(self.item)

    @staticmethod
    def describe(params, edit):
        names = "、".join(f"{r['role']} {r['name']}（{r['org']}）" for r in params["credits"]) or "—"
        return say(_("credits of #{pk}: {names}"), pk=params["item"], names=names)


@operation
class Check(Operation):
    """The page is checked (已校对): its items are right. A checked page is
    gold: export_gold writes it, parser_report scores the parser on it."""
    name = "check"
    changes_items = False

    def clean(self):
        if self.page.checked:
            raise ProofError(_("the page is checked already"))

    def apply(self):
        Page.objects.filter(pk=self.page.pk).update(checked=True, checked_at=self.now,
                                                    checked_by=self.user if self.user and self.user.pk else None)

    @staticmethod
    def describe(params, edit):
        return _("page marked checked (已校对)")


@operation
class Uncheck(Operation):
    name = "uncheck"
    changes_items = False

    def clean(self):
        if not self.page.checked:
            raise ProofError(_("the page is not checked"))

    def apply(self):
        Page.objects.filter(pk=self.page.pk).update(checked=False, checked_at=None, checked_by=None)

    @staticmethod
    def describe(params, edit):
        return _("page no longer marked checked")


@operation
class Revert(Operation):
    """Undo an earlier operation: its items as they were before it. Refused
    when any of them changed since (revert the later operation first); a
    revert is an operation too, and can be reverted."""
    name = "revert"

    def clean(self):
        pk = self.int_param("edit")
        self.edit = ProofEdit.objects.filter(pk=pk, page=self.page).first()
        if self.edit is None:
            raise ProofError(say(_("there is no operation #{pk} on this page"), pk=pk))
        if ProofEdit.objects.filter(reverts=self.edit).exists():
            raise ProofError(say(_("operation #{pk} is reverted already"), pk=pk))
        self.params["edit"] = pk
        after = self.edit.after["items"]
        now = S.item_states(int(k) for k in after)
        for key, state in after.items():
            if S.comparable(now.get(int(key))) != S.comparable(state):
                raise ProofError(say(_("#{item} has changed since operation #{pk}: revert the later operations "
                                       "on it first"), item=key, pk=pk))
        self.page_changed = _page_part(self.edit.before) != _page_part(self.edit.after)
        if self.page_changed and _page_part(S.page_state(self.page)) != _page_part(self.edit.after):
            raise ProofError(say(_("the page has changed since operation #{pk}"), pk=pk))
        self.changes_items = bool(after) or bool(self.edit.before["items"])

    def affected(self):
        return {int(k) for k in self.edit.before["items"]} | {int(k) for k in self.edit.after["items"]}

    def apply(self):
        now = {int(k) for k, v in self.edit.after["items"].items() if v is not None}
        S.restore(self.page, self.edit.before)
        self.created = {int(k) for k, v in self.edit.before["items"].items() if v is not None} - now
        if self.page_changed:
            S.restore_page(self.page, self.edit.before["page"])
        self.reverts = self.edit
        self.info = {"what": str(describe(self.edit)), "operation": self.edit.operation}

    @staticmethod
    def describe(params, edit):
        return say(_("reverted #{pk}: {what}"), pk=params["edit"], what=params.get("what", ""))


def _page_part(snapshot_or_state):
    state = snapshot_or_state.get("page", snapshot_or_state)
    return {k: state.get(k) for k in S.PAGE_FIELDS}


# --------------------------------------------------------------- perform ---

class _Preview(Exception):
    def __init__(self, edit):
        super().__init__()
        self.edit = edit


def body_text(snapshot):
    """The body text of a snapshot's content items, in the page's order."""
    states = snapshot["items"]
    out = []
    for pk in snapshot["order"]:
        state = states.get(str(pk))
        if state and state["kind"] in CONTENT:
            out.append("".join(flat(b.get("text")) for b in state["body"] or []))
    return "".join(out)


def perform(page, name, params, *, user=None, username="", token=None, preview=False):
    """Run operation `name` on `page`; returns its ProofEdit (unsaved, and
    nothing written, for a preview). Raises ProofError (StaleForm when
    `token` is not the page's as it is now)."""
    cls = OPERATIONS.get(name)
    if cls is None:
        raise ProofError(say(_("unknown operation {name}"), name=name))
    try:
        with transaction.atomic():
            locked = Page.objects.select_for_update().get(pk=page.pk)
            if token is not None and token != S.page_token(locked):
                raise StaleForm(say(_("the page has been changed since this form was opened (last change at "
                                      "{when}): nothing was saved. Open the proofing page again and redo "
                                      "the operation on what it shows now."),
                                    when=f"{timezone.localtime(S.latest_change(locked)):%Y-%m-%d %H:%M:%S}"))
            op = cls(locked, params, user)
            op.clean()
            pks = op.affected()
            op.before = before = S.capture(locked, pks)
            with indexing.deferred() as touched:
                op.apply()
                pks = pks | op.created
                touched.update(pks)
            after = S.capture(locked, pks)
            for pk in op.created - {int(k) for k in before["items"]}:
                # Made by it: not there before (a revert deletes them).
                before["items"][str(pk)] = None
                before["redirects"][str(pk)] = None
            if op.keeps_body and body_text(before) != body_text(after):
                raise ProofError(_("this would lose or change text of the page: refused"))
            if op.changes_items:
                Page.objects.filter(pk=locked.pk).update(proofed_at=op.now)
            edit = ProofEdit(page=locked, user=user if user is not None and user.pk else None,
                             username=(username or (user.get_username() if user is not None else ""))[:150],
                             operation=name, params={**op.params, **op.info}, items=sorted(pks), before=before,
                             after=after, reverts=op.reverts)
            edit.at = op.now
            if preview:
                # Numbers given to new items are not theirs until saved.
                edit.params.pop("new", None)
                raise _Preview(edit)
            edit.save()
    except _Preview as p:
        return p.edit
    log.info("proofing: %s on page %s by %s: %s", name, page.pk, edit.username or "-", edit.params)
    return edit


def describe(edit):
    """An operation in a line, in the reader's language."""
    cls = OPERATIONS.get(edit.operation)
    if cls is None:
        return edit.operation
    try:
        return cls.describe(edit.params, edit)
    except (KeyError, TypeError, ValueError):
        return edit.operation
