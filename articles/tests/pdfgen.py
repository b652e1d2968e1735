"""pdfgen: real PDF pages laid out with reportlab, read back by a PDF text tool.

A third family of test pages for the parser, the one closest to how real
dumps are made: real 人民日报 articles (shared/corpus/rmrb-2020-02.jsonl) are set
on a newspaper page (3-7 columns, modules of one to all columns stacked top
to bottom, text flowing from column to column, headlines above, beside or
below their text, kickers, subtitles, bylines, photos with captions and
credits, banners, continuation markers, page furniture, ruling lines) in a
CJK font, drawn into a PDF, and the PDF's text layer is extracted with
pdftotext (reading order or content-stream order) or pypdfium2. The gold
parse (shared/PAGE_FORMAT.md §3, the conventions of shared/tools/pagesim.py)
is known by construction: every printed line remembers which item, which
paragraph and which characters of it it carries. Every page is checked
against its dump (verify()) and laid out again with a fresh seed when the
extractor loses an item's text order.

pdftotext's reading order (poppler: blocks of lines, then Breuel's
topological sort, with a table detector) reads many real layouts across
items, often in the middle of a paragraph, and such a page can have no gold.
The layout avoids the common causes, as a careful designer's page would:
gutters over an em, heads kept 0.6 em clear of their neighbours, no line
running past its column, leading plus paragraph space under 1.5 em, no
module edge under the middle of a module whose text flows over several
columns, footers under the last column or across the page.  What is left
(about one layout in two for pdftotext, almost none for the other tools) is
laid out again; the CLI reports how many.

It is independent of the parser and of pagegen: nothing here imports them.

    python -m articles.tests.pdfgen OUTDIR --pages 40 --seed 1 [--extractor mixed] [--keep-pdf]

API: make_pdf_page(rows, rng, ...) -> (pdf_bytes, gold); extract(pdf_bytes,
extractor) -> text; verify(text, gold); make_pages(n, seed, extractor) ->
[(stem, text, gold, pdf_bytes)].
"""
import argparse
import datetime
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "rmrb-2020-02.jsonl"
WQY = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
EXTRACTORS = ("pdftotext", "pdftotext-raw", "pdfium")
MIXED_WEIGHTS = (0.45, 0.25, 0.30)

# ------------------------------------------------------------------ text helpers
WS = re.compile(r"\s+")
CJK = "\u3400-\u9fff"
NAME = f"[{CJK}]{{2,4}}"
NO_START = set("，。、；：？！）》」』”’…—·％,.;:?!)]｡､")   # never begins a line
NO_END = set("（《「『“‘([")                             # never ends a line
TOKEN = re.compile(r"[A-Za-z0-9]+(?:[.,:/%+\-_@'][A-Za-z0-9]+)*%?|——|……| |.")
MARKER = re.compile(r"[（(][上下][接转]第\d+版[）)]")
TERMINAL = "。！？…”」）)"


def squash(s):
    return WS.sub("", s or "")


def norm(s):
    """Corpus text as printed: every white-space run (NBSP, U+3000, ...) -> one space."""
    return WS.sub(" ", s or "").strip()


def clean(s):
    """Gold text: layout spaces (beside any non-ASCII char) dropped, Latin spaces kept."""
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", norm(s))


# ------------------------------------------------------------------ gold credits
# The conventions of shared/tools/pagesim.py: a byline or photo credit standing
# on its own line is a credit and not body text; a credit that cannot be read
# with certainty drops the item's "credits" key.
DATELINE = re.compile(r"^(据?(?:新华社|本报)[^\s（()，。：电]{0,24}电)(?=[\s（(])")
LEAD_CREDIT = re.compile(rf"^\s*[（(](本报)?记者\s*({NAME}(?:、{NAME})*)[）)]")
BYLINE = re.compile(rf"^(本报|新华社)记者\s*([{CJK} ]+?)\s*(摄影报道|摄|整理|报道)?$")
PHOTO_CREDIT = re.compile(rf"^(?:(本报|新华社)记者)?\s*([{CJK} ]+?)\s*(摄影报道|摄)(?:（([^）]+)）)?$")
CREDIT_LIKE = re.compile("记者|通讯员|实习生|摄|整理|撰稿|供图|作者")


def parse_names(s):
    """'张  枨  常碧罗' -> ['张枨', '常碧罗']; None when it could be read two ways."""
    names, run = [], []
    for piece in s.split() + [None]:
        if piece is not None and len(piece) == 1:
            run.append(piece)
            continue
        if run:
            if len(run) != 2:
                return None
            names.append("".join(run))
            run = []
        if piece is None:
            break
        if not re.fullmatch(NAME, piece):
            return None
        names.append(piece)
    return names or None


def credit_line(p, photo_credit=False):
    """Credits of a paragraph that is a byline or photo credit standing alone:
    [] when it is not credit-like at all, None when it is but not certain."""
    s = norm(p)
    m = BYLINE.match(s)
    if m and m.group(3) not in ("整理", "报道"):
        names = parse_names(m.group(2))
        role = "摄影" if m.group(3) else "记者"
        return [{"name": n, "role": role, "org": m.group(1)} for n in names] if names else None
    m = PHOTO_CREDIT.match(s)
    if m and (m.group(1) or m.group(4) or m.group(3) == "摄影报道" or photo_credit):
        names = parse_names(m.group(2))
        org = m.group(1) or re.sub("发$", "", m.group(4) or "") or None
        return [{"name": n, "role": "摄影", "org": org} for n in names] if names else None
    if len(s) <= 40 and not re.search("[。？！]", s) and CREDIT_LIKE.search(s):
        return None
    return []


def lead(p):
    """(dateline, credits) of an article's first paragraph; credits None = uncertain."""
    s = norm(p)
    m = DATELINE.match(s)
    dateline = squash(m.group(1)) if m else None
    rest = s[m.end():] if m else s
    paren = re.match(r"\s*[（(][^）)]*[）)]", rest)
    if not paren:
        return dateline, []
    c = LEAD_CREDIT.match(rest)
    if c:
        org = "本报" if c.group(1) or "本报" in (dateline or "") else (
            "新华社" if "新华社" in (dateline or "") else None)
        return dateline, [{"name": n, "role": "记者", "org": org} for n in c.group(2).split("、")]
    if dateline or re.search("记者|通讯员|实习生", paren.group(0)):
        return dateline, None
    return dateline, []


def merge_credits(groups):
    """One list from several; None if any group is uncertain."""
    if any(g is None for g in groups):
        return None
    out, seen = [], set()
    for c in (c for g in groups for c in g):
        if c["name"] not in seen:
            seen.add(c["name"])
            out.append(c)
    return out


# ------------------------------------------------------------------ corpus
def split_tag(headline):
    """'全面部署（坚定信心 同舟共济）' -> ('全面部署', '坚定信心 同舟共济')."""
    h = norm(headline)
    m = re.match(r"^(.*?\S)\s*[（(]([^（）()]+)[）)]$", h)
    return (m.group(1), norm(m.group(2))) if m else (h, None)


def is_photo(rec):
    ps = rec["paragraphs"]
    return (len(ps) >= 2 and len(ps[-1]) <= 40
            and re.search(r"摄(影报道)?(（[^）]*）)?$", ps[-1]) is not None
            and sum(len(p) for p in ps[:-1]) <= 350)


_CORPUS_CACHE = {}
PAGE_CREDIT = re.compile(r"^(版式设计|美术设计|制图|图表制作|数据来源|本版编辑|本版责编|责任编辑)[:：]")


def load_corpus(path=None):
    """{(date, page): [record, ...]} in corpus order, paragraphs normalised,
    records without text and duplicates dropped."""
    path = str(path or os.environ.get("PDFGEN_CORPUS") or CORPUS)
    if path in _CORPUS_CACHE:
        return _CORPUS_CACHE[path]
    pages = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            r = json.loads(line)
            paras = [norm(p) for p in r.get("paragraphs") or []]
            paras = [p for p in paras if p and not PAGE_CREDIT.match(p)]
            if sum(map(len, paras)) < 60 or not norm(r.get("headline")) or norm(r.get("headline")) == "广告":
                continue                # a page's topic header, an advertisement
            rec = {"date": r["date"], "page": int(r["page"]), "seq": r.get("seq", 0),
                   "kicker": norm(r.get("kicker")) or None, "headline": norm(r["headline"]),
                   "subtitle": norm(r.get("subtitle")) or None, "paragraphs": paras}
            pages.setdefault((rec["date"], rec["page"]), []).append(rec)
    for key, recs in pages.items():
        seen, uniq = set(), []
        for r in sorted(recs, key=lambda r: r["seq"]):
            k = (r["headline"], r["paragraphs"][0])
            if k not in seen:
                seen.add(k)
                uniq.append(r)
        pages[key] = uniq
    _CORPUS_CACHE[path] = pages
    return pages


