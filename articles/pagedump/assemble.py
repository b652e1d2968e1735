"""Third pass: units into items.

Body units are chained into segments (one per article part) by deciding,
at every gap between two runs of prose, whether the sentence goes on (a
column break), a new paragraph starts, or a new article does. Photo credits
take the caption before them. Headings are then given to segments: a
heading printed between two articles may belong to either, so the whole
page is solved at once (a small dynamic programme over the chain), once with
headlines read as standing above their bodies and once below, and the
reading with fewer headline-less articles and stray headings wins. Besides
the side it stands on, what a heading shares with a text counts: a headline
repeats words of its own article's opening.
"""
import re
import statistics
from dataclasses import dataclass, field

from . import bylines
from .blocks import (BULLETS, COLUMN_TAG_RE, MAX_SUBHEAD, Para, Unit, column_width, heading_strength, is_full,
                     is_kicker_line, is_subtitle_line, loose_heading_line, nearly_full, tolerance, wrapped_prose)
from .lines import BANNER, BYLINE, CREDIT, FURNITURE, LABEL, MARKER, PINYIN
from .text import CJK, CJK_RE, cjk_count, ends_open, ends_sentence

TRANSPARENT = (FURNITURE, BANNER, LABEL, PINYIN)


@dataclass
class Segment:
    paras: list
    width: float
    subheads: set = field(default_factory=set)   # indexes of paras that are subheads
    marker_to: int = None
    marker_from: int = None
    markers: list = field(default_factory=list)
    heading: object = None       # a head Unit
    bylines: list = field(default_factory=list)   # byline Units
    photo: bool = False
    photo_credits: list = None
    photo_credit_text: str = None
    column: str = None
    closed: bool = False

    @property
    def start(self):
        return self.paras[0].first.no if self.paras else 10 ** 9

    @property
    def last_line(self):
        return self.paras[-1].last

    def typical_width(self):
        """The column width of its longer paragraphs."""
        widths = [p.width for p in self.paras if len(p.lines) >= 3]
        return widths[-1] if widths else self.width

    def lead(self):
        if not self.paras:
            return None
        return bylines.parse_lead(self.paras[0].text)

    def starts_item(self):
        """Does its first paragraph open an article (a lead or a continuation)?"""
        if self.marker_from is not None:
            return True
        return bool(self.paras) and opens_with_lead(self.paras[0].text)


@dataclass
class Element:
    kind: str          # S (segment), P (photo), H (heading), Y (byline), F (furniture)
    seg: Segment = None
    unit: object = None
    bylines: list = field(default_factory=list)   # H: byline units printed with it
    over: object = None   # F: the heading unit a column banner stands over


# ----------------------------------------------------------- segmentation ---

_TAG_LINE_RE = re.compile(r"^[（(][^（）()]{1,40}[）)]$")


def _boundary(a, b, width=None, short_first_lines=False, b_width=None):
    """How two paragraphs separated by a gap relate: "join" (a column break
    inside a sentence), "para" (a new paragraph) or "cut" (a new article).
    `width` is the column width of a's article, for a one-line paragraph;
    `short_first_lines`: this dump shows paragraphs' first lines short (their
    printed indent dropped); `b_width`: the column width of the text b opens,
    when b itself is too short to show it."""
    a_line, b_line = a.last, b.first
    if _is_tag(b) and ends_sentence(a_line.clean):
        # "（本报开罗2月24日电）", "（作者为……）" set apart: the end of a's
        # text, as a paragraph of its own.
        return "para"
    if b_line.marker_from is not None or a_line.marker_to is not None:
        return "cut"
    if bylines.LEAD_START_RE.match(b_line.clean):
        if _lead_cuts(a, b, width):
            return "cut"
    if ends_open(a_line.clean):
        return "join"
    wa = _tail_width(a, width)
    if not ends_sentence(a_line.clean):
        if b_line.indent >= 0.5:
            return "para"
        return "join" if nearly_full(a_line, wa) else "para"
    if _width_changes(a, b, b_width):
        return "cut"
    if short_first_lines and _column_break_after_sentence(a, b):
        return "join"
    return "para"


def shows_short_first_lines(units):
    """Does this dump keep the trace of printed paragraph indents? Printed
    paragraphs open with a two-character indent; PDF text drops it, and the
    first line of a paragraph comes out short. Judged on the paragraphs that
    certainly start a paragraph: after one that ended short on a full stop."""
    short = total = 0
    previous = None
    for unit in units:
        if unit.kind != "body":
            previous = None
            continue
        for para in unit.paras:
            if previous is not None and len(para.lines) >= 3 and para.first.indent < 0.5:
                width = statistics.median(ln.width for ln in para.lines[1:-1])
                prev_width = previous.width
                if ends_sentence(previous.last.clean) and previous.last.width < prev_width - 2.5:
                    total += 1
                    short += para.first.width <= width - 1.0
            previous = para
    return total >= 3 and short >= 0.6 * total


def _column_break_after_sentence(a, b):
    """A sentence that ends at the very end of a full line, and a next block
    whose first line is full too: in a dump that shows paragraphs' first
    lines short, the paragraph goes on in the next column."""
    if b.first.indent >= 0.5 or len(b.lines) < 2:
        return False
    wa, wb = a.tail_width(), b.width
    # Both lines must fill their column all but a character: a paragraph's
    # last line often comes close to the edge by chance.
    return a.last.width >= wa - 1.0 and b.first.width >= wb - 0.5 and abs(wa - wb) <= tolerance(wb)


