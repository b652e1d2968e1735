"""Second pass: text lines into paragraphs, and headline-like lines apart.

A block is a run of text lines with no gap. Inside a block a paragraph ends
where the next line is indented, starts a new article's lead or a
continuation, or where a short line ends a sentence. Lines that read like a
headline (letter-spaced, a "——" subtitle, short lines that end no sentence)
are peeled off the start and end of paragraphs into heading units.
"""
import re
from dataclasses import dataclass, field
from functools import cached_property

from . import bylines
from .lines import TEXT
from .text import CJK, CLOSERS, SENTENCE_END, SPACE_CHARS, cjk_count, ends_open, ends_sentence

# A kicker that says who said what: "联合国官员呼吁——", "习近平强调".
SPEECH_END_RE = re.compile(r"(?:强调|表示|指出|要求|提出|认为|说|称|透露|呼吁|宣布|致电|致信|回信|表态)$")

# The tag of the column a headline belongs to: "……（新论）", "……(解码·文物保护利用)".
COLUMN_TAG_RE = re.compile(r"[（(][^（）()0-9]{2,16}[）)]$")

# A column's tag right after the words of a headline, not after a sentence.
_TAGGED_HEADLINE_RE = re.compile(rf"[{CJK}A-Za-z0-9》“”]{COLUMN_TAG_RE.pattern}")

# Bullet points: items of a list or a summary inside a text.
BULLETS = "●■▲◆•"

# A kicker ending in a colon names who speaks, up to a title and a name:
# "中国疾控中心消毒学首席专家张流波建议：" (19 characters, the longest in the
# 人民日报 corpus). A longer line ending so introduces a list in prose.
MAX_COLON_KICKER = 20

# Subheads: one short line, no sentence end, inside an article.
MAX_SUBHEAD = 24

# Headlines, kickers and subtitles are no longer than this (in em): the
# longest in the 人民日报 corpus run to 86 characters. Prose never comes
# near it: it is wrapped at its column, at most about 40 em wide.
MAX_HEADING_WIDTH = 90


@dataclass
class Para:
    # Never changed in place (a joined paragraph is a new Para), so what is
    # computed from the lines is kept.
    lines: list

    @cached_property
    def text(self):
        return join_lines([ln.clean for ln in self.lines])

    @property
    def first(self):
        return self.lines[0]

    @cached_property
    def width(self):
        return local_width(self.lines)

    def tail_width(self):
        """Width of the column the paragraph ends in: its lines after the
        last column break (a gap)."""
        tail = [self.lines[-1]]
        for ln in reversed(self.lines[:-1]):
            if tail[0].gap:
                break
            tail.insert(0, ln)
        if len(tail) < 2:
            return local_width(self.lines)
        return local_width(tail)

    @property
    def last(self):
        return self.lines[-1]


@dataclass
class Unit:
    kind: str                      # body, head, marker, byline, credit, furniture, banner, label, pinyin
    lines: list
    paras: list = field(default_factory=list)   # body: its paragraphs
    width: float = 0.0             # body: column width estimate
    strong: bool = False           # head: certainly a heading, not a subhead
    inline: bool = False           # head: set inside a run of text, no gap on either side

    @property
    def name_and_subhead(self):
        """"张女士—— / 全力救治，医生照顾如亲人", "冯胜明： / 让医疗队吃口热乎饭":
        a short lead-in with a dash or a colon over a line. A kicker and
        headline, or, inside a feature, the subhead that introduces the next
        person: context decides."""
        lines = self.lines
        first = lines[0].clean if lines else ""
        return (self.kind == "head" and len(lines) == 2 and first.endswith(("——", "：", ":"))
                and (len(first) <= 10 or (first.endswith(("：", ":")) and len(first) <= MAX_COLON_KICKER))
                and not any(ln.spaced for ln in lines)
                and not SPEECH_END_RE.search(lines[0].clean.rstrip("—：:"))
                and not is_subtitle_line(lines[1]))

    @property
    def first_line(self):
        return self.lines[0]

    @property
    def last_line(self):
        return self.lines[-1]


def join_lines(texts):
    """Hard-wrapped lines joined: nothing between Chinese, a space between
    two pieces of Latin text."""
    out = ""
    for t in texts:
        if out and t and _latin(out[-1]) and _latin(t[0]):
            out += " "
        out += t
    return out


def _latin(ch):
    return ch.isascii() and ch.isalpha()


def column_width(lines):
    """The column width of a run of lines: a high percentile of the line
    widths, so that short last lines and one over-long line do not count."""
    widths = sorted(ln.width for ln in lines if not ln.spaced or len(lines) > 2)
    if not widths:
        widths = sorted(ln.width for ln in lines)
    if len(widths) >= 3:
        return widths[int(0.75 * (len(widths) - 1) + 0.5)]
    return widths[-1]