# ------------------------------------------------------------------ invented furniture and names
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌浩宇晨阳鹏飞婷雪琳晓东海波辉亮雷甫吟菲佳欣怡博睿泽凯瑞源"
LABELS = [("JZ第一视线", "DI YI SHI XIAN"), ("要闻", "YAO WEN"), ("JZ综合新闻", "ZONG HE XIN WEN"),
          ("综合新闻", "ZONG HE XIN WEN"), ("JZ县区", "XIAN QU"), ("国际", "GUO JI"), ("经济", "JING JI"),
          ("社会", "SHE HUI"), ("文化", "WEN HUA"), ("评论", "PING LUN"), ("理论", "LI LUN"),
          ("民生", "MIN SHENG"), ("JZ时评", "SHI PING"), ("视点", "SHI DIAN"), ("JZ专题", "ZHUAN TI"),
          ("体育", "TI YU"), ("JZ城事", "CHENG SHI")]
BANNERS = ["就地过年 暖在身边", "奋进新征程 建功新时代", "学党史 办实事", "我为群众办实事", "一线见闻",
           "聚焦两会", "乡村振兴进行时", "文明城市 你我共建", "决胜全面小康", "抗击疫情 我们在行动",
           "记者走基层", "新春走基层", "身边的感动", "创新驱动 转型发展", "绿水青山", "今日关注"]
PHOTO_TITLES = ["抓时节 忙养护", "春意浓", "迎新春", "冬日暖阳", "巧手剪窗花", "备春耕", "雪后初晴",
                "年味渐浓", "志愿服务暖人心", "红灯笼 映新春", "田间忙", "护航春运", "坚守", "送温暖",
                "棚里春色", "消杀 不停"]
PAPERS = [("晋中日报", "JINZHONG RIBAO"), ("晋中日报", "JINZHONG DAILY"), ("晋中晚报", "JINZHONG WANBAO")]
WEEKDAYS = "一二三四五六日"


def person(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 1, 2])))


def spaced_name(name, rng, p=0.4):
    """'曹伟' -> '曹 伟' (a two-character name letter-spaced to three ems), sometimes."""
    return " ".join(name) if len(name) == 2 and rng.random() < p else name


# ------------------------------------------------------------------ fonts and metrics
_FONTS = {}


def fonts():
    """Register the fonts once: WQY (embedded TrueType) and STSong-Light (CID, not embedded)."""
    if not _FONTS:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfbase.ttfonts import TTFont
        names = []
        if os.path.exists(WQY):
            pdfmetrics.registerFont(TTFont("WQY", WQY, subfontIndex=0))
            names.append("WQY")
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        names.append("STSong-Light")
        _FONTS["names"] = names
        _FONTS["widths"] = {n: {} for n in names}
        _FONTS["metrics"] = pdfmetrics
    return _FONTS["names"]


def cw(ch, font):
    """Advance width of one character at size 1."""
    cache = _FONTS["widths"][font]
    w = cache.get(ch)
    if w is None:
        w = cache[ch] = _FONTS["metrics"].stringWidth(ch, font, 1000) / 1000.0
    return w


def sw(s, font, size, cs=0.0):
    return sum(cw(ch, font) for ch in s) * size + cs * len(s)


def wrap(text, font, size, width, first_indent=0.0):
    """Greedy hard wrap into [(start, end)] character ranges of text.  Latin
    words and numbers are unbreakable; closing punctuation never starts a
    line and opening punctuation never ends one (the character before is
    pushed down with it: no line runs past the column); spaces at a break
    vanish."""
    toks = [(m.start(), m.end(), sum(cw(c, font) for c in m.group()) * size)
            for m in TOKEN.finditer(text)]

    def tok(j):
        return text[toks[j][0]:toks[j][1]]
    lines, cur, used, limit, i = [], [], 0.0, width - first_indent, 0
    while i < len(toks):
        t, w = tok(i), toks[i][2]
        if not cur and t == " ":
            i += 1
            continue
        if cur and used + w > limit + 0.01:
            carry = []
            if t[0] in NO_START:
                while len(cur) > 1:
                    carry.insert(0, cur.pop())
                    c = tok(carry[0])
                    if c != " " and c[0] not in NO_START:
                        break
            while len(cur) > 1 and tok(cur[-1])[-1] in NO_END:
                carry.insert(0, cur.pop())
            while len(cur) > 1 and tok(cur[-1]) == " ":
                cur.pop()
            lines.append((toks[cur[0]][0], toks[cur[-1]][1]))
            while carry and tok(carry[0]) == " ":
                carry.pop(0)
            cur, limit = carry, width
            used = sum(toks[j][2] for j in carry)
            if t == " ":
                i += 1
                continue
        cur.append(i)
        used += w
        i += 1
    while len(cur) > 1 and tok(cur[-1]) == " ":
        cur.pop()
    if cur:
        lines.append((toks[cur[0]][0], toks[cur[-1]][1]))
    return lines


# ------------------------------------------------------------------ printed lines and frames
class Line:
    """One printed line: its text and look, and which characters of which
    paragraph of which item it carries (end: offset in the paragraph)."""
    __slots__ = ("text", "font", "size", "kind", "height", "item", "para", "end", "x", "align",
                 "justify", "cs", "bold", "before", "gray", "pad")

    def __init__(self, text, font, size, kind, leading=1.4, item=None, para=None, end=None, x=0.0,
                 align="left", justify=False, cs=0.0, bold=None, before=0.0, gray=0.0):
        self.text, self.font, self.size, self.kind = text, font, size, kind
        self.height = size * leading
        self.item, self.para, self.end = item, para, end
        self.x, self.align, self.justify, self.cs, self.bold = x, align, justify, cs, bold
        self.before, self.gray = before, gray
        self.pad = 0.0                  # room kept free on both sides of the box


class Frame:
    """What a layout program keeps together (a text frame, a picture, a rule);
    frames go into the PDF's content stream in an order of their own."""
    __slots__ = ("kind", "item", "ops", "lines")

    def __init__(self, kind, item=None):
        self.kind, self.item, self.ops, self.lines = kind, item, [], []


def height_of(lines):
    """Height of lines stacked in one column (no space before the first)."""
    return sum(ln.height + (ln.before if i else 0.0) for i, ln in enumerate(lines))


def place_lines(frame, lines, x0, y_top, width0):
    """Set lines top-down from y_top in a box of the given width; returns the
    height used.  A justified line gets its slack as character spacing."""
    y = y_top
    for i, ln in enumerate(lines):
        if i:
            y -= ln.before
        y -= ln.height
        n = len(ln.text)
        w = sw(ln.text, ln.font, ln.size)
        cs = ln.cs
        x, width = x0 + ln.pad, width0 - 2 * ln.pad
        if ln.justify and n > 1:
            cs = min((width - ln.x - w) / (n - 1), ln.size * 0.6)
        total = w + cs * max(n - 1, 0)
        if total > width - ln.x + 0.01 and n > 1:      # never past the column's edge
            cs = (width - ln.x - w) / (n - 1)
            total = width - ln.x
        if ln.align == "center":
            lx = x + max((width - total) / 2, 0.0)
        elif ln.align == "right":
            lx = x + max(width - total, 0.0)
        else:
            lx = x + ln.x
        if ln.kind == "image":                          # a headline set as a picture
            frame.ops.append(("rect", x, y + ln.height * 0.1, width * 0.8, ln.height * 0.8, 0.75, 0))
        if ln.text.strip():
            base = y + (ln.height - ln.size) * 0.5 + ln.size * 0.15
            frame.ops.append(("text", lx, base, ln.text, ln.font, ln.size, cs, ln.bold, ln.gray))
        frame.lines.append(ln)
    return y_top - y


# ------------------------------------------------------------------ items
class Item:
    """A corpus record (or an invented photo) ready to print: paragraphs with
    their gold types, head parts, byline, markers; what was printed of it."""

    def __init__(self, rng, kind):
        self.kind = kind
        self.seed = rng.random()
        self.headline = self.kicker = self.subtitle = self.column = self.dateline = None
        self.head_printed = True        # False: the headline is not text on this page
        self.sub_dashed = False
        self.paras = []                 # [(type, text)]
        self.credit_paras = {}          # index -> credits of a paragraph that is a credit line
        self.lead_credits = []          # of the first paragraph's lead; None = uncertain
        self.byline = None              # (text, "head" | "end")
        self.byline_credits = []
        self.photo_credit = None        # the credit line's text
        self.photo_credits = []
        self.photo_title = None         # [line, ...]
        self.cont_from = None
        self.cut_page = None            # where the rest would go when the text is cut
        self.cont_to = None
        self.layout = {}                # the item's own layout choices (kept across re-layouts)
        self.frames = []

    def size(self):
        return sum(len(p) for _, p in self.paras)

    def gold(self):
        printed, byline, credit_line_ = {}, False, False
        for fr in self.frames:
            for ln in fr.lines:
                if ln.item is not self:
                    continue
                if ln.para is not None:
                    printed[ln.para] = max(printed.get(ln.para, 0), ln.end)
                byline |= ln.kind == "byline"
                credit_line_ |= ln.kind == "photo-credit"
        body, groups = [], []
        if 0 in printed:
            groups.append(self.lead_credits)
        for i, (typ, text) in enumerate(self.paras):
            if i not in printed:
                continue
            if i in self.credit_paras:
                groups.append(self.credit_paras[i])
                continue
            t = clean(text[:printed[i]])
            if t:
                body.append({"type": typ, "text": t})
        if byline:
            groups.append(self.byline_credits)
        if credit_line_:
            groups.append(self.photo_credits)
        g = {"kind": self.kind, "headline": self.headline if self.head_printed else None,
             "kicker": self.kicker, "subtitle": self.subtitle, "column": self.column,
             "dateline": self.dateline if 0 in printed else None,
             "credits": merge_credits(groups), "body": body,
             "continued_to_page": self.cont_to, "continued_from_page": self.cont_from}
        if g["credits"] is None:
            del g["credits"]
        return g


