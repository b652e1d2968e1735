"""Labelled lines into items: the deterministic pass after the labeller.

Nothing here judges the text; every decision was the labeller's. What is
left is bookkeeping: text lines open items and paragraphs, headings and
bylines go to the item on the side their label names, photo titles to the
nearest photo without one, markers to the text they end or open.
"""
import bisect
import functools
import itertools
import math
import re
from dataclasses import dataclass, field

from . import bylines, labels as L, people
from .furniture import doubled_banner, label_in_strip
from .lines import BANNER, BYLINE, CREDIT, LABEL as LABEL_LINE, PINYIN
from .text import SPACE_CHARS, cjk_count, clean_heading, ends_sentence, remove_layout_spaces


@dataclass
class Draft:
    kind: str                                   # "article" or "photo"
    start: int                                  # index of its first line
    paras: list = field(default_factory=list)   # [[Line, ...], ...]
    heading: list = field(default_factory=list)  # [(role, Line)]
    heading_group: int = None
    bylines: list = field(default_factory=list)  # byline Lines
    photo_credits: list = field(default_factory=list)  # [credit dict]
    photo_credit_texts: list = field(default_factory=list)
    credit_lines: list = field(default_factory=list)  # photo credit Lines
    column: str = None
    marker_to: int = None
    marker_from: int = None
    markers: list = field(default_factory=list)
    open: bool = True
    scores: list = field(default_factory=list)   # the labeller's confidence in its lines' labels
    key_scores: list = field(default_factory=list)  # ... in the labels that cut it and name it

    def add_line(self, line, new_paragraph):
        if new_paragraph or not self.paras:
            self.paras.append([line])
        else:
            self.paras[-1].append(line)


def runs(tags, wanted):
    """Runs of consecutive lines whose labels are in `wanted`:
    [(first index, last index)]."""
    out, start = [], None
    for i, tag in enumerate(list(tags) + [None]):
        if tag in wanted:
            if start is None:
                start = i
        elif start is not None:
            out.append((start, i - 1))
            start = None
    return out


def _split_where(indices, starts_anew):
    """`indices` in consecutive groups, a new one at each i where
    starts_anew(the index before, i)."""
    groups = [[indices[0]]]
    for prev, i in zip(indices, indices[1:]):
        if starts_anew(prev, i):
            groups.append([])
        groups[-1].append(i)
    return groups


def heading_runs(tags):
    """Heading lines in runs of one side: [[index, ...]]."""
    out = []
    for first, last in runs(tags, L.HEADING):
        out += _split_where(list(range(first, last + 1)), lambda prev, i: tags[i] != tags[prev])
    return out


# How often an article prints no headline, and how often a heading belongs
# to no item, in the gold of the training families (pagegen 12% and the
# sample 2 in 8 headless, pagesim and the PDF pages few): the prior the side
# of each heading is weighed against.
HEADLESS = 0.1
ORPHAN = 0.02