def local_width(lines):
    """Column width of a few lines: a percentile when there are enough, else
    the widest (a short last line says nothing about the column)."""
    if len(lines) >= 3:
        return column_width(lines)
    return max(ln.width for ln in lines)


def tolerance(width):
    return max(1.6, 0.12 * width)


def is_full(line, width):
    return line.width >= width - tolerance(width)


def nearly_full(line, width):
    """Looser than is_full: used for a line that ends no sentence, where
    being a little short of the column still means the sentence wraps on."""
    return line.width >= width - max(2.6, 0.2 * width)


def _balanced(text):
    pairs = ("“”", "《》", "（）", "()", "「」", "『』", "【】")
    return all(text.count(a) == text.count(b) for a, b in pairs)


def is_subtitle_line(line):
    return line.clean.startswith(("——", "--", "－－", "─"))


def is_kicker_line(line):
    """A kicker ends in a dash ("国家卫健委——"), or is a short name or topic
    with a colon ("张宏飞：")."""
    c = line.clean
    return (c.endswith("——") and len(c) > 2) or (c.endswith(("：", ":")) and 2 < len(c) <= MAX_COLON_KICKER)


def heading_like(line, single=False):
    """Could this line be (part of) a headline, kicker or subtitle?"""
    c = line.clean
    if not c or line.kind != TEXT or line.marker_to or line.marker_from or line.photo_credits \
            or line.opens_paragraph:
        return False
    if bylines.LEAD_START_RE.match(c):
        return False
    # A line that is all parenthesis ("（本报开罗2月24日电）", "（作者为……）")
    # or a bullet point is part of the text; but a bullet may lead a kicker
    # in ("■ 火神山医院维保组——").
    if re.match(r"^[（(][^（）()]*[）)]$", c) or (c[0] in BULLETS and not c.endswith("——")):
        return False
    # Kickers and subtitles can be whole sentences; headlines are short.
    if is_subtitle_line(line):
        return line.width <= 2 * MAX_HEADING_WIDTH and _balanced(c)
    if is_kicker_line(line):
        return line.width <= 2 * MAX_HEADING_WIDTH and _balanced(c[:-2] if c.endswith("——") else c)
    if line.width > MAX_HEADING_WIDTH:
        return False
    if ends_open(c) or c[-1] in "。；;":
        return False
    # A sentence end or two clauses of prose inside the line: not a heading.
    if re.search("[。；;]", c[:-1]) or (c.count("，") >= 2 and line.width > 24):
        return False
    if ends_sentence(c):
        # "我是党员，我先上！" is a headline; a "。" ends prose.
        i = len(c) - 1
        while i > 0 and c[i] in CLOSERS:
            i -= 1
        if c[i] not in "！？!?" or not single:
            return False
    return _balanced(c)


def phrase_gap(line):
    """One wide gap between two Chinese phrases in a line that is not
    letter-spaced ("网民规模达9.89亿 学生网民最多"): how two-part headlines are
    set. Justified prose spreads its spaces over the whole line."""
    if line.spaced:
        return False
    gaps = re.findall(f"(?<=[^{SPACE_CHARS}])[{SPACE_CHARS}]+(?=[^{SPACE_CHARS}])", line.raw.strip())
    if len(gaps) != 1:
        return False
    left, right = re.split(f"[{SPACE_CHARS}]+", line.raw.strip(), maxsplit=1)
    return cjk_count(left) >= 2 and cjk_count(right) >= 2 and left[-1] not in "，、；：" and \
        not left[-1].isdigit() and not right[0].isdigit()


def heading_strength(lines, inline=False):
    """Cues that make a run of heading-like lines a heading for certain.
    Two plain lines stacked are a headline and its kicker or subtitle, unless
    they are set inside a run of text with no gap around them: subheads
    ("长沙 超市补货员贺畅 / 脚步不停 柜台不空")."""
    if any(ln.spaced for ln in lines):
        return True
    if any(is_subtitle_line(ln) for ln in lines[1:]) or any(
            is_kicker_line(ln) and (not inline or ln.clean.endswith("——")) for ln in lines[:-1]):
        # (Set inside a run of text, a colon kicker, "刘丽（军队支援湖北医疗队
        # 护士）：", names the next speaker in a roundup of voices.)
        return True
    if len(lines) >= 2 and not inline:
        return True
    return False


def split_block(block):
    """Paragraphs of one block of text lines."""
    width = column_width(block)
    paras = [[block[0]]]
    for prev, line in zip(block, block[1:]):
        new = ((line.indent >= 0.5 and not _space_from_the_text(prev, line, width))
               or line.marker_from is not None
               or prev.marker_to is not None
               or prev.photo_credits    # "…… 本报记者 曹伟 摄" closes a caption
               or bylines.LEAD_START_RE.match(line.clean)
               or (ends_sentence(prev.clean) and not is_full(prev, width))
               or (is_subtitle_line(line) and not is_subtitle_line(prev)))
        if new:
            paras.append([line])
        else:
            paras[-1].append(line)
    return paras, width