def para_type(p, i, n):
    """A short line without a sentence end, inside the text, is a subhead."""
    if 0 < i < n - 1 and len(p) <= 22 and p[-1] not in TERMINAL and p[-1] not in "：:，,；;、" \
            and not credit_line(p) and not MARKER.search(p):
        return "subhead"
    return "paragraph"


def credit_paras(paras):
    out = {}
    for i, (_, p) in enumerate(paras):
        c = credit_line(p)
        if c is None or c:
            out[i] = c
    return out


def make_article(rng, rec, page_no, part_from=None, start=0, mid=False):
    """An article item; part_from: the rest of a story begun on page part_from,
    from paragraph start (mid: from the middle of the paragraph before it)."""
    it = Item(rng, "article")
    h, tag = split_tag(rec["headline"])
    all_paras = rec["paragraphs"]
    paras = list(all_paras[start:])
    if mid and start > 0:
        prev = all_paras[start - 1]
        cuts = [m.start() for m in re.finditer(r"[，；。]", prev) if 8 < m.start() < len(prev) - 8]
        if cuts:
            paras.insert(0, prev[rng.choice(cuts) + 1:].strip())
            start -= 1
    it.headline = h
    it.cut_page = page_no + rng.randint(1, 4)
    if part_from is not None:
        it.cont_from = part_from
        it.head_printed = rng.random() < 0.7          # the headline repeated, or not
    else:
        it.kicker = rec.get("kicker")
        sub = rec.get("subtitle")
        if sub:
            it.sub_dashed = sub.startswith(("—", "－", "-"))
            it.subtitle = norm(sub).lstrip("—－- ").strip() or None
        it.column = tag
        if not tag and rng.random() < 0.12:
            it.column = rng.choice(BANNERS)
        if not tag and rng.random() < 0.04:
            it.head_printed = False                   # the headline was set as a picture
    n = len(all_paras)
    it.paras = [(para_type(p, i + start, n), p) for i, p in enumerate(paras)]
    it.credit_paras = credit_paras(it.paras)
    if part_from is not None:
        it.lead_credits = []
        return it
    it.dateline, it.lead_credits = lead(paras[0])
    has_lead = bool(it.dateline) or bool(re.match(r"\s*[（(]", paras[0]))
    plain = not has_lead and it.lead_credits == [] and not it.credit_paras
    if plain and rng.random() < 0.3:                  # a local lead: 本报讯（记者 王伟）
        names = [person(rng) for _ in range(rng.choice([1, 1, 2]))]
        helper = person(rng) if rng.random() < 0.25 else None
        sp = rng.choice(["", " "])
        inside = "记者" + sp + "、".join(names) + (rng.choice([" ", "  "]) + "通讯员" + sp + helper
                                                    if helper else "")
        text = rng.choice(["本报讯", "本报讯 ", "本报讯  "]) + "（" + inside + "）" + paras[0]
        it.paras[0] = (it.paras[0][0], text)
        it.lead_credits = ([{"name": x, "role": "记者", "org": "本报"} for x in names]
                           + ([{"name": helper, "role": "通讯员", "org": None}] if helper else []))
    elif plain and rng.random() < 0.35:               # a byline line: 本报记者 王 伟
        names = [person(rng) for _ in range(rng.choice([1, 1, 1, 2]))]
        text = rng.choice(["本报记者 ", "本报记者  ", "本报记者"]) + "  ".join(
            spaced_name(x, rng) for x in names)
        cred = [{"name": x, "role": "记者", "org": "本报"} for x in names]
        if rng.random() < 0.25:
            helper = person(rng)
            text += rng.choice(["  通讯员 ", " 通讯员 "]) + spaced_name(helper, rng, 0.2)
            cred.append({"name": helper, "role": "通讯员", "org": None})
        if rng.random() < 0.08:
            intern = person(rng)
            text += " 实习生 " + intern
            cred.append({"name": intern, "role": "实习生", "org": None})
        it.byline = (text, "head" if rng.random() < 0.75 else "end")
        it.byline_credits = cred
    return it


def title_lines(rng, title):
    parts = title.split(" ")
    if len(parts) == 2 and rng.random() < 0.8:
        return parts                                  # "抓时节" / "忙养护"
    return [title]


def make_photo(rng, rec):
    """A corpus picture: caption paragraphs, a credit line, perhaps a title."""
    it = Item(rng, "photo")
    caption, credit = rec["paragraphs"][:-1], rec["paragraphs"][-1]
    title, _ = split_tag(rec["headline"])
    if title != "图片报道" and len(squash(title)) <= 16 and rng.random() < 0.85:
        it.photo_title = title_lines(rng, title)
        it.headline = " ".join(it.photo_title)
    it.paras = [("paragraph", p) for p in caption]
    it.credit_paras = credit_paras(it.paras)
    it.dateline, it.lead_credits = lead(caption[0])
    it.photo_credits = credit_line(credit, photo_credit=True)
    if it.photo_credits and len(it.photo_credits) == 1:   # one sure name: in the paper's style
        m = PHOTO_CREDIT.match(credit)
        if m and m.group(1):
            credit = "%s记者 %s %s" % (m.group(1), spaced_name(it.photo_credits[0]["name"], rng),
                                       m.group(3))
    it.photo_credit = credit
    return it


SENT = re.compile(r"[^。！？]*[。！？]")


def make_invented_photo(rng, donor):
    """A picture made up from a corpus sentence, an invented credit and title."""
    sents = [x for p in donor["paragraphs"] for x in SENT.findall(p)
             if 25 <= len(x) <= 110 and not MARKER.search(x) and credit_line(x) == []
             and not x.startswith(("”", "’", "，")) and not DATELINE.match(x.strip())
             and not re.search("记者|通讯员|本报讯", x)]
    if not sents:
        return None
    it = Item(rng, "photo")
    k = rng.randrange(len(sents))
    cap = sents[k] + (sents[k + 1] if k + 1 < len(sents) and rng.random() < 0.4 else "")
    if rng.random() < 0.4:
        cap = rng.choice(["图为", "2月%d日，" % int(donor["date"][-2:]), "近日，", "日前，"]) + cap
    it.paras = [("paragraph", cap)]
    name, r = person(rng), rng.random()
    if r < 0.45:
        it.photo_credit, org = "本报记者 %s 摄" % spaced_name(name, rng), "本报"
    elif r < 0.65:
        it.photo_credit, org = "新华社记者 %s 摄" % name, "新华社"
    elif r < 0.85:
        it.photo_credit, org = "%s 摄" % spaced_name(name, rng, 0.2), None
    else:
        it.photo_credit, org = "通讯员 %s 摄" % name, None
    it.photo_credits = [{"name": name, "role": "摄影", "org": org}]
    if rng.random() < 0.7:
        it.photo_title = title_lines(rng, rng.choice(PHOTO_TITLES))
        it.headline = " ".join(it.photo_title)
    return it


# ------------------------------------------------------------------ the page
class Style:
    """What a page designer decides once for the whole page."""

    def __init__(self, r, names):
        self.size_name, self.W, self.H = r.choice([("A4", 595, 842), ("A3", 842, 1191),
                                                   ("broadsheet", 930, 1460), ("tabloid", 792, 1224),
                                                   ("A3", 842, 1191), ("berliner", 890, 1330)])
        self.margin = r.uniform(22, 42)
        self.fs = round(r.uniform(8, 11) * 2) / 2
        if self.size_name == "A4":
            self.fs = min(self.fs, 9.5)
        self.leading = r.uniform(1.2, 1.45)
        if r.random() < 0.25:
            self.leading = r.uniform(1.18, 1.28)       # tight, room for paragraph spacing
        self.gutter = self.fs * r.uniform(1.1, 1.8)     # under an em, pdftotext may join columns
        inner = self.W - 2 * self.margin
        fit = [n for n in range(3, 8) if 8.5 <= (inner - (n - 1) * self.gutter) / n / self.fs <= 24]
        self.ncols = r.choice(fit or [3])
        self.colw = (inner - (self.ncols - 1) * self.gutter) / self.ncols
        self.body_font = names[0] if len(names) == 1 or r.random() < 0.75 else names[1]
        self.head_font = r.choice(names)
        self.indent = r.choices(["offset", "ideographic", "none"], [0.6, 0.2, 0.2])[0]
        # extra space between paragraphs; a baseline distance past 1.5 em would
        # make pdftotext cut every paragraph into a block of its own
        room = max(0.0, 1.47 - self.leading)
        self.para_gap = self.fs * r.uniform(0.5, 1.0) * room if self.indent == "none" else (
            self.fs * r.uniform(0.3, 1.0) * room if r.random() < 0.2 else 0.0)
        self.justify = r.random() < 0.8
        # loose setting: lines broken short of the measure and justified to it
        # (wide letter gaps, which extraction tools may print as spaces)
        self.slack = r.choice([0.0, 0.0, 0.0, 0.6, 1.2]) * self.fs if self.justify else 0.0
        self.bold = r.choice(["stroke", "double", "none", "stroke"])
        self.col_rules = r.random() < 0.4
        self.row_rules = r.random() < 0.7
        self.order = r.choices(["layout", "furniture-last", "heads-first", "shuffled", "body-first"],
                               [0.35, 0.2, 0.15, 0.2, 0.1])[0]
        self.head_align = r.choice(["center", "left", "center"])
        self.caption_fs = self.fs * r.uniform(0.85, 1.0)
        self.fill_flow = r.random() < 0.4             # flow short modules to the row's height

    def summary(self):
        return {"size": self.size_name, "columns": self.ncols, "body_pt": self.fs,
                "leading": round(self.leading, 2), "chars_per_column": int(self.colw / self.fs),
                "body_font": self.body_font, "head_font": self.head_font, "indent": self.indent,
                "justify": self.justify, "loose_em": round(self.slack / self.fs, 1), "bold": self.bold,
                "draw_order": self.order,
                "column_rules": self.col_rules}