def decide_sides(tags, sides, roles=None, banners=None, starts=None):
    """Which item each heading belongs to, decided for the page at once.

    The line model says, for each heading, how likely it is the heading of
    the text after it rather than before (`sides`: line → P(after)). Read one
    at a time, a page whose headings stand below their texts is easily read
    as one whose headings all stand above the next text: every headline
    then lands one article off. Decided together, with each text taking at
    most one heading and a text without one being unlikely, the reading in
    which every article has its own heading wins. Of headings stacked with
    no text between them, the first may go with the text before them and
    the last with the text after; the others keep the model's side.

    A column banner alone heads nothing and keeps its side, unless it is
    in `banners` (first line → how likely it reads as a headline): then it
    heads the text beside it when that text has no other heading to take.
    A heading set under its text whose text another heading took (two
    articles read as one) may open the text it heads instead, at the
    paragraph between the two headings likeliest to open an article
    (`starts`: line → P(first line of an article)).

    Returns the labels with the sides decided (and the texts opened), the
    lines of headings that head nothing, and the first lines of the banners
    that head a text."""
    banners, starts = banners or {}, starts or {}
    seq = []     # (first line, "T", article?, None) or (first line, "G", members, P(after), P(headline))
    # Every line that opens an item is a text a heading may belong to, the
    # first of a run of text lines or not: two articles set one under the
    # other with their headings below them are one run of text lines.
    for i, tag in enumerate(tags):
        if tag in (L.ARTICLE_START, L.PHOTO_START):
            seq.append((i, "T", tag == L.ARTICLE_START, None))
    # (A run of heading lines may hold two headings, one ending where the
    # next starts: each is placed on its own.)
    for members in (_heading_groups(tags, roles) if roles is not None else heading_runs(tags)):
        headline = None
        if roles is not None and all(roles[i] == L.COLUMN for i in members):
            if members[0] not in banners:
                continue
            headline = min(max(banners[members[0]], 1e-4), 1 - 1e-4)
        p = sum(sides.get(i, 0.5) for i in members) / len(members)
        seq.append((members[0], "G", members, min(max(p, 1e-4), 1 - 1e-4), headline))
    seq.sort(key=lambda x: x[0])
    # A banner set against another heading is that heading's column.
    seq = [x for k, x in enumerate(seq) if x[1] == "T" or x[4] is None or not any(
        0 <= j < len(seq) and seq[j][1] == "G" for j in (k - 1, k + 1))]
    # For each heading after a text: where it would open a text of its own
    # (the lines between two elements are looked at once: linear in the page).
    opening = {}
    lines_starting = sorted(starts)
    for k in range(1, len(seq)):
        if seq[k][1] == "G" and seq[k - 1][1] == "T":
            lo = bisect.bisect_right(lines_starting, seq[k - 1][0])
            hi = bisect.bisect_left(lines_starting, seq[k][0])
            if lo < hi:
                opening[k] = max((starts[i], i) for i in lines_starting[lo:hi])[::-1]
    seq = [x[1:] for x in seq]
    headless, orphan = -math.log(HEADLESS), -math.log(ORPHAN)

    def text_cost(el):
        return headless if el[1] else 0.0

    # State after each element: (cost, choices, the last element is a text
    # still free for a heading after it, that text was claimed from before).
    # The choices are a chain (element, choice, the choices before), shared
    # between states rather than copied: linear in the length of the page.
    states = {(False, False): (0.0, None)}
    for k, el in enumerate(seq):
        new = {}

        def keep(key, cost, choice):
            if key not in new or cost < new[key][0]:
                new[key] = (cost, choice)
        nxt = seq[k + 1] if k + 1 < len(seq) else None
        if el[0] == "T":
            for (free, claimed_next), (cost, choice) in states.items():
                # The text before this one, if still free, stays headless.
                add = text_cost(seq[k - 1]) if k and seq[k - 1][0] == "T" and free else 0.0
                keep((not claimed_next, False), cost + add, choice)
        else:
            p_after, headline = el[2], el[3]
            # Stacked headings keep the model's sides, but for the first of a
            # stack that goes with the text before it and the last, which
            # goes with the text after it or with none.
            after_heading = k and seq[k - 1][0] == "G"
            before_heading = nxt is not None and nxt[0] == "G"
            stacked = (after_heading and before_heading) or (before_heading and p_after >= 0.5)
            # A banner pays for being read as a headline, or for not being one.
            as_heading = -math.log(headline) if headline is not None else 0.0
            for (free, _), (cost, choice) in states.items():
                prev_text = k and seq[k - 1][0] == "T"
                settle = text_cost(seq[k - 1]) if prev_text and free else 0.0
                options = []
                if stacked:
                    options.append(("keep", 0.0, False))
                else:
                    if headline is None:
                        options.append(("orphan", orphan, False))
                    else:
                        options.append(("keep", -math.log(1 - headline), False))
                    if prev_text and free:
                        options.append(("prev", as_heading - math.log(1 - p_after) - settle, False))
                    if prev_text and not free and k in opening:
                        options.append(("open", as_heading - math.log(1 - p_after)
                                        - math.log(max(opening[k][1], 1e-4)), False))
                    if nxt is not None and nxt[0] == "T":
                        options.append(("next", as_heading - math.log(p_after), True))
                for name, c, claims in options:
                    keep((False, claims), cost + settle + c, (k, name, choice))
        states = new
    best = None
    for (free, _), (cost, choice) in states.items():
        if seq and seq[-1][0] == "T" and free:
            cost += text_cost(seq[-1])
        if best is None or cost < best[0]:
            best = (cost, choice)
    chosen, link = {}, best[1] if best else None
    while link is not None:
        k, name, link = link
        chosen[k] = name
    out, orphans, promoted = list(tags), set(), set()
    for k, name in chosen.items():
        if name in ("prev", "next", "open"):
            for i in seq[k][1]:
                out[i] = L.HEADING_NEXT if name == "next" else L.HEADING_PREV
            if name == "open":
                out[opening[k][0]] = L.ARTICLE_START
            if seq[k][3] is not None:
                promoted.add(seq[k][1][0])
        elif name == "orphan":
            orphans.update(seq[k][1])
    return out, orphans, promoted