def _lead_cuts(a, b, width=None):
    """A lead in the middle of a run of text opens a new article when it is
    "本报讯", when it is indented in a dump that does not indent paragraphs,
    when it is a dateline naming its reporter after a finished sentence, or
    when the column changes. A dateline ("据新华社北京2月1日电") with none of
    these is one of several dispatches printed as one article."""
    first = b.first
    if BRIEF_LEAD_RE.match(b.text) or _summary_point(a):
        return _width_changes(a, b)
    if bylines.NEWS_LEAD_RE.match(first.clean) or first.indent >= 0.5:
        return True
    if _CREDITED_DATELINE_RE.match(b.text) and (ends_sentence(a.last.clean) or _is_tag(a)):
        return True
    return _width_changes(a, b) or _different_columns(_tail_width(a, width), b.width)


def _summary_point(para):
    """A point of the summary some articles open with, above their lead,
    set behind a bullet ("■ 在以习近平同志为核心的党中央坚强领导下……")."""
    return para.text[:1] in BULLETS


def _tail_width(para, width=None):
    """The column width `para` ends in. A one-line paragraph, such as a
    closing note, shows no column: the text's own `width`, when known,
    stands for it."""
    return para.tail_width() if len(para.lines) > 1 or not width else width


# "本报电 ……": a brief with neither place nor date, one of several printed
# together under one heading (新闻速递, 财经短波), each under a short title
# and each signed.
BRIEF_LEAD_RE = re.compile(r"^(?:据)?(?:本报|新华社)电(?![（(])")


def opens_with_lead(text):
    """Does the text open with a lead that starts an article ("本报讯", a
    dateline), not a brief's "本报电"?"""
    return bool(bylines.LEAD_START_RE.match(text)) and not BRIEF_LEAD_RE.match(text)


# "本报武汉2月12日电（记者程远州、鲜敢）": a dateline with its reporters opens
# an article of its own; dispatches gathered into one article carry none.
_CREDITED_DATELINE_RE = re.compile(r"^[^（(，。]{0,24}电\s*[（(](?:本报)?记者")


def _opening_width(paras):
    """The column width of a run of paragraphs, from the first few: a short
    opening line ("核心阅读") does not show it."""
    return next((p.width for p in paras[:4] if len(p.lines) >= 3), None)


def _opening_width_ahead(units, index, paras):
    """The column width of the text that `paras`, the body unit at `index`,
    opens. When a dump puts a blank line after every paragraph, each short
    opening paragraph ("河南南阳30万党员投入基 / 层防控") is a unit of its
    own: the width shows in the first longer paragraph of the units that
    follow, as long as the short ones before it wrap in that column. (A
    heading set as text, "凯恩斯杯国象女子精英赛 / 居文君夺得亚军", above a
    wider caption does not: its lines fall short of the caption's.)"""
    width = _opening_width(paras)
    if width is not None or not paras or len(paras[0].lines) < 2:
        return width
    seen = list(paras)
    for unit in units[index + 1:index + 6]:
        if unit.kind in TRANSPARENT:
            continue
        if unit.kind != "body":
            return None
        for para in unit.paras:
            if len(para.lines) >= 3:
                width = para.width
                fits = all(is_full(ln, width) and ln.width <= width + tolerance(width)
                           for p in seen for ln in p.lines[:-1])
                return width if fits else None
            seen.append(para)
            if len(seen) >= 4:
                return None
    return None


def _is_tag(para):
    """A paragraph that is one parenthesis: a source or author note."""
    return len(para.lines) <= 3 and bool(_TAG_LINE_RE.match(para.text))


def _width_changes(a, b, b_width=None):
    """Two articles set in columns of clearly different widths. Only
    trusted when both sides have enough lines to show their column."""
    tail = a.lines[-3:]
    wb = b.width if len(b.lines) >= 3 else b_width
    if len(tail) < 3 or wb is None or any(ln.gap for ln in tail[1:]):
        return False
    wa = column_width(tail)
    return _different_columns(wa, wb)


def _different_columns(wa, wb):
    """Line widths within one column vary by a character or two (punctuation
    squeezed, digits half-width); two columns that differ by more than that
    are two different settings."""
    return abs(wa - wb) > max(2.5, 0.12 * max(wa, wb))