class PageMaker:
    def __init__(self, rng, style, page_no, date, label):
        self.r, self.s, self.page_no, self.date, self.label = rng, style, page_no, date, label
        self.items = []                 # items placed, in placement order
        self.banned = set()             # column edges no module may have (see partition)
        self.frames = []                # item frames and rules
        self.furniture = []             # furniture frames

    # -------------------------------------------------- text of an item
    def body_lines(self, it, width, size=None, font=None):
        s, r = self.s, random.Random(it.seed + 1)
        size, font = size or s.fs, font or s.body_font
        out = []
        marker = "（上接第%d版）" % it.cont_from if it.cont_from else ""
        inline = marker and r.random() < 0.5
        if marker and not inline:
            out.append(Line(marker, font, size, "marker", s.leading, item=it,
                            align=r.choice(["left", "right", "left"])))
        for i, (typ, text) in enumerate(it.paras):
            before = s.para_gap if i else 0.0
            if i in it.credit_paras:
                al = r.choice(["right", "left"])
                for a, b in wrap(text, font, size, width):
                    out.append(Line(text[a:b], font, size, "credit", s.leading, item=it, para=i, end=b,
                                    align=al, before=before if a == 0 else 0.0))
                continue
            if typ == "subhead":
                ss = size * r.choice([1.0, 1.15, 1.3])
                al = r.choice(["left", "center"])
                for a, b in wrap(text, font, ss, width):
                    out.append(Line(text[a:b], font, ss, "subhead", s.leading, item=it, para=i, end=b,
                                    align=al, bold="stroke" if s.bold != "none" else None,
                                    before=size * 0.4 if a == 0 else 0.0))
                continue
            prefix = marker if i == 0 and inline else ""
            first_x = 0.0
            if s.indent == "offset":
                first_x = 2 * size
            elif s.indent == "ideographic":
                prefix += "\u3000\u3000"
            full = prefix + text
            for a, b in wrap(full, font, size, width - s.slack, first_x):
                out.append(Line(full[a:b], font, size, "para", s.leading, item=it, para=i,
                                end=min(max(b - len(prefix), 0), len(text)),
                                x=first_x if a == 0 else 0.0, justify=s.justify,
                                before=before if a == 0 else 0.0))
            out[-1].justify = False                      # a paragraph's last line is not
        if it.byline and it.byline[1] == "end":
            out += [Line(it.byline[0][a:b], font, size, "byline", s.leading, item=it, align="right")
                    for a, b in wrap(it.byline[0], font, size, width)]
        return out

    def head_lines(self, it, width, beside=False):
        """Banner, kicker, headline, subtitle and byline as lines of a box.
        Above a module each line keeps 0.6 em free on both sides: pdftotext
        joins a line to its neighbour's when they are less than an em apart."""
        s, r = self.s, random.Random(it.seed + 2)
        fs, font = s.fs, s.head_font
        lines = []
        align = "left" if beside else (s.head_align if r.random() < 0.8 else r.choice(["left", "center"]))
        bold = None if s.bold == "none" or r.random() < 0.15 else s.bold

        def add(text, size, kind, leading, cs=0.0, **kw):
            pad = 0.0 if beside else 0.6 * size
            for a, b in wrap(text, kw.pop("wfont", font), size + cs, width - 2 * pad):
                ln = Line(text[a:b], kw.get("lfont", font), size, kind, leading, item=it, cs=cs,
                          **{k: v for k, v in kw.items() if k != "lfont"})
                ln.pad = pad
                lines.append(ln)
                kw["before"] = 0.0
        if it.column:
            bs = fs * (r.uniform(1.1, 1.5) if not beside else 1.1)
            add(it.column, bs, "banner", 1.9, align=r.choice(["left", "center"]) if not beside else "left",
                bold="double" if r.random() < 0.25 else None)
        if it.kicker:
            add(it.kicker, fs * r.uniform(1.1, 1.5), "kicker", 1.35, align=align)
        if it.head_printed and it.headline:
            hs = fs * (r.uniform(1.6, 3.0) if not beside else r.uniform(1.5, 2.4))
            text = it.headline
            n = len(squash(text))
            cs = hs * r.uniform(0.15, 0.8) if n <= 10 and r.random() < 0.35 else 0.0
            if n <= 10 and r.random() < 0.1:
                text = " ".join(squash(text))             # letter-spaced with real spaces
            hw = width if beside else width - 1.2 * hs
            parts = self.split_headline(text, hs, hw, cs, r, beside)
            while len(parts) > 3 and hs > fs * 1.4 and not beside:
                hs *= 0.85
                hw = width - 1.2 * hs
                parts = self.split_headline(text, hs, hw, cs, r, beside)
            for j, p in enumerate(parts):
                ln = Line(p, font, hs, "headline", 1.25, item=it, align=align, cs=cs,
                          bold=bold, before=fs * 0.3 if j == 0 and lines else 0.0)
                ln.pad = 0.0 if beside else 0.6 * hs
                lines.append(ln)
        elif not it.head_printed and not it.cont_from:
            lines.append(Line("", font, fs * 2.5, "image", 1.3, item=it))   # a headline picture
        if it.subtitle:
            dash = it.sub_dashed or r.random() < 0.2
            text = (r.choice(["——", "—— ", "——"]) if dash else "") + it.subtitle
            add(text, fs * r.uniform(1.05, 1.5), "subtitle", 1.4, align=align)
        if it.byline and it.byline[1] == "head":
            al = r.choice(["left", "center", "right"]) if not beside else "left"
            add(it.byline[0], fs * r.uniform(0.95, 1.15), "byline", 1.5, align=al, before=fs * 0.3,
                wfont=s.body_font, lfont=s.body_font)
        return lines

    def split_headline(self, text, hs, width, cs, r, beside):
        font = self.s.head_font
        if sw(text, font, hs, cs) <= width and not beside and not (" " in text and r.random() < 0.3):
            return [text]
        if " " in text.strip() and not beside and not cs:
            parts = text.split(" ")
            if len(parts) <= 3 and all(sw(p, font, hs) <= width for p in parts):
                return parts
        if not beside and r.random() < 0.3 and len(text) > 8:       # balanced two lines
            k = (len(text) + 1) // 2
            while k < len(text) and text[k] in NO_START:
                k += 1
            a, b = text[:k].strip(), text[k:].strip()
            if a and b and sw(a, font, hs, cs) <= width and sw(b, font, hs, cs) <= width:
                return [a, b]
        return [text[a:b] for a, b in wrap(text, font, hs + cs, width)]

    # -------------------------------------------------- columns
    def flow(self, lines, ncols, col_h=None, whole=False):
        """Lines into ncols columns, balanced (col_h None) or each filled to
        col_h; returns (columns, lines that did not fit).  whole: a column
        ends only where a paragraph does (ragged column feet)."""
        if not lines:
            return [[] for _ in range(ncols)], []
        target = height_of(lines) / ncols if col_h is None else col_h
        starts = [i == 0 or ln.para is None or ln.para != lines[i - 1].para for i, ln in enumerate(lines)]
        unit_h = [0.0] * len(lines)               # height of the paragraph a line starts
        k = len(lines)
        for i in range(len(lines) - 1, -1, -1):
            if starts[i]:
                unit_h[i] = height_of(lines[i:k])
                k = i
        cols, cur, h = [], [], 0.0
        for i, ln in enumerate(lines):
            add = ln.height + (ln.before if cur else 0.0)
            more = len(cols) < ncols - 1
            if whole:
                brk = cur and starts[i] and more and (
                    h + unit_h[i] > target + 0.01 if col_h is not None else h + unit_h[i] / 2 > target)
                if col_h is not None and starts[i] and not more and cur and h + unit_h[i] > col_h + 0.01:
                    cols.append(cur)
                    return cols + [[] for _ in range(ncols - len(cols))], lines[i:]
            else:
                brk = cur and more and (
                    h + add > target + 0.01 if col_h is not None else h + add / 2 > target)
            if brk:
                cols.append(cur)
                cur, h, add = [], 0.0, ln.height
            if col_h is not None and h + add > col_h + 0.01:
                cols.append(cur)
                return cols + [[] for _ in range(ncols - len(cols))], lines[i:]
            cur.append(ln)
            h += add
        cols.append(cur)
        return cols + [[] for _ in range(ncols - len(cols))], []

    def cut(self, it, columns, col_h, colw):
        """The text does not fit: end this part with '（下转第N版）'."""
        s, r = self.s, random.Random(it.seed + 5)
        mark = Line("（下转第%d版）" % it.cut_page, s.body_font, s.fs, "marker", s.leading, item=it,
                    align="right")
        k = max(j for j, c in enumerate(columns) if c) if any(columns) else 0
        last = columns[k]
        while last and height_of(last + [mark]) > col_h + 0.01:
            last.pop()
        while last and last[-1].kind in ("subhead", "credit", "byline", "marker"):
            last.pop()                     # a part does not end with a subhead or a credit
        if not any(ln.kind == "para" for c in columns for ln in c):
            return False
        it.cont_to = it.cut_page
        if last and last[-1].kind == "para" and r.random() < 0.5 and \
                sw(last[-1].text + mark.text, last[-1].font, last[-1].size) <= colw:
            ln = last[-1]                  # the marker ends the last line
            extra = Line(ln.text + mark.text, ln.font, ln.size, "para", 1.0, item=it, para=ln.para,
                         end=ln.end, x=ln.x, before=ln.before)
            extra.height = ln.height
            last[-1] = extra
        else:
            last.append(mark)
        return True

    # -------------------------------------------------- an article in its box
    def layout_article(self, it, x, width, y_top, max_h=None, fill_h=None):
        """Lay the article out in a box from y_top down; returns (height, frames),
        or (None, []) when it cannot be printed in max_h.  Text that does not
        fit in max_h is cut and ends '（下转第N版）'."""
        s = self.s
        span = max(1, round((width + s.gutter) / (s.colw + s.gutter)))
        L = it.layout
        if "head" not in L:
            r = random.Random(it.seed + 3)
            choices, weights = ["top", "beside", "below"], [0.76, 0.16, 0.08]
            if span < 2 or not it.head_printed or it.cont_from:
                choices, weights = ["top"], [1]
            L["head"] = r.choices(choices, weights)[0]
            L["beside_w"] = r.choice(["column", "narrow", "vertical"])
            L["beside_side"] = "left" if r.random() < 0.8 else "right"
            L["measure"] = r.choices([0, -1, 1], [0.55, 0.3, 0.15])[0]   # columns off the grid
            L["whole"] = r.random() < 0.25          # columns end where paragraphs do
        it.cont_to = None
        head_f, body_f = Frame("head", it), Frame("body", it)
        gap = s.fs * 0.7
        where = L["head"] if span >= 2 else "top"
        if where == "beside":
            hw = {"column": s.colw, "narrow": s.colw * 0.6,
                  "vertical": s.fs * 3.0}[L["beside_w"]]
            hl = self.head_lines(it, hw, beside=True)
            if L["beside_w"] == "vertical":
                for ln in hl:
                    ln.cs = 0.0
            body_w = width - hw - s.gutter
            kb = max(1, round((body_w + s.gutter) / (s.colw + s.gutter)))
            bcw = (body_w - (kb - 1) * s.gutter) / kb
            left = L["beside_side"] == "left"
            bx, hx = (x + hw + s.gutter, x) if left else (x, x + body_w + s.gutter)
            head_h = height_of(hl)
            if max_h is not None and head_h > max_h:
                return None, []
            body = self.body_lines(it, bcw)
            col_h = max_h if max_h is not None else (fill_h if fill_h and kb > 1 else None)
            columns, over = self.flow(body, kb, col_h, L.get("whole"))
            if over and (max_h is None or not self.cut(it, columns, col_h, bcw)):
                return None, []
            body_h = max(height_of(c) for c in columns)
            place_lines(head_f, hl, hx, y_top, hw)
            xs = [bx + j * (bcw + s.gutter) for j in range(kb)]
            for cx, c in zip(xs, columns):
                place_lines(body_f, c, cx, y_top, bcw)
            h = max(head_h, body_h)
            self.col_rules(body_f, xs, y_top, h)
            return h, [head_f, body_f]
        hl = self.head_lines(it, width)
        head_h = height_of(hl) + (gap if hl else 0.0)
        # the body's columns: the page's grid, or a measure of the module's own
        # (one column fewer or more over the same width)
        kb = span
        if span > 1 and L.get("measure"):
            k2 = span + L["measure"]
            w2 = (width - (k2 - 1) * s.gutter) / max(k2, 1)
            if k2 >= 1 and 7.5 <= w2 / s.fs <= 30:
                kb = k2
        bcw = (width - (kb - 1) * s.gutter) / kb
        body = self.body_lines(it, bcw)
        col_h = None
        if max_h is not None:
            col_h = max_h - head_h
            if col_h < s.fs * s.leading * 3:
                return None, []
        elif fill_h and kb > 1:
            col_h = fill_h - head_h
        columns, over = self.flow(body, kb, col_h, L.get("whole"))
        if over and (max_h is None or not self.cut(it, columns, col_h, bcw)):
            if max_h is None:              # fill_h too small: balanced instead
                columns, over = self.flow(body, kb, None, L.get("whole"))
            else:
                return None, []
        body_h = max(height_of(c) for c in columns)
        xs = [x + j * (bcw + s.gutter) for j in range(kb)]
        if where == "top":
            by = y_top - head_h
            self.banner_box(head_f, hl, x, y_top, width)
            place_lines(head_f, hl, x, y_top, width)
        else:
            by = y_top
            place_lines(head_f, hl, x, y_top - body_h - gap, width)
        for cx, c in zip(xs, columns):
            place_lines(body_f, c, cx, by, bcw)
        self.col_rules(body_f, xs, by, body_h)
        return head_h + body_h, [head_f, body_f]

    def col_rules(self, frame, xs, y_top, h):
        if self.s.col_rules and h > 0:
            for cx in xs[1:]:
                gx = cx - self.s.gutter / 2
                frame.ops.append(("line", gx, y_top, gx, y_top - h, 0.3))

    def banner_box(self, frame, lines, x, y_top, width):
        """A box round a column banner (栏目)."""
        y = y_top
        for i, ln in enumerate(lines):
            y -= ln.height + (ln.before if i else 0.0)
            if ln.kind == "banner":
                w = sw(ln.text, ln.font, ln.size) + ln.size * 0.8
                bx = x + (width - w + ln.size * 0.8) / 2 if ln.align == "center" else x + ln.pad
                frame.ops.append(("rect", bx - ln.size * 0.4, y + ln.height * 0.1, w, ln.height * 0.8,
                                  None, 0.6))

    # -------------------------------------------------- a photo in its box
    def layout_photo(self, it, x, width, y_top, max_h=None, fill_h=None):
        s = self.s
        r = random.Random(it.seed + 4)
        L = it.layout
        wide = width > s.colw * 1.5
        if "photo" not in L:
            L["photo"] = r.choices(["below", "beside"], [0.75, 0.25])[0] if wide else "below"
            L["title"] = r.choices(["above", "overlay", "beside", "below", "caption-left"],
                                   [0.35, 0.15, 0.15, 0.2, 0.15])[0]
            L["ratio"] = r.uniform(0.45, 0.75) if wide else r.uniform(0.7, 1.2)
            L["credit"] = r.choices(["line", "attached", "first"], [0.6, 0.3, 0.1])[0]
            L["gray"] = r.uniform(0.5, 0.85)
            L["font"] = s.body_font if r.random() < 0.7 else s.head_font
        img_f, cap_f, title_f = Frame("photo", it), Frame("body", it), Frame("head", it)
        fs, font = s.caption_fs, L["font"]
        titles = []
        if it.photo_title:
            ts = s.fs * r.uniform(1.3, 2.0)
            al = r.choice(["left", "center"])
            titles = [Line(t, s.head_font, ts, "title", 1.3, item=it, align=al,
                           bold=None if s.bold == "none" else "stroke") for t in it.photo_title]
        beside = L["photo"] == "beside" and wide
        if beside:
            img_w = width * r.uniform(0.55, 0.7)
            txt_w = width - img_w - s.gutter
        else:
            img_w = txt_w = width
        where = L["title"]
        if where == "beside" and not beside:
            where = "below"
        tw = 0.0
        if where == "caption-left" and titles:
            tw = max(sw(t.text, t.font, t.size) for t in titles) + s.fs * 0.5
            if tw > txt_w * 0.4:
                where = "above"
        cap_w = txt_w - tw - s.fs if where == "caption-left" else txt_w
        cap = []
        attached = L["credit"] == "attached"
        last_i = max([j for j in range(len(it.paras)) if j not in it.credit_paras] or [0])
        for i, (_, text) in enumerate(it.paras):
            if i in it.credit_paras:
                for a, b in wrap(text, font, fs, cap_w):
                    cap.append(Line(text[a:b], font, fs, "credit", s.leading, item=it, para=i, end=b,
                                    align="right"))
                continue
            pre = "\u3000\u3000" if s.indent == "ideographic" else ""
            full = pre + text + ("\u3000" + it.photo_credit if attached and i == last_i else "")
            x0 = 2 * fs if s.indent == "offset" and r.random() < 0.6 else 0.0
            for a, b in wrap(full, font, fs, cap_w, x0):
                cap.append(Line(full[a:b], font, fs, "para", s.leading, item=it, para=i,
                                end=min(max(b - len(pre), 0), len(text)), x=x0 if a == 0 else 0.0,
                                justify=s.justify))
            cap[-1].justify = False
            if attached and i == last_i:
                cap[-1].kind = "photo-credit"            # carries the credit too
        if not attached:
            al = r.choice(["right", "right", "left"])
            cl = [Line(it.photo_credit[a:b], font, fs, "photo-credit", s.leading, item=it, align=al)
                  for a, b in wrap(it.photo_credit, font, fs, cap_w)]
            cap = cl + cap if L["credit"] == "first" and not beside else cap + cl
        img_h = img_w * L["ratio"]
        title_h = height_of(titles) + (s.fs * 0.4 if titles else 0.0)
        y = y_top
        if where == "above":
            place_lines(title_f, titles, x, y, width)
            y -= title_h
        img_y = y
        img_f.ops.append(("rect", x, y - img_h, img_w, img_h, L["gray"], 0))
        for _ in range(r.randint(0, 4)):                   # shapes in the picture
            rx, ry = r.uniform(0, img_w * 0.7), r.uniform(0, img_h * 0.7)
            img_f.ops.append(("rect", x + rx, y - img_h + ry, r.uniform(5, img_w - rx),
                              r.uniform(5, img_h - ry), r.uniform(0.2, 0.95), 0))
        if where == "overlay" and titles:
            for ln in titles:
                ln.gray = 1.0
            place_lines(title_f, titles, x + s.fs * 0.6, y - img_h + title_h + s.fs * 0.2,
                        img_w - s.fs * 1.2)
        if beside:
            tx, ty = x + img_w + s.gutter, img_y
            if where == "beside":
                place_lines(title_f, titles, tx, ty, txt_w)
                ty -= title_h
            ch = place_lines(cap_f, cap, tx, ty, cap_w)
            y = min(img_y - img_h, ty - ch)
            if where in ("below", "caption-left"):
                y -= s.fs * 0.3
                place_lines(title_f, titles, x, y, width)
                y -= title_h
        else:
            y -= img_h + s.fs * 0.4
            if where == "caption-left" and titles:
                place_lines(title_f, titles, x, y, tw)
                ch = place_lines(cap_f, cap, x + tw + s.fs, y, cap_w)
                y -= max(ch, title_h)
            else:
                y -= place_lines(cap_f, cap, x, y, cap_w)
                if where in ("below", "beside"):
                    y -= s.fs * 0.3
                    place_lines(title_f, titles, x, y, width)
                    y -= title_h
        h = y_top - y
        if max_h is not None and h > max_h + 0.01:
            return None, []
        return h, [img_f, title_f, cap_f]

    def layout(self, it, x, width, y_top, max_h=None, fill_h=None):
        if it.kind == "photo":
            return self.layout_photo(it, x, width, y_top, max_h, fill_h)
        return self.layout_article(it, x, width, y_top, max_h, fill_h)

    # -------------------------------------------------- modules, rows
    def partition(self, banned):
        """Module widths across a row, left to right.  No module edge falls
        inside a module above it whose text flows over several columns:
        pdftotext would read what stands under that module's first columns
        before its last ones."""
        n, r = self.s.ncols, self.r
        allowed = [c for c in range(1, n) if c not in banned]
        m = min(len(allowed) + 1, r.choices([1, 2, 3, 4], [0.2, 0.4, 0.3, 0.1])[0])
        cuts = sorted(r.sample(allowed, m - 1))
        return [b - a for a, b in zip([0] + cuts, cuts + [n])]

    def span_x(self, col, span):
        s = self.s
        return s.margin + col * (s.colw + s.gutter), span * s.colw + (span - 1) * s.gutter

    def compose(self, pool, top, bottom):
        """Fill the body area with rows of modules, top to bottom."""
        s, r = self.s, self.r
        y = top
        line_h = s.fs * s.leading
        banned = self.banned
        while pool and y - bottom > line_h * 6:
            parts = self.partition(banned)
            take = pool[:len(parts)]
            if len(take) < len(parts):               # fewer items than modules: widen the last
                parts = parts[:len(take) - 1] + [sum(parts[len(take) - 1:])]
            del pool[:len(take)]
            # the wider modules for the longer texts
            order = sorted(range(len(take)), key=lambda i: -take[i].size())
            slots = sorted(range(len(parts)), key=lambda k: (-parts[k], r.random()))
            item_at = {slot: take[i] for slot, i in zip(slots, order)}
            modules, col = [], 0
            for k, span in enumerate(parts):
                modules.append([col, span, item_at[k]])
                col += span
            banned = set()
            remaining = y - bottom
            nat = []
            for col, span, it in modules:
                x, w = self.span_x(col, span)
                h, _ = self.layout(it, x, w, y)
                nat.append(h)
            row_h = min(max(nat), remaining)
            if r.random() < 0.1 and len(nat) > 1 and sorted(nat)[-2] > line_h * 8:
                row_h = min(row_h, max(sorted(nat)[-2], max(nat) * 0.6))   # cut the tallest
            placed_any = False
            for (col, span, it), nh in zip(modules, nat):
                x, w = self.span_x(col, span)
                fill = row_h if s.fill_flow and nh < row_h - line_h * 4 else None
                h, frames = self.layout(it, x, w, y, max_h=row_h if nh > row_h + 0.01 else None,
                                        fill_h=fill)
                if h is None:
                    continue
                self.add(it, frames)
                if it.kind == "article" and span > 1:
                    banned.update(range(col + 1, col + span))
                placed_any = True
                yy, slack = y - h, row_h - h
                tries = 0
                while slack > line_h * 6 and pool and tries < 3:     # stack short items under it
                    cand = None
                    for j, c in enumerate(pool[:8]):
                        ch, _ = self.layout(c, x, w, yy - line_h)
                        if ch is not None and ch <= slack - line_h:
                            cand = j
                            break
                    tries += 1
                    if cand is None:
                        break
                    c = pool.pop(cand)
                    ch, frames = self.layout(c, x, w, yy - line_h)
                    rule = Frame("rule")
                    if s.row_rules:
                        rule.ops.append(("line", x, yy - line_h * 0.5, x + w, yy - line_h * 0.5, 0.4))
                    self.frames.append(rule)
                    self.add(c, frames)
                    yy -= ch + line_h
                    slack -= ch + line_h
            if not placed_any and not pool:
                break
            # rules: between the modules of the row, and under it
            rule = Frame("rule")
            for col, span, it in modules[1:]:
                gx = self.span_x(col, span)[0] - s.gutter / 2
                rule.ops.append(("line", gx, y, gx, y - row_h, 0.5))
            y -= row_h + line_h * 0.6
            if s.row_rules:
                rule.ops.append(("line", s.margin, y + line_h * 0.3, s.W - s.margin, y + line_h * 0.3,
                                 r.choice([0.5, 0.8, 1.2])))
            self.frames.append(rule)
            y -= line_h * 0.4
        self.banned = banned
        return y

    def add(self, it, frames):
        it.frames = frames
        self.items.append(it)
        self.frames.extend(frames)

    # -------------------------------------------------- furniture
    def masthead(self):
        """The top strip: page label and its pinyin, date, page number, paper,
        issue number; returns its height."""
        s, r = self.s, self.r
        label, pinyin = self.label
        d = datetime.date.fromisoformat(self.date)
        date = "%d年%d月%d日" % (d.year, d.month, d.day)
        week = "星期" + WEEKDAYS[d.weekday()]
        paper, paper_py = r.choice(PAPERS)
        issue = "总第%d期" % r.randint(6000, 26000)
        pno = r.choice(["第%d版" % self.page_no, "%02d" % self.page_no, "第 %d 版" % self.page_no])
        f = Frame("furniture")
        font = s.head_font
        top = s.H - s.margin
        x0, x1 = s.margin, s.W - s.margin
        variant = r.choice(["box-left", "strip", "right", "box-left"])
        ls = r.uniform(18, 30)
        small = r.uniform(7, 9.5)
        ops = f.ops
        if variant == "box-left":
            bw = sw(label, font, ls) + ls
            ops.append(("rect", x0, top - ls * 1.6, bw, ls * 1.6, r.choice([0.15, 0.3, 0.0]), 0))
            ops.append(("text", x0 + ls * 0.5, top - ls * 1.15, label, font, ls, 0.0, None, 1.0))
            py_cs = small * r.choice([0.0, 0.0, 0.3])
            where = r.choice(["under", "beside", "far"])
            if where == "under":
                ops.append(("text", x0, top - ls * 1.6 - small * 1.4, pinyin, font, small, py_cs, None, 0.0))
            elif where == "beside":
                ops.append(("text", x0 + bw + small, top - ls * 1.15, pinyin, font, small, py_cs, None, 0.0))
            else:
                ops.append(("text", x1 - sw(pinyin, font, small, py_cs), top - ls * 1.6 - small * 1.4,
                            pinyin, font, small, py_cs, None, 0.0))
            right = [date + " " + week, pno, issue] if r.random() < 0.6 else [date, week, pno]
            yy = top - small * 1.2
            for t in right:
                ops.append(("text", x1 - sw(t, font, small), yy, t, font, small, 0.0, None, 0.0))
                yy -= small * 1.4
            if r.random() < 0.5:
                ps = small * 1.6
                ops.append(("text", (s.W - sw(paper, font, ps)) / 2, top - ps * 1.2, paper, font, ps,
                            0.0, "stroke", 0.0))
            height = ls * 1.6 + small * 2.2
        elif variant == "strip":
            items = [paper, date + " " + week, label, pno]
            if r.random() < 0.5:
                items = [pno, label, date, week, issue]
            gapw = (x1 - x0 - sum(sw(t, font, small * 1.3) for t in items)) / max(len(items) - 1, 1)
            xx = x0
            for t in items:
                size = ls * 0.8 if t == label else small * 1.3
                ops.append(("text", xx, top - ls * 0.8, t, font, size, 0.0, None, 0.0))
                xx += sw(t, font, small * 1.3) + gapw
            ops.append(("text", x0 + r.uniform(0, x1 - x0 - 100), top - ls * 0.8 - small * 1.8, pinyin,
                        font, small, small * 0.2, None, 0.0))
            height = ls * 0.8 + small * 2.6
        else:
            lw = sw(label, font, ls)
            ops.append(("text", x1 - lw, top - ls, label, font, ls, 0.0, "stroke", 0.0))
            ops.append(("text", x1 - lw - sw(pinyin, font, small) - small * 2, top - ls, pinyin, font,
                        small, 0.0, None, 0.0))
            ops.append(("text", x0, top - small * 1.2, date, font, small, 0.0, None, 0.0))
            ops.append(("text", x0, top - small * 2.6, week + "  " + pno, font, small, 0.0, None, 0.0))
            if r.random() < 0.5:
                ops.append(("text", x0, top - small * 4.0, issue, font, small, 0.0, None, 0.0))
            height = ls * 1.3 + small
        ops.append(("line", x0, top - height, x1, top - height, r.choice([0.8, 1.5, 2.5])))
        if r.random() < 0.3:
            ops.append(("line", x0, top - height - 2, x1, top - height - 2, 0.4))
        self.furniture.append(f)
        return height + s.fs * 1.2

    def footer(self):
        """Editors' line, hotlines, address; returns the height used at the
        bottom.  (Set under the last column or across the page: pdftotext
        reads a footer under the first column before the second one.)"""
        s, r = self.s, self.r
        f = Frame("furniture")
        small = s.fs * r.uniform(0.75, 0.95)
        names = [person(r) for _ in range(3)]
        parts = [r.choice(["本版责编 {0}  美编 {1}  校对 {2}", "责任编辑：{0}  版式：{1}  校对：{2}",
                           "本版编辑 {0}", "责编：{0}  美编：{1}  校对：{2}",
                           "本版责编 {0}  版式 {1}"]).format(*names)]
        if r.random() < 0.4:
            parts.append(r.choice(["新闻热线：0354-3028200", "广告热线：0354-3028111",
                                   "投稿邮箱：jzrbnews@163.com", "新闻热线：0354-3028200 3028201"]))
        if r.random() < 0.2:
            parts.append("地址：晋中市榆次区迎宾西街 邮编：030600 印刷：晋中日报社印刷厂")
        where = r.choices(["right", "one-line", "left"], [0.5, 0.4, 0.1])[0]
        if where == "one-line":
            parts = ["    ".join(parts)]
        y = s.margin
        for j, t in enumerate(parts):
            w = sw(t, s.body_font, small)
            xx = s.margin if where == "left" else s.W - s.margin - w
            f.ops.append(("text", xx, y + (len(parts) - 1 - j) * small * 1.4, t, s.body_font, small,
                          0.0, None, 0.0))
        h = small * 1.4 * len(parts)
        f.ops.append(("line", s.margin, y + h + 1, s.W - s.margin, y + h + 1, 0.6))
        self.furniture.append(f)
        return h + s.fs * 1.0

    def advert(self, x, w, y_top, h):
        """A box of advertising or notices where no item fits."""
        r = self.r
        f = Frame("furniture")
        f.ops.append(("rect", x, y_top - h, w, h, None, 1.0))
        lines = [r.choice(["广告", "公告", "遗失声明", "启事"]),
                 r.choice(["晋中市某某商贸有限公司", "榆次区某某家具城", "某某汽车销售服务有限公司"]),
                 r.choice(["新春特惠 全场八折", "诚聘英才", "地址：晋中市榆次区迎宾街", "不慎遗失营业执照副本，声明作废。"]),
                 r.choice(["咨询电话：0354-3028111", "热线：0354-2026666", "联系电话：13903540000"])]
        yy = y_top - self.s.fs * 2
        for t in lines:
            size = self.s.fs * r.uniform(1.0, 1.6)
            if yy - size < y_top - h:
                break
            f.ops.append(("text", x + self.s.fs, yy, t, self.s.body_font, size, 0.0, None, 0.0))
            yy -= size * 1.6
        self.furniture.append(f)

    # -------------------------------------------------- the PDF
    def stream_order(self):
        """The frames in the order the layout program writes them."""
        s, r = self.s, self.r
        items = [fr for fr in self.frames]
        furn = list(self.furniture)
        if s.order == "layout":
            return furn + items
        if s.order == "furniture-last":
            return items + furn
        if s.order == "heads-first":
            heads = [fr for fr in items if fr.kind == "head"]
            rest = [fr for fr in items if fr.kind != "head"]
            return heads + rest + furn if r.random() < 0.5 else furn + heads + rest
        if s.order == "body-first":
            out = []
            for it in self.items:
                out += [fr for fr in it.frames if fr.kind != "head"] + [fr for fr in it.frames if fr.kind == "head"]
            rules = [fr for fr in items if fr.item is None]
            return furn + out + rules
        groups = [list(it.frames) for it in self.items]        # shuffled: items in any order
        r.shuffle(groups)
        for g in groups:
            if r.random() < 0.3:
                g.reverse()
        out = [fr for g in groups for fr in g] + [fr for fr in items if fr.item is None]
        k = r.randint(0, len(out))
        return out[:k] + furn + out[k:]

    def render(self):
        from reportlab.pdfgen import canvas
        s, r = self.s, self.r
        buf = io.BytesIO()
        c = canvas.Canvas(buf, pagesize=(s.W, s.H), invariant=1, pageCompression=1)
        c.setAuthor("pdfgen")
        dx, dy = r.uniform(0.25, 0.6), r.uniform(0.15, 0.4)
        for fr in self.stream_order():
            texts = [op for op in fr.ops if op[0] == "text"]
            for op in fr.ops:
                if op[0] == "rect":
                    _, x, y, w, h, fill, stroke = op
                    if fill is not None:
                        c.setFillGray(fill)
                    c.setLineWidth(stroke or 0.5)
                    c.rect(x, y, w, h, stroke=1 if stroke else 0, fill=1 if fill is not None else 0)
                elif op[0] == "line":
                    c.setLineWidth(op[5])
                    c.line(op[1], op[2], op[3], op[4])
            if not texts:
                continue
            c.saveState()                  # text state (Tr, Tc) must not leak into the next frame
            c.setLineWidth(r.choice([0.3, 0.45, 0.6]))
            to = c.beginText()
            for pass_ in (0, 1):
                for _, x, y, t, font, size, cs, bold, gray in texts:
                    if pass_ and bold != "double":
                        continue
                    to.setFont(font, size)
                    to.setCharSpace(cs)
                    to.setTextRenderMode(2 if bold == "stroke" else 0)
                    to.setFillGray(gray)
                    to.setStrokeGray(gray)
                    to.setTextOrigin(x + (dx if pass_ else 0.0), y + (dy if pass_ else 0.0))
                    if font == "STSong-Light" and "·" in t and "WQY" in _FONTS["names"]:
                        # poppler reads STSong's middle dot as a space: set it in the other font
                        for k, run in enumerate(t.split("·")):
                            if k:
                                to.setFont("WQY", size)
                                to.textOut("·")
                                to.setFont(font, size)
                            to.textOut(run)
                    else:
                        to.textOut(t)
            c.drawText(to)
            c.restoreState()
        c.showPage()
        c.save()
        return buf.getvalue()