_ORDER = {L.COLUMN: 0, L.KICKER: 1, L.HEADLINE: 2, L.SUBTITLE: 3}


# Headings of more lines than this are read as the heading model reads them.
READ_UP_TO = 6
# What the break between two lines of a heading says of their roles: a word
# that runs across it (no blank line between) joins the lines into one
# field; a blank line between them mostly parts two fields. The heading
# model labels each line on its own evidence, and its transitions, which
# know only how often two lines share a role, cannot see the break. How
# often each kind of break (features.break_kind) keeps one role is counted
# in the training gold and kept with the model (labeller.break_counts).


def break_weights(counts):
    """{kind: (weight of one role across it, weight of two)} from {kind:
    (breaks keeping one role, breaks parting two)}: how much likelier each
    is across that kind of break than across breaks in general."""
    same = sum(s for s, _ in counts.values())
    total = sum(s + p for s, p in counts.values())
    if not same or same == total:
        return {}
    base = same / total
    return {kind: (s / (s + p) / base, p / (s + p) / (1 - base))
            for kind, (s, p) in counts.items() if s + p}


def heading_readings(roles):
    """Readings of a run of heading lines worth weighing besides the
    model's (`roles`): every way of reading the lines as one heading, top
    to bottom, when there is more than one line or the model read no
    headline."""
    if len(roles) > READ_UP_TO or (len(roles) == 1 and L.HEADLINE in roles):
        return ()
    return _one_heading_readings(len(roles))


@functools.lru_cache(maxsize=None)
def _one_heading_readings(n):
    # (HEADING_ROLES run in the order a heading's lines are set, column
    # banner first: each combination is one heading read top to bottom.)
    return tuple(itertools.combinations_with_replacement(L.HEADING_ROLES, n))


def read_heading(roles, probabilities, breaks=(), weights=None):
    """The reading of a run of heading lines: of the model's (`roles`) and
    those of heading_readings (`probabilities`: each one's), the likeliest
    once weighed by how rare a kicker or subtitle without a headline is
    (HEADLESS) and by what the breaks between its lines say (`breaks`,
    the kind of each; `weights`, break_weights of the model's counts).

    A column banner alone may head no text of its own or be a headline the
    model took for one; the page decides (decide_sides). Returns (roles,
    None), or for a banner (roles, (the likeliest reading with a headline,
    its share of the two's weight))."""
    def prior(reading):
        p = HEADLESS if L.HEADLINE not in reading and any(role != L.COLUMN for role in reading) else 1.0
        for k, kind in enumerate(breaks):
            if weights and kind in weights:
                p *= weights[kind][0 if reading[k] == reading[k + 1] else 1]
        return p
    best = tuple(roles)
    weight = {reading: p * prior(reading) for reading, p in probabilities.items()}
    chosen = max(weight, key=lambda reading: (weight[reading], reading == best))
    if all(role == L.COLUMN for role in chosen):
        headed = [reading for reading in weight if L.HEADLINE in reading]
        if headed:
            alternative = max(headed, key=weight.get)
            total = weight[alternative] + weight[chosen]
            return list(chosen), (list(alternative), weight[alternative] / total if total else 0.0)
    return list(chosen), None