def _space_from_the_text(prev, line, width):
    """A single space at the start of a line that goes on from a full line
    ending no sentence is a space of the text the wrap put there
    ("本报北京2月6日电 / （记者王珏）"), not a paragraph indent."""
    if line.indent > 0.5 or ends_sentence(prev.clean):
        return False
    # The line before may be a paragraph's first, short by its indent.
    return nearly_full(prev, width - (INDENT if prev.indent >= 0.5 else 0))


def _peel(para, widths, prose_follows=True):
    """Split heading lines off the start and end of a paragraph.
    Returns (leading heading lines, prose lines, trailing heading lines).
    `widths` are the column widths around it (its own block's, its
    neighbours')."""
    n = len(para)
    # A whole paragraph of heading-like lines that does not read as wrapped
    # prose is a heading.
    limit = 4 if any(ln.spaced or is_subtitle_line(ln) or is_kicker_line(ln) for ln in para) else 3
    if n <= limit and all(heading_like(ln, single=(n == 1)) for ln in para) and (
            not prose_follows or not wrapped_prose(para, widths)) and not _justified_clauses(para, widths):
        # Prose that ends no sentence must go on in a block after it; with
        # none to go on in, these lines are a heading.
        return para, [], []
    width = widths[0] if widths else local_width(para)
    # (A kicker stands above its headline: a line ending in "——" that ends a
    # run of lines is prose running on, "……渐渐清 / 晰——".
    # Nor does a "——" line open a heading when the lines it opens wrap as
    # prose: "——比利时泽布吕赫港务局荣誉副总 / 裁文森特·德·塞德勒" names who
    # said the quote above it.)
    wrapped = n > 1 and is_subtitle_line(para[0]) and wrapped_prose(para, widths)
    if n <= limit and all(loose_heading_line(ln) for ln in para) and any(
            _strong_heading_line(ln, width)
            and not (n > 1 and ln is para[-1] and is_kicker_line(ln) and not is_subtitle_line(ln))
            and not (wrapped and ln is para[0]) for ln in para):
        # A headline with a long kicker or subtitle that reads like prose.
        return para, [], []
    lead = 0
    while lead < n - 1 and lead < 3 and _strong_heading_line(para[lead], width) \
            and not (wrapped and lead == 0):
        lead += 1
    trail = n
    while trail - 1 > lead and n - trail < 3 and _strong_heading_line(para[trail - 1], width) \
            and (ends_sentence(para[trail - 2].clean) or heading_like(para[trail - 2])):
        trail -= 1
    if trail < n and not ends_sentence(para[trail - 1].clean):
        trail = n
    return para[:lead], para[lead:trail], para[trail:]


def _justified_clauses(para, widths):
    """One letter-spaced line of clauses ("一 段 视 频 显 示 ， 此 时 的 王 霜 ，
    每 天 戴 着 口 罩 ， 独 自") as wide as the column around it: prose that
    justification spread, cut off by a column break, not a headline (which
    seldom runs to three clauses)."""
    if len(para) != 1 or not para[0].spaced or para[0].clean.count("，") < 2:
        return False
    line = para[0]
    return any(abs(line.width - width) <= tolerance(width) for width in widths)


def _strong_heading_line(line, width):
    """A line inside a paragraph that is certainly not prose: a letter-spaced
    line whose width is not the column's, a "——" subtitle, a "——" kicker."""
    if not heading_like(line, single=True):
        return False
    if is_subtitle_line(line) or (is_kicker_line(line) and line.clean.endswith("——")):
        return True
    # A letter-spaced line may be a justified line of prose; a paragraph's
    # first line is short by its (dropped) indent. A heading is clearly
    # narrower than that, or wider than the column, or ends with the tag of
    # its column, where a line of prose seldom ends.
    if line.spaced and (line.width < width - tolerance(width) - 2.5 or line.width > width + tolerance(width)
                        or COLUMN_TAG_RE.search(line.clean)):
        return True
    return False


def loose_heading_line(line):
    """Good enough for a kicker or subtitle next to a certain headline: ends
    neither a sentence with "。" nor in the middle of a clause."""
    c = line.clean
    return bool(c) and line.kind == TEXT and not line.opens_paragraph and not ends_open(c) \
        and c[-1] not in "。；;" and _balanced(c) and not bylines.LEAD_START_RE.match(c) \
        and line.width <= 2 * MAX_HEADING_WIDTH