# ------------------------------------------------------------------ a page, its gold
def make_pdf_page(rows, rng, page_no=None, date=None, cont_from=None, donors=(), label=None,
                  source=CORPUS.name):
    """Lay the records of one corpus page (rows) out as a PDF page.

    rng: a seeded random.Random; cont_from: (record, paragraph index, page) for
    the rest of a story begun on an earlier page; donors: other records of the
    day, for invented photos and to fill the page.  Returns (pdf_bytes, gold);
    the gold's items are in placement order (see order_items())."""
    names = fonts()
    s = Style(rng, names)
    date = date or rows[0]["date"]
    page_no = page_no or rows[0]["page"]
    label = label or rng.choice(LABELS)
    pm = PageMaker(rng, s, page_no, date, label)
    pool = []
    for rec in rows:
        if is_photo(rec):
            pool.append(make_photo(rng, rec))
        else:
            pool.append(make_article(rng, rec, page_no))
    donors = [d for d in donors if not cont_from or d["headline"] != cont_from[0]["headline"]]
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        if donors:
            ph = make_invented_photo(rng, rng.choice(donors))
            if ph:
                pool.insert(rng.randint(0, len(pool)), ph)
    if cont_from:
        rec, k, from_page = cont_from
        part = make_article(rng, rec, page_no, part_from=from_page, start=k, mid=rng.random() < 0.5)
        pool.insert(rng.randint(0, min(2, len(pool))), part)
    pool = [it for it in pool if any(k not in it.credit_paras for k in range(len(it.paras)))]
    top = s.H - s.margin - pm.masthead()
    bottom = s.margin + pm.footer()
    y = pm.compose(pool, top, bottom)
    extra = [d for d in donors if not is_photo(d)]
    rng.shuffle(extra)
    while y - bottom > (top - bottom) * 0.12 and extra and rng.random() < 0.8:
        pool = [make_article(rng, extra.pop(), page_no)]      # fill the page from the day's others
        y = pm.compose(pool, y, bottom)
    if y - bottom > s.fs * s.leading * 8 and rng.random() < 0.6:
        pm.advert(s.margin, s.W - 2 * s.margin, y, min(y - bottom, s.fs * 12))
    pdf = pm.render()
    items = []
    for it in pm.items:
        g = it.gold()
        if g["body"]:
            items.append(g)
    keep = ("head", "measure", "whole", "photo", "title", "credit")
    gold = {"source": "%s %s page %d (pdfgen)" % (source, date, page_no),
            "page_label": label[0], "items": items,
            "pdf": {"extractor": None, "layout": dict(s.summary(), items=[
                dict({"kind": it.kind}, **{k: v for k, v in it.layout.items() if k in keep})
                for it in pm.items])}}
    return pdf, gold