def _heading_groups(tags, roles):
    """Headings: a run splits where a heading starts again (a column banner
    after anything else, a kicker or headline after a subtitle, a kicker
    after a headline)."""
    def starts_anew(prev, i):
        a, b = roles[prev], roles[i]
        return _ORDER[b] < _ORDER[a] or (b in (L.KICKER, L.COLUMN) and a != b)
    groups = []
    for members in heading_runs(tags):
        groups += _split_where(members, starts_anew)
    return groups


# How far (in lines) a photo title or a column banner may stand from its
# item, and how many items back an interrupted text may go on: bounds that
# keep a long dump's assembly linear.
REACH = 80
RECENT = 12
# A title this close to a text (in lines) stands next to it.
NEXT_TO = 3


class Assembler:
    def __init__(self, lines, tags, scores=None, roles=None, orphans=()):
        self.lines, self.tags = lines, tags
        self.index = {id(line): i for i, line in enumerate(lines)}
        self.orphan_lines = set(orphans)
        self.roles = roles or [L.HEADLINE if t in L.HEADING else None for t in tags]
        self.scores = scores or [1.0] * len(lines)
        self.drafts = []
        self.cur = None            # the item text lines go to
        # Headings waiting for the items after them, first come first served:
        # two headings set side by side come out of the PDF one after the
        # other, then their texts in the same order.
        self.pending_headings = []     # [(group index, lines)]
        self.pending_bylines = []
        self.pending_credits = []     # photo credits printed above their caption
        self.pending_from = None
        self.orphans = []          # heading groups no item took: [(group, [(role, Line)])]
        self.titles = []           # photo titles: (first index, last index)
        self.pending_columns = []  # column banners waiting for the next item
        self.column_lines = []     # ... kept as banner items too, for the record
        self.stray_credits = []
        self.furniture = []        # Lines kept as banner items
        self.page_label = None
        self.label_read = False     # the label is a line the line reading found
        self.pinyin = None
        self.warnings = []

    # ------------------------------------------------------------- walk ---
    def run(self):
        tags = self.tags
        group_of, members_of = {}, {}
        for g, members in enumerate(_heading_groups(tags, self.roles)):
            members_of[g] = members
            for i in members:
                group_of[i] = g
        done_groups = set()
        title_runs = {first: last for first, last in runs(tags, {L.PHOTO_TITLE})}
        for i, (line, tag) in enumerate(zip(self.lines, tags)):
            if tag in L.TEXT:
                self._text(i, line, tag)
            elif tag in L.HEADING:
                g = group_of[i]
                if g not in done_groups:
                    done_groups.add(g)
                    self._heading(g, members_of[g])
            elif tag in (L.BYLINE_NEXT, L.BYLINE_PREV):
                self._byline(i, line, L.side(tag))
            elif tag in (L.CREDIT_NEXT, L.CREDIT_PREV):
                self._credit(i, line, L.side(tag))
            elif tag == L.MARKER:
                self._marker(i, line)
            elif tag == L.PHOTO_TITLE:
                if i in title_runs:
                    self.titles.append((i, title_runs[i]))
            elif tag == L.LABEL and (self.page_label is None or line.kind == LABEL_LINE and not self.label_read):
                self.label_read = line.kind == LABEL_LINE
                self.page_label, pinyin = _split_pinyin(line.clean)
                self.pinyin = self.pinyin or pinyin
            else:
                if line.kind == PINYIN and self.pinyin is None:
                    self.pinyin = re.sub(f"[{SPACE_CHARS}]+", " ", line.raw.strip())
                    continue
                self.furniture.append(line)
        self.orphans.extend(self.pending_headings)
        for line in self.pending_bylines + self.pending_credits:
            # Credits with no item after them: kept for the record.
            self.warnings.append(f"byline not placed with any article: {line.clean}")
            self.stray_credits.append(line)
        if self.page_label is None:
            # No line of its own: the label may sit in the page's strip of
            # date and page number.
            self.page_label = next((found for found in map(label_in_strip, (ln.raw for ln in self.furniture))
                                    if found), None)
        for column in self.pending_columns:
            self.warnings.append(f"column banner not placed with any article: {column}")
        self._place_titles()
        return self

    def _start(self, i, kind):
        draft = Draft(kind=kind, start=i)
        draft.key_scores.append(self.scores[i])
        if self.pending_headings:
            g, heading = self.pending_headings.pop(0)
            draft.heading, draft.heading_group = heading, g
            draft.key_scores.extend(self.scores[line_index] for line_index, _ in self._indexed(heading))
        draft.bylines.extend(self.pending_bylines)
        self.pending_bylines = []
        if kind == "photo" and self.pending_credits:
            for line in self.pending_credits:
                self._give_photo_credit(draft, line)
            self.pending_credits = []
        if self.pending_columns and kind == "article":
            draft.column = self.pending_columns.pop(0)
        if self.pending_from is not None:
            draft.marker_from, text = self.pending_from
            draft.markers.append(text)
            self.pending_from = None
        self.drafts.append(draft)
        self.cur = draft
        return draft

    def _indexed(self, heading):
        return [(self.index[id(line)], line) for _, line in heading]

    def _last_article(self):
        return next((d for d in reversed(self.drafts[-RECENT:]) if d.kind == "article"), None)

    def _open_article(self):
        """The latest article whose text has not ended: text after a photo,
        a marker or another item set inside its columns goes on with it."""
        return next((d for d in reversed(self.drafts[-RECENT:]) if d.kind == "article" and d.open), None)

    def _text(self, i, line, tag):
        cur = self.cur
        starts = tag in (L.ARTICLE_START, L.PHOTO_START)
        if not starts and line.marker_from is not None and cur is not None and cur.paras:
            starts = True    # "（上接第1版）" opens the rest of an article
        if not starts and cur is None:
            last = self._open_article()
            if last is not None:
                # The text goes on after a photo or furniture set inside it.
                cur = self.cur = last
            else:
                starts = True
        if starts:
            kind = "photo" if tag == L.PHOTO_START else "article"
            cur = self._start(i, kind)
        cur.scores.append(self.scores[i])
        new_paragraph = tag != L.CONTINUATION or not cur.paras
        cur.add_line(line, new_paragraph)
        if line.marker_from is not None and cur.marker_from is None:
            cur.marker_from = line.marker_from
            cur.markers.extend(m for m in line.markers if m not in cur.markers)
        if line.marker_to is not None:
            cur.marker_to = line.marker_to
            cur.markers.extend(m for m in line.markers if m not in cur.markers)
            cur.open = False
            self.cur = None
        if line.photo_credits:
            self._trailing_credit(cur, line)

    def _trailing_credit(self, cur, line):
        """"……示范园区。 本报记者 曹伟 摄": a caption and its credit on one line."""
        if cur.kind == "article":
            # The paragraph is a caption the labeller left in an article.
            para = cur.paras.pop()
            photo = Draft(kind="photo", start=self.index[id(para[0])], paras=[para])
            photo.scores = [cur.scores[-1]]
            photo.key_scores = [min(cur.scores[-len(para):])]
            self.drafts.append(photo)
            cur = photo
            if not self._last_article().paras:
                self.drafts.remove(self._last_article())
        cur.photo_credits.extend(dict(c) for c in line.photo_credits)
        cur.photo_credit_texts.append(line.photo_credit_text)
        cur.open = False
        self.cur = None

    def _heading(self, g, members):
        columns = [_column_text(self.lines[i]) for i in members if self.roles[i] == L.COLUMN]
        self.column_lines.extend(self.lines[i] for i in members if self.roles[i] == L.COLUMN)
        heading = [(self.roles[i], self.lines[i]) for i in members if self.roles[i] != L.COLUMN]
        side = self._side(members)
        if columns:
            self._column(" ".join(columns), side)
        if not heading:
            return
        if self.orphan_lines.intersection(members):
            self.orphans.append((g, heading))
            return
        if side == "prev":
            target = self.cur or (self.drafts[-1] if self.drafts else None)
            if target is not None and not target.heading and (target.kind == "article" or len(members) <= 2):
                target.heading, target.heading_group = heading, g
                target.key_scores.extend(self.scores[i] for i in members)
                target.open = False
                self.cur = None
                return
            if target is not None:
                # The text before has its heading already: this one is
                # left over, not the next text's.
                self.orphans.append((g, heading))
                self.cur = None
                return
            # Nothing before to take it: it is the next item's after all.
        self.pending_headings.append((g, heading))
        self.cur = None

    def _side(self, members):
        """A heading's side: its labels' majority, weighted by confidence."""
        weight = {"next": 0.0, "prev": 0.0}
        for i in members:
            weight[L.side(self.tags[i])] += self.scores[i]
        return "prev" if weight["prev"] > weight["next"] else "next"

    def _column(self, text, side):
        """A column banner goes to its heading's item: the text before it or
        the next one."""
        target = self.cur or (self.drafts[-1] if self.drafts else None)
        if side == "prev" and target is not None and target.kind == "article" and target.column is None:
            target.column = text
        else:
            self.pending_columns.append(text)

    def _byline(self, i, line, side):
        target = self.cur or (self.drafts[-1] if self.drafts else None)
        if side == "prev" and target is not None:
            target.bylines.append(line)
        else:
            self.pending_bylines.append(line)

    def _credit(self, i, line, side):
        target = self.cur or (self.drafts[-1] if self.drafts else None)
        if side == "prev" and target is not None:
            if target.kind == "article":
                if len(target.paras) > 1 or target.heading:
                    para = target.paras.pop()
                    photo = Draft(kind="photo", start=self.index[id(para[0])], paras=[para])
                    photo.scores = photo.key_scores = [self.scores[i]]
                    self.drafts.append(photo)
                    target = photo
                else:
                    target.kind = "photo"
            self._give_photo_credit(target, line)
            target.open = False
            self.cur = None
        else:
            self.pending_credits.append(line)

    def _give_photo_credit(self, draft, line):
        credits = line.credits if line.kind == CREDIT and line.credits else None
        if credits is None:
            parsed = bylines.parse_byline_line(line.raw)
            credits = parsed[1] if parsed else []
        for c in credits:
            c = dict(c)
            c["role"] = "摄影"
            draft.photo_credits.append(c)
        draft.photo_credit_texts.append(line.clean)
        draft.credit_lines.append(line)

    def _marker(self, i, line):
        if line.marker_to is not None:
            target = self.cur or self._last_article()
            if target is not None:
                target.marker_to = line.marker_to
                target.markers.extend(line.markers)
                target.open = False
            self.cur = None
        elif line.marker_from is not None:
            self.pending_from = (line.marker_from, line.markers[0] if line.markers else line.clean)
            self.cur = None
        else:
            self.furniture.append(line)     # no marker in it after all: kept for the record

    # -------------------------------------------------- after the walk ---
    def _place_titles(self):
        """Photo titles go to the nearest photo still without one, closest
        pairs first."""
        photos = [d for d in self.drafts if d.kind == "photo" and not d.heading]
        pairs = []
        for first, last in self.titles:
            for d in photos:
                end = d.start + sum(len(p) for p in d.paras)
                distance = min(abs(first - end), abs(last - d.start))
                if distance <= REACH:
                    pairs.append((distance, first, id(d), d, last))
        taken_titles, taken_photos = set(), set()
        for distance, first, _, d, last in sorted(pairs, key=lambda p: (p[0], p[1], p[3].start)):
            if first in taken_titles or id(d) in taken_photos:
                continue
            taken_titles.add(first)
            taken_photos.add(id(d))
            d.heading = [("H", self.lines[k]) for k in range(first, last + 1)]
            d.key_scores.extend(self.scores[first:last + 1])
        for first, last in self.titles:
            if first not in taken_titles:
                self._title_without_photo(first, last)

    def _title_without_photo(self, first, last):
        """A title with no photo near it is an article's heading: the one
        right after it if it has none, else the one before."""
        heading = [(L.HEADLINE, self.lines[k]) for k in range(first, last + 1)]
        after = next((d for d in self.drafts if last < d.start <= last + NEXT_TO), None)
        before = next((d for d in reversed(self.drafts) if d.paras and d.start < first
                       and first - self.index[id(d.paras[-1][-1])] <= NEXT_TO), None)
        for draft in (after, before):
            if draft is not None and draft.kind == "article" and not draft.heading:
                draft.heading = heading
                draft.key_scores.extend(self.scores[first:last + 1])
                return
        self.orphans.append((None, heading))


