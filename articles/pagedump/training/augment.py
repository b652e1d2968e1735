"""New dumps of a training page, set the ways other papers and other
extraction tools set the same text.

A paper nobody here laid out will mark paragraphs its own way (blank lines,
indents, nothing at all), wrap at its own column widths, drop or keep the
printed indent, justify with spaces or not, and print headings above or
below their text. Each family does only some of that. Re-setting a page
keeps its gold parse (texts are compared without white space, and a
heading's place says nothing the gold records) while changing exactly what
must not be relied on, so the model learns the evidence that holds in every
setting. (PAGE_FORMAT.md §1 lists what dumps vary in.)
"""
import random
from dataclasses import dataclass

from .. import items as assembly, labels as L
from ..lines import PINYIN
from ..scoring import score
from .align import align
from .families import Page

NO_LINE_START = set("，。、；：？！）》」』”’…—·％,.;:?!)]")
NO_LINE_END = set("（《「『“‘([")


@dataclass
class Style:
    width: float            # column width to wrap text at, em; 0 keeps the page's, UNWRAPPED none
    marks: str              # "blank", "none", "indent", "double": how paragraphs are marked
    short_first: bool       # the first line of a paragraph is short by its (dropped) indent
    justify: float          # share of lines letter-spaced
    heads_below: float      # share of headings moved below their text
    item_gap: float         # chance of a blank line between items
    column_breaks: float    # chance of a blank line inside a paragraph, per paragraph
    heading_width: int = 0          # 0 keeps headings as printed; else re-wrapped at this many characters
    heading_join: bool = False      # a heading printed over several lines given as one line
    strip_split: float = 0.0        # chance that a furniture line's parts stand on lines of their own
    heading_spaced: float = 0.0     # share of heading lines letter-spaced
    justify_last: bool = False      # a paragraph's short last line is spaced out too
    item_widths: bool = False       # each item wrapped at a column width of its own


# Some tools give a paragraph as one line, unwrapped.
UNWRAPPED = 10_000


def random_style(rng):
    return Style(
        width=rng.choice([0, 0, rng.randint(6, 12), rng.randint(10, 20), rng.randint(16, 32), UNWRAPPED]),
        marks=rng.choice(["blank", "none", "none", "indent", "double"]),
        short_first=rng.random() < 0.4,
        justify=rng.choice([0.0, 0.0, 0.1, 0.3]),
        heads_below=rng.choice([0.0, 0.0, 0.5, 1.0]),
        item_gap=rng.choice([0.0, 0.5, 1.0]),
        column_breaks=rng.choice([0.0, 0.1, 0.3]),
        # A headline set large in a narrow column wraps every few
        # characters; a tool that reads a text box whole gives it on one line.
        heading_width=rng.choice([0, 0, 0, rng.randint(3, 6), rng.randint(5, 12)]),
        heading_join=rng.random() < 0.2,
        strip_split=rng.choice([0.0, 0.0, 0.5, 1.0]),
        heading_spaced=rng.choice([0.0, 0.0, 0.3, 1.0]),
        justify_last=rng.random() < 0.3,
        item_widths=rng.random() < 0.3,
    )


def _width(ch):
    return 0.5 if ord(ch) < 0x2000 else 1.0


def wrap(text, width, first_short=0.0):
    """Hard wrap at `width` em; closing punctuation stays on the line it
    follows, opening punctuation goes to the next."""
    lines, cur, used, limit = [], "", 0.0, max(2.0, width - first_short)
    for ch in text:
        w = _width(ch)
        if cur and used + w > limit and ch not in NO_LINE_START:
            carry = ""
            while len(cur) > 1 and cur[-1] in NO_LINE_END:
                carry = cur[-1] + carry
                cur = cur[:-1]
            lines.append(cur)
            cur, used, limit = carry, sum(map(_width, carry)), width
        cur += ch
        used += w
    if cur:
        lines.append(cur)
    return lines


def _letter_space(text):
    return " ".join(text)


def _segments(a):
    """The page as segments: ("text", item, [lines with their labels]) for
    a run of one item's text, ("other", (tag, item, heading role), line) for
    anything else."""
    out = []
    for line, tag, item, role in zip(a.lines, a.tags, a.items, a.roles):
        if tag in L.TEXT and item is not None:
            if out and out[-1][0] == "text" and out[-1][1] is item and tag != L.ARTICLE_START \
                    and tag != L.PHOTO_START:
                out[-1][2].append((line, tag))
            else:
                out.append(["text", item, [(line, tag)]])
        else:
            out.append(["other", (tag, item, role), line])
    return out


def _paragraphs(run):
    """[(first label, text)] of a run of text lines."""
    paras = []
    for line, tag in run:
        if tag == L.CONTINUATION and paras:
            paras[-1][1] += line.clean
        else:
            paras.append([tag, line.clean])
    return paras


def _untouchable(run):
    """Lines carrying markers or a photo credit keep their setting: their
    text is not all in `clean`."""
    return any(line.markers or line.photo_credits or line.marker_to is not None
               or line.marker_from is not None for line, _ in run)