def order_items(text, gold):
    """Items in the reading order of their first body text in the dump."""
    flat = squash(text)

    def pos(g):
        k = flat.find(squash(g["body"][0]["text"]))
        return k if k >= 0 else len(flat)
    gold["items"] = sorted(gold["items"], key=pos)
    return gold


# ------------------------------------------------------------------ extraction
def have_pdftotext():
    return shutil.which("pdftotext") is not None


def extract(pdf_bytes, extractor):
    """The text layer of a one-page PDF as a tool gives it; only line ends are
    normalised (CR LF -> LF)."""
    if extractor in ("pdftotext", "pdftotext-raw"):
        cmd = ["pdftotext", "-enc", "UTF-8"] + (["-raw"] if extractor == "pdftotext-raw" else []) + ["-", "-"]
        out = subprocess.run(cmd, input=pdf_bytes, capture_output=True, check=True).stdout
        text = out.decode("utf-8")
    elif extractor == "pdfium":
        import pypdfium2 as pdfium
        doc = pdfium.PdfDocument(pdf_bytes)
        try:
            page = doc[0]
            tp = page.get_textpage()
            text = tp.get_text_range()
            tp.close()
            page.close()
        finally:
            doc.close()
    else:
        raise ValueError("unknown extractor %r" % extractor)
    return text.replace("\r\n", "\n")