def build_chain(units):
    chain = []
    cur = None
    short_first_lines = shows_short_first_lines(units)
    pending_from = []    # continuation markers standing before their article
    pending_credit = None

    def close():
        nonlocal cur
        if cur is not None and cur.paras:
            cur.closed = True
        cur = None

    def new_segment(width):
        nonlocal cur
        close()
        cur = Segment(paras=[], width=width)
        if pending_from:
            page, text = pending_from.pop()
            cur.marker_from = page
            cur.markers.append(text)
        chain.append(Element("S", seg=cur))
        return cur

    def add_para(seg, para):
        """Append a paragraph, cutting at leads and markers inside it."""
        nonlocal cur
        first = para.first
        if seg.paras and (first.marker_from is not None or (
                bylines.LEAD_START_RE.match(first.clean) and _lead_cuts(seg.paras[-1], para, seg.typical_width()))):
            seg = new_segment(seg.width)
        if first.marker_from is not None and seg.marker_from is None:
            seg.marker_from = first.marker_from
            seg.markers.extend(first.markers)
        seg.paras.append(para)
        last = para.last
        if last.marker_to is not None:
            seg.marker_to = last.marker_to
            seg.markers.extend(m for m in last.markers if m not in seg.markers)
            close()
        if last.photo_credits:
            _split_photo(chain, seg, last.photo_credits, last.photo_credit_text)
            close()
        return seg

    last_kind = None
    for index, unit in enumerate(units):
        kind = unit.kind
        if kind in TRANSPARENT:
            chain.append(Element("F", unit=unit))
            continue
        if kind == "body":
            paras = list(unit.paras)
            if pending_credit is not None:
                # A credit printed above its caption.
                photo = Segment(paras=[paras.pop(0)], width=unit.width, photo=True,
                                photo_credits=pending_credit.lines[0].credits,
                                photo_credit_text=pending_credit.lines[0].clean)
                chain.append(Element("P", seg=photo))
                pending_credit = None
                if not paras:
                    last_kind = kind
                    continue
            if cur is not None and last_kind == "body":
                relation = _boundary(cur.paras[-1], paras[0], cur.typical_width(), short_first_lines,
                                     _opening_width_ahead(units, index, paras))
                if relation == "join":
                    cur.paras[-1] = Para(cur.paras[-1].lines + paras[0].lines)
                    paras = paras[1:]
                    if cur.paras[-1].last.marker_to is not None or cur.paras[-1].last.photo_credits:
                        last_para = cur.paras.pop()
                        add_para(cur, last_para)
                elif relation == "cut":
                    new_segment(unit.width)
            else:
                new_segment(unit.width)
            for para in paras:
                if cur is None:
                    new_segment(unit.width)
                add_para(cur, para)
            last_kind = "body" if cur is not None else None
            continue
        last_kind = kind
        if kind == MARKER:
            line = unit.lines[0]
            if line.marker_to is not None and cur is not None and cur.paras:
                cur.marker_to = line.marker_to
                cur.markers.extend(line.markers)
                close()
            elif line.marker_to is not None:
                # A "下转" with no text right before it: give it to the last segment.
                for el in reversed(chain):
                    if el.kind == "S" and el.seg.marker_to is None:
                        el.seg.marker_to = line.marker_to
                        el.seg.markers.extend(line.markers)
                        break
            else:
                close()
                pending_from.append((line.marker_from, line.markers[0] if line.markers else ""))
            continue
        if kind == CREDIT:
            if cur is not None and cur.paras and _credit_inside_text(cur, units, index):
                # A photo printed inside an article's text: its caption and
                # credit are part of the text as set.
                cur.paras.append(Para(unit.lines))
                last_kind = "body"
                continue
            if cur is not None and cur.paras:
                _split_photo(chain, cur, unit.lines[0].credits, unit.lines[0].clean)
                close()
            else:
                if pending_credit is not None:
                    chain.append(Element("Y", unit=pending_credit))
                pending_credit = unit
            continue
        close()
        if kind == "head":
            chain.append(Element("H", unit=unit))
        elif kind == BYLINE:
            chain.append(Element("Y", unit=unit))
    if pending_credit is not None:
        chain.append(Element("Y", unit=pending_credit))
    return [el for el in chain if el.kind not in ("S", "P") or el.seg.paras]


def _credit_inside_text(seg, units, index):
    """Is this photo credit set inside the text of the article before it: its
    caption in the article's column, and the same column going on after it?
    A photo of its own has its caption set to its own width."""
    caption = seg.paras[-1]
    following = next((u for u in units[index + 1:] if u.kind not in TRANSPARENT), None)
    if following is None or following.kind != "body" or len(seg.paras) < 2:
        return False
    before, after = seg.paras[-2], following.paras[0]
    if len(before.lines) < 3 or len(after.lines) < 3 or bylines.LEAD_START_RE.match(after.first.clean):
        return False
    widths = (before.width, caption.width if len(caption.lines) >= 2 else before.width, after.width)
    return not any(_different_columns(a, b) for a, b in zip(widths, widths[1:]))


def _split_photo(chain, seg, credits, credit_text):
    """The paragraphs at the end of `seg` are a caption: move them into a
    photo. Usually one; a short text all in the caption's column (a photo
    story: "图为……" and a few lines more) goes whole."""
    take = 1
    caption_width = seg.paras[-1].width
    if len(seg.paras[-1].lines) >= 2 and len(seg.paras) <= MAX_CAPTION_PARAS and \
            sum(len(p.text) for p in seg.paras) <= MAX_CAPTION_CHARS and not seg.starts_item() and \
            all(not _different_columns(p.width, caption_width) for p in seg.paras if len(p.lines) >= 2):
        take = len(seg.paras)
    caption = seg.paras[-take:]
    del seg.paras[-take:]
    photo = Segment(paras=caption, width=seg.width, photo=True, photo_credits=credits,
                    photo_credit_text=credit_text)
    # Insert the photo right after the segment it was cut from.
    for i in range(len(chain) - 1, -1, -1):
        if chain[i].seg is seg:
            chain.insert(i + 1, Element("P", seg=photo))
            break
    else:
        chain.append(Element("P", seg=photo))


MAX_CAPTION_PARAS = 4
MAX_CAPTION_CHARS = 500


# ------------------------------------------------------------- headings ---

