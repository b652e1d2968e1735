"""Bylines, datelines and photo credits.

Forms seen in dumps:

    本报讯 （记者 刘吟）2月3日上午……          lead: org 本报, reporter 刘吟
    新华社北京2月3日电（记者余俊杰、范思翔）……   dateline and two reporters
    本报北京2月1日电（记者范昊天、鲜敢）          dateline, org 本报
    （记者孙珺 通讯员褚家威）                    reporter and correspondent
    本报记者 李晓雯                              a byline line of its own
    本报记者 曹 伟 摄                            a photo credit (name letter-spaced)
    新华社记者 王鹏 摄 / 张枨 韩冷摄影报道        more photo credits
"""
import re

from .names import COMPOUND_SURNAMES, SURNAMES, is_foreign_name, looks_like_name
from .text import CJK, SPACE_CHARS, remove_layout_spaces

ORGS = ("本报", "新华社", "人民日报", "中新社", "央视", "中央广播电视总台", "光明日报", "经济日报",
        "山西日报", "工人日报", "法制日报", "中国青年报", "科技日报")
_ORG_RE = "|".join(sorted(map(re.escape, ORGS), key=len, reverse=True))

# Role words, longest first so "摄影记者" wins over "记者".
ROLES = {
    "首席记者": "记者", "特派记者": "记者", "特约记者": "记者", "见习记者": "记者", "摄影记者": "摄影",
    "全媒体记者": "记者", "融媒体记者": "记者", "记者": "记者",
    "特约通讯员": "通讯员", "通讯员": "通讯员", "实习生": "实习生", "评论员": "评论员",
}
_ROLE_RE = "|".join(sorted(map(re.escape, ROLES), key=len, reverse=True))
_S = f"[{SPACE_CHARS}]*"
_NAME_CHUNK = f"[{CJK}·{SPACE_CHARS}]+?"

# "本报讯", "本报讯 （记者 刘吟）"
LEAD_RE = re.compile(
    rf"^(?P<org>本报|{_ORG_RE}){_S}讯{_S}(?:[（(](?P<credits>[^（）()]{{2,60}})[）)])?")
# "新华社北京2月3日电", "据新华社武汉1月31日电", "本报北京2月1日电", "据新华社电".
# A place is up to 12 characters: "津巴布韦维多利亚瀑布城".
DATELINE_RE = re.compile(
    rf"^(?P<dateline>据?{_S}(?P<org>{_ORG_RE}){_S}(?:[{CJK}]{{1,12}}?{_S})?"
    rf"(?:[0-9０-９]{{1,2}}{_S}月{_S}[0-9０-９]{{1,2}}{_S}日{_S})?电)"
    rf"{_S}(?:[（(](?P<credits>[^（）()]{{2,60}})[）)])?")
# A note in brackets at the end of a text: "（人民视觉）", "（本报巴黎电）".
TRAILING_NOTE_RE = re.compile(r"[（(][^（）()]*[）)]$")
# A paragraph that starts with the credits alone: "（记者孙珺 通讯员褚家威）"
PAREN_CREDITS_RE = re.compile(rf"^[（(](?P<credits>{_S}(?:{_ROLE_RE})[^（）()]{{1,60}})[）)]")

# "本报讯": only ever the start of an article.
NEWS_LEAD_RE = re.compile(rf"^[{SPACE_CHARS}]*(?:本报|{_ORG_RE}){_S}讯")
# Quick test used on single lines to cut items: does a new article start here?
LEAD_START_RE = re.compile(
    rf"^[{SPACE_CHARS}]*(?:(?:本报|{_ORG_RE}){_S}讯|据?{_S}(?:{_ORG_RE}){_S}[{CJK}]{{0,12}}{_S}"
    rf"(?:[0-9０-９]{{1,2}}{_S}月{_S}[0-9０-９]{{1,2}}{_S}日)?{_S}电)")

_PHOTO_TAIL_RE = re.compile(
    rf"(?:{_S}(?:文{_S}[/·／]{_S}图|图{_S}[/·／]{_S}文))?{_S}(?:摄影报道|摄影|摄|供图|图)"
    rf"(?:{_S}[（(](?:影像中国|新华社发|人民视觉|视觉中国|资料图片|人民图片|新华社|本报)[）)])?$")
_PHOTO_HEAD_RE = re.compile(rf"^(?:图{_S}[/·／:：]|摄影{_S}[/·／:：]|摄{_S}[/·／:：])")


def _split_names(chunk):
    """"余俊杰、范思翔" → two names; "曹 伟" → 曹伟; "张三 李四" → two names."""
    names = []
    for group in re.split(r"[、，,和及与]", chunk):
        tokens = [t for t in re.split(f"[{SPACE_CHARS}]+", group.strip()) if t]
        run = []
        for tok in tokens + [None]:
            if tok is not None and len(tok) == 1:
                run.append(tok)
                continue
            if run:
                names.extend(_split_letter_spaced("".join(run)))
                run = []
            if tok is not None:
                names.append(tok)
    return names


def _split_letter_spaced(chars):
    """Single characters left by letter spacing: "王志敏" is one name, "张三李四"
    (four characters) is two when both halves start with a surname."""
    if len(chars) <= 3:
        return [chars]
    for cut in (2, 3):
        a, b = chars[:cut], chars[cut:]
        if 2 <= len(b) <= 3 and (a[:1] in SURNAMES or a[:2] in COMPOUND_SURNAMES) and b[:1] in SURNAMES:
            return [a, b]
    return [chars]