_TRAILING_PINYIN_RE = re.compile(r"(?<=[^A-Z ]) *((?:[A-Z]+ ?)+)$")


def _split_pinyin(text):
    """"JZ城事 CHENG SHI" → ("JZ城事", "CHENG SHI"): a label printed with its
    pinyin on the same line."""
    m = _TRAILING_PINYIN_RE.search(text)
    if m and m.start() > 0:
        return text[:m.start()].strip(), m.group(1).strip()
    return text, None


def _column_text(line):
    return doubled_banner(line.raw) or line.clean


# ------------------------------------------------------------ the items ---

def _heading_fields(heading, photo=False):
    """(kicker, headline, subtitle) from a heading's labelled lines."""
    parts = {"K": [], "H": [], "S": []}
    for role, line in heading:
        parts[role].append(clean_heading(line.raw))
    if photo:
        words = parts["K"] + parts["H"] + parts["S"]
        return None, " ".join(words) or None, None
    if not parts["H"] and parts["K"]:
        parts["H"] = [parts["K"].pop()]
    kicker = join_heading(parts["K"])
    headline = join_heading(parts["H"])
    subtitle = join_heading([_strip_dashes(s) for s in parts["S"]])
    return kicker or None, headline or None, subtitle or None


def join_heading(pieces):
    """Lines of one heading: a space where two phrases meet, none where the
    break fell at punctuation (Chinese has no spaces to keep). Proofing
    joins the dump lines an editor picks the same way."""
    out = ""
    for piece in pieces:
        if not piece:
            continue
        if out and not (re.match(r"[，、：；！？。”’）》—,:;!?)]", piece) or re.search(r"[，、：；“‘（《—(]$", out)):
            out += " "
        out += piece
    return out


