"""What the labeller sees of each line: evidence, computed apart from the
decision (GROBID's split of features and decoding).

Every feature is measured relative to the page where it can be: a line's
width against the column it stands in and against its neighbours, not in
characters, since columns run from 6 to 40 characters and a headline set
large holds fewer characters than the column under it. Nothing here says
what a line is; the model weighs the evidence, learned from several page
families at once.
"""
import bisect
import re
from itertools import repeat
from operator import concat, itemgetter

from . import bylines, furniture
from .lines import BANNER, BYLINE, CREDIT, FURNITURE, LABEL, MARKER, PINYIN, TEXT
from .text import CJK_RE, CLOSERS, SENTENCE_END, ends_open, ends_sentence

try:  # rjieba: the same dictionary and cuts as jieba, ~20x faster
    import rjieba as _rjieba

    def _cut(text):
        return _rjieba.cut(text)
except ImportError:  # pragma: no cover
    import jieba as _jieba

    def _cut(text):
        return _jieba.lcut(text, HMM=False)


# A few words that end a kicker or a subtitle, and the tag of a column
# after a headline: lexical evidence, weighed by the model like the rest.
_SPEECH_END_RE = re.compile(r"(?:强调|表示|指出|要求|提出|认为|说|称|透露|呼吁|宣布|致电|致信|回信|表态)$")
_SUBTITLE_END_RE = re.compile(r"(?:主持|出席|讲话|致辞|参加|发布|召开|举行|开幕|闭幕|启动|揭晓)$")
_COLUMN_TAG_RE = re.compile(r"[（(][^（）()0-9]{2,16}[）)]$")
_BULLETS = "●■▲◆•★☆"
_OPENERS = "“‘「『（(《〈【〔"
_PAIRS = (("“", "”"), ("《", "》"), ("（", "）"), ("(", ")"), ("「", "」"))
_DIGITS_RE = re.compile(r"[0-9０-９]")
_LATIN_RE = re.compile(r"[A-Za-z]")
_INNER_END_RE = re.compile(r"[。！？!?；;]")
_PARTS_RE = re.compile(r"[，、,]")
# A date and nothing else: a date strip's part when the extraction cut the
# strip up, or the date under a notice.
_DATE_ONLY_RE = re.compile(r"^[0-9０-９]{4}\s*年\s*[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日$")
_BRIEF_RE = re.compile(r"^(?:据)?(?:本报|新华社)电(?![（(])")
_CREDITED_DATELINE_RE = re.compile(r"^[^（(，。]{0,24}电\s*[（(](?:本报)?记者")


# A line that ends on one of these leaves its sentence hanging ("……的 /
# 工作"); a line that opens with a date, a quote or one of these words reads
# as a sentence's start.
_DANGLING = set("的和与及在对为是把被将向从以于之而并或但其由让使给跟同这那各每该本一")
_OPENER_RE = re.compile(
    r"^(?:[0-9０-９]{1,4}年|[0-9０-９]{1,2}月[0-9０-９]{1,2}日|今年|去年|近日|日前|目前|当前|近年来|连日来|"
    r"此外|同时|然而|但是|因此|所以|另外|其中|记者|据了解|据悉|据介绍|截至|随着|为了|在|“|‘|●|■)")


def _bucket(value, bounds):
    """The index of the first bound above `value` (len(bounds) if none)."""
    return bisect.bisect_right(bounds, value)


RATIO_BOUNDS = (0.25, 0.45, 0.6, 0.75, 0.88, 0.95, 1.03, 1.12, 1.3, 1.7, 2.5)
LENGTH_BOUNDS = (2, 3, 4, 6, 8, 10, 13, 16, 20, 25, 32, 45, 70)


def _char_class(ch):
    if not ch:
        return "none"
    if CJK_RE.match(ch):
        return "cjk"
    if ch in SENTENCE_END:
        return "end"
    if ch in CLOSERS:
        return "close"
    if ch in "，、,":
        return "comma"
    if ch in "；;":
        return "semi"
    if ch in "：:":
        return "colon"
    if ch in "—-－─":
        return "dash"
    if ch in _OPENERS:
        return "open"
    if ch in _BULLETS:
        return "bullet"
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return "other"