def resolve_weak_headings(chain):
    """A lone plain line between two runs of prose is not always a heading.
    Nearly as wide as the column and ending no sentence, it is prose cut by a
    column break; shorter, between two runs of the same article, a subhead
    (or a run of them: "精准识别 / 资金用在关键处")."""
    def weak(unit):
        return not unit.strong or unit.name_and_subhead

    i = 0
    while i < len(chain):
        el = chain[i]
        if el.kind != "H" or not weak(el.unit):
            i += 1
            continue
        prev = _neighbour(chain, i, -1)
        # The run of weak headings starting here.
        run = [i]
        j = _neighbour(chain, i, +1)
        while j is not None and chain[j].kind == "H" and weak(chain[j].unit) and len(run) < 3:
            run.append(j)
            j = _neighbour(chain, j, +1)
        nxt = j
        if prev is None or nxt is None or chain[prev].kind != "S" or chain[nxt].kind != "S":
            i += 1
            continue
        if _next_is_byline(chain, run[-1]):
            chain[run[-1]].unit.strong = True
            i += 1
            continue
        a, b = chain[prev].seg, chain[nxt].seg
        if _attach_tag(chain, prev, i):
            continue
        if _headline_across_columns([chain[k].unit for k in run], a, b):
            for k in run:
                chain[k].unit.strong = True
            i = run[-1] + 1
            continue
        if len(b.paras) == 1 and _is_tag(b.paras[0]) and a.marker_to is None:
            # The lines between a text and its closing note are its end.
            for k in run:
                a.paras.append(Para(chain[k].unit.lines))
            a.paras[-1] = Para(a.paras[-1].lines + b.paras[0].lines)
            _merge_segments(a, Segment(paras=[], width=b.width, marker_to=b.marker_to, markers=b.markers),
                            "para")
            del chain[nxt]
            for k in reversed(run):
                del chain[k]
            i = prev + 1
            continue
        if len(run) == 1 and _rejoin_prose(chain, prev, i, nxt):
            i = prev + 1
            continue
        if a.marker_to is None and not b.starts_item() and not _segment_widths_differ(a, b) \
                and (not _signed_off(a) or BRIEF_LEAD_RE.match(b.paras[0].text)) \
                and all(subhead_like(chain[k].unit) for k in run):
            for k in run:
                for para in _subhead_paras(chain[k].unit):
                    a.subheads.add(len(a.paras))
                    a.paras.append(para)
            _merge_segments(a, b, "para", chain, nxt)
            for k in reversed(run):
                del chain[k]
            i = prev + 1
            continue
        i += 1




def _headline_across_columns(units, a, b):
    """A line longer than any subhead and wider than the columns on both
    sides spans them: a headline, not a subhead or prose."""
    widest = max(a.typical_width(), b.typical_width())
    return any(len(ln.clean) > MAX_SUBHEAD and ln.width > widest + tolerance(widest)
               for unit in units for ln in unit.lines)


# Log likelihood ratios, headline versus subhead, of features of a short
# line, measured on the 2,255 articles of the 人民日报 corpus (their headlines
# against their short, unpunctuated paragraphs).
_LENGTH_LLR = ((4, -0.9), (7, -1.1), (10, -0.4), (13, 0.25), (16, 0.5), (20, 0.6), (10 ** 6, 1.8))
_FEATURE_LLR = (
    (COLUMN_TAG_RE, 7.6),                                # column tag: "……（新论）"
    (re.compile("[！？!?]"), 3.7),
    (re.compile("[“\"]"), 1.3),
    (re.compile("[^ ] +[^ ]"), 0.4),                     # two-part headline
    (re.compile("，"), -0.5),
    (re.compile("、"), -1.5),
    (re.compile("[：:]"), -1.8),
    (re.compile("[●■▲◆]"), -4.7),
    (re.compile(r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、．]|第[一二三四五六七八九十]+)"), -3.3),
)
# Between two runs of one column width, subheads far outnumber headlines (an
# article has about one subhead; a headline sits there only when two articles
# share a column width and the headline has nothing else to mark it), so a
# line needs strong evidence to be taken for a headline there: in practice a
# column tag ("……（新论）"); a "？" or "！" alone is not enough (questions and
# exclamations are common subheads). A wrong headline also costs more than a
# wrong subhead: it takes a heading from a neighbour, which takes the next
# one's. Set on generated pages (484 of them, score_page.py overall): 2.0
# gave 0.898, 3.0 0.900, 4.0 0.903, 5.0 0.905, 6.0 0.906, 8.0 0.904.
HEADLINE_THRESHOLD = 5.0


def headline_score(text):
    n = len(CJK_RE.findall(text))
    score = next(llr for limit, llr in _LENGTH_LLR if n <= limit)
    for rx, llr in _FEATURE_LLR:
        if rx.search(text):
            score += llr
    return score


def subhead_like(unit):
    """Could this heading line be a subhead inside an article rather than an
    article's headline?"""
    text = " ".join(ln.raw.strip() for ln in unit.lines)
    return headline_score(text) < HEADLINE_THRESHOLD


def _attach_tag(chain, prev, i):
    """"（任姗姗）", "（作者为本报记者）" set apart after a text: its end, as a
    paragraph of its own, not a heading."""
    el = chain[i]
    if not _is_tag(Para(el.unit.lines)):
        return False
    a = chain[prev].seg
    a.paras.append(Para(el.unit.lines))
    del chain[i]
    return True


# A reporter's name or a dispatch line in brackets at the very end of a text.
# (Not "（作者为……）": each contribution to a roundup of opinions ends so.)
_SIGN_OFF_RE = re.compile(rf"[（(](?:[{CJK}]{{2,4}}(?:[、，\s]+[{CJK}]{{2,4}})*"
                          r"|(?:据)?(?:本报|新华社)[^（）()]{0,12}电)[）)]$")


def _signed_off(seg):
    """Does the text end with a closing note ("……为中国加油！（任姗姗）",
    "（本报巴黎电）")? That closes an article: what follows is not its
    subhead."""
    return bool(_SIGN_OFF_RE.search(seg.paras[-1].text))


def _segment_widths_differ(a, b):
    """Are a and b set in clearly different columns? Judged on the
    paragraphs nearest the boundary that are wrapped prose: three lines or
    more, all but the last of one width (three short lines run together,
    "“护目镜入了库” / 时间：2月7日23时 / 地点：……", show no column)."""
    def near(paras):
        for p in paras:
            if len(p.lines) >= 3 and _evenly_wrapped(p):
                return p.width
        return None
    wa, wb = near(reversed(a.paras)), near(b.paras[:4])
    if wa is None or wb is None:
        return False
    return _different_columns(wa, wb)


def _evenly_wrapped(para):
    widths = [ln.width for ln in para.lines[1:-1]]
    return all(abs(w - para.width) <= tolerance(para.width) for w in widths)