def restyle(page, rng, style=None):
    """A new dump of `page` (a Page with the same gold), set in `style`."""
    style = style or random_style(rng)
    a = align(page.text, page.gold)
    # Lines as printed: line reading took markers and credits out of `raw`.
    printed = page.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    segments = _segments(a)
    segments = _move_headings(segments, rng, style.heads_below)
    indent = rng.choice(["\u3000\u3000", "  ", "    "])
    out = []
    item_widths = {}

    def blank():
        if out and out[-1] != "":
            out.append("")

    k = 0
    while k < len(segments):
        seg = segments[k]
        k += 1
        if seg[0] == "other":
            (tag, _, role), line = seg[1], seg[2]
            if k > 1 and segments[k - 2][0] == "text" and rng.random() < style.item_gap:
                blank()
            if line.gap and style.marks != "none":
                blank()
            if tag in L.HEADING and role in (L.KICKER, L.HEADLINE, L.SUBTITLE) \
                    and (style.heading_width or style.heading_join):
                # The lines of this heading role, set again.
                group = [line]
                while k < len(segments) and segments[k][0] == "other" and segments[k][1][0] == tag \
                        and segments[k][1][2] == role and not segments[k][2].gap:
                    group.append(segments[k][2])
                    k += 1
                text = "".join(g.clean.replace(" ", "") for g in group)
                for piece in [text] if style.heading_join else wrap(text, style.heading_width):
                    out.append(_letter_space(piece) if rng.random() < style.heading_spaced else piece)
                continue
            if tag in L.HEADING and rng.random() < style.heading_spaced:
                out.append(_letter_space(line.clean.replace(" ", "")))
                continue
            if tag == L.FURNITURE and line.kind != PINYIN and rng.random() < style.strip_split:
                out.extend(printed[line.no].split())
                continue
            out.append(printed[line.no].strip())
            continue
        item, run = seg[1], seg[2]
        starts_item = run[0][1] in (L.ARTICLE_START, L.PHOTO_START)
        if starts_item and rng.random() < style.item_gap:
            blank()
        if _untouchable(run) or not (style.width or style.short_first or style.item_widths):
            lines = [(printed[line.no].strip() if _untouchable(run) or not style.justify
                      or rng.random() >= style.justify else _letter_space(line.clean), tag) for line, tag in run]
        else:
            if style.item_widths:
                # Articles on one page are set in columns of their own widths.
                width = item_widths.setdefault(id(item), rng.choice([rng.randint(6, 12), rng.randint(10, 24)]))
            else:
                width = style.width or max(4.0, _column(run))
            lines = []
            for tag, text in _paragraphs(run):
                wrapped = wrap(text, width, 2.0 if style.short_first and style.marks != "indent" else 0.0)
                for j, piece in enumerate(wrapped):
                    if style.justify and rng.random() < style.justify and (
                            len(piece) >= width - 1 or style.justify_last):
                        piece = _letter_space(piece)
                    lines.append((piece, tag if j == 0 else L.CONTINUATION))
        for j, (text, tag) in enumerate(lines):
            opens = tag in (L.ARTICLE_START, L.PHOTO_START, L.PARAGRAPH)
            if opens and j and style.marks == "blank":
                blank()
            elif j and not opens and rng.random() < style.column_breaks / 8:
                blank()
            if opens and style.marks == "indent":
                text = indent + text.lstrip()
            out.append(text)
    if style.marks == "double":
        out = [x for line in out for x in ([line, ""] if line else [""])]
    text = "\n".join(out).strip("\n") + "\n"
    return Page(page.family, page.name + "+restyled", text, page.gold)


def _column(run):
    widths = sorted(line.width for line, _ in run)
    return widths[(3 * len(widths)) // 4] if widths else 12.0


def _move_headings(segments, rng, share):
    """Headings (with their bylines and column banners) set above their text
    moved below it, for `share` of the items."""
    if not share:
        return segments
    out = list(segments)
    i = 0
    while i < len(out):
        seg = out[i]
        if seg[0] == "other" and seg[1][0] == L.HEADING_NEXT:
            j = i
            while j < len(out) and out[j][0] == "other" and out[j][1][0] in (
                    L.HEADING_NEXT, L.BYLINE_NEXT):
                j += 1
            if j < len(out) and out[j][0] == "text" and rng.random() < share:
                item = out[j][1]
                end = j
                while end + 1 < len(out) and out[end + 1][0] == "text" and out[end + 1][1] is item:
                    end += 1
                block = out[i:j]
                out[i:end + 1] = out[j:end + 1] + block
                i = end + 1
                continue
        i += 1
    return out


def restyled(pages, seed, copies=1, tries=4):
    """Each page re-set `copies` times (the sample and checked pages too).

    A copy is kept only if its gold still reads off it as well as off the
    original: the labels of a copy come from aligning its dump with the
    gold, and a setting the alignment cannot follow (a heading cut so small
    that its pieces read as text, say) would teach the models wrong labels.
    Another style is drawn for it, up to `tries` times."""
    rng = random.Random(seed)
    out = []
    for page in pages:
        floor = _fidelity(page)
        for _ in range(copies):
            for _ in range(tries):
                copy = restyle(page, rng)
                if _fidelity(copy) >= floor:
                    out.append(copy)
                    break
    return out


def _fidelity(page):
    """How much of the gold the labels aligned to the page's lines give
    back: items, headings and credits found (1.0 when all are)."""
    a = align(page.text, page.gold)
    parse = assembly.assemble(a.lines, a.tags, [1.0] * len(a.tags), a.roles, ())
    m = score(parse, page.gold)
    return min(m["items_f1"], m["headline"] if m["headline"] is not None else 1.0,
               m["subtitle"] if m["subtitle"] is not None else 1.0)