def _strip_dashes(s):
    return s.strip("—-－─ ").strip() if s else s


def _join(lines):
    out = ""
    for line in lines:
        t = line.clean
        if out and t and _latin(out[-1]) and _latin(t[0]):
            out += " "
        out += t
    return out


def _latin(ch):
    return ch.isascii() and ch.isalnum()


def to_item(draft):
    photo = draft.kind == "photo"
    kicker, headline, subtitle = _heading_fields(draft.heading, photo=photo)
    texts = [_join(p) for p in draft.paras]
    body = [{"type": "subhead" if not photo and _is_subhead(draft.paras, texts, k) else "paragraph", "text": t}
            for k, t in enumerate(texts) if t]
    credits, dateline, lead_org = [], None, None
    lead = bylines.parse_lead(texts[0]) if texts and not photo else None
    if lead:
        dateline, lead_credits, lead_org = lead
        credits.extend(lead_credits)
    byline_texts = []
    for line in draft.bylines:
        byline_texts.append(line.clean)
        found = line.credits if line.kind in (BYLINE, CREDIT) and line.credits else None
        if found is None:
            parsed = bylines.parse_byline_line(line.raw)
            found = parsed[1] if parsed else []
        credits.extend(dict(c) for c in found)
    credits.extend(dict(c) for c in draft.photo_credits)
    byline_texts.extend(t for t in draft.photo_credit_texts if t)
    credits = dedupe_credits(credits, lead_org)
    credited = {c["name"] for c in credits if c["name"]}
    found_people = people.find_people(texts, exclude=credited) if not photo else []
    item = {
        "kind": draft.kind,
        "headline": headline,
        "kicker": kicker,
        "subtitle": subtitle,
        "column": draft.column,
        "dateline": dateline,
        "credits": credits,
        "body": body,
        "continued_to_page": draft.marker_to,
        "continued_from_page": draft.marker_from,
        "people": found_people,
        "confidence": round(confidence(draft), 3),
    }
    if byline_texts:
        item["byline"] = " ".join(byline_texts)
    if draft.markers:
        item["markers"] = list(draft.markers)
    item["lines"] = source_lines(draft)
    return item