# ------------------------------------------------------------------ checking
class VerifyError(AssertionError):
    pass


def verify(text, gold, name=""):
    """Every gold text is in the dump (white space ignored), each item's
    paragraphs in order; no marker in a body; no people key."""
    flat = squash(text)

    def check(cond, *what):
        if not cond:
            raise VerifyError((name,) + what)
    check(squash(gold["page_label"]) in flat, "page_label", gold["page_label"])
    check(gold["items"], "no items")
    for it in gold["items"]:
        pos = 0
        check(it["body"], "empty body", it["headline"])
        for b in it["body"]:
            t = squash(b["text"])
            k = flat.find(t, pos)
            check(k >= 0, "body", it["headline"], b["text"][:40])
            pos = k + len(t)
            check(not MARKER.search(b["text"]), "marker in body", b["text"][:40])
            check(b["type"] in ("paragraph", "subhead"), "type", b["type"])
        for f in ("headline", "kicker", "subtitle", "column", "dateline"):
            check(not it[f] or squash(it[f]) in flat, f, it[f])
        for c in it.get("credits") or []:
            check(squash(c["name"]) in flat, "credit", c["name"])
        check("people" not in it, "people")
        check(it["kind"] in ("article", "photo"), "kind")
        for k in ("continued_to_page", "continued_from_page"):
            v = it[k]
            check(v is None or "第%d版" % v in flat, k, v)


