"""A gold parse laid over its dump: the label each line should have.

Gold files (PAGE_FORMAT.md §3) say what the items are, not which line is
what, so the training labels are found by reading the dump against the
gold: a line whose text goes on the text of an item at the point reached
so far is that item's text (its first line opens the item, a line at a
paragraph's start opens a paragraph); a line that is (part of) a gold
headline, kicker or subtitle is that heading, on the side of its item's
text; bylines and photo credits go by the names they credit; what is left
is furniture. The same reading serves every family and the pages editors
have checked, so no family's generator needs to say anything but its gold.
"""
import re
from dataclasses import dataclass, field

from .. import bylines, labels as L
from ..furniture import doubled_banner
from ..lines import BYLINE, CREDIT, MARKER, classify, split_lines
from ..text import normalise_punctuation

_WS = re.compile(r"\s+")


def flat(s):
    """The form texts are compared in: punctuation normalised, no white space."""
    return _WS.sub("", normalise_punctuation(s or ""))


def _undash(s):
    return s.lstrip("—-－─")


@dataclass
class GoldItem:
    index: int
    kind: str
    text: str                         # the body, flat
    starts: dict                      # offset in text -> "paragraph" | "subhead"
    fields: dict                      # "K"/"H"/"S" -> flat text
    column: str
    names: set
    cursor: int = 0
    field_cursor: dict = field(default_factory=dict)
    first_line: int = None

    def goes_on_with(self, s):
        return bool(s) and self.text.startswith(s, self.cursor)

    def reads_on(self, role, target, piece, first=1):
        """Does `piece` go on with `target` (this item's heading field or
        column, printed over several lines) where its last piece ended? If
        so, that field is read up to the piece's end. A field's first piece
        is `first` characters at least."""
        at = self.field_cursor.get(role, 0)
        if len(piece) >= (1 if at else first) and at < len(target) and target.startswith(piece, at):
            self.field_cursor[role] = at + len(piece)
            return True
        return False


def gold_items(gold):
    out = []
    for item in gold.get("items", []):
        if item.get("kind") not in ("article", "photo"):
            continue
        text, starts, pos = "", {}, 0
        for b in item.get("body") or []:
            t = flat(b.get("text"))
            if not t:
                continue
            starts[pos] = b.get("type", "paragraph")
            text += t
            pos += len(t)
        fields = {}
        for role, key in (("K", "kicker"), ("H", "headline"), ("S", "subtitle")):
            if item.get(key):
                fields[role] = _undash(flat(item[key]))
        names = {flat(c.get("name")) for c in item.get("credits") or [] if c.get("name")}
        out.append(GoldItem(index=len(out), kind=item["kind"], text=text, starts=starts, fields=fields,
                            column=flat(item.get("column")), names=names))
    return out


