"""Character classes and the text clean-ups every other stage relies on.

Chinese is set without spaces, so a space inside Chinese text in a dump is
layout (justification, letter spacing), never content. Spaces inside Latin
text are content and are kept.
"""
import re

# CJK ideographs (BMP blocks and the supplementary planes).
CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef\U00030000-\U0003134f"
# Wide punctuation: CJK symbols, full-width forms, curly quotes, dashes,
# ellipsis, middle dot, and the ¥/℃ signs set full-width in Chinese text.
WIDE_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2014\u2015\u2026\u00b7\u2022\u25cf\u25a0\u2103"
WIDE = CJK + WIDE_PUNCT + "\uff10-\uff19\uff21-\uff3a\uff41-\uff5a"

CJK_RE = re.compile(f"[{CJK}]")
WIDE_CHAR_RE = re.compile(f"[{WIDE}]")
SPACE_CHARS = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"
SPACES_RE = re.compile(f"[{SPACE_CHARS}]+")

# A run of spaces with a wide character on either side is layout.
_LAYOUT_SPACE_RE = re.compile(f"(?<=[{WIDE}])[{SPACE_CHARS}]+|[{SPACE_CHARS}]+(?=[{WIDE}])")
# Between a digit and Chinese ("2020 年", "第 47 次") the space is layout too;
# the rule above already covers it because the Chinese side is wide.

# Half-width katakana-block punctuation some PDF tools emit for Chinese
# punctuation. They never stand for anything else in Chinese text.
_PUNCT_TABLE = str.maketrans({"\uff61": "。", "\uff64": "、", "\uff62": "「", "\uff63": "」"})
_INVISIBLE_RE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")

# Characters that end a sentence, and closers that may follow them.
SENTENCE_END = set("。！？!?…")
CLOSERS = set("”’」』）)】〕\"'")
# Characters after which a sentence certainly goes on.
CONTINUES = set("，、；：,;:“‘「『（(《〈【〔—-·")


def normalise_punctuation(s):
    return _INVISIBLE_RE.sub("", s.translate(_PUNCT_TABLE))


def remove_layout_spaces(s):
    """Drop spaces that are layout: any run touching a wide character."""
    if not SPACES_RE.search(s):
        return s.strip()    # most lines of prose: nothing to drop
    s = _LAYOUT_SPACE_RE.sub("", s)
    return SPACES_RE.sub(" ", s).strip()


def squash(s):
    """All white space removed: the form texts are compared in."""
    return SPACES_RE.sub("", s)


_NOT_SPACE_RE = re.compile(f"[^{SPACE_CHARS}]")
_NARROW_RE = re.compile(f"[^{SPACE_CHARS}\u2000-\U0010ffff]")


def visual_width(s):
    """Width in em: wide characters 1, narrow (ASCII) characters 1/2."""
    # Counted as what a substitution removes: no list of characters made.
    n = len(s)
    return (n - len(_NOT_SPACE_RE.sub("", s))) - 0.5 * (n - len(_NARROW_RE.sub("", s)))


def cjk_count(s):
    return len(CJK_RE.findall(s))


def is_letter_spaced(s):
    """True for "市 政 协 召 开 党 组 会 议": mostly single wide characters
    separated by spaces."""
    tokens = SPACES_RE.split(s.strip())
    if len(tokens) < 3:
        return False
    singles = sum(1 for t in tokens if len(t) == 1 and WIDE_CHAR_RE.match(t))
    return singles >= 3 and singles >= 0.6 * len(tokens)


_DIGIT_GAP_RE = re.compile(r"(?<=[0-9]) (?=[0-9])")


def clean_heading(s):
    """A headline, kicker, subtitle or title as printed, made clean.

    Letter-spaced text loses its single spaces; a wider gap (two or more
    spaces) is a real break between two parts of a headline and stays as
    one space. In normally set text a space between two Chinese phrases is
    kept (it separates the parts of a two-part headline), but spaces next
    to punctuation or between a digit and Chinese go.
    """
    s = normalise_punctuation(s).strip(SPACE_CHARS)
    tokens = SPACES_RE.split(s)
    if len(tokens) == 2 and all(len(t) == 1 and CJK_RE.match(t) for t in tokens):
        return "".join(tokens)    # "建 议": one spaced word, not two phrases
    if is_letter_spaced(s):
        # Digits are spaced out too: "4 0 年" is 40年.
        parts = re.split(f"[{SPACE_CHARS}]{{2,}}", s)
        return " ".join(_DIGIT_GAP_RE.sub("", remove_layout_spaces(p)) for p in parts if p.strip())
    s = SPACES_RE.sub(" ", s)
    punct = WIDE_PUNCT.replace("\u3000", "")
    s = re.sub(f"(?<=[{punct}]) | (?=[{punct}])", "", s)
    s = re.sub(f"(?<=[0-9]) (?=[{CJK}])|(?<=[{CJK}]) (?=[0-9])", "", s)
    return s.strip()


def ends_sentence(s):
    """Does this (clean) text end a sentence? Closing quotes and brackets
    count when what they close ended a sentence: "……热土。”" ends, "《报告》" does not."""
    s = s.rstrip(SPACE_CHARS)
    i = len(s) - 1
    while i >= 0 and s[i] in CLOSERS:
        i -= 1
    if i < 0:
        return False
    if s[i] in SENTENCE_END:
        return True
    # "……" written as two or more periods
    return s.endswith("...")


def ends_open(s):
    """The text certainly goes on: it stops at a comma, an opening quote..."""
    s = s.rstrip(SPACE_CHARS)
    return bool(s) and s[-1] in CONTINUES and not s.endswith("——")


def leading_indent(raw):
    """Width of the leading white space: ASCII space 1/2 em, ideographic
    space and tab 1 em."""
    n = 0.0
    for ch in raw:
        if ch == " " or ch == "\u00a0":
            n += 0.5
        elif ch in "\u3000\t":
            n += 1.0
        elif ch in SPACE_CHARS:
            continue
        else:
            break
    return n