# ------------------------------------------------------------------ many pages
def make_pages(n, seed, extractor="mixed", corpus=None, stats=None, max_attempts=20):
    """n pages from the seed: [(stem, text, gold, pdf_bytes)].  A page whose
    dump fails verify() is laid out again from a fresh seed (counted in
    stats["regenerated"] when a dict is given)."""
    pages = load_corpus(corpus)
    keys = sorted(k for k, v in pages.items() if len(v) >= 2)
    by_date = {}
    for k in sorted(pages):
        by_date.setdefault(k[0], []).append(k)
    stats = stats if stats is not None else {}
    stats.setdefault("regenerated", 0)
    stats.setdefault("failures", [])
    out = []
    for k in range(n):
        prng = random.Random("pdfgen:%s:%d" % (seed, k))
        key = prng.choice(keys)
        ex = extractor if extractor != "mixed" else prng.choices(EXTRACTORS, MIXED_WEIGHTS)[0]
        date, page_no = key
        rows = pages[key]
        donors = [r for kk in by_date[date] if kk != key for r in pages[kk]]
        stem = "pdf-%s-%03d" % (seed, k)
        for attempt in range(max_attempts):
            rng = random.Random("pdfgen:%s:%d:%d" % (seed, k, attempt))
            cont = None
            if page_no > 1 and rng.random() < 0.3:     # the rest of a story from an earlier page
                longs = [r for kk in by_date[date] if kk[1] < page_no for r in pages[kk]
                         if len(r["paragraphs"]) >= 6 and not is_photo(r)]
                if longs:
                    src = rng.choice(longs)
                    cont = (src, len(src["paragraphs"]) // 2 + rng.randint(0, 1), src["page"])
            pdf, gold = make_pdf_page(rows, rng, page_no, date, cont, donors,
                                      source=os.path.basename(str(corpus or CORPUS)))
            text = extract(pdf, ex)
            gold = order_items(text, gold)
            gold["pdf"]["extractor"] = ex
            gold["pdf"]["seed"] = "%s:%d:%d" % (seed, k, attempt)
            try:
                verify(text, gold, stem)
                break
            except VerifyError as e:
                stats["regenerated"] += 1
                stats["failures"].append((stem, ex, str(e)[:200]))
        else:
            raise RuntimeError("%s: no layout survived %s in %d attempts" % (stem, ex, max_attempts))
        out.append((stem, text, gold, pdf))
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--pages", type=int, default=12)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--extractor", default="mixed", choices=EXTRACTORS + ("mixed",))
    ap.add_argument("--keep-pdf", action="store_true")
    ap.add_argument("--corpus", default=None, help="default: %s" % CORPUS)
    ap.add_argument("-v", "--verbose", action="store_true", help="why pages were laid out again")
    a = ap.parse_args(argv)
    if a.extractor != "pdfium" and not have_pdftotext():
        sys.exit("pdftotext (poppler-utils) is not installed")
    os.makedirs(a.outdir, exist_ok=True)
    stats = {}
    t0 = time.perf_counter()
    pages = make_pages(a.pages, a.seed, a.extractor, a.corpus, stats)
    elapsed = time.perf_counter() - t0
    for stem, text, gold, pdf in pages:
        base = os.path.join(a.outdir, stem)
        with open(base + ".txt", "w", encoding="utf-8", newline="") as f:
            f.write(text)
        with open(base + ".gold.json", "w", encoding="utf-8") as f:
            json.dump(gold, f, ensure_ascii=False, indent=1)
        if a.keep_pdf:
            with open(base + ".pdf", "wb") as f:
                f.write(pdf)
        its, lay = gold["items"], gold["pdf"]["layout"]
        print("%s %-13s %-10s cols=%d %4.1fpt items=%2d photos=%d to=%s from=%s order=%s" % (
            stem, gold["pdf"]["extractor"], lay["size"], lay["columns"], lay["body_pt"], len(its),
            sum(i["kind"] == "photo" for i in its),
            ",".join(str(i["continued_to_page"]) for i in its if i["continued_to_page"]) or "-",
            ",".join(str(i["continued_from_page"]) for i in its if i["continued_from_page"]) or "-",
            lay["draw_order"]))
    if a.verbose:
        for f in stats["failures"]:
            print("  regenerated:", *f)
    print("%d pages in %.1f s: %.1f pages/s (generation and extraction, one core); "
          "%d layouts regenerated after failing verify" % (
              len(pages), elapsed, len(pages) / elapsed if elapsed else 0, stats["regenerated"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