def _last_class(text):
    """The end of a line: a sentence end behind its closing quote counts as
    the sentence end."""
    if not text:
        return "none"
    if ends_sentence(text):
        return "end"
    if text.endswith(("——", "--")):
        return "dash2"
    return _char_class(text[-1])


def _balance(text):
    """Brackets and quotes left open (the sentence goes on) or closed that
    were opened on an earlier line."""
    open_ = close = False
    for a, b in _PAIRS:
        d = text.count(a) - text.count(b)
        open_ = open_ or d > 0
        close = close or d < 0
    return open_, close


def splits_word(before, after):
    """Does a word run across the line break? (Wrapped prose breaks
    wherever the column ends, words or not; a heading or a paragraph ends on
    a word.)"""
    a, b = before[-3:], after[:3]
    if not a or not b or not CJK_RE.match(a[-1]) or not CJK_RE.match(b[0]):
        return False
    pos = 0
    for word in _cut(a + b):
        end = pos + len(word)
        if pos < len(a) < end and len(word) >= 2:
            return True
        pos = end
    return False


def break_kind(before, after):
    """"word", "gap" or "plain": the break between two lines of a heading
    (a word runs across it; a blank line stands between them; neither)."""
    if after.gap:
        return "gap"
    return "word" if splits_word(before.clean, after.clean) else "plain"


def _bigrams(text):
    chars = CJK_RE.findall(text)
    return set(map(concat, chars, chars[1:]))


