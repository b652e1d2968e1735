"""First pass over a dump: one `Line` per printed line, each classified.

Blank lines are turned into a single flag, `gap`, on the line after them.
Dumps that put a blank line after every line are recognised first; there a
single blank line means nothing and only two or more mark a gap.
"""
import re
from dataclasses import dataclass, field

from . import bylines, furniture
from .text import (SPACES_RE, cjk_count, is_letter_spaced, leading_indent, normalise_punctuation,
                   remove_layout_spaces, visual_width)

TEXT, MARKER, PINYIN, LABEL, BANNER, FURNITURE, BYLINE, CREDIT = (
    "text", "marker", "pinyin", "label", "banner", "furniture", "byline", "credit")


@dataclass(slots=True)
class Line:
    no: int                 # index of the line in the dump
    raw: str                # as printed, punctuation normalised
    gap: bool               # a blank line stands before it
    kind: str = TEXT
    clean: str = ""         # layout spaces removed
    indent: float = 0.0
    width: float = 0.0      # visual width of `clean`, in em
    spaced: bool = False    # letter-spaced ("市 政 协 召 开")
    marker_to: int = None   # "（下转第2版）" at its end
    marker_from: int = None  # "（上接第1版）" at its start
    markers: list = field(default_factory=list)   # the marker texts removed from it
    credits: list = None    # byline, credit: who is named
    photo_credits: list = None  # a photo credit at the end of a caption line
    photo_credit_text: str = None
    info: str = None        # furniture kind, banner text, marker direction
    opens_paragraph: bool = False  # indented in a dump that marks paragraphs so

    def set_text(self, raw):
        self.raw = raw
        self.clean = remove_layout_spaces(raw)
        self.width = visual_width(self.clean)
        self.spaced = is_letter_spaced(raw)

    @property
    def length(self):
        return len(self.clean)


def split_lines(text):
    """Non-blank lines with their gap flags."""
    raw_lines = text.split("\n")
    out, blanks = [], 0
    runs = []  # blank-run length before each non-blank line
    for no, raw in enumerate(raw_lines):
        if not raw.strip() or not SPACES_RE.sub("", raw):
            blanks += 1
            continue
        runs.append(blanks if out else 0)
        out.append((no, raw.rstrip()))
        blanks = 0
    double_spaced = _is_double_spaced(runs)
    lines = []
    for (no, raw), run in zip(out, runs):
        gap = run >= 2 if double_spaced else run >= 1
        line = Line(no=no, raw="", gap=gap, indent=leading_indent(raw))
        line.set_text(normalise_punctuation(raw).strip())
        lines.append(line)
    return lines, double_spaced


def _is_double_spaced(runs):
    """A blank line after (nearly) every line."""
    inner = runs[1:]
    if len(inner) < 4:
        return False
    ones = sum(1 for r in inner if r >= 1)
    return ones >= 0.85 * len(inner)


def classify(lines):
    for line in lines:
        _classify_line(line)
    _find_labels(lines)
    _mark_indented_paragraphs(lines)
    _rejoin_lead_credits(lines)
    return lines


_BARE_LEAD_RE = re.compile(r"(?:电|讯)$")


def _rejoin_lead_credits(lines):
    """"新华社河内2月3日电 / （记者陶军、黄硕）": credits in brackets wrapped
    onto the line after a lead are the lead's, in the text, not a byline
    standing on its own."""
    for prev, line in zip(lines, lines[1:]):
        if (line.kind == BYLINE and line.clean[:1] in "（(" and not line.gap and prev.kind == TEXT
                and bylines.LEAD_START_RE.match(prev.clean) and _BARE_LEAD_RE.search(prev.clean)):
            line.kind, line.credits = TEXT, None


# A paragraph indent is two characters; a centred heading stands further in.
MAX_PARAGRAPH_INDENT = 2.5


