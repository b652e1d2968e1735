"""Which lines of the dump each item came from, for the proofing view.

The parser records them (the parse's "lines", kept as `Item.lines`) for the
items it made. For the others — items imported before it did, items changed
in proofing since (their `lines` are emptied), banners — they are found by
laying the page's items over the dump as the parser's training does with a
gold parse (`training.align`): each line goes to the item whose text (or
heading, or credit) it continues. The same reading gives each paragraph's
lines, which the view offers as "this line is the headline".
"""
from dataclasses import dataclass, field

from ..pagedump import labels as L
from ..pagedump.training.align import align, flat

TEXT_TAGS = {L.ARTICLE_START, L.PHOTO_START, L.PARAGRAPH, L.CONTINUATION}
CONTENT = ("article", "photo")


@dataclass
class ItemLines:
    lines: list = field(default_factory=list)          # every line of the item
    blocks: dict = field(default_factory=dict)         # body index -> [line]
    found_by_text: bool = False                        # not recorded by the parser


def _gold(states, label):
    items = []
    for s in states:
        if s["kind"] in CONTENT:
            items.append({"kind": s["kind"], "headline": s["headline"], "kicker": s["kicker"],
                          "subtitle": s["subtitle"], "column": s["column"],
                          "credits": [{"name": c["name"]} for c in s["credits"]], "body": s["body"]})
    return {"page_label": label, "items": items}


def line_map(text, states, label=""):
    """{item id: ItemLines} for the items `states` (snapshots, in the page's
    order) of a page whose dump is `text`."""
    content = [s for s in states if s["kind"] in CONTENT]
    out = {s["id"]: ItemLines() for s in states}
    a = align(text, _gold(states, label))
    # The body offsets where each paragraph starts, as the alignment reads them.
    starts = []
    for s in content:
        offsets, pos = [], 0
        for k, b in enumerate(s["body"] or []):
            t = flat(b.get("text"))
            if t:
                offsets.append((pos, k))
                pos += len(t)
        starts.append(offsets)
    cursor = [0] * len(content)
    owned = set()
    for line, owner, tag in zip(a.lines, a.items, a.tags):
        if owner is None:
            continue
        k = owner.index
        entry = out[content[k]["id"]]
        entry.lines.append(line.no)
        owned.add(line.no)
        if tag in TEXT_TAGS:
            block = next((b for pos, b in reversed(starts[k]) if pos <= cursor[k]), None)
            if block is not None:
                entry.blocks.setdefault(block, []).append(line.no)
            cursor[k] += len(flat(line.clean))
    _banners(text, states, out, owned)
    for s in states:
        recorded = [n for n in s.get("lines") or [] if isinstance(n, int)]
        if recorded:
            out[s["id"]].lines = sorted(set(recorded))
        else:
            out[s["id"]].found_by_text = True
    return out


def _banners(text, states, out, owned):
    """A banner's lines: those of the dump that are its text, not taken."""
    by_text = {}
    for no, raw in enumerate(text.split("\n")):
        key = flat(raw)
        if key:
            by_text.setdefault(key, []).append(no)
    for s in states:
        if s["kind"] in CONTENT:
            continue
        for piece in "\n".join(b.get("text", "") for b in s["body"] or []).split("\n"):
            candidates = by_text.get(flat(piece), [])
            free = [n for n in candidates if n not in owned]
            # (A column banner is also its article's column: the same line.)
            if free or candidates:
                out[s["id"]].lines.append((free or candidates)[0])
                owned.add((free or candidates)[0])
