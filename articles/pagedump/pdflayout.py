"""The layout-aware parse: a page PDF's lines, rules and pictures (read by
`pdf.read_pdf`) to the parse of PAGE_FORMAT.md §3.

Where the text parser has to guess from a dump what the page showed, the
PDF shows it:

1. **Reading order.** The page is cut recursively (an XY cut) along the
   white space and the rules between its parts: rows across the page
   first, then the modules of a row side by side, then within a module its
   head, its columns, its stacked items. A rule running through a gap
   keeps it from being cut (the rules between the modules of a row run its
   whole height, so a row is never read across).
2. **What each line is**, from its type and where it stands: the body's
   type size is the page's commonest; a headline is the big type, with
   the smaller lines stacked on it its kicker (above), its subtitle (below)
   and its column banner (boxed, or above the kicker); a photo is an image
   (or a large filled shape), its caption the text set against it, its
   title the larger type beside it; what stands above the rule under the
   masthead and below the rule over the footer is furniture.
3. **Items.** A heading takes the text it stands over (or beside, or under
   when the text comes first); the text of one item flows down a column
   and on to the top of the next; a continuation marker, a rule or a jump
   to another place on the page ends it.

The lines, labelled, go through the same assembly as the text parser's
(`items.Assembler`), which reads credits, leads, datelines, markers and
people from them; each item then gets its `regions` on the page.
"""
from dataclasses import dataclass, field

from . import bylines, furniture, items as assembly, labels as L
from .lines import Line as DumpLine, classify
from .pdf import TextLine
from .text import SENTENCE_END, cjk_count, ends_sentence, normalise_punctuation, remove_layout_spaces

# Gaps, in ems of the body type, that the XY cut cuts at: rows and the
# space under a heading are wider than a line's leading; columns are apart
# by a gutter.
ROW_GAP = 0.8
COLUMN_GAP = 0.55
# At most this many lines of furniture under the page's last rule.
FOOTER_LINES = 8


@dataclass(eq=False)
class Node:
    """A line of text or a picture in reading order, with what the layout
    says of it."""
    el: object                    # TextLine or Picture
    leaf: int = 0                 # which piece of the XY cut it is in
    zone: str = "content"         # "masthead", "footer", "content", "advert"
    kind: str = "text"            # text, heading, picture, placeholder, furniture
    boxed: bool = False           # inside a small frame (a column banner)
    item: object = None
    role: str = None              # heading role (C K H S), or "byline", "credit", "marker"

    @property
    def x0(self):
        return self.el.x0

    @property
    def x1(self):
        return self.el.x1

    @property
    def top(self):
        return self.el.top

    @property
    def bottom(self):
        return self.el.bottom


@dataclass(eq=False)
class Unit:
    """What becomes one item: a heading, the text it heads, or a photo."""
    kind: str = "article"                          # article, photo
    heading: list = field(default_factory=list)    # heading Nodes
    body: list = field(default_factory=list)       # text Nodes in reading order
    picture: Node = None
    title: list = field(default_factory=list)      # a photo's title Nodes
    first: int = 0                                 # reading position of its first node
    doubt: float = 0.95                            # how sure the cut is

    def nodes(self):
        return self.heading + self.title + ([self.picture] if self.picture else []) + self.body