def _mark_indented_paragraphs(lines):
    """In a dump that marks its paragraphs with an indent, an indented line
    opens a paragraph of text: headings are not indented that way. Judged
    on the whole page, since a line or two with a stray space (a lead, a
    justified first line) says nothing."""
    text = [ln for ln in lines if ln.kind == TEXT]
    indented = [ln for ln in text if 0.5 <= ln.indent <= MAX_PARAGRAPH_INDENT]
    if len(indented) < 5 or len(indented) < 0.04 * len(text):
        return
    for line in indented:
        line.opens_paragraph = True


def _classify_line(line):
    raw = line.raw
    markers = furniture.find_markers(raw)
    if markers:
        rest = raw
        for start, end, direction, page in reversed(markers):
            before, after = rest[:start], rest[end:]
            if not after.strip() and direction == "to":
                line.marker_to = page
            elif not before.strip() and direction == "from":
                line.marker_from = page
            elif direction == "to" and not before.strip():
                line.marker_to = page   # a "下转" line with junk after it
            else:
                continue
            line.markers.insert(0, rest[start:end])
            rest = before + after
        if rest is not raw:
            if not rest.strip():
                line.kind = MARKER
                line.set_text(raw)
                return
            line.set_text(rest.strip())
    if furniture.pinyin_line_syllables(raw):
        line.kind = PINYIN
        return
    banner = furniture.doubled_banner(raw)
    if banner:
        line.kind, line.info = BANNER, banner
        return
    kind = furniture.furniture_kind(raw)
    if kind:
        line.kind, line.info = FURNITURE, kind
        return
    parsed = bylines.parse_byline_line(raw)
    if parsed:
        line.kind = CREDIT if parsed[0] == "photo" else BYLINE
        line.credits = parsed[1]
        return
    text, credits = bylines.split_trailing_photo_credit(raw)
    if credits:
        line.photo_credits = credits
        line.photo_credit_text = raw[len(text):].strip()
        line.set_text(text)


# How far (in lines) a label may stand from the pinyin line that spells it.
LABEL_REACH = 5


def _find_labels(lines):
    """The page label is the short line beside a pinyin line whose syllables
    match its characters ("JZ第一视线" / "DI YI SHI XIAN"). A label with a
    Latin prefix and no pinyin line ("JZ要闻") is recognised on its own."""
    for i, line in enumerate(lines):
        if line.kind == PINYIN:
            syllables = furniture.pinyin_line_syllables(line.raw)
            # Other extraction tools set the label a few lines off its
            # pinyin: the nearest line of as many characters as syllables,
            # else the nearest one off by one.
            found = []
            for j in range(max(0, i - LABEL_REACH), min(len(lines), i + LABEL_REACH + 1)):
                cand = lines[j]
                if j == i or cand.kind not in (TEXT, LABEL):
                    continue
                m = furniture.LABEL_RE.match(cand.clean)
                if m and abs(cjk_count(m.group("name")) - syllables) <= 1:
                    found.append((abs(cjk_count(m.group("name")) - syllables), abs(j - i), j))
            if found:
                lines[min(found)[2]].kind = LABEL
            else:
                # A pinyin line beside a masthead belongs to it.
                for j in (i - 1, i + 1):
                    if 0 <= j < len(lines) and lines[j].kind == FURNITURE:
                        line.kind, line.info = FURNITURE, lines[j].info
    if any(line.kind == LABEL for line in lines):
        return    # the label its pinyin line vouches for is the one
    for i, line in enumerate(lines):
        # On a line of its own: "ABB集团是全球电" is a line of wrapped prose.
        alone = (i == 0 or line.gap) and (i + 1 == len(lines) or lines[i + 1].gap or lines[i + 1].kind != TEXT)
        if line.kind == TEXT and alone:
            m = furniture.LABEL_RE.match(line.clean)
            if m and m.group("prefix") and len(m.group("prefix")) >= 2:
                line.kind = LABEL