def source_lines(draft):
    """The numbers of the dump lines (0-based, the dump split on "\\n") an
    item was read from: its paragraphs, heading, bylines and credits. An
    extra key of the parse (PAGE_FORMAT.md §3 allows them), for editors who
    proof the page against its dump."""
    lines = [line for para in draft.paras for line in para]
    lines += [line for _, line in draft.heading] + list(draft.bylines) + list(draft.credit_lines)
    return sorted({line.no for line in lines})


MAX_SUBHEAD = 24


def _is_subhead(paras, texts, k):
    """A short paragraph of one or two lines that ends no sentence or
    clause, between two paragraphs of the text, is a subhead ("“搭台唱戏”，
    精彩不停歇"): how it is shown, not where the text breaks."""
    if k == 0 or k == len(texts) - 1 or len(paras[k]) > 2:
        return False
    text = texts[k]
    if not 4 <= len(text) <= MAX_SUBHEAD or ends_sentence(text) or text[-1] in "，、；：,;:（(“":
        return False
    return cjk_count(text) >= 4


def confidence(draft):
    """How sure the labeller was of this item: its least certain cut or
    heading label, and the mean of the rest."""
    key = min(draft.key_scores) if draft.key_scores else 1.0
    mean = sum(draft.scores) / len(draft.scores) if draft.scores else 1.0
    return min(key, mean)