def _runs_on(seg):
    """Does the text stop mid-sentence at the end of a full line, so that
    the sentence goes on elsewhere? A closing note ("（本报约翰内斯堡2月3日电）")
    ends no sentence but ends the text."""
    last = seg.paras[-1]
    return not ends_sentence(last.last.clean) and nearly_full(last.last, last.tail_width()) and not _is_tag(last)


def rejoin_open_prose(chain):
    """A heading-like line right after prose that stops mid-sentence is the
    end of that sentence, cut off by a column break ("……勇往 / 直前！")."""
    i = 0
    while i < len(chain):
        el = chain[i]
        prev = _neighbour(chain, i, -1)
        if el.kind == "H" and not el.unit.strong and len(el.unit.lines) == 1 and prev is not None \
                and chain[prev].kind == "S":
            a = chain[prev].seg
            wa = a.paras[-1].tail_width()
            line = el.unit.lines[0]
            if a.marker_to is None and _runs_on(a) and line.width <= wa + tolerance(wa):
                a.paras[-1] = Para(a.paras[-1].lines + el.unit.lines)
                del chain[i]
                # With the line back in its sentence, the text after it is
                # judged as any two runs of prose are.
                nxt = i if i < len(chain) and chain[i].kind == "S" else None
                if nxt is not None:
                    b = chain[nxt].seg
                    if not b.starts_item() and not _segment_widths_differ(a, b):
                        _merge_segments(a, b, _boundary(a.paras[-1], b.paras[0], a.typical_width()), chain, nxt)
                continue
        i += 1


def peel_unfinished_endings(chain):
    """An article's text ends a sentence. A last paragraph of one or two lines
    that ends none, after one that does, is the heading printed under the
    text (a kicker and headline the column break joined to it)."""
    i = 0
    while i < len(chain):
        el = chain[i]
        seg = el.seg
        if el.kind == "S" and len(seg.paras) >= 2 and seg.marker_to is None:
            last, before = seg.paras[-1], seg.paras[-2]
            if (len(last.lines) <= 2 and (len(seg.paras) - 1) not in seg.subheads
                    and not ends_sentence(bylines.TRAILING_NOTE_RE.sub("", last.text)) and not _is_tag(last)
                    and ends_sentence(before.last.clean)
                    and all(loose_heading_line(ln) for ln in last.lines)):
                seg.paras.pop()
                chain.insert(i + 1, Element("H", unit=Unit("head", list(last.lines),
                                                           strong=heading_strength(last.lines))))
        i += 1


def _subhead_paras(unit):
    """The paragraphs a heading unit makes inside a text: one, or for a
    name with a dash over a line ("张女士—— / 全力救治"), one each."""
    if unit.name_and_subhead or unit.inline:
        return [Para([ln]) for ln in unit.lines]
    return [Para(unit.lines)]


def mark_column_banners(chain):
    """A line of two or three short phrases ("文明晋中 你我共建") printed right
    above a certain heading is the column banner over it, not a heading of
    its own."""
    for i, el in enumerate(chain):
        if el.kind != "H" or el.unit.strong or not looks_like_column(el.unit, longest=6):
            continue
        nxt = _neighbour(chain, i, +1)
        if nxt is None or chain[nxt].kind != "H":
            continue
        after = _neighbour(chain, nxt, +1)
        if chain[nxt].unit.strong or (after is not None and chain[after].kind == "Y"):
            line = el.unit.lines[0]
            line.kind, line.info = BANNER, " ".join(line.raw.split())
            el.unit.kind = BANNER
            el.kind = "F"
            el.over = chain[nxt].unit


def looks_like_column(unit, longest=8):
    """A single line of two or three short phrases ("就地过年 暖在身边"), set
    plainly: the shape of a column banner."""
    if len(unit.lines) != 1:
        return False
    parts = unit.lines[0].raw.split()
    return 2 <= len(parts) <= 3 and all(2 <= cjk_count(p) <= longest for p in parts) and not unit.lines[0].spaced


# Labels of the boxes that open a text: never a headline.
BOX_LABELS = {"核心阅读", "内容提要", "阅读提示", "编者按", "编前", "导读", "提要"}


def is_box_label(unit):
    return len(unit.lines) == 1 and unit.lines[0].clean.rstrip("：:") in BOX_LABELS


def _opens_text(unit, before, untitled_photos=False, seg=None):
    """Is this heading unit, standing right above a text and after an
    element of kind `before` (None at the top of the page), the text's
    opening line rather than a heading? `untitled_photos`: the page has
    photos still without a title, which may be this line, printed away
    from its photo ("田间忙" between a heading and a text)."""
    if is_box_label(unit):
        return True
    if untitled_photos and before == "H" and photo_title_like(unit):
        return False
    if before == "Y" and len(unit.lines) == 1 and unit.lines[0].spaced and subhead_like(unit):
        # Letter-spaced only by justification ("畅 通 养 殖 业 产 业 链"),
        # right under a byline: the text's first, short paragraph.
        return True
    if before == "Y" and seg is not None and len(unit.lines) >= 2 and not any(ln.spaced for ln in unit.lines) \
            and wrapped_prose(unit.lines, [seg.typical_width()]):
        # Wrapped in the text's own column, under a byline: the text's
        # first paragraph, a title that ends no sentence ("复星设立抗击疫 /
        # 情专项基金" under "资讯速递").
        return True
    return before in ("H", "Y") and (unit.name_and_subhead or (not unit.strong and subhead_like(unit)))