def _mode_width(widths):
    """The width most lines of a run share: a hard-wrapped column's lines
    all end at its edge (give or take half a character), while headings,
    short last lines and overhung punctuation scatter. Ties go to the wider."""
    if not widths:
        return 0.0
    counts = {}
    for w in widths:
        key = round(w * 2) / 2
        counts[key] = counts.get(key, 0) + 1
    best = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if best[1] == 1:
        ordered = sorted(widths)
        return ordered[(3 * len(ordered)) // 4]
    return best[0]


def _column_widths(lines, reach=8):
    """Per line, the width of the column it stands in: the mode of the
    widths of the text lines around it (kept as counts while the window
    slides down the page)."""
    widths = [round(ln.width * 2) / 2 if ln.kind == TEXT and not ln.spaced and ln.width >= 3 else None
              for ln in lines]
    n = len(lines)
    counts = {}

    def add(w, d):
        if w is not None:
            counts[w] = counts.get(w, 0) + d
    for w in widths[:reach + 1]:
        add(w, 1)
    out = []
    for i in range(n):
        add(widths[i], -1)                      # the line itself does not count
        best = max([(c, w) for w, c in counts.items()])[::-1] if counts else None
        if best is None or best[1] <= 0:
            out.append(lines[i].width or 1.0)
        elif best[1] == 1:
            around = [w for w in widths[max(0, i - reach):i] + widths[i + 1:i + reach + 1] if w is not None]
            around.sort()
            out.append(around[(3 * len(around)) // 4])
        else:
            out.append(best[0])
        add(widths[i], 1)
        # Slide: the line `reach` above leaves, the one `reach + 1` below comes in.
        if i - reach >= 0:
            add(widths[i - reach], -1)
        if i + reach + 1 < n:
            add(widths[i + reach + 1], 1)
        if 0 in counts.values():
            for key in [k for k, c in counts.items() if c == 0]:
                del counts[key]
    return out


def _run_columns(lines, count=6):
    """Per line, the column of the `count` text lines before it and of the
    `count` from it on."""
    textual = [i for i, ln in enumerate(lines) if ln.kind == TEXT and not ln.spaced]
    widths = [lines[i].width for i in textual]
    # The mode of each window of up to `count` text lines ending at e
    # (widths[e - count:e]), worked out once: the lines after a text line
    # are the window ending `count` further on.
    t = len(widths)
    ending = [_mode_width(widths[max(0, e - count):e]) for e in range(t + 1)]
    before, after = [0.0] * len(lines), [0.0] * len(lines)
    k = 0
    for i in range(len(lines)):
        while k < t and textual[k] < i:
            k += 1
        # textual[:k] stand before line i; textual[k:] at it or after.
        before[i] = ending[k]
        after[i] = ending[k + count] if k + count <= t else _mode_width(widths[k:k + count])
    return before, after


DEFICIT_BOUNDS = (-1.5, -0.4, 0.6, 1.4, 2.6, 4, 7, 12)
_DEFICITS = tuple("%d" % k for k in range(len(DEFICIT_BOUNDS) + 1))


def _deficit(width, column):
    """How far short of its column a line ends, in em: a dropped
    paragraph indent shows as two, a full line as none."""
    return _DEFICITS[_bucket(column - width, DEFICIT_BOUNDS)]


def _doubled(text):
    """"一方有难 八方支援一方有难 八方支援": a banner the PDF printed twice."""
    t = text.replace(" ", "")
    h = len(t) // 2
    return len(t) >= 4 and len(t) % 2 == 0 and t[:h] == t[h:]


# Feature strings by bucket, made once: a page asks for them thousands of
# times, and a lookup costs less than formatting.
_N = tuple("n=%d" % k for k in range(len(LENGTH_BOUNDS) + 1))
_R = tuple("r=%d" % k for k in range(len(RATIO_BOUNDS) + 1))
_RP = tuple("rp=%d" % k for k in range(len(RATIO_BOUNDS) + 1))
_RN = tuple("rn=%d" % k for k in range(len(RATIO_BOUNDS) + 1))
_SG = tuple("sg=%d" % k for k in range(5))
_UG = tuple("ug=%d" % k for k in range(5))
_COMMAS = tuple("commas=%d" % k for k in range(4))
_COLCHG = tuple("colchg=%d" % k for k in range(len(RATIO_BOUNDS) + 1))
COLDIFF_BOUNDS = (0.6, 1.6, 2.6, 4, 7)
_COLDIFF = tuple("coldiff=%d" % k for k in range(len(COLDIFF_BOUNDS) + 1))
_GAP_COLDIFF = tuple("gap&coldiff=%d" % k for k in range(len(COLDIFF_BOUNDS) + 1))
_SHAPE = {(s, f): "shape=%s%s" % ("s" if s else "f", "F" if f else "s") for s in (0, 1) for f in (0, 1)}
_GAPSHAPE = {key: "gap" + value for key, value in _SHAPE.items()}
_first_classes = {}


def _first_class(text):
    """"fc=" and the class of the line's first character (few distinct
    characters open lines: remembered)."""
    ch = text[:1]
    found = _first_classes.get(ch)
    if found is None:
        found = _first_classes[ch] = "fc=" + _char_class(ch)
    return found


def line_features(lines, double_spaced=False):
    """One list of feature strings per line."""
    n = len(lines)
    cols = _column_widths(lines)
    runs_before, runs_after = _run_columns(lines)
    base, candidates = [], []
    texts = [ln.clean for ln in lines]
    # Gaps: distance (in lines) to the blank line before and after.
    since_gap, until_gap = [0] * n, [0] * n
    d = 0
    for i, ln in enumerate(lines):
        d = 0 if ln.gap or i == 0 else d + 1
        since_gap[i] = d
    d = 0
    for i in range(n - 1, -1, -1):
        d = 0 if i == n - 1 or lines[i + 1].gap else d + 1
        until_gap[i] = d
    first_content = next((i for i, ln in enumerate(lines) if ln.kind == TEXT), 0)
    last_content = next((i for i in range(n - 1, -1, -1) if lines[i].kind == TEXT), n - 1)
    pinyin_near = [False] * n
    for i, ln in enumerate(lines):
        if ln.kind == PINYIN:
            for j in range(max(0, i - 3), min(n, i + 4)):
                pinyin_near[j] = True

    # How each line ends, worked out once per line (its neighbours ask too).
    ends = [_last_class(t) for t in texts]
    deficits = [_deficit(ln.width, c) for ln, c in zip(lines, cols)]
    # Whether each line break splits a word, worked out once per break.
    splits = [False] * n
    for i in range(1, n):
        if lines[i - 1].kind == TEXT and lines[i].kind == TEXT:
            splits[i] = splits_word(texts[i - 1], texts[i])

    bucket = bisect.bisect_right
    lead_start, news_lead = bylines.LEAD_START_RE.match, bylines.NEWS_LEAD_RE.match
    for i, ln in enumerate(lines):
        t = texts[i]
        kind = ln.kind
        prev = lines[i - 1] if i else None
        nxt = lines[i + 1] if i + 1 < n else None
        col = cols[i]
        width = ln.width
        ratio = width / col if col else 1.0
        ratio_bucket = bucket(RATIO_BOUNDS, ratio)
        end = ends[i]
        gap_before = ln.gap or i == 0
        gap_after = nxt is None or nxt.gap
        f = ["k=" + kind, _N[bucket(LENGTH_BOUNDS, len(t))], _R[ratio_bucket],
             "dw=" + deficits[i], _first_class(t), "lc=" + end,
             _SG[min(since_gap[i], 4)], _UG[min(until_gap[i], 4)],
             _COMMAS[min(t.count("，") + t.count("、") + t.count(","), 3)]]
        add = f.append
        if kind == FURNITURE:
            add("fi=" + (ln.info or ""))
        if ln.photo_credits:
            add("pcred")
        if ln.marker_to is not None:
            add("mto")
        if ln.marker_from is not None:
            add("mfrom")
        add(_RP[bucket(RATIO_BOUNDS, width / prev.width)] if prev is not None and prev.width else "rp=none")
        add(_RN[bucket(RATIO_BOUNDS, width / nxt.width)] if nxt is not None and nxt.width else "rn=none")
        if gap_before:
            add("gap")
        if gap_after:
            add("gapafter")
        if double_spaced:
            add("dbl")
        if ln.indent >= 3:
            add("ind=big")
        elif ln.indent >= 1.5:
            add("ind=2")
        elif ln.indent > 0:
            add("ind=s")
        if ln.opens_paragraph:
            add("openpara")
        if ends_open(t):
            add("open")
        # A dateline wraps in a narrow column ("本报北京2月1 / 日电"): it is
        # read on the line and the start of the next.
        lead_text = t + texts[i + 1][:24] if nxt is not None and nxt.kind == TEXT and len(t) < 24 else t
        if lead_start(lead_text):
            add("lead")
            if news_lead(lead_text):
                add("newslead")
            if _CREDITED_DATELINE_RE.match(lead_text):
                add("creditlead")
        if _OPENER_RE.match(t):
            add("opener")
        if t[-1:] in _DANGLING:
            add("dangling")
        # Joined to the line before: does the break split a word, and did
        # the line before end where a paragraph would?
        if prev is not None and prev.kind == TEXT and kind == TEXT:
            if splits[i]:
                add("wordsplit")
            deficit = deficits[i - 1]
            add("pdw=" + deficit)
            if ends[i - 1] == "end":
                add("pend&" + deficit)
        if i + 1 < n and splits[i + 1]:
            add("wordsplitnext")
        # A line short of its column over a full one: a heading or a
        # paragraph's last line over the text, not the text's first line.
        if nxt is not None and nxt.kind == TEXT:
            shape = (col - width > 2.6, abs(cols[i + 1] - nxt.width) <= 1.5)
            add(_SHAPE[shape])
            if gap_before:
                add(_GAPSHAPE[shape])
        # The column around: does it change here?
        before, after = runs_before[i], runs_after[i]
        if before and after:
            add(_COLCHG[bucket(RATIO_BOUNDS, after / before)])
            diff = bucket(COLDIFF_BOUNDS, abs(after - before))
            add(_COLDIFF[diff])
            if gap_before:
                add(_GAP_COLDIFF[diff])
        # Pairs of evidence that mean more together than apart (the model
        # adds up weights; it cannot multiply them): a line's width with how
        # it ends, with the blank lines around it, and with how the line
        # before ended.
        gap_mark = ("g" if gap_before else "-") + ("g" if gap_after else "-")
        add(f"r&lc={ratio_bucket}&{end}")
        add(f"r&gaps={ratio_bucket}&{gap_mark}")
        add(f"lc&gaps={end}&{gap_mark}")
        if prev is not None:
            add(f"r&plc={ratio_bucket}&{ends[i - 1]}")
        base.append(f)
        # A full line inside a run of text is prose: the evidence of
        # headings, furniture and credits is worked out for the others only.
        if kind == TEXT and not (gap_before or gap_after or ln.spaced) and 0.9 <= ratio <= 1.1:
            add("inrun")
            continue
        candidates.append(i)
        _candidate_features(ln, t, kind, add)
        if pinyin_near[i]:
            add("pinyinnear")
        if _LATIN_RE.search(t) and not CJK_RE.search(t):
            add("latin")
        if i == first_content:
            add("firsttext")
        if i == last_content:
            add("lasttext")

    # Each line's character pairs, worked out once (both ask for them).
    pairs = [_bigrams(t) if ln.kind == TEXT or 2 <= len(t) <= 60 else None for ln, t in zip(lines, texts)]
    _heading_words(lines, texts, pairs, base, candidates)
    # (Not worked out where the line before runs on into this one.)
    _cohesion(lines, texts, pairs, base, [i for i in candidates if not (
        i and lines[i - 1].kind == TEXT and not lines[i].gap and (splits[i] or ends_open(texts[i - 1])))])
    return _with_neighbours(base)


def _candidate_features(ln, t, kind, add):
    """The evidence of headings, furniture and credits, for a line that
    could be one."""
    if kind == BANNER or _doubled(ln.raw):
        add("doubled")
    if ln.spaced:
        add("spaced")
    if _phrase_gap(ln):
        add("phrasegap")
    if _INNER_END_RE.search(t[:-1]):
        add("innerend")
    if t.startswith(("——", "--", "－－", "─")):
        add("dashstart")
    if t.endswith(("：", ":")):
        add("colonend")
    opened, closed = _balance(t)
    if opened:
        add("unclosed")
    if closed:
        add("closes")
    if bylines.PAREN_CREDITS_RE.match(t):
        add("parencredits")
    if _BRIEF_RE.match(t):
        add("brief")
    if _COLUMN_TAG_RE.search(t):
        add("coltag")
    if _SPEECH_END_RE.search(t.rstrip("：:—")):
        add("speechend")
    if _SUBTITLE_END_RE.search(t):
        add("subend")
    if t[:1] in _BULLETS:
        add("bullet")
    if _DATE_ONLY_RE.match(t):
        add("dateonly")
    if kind == TEXT and len(t) <= 60:
        if furniture.LABEL_RE.match(t):
            add("labelish")
        if _DIGITS_RE.search(t) and not CJK_RE.search(t):
            add("nocjk")
    if kind in (BYLINE, CREDIT):
        add("by=" + ("photo" if kind == CREDIT else "byline"))
        add("credits=%d" % min(len(ln.credits or []), 2))


def _phrase_gap(line):
    """One wide gap between two phrases of a line not letter-spaced
    ("网民规模达9.89亿 学生网民最多"), as two-part headlines are set."""
    if line.spaced:
        return False
    parts = line.raw.split()
    return len(parts) == 2 and len(CJK_RE.findall(parts[0])) >= 2 and len(CJK_RE.findall(parts[1])) >= 2 \
        and parts[0][-1] not in "，、；：" and not parts[0][-1].isdigit() and not parts[1][0].isdigit()


OPENING = 300


def _heading_words(lines, texts, pairs, base, candidates):
    """A headline repeats words of its own article's opening: the share of
    a candidate line's character pairs found in the text after it and in
    the text before it (the page's text lines over 8 characters, joined)."""
    kept = [t if ln.kind == TEXT and len(t) > 8 else "" for ln, t in zip(lines, texts)]
    page = "".join(kept)
    starts, at = [], 0
    for t in kept:
        starts.append(at)
        at += len(t)
    for i in candidates:
        own = pairs[i] if 2 <= len(texts[i]) <= 60 else None
        if not own:
            continue
        end = starts[i] + len(kept[i])
        after = page[end:end + OPENING]
        before = page[max(0, starts[i] - 3 * OPENING):starts[i]]
        share_after = sum(map(after.__contains__, own)) / len(own)
        share_before = sum(map(before.__contains__, own)) / len(own)
        base[i].append("wa=%d" % _bucket(share_after, (0.01, 0.2, 0.4, 0.7)))
        base[i].append("wb=%d" % _bucket(share_before, (0.01, 0.2, 0.4, 0.7)))
        if share_after > share_before + 0.15:
            base[i].append("wordsafter")
        elif share_before > share_after + 0.15:
            base[i].append("wordsbefore")


COHESION = 160


def _cohesion(lines, texts, line_pairs, base, candidates):
    """An article's text repeats its own words; the next article's does not.
    For each line that could open an item, the share of the character
    pairs of the text from it on (about COHESION characters, whole lines)
    that the text just before it also has, and the text further before:
    low where one story ends and another begins, high inside one. (Lexical
    cohesion, as text segmenters use it: evidence from the words, which no
    layout changes.)

    Worked in one pass down the page: each pair remembers the last text
    line it was seen on, so the text before a line is never gathered into
    a set; it is the lines from a cut-off on, and the cut-off is found from
    the running sum of the lines' lengths."""
    textual = [i for i, ln in enumerate(lines) if ln.kind == TEXT and texts[i]]
    pairs = [line_pairs[i] for i in textual]
    sizes = [len(texts[i]) for i in textual]
    order = {i: k for k, i in enumerate(textual)}
    # upto[k]: the length of the text lines before the k-th.
    upto = [0]
    for size in sizes:
        upto.append(upto[-1] + size)
    last_seen, seen_to = {}, 0
    near_from = far_from = 0
    for i in candidates:
        k = order.get(i)
        if k is None or k == 0:
            continue
        after, size, j = set(), 0, k
        while j < len(textual) and size < COHESION:
            after |= pairs[j]
            size += sizes[j]
            j += 1
        if len(after) < 8:
            continue
        # Lines k-1, k-2, ... are taken while the text taken so far is
        # under COHESION characters (near) or 3 * COHESION (far): line j is
        # near while upto[k] - upto[j + 1] < COHESION.
        while seen_to < k:
            for pair in pairs[seen_to]:
                last_seen[pair] = seen_to
            seen_to += 1
        while upto[k] - upto[near_from + 1] >= COHESION:
            near_from += 1
        while upto[k] - upto[far_from + 1] >= 3 * COHESION:
            far_from += 1
        if upto[k] - upto[far_from] < 20:
            continue
        seen = [at for at in map(last_seen.get, after, repeat(-1)) if at >= far_from]
        in_near = sum(1 for at in seen if at >= near_from)
        base[i].append("coh=%d" % _bucket(in_near / len(after), (0.04, 0.08, 0.14, 0.22, 0.32)))
        base[i].append("cohfar=%d" % _bucket(len(seen) / len(after), (0.06, 0.12, 0.2, 0.3, 0.42)))


# Features worth seeing on the lines around: the next and previous lines'
# shape and ends, and, two lines off, their widths and ends alone. (Each
# one copied is a string per line per offset: kept few for speed.) The
# first features of every line are, in this order: kind, length, ratio to
# the column, deficit, first and last character.
_NEAR_CORE, _FAR_CORE = itemgetter(0, 2, 3, 4, 5), itemgetter(2, 5)
# (The flags in the order line_features adds them.)
_NEAR_FLAGS_ORDER = ("gap", "lead", "opener", "dangling", "wordsplit", "doubled", "spaced", "dashstart",
                     "colonend", "by=photo", "by=byline")
_NEAR_FLAGS = frozenset(_NEAR_FLAGS_ORDER)
_FAR_FLAGS = frozenset(("gap", "lead"))


def _with_neighbours(base):
    n = len(base)
    # What a line shows its neighbours repeats from line to line (prose
    # lines look alike): the prefixed copies are made once per distinct
    # look and shared.
    near_seen, far_seen = {}, {}
    near, far = [], []
    for f in base:
        flags = _NEAR_FLAGS.intersection(f)
        flags = tuple(sorted(flags, key=_NEAR_FLAGS_ORDER.index)) if flags else ()
        key = _NEAR_CORE(f) + flags
        shown = near_seen.get(key)
        if shown is None:
            shown = near_seen[key] = tuple(["-1:" + x for x in key]), tuple(["+1:" + x for x in key])
        near.append(shown)
        key = _FAR_CORE(f) + tuple(x for x in flags if x in _FAR_FLAGS)
        shown = far_seen.get(key)
        if shown is None:
            shown = far_seen[key] = tuple(["-2:" + x for x in key]), tuple(["+2:" + x for x in key])
        far.append(shown)
    for i in range(n):
        f = base[i]
        if i >= 2:
            f.extend(far[i - 2][0])
        else:
            f.append("-2:none")
        if i >= 1:
            f.extend(near[i - 1][0])
        else:
            f.append("-1:none")
        if i + 1 < n:
            f.extend(near[i + 1][1])
        else:
            f.append("+1:none")
        if i + 2 < n:
            f.extend(far[i + 2][1])
        else:
            f.append("+2:none")
    return base


__all__ = ["line_features", "BANNER", "LABEL", "MARKER"]


# -------------------------------------------------- the heading model ---

def heading_features(lines, members):
    """Features of the lines of one heading (kicker, headline, subtitle are
    told apart among them): each line against the others of its heading."""
    group = [lines[i] for i in members]
    widths = [ln.width for ln in group]
    widest = max(widths) or 1.0
    n = len(group)
    out = []
    for k, ln in enumerate(group):
        t = ln.clean
        f = ["n=%d" % min(n, 4), "pos=%d" % min(k, 3), "back=%d" % min(n - 1 - k, 3),
             "rel=%d" % _bucket(ln.width / widest, (0.35, 0.55, 0.75, 0.95)),
             "len=%d" % _bucket(len(t), (4, 7, 11, 16, 24, 36)),
             "lc=" + _last_class(t), "fc=" + _char_class(t[:1])]
        if ln.width >= widest - 0.01:
            f.append("widest")
        if t.startswith(("——", "--", "－－", "─")):
            f.append("dashstart")
        if t.endswith(("——", "--")):
            f.append("dashend")
        if t.endswith(("：", ":")):
            f.append("colonend")
        if ln.spaced:
            f.append("spaced")
        if _phrase_gap(ln):
            f.append("phrasegap")
        if _SPEECH_END_RE.search(t.rstrip("：:—")):
            f.append("speechend")
        if _SUBTITLE_END_RE.search(t):
            f.append("subend")
        if _COLUMN_TAG_RE.search(t):
            f.append("coltag")
        if t[:1] in "（(":
            f.append("paren")
        # A quote or bracket left open at the line's end and closed on the
        # next: one heading wrapped over two lines.
        opened, closed = _balance(t)
        if opened:
            f.append("unclosed")
        if closed:
            f.append("closes")
        if ln.kind == BANNER or _doubled(ln.raw):
            f.append("doubled")
        if "·" in t or "•" in t:
            f.append("middot")
        if _PARTS_RE.search(t):
            f.append("comma")
        if k:
            prev = group[k - 1]
            f.append("rp=%d" % _bucket(ln.width / (prev.width or 1.0), RATIO_BOUNDS))
            if prev.clean.endswith(("——", "：", ":")):
                f.append("afterlead")
            if prev.clean.startswith(("——", "--")):
                f.append("afterdash")
            if _balance(prev.clean)[0] and closed:
                f.append("closesprev")
            f.append("plc=" + _last_class(prev.clean))
        if k + 1 < n:
            nxt = group[k + 1]
            f.append("rn=%d" % _bucket(ln.width / (nxt.width or 1.0), RATIO_BOUNDS))
            if nxt.clean.startswith(("——", "--", "－－", "─")):
                f.append("beforedash")
            # A headline wrapped over two lines: the break splits a word.
            if splits_word(t, nxt.clean):
                f.append("wordsplitnext")
        if k and splits_word(group[k - 1].clean, t):
            f.append("wordsplit")
        out.append(f)
    return out