def dedupe_credits(credits, lead_org):
    out, seen = [], set()
    for c in credits:
        if c.get("org") is None and lead_org:
            c["org"] = lead_org
        if c.get("org") is None and c.get("role") in ("记者", "通讯员", "实习生", "摄影"):
            c["org"] = "本报" if c.get("role") != "记者" or lead_org is None else lead_org
        key = (c["name"], c["role"])
        if c["name"] and key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def furniture_item(line, role=None, headline=None):
    if role is None:
        role = "label" if line.kind == LABEL_LINE else "masthead" if line.kind == PINYIN else (
            line.info if line.kind != BANNER and line.info else "furniture")
    return {
        "kind": "banner", "role": role, "headline": headline or line.clean, "text": line.raw.strip(),
        "kicker": None, "subtitle": None, "column": None, "dateline": None, "credits": [], "body": [],
        "continued_to_page": None, "continued_from_page": None, "people": [],
    }


def orphan_item(heading):
    text = " ".join(clean_heading(line.raw) for _, line in heading)
    return {
        "kind": "banner", "role": "heading", "headline": text,
        "text": "\n".join(line.raw for _, line in heading), "kicker": None, "subtitle": None,
        "column": None, "dateline": None, "credits": [], "body": [], "continued_to_page": None,
        "continued_from_page": None, "people": [],
    }


def item_warnings(item, n):
    """What an editor should look at in the n-th item of a page (the
    layout parse of page PDFs says the same)."""
    out = []
    if item["kind"] == "article" and not item["headline"]:
        out.append(f"item {n}: no headline found")
    if item["kind"] == "photo" and not item["credits"]:
        out.append(f"item {n}: photo without a credit")
    return out


def orphan_warnings(orphans):
    return [f"heading not placed with any article: {' '.join(clean_heading(line.raw) for _, line in heading)}"
            for _, heading in orphans]


def assemble(lines, tags, scores=None, roles=None, orphans=()):
    """The parse of a page (PAGE_FORMAT.md §3) from its labelled lines (the
    role of each heading line: kicker, headline or subtitle; and the lines
    of headings that belong to no item)."""
    a = Assembler(lines, tags, scores, roles, orphans).run()
    drafts = [d for d in a.drafts if any(p for p in d.paras)]
    items, warnings = [], list(a.warnings)
    for d in drafts:
        item = to_item(d)
        warnings += item_warnings(item, len(items) + 1)
        items.append(item)
    warnings += orphan_warnings(a.orphans)
    for _, heading in a.orphans:
        items.append(orphan_item(heading))
    for line in a.column_lines:
        items.append(furniture_item(line, role="column", headline=_column_text(line)))
    for line in a.stray_credits:
        items.append(furniture_item(line, role="byline"))
    for line in a.furniture:
        if remove_layout_spaces(line.raw):
            items.append(furniture_item(line))
    return {"page_label": a.page_label, "page_label_pinyin": a.pinyin, "items": items, "warnings": warnings}