def absorb_leading_subheads(chain):
    """A subhead-like line right under a heading (and its byline), at the
    head of the text, opens the text rather than heading it; so does a box
    label ("核心阅读") wherever it stands before a text."""
    untitled_photos = any(el.kind == "P" and el.seg.heading is None for el in chain)
    i = 0
    while i < len(chain):
        el = chain[i]
        prev, nxt = _neighbour(chain, i, -1), _neighbour(chain, i, +1)
        if (el.kind == "H" and nxt is not None and chain[nxt].kind == "S"
                and _opens_text(el.unit, chain[prev].kind if prev is not None else None, untitled_photos,
                                chain[nxt].seg)
                and not opens_with_lead(chain[nxt].seg.paras[0].text)):
            seg = chain[nxt].seg
            if _cut_off_opening(el.unit, seg):
                # The first line of the text's first paragraph, cut off by
                # a column break.
                seg.paras[0] = Para(el.unit.lines + seg.paras[0].lines)
            else:
                paras = _subhead_paras(el.unit)
                seg.paras[:0] = paras
                seg.subheads = set(range(len(paras))) | {k + len(paras) for k in seg.subheads}
            del chain[i]
            # The heading before it now stands right above the text: look
            # at it again ("核心阅读" over a first line cut off by a column
            # break). Not a photo's title while a photo lacks one.
            if prev is not None and chain[prev].kind == "H" and not (
                    untitled_photos and photo_title_like(chain[prev].unit)):
                i = prev
            continue
        i += 1


def _cut_off_opening(unit, seg):
    """Is this one-line heading unit the first line of seg's first paragraph,
    cut off by a column break: as wide as the column, ending no sentence,
    over a paragraph that does not open itself (with an indent or a lead)?"""
    line = unit.lines[0]
    return (len(unit.lines) == 1 and not line.spaced and not ends_sentence(line.clean) and not is_box_label(unit)
            and seg.paras[0].first.indent < 0.5 and not bylines.LEAD_START_RE.match(seg.paras[0].text)
            and _opens_paragraph_of(line, seg.paras[0]))


def _rejoin_prose(chain, prev, i, nxt):
    """The line is prose cut off by a column break: put it back."""
    a, b = chain[prev].seg, chain[nxt].seg
    el = chain[i]
    line = el.unit.lines[0]
    if ends_sentence(line.clean) or a.marker_to is not None or COLUMN_TAG_RE.search(line.clean):
        # (A line ending in its column's tag is a headline, however wide.)
        return False
    fragment = Para(el.unit.lines)
    wa = a.paras[-1].tail_width()
    if _runs_on(a) and _fits(line, wa):
        # Prose going on from the sentence before it.
        a.paras[-1] = Para(a.paras[-1].lines + fragment.lines)
        _merge_segments(a, b, _boundary(a.paras[-1], b.paras[0]) if not b.starts_item() else "cut", chain, nxt)
        del chain[i]
        return True
    if _opens_paragraph_of(line, b.paras[0]) and not b.starts_item() and b.paras[0].first.indent < 0.5 \
            and not bylines.LEAD_START_RE.match(b.paras[0].text):
        # Prose opening the sentence after it.
        b.paras[0] = Para(fragment.lines + b.paras[0].lines)
        _merge_segments(a, b, _boundary(a.paras[-1], b.paras[0]), chain, nxt)
        del chain[i]
        return True
    return False


def _opens_paragraph_of(line, para):
    """Could `line` be the first line of `para`, cut off by a column break?
    It is as wide as the column, or short by just a dropped paragraph
    indent; and the paragraph's own first line is not short by one (that
    would open a paragraph itself). Anything else is a line set on its own:
    a subhead."""
    width = para.width
    short = width - line.width
    if not (abs(short) <= 0.5 or abs(short - INDENT_WIDTH) <= 0.5):
        return False
    return len(para.lines) < 2 or para.first.width >= width - 1.0


# A dropped paragraph indent: two characters.
INDENT_WIDTH = 2.0


def _fits(line, width):
    """A line that could be a full line of a column `width` wide."""
    return nearly_full(line, width) and line.width <= width + tolerance(width)


def _merge_segments(a, b, relation, chain=None, b_index=None):
    """Append segment b to a ("join": b's first paragraph goes on a's last),
    unless they are two articles ("cut"). Removes b from the chain."""
    if relation == "cut":
        return
    rest = b.paras
    offset = len(a.paras)
    if relation == "join" and (len(a.paras) - 1) not in a.subheads:
        a.paras[-1] = Para(a.paras[-1].lines + b.paras[0].lines)
        rest = b.paras[1:]
        offset -= 1
    a.subheads |= {offset + k for k in b.subheads if offset + k >= 0}
    a.paras.extend(rest)
    if b.marker_to is not None:
        a.marker_to = b.marker_to
    a.markers.extend(b.markers)
    if chain is not None:
        del chain[b_index]


def _neighbour(chain, i, step):
    j = i + step
    while 0 <= j < len(chain) and chain[j].kind == "F":
        j += step
    return j if 0 <= j < len(chain) else None


def _next_is_byline(chain, i):
    j = _neighbour(chain, i, +1)
    return j is not None and chain[j].kind == "Y"


def attach_bylines(chain):
    """Byline lines printed right after a heading go with it."""
    out = []
    for el in chain:
        if el.kind == "Y":
            prev = _last_non_f(out)
            if prev is not None and prev.kind == "H" and el.unit.lines[0].kind == BYLINE:
                prev.bylines.append(el.unit)
                continue
        out.append(el)
    return out


def _last_non_f(elements):
    for el in reversed(elements):
        if el.kind != "F":
            return el
    return None


def photo_title_like(unit):
    """Short enough for a photo title."""
    lines = unit.lines
    return len(lines) <= 2 and all(len(ln.clean) <= 8 for ln in lines) and not any(
        is_subtitle_line(ln) or is_kicker_line(ln) for ln in lines)


