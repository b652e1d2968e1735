"""Page furniture: what is printed on a page but is not article text.

The page's own label with its pinyin line ("JZ第一视线" / "DI YI SHI XIAN"),
column banners (which PDFs sometimes print twice: "就地过年就地过年 暖在身边暖在身边JZ"),
mastheads, hotlines and editor lines; and the continuation markers
("（下转第2版）", "（上接第1版）") which become page numbers.
"""
import re

from .text import CJK, SPACE_CHARS, cjk_count, remove_layout_spaces

_S = f"[{SPACE_CHARS}]*"
_NUM = "[0-9０-９一二三四五六七八九十〇零两]+"
MARKER_RE = re.compile(
    rf"[（(]{_S}(?P<dir>上接|下转|接|转){_S}(?:第{_S})?(?P<page>{_NUM}){_S}版{_S}(?:[^（）()]{{0,12}})?[）)]")

_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
              "七": 7, "八": 8, "九": 9}


def page_number(s):
    s = s.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if s.isdigit():
        return int(s)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    n = 0
    for ch in s:
        n = n * 10 + _CN_DIGITS.get(ch, 0)
    return n


def find_markers(text):
    """[(start, end, direction, page)] with direction "to" or "from"."""
    out = []
    for m in MARKER_RE.finditer(text):
        direction = "from" if m.group("dir") in ("上接", "接") else "to"
        out.append((m.start(), m.end(), direction, page_number(m.group("page"))))
    return out


# ---------------------------------------------------------------- pinyin ---

_INITIALS = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
             "r", "z", "c", "s", "y", "w", ""]
_FINALS = ["iang", "iong", "uang", "ang", "eng", "ing", "ong", "ian", "iao", "uai", "uan", "van", "ai",
           "ei", "ao", "ou", "an", "en", "in", "un", "vn", "ia", "ie", "iu", "ua", "uo", "ui", "ve", "ue",
           "er", "a", "o", "e", "i", "u", "v"]
SYLLABLES = {i + f for i in _INITIALS for f in _FINALS} - {""}


def pinyin_syllables(word):
    """Number of syllables a run of Latin capitals splits into, or 0 when it is
    not pinyin ("XIAN" → 1 or 2: the fewest is taken)."""
    w = word.lower()
    best = [0] + [None] * len(w)
    for i in range(1, len(w) + 1):
        for j in range(max(0, i - 6), i):
            if best[j] is not None and w[j:i] in SYLLABLES:
                n = best[j] + 1
                if best[i] is None or n < best[i]:
                    best[i] = n
    return best[len(w)] or 0


_PINYIN_LINE_RE = re.compile(r"^[A-Z]+(?: +[A-Z]+)*$")


def pinyin_line_syllables(line):
    """Syllables in a line of capital pinyin ("DI YI SHI XIAN" → 4), else 0."""
    line = line.strip(SPACE_CHARS)
    if not _PINYIN_LINE_RE.match(line):
        return 0
    words = line.split()
    if len(words) >= 4 and all(len(w) == 1 for w in words):
        words = ["".join(words)]     # letter-spaced: "Z O N G H E X I N W E N"
    total = 0
    for word in words:
        n = pinyin_syllables(word)
        if not n:
            return 0
        total += n
    return total


# A page label: optional Latin prefix (the paper's initials) and a few
# Chinese characters, "JZ第一视线", "JZ综合新闻", "要闻".
LABEL_RE = re.compile(rf"^(?P<prefix>[A-Z]{{1,4}})?{_S}(?P<name>[{CJK}·・]{{2,10}})$")


# --------------------------------------------------------------- banners ---