def _valid_credit_name(name):
    if is_foreign_name(name):
        return True
    if not 2 <= len(name) <= 4:
        return False
    if not all(re.match(f"[{CJK}]", ch) for ch in name):
        return False
    # In a byline the name position is certain; a known surname is still
    # asked for, so that words that merely sit there are not credited.
    return looks_like_name(name) or name[:1] in SURNAMES


def parse_credits(text, org=None, photo=False):
    """Credits from the inside of a byline: "记者 刘吟", "记者孙珺 通讯员褚家威",
    "本报记者 曹 伟". Returns a list, or None when the text is not a byline."""
    text = text.strip(SPACE_CHARS + "（）()")
    if not text:
        return None
    m = re.match(rf"^(?P<org>{_ORG_RE})?{_S}", text)
    if m.group("org"):
        org = m.group("org")
        text = text[m.end():]
    pieces = re.split(rf"({_ROLE_RE})", text)
    credits = []
    # pieces: [before-first-role, role, names, role, names, ...]
    if pieces[0].strip(SPACE_CHARS + "/"):
        lead = pieces[0].strip(SPACE_CHARS + "/")
        if not photo:
            return None
        # "张枨 韩冷摄影报道": names with no role word, photographers.
        pieces = ["", "摄影记者", lead] + pieces[1:]
    for i in range(1, len(pieces), 2):
        role = ROLES[pieces[i]]
        chunk = pieces[i + 1].strip(SPACE_CHARS + "/:：")
        if not chunk:
            if role == "评论员":
                credits.append({"name": None, "role": role, "org": org})
                continue
            return None
        names = _split_names(chunk)
        if not names or not all(_valid_credit_name(n) for n in names):
            return None
        for name in names:
            credits.append({"name": name, "role": "摄影" if photo else role, "org": org})
    return credits or None


def parse_lead(paragraph):
    """The byline at the start of an article's first paragraph.

    Returns (dateline or None, credits list, org) or None when the paragraph
    does not open with a lead. The lead stays in the paragraph as printed."""
    text = paragraph.strip(SPACE_CHARS)
    m = LEAD_RE.match(text)
    dateline = None
    if not m:
        m = DATELINE_RE.match(text)
        if m:
            dateline = remove_layout_spaces(m.group("dateline"))
    if not m:
        m = PAREN_CREDITS_RE.match(text)
        if not m:
            return None
        org = None
    else:
        org = m.group("org")
    credits = []
    if m.group("credits"):
        credits = parse_credits(m.group("credits"), org=org) or []
    return dateline, credits, org


_LINE_BYLINE_RE = re.compile(rf"^(?:文{_S}[/·／:：]{_S})?(?:{_ORG_RE})?{_S}(?:{_ROLE_RE})")
_NAMES_ONLY_RE = re.compile(rf"^[{CJK}·]{{2,4}}(?:[{SPACE_CHARS}、]+[{CJK}·]{{1,4}})*$")


def parse_byline_line(line):
    """A line that is only a byline: "本报记者 李晓雯", "记者 张三 通讯员 李四",
    "本报记者 曹 伟 摄". Returns ("byline"|"photo", credits) or None."""
    text = line.strip(SPACE_CHARS)
    if text[:1] in "（(" and text[-1:] in "）)":
        text = text[1:-1].strip(SPACE_CHARS)
    # "（人民 视觉）": a source tag set with justification spaces.
    text = TRAILING_NOTE_RE.sub(lambda m: re.sub(f"[{SPACE_CHARS}]", "", m.group(0)), text)
    if not text or len(text) > 60 or "，" in text or "。" in text:
        return None    # names are set apart by spaces or 、, never by clauses
    photo = False
    tail = _PHOTO_TAIL_RE.search(text)
    if tail and tail.start() > 0:
        photo = True
        text = text[:tail.start()]
    elif _PHOTO_HEAD_RE.match(text):
        photo = True
        text = _PHOTO_HEAD_RE.sub("", text)
    text = text.strip(SPACE_CHARS)
    if not text:
        return None
    if _LINE_BYLINE_RE.match(text):
        text = re.sub(rf"^文{_S}[/·／:：]{_S}", "", text)
        credits = parse_credits(text, photo=photo)
    elif photo and _NAMES_ONLY_RE.match(text):
        credits = parse_credits(text, photo=True)
    else:
        return None
    if not credits:
        return None
    if photo:
        for c in credits:
            c["role"] = "摄影"
    return ("photo" if photo else "byline"), credits


_TRAILING_PHOTO_CREDIT_RE = re.compile(
    rf"(?<=[。！？”）)])[{SPACE_CHARS}]*[（(]?(?P<credit>(?:(?:{_ORG_RE}){_S})?(?:{_ROLE_RE})?{_S}"
    rf"[{CJK}·{SPACE_CHARS}、]{{2,24}}?{_S}(?:摄影报道|摄影|摄))[）)]?$")


def split_trailing_photo_credit(text):
    """"……示范园区。 本报记者 曹伟 摄" → ("……示范园区。", credits) when the
    caption and its credit share a line; else (text, None)."""
    m = _TRAILING_PHOTO_CREDIT_RE.search(text)
    if not m:
        return text, None
    parsed = parse_byline_line(m.group("credit"))
    if not parsed or parsed[0] != "photo":
        return text, None
    return text[:m.start()].rstrip(SPACE_CHARS), parsed[1]