def stacked_title(unit):
    """Certainly a photo title: two (or three) very short lines set one above
    the other, "抓时节 / 忙养护". Headlines are not set that way."""
    lines = unit.lines
    return 2 <= len(lines) <= 3 and all(len(ln.clean) <= 6 for ln in lines) and not any(
        is_subtitle_line(ln) or is_kicker_line(ln) or ln.spaced for ln in lines)


def give_photo_titles(chain, only_stacked=True):
    """Photo titles go to the nearest photo that has none: before the
    headings are placed, the stacked ones; after, any short stray heading
    ("printed some lines away"). Closest pairs first, so that a title right
    by its photo is not taken by another photo a few items away."""
    pairs = []
    for i, el in enumerate(chain):
        if el.kind != "P" or el.seg.heading is not None:
            continue
        for j, other in enumerate(chain):
            if other.kind != "H" or other.bylines:
                continue
            if not (stacked_title(other.unit) if only_stacked else photo_title_like(other.unit)):
                continue
            if abs(j - i) <= 8:
                pairs.append((abs(j - i), i, j))
    for _, i, j in sorted(pairs):
        if chain[i].seg.heading is None and chain[j].kind == "H":
            chain[i].seg.heading = chain[j].unit
            chain[j].kind = "F-used"
    return [el for el in chain if el.kind != "F-used"]


def assign_headings(chain):
    """Give every heading to the segment it belongs to. Returns the
    orientation chosen ("before" or "after") and the orphan headings."""
    # A photo that already has its title takes no heading.
    core = [el for el in chain if el.kind in ("S", "H") or (el.kind == "P" and el.seg.heading is None)]
    results, shared = {}, {}
    for orientation in ("after", "before"):
        results[orientation] = _solve(core, orientation, shared)
    after, before = results["after"], results["before"]
    if abs(after[0] - before[0]) < 1e-9:
        orientation = _vote(core)
    else:
        orientation = "after" if after[0] < before[0] else "before"
    cost, choice = results[orientation]
    orphans = []
    for idx, el in enumerate(core):
        if el.kind != "H":
            continue
        target = choice.get(idx)
        if target is None:
            orphans.append(el)
        else:
            seg = core[target].seg
            seg.heading = el.unit
            seg.bylines.extend(el.bylines)
    return orientation, orphans


def split_merged_texts(chain, orphans):
    """Two articles whose texts meet with no heading between them (the first
    headed above its text, the second below) read as one text, and the
    second's heading is left over beside it. Such an orphan, standing after
    a text its neighbour heading took (or before a text the heading after
    it took), heads the part of that text which repeats its words: the text
    is cut where that part opens. Returns the orphans still left."""
    left = []
    for el in orphans:
        if is_box_label(el.unit) or photo_title_like(el.unit) or len(el.unit.lines) > 3:
            # Not a headline: a box label, a photo's title, a pulled quote.
            left.append(el)
            continue
        i = chain.index(el)
        prev, nxt = _neighbour(chain, i, -1), _neighbour(chain, i, +1)
        placed = False
        for j, orphan_after in ((prev, True), (nxt, False)):
            if j is None or chain[j].kind != "S" or chain[j].seg.heading is None:
                continue
            seg = chain[j].seg
            # The cut is found by the heading of the part after it.
            k = _cut_for(seg, el.unit if orphan_after else seg.heading)
            if k is None:
                continue
            tail = _split_segment(seg, k)
            chain.insert(j + 1, Element("S", seg=tail))
            if orphan_after:
                tail.heading, tail.bylines = el.unit, list(el.bylines)
            else:
                # The heading after the text is the tail's; the orphan
                # heads the opening part.
                tail.heading, tail.bylines = seg.heading, seg.bylines
                seg.heading, seg.bylines = el.unit, list(el.bylines)
            placed = True
            break
        if not placed:
            left.append(el)
    return left


# A heading must share this much of itself with the opening of the part it
# would head, and that much more than with the part before.
# On 1,000 generated pages (seeds 14-17) the cut takes overall from 0.925 to
# 0.928; thresholds from 0.15 to 0.45 gave 0.927 to 0.928 (swept with the
# part's share measured against the whole text's).
SPLIT_SHARED = 0.25


def _cut_for(seg, unit):
    """The paragraph where the part of seg's text that heading `unit` heads
    opens: of those after a finished sentence (and not by a subhead), the
    one whose opening shares most of the heading's words; None when none
    shares enough."""
    if len(seg.paras) < 2:
        return None
    heading = _heading_bigrams(unit)
    best, best_k = SPLIT_SHARED, None
    for k in range(1, len(seg.paras)):
        if k in seg.subheads or (k - 1) in seg.subheads or not ends_sentence(seg.paras[k - 1].last.clean):
            continue
        share = _share(heading, _opening_bigrams(seg.paras[k:]))
        if share > best and share >= _share(heading, _opening_bigrams(seg.paras[:k])) + SPLIT_SHARED:
            best, best_k = share, k
    return best_k


def _split_segment(seg, k):
    """Cut seg before its paragraph k; returns the tail (seg keeps the head)."""
    tail = Segment(paras=seg.paras[k:], width=seg.width, marker_to=seg.marker_to,
                   subheads={i - k for i in seg.subheads if i >= k})
    if seg.marker_to is not None:
        tail.markers = [m for m in seg.markers if "下转" in m]
        seg.markers = [m for m in seg.markers if "下转" not in m]
    seg.paras = seg.paras[:k]
    seg.subheads = {i for i in seg.subheads if i < k}
    seg.marker_to = None
    return tail


def _vote(core):
    """Ties are broken by where headings stand at the ends of the page."""
    kinds = [el.kind for el in core]
    score = 0
    if kinds and kinds[0] == "H":
        score += 1
    if kinds and kinds[-1] == "H":
        score -= 1
    return "before" if score > 0 else "after" if score < 0 else "before"