def undouble(token):
    """"就地过年就地过年" → "就地过年"; None when the token is not doubled."""
    n = len(token)
    if n >= 4 and n % 2 == 0 and token[: n // 2] == token[n // 2:]:
        return token[: n // 2]
    return None


def doubled_banner(line):
    """A banner the PDF printed twice. Returns its clean text or None."""
    text = line.strip(SPACE_CHARS)
    if _PROSE_PUNCT_RE.search(text):
        return None    # a banner is a slogan: no clause punctuation
    # A stray Latin tail ("…暖在身边JZ") is the page label's prefix bleeding
    # into the line.
    text = re.sub(r"(?<=[^A-Za-z])[A-Z]{1,4}$", "", text)
    tokens = [t for t in re.split(f"[{SPACE_CHARS}]+", text) if t]
    if not tokens or cjk_count(text) < 4:
        return None
    parts = [undouble(t) for t in tokens]
    if all(parts):
        return " ".join(parts)
    return None


# ----------------------------------------------------- masthead and so on ---

_MASTHEAD_RES = [re.compile(p) for p in (
    rf"^[{CJK}]{{2,8}}(?:日报|晚报|晨报|都市报)(?:社)?$",
    r"^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日.{0,3}(?:星期|周)[一二三四五六日天]",
    # A weekday, alone or with the page number beside it ("星期四第17版",
    # "星期五04": a date strip cut into parts by the extraction).
    r"^(?:星期|周)[一二三四五六日天]\s*(?:第?\s*[0-9０-９]{1,2}\s*版|[0-9０-９]{1,2})?$",
    r"^农历(?:[甲乙丙丁戊己庚辛壬癸][子丑寅卯辰巳午未申酉戌亥]年)?\s*闰?[正一二三四五六七八九十冬腊]{1,2}月",
    r"总第\s*[0-9０-９]+\s*期",
    r"^第\s*[0-9０-９]+\s*期$",
    r"CN\s*\d{2}\s*[-－]\s*\d{4}",
    r"国内统一连续出版物号|邮发代号|国际标准连续出版物号|ISSN",
    r"^今日\s*[0-9０-９一二三四五六七八九十]+\s*版",
    r"^第?\s*[0-9０-９]{1,2}\s*版$",
    r"^[0-9]{4}\s*[.\-/年]\s*[0-9]{1,2}\s*[.\-/月]\s*[0-9]{1,2}\s*日?\s*[/|｜]?\s*(?:星期|周)",
    r"^[A-Z]{2,10}(?: [A-Z]{2,10})* (?:DAILY|NEWS|TIMES|RIBAO)$",
)]
# The label, then a number of five characters or more (not "电话24小时……") or
# an address.
_HOTLINE_RE = re.compile(
    rf"^[{CJK}]{{0,8}}(?:热线|电话|传真|邮箱|信箱|E-?mail|网址)(?:电话)?{_S}[:：]?{_S}"
    rf"(?:[0-9（(][0-9（）()\-－—{SPACE_CHARS}]{{4,}}(?![{CJK}])|[A-Za-z])"
    # The paper's imprint: "地址：晋中市榆次区迎宾西街 邮编：030600".
    rf"|^{_S}(?:社址|地址){_S}[:：].{{0,40}}(?:邮编|邮政编码){_S}[:：]?{_S}[0-9]{{6}}")
_EDITOR_WORDS = r"(?:责任编辑|责编|美编|美术编辑|校对|版式设计|版式|组版|编辑|主编|审读|图片编辑|排版|制图|值班编辑)"
# An editor word followed by a separator, then a name: "责编 张三", "校对：李四".
_EDITOR_RE = re.compile(rf"^{_S}(?:本版)?{_EDITOR_WORDS}(?:{_S}[:：/]{_S}|[{SPACE_CHARS}]+)[{CJK}]")


# Editor words and names with the spaces lost ("本版责编罗瑞版式李静"): two
# editor words, each followed by a name of two to four characters.
_EDITORS_RUN_RE = re.compile(
    rf"^(?:本版)?{_EDITOR_WORDS}{_S}[:：]?{_S}[{CJK}]{{2,4}}{_S}{_EDITOR_WORDS}{_S}[:：]?{_S}[{CJK}]{{2,4}}")

_PROSE_PUNCT_RE = re.compile("[，。；！？]")
_CONTACT_RE = re.compile("热线|电话|邮箱|传真|信箱")


def furniture_kind(line):
    """"masthead", "hotline", "editors" for a line that is furniture, else None.
    Only short lines qualify: furniture is never a paragraph of prose."""
    text = line.strip(SPACE_CHARS)
    if not text or len(text) > 60:
        return None
    if _PROSE_PUNCT_RE.search(text) and not _CONTACT_RE.search(text):
        return None
    if _EDITOR_RE.match(text) or len(re.findall(_EDITOR_WORDS + f"{_S}[:：]", text)) >= 2 \
            or _EDITORS_RUN_RE.match(text):
        return "editors"
    if _HOTLINE_RE.match(text):
        return "hotline"
    if len(text) <= 40:
        for rx in _MASTHEAD_RES:
            if rx.search(text):
                return "masthead"
    return None


def clean_furniture(line):
    return remove_layout_spaces(line)


# ------------------------------------------------------ a header strip ---

_STRIP_TOKEN_RES = [re.compile(p) for p in (
    r"^\d{4}年\d{1,2}月\d{1,2}日$", r"^(?:星期|周)[一二三四五六日天]$", r"^第?\d{1,3}版$", r"^总第\d+期$",
    r"^第\d+期$", rf"^[{CJK}]{{2,8}}(?:日报|晚报|晨报|都市报)(?:社)?$", r"^[A-Z]+$", r"^\d{1,3}$",
    r"^农历", r"^今日\d+版$",
)]


def label_in_strip(line):
    """The page's label inside a strip of furniture ("晋中晚报 2020年2月10日
    星期一 社会 第12版"): the one token left that is not a date, a weekday,
    a page or issue number, the paper's name or pinyin. None unless the
    line is such a strip (two such tokens at least) with one label in it."""
    tokens = [t for t in re.split(f"[{SPACE_CHARS}]+", remove_layout_spaces_keep_gaps(line)) if t]
    strip = [t for t in tokens if any(rx.match(t) for rx in _STRIP_TOKEN_RES)]
    rest = [t for t in tokens if t not in strip]
    if len(strip) < 2 or len(rest) != 1:
        return None
    m = LABEL_RE.match(rest[0])
    return rest[0] if m else None


def remove_layout_spaces_keep_gaps(line):
    """Spaces inside a date or a number ("2020 年 2 月") closed up; the gaps
    between the strip's parts kept."""
    s = line.strip(SPACE_CHARS)
    s = re.sub(r"(?<=[0-9年月第总])[ \u3000]?(?=[0-9年月日版期])", "", s)
    return re.sub(r"(?<=第) (?=\d)|(?<=\d) (?=版)", "", s)