def wrapped_prose(para, widths):
    """Lines of one paragraph wrapped at a column width, not a stack of
    headline lines: the lines before the last fill one of the columns
    around. The first line may be short by a paragraph indent the dump
    dropped."""
    n = len(para)
    if n < 2:
        return False
    last = para[-1]
    for width in widths:
        tol = tolerance(width)
        first, inner = para[0], para[1:-1]
        if not width - tol - INDENT <= first.width <= width + tol:
            continue
        if not all(abs(ln.width - width) <= tol for ln in inner) or last.width > width + tol:
            continue
        # (A short last line that ends no sentence is still prose: corpus
        # paragraphs often end so. But not one set as two phrases with a gap
        # between, "复旦好老师 带出好医生": a two-part headline under its
        # kicker; nor one that ends in its column's tag, "俄美核军控谈判前景
        # 堪忧（国际视点）".)
        if not ends_sentence(last.clean) and last.width < width - tol and (
                phrase_gap(last) or _TAGGED_HEADLINE_RE.search(last.clean)):
            continue
        return True
    return False


# A printed paragraph's first line is indented two characters; dumps drop
# the indent, so that line comes out up to this much shorter than the column.
INDENT = 2.5


def build_units(lines):
    """The page as a sequence of units, in dump order."""
    seq = []        # ("line", Line) for non-text lines, ("block", [Line]) for text
    block = []
    for line in lines:
        if line.kind != TEXT:
            if block:
                seq.append(("block", block))
                block = []
            seq.append(("line", line))
            continue
        if line.gap and block:
            seq.append(("block", block))
            block = []
        block.append(line)
    if block:
        seq.append(("block", block))

    # Widths of the blocks long enough to show their column. A "——"
    # subtitle line that ends a block is no line of a column: a headline
    # with a kicker and a subtitle is not three lines of text.
    own = [_block_width(b) if kind == "block" else None for kind, b in seq]

    def context(k):
        out = []
        if own[k]:
            out.append(own[k])
        for step in (-1, 1):
            j = k + step
            while 0 <= j < len(seq) and abs(j - k) <= 3:
                if own[j]:
                    out.append(own[j])
                    break
                j += step
        return out

    units = []
    for k, (kind, item) in enumerate(seq):
        if kind == "line":
            units.append(Unit(item.kind, [item]))
            continue
        paras, width = split_block(item)
        widths = context(k) or [width]
        prose_follows = _block_follows(seq, k)
        body = []
        prose_before = False     # in this block
        for n, para in enumerate(paras):
            lead, prose, trail = _peel(para, widths, prose_follows or n < len(paras) - 1)
            if lead:
                _flush_body(units, body, width)
                body = []
                inline = prose_before and (bool(prose) or n < len(paras) - 1)
                units.append(Unit("head", lead, strong=heading_strength(lead, inline), inline=inline))
            if prose:
                body.append(Para(prose))
                prose_before = True
            if trail:
                _flush_body(units, body, width)
                body = []
                inline = prose_before and n < len(paras) - 1
                units.append(Unit("head", trail, strong=heading_strength(trail, inline), inline=inline))
        _flush_body(units, body, width)
    _merge_heads(units)
    return units


def _block_width(block):
    lines = list(block)
    while lines and is_subtitle_line(lines[-1]):
        lines.pop()
    return column_width(lines) if len(lines) >= 3 else None


def _block_follows(seq, k):
    """Could prose cut off at the end of block k go on in the next block?
    Only if the next thing (furniture aside) is a text block that does not
    open a paragraph or an article of its own."""
    for kind, item in seq[k + 1:]:
        if kind == "block":
            first = item[0]
            return not (first.indent >= 0.5 or first.marker_from is not None
                        or bylines.LEAD_START_RE.match(first.clean))
        if item.kind not in ("furniture", "banner", "label", "pinyin"):
            return False
    return False


def _flush_body(units, paras, width):
    if paras:
        units.append(Unit("body", [ln for p in paras for ln in p.lines], paras=list(paras), width=width))


def _merge_heads(units):
    """A kicker printed as its own block above the headline, or a subtitle
    below it, joins the headline's unit."""
    i = 0
    while i < len(units) - 1:
        a, b = units[i], units[i + 1]
        if a.kind == "head" and b.kind == "head" and (
                (len(a.lines) == 1 and is_kicker_line(a.lines[0]))
                or (len(b.lines) == 1 and is_subtitle_line(b.lines[0]))):
            a.lines = a.lines + b.lines
            a.strong = True
            del units[i + 1]
            continue
        i += 1


__all__ = ["Para", "Unit", "build_units", "join_lines", "column_width", "is_full", "tolerance",
           "heading_like", "is_subtitle_line", "is_kicker_line", "SENTENCE_END"]