class Layout:
    def __init__(self, page):
        self.page = page
        self.lines = [ln for ln in page.lines if ln.text.strip()]
        self.fs = body_size(self.lines)
        self.warnings = []
        # Per item (and column): see _para_tag, _column_of, _pitch_gap.
        self._columns, self._pitches, self._bodies = {}, {}, {}

    # ---------------------------------------------------------- the page ---
    def run(self):
        if not self.lines:
            return None
        self._zones()
        self._pictures()
        content = [n for n in self.nodes if n.zone == "content"]
        leaves = xycut(content, self.rules, self.fs)
        order = []
        for k, leaf in enumerate(leaves):
            leaf.sort(key=lambda n: (round(n.top / (0.3 * self.fs)), n.x0))
            for n in leaf:
                n.leaf = k
                order.append(n)
        self.order = order
        self._kinds()
        self.units = self._segment()
        return self

    def _zones(self):
        """The masthead above the first rule across the page near its top,
        the footer below the last one near its bottom, advertisements in
        their frames."""
        fs, page = self.fs, self.page
        self.nodes = [Node(ln) for ln in self.lines]
        if not self.nodes:
            return
        left = min(n.x0 for n in self.nodes)
        right = max(n.x1 for n in self.nodes)
        wide = [r for r in page.rules if not r.vertical and (r.x1 - r.x0) >= 0.8 * (right - left)]
        top_rules = [r for r in wide if r.top < 0.25 * page.height
                     and any(n.bottom <= r.top + 1 for n in self.nodes)]
        # (The footer under its rule is a line or two of small type: a rule
        # with a module under it, a headline, is the rule over that module.)
        def footer_under(r):
            under = [n for n in self.nodes if n.top >= r.bottom - 1]
            return 0 < len(under) <= FOOTER_LINES and max(n.el.size for n in under) < 1.3 * fs
        bottom_rules = [r for r in wide if r.top > 0.75 * page.height and footer_under(r)]
        self.head_line = min((r.top for r in top_rules), default=None)
        self.foot_line = max((r.bottom for r in bottom_rules), default=None)
        for n in self.nodes:
            if self.head_line is not None and n.bottom <= self.head_line + 0.2 * fs:
                n.zone = "masthead"
            elif self.foot_line is not None and n.top >= self.foot_line - 0.2 * fs:
                n.zone = "footer"
        top = self.head_line if self.head_line is not None else -1
        bottom = self.foot_line if self.foot_line is not None else page.height + 1
        self.rules = [r for r in page.rules if r.bottom > top + 1 and r.top < bottom - 1
                      and not (r in wide and (r.top <= top + 1 or r.bottom >= bottom - 1))]
        for box in page.boxes:
            inside = [n for n in self.nodes if _inside(n, box, 0.3 * fs)]
            if not inside or box.top < top or box.bottom > bottom:
                continue
            tall = max(n.el.size for n in inside)
            if box.bottom - box.top <= 3.6 * tall and len(inside) <= 2:
                for n in inside:
                    n.boxed = True
            elif _advert(inside):
                for n in inside:
                    n.zone = "advert"
            else:
                # A framed item: its frame is a rule on each side.
                self.rules = self.rules + _frame_rules(box)

    def _pictures(self):
        fs, page = self.fs, self.page
        top = self.head_line if self.head_line is not None else -1
        bottom = self.foot_line if self.foot_line is not None else page.height + 1
        candidates = list(page.pictures)
        for f in page.fills:
            if f.top < top or f.bottom > bottom:
                continue
            dark_text = [n for n in self.nodes if n.kind == "text" and _inside(n, f, 0.2 * fs) and not n.el.light]
            if dark_text:
                continue       # a shaded box behind text: not a picture
            if f.width >= 3 * fs and f.height >= 3 * fs and f.height >= 0.2 * f.width:
                candidates.append(f)
            elif f.width >= 4 * fs and f.height >= 1.5 * fs:
                self.nodes.append(Node(f, kind="placeholder"))   # a headline set as a picture
        # Shapes inside a picture are part of it.
        candidates.sort(key=lambda p: -(p.width * p.height))
        kept = []
        for p in candidates:
            if p.top < top - 1 or p.bottom > bottom + 1:
                continue
            if any(_contains(q, p, 1.0) for q in kept):
                continue
            kept.append(p)
        for p in kept:
            self.nodes.append(Node(p, kind="picture"))
            for n in self.nodes:
                if n.kind == "text" and _inside(n, p, 0.2 * fs):
                    n.kind = "overlay"      # a title set on the picture
        self.pictures = kept

    # ------------------------------------------------------ line kinds ---
    def _kinds(self):
        """Headings and subheads: lines in bigger type than the body's (or
        boxed) stacked into groups; a group of middling type with the text of
        one column right above and below it is a subhead of that text."""
        fs = self.fs
        for n in self.order:
            if n.kind != "text":
                continue
            text = n.el.text.strip()
            if furniture.find_markers(text) and _marker_only(text):
                n.role = "marker"
            elif (n.el.size >= 1.08 * fs or n.boxed) and not (n.el.size < 1.3 * fs and bylines.parse_byline_line(text)):
                # (A byline under a headline may be set a little larger than
                # the body: it stays a line of text, hung under the heading.)
                n.kind = "heading"
        groups, current = [], []
        for n in self.order:
            if n.kind != "heading":
                if n.kind in ("text", "picture", "placeholder") and current:
                    groups.append(current)
                    current = []
                continue
            if current and _joins(current, n, fs, self.rules):
                current.append(n)
            else:
                if current:
                    groups.append(current)
                current = [n]
        if current:
            groups.append(current)
        position = {id(n): i for i, n in enumerate(self.order)}
        kept = []
        placeholders = [n for n in self.order if n.kind == "placeholder"]
        for g in groups:
            if self._is_subhead(g, placeholders, position):
                for n in g:
                    n.kind, n.role = "text", "subhead"
                continue
            kept.append(g)
        # What hangs under a heading: a subtitle in the body's type (set
        # close under it, where the body keeps a wider gap), bylines.
        for g in kept:
            i = position[id(g[-1])] + 1
            while i < len(self.order):
                n = self.order[i]
                if n.kind != "text" or n.role == "marker":
                    break
                last = g[-1]
                close = -0.3 * fs <= n.top - last.bottom <= 0.8 * fs
                near = -0.3 * fs <= n.top - last.bottom <= 1.8 * fs and (
                    _overlap_span(g, n) > 0 or _distance(_bbox(g), n) < 30 * fs) and not self._rule_apart(_bbox(g), n)
                text = n.el.text.strip()
                if near and bylines.parse_byline_line(text):
                    n.role = "headbyline"
                elif close and _overlap_span(g, n) > 0 and (text.startswith(("——", "—", "－－")) or
                                                           n.el.size >= 1.03 * fs) and len(text) <= 40:
                    n.kind = "heading"
                else:
                    break
                g.append(n)
                i += 1
        self.groups = kept

    def _is_subhead(self, g, placeholders, position):
        """A heading of middling type (a subhead is set a little larger than
        the body; a headline at half again its size or more), not boxed,
        not under a headline set as a picture, inside a text: a subhead."""
        fs = self.fs
        if max(n.el.size for n in g) >= 1.45 * fs or any(n.boxed for n in g):
            return False
        if any(_touches(p, g[0], 3 * fs) for p in placeholders):
            return False
        before = self._neighbour(position[id(g[0])], -1)
        after = self._neighbour(position[id(g[-1])], +1)
        if after is None or after.kind != "text":
            return False
        if sum(len(n.el.text) for n in g) > 50:
            return False
        if before is None or before.kind != "text":
            return False
        box = _bbox(g)
        above = _stacked_span([before], g, 2.4 * fs, slack=self._column_width(before)) and \
            not self._rule_apart(before, box)
        below = _stacked_span(g, [after], 2 * fs, slack=3 * fs)
        if above and below:
            return True
        # At the foot of a column: the text goes on at the top of the next.
        if above and after.x0 >= box.x1 - 0.5 * fs and after.top < box.top - 3 * fs:
            return True
        # At the top of a column the text flows into from the column before.
        column_x0 = min(g[0].x0, after.x0)      # (a subhead may be centred in its column)
        if below and before.x1 <= column_x0:
            return any(n.kind == "text" and n.x1 <= column_x0 and column_x0 - n.x1 <= 4 * fs
                       and abs(n.top - g[0].top) <= 1.5 * fs for n in self.order)
        return False

    def _column_width(self, node):
        """How wide the column of text `node` stands in is (the widest line
        of its piece of the page)."""
        return max(n.x1 - n.x0 for n in self.order if n.leaf == node.leaf and n.kind == "text")

    def _in_column(self, node, other, unit=None):
        """Does `node` stand within the width of the column of text `other` is
        in (its piece of the page, or the item's lines above it)?"""
        same = [n for n in self.order if n.leaf == other.leaf and n.kind == "text"]
        if unit is not None:
            same += [n for n in unit.body[-12:] if _overlap(n, other) > 0]
        return min(n.x0 for n in same) - 0.5 * self.fs <= node.x0 and node.x1 <= max(n.x1 for n in same) + 0.5 * self.fs

    def _neighbour(self, i, step):
        j = i + step
        while 0 <= j < len(self.order):
            if self.order[j].kind in ("text", "heading", "picture", "overlay", "placeholder"):
                return self.order[j]
            j += step
        return None

    # ---------------------------------------------------------- items ---
    def _segment(self):
        order = self.order
        photos = self._photo_units()
        taken = {id(n) for u in photos for n in u.nodes()}
        self.orphans = []
        groups = [g for g in self.groups if not any(id(n) in taken for n in g)]
        group_at = {id(g[0]): g for g in groups}
        in_group = {id(n) for g in groups for n in g}
        self.in_group = in_group
        units = list(photos)
        current = prev = pending = recent = None
        for pos, n in enumerate(order):
            if id(n) in taken:
                continue
            if n.kind == "placeholder":
                self._flush(pending)
                pending = ([], pos)
                current = prev = None
                continue
            if id(n) in in_group:
                g = group_at.get(id(n))
                if g is None:
                    continue
                # A marker ends the text, not the item: a heading set under
                # the text (after its "下转" line) is still that item's.
                last = current if current is not None else recent
                if last is not None and not last.heading and self._side(g, last) == "prev":
                    last.heading = g
                else:
                    self._flush(pending)
                    pending = (g, pos)
                current = prev = None
                continue
            if n.kind != "text":
                continue
            starts = current is None or prev is None or not self._follows(prev, n, current)
            if not starts and n.role == "marker" and _marker_from(n):
                starts = True
            if starts:
                current = Unit(first=pos)
                if pending is not None:
                    current.heading, current.first = pending
                    pending = None
                elif prev is not None:
                    current.doubt = 0.7      # text with no heading of its own: a cut to check
                units.append(current)
            current.body.append(n)
            recent = current
            if n.role == "marker" and _marker_to(n):
                current = prev = None
                continue
            prev = n
        self._flush(pending)
        units.sort(key=lambda u: u.first)
        return units

    def _flush(self, pending):
        """A heading no text took: kept for the record."""
        if pending is not None and pending[0]:
            self.orphans.append(Unit(heading=pending[0], first=pending[1]))

    def _follows(self, prev, n, unit):
        """Does text line `n` go on with the text of `prev`: the next line of
        its column, or the first line of the next column of the same item?"""
        fs = self.fs
        gap = n.top - prev.bottom
        # A subhead keeps more space above and below it than a paragraph.
        reach = 1.6 * max(fs, prev.el.size) + (1.4 * fs if "subhead" in (n.role, prev.role) else 0.0)
        if gap >= -0.3 * fs and (_overlap(prev, n) > 0 or abs(prev.x0 - n.x0) <= 3 * fs or n.leaf == prev.leaf
                                 or ("subhead" in (n.role, prev.role) and self._in_column(n, prev, unit))):
            if gap <= reach and not self._rule_between(prev, n):
                return True
        if n.leaf == prev.leaf and n.top < prev.top + 0.3 * fs:
            return True
        # The next column starts where the item's columns start, to the right:
        # at the top of one of its columns, or right under its heading.
        if n.x0 > prev.x0 + 2 * fs:
            tops, seen = [], set()
            for m in unit.body:
                if m.leaf not in seen:
                    seen.add(m.leaf)
                    tops.append(m.top)
            if unit.heading:
                head = [m for m in unit.heading if m.role != "headbyline"] or unit.heading
                box = _bbox(head)
                if _across(box, n) > 0 and 0 <= n.top - box.bottom <= 2.5 * fs:
                    return True
            if any(abs(n.top - t) <= 1.2 * fs for t in tops):
                return True
        return False

    def _rule_between(self, a, b):
        for r in self.rules:
            if r.vertical:
                continue
            y = (r.top + r.bottom) / 2
            if a.bottom - 1 <= y <= b.top + 1 and r.x0 < max(a.x1, b.x1) and r.x1 > min(a.x0, b.x0):
                return True
        return False

    def _side(self, group, current):
        """Does a heading stand over (or beside) the text after it ("next"),
        or under (or beside) the text before it ("prev")? Whichever is
        nearer, with no rule between."""
        fs = self.fs
        last = max(self.order.index(n) for n in group)
        after = []
        for n in self.order[last + 1:]:
            if id(n) in self.in_group or n.kind in ("picture", "placeholder", "title", "overlay"):
                if after:
                    break
                continue
            if n.kind == "text" and n.role != "headbyline":
                after.append(n)
                if len(after) >= 60:
                    break
        head = [n for n in group if n.role != "headbyline"] or group
        g = _bbox(head)
        d_next = self._reach(g, _bbox(after), after[0]) if after else None
        d_prev = None
        if current is not None and current.body:
            body = _bbox(current.body)
            if g.top >= body.bottom - 0.5 * fs and _across(g, body) > 0:
                d_prev = g.top - body.bottom          # under the text
            elif g.x0 >= body.x1 - 0.5 * fs and abs(g.top - body.top) <= 2 * fs:
                d_prev = g.x0 - body.x1               # beside it, to the right
            if d_prev is not None and (d_prev > 4 * fs or self._rule_apart(body, g)):
                d_prev = None
        if d_prev is not None and (d_next is None or d_prev < d_next):
            return "prev"
        return "next"

    def _reach(self, g, block, first):
        """How far heading box g stands from the text block after it, when
        it stands over it or to its left; None when it does neither."""
        fs = self.fs
        if first.top >= g.bottom - 0.5 * fs and _across(g, block) > 0:
            d = first.top - g.bottom
        elif block.x0 >= g.x1 - 0.5 * fs and abs(block.top - g.top) <= 2 * fs:
            d = block.x0 - g.x1
        else:
            return None
        if self._rule_apart(g, _Box(first.x0, first.top, first.x1, first.bottom)):
            return None
        return d

    # ---------------------------------------------------------- photos ---
    def _photo_units(self):
        fs = self.fs
        units = []
        order = self.order
        pos_of = {id(n): i for i, n in enumerate(order)}
        for p in [n for n in order if n.kind == "picture"]:
            unit = Unit(kind="photo", picture=p, first=pos_of[id(p)])
            pic = p.el
            # The caption: text set right under the picture, or beside it.
            start = None
            edge = pic.bottom          # the picture's foot, or its title's under it
            for i in range(pos_of[id(p)] + 1, len(order)):
                n = order[i]
                if n.kind not in ("text", "heading"):
                    continue
                below = n.top >= pic.bottom - 0.5 * fs and n.top - edge <= 2.2 * fs and \
                    n.x0 >= pic.x0 - fs and n.x1 <= pic.x1 + fs
                beside = n.x0 >= pic.x1 - 0.5 * fs and abs(n.top - pic.top) <= 4 * fs and n.x0 - pic.x1 < 3 * fs
                if n.kind == "text" and (below or beside):
                    start = i
                    break
                if n.kind == "heading" and (below or beside):
                    if below:
                        edge = max(edge, n.bottom)
                    continue       # a title between the picture and its caption
                if n.top > pic.bottom + 3 * fs:
                    break
            if start is None:
                # Text beside the picture, to its left ("caption-left").
                for i, n in enumerate(order):
                    if n.kind == "text" and n.top >= pic.bottom - 0.5 * fs and n.top - pic.bottom <= 2.2 * fs \
                            and n.x0 >= pic.x0 - fs and n.x1 <= pic.x1 + fs:
                        start = i
                        break
            if start is not None:
                body = [order[start]]
                for n in order[start + 1:]:
                    if n.kind != "text":
                        break
                    last = body[-1]
                    # (A credit set flush right under a short caption is
                    # still under the picture.)
                    under = pic.x0 - fs <= n.x0 and n.x1 <= pic.x1 + fs and -0.3 * fs <= n.top - last.bottom <= fs
                    if _stacked(last, n, 1.5 * fs) and _overlap(last, n) > 0 or under or \
                            (n.leaf == last.leaf and 0 <= n.top - last.bottom <= 1.5 * fs):
                        body.append(n)
                    else:
                        break
                unit.body = body
            for n in order:
                if n.kind == "overlay" and _inside(n, pic, 0.2 * fs):
                    unit.title.append(n)      # a title set on the picture
            units.append(unit)
        # Titles: a short heading in the larger type against a picture or its
        # caption (above, below, beside), nearest first, one each.
        pairs = []
        for gi, g in enumerate(self.groups):
            if len(g) > 3 or sum(len(n.el.text) for n in g) > 24 or max(n.el.size for n in g) > 2.6 * fs:
                continue
            box = _bbox(g)
            for ui, u in enumerate(units):
                if u.title:
                    continue
                parts = [u.picture.el] + ([_bbox(u.body)] if u.body else [])
                d = min(_distance(box, part) for part in parts)
                if d <= 1.3 * fs and not any(self._rule_apart(box, part) for part in parts if _distance(box, part) == d):
                    pairs.append((d, gi, ui))
        used_g, used_u = set(), set()
        for d, gi, ui in sorted(pairs):
            if gi in used_g or ui in used_u:
                continue
            used_g.add(gi)
            used_u.add(ui)
            units[ui].title = list(self.groups[gi])
        self.groups = [g for gi, g in enumerate(self.groups) if gi not in used_g]
        for u in units:
            for n in u.title:
                n.kind = "title"
        return units

    def _rule_apart(self, a, b):
        """Is there a rule between boxes a and b?"""
        for r in self.rules:
            if r.vertical:
                x = (r.x0 + r.x1) / 2
                if (a.x1 - 1 <= x <= b.x0 + 1 or b.x1 - 1 <= x <= a.x0 + 1) and \
                        r.top <= max(a.top, b.top) + 1 and r.bottom >= min(a.bottom, b.bottom) - 1:
                    return True
            else:
                y = (r.top + r.bottom) / 2
                if (a.bottom - 1 <= y <= b.top + 1 or b.bottom - 1 <= y <= a.top + 1) and \
                        r.x0 <= max(a.x0, b.x0) + 1 and r.x1 >= min(a.x1, b.x1) - 1:
                    return True
        return False

    # -------------------------------------------------------- the parse ---
    def parse(self):
        order_units = sorted(self.units, key=lambda u: u.first)
        dump_lines, tags, roles, orphans = [], [], [], set()
        notes = []

        def add(node, tag, role=None):
            line = _dump_line(node, len(dump_lines))
            dump_lines.append(line)
            tags.append(tag)
            roles.append(role)
            notes.append(node)
            return len(dump_lines) - 1

        for u in order_units:
            heading = [n for n in u.heading if n.role != "headbyline"]
            headbylines = [n for n in u.heading if n.role == "headbyline"]
            if u.kind == "photo":
                if not u.body:
                    continue
                for n in u.title:
                    add(n, L.HEADING_NEXT, L.HEADLINE)
                first = True
                for n in u.body:
                    text = n.el.text
                    if bylines.parse_byline_line(text) and (first or n is u.body[-1]):
                        add(n, L.CREDIT_NEXT if first else L.CREDIT_PREV)
                        continue
                    add(n, L.PHOTO_START if first else self._para_tag(u, n), None)
                    first = False
                continue
            for n, role in zip(heading, heading_roles(heading, self.fs)):
                add(n, L.HEADING_NEXT, role)
            for n in headbylines:
                add(n, L.BYLINE_NEXT)
            started = False
            for n in u.body:
                text = n.el.text
                if n.role == "marker":
                    add(n, L.MARKER)
                    continue
                if bylines.parse_byline_line(text) and _alone(u, n, self.fs):
                    add(n, L.BYLINE_PREV if started else L.BYLINE_NEXT)
                    continue
                add(n, L.ARTICLE_START if not started else self._para_tag(u, n))
                started = True
            if not started and heading:
                orphans.update(range(len(dump_lines) - len(heading) - len(headbylines), len(dump_lines)))
        for u in self.orphans:
            first = len(dump_lines)
            for n, role in zip(u.heading, heading_roles(u.heading, self.fs)):
                add(n, L.HEADING_NEXT, role)
            orphans.update(range(first, len(dump_lines)))
        label = self._page_label()
        for n in self.nodes:
            if n.zone != "content" and n.kind not in ("picture", "placeholder"):
                add(n, L.LABEL if n is label else L.FURNITURE)
        classify(dump_lines)
        scores = [0.95] * len(dump_lines)
        for k, node in enumerate(notes):
            unit = node.item
            if unit is not None:
                scores[k] = unit.doubt
        a = assembly.Assembler(dump_lines, tags, scores, roles, orphans).run()
        return self._finish(a, dump_lines, notes)

    def _para_tag(self, unit, n):
        """Does line `n` open a paragraph of its item's text?"""
        if id(unit) not in self._bodies:
            lines = [m for m in unit.body if m.role != "marker"]
            self._bodies[id(unit)] = (lines, {id(m): k for k, m in enumerate(lines)})
        body, where = self._bodies[id(unit)]
        k = where.get(id(n), 0)
        if k == 0:
            return L.PARAGRAPH
        prev = body[k - 1]
        if n.role == "subhead" or prev.role == "subhead":
            return L.PARAGRAPH
        col_x0, col_x1 = self._column_of(unit, n)
        indent = n.el.x0 - col_x0
        text = n.el.text
        if text.startswith(("\u3000", "  ")) or 1.2 * self.fs <= indent <= 3.5 * self.fs:
            return L.PARAGRAPH
        # No indent: a paragraph ends short of the measure, at a sentence's end.
        px0, px1 = self._column_of(unit, prev)
        short = prev.el.x1 < px1 - 1.2 * self.fs
        if short and _ends(prev.el.text):
            return L.PARAGRAPH
        if prev.leaf == n.leaf and n.top - prev.bottom > self._pitch_gap(unit) + 0.35 * self.fs and _ends(prev.el.text):
            return L.PARAGRAPH
        return L.CONTINUATION

    def _column_of(self, unit, n):
        key = (id(unit), n.leaf)
        if key not in self._columns:
            same = [m for m in unit.body if m.leaf == n.leaf]
            self._columns[key] = (min(m.x0 for m in same), max(m.x1 for m in same))
        return self._columns[key]

    def _pitch_gap(self, unit):
        if id(unit) not in self._pitches:
            gaps = sorted(b.top - a.bottom for a, b in zip(unit.body, unit.body[1:])
                          if a.leaf == b.leaf and b.top > a.top)
            self._pitches[id(unit)] = gaps[len(gaps) // 2] if gaps else 0.3 * self.fs
        return self._pitches[id(unit)]

    def _page_label(self):
        """The page's label in the masthead: a short name whose pinyin is
        printed beside it, else the largest such name that is not the
        paper's."""
        head = [n for n in self.nodes if n.zone == "masthead" and n.kind == "text"]
        if not head:
            head = [n for n in self.nodes if n.zone == "content" and n.top < 0.12 * self.page.height
                    and n.kind in ("text", "heading")]
        pinyin = [furniture.pinyin_line_syllables(n.el.text) for n in head]
        candidates = []
        for n in head:
            text = remove_layout_spaces(n.el.text)
            m = furniture.LABEL_RE.match(text)
            if not m or furniture.furniture_kind(n.el.text):
                continue
            matches = any(s and abs(cjk_count(m.group("name")) - s) <= 1 for s in pinyin)
            candidates.append((matches, n.el.size, n))
        if not candidates:
            for n in head:
                found = furniture.label_in_strip(n.el.text)
                if found:
                    n.label_text = found
                    return n
            return None
        candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
        return candidates[0][2]

    def _finish(self, a, dump_lines, notes):
        index = {id(line): k for k, line in enumerate(dump_lines)}
        drafts = [d for d in a.drafts if any(p for p in d.paras)]
        out, warnings = [], list(a.warnings) + self.warnings
        for d in drafts:
            item = assembly.to_item(d)
            members = [notes[index[id(line)]] for p in d.paras for line in p]
            members += [notes[index[id(line)]] for _, line in d.heading]
            members += [notes[index[id(line)]] for line in d.bylines]
            unit = next((n.item for n in members if n.item is not None), None)
            if item["kind"] == "photo" and unit is not None and unit.picture is not None:
                members.append(unit.picture)
                pic = unit.picture.el
                item["photo"] = {"box": _rect(pic.x0, pic.top, pic.x1, pic.bottom), "image": pic.image}
            if unit is not None and unit.heading and unit.kind == "article":
                members += [n for n in unit.heading if n not in members]
            item["regions"] = regions(members)
            warnings += assembly.item_warnings(item, len(out) + 1)
            out.append(item)
        warnings += assembly.orphan_warnings(a.orphans)
        for _, heading in a.orphans:
            item = assembly.orphan_item(heading)
            item["regions"] = regions([notes[index[id(line)]] for _, line in heading])
            out.append(item)
        for line in a.column_lines:
            out.append(assembly.furniture_item(line, role="column", headline=assembly._column_text(line)))
        for line in a.stray_credits:
            out.append(assembly.furniture_item(line, role="byline"))
        for line in a.furniture:
            if remove_layout_spaces(line.raw):
                node = notes[index[id(line)]]
                out.append(assembly.furniture_item(line, role="advert" if node.zone == "advert" else None))
        label = a.page_label
        label_node = next((n for n in notes if getattr(n, "label_text", None)), None)
        if label is None and label_node is not None:
            label = label_node.label_text
        content = [i for i in out if i["kind"] != "banner"]
        if not content:
            warnings.append("no articles or photos found on the page")
        return {"page_label": label, "page_label_pinyin": a.pinyin, "items": out, "warnings": warnings,
                "confidence": round(min((i["confidence"] for i in content), default=1.0), 3),
                "page_size": [round(self.page.width, 2), round(self.page.height, 2)], "layout": True}


# ------------------------------------------------------------ helpers ---

def body_size(lines):
    """The body's type size: the size most characters are set in."""
    weights = {}
    for ln in lines:
        key = round(ln.size * 4) / 4
        weights[key] = weights.get(key, 0) + len(ln.text)
    if not weights:
        return 10.0
    return max(weights, key=weights.get)


def heading_roles(group, fs):
    """Column banner, kicker, headline, subtitle for the lines of a heading.

    The headline is its biggest type; below it, its subtitle. Above it, its
    kicker, and over that its column banner: boxed, or set apart from what
    follows by more space than a kicker's lines keep (a banner floats over
    the heading; a kicker is set close on its headline)."""
    if not group:
        return []
    sizes = [n.el.size for n in group]
    big = max(sizes)
    head = [i for i, s in enumerate(sizes) if s >= 0.93 * big]
    first, last = head[0], head[-1]
    roles = [None] * len(group)
    for i in range(first, len(group)):
        roles[i] = L.HEADLINE if i <= last else L.SUBTITLE
    above = list(range(first))
    if not above:
        return roles
    if any(group[i].boxed for i in above):
        for i in above:
            roles[i] = L.COLUMN if group[i].boxed else L.KICKER
        return roles
    runs = [[above[0]]]
    for i in above[1:]:
        prev = group[runs[-1][-1]]
        n = group[i]
        if abs(n.el.size - prev.el.size) > 0.04 * prev.el.size or n.top - prev.bottom > 0.47 * prev.el.size:
            runs.append([i])
        else:
            runs[-1].append(i)
    if len(runs) >= 2:
        column, kicker = runs[0], [i for r in runs[1:] for i in r]
    else:
        lower = group[runs[0][-1]]
        apart = group[first].top - lower.bottom > 0.75 * lower.el.size
        column, kicker = (runs[0], []) if apart else ([], runs[0])
    for i in column:
        roles[i] = L.COLUMN
    for i in kicker:
        roles[i] = L.KICKER
    return roles


def xycut(nodes, rules, fs):
    """The nodes in reading order, as the pieces a recursive XY cut leaves:
    cut across where a band of white space (or a rule) runs the whole
    width, else down where one runs the whole height; rules running through
    a gap keep it whole."""
    out = []

    def cut(group, depth):
        if len(group) <= 1 or depth > 60:
            out.append(group)
            return
        parts = _split(group, rules, fs, across=True)
        if len(parts) == 1:
            parts = _split(group, rules, fs, across=False)
        if len(parts) == 1:
            parts = _split_head(group, rules, fs)
        if len(parts) == 1:
            out.append(group)
            return
        for part in parts:
            cut(part, depth + 1)
    cut(list(nodes), 0)
    return out


def _split(group, rules, fs, across):
    x0 = min(n.x0 for n in group)
    x1 = max(n.x1 for n in group)
    y0 = min(n.top for n in group)
    y1 = max(n.bottom for n in group)
    tol = 0.25 * fs
    if across:
        items = sorted(group, key=lambda n: n.top)
        parts, edge = [[items[0]]], items[0].bottom
        for n in items[1:]:
            start, end = edge, n.top
            cut = False
            if end > start - 0.1 * fs:
                wide = end - start >= ROW_GAP * fs
                ruled = any(not r.vertical and start - tol <= (r.top + r.bottom) / 2 <= end + tol
                            and min(r.x1, x1) - max(r.x0, x0) >= 0.5 * (x1 - x0) for r in rules)
                blocked = any(r.vertical and x0 + tol < (r.x0 + r.x1) / 2 < x1 - tol
                              and r.top <= start + tol and r.bottom >= end - tol for r in rules)
                cut = (wide or ruled) and not blocked
            if cut:
                parts.append([n])
            else:
                parts[-1].append(n)
            edge = max(edge, n.bottom)
        return parts
    items = sorted(group, key=lambda n: n.x0)
    cuts, edge = [], items[0].x1
    for k, n in enumerate(items[1:], 1):
        start, end = edge, n.x0
        if end > start - 0.1 * fs:
            wide = end - start >= COLUMN_GAP * fs
            # A rule between modules runs from the top of the row: one that
            # starts under a heading is a column rule inside a module.
            ruled = any(r.vertical and start - tol <= (r.x0 + r.x1) / 2 <= end + tol
                        and min(r.bottom, y1) - max(r.top, y0) >= 0.9 * (y1 - y0)
                        and r.top <= y0 + 1.5 * fs for r in rules)
            blocked = any(not r.vertical and y0 + tol < (r.top + r.bottom) / 2 < y1 - tol
                          and r.x0 <= start + tol and r.x1 >= end - tol for r in rules)
            if (wide or ruled) and not blocked:
                cuts.append((k, ruled))
        edge = max(edge, n.x1)
    # Where rules run down the whole region (between the modules of a row),
    # it is cut there first: a gutter inside a module is cut later, once
    # its head has been cut off above it.
    if any(ruled for _, ruled in cuts):
        cuts = [c for c in cuts if c[1]]
    else:
        cuts = [c for c in cuts if not _under_one_heading(items[:c[0]], items[c[0]:], fs)]
    parts, last = [], 0
    for k, _ in cuts:
        parts.append(items[last:k])
        last = k
    parts.append(items[last:])
    return parts


def _split_head(group, rules, fs):
    """A heading set close over its columns (less than a row's gap under
    it): cut across at the first line gap under which the rest falls into
    columns, so that the columns are read one after the other, not across."""
    if len(group) < 6:
        return [group]
    items = sorted(group, key=lambda n: n.top)
    edge = items[0].bottom
    for k in range(1, min(len(items), 12)):
        n = items[k]
        if n.top - edge >= 0.2 * fs:
            upper, lower = items[:k], items[k:]
            # Above: a heading's lines only (big type; a subtitle or byline
            # under it may be set in the body's type).
            heading = all(isinstance(m.el, TextLine) and (m.el.size >= 1.05 * fs or _head_line(m.el.text))
                          for m in upper) and max(m.el.size for m in upper) >= 1.3 * fs
            if heading and len(_split(lower, rules, fs, across=False)) > 1:
                return [upper, lower]
        edge = max(edge, n.bottom)
    return [group]


def _under_one_heading(left, right, fs):
    """Do the texts on both sides of a gutter (no rule in it) start right
    under one heading, set over them both though it does not reach across
    the gutter (a short headline centred over a module)? Then the module's
    head is cut off above first (`_split_head`), not the gutter."""
    def text_top(side):
        return min((n.top for n in side if isinstance(n.el, TextLine) and n.el.size < 1.1 * fs), default=None)
    tops = text_top(left), text_top(right)
    if None in tops:
        return False
    return any(isinstance(h.el, TextLine) and h.el.size >= 1.3 * fs and h.bottom <= min(tops) + 0.3 * fs
               and h.bottom >= max(tops) - 3 * fs for h in left + right)


def _head_line(text):
    text = text.strip()
    return text.startswith(("——", "—")) or bool(bylines.parse_byline_line(text))


def _inside(node, box, tol):
    cx = (node.x0 + node.x1) / 2
    cy = (node.top + node.bottom) / 2
    return box.x0 - tol <= cx <= box.x1 + tol and box.top - tol <= cy <= box.bottom + tol


def _contains(outer, inner, tol):
    return (outer.x0 - tol <= inner.x0 and inner.x1 <= outer.x1 + tol
            and outer.top - tol <= inner.top and inner.bottom <= outer.bottom + tol)


def _overlap(a, b):
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _overlap_span(group, n):
    return min(max(m.x1 for m in group), n.x1) - max(min(m.x0 for m in group), n.x0)


def _stacked(a, b, reach):
    """b stands right under a, overlapping it across."""
    return -0.3 * reach <= b.top - a.bottom <= reach and _overlap(a, b) > 0


def _stacked_span(upper, lower, reach, slack=0.0):
    """The nodes `lower` stand right under the nodes `upper`, overlapping them
    across (or short of it by no more than `slack`: a paragraph's indent)."""
    gap = min(n.top for n in lower) - max(n.bottom for n in upper)
    across = min(max(n.x1 for n in upper), max(n.x1 for n in lower)) - max(min(n.x0 for n in upper),
                                                                           min(n.x0 for n in lower))
    return -0.3 * reach <= gap <= reach and across > -slack


@dataclass
class _Box:
    x0: float
    top: float
    x1: float
    bottom: float


def _bbox(nodes):
    return _Box(min(n.x0 for n in nodes), min(n.top for n in nodes), max(n.x1 for n in nodes),
                max(n.bottom for n in nodes))


def _across(a, b):
    """How far boxes a and b overlap across (negative: apart)."""
    return min(a.x1, b.x1) - max(a.x0, b.x0)


def _distance(a, b):
    dx = max(b.x0 - a.x1, a.x0 - b.x1, 0)
    dy = max(b.top - a.bottom, a.top - b.bottom, 0)
    return (dx * dx + dy * dy) ** 0.5


def _touches(a, b, reach):
    """a and b stand next to each other: one over the other, or side by
    side, within `reach`."""
    dx = max(b.x0 - a.x1, a.x0 - b.x1, 0)
    dy = max(b.top - a.bottom, a.top - b.bottom, 0)
    return (dx <= 0.5 * reach and dy <= reach) or (dy <= 0.5 * reach and dx <= reach)


def _joins(group, n, fs, rules=()):
    """Does heading line n belong to the heading above it? Stacked on it,
    or (a column banner over a centred headline) beside it in the same
    module, no rule between."""
    last = group[-1]
    gap = n.top - last.bottom
    reach = 1.4 * max(fs, 0.5 * min(n.el.size, last.el.size))
    if not (-0.3 * fs <= gap <= reach):
        return False
    if _overlap_span(group, n) > -0.5 * fs:
        return True
    if not (last.boxed or len(group) == 1):
        return False
    left, right = (last, n) if last.x1 <= n.x0 else (n, last)
    return not any(r.vertical and left.x1 - 1 <= (r.x0 + r.x1) / 2 <= right.x0 + 1 and r.top <= n.top
                   and r.bottom >= last.bottom for r in rules) and right.x0 - left.x1 < 20 * fs


def _advert(nodes):
    first = remove_layout_spaces(min(nodes, key=lambda n: (n.top, n.x0)).el.text)
    if first in ("广告", "公告", "启事", "遗失声明", "声明", "通告", "招聘"):
        return True
    return any(furniture.furniture_kind(n.el.text) == "hotline" for n in nodes) and len(nodes) <= 8


def _frame_rules(box):
    from .pdf import Rule
    return [Rule(box.x0, box.top, box.x1, box.top), Rule(box.x0, box.bottom, box.x1, box.bottom),
            Rule(box.x0, box.top, box.x0, box.bottom), Rule(box.x1, box.top, box.x1, box.bottom)]


def _marker_only(text):
    rest = furniture.MARKER_RE.sub("", text)
    return not remove_layout_spaces(rest)


def _marker_from(node):
    return any(m[2] == "from" for m in furniture.find_markers(node.el.text))


def _marker_to(node):
    return any(m[2] == "to" for m in furniture.find_markers(node.el.text))


def _ends(text):
    text = remove_layout_spaces(text)
    return ends_sentence(text) or text[-1:] in SENTENCE_END or text.endswith(("。”", "！”", "？”", "：", "。）"))


def _alone(unit, n, fs):
    """A byline on a line of its own, not the first words of a paragraph."""
    return len(remove_layout_spaces(n.el.text)) <= 40


def _dump_line(node, no):
    text = normalise_punctuation(node.el.text)
    line = DumpLine(no=no, raw="", gap=False)
    line.set_text(text.strip())
    return line


def _rect(x0, top, x1, bottom):
    return [round(x0, 1), round(top, 1), round(x1 - x0, 1), round(bottom - top, 1)]


def regions(nodes):
    """Rectangles covering an item's nodes: one per piece of the reading
    order it has (a heading, each column of text, its picture)."""
    boxes = {}
    for n in nodes:
        key = ("p", id(n)) if not isinstance(n.el, TextLine) else (n.kind == "heading" or n.kind == "title", n.leaf)
        b = boxes.get(key)
        if b is None:
            boxes[key] = [n.x0, n.top, n.x1, n.bottom]
        else:
            b[0], b[1], b[2], b[3] = min(b[0], n.x0), min(b[1], n.top), max(b[2], n.x1), max(b[3], n.bottom)
    merged = sorted((list(b) for b in boxes.values()), key=lambda b: (b[1], b[0]))
    changed = True
    while changed:
        changed = False
        for i, m in enumerate(merged):
            for b in merged[i + 1:]:
                # Pieces of one column (a subhead, the text under it), one
                # under the other and mostly as wide, are one rectangle.
                narrower = min(m[2] - m[0], b[2] - b[0])
                across = min(m[2], b[2]) - max(m[0], b[0])
                if across >= 0.7 * narrower and -2 <= b[1] - m[3] <= 25 and \
                        abs((m[2] - m[0]) - (b[2] - b[0])) <= 0.5 * max(m[2] - m[0], b[2] - b[0]):
                    m[0], m[1], m[2], m[3] = min(m[0], b[0]), min(m[1], b[1]), max(m[2], b[2]), max(m[3], b[3])
                    merged.remove(b)
                    changed = True
                    break
            if changed:
                break
    return [_rect(*b) for b in merged]


def parse_layout(page):
    """The parse of a page read by pdf.read_pdf (see pdf.parse_pdf)."""
    layout = Layout(page)
    if layout.run() is None:
        return {"page_label": None, "items": [], "warnings": ["the PDF has no text layer (a scan?)"],
                "confidence": 0.0, "page_size": [round(page.width, 2), round(page.height, 2)], "layout": True,
                "scan": True}
    for u in layout.units + layout.orphans:
        for n in u.nodes():
            n.item = u
    parse = layout.parse()
    # "lines" are the dump lines an item was read from; a layout parse reads
    # no dump, so it has none (proofing then finds an item's text by itself).
    for item in parse["items"]:
        item.pop("lines", None)
    return parse


__all__ = ["Layout", "body_size", "parse_layout", "regions", "xycut"]