def read_lines(text):
    """The dump's lines as the parser reads them."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines, _ = split_lines(text)
    return classify(lines)


@dataclass
class Alignment:
    lines: list
    tags: list
    roles: list                       # K, H or S for a heading's lines, else None
    items: list                       # the GoldItem each line went to, or None
    unplaced: int = 0                 # lines that look like text but went nowhere


def align(text, gold):
    lines = read_lines(text)
    items = gold_items(gold)
    label = flat(gold.get("page_label"))
    owner = [None] * len(lines)       # (GoldItem, role) per line
    last = None
    unplaced = 0
    for i, line in enumerate(lines):
        s = flat(line.clean)
        if line.kind == MARKER:
            owner[i] = (None, L.MARKER)
            continue
        found = _body(items, last, s)
        if found is None:
            found = _heading(items, line)
        if found is None and (line.kind in (BYLINE, CREDIT) or _byline_like(line)):
            found = _credit(items, line, i, owner)
        if found is None and label and (s == label or _label_with_pinyin(s, label)):
            owner[i] = (None, L.LABEL)
            continue
        if found is None:
            found = _column(items, line)
        if found is None:
            found = _body(items, None, s, anywhere=True)
        if found is None:
            owner[i] = (None, L.FURNITURE)
            if len(s) >= 12:
                unplaced += 1
            continue
        item, role = found
        if role == "text":
            if item.first_line is None:
                item.first_line = i
            kind = item.starts.get(item.cursor)
            item.cursor += len(s)
            last = item
            if i == item.first_line:
                role = L.PHOTO_START if item.kind == "photo" else L.ARTICLE_START
            elif kind is not None:
                role = L.PARAGRAPH
            else:
                role = L.CONTINUATION
        owner[i] = (item, role)
    tags, roles = [], []
    for i, (item, role) in enumerate(owner):
        roles.append(role if role in L.HEADING_ROLES and item.kind != "photo" else None)
        if role in ("C", "K", "H", "S", "Y", "CR"):
            if item.kind == "photo" and role in ("K", "H", "S"):
                tags.append(L.PHOTO_TITLE)
                continue
            before = item.first_line is not None and item.first_line < i
            tag = "H" if role in L.HEADING_ROLES else role
            tags.append(tag + ("<" if before else ">"))
        else:
            tags.append(role)
    return Alignment(lines=lines, tags=tags, roles=roles, items=[o[0] for o in owner], unplaced=unplaced)


def _body(items, last, s, anywhere=False):
    if not s:
        return None
    if last is not None and last.goes_on_with(s):
        return last, "text"
    if not anywhere:
        return None
    started = [it for it in items if it.cursor > 0 and it.goes_on_with(s)]
    if started:
        return started[0], "text"
    fresh = [it for it in items if it.cursor == 0 and it.goes_on_with(s)]
    if fresh:
        return fresh[0], "text"
    return None


def _heading(items, line):
    s = _undash(flat(line.clean))
    if not s:
        return None
    # A kicker's closing dashes are not part of it in the gold.
    forms = [s] + ([s.rstrip("—-－")] if s.endswith(("—", "-", "－")) else [])
    for item in items:
        for role in ("K", "H", "S"):
            target = item.fields.get(role)
            if not target:
                continue
            for form in forms:
                if item.reads_on(role, target, form):
                    return item, role
    return None


def _byline_like(line):
    return bool(bylines.parse_byline_line(line.raw))


def _credit(items, line, i, owner):
    parsed = bylines.parse_byline_line(line.raw)
    credits = line.credits or (parsed[1] if parsed else None) or []
    names = {flat(c.get("name")) for c in credits if c.get("name")}
    if not names:
        return None
    candidates = [it for it in items if names & it.names]
    if not candidates:
        # A credit the gold does not name (it was unsure of the name): the
        # item it is printed against, the one whose text is just above it,
        # else the one just below.
        return _nearest_text_item(owner, i)
    # Of several items crediting the same name, the nearest one's.
    def distance(it):
        if it.first_line is None:
            return 10 ** 6 if it.cursor == 0 else 10 ** 5
        return abs(i - it.first_line)
    item = min(candidates, key=distance)
    # A photo credit inside an article's text is one of the article's credits.
    return item, ("CR" if item.kind == "photo" else "Y")


def _label_with_pinyin(s, label):
    """"JZ城事CHENGSHI": the label and its pinyin on one line."""
    return s.startswith(label) and s[len(label):].isascii() and s[len(label):].isupper()


def _nearest_text_item(owner, i, reach=3):
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        if owner[j] is not None and owner[j][0] is not None and owner[j][1] in L.TEXT:
            item = owner[j][0]
            return item, ("CR" if item.kind == "photo" else "Y")
    return None


def _column(items, line):
    banner = flat(doubled_banner(line.raw) or line.clean)
    whole = flat(line.clean)
    for item in items:
        if item.column and (banner == item.column or whole in (item.column, item.column * 2)):
            return item, L.COLUMN
    # A column banner wrapped over lines ("国务院联防联控机制发 / 布会"), read
    # piece by piece as a heading's lines are.
    for item in items:
        if item.column and item.reads_on(L.COLUMN, item.column, whole, first=2):
            return item, L.COLUMN
    return None