AGAINST = 0.4         # a heading on the side the page does not usually use
HEADLESS = 1.0        # an article without a headline
UNTITLED_PHOTO = 0.15
ORPHAN = 1.0
ORPHAN_STRONG = 1.5
SHORT_HEADLINE = 0.8  # a heading short enough for a photo title given to an article
# ... when the page has a photo still without a title: more likely that
# photo's title, set away from it, than a headline. More than HEADLESS +
# ORPHAN, so an article goes without rather than take it. Measured on 1,000
# generated pages (overall, seeds 14-17): 0.8 (as SHORT_HEADLINE) 0.923,
# 1.6 0.925, 2.2 0.925; on the 600 of seeds 16-17, 1.2 0.924, 3.0 0.925.
SHORT_UNTITLED = 2.2
BYLINE_CLASH = 0.6    # heading's byline line given to an article that has its own lead
BYLINE_ON_PHOTO = 1.5  # a heading with a reporter's byline given to a photo
# Less cost, per share of a heading's character pairs its text's opening
# repeats. Measured on 684 generated pages (overall): 0 0.907, 0.5 0.910,
# 1.0 0.912, 2.0 0.913, 3.0 0.913, 5.0 0.913.
SHARED_WORDS = 2.5


def _solve(core, orientation, shared=None):
    """Minimum-cost assignment of headings to adjacent segments.

    A heading can only go to the target (segment or photo) right before or
    right after it, so a target is contested by at most two headings and a
    left-to-right pass with one bit of state solves it exactly. The state
    after a target is "claimed or not"; after a heading, "it claimed the
    target after it or not"."""
    states = {False: (0.0, {})}
    untitled = any(el.kind == "P" for el in core)   # (core holds only the untitled photos)
    for idx, el in enumerate(core):
        prev = core[idx - 1] if idx > 0 else None
        new = {}
        if el.kind in ("S", "P"):
            for claimed_prev, (cost, ch) in states.items():
                add = 0.0
                if prev is not None and prev.kind in ("S", "P") and not claimed_prev:
                    add = _unclaimed_cost(prev)
                # This target is claimed if the heading before it chose it.
                me = bool(prev is not None and prev.kind == "H" and claimed_prev)
                _keep(new, me, cost + add, ch)
        else:
            nxt = core[idx + 1] if idx + 1 < len(core) else None
            for st, (cost, ch) in states.items():
                prev_is_target = prev is not None and prev.kind in ("S", "P")
                settle = _unclaimed_cost(prev) if prev_is_target and not st else 0.0
                orphan = ORPHAN_STRONG if el.unit.strong else ORPHAN
                _keep(new, False, cost + settle + orphan, ch)
                if prev_is_target and not st:
                    c = cost + _attach_cost(el, prev, orientation, "left", shared, untitled)
                    _keep(new, False, c, {**ch, idx: idx - 1})
                if nxt is not None and nxt.kind in ("S", "P"):
                    c = cost + settle + _attach_cost(el, nxt, orientation, "right", shared, untitled)
                    _keep(new, True, c, {**ch, idx: idx + 1})
        states = new
    best = None
    last = core[-1] if core else None
    for st, (cost, ch) in states.items():
        if last is not None and last.kind in ("S", "P") and not st:
            cost += _unclaimed_cost(last)
        if best is None or cost < best[0] - 1e-12:
            best = (cost, ch)
    return best or (0.0, {})


def _keep(states, key, cost, choices):
    if key not in states or cost < states[key][0] - 1e-12:
        states[key] = (cost, choices)


def _unclaimed_cost(el):
    return UNTITLED_PHOTO if el.kind == "P" else HEADLESS


def _attach_cost(h, target, orientation, side, shared=None, untitled=False):
    cost = 0.0
    if (side == "left") != (orientation == "after"):
        cost += AGAINST
    if target.kind == "P":
        cost += 0.05 if photo_title_like(h.unit) else 0.5
        if any(b.lines[0].kind == BYLINE and b.lines[0].credits for b in h.bylines):
            # A photo is credited with "摄", not under a reporter's byline.
            cost += BYLINE_ON_PHOTO
        return cost
    if photo_title_like(h.unit):
        cost += SHORT_UNTITLED if untitled and not h.bylines else SHORT_HEADLINE
    if h.bylines and any(b.lines[0].credits for b in h.bylines):
        lead = target.seg.lead()
        if lead and lead[1]:
            cost += BYLINE_CLASH
    cost -= SHARED_WORDS * shared_words(h.unit, target.seg, shared)
    return cost


def _bigrams(text):
    chars = CJK_RE.findall(text)
    return {a + b for a, b in zip(chars, chars[1:])}


def shared_words(unit, seg, cache=None):
    """How much of a heading the text under it repeats: the share of the
    heading's character pairs found in the text's opening. A headline is
    about its own article; its neighbour's text seldom shares its words.
    `cache` keeps the answers while one page is solved (its objects live
    that long, so their ids are theirs)."""
    cache = {} if cache is None else cache
    key = (id(unit), id(seg))
    if key not in cache:
        if id(unit) not in cache:
            cache[id(unit)] = _heading_bigrams(unit)
        if id(seg) not in cache:
            cache[id(seg)] = _opening_bigrams(seg.paras)
        cache[key] = _share(cache[id(unit)], cache[id(seg)])
    return cache[key]


def _heading_bigrams(unit):
    return _bigrams("".join(ln.clean for ln in unit.lines))


def _opening_bigrams(paras):
    return _bigrams("".join(p.text for p in paras[:6])[:OPENING_CHARS])


def _share(heading, opening):
    """The share of a heading's character pairs that a text's opening repeats."""
    return len(heading & opening) / len(heading) if heading else 0.0


OPENING_CHARS = 400


def has_cjk(s):
    return bool(CJK_RE.search(s or ""))
