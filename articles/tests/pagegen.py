"""Lay out real article text as raw page dumps, with their gold parses.

Used by the parser tests (every style of PAGE_FORMAT.md §1, from the 人民日报
corpus) and by the benchmarks. It writes what a PDF text layer of a printed
page looks like: hard-wrapped columns, headlines above or below their text,
letter-spaced titles, bylines, photos with credits and titles, continuation
markers, page labels, banners and furniture, in several encodings.

It is deliberately independent of the parser: nothing here imports it.

    python -m articles.tests.pagegen OUT_DIR --pages 24 --seed 1
    python -m articles.tests.pagegen articles/tests/pages --suite --seed 2021
"""
import argparse
import json
import os
import random
import re

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "corpus", "rmrb-2020-02.jsonl")

LABELS = [
    ("JZ第一视线", "DI YI SHI XIAN"), ("JZ综合新闻", "ZONG HE XIN WEN"), ("JZ要闻", "YAO WEN"),
    ("JZ时政", "SHI ZHENG"), ("JZ县区新闻", "XIAN QU XIN WEN"), ("JZ文化", "WEN HUA"),
    ("JZ民生", "MIN SHENG"), ("JZ经济", "JING JI"), ("JZ视点", "SHI DIAN"), ("要闻", "YAO WEN"),
    ("综合新闻", "ZONG HE XIN WEN"), ("JZ理论", "LI LUN"),
]
COLUMNS = ["就地过年 暖在身边", "奋进新征程 建功新时代", "学党史 办实事", "我为群众办实事", "一线见闻",
           "聚焦两会", "脱贫攻坚 晋中答卷", "乡村振兴 晋中行动", "文明晋中 你我共建", "决胜全面小康"]
PHOTO_TITLES = ["抓时节 忙养护", "春意浓", "迎新春", "冬日暖阳", "巧手剪窗花", "备春耕", "雪后晋中",
                "年味渐浓", "志愿服务暖人心", "红灯笼 映新春", "田间忙", "护航春运"]
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌浩宇晨阳鹏飞婷雪琳晓东海波辉亮雷甫吟菲"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
EDITORS = ["责编 {a} 美编 {b} 校对 {c}", "责任编辑：{a}  版式：{b}  校对：{c}", "本版责编 {a}"]
HOTLINES = ["新闻热线：0354-3028200", "广告热线：0354-3028111", "投稿邮箱：jzrbnews@163.com"]
MASTHEAD = ["晋中日报", "JINZHONG RIBAO", "{date} 星期{wd}", "农历辛丑年正月初{n}", "总第{no}期 今日8版",
            "国内统一连续出版物号 CN14-0020"]
CLOSING = set("，。、；：！？”’）》…")
TERMINAL = "。！？”"


def load_corpus(path=CORPUS):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            paras = [_tidy(p) for p in r["paragraphs"]]
            paras = [p for p in paras if p and not _is_furniture_paragraph(p)]
            if not paras or sum(len(p) for p in paras) < 120 or r["headline"] in ("广告", "图片报道"):
                continue
            r["paragraphs"] = paras
            rows.append(r)
    return rows


def _tidy(p):
    p = p.replace("\xa0", " ").replace("\u3000", " ").strip()
    return re.sub(r" {2,}", " ", p)


def _is_furniture_paragraph(p):
    return bool(re.match(r"^(?:本报记者|记者|版式设计|制图|数据来源|图为|（本报记者|本报评论员|新华社记者)", p)) or (
        len(p) < 30 and re.search(r"摄$|摄影$|整理$", p))


# ------------------------------------------------------------- wrapping ---

def _vw(ch):
    return 0.5 if ord(ch) < 0x2000 else 1.0


def wrap(text, width, first_short=0):
    """Hard-wrap at `width` em; closing punctuation is never put at a line
    start (it stays on the line before, which then runs over), nor is a
    "——" split."""
    lines, cur, w = [], "", 0.0
    limit = width - first_short
    for ch in text:
        if w + _vw(ch) > limit and cur:
            if ch in CLOSING or (ch == "—" and cur.endswith("—")):
                cur += ch
                w += _vw(ch)
                continue
            lines.append(cur)
            cur, w = "", 0.0
            limit = width
        cur += ch
        w += _vw(ch)
    if cur:
        lines.append(cur)
    return lines


def justify(line, rng):
    """Spread a line the way justified narrow columns come out: spaces between
    characters, digits kept together."""
    tokens = re.findall(r"[0-9.%]+|[A-Za-z]+|.", line)
    return " ".join(tokens) if rng.random() < 0.6 else "".join(
        t + (" " if rng.random() < 0.3 else "") for t in tokens).strip()


def space_digits(line, rng):
    return re.sub(r"(?<=[0-9])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=[0-9])",
                  lambda m: " " if rng.random() < 0.5 else "", line)


# ---------------------------------------------------------------- people ---

def random_name(rng, spaced=False):
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return name


def spaced_name(name):
    return " ".join(name)


# ------------------------------------------------------------------ page ---

class Page:
    def __init__(self, rng, style):
        self.rng = rng
        self.style = style
        self.out = []          # lines; "" is a blank line
        self.items = []        # gold items in reading order

    def blank(self):
        if self.out and self.out[-1] != "":
            self.out.append("")

    def emit(self, lines, gap_before=True):
        if gap_before:
            self.blank()
        self.out.extend(lines)


def _lead_credits(first):
    """Credits of a corpus article's own lead: "新华社北京1月31日电 （记者胡浩）"."""
    m = re.match(r"^(据)?(新华社|本报)([^（(电]{0,12}电)?\s*[（(]((?:记者|本报记者)[^）)]{1,40})[）)]", first)
    if not m:
        m2 = re.match(r"^(据)?(新华社|本报)([^（(电]{0,12}电)", first)
        if m2:
            return (m2.group(0).strip(), [], m2.group(2))
        return None
    org = m.group(2)
    inner = re.sub(r"^(本报)?记者\s*", "", m.group(4))
    names = [n for n in re.split(r"[、，\s]+", inner) if n]
    if not all(2 <= len(n) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", n) for n in names):
        return None
    dateline = ((m.group(1) or "") + org + (m.group(3) or "")) if m.group(3) else None
    return (dateline, [{"name": n, "role": "记者", "org": org} for n in names], org)


def make_article(row, rng, page_no, opts):
    """A laid-out article: dict with its pieces and its gold item."""
    paras = list(row["paragraphs"])
    budget = rng.randint(500, 1600)
    kept, total = [], 0
    for p in paras:
        if total > budget and kept:
            break
        kept.append(p)
        total += len(p)
    paras = kept
    credits, dateline = [], None
    byline_line = None
    native = _lead_credits(paras[0])
    byline_style = rng.choice(["lead", "lead", "line", "line", "none"]) if not native else "native"
    reporter = [random_name(rng) for _ in range(rng.choice((1, 1, 2)))]
    if byline_style == "native":
        dateline, credits, _org = native
        if not credits and rng.random() < 0.5:
            byline_style = "line"
    if byline_style == "lead" and paras[0][-1] not in TERMINAL:
        # A lead goes before prose, not before a subhead.
        byline_style = "line"
    if byline_style == "lead":
        form = rng.choice(["本报讯 （记者 {n}）", "本报讯（记者{n}）", "本报讯 （记者{n} 通讯员{c}）",
                           "本报讯（记者 {sn}）", "本报讯（记者{n} 实习生{c}）"])
        extra = random_name(rng)
        names = "、".join(reporter)
        lead = form.format(n=names, c=extra, sn=spaced_name(reporter[0]))
        if "{sn}" in form:
            reporter = reporter[:1]
        paras[0] = lead + paras[0]
        credits = [{"name": n, "role": "记者", "org": "本报"} for n in reporter]
        if "通讯员" in form:
            credits.append({"name": extra, "role": "通讯员", "org": "本报"})
        if "实习生" in form:
            credits.append({"name": extra, "role": "实习生", "org": "本报"})
    elif byline_style == "line":
        names = reporter
        shown = [spaced_name(n) if len(n) == 2 and rng.random() < 0.4 else n for n in names]
        byline_line = rng.choice(["本报记者 ", "本报记者  ", "记者 "]) + " ".join(shown)
        if rng.random() < 0.25:
            extra = random_name(rng)
            byline_line += " 通讯员 " + extra
            credits = [{"name": n, "role": "记者", "org": "本报"} for n in names] + [
                {"name": extra, "role": "通讯员", "org": "本报"}]
        else:
            credits = [{"name": n, "role": "记者", "org": "本报"} for n in names]
    headless = rng.random() < opts.get("headless", 0.12)
    kicker = None if headless else row.get("kicker")
    subtitle = None if headless else row.get("subtitle")
    headline = None if headless else row["headline"]
    body = []
    for p in paras:
        kind = "subhead" if len(p) <= 22 and p[-1] not in TERMINAL and p[-1] not in "）)" and len(body) > 0 else "paragraph"
        body.append({"type": kind, "text": p})
    if body and body[-1]["type"] == "subhead":
        body.pop()
    gold = {
        "kind": "article", "headline": headline,
        "kicker": kicker.strip() if kicker else None,   # as printed: only a subtitle loses its dashes
        "subtitle": subtitle.lstrip("—").strip() if subtitle else None,
        "column": None, "dateline": dateline, "credits": credits, "body": body,
        "continued_to_page": None, "continued_from_page": None,
    }
    return {"gold": gold, "byline_line": byline_line, "kicker": kicker, "subtitle": subtitle,
            "headline": headline, "width": rng.randint(9, 26)}


def heading_lines(art, rng, opts):
    lines = []
    if art["kicker"]:
        lines.append(art["kicker"])
    if art["headline"]:
        h = art["headline"]
        if opts["spaced_headlines"] and rng.random() < 0.6 and len(h) <= 22:
            h = " ".join(h.replace(" ", "  ")).replace("    ", "  ")
        lines.append(h)
    if art["subtitle"]:
        sub = art["subtitle"]
        if not sub.startswith("—") and rng.random() < 0.5:
            sub = "—— " + sub
        lines.append(sub)
    return lines


def body_lines(art, rng, opts):
    """The printed body: list of lines with "" for blank lines."""
    out = []
    width = art["width"]
    for n, para in enumerate(art["gold"]["body"]):
        text = para["text"]
        if para["type"] == "subhead":
            out.extend(["", text, ""] if opts["para_style"] != "indent" else [text])
            continue
        first_short = 2 if opts["print_indent"] else 0
        lines = wrap(text, width, first_short)
        lines = [justify(ln, rng) if rng.random() < opts["justify"] and not re.search("[A-Za-z]", ln)
                 else space_digits(ln, rng) if opts["digit_spaces"] else ln for ln in lines]
        if opts["para_style"] == "indent":
            lines[0] = rng.choice(["　　", "  ", " "]) + lines[0]
        if len(lines) >= 3 and rng.random() < opts["column_breaks"]:
            cut = rng.randint(1, len(lines) - 1)
            lines.insert(cut, "")
        if out and opts["para_style"] != "indent":
            out.append("")
        out.extend(lines)
    return out


def make_photo(rng, row, opts):
    caption = next((p for p in row["paragraphs"] if 40 <= len(p) <= 160 and p[-1] in "。"), None)
    if caption is None:
        caption = row["paragraphs"][0][:120].rstrip("，、；：") + "。"
    name = random_name(rng)
    form = rng.choice(["本报记者 {n} 摄", "本报记者 {sn} 摄", "{n} 摄", "新华社记者 {n} 摄", "本报通讯员 {n} 摄"])
    credit_line = form.format(n=name, sn=spaced_name(name))
    title = rng.choice(PHOTO_TITLES) if rng.random() < 0.85 else None
    org = "新华社" if "新华社" in form else "本报"
    gold = {"kind": "photo", "headline": title, "kicker": None, "subtitle": None, "column": None,
            "dateline": None, "credits": [{"name": name, "role": "摄影", "org": org}],
            "body": [{"type": "paragraph", "text": caption}], "continued_to_page": None,
            "continued_from_page": None}
    return {"gold": gold, "credit_line": credit_line, "title": title, "width": rng.randint(20, 38)}


def make_page(rows, rng, page_no=None, style=None):
    """One page: (dump text, gold dict)."""
    style = dict(style or {})
    page_no = page_no or rng.randint(1, 8)
    opts = {
        "orientation": style.get("orientation", rng.choice(["before", "after", "mixed"])),
        "para_style": style.get("para_style", rng.choice(["blank", "blank", "indent", "double"])),
        "justify": style.get("justify", rng.choice([0.0, 0.05, 0.15])),
        "digit_spaces": style.get("digit_spaces", rng.random() < 0.5),
        "column_breaks": style.get("column_breaks", rng.choice([0.0, 0.15, 0.3])),
        "spaced_headlines": style.get("spaced_headlines", rng.random() < 0.6),
        "print_indent": style.get("print_indent", rng.random() < 0.5),
        "halfwidth": style.get("halfwidth", rng.random() < 0.3),
        "headless": style.get("headless", 0.12),
        "photos": style.get("photos", rng.choice([0, 1, 1, 2])),
        "banner": style.get("banner", rng.random() < 0.5),
        "furniture": style.get("furniture", rng.random() < 0.6),
        "continuation": style.get("continuation", rng.random() < 0.6),
        "n_articles": style.get("n_articles", rng.randint(3, 6)),
    }
    page = Page(rng, opts)
    label, pinyin = rng.choice(LABELS)
    chosen = rng.sample(rows, opts["n_articles"] + opts["photos"])
    arts = [make_article(r, rng, page_no, opts) for r in chosen[:opts["n_articles"]]]
    photos = [make_photo(rng, r, opts) for r in chosen[opts["n_articles"]:]]
    # Continuations: one article goes on to a later page, or (inside pages)
    # one comes from page 1.
    if opts["continuation"]:
        a = rng.choice(arts)
        if page_no == 1 or rng.random() < 0.5:
            a["gold"]["continued_to_page"] = page_no + rng.randint(1, 3)
            a["to_marker"] = "（下转第{}版）".format(a["gold"]["continued_to_page"])
        else:
            a["gold"]["continued_from_page"] = 1
            a["from_marker"] = "（上接第1版）"
            if a["headline"] is None:
                a["headline"] = a["gold"]["headline"] = chosen[0]["headline"]
    # Column banner for one article.
    banner_for = rng.choice(arts) if opts["banner"] else None
    if banner_for:
        banner_for["gold"]["column"] = rng.choice(COLUMNS)
    # Furniture at the top (masthead on page 1), the label somewhere.
    top = []
    if page_no == 1 and opts["furniture"]:
        for m in MASTHEAD:
            top.append(m.format(date="2021年2月4日", wd="四", n=rng.randint(1, 9), no=rng.randint(7000, 9000)))
    label_at = rng.randint(0, len(arts))
    if top:
        page.emit(top)
    seq = []
    for i, a in enumerate(arts):
        seq.append(("article", a))
        if photos and rng.random() < 0.5:
            seq.append(("photo", photos.pop()))
    for p in photos:
        seq.insert(rng.randint(0, len(seq)), ("photo", p))
    pending_titles = []
    for i, (kind, x) in enumerate(seq):
        if i == label_at:
            page.emit([label, pinyin])
        if kind == "photo":
            _emit_photo(page, x, rng, pending_titles)
            page.items.append(x["gold"])
            continue
        _emit_article(page, x, rng, opts, banner_for)
        page.items.append(x["gold"])
        if pending_titles and rng.random() < 0.7:
            page.emit([pending_titles.pop()])
    for t in pending_titles:
        page.emit([t])
    if label_at >= len(seq):
        page.emit([label, pinyin])
    if opts["furniture"]:
        names = {k: random_name(rng) for k in "abc"}
        page.emit([rng.choice(EDITORS).format(**names)])
        if rng.random() < 0.5:
            page.emit([rng.choice(HOTLINES)])
    text = "\n".join(page.out).strip("\n") + "\n"
    if opts["para_style"] == "double":
        text = "\n".join(ln + "\n" for ln in text.split("\n"))
    if opts["halfwidth"]:
        text = re.sub("。", lambda m: "｡" if rng.random() < 0.3 else "。", text)
        text = re.sub("、", lambda m: "､" if rng.random() < 0.3 else "、", text)
    gold = {"page_label": label, "items": page.items, "style": opts}
    return text, gold


def _emit_photo(page, photo, rng, pending_titles):
    rng = page.rng
    lines = wrap(photo["gold"]["body"][0]["text"], photo["width"])
    where = rng.choice(["before", "after", "away"]) if photo["title"] else None
    title_lines = photo["title"].split(" ") if photo["title"] else []
    if photo["title"] and " " not in photo["title"] and rng.random() < 0.5:
        title_lines = [photo["title"]]
    if where == "before":
        page.emit(title_lines)
    if rng.random() < 0.2:
        lines[-1] += " " + photo["credit_line"]
        page.emit(lines)
    else:
        page.emit(lines)
        page.out.append(photo["credit_line"])
    if where == "after":
        page.emit(title_lines)
    elif where == "away":
        pending_titles.append("\n".join(title_lines))


def _emit_article(page, art, rng, opts, banner_for):
    orientation = opts["orientation"]
    if orientation == "mixed":
        orientation = rng.choice(["before", "after"])
    heads = heading_lines(art, rng, opts) if art["headline"] else []
    body = body_lines(art, rng, opts)
    if art.get("from_marker"):
        if rng.random() < 0.5:
            body = [art["from_marker"]] + body
        else:
            body[0] = art["from_marker"] + body[0]
    if art.get("to_marker"):
        if rng.random() < 0.6:
            body[-1] = body[-1] + " " + art["to_marker"]
        else:
            body += ["", art["to_marker"]]
    banner = None
    if banner_for is art:
        col = art["gold"]["column"]
        if rng.random() < 0.5:
            col = " ".join(t + t for t in col.split()) + ("JZ" if rng.random() < 0.5 else "")
        banner = col
    if orientation == "before":
        if banner:
            page.emit([banner])
        if heads:
            page.emit(heads)
        if art["byline_line"]:
            page.emit([art["byline_line"]], gap_before=rng.random() < 0.5)
        page.emit(body)
    else:
        page.emit(body)
        if heads:
            page.emit(heads)
        if art["byline_line"]:
            page.emit([art["byline_line"]], gap_before=rng.random() < 0.5)
        if banner:
            page.emit([banner])


ENCODINGS = [("utf-8", "\n"), ("utf-8-sig", "\n"), ("gb18030", "\n"), ("utf-8", "\r\n"), ("gb18030", "\r\n")]


def encode(text, rng):
    encoding, newline = rng.choice(ENCODINGS)
    try:
        return text.replace("\n", newline).encode(encoding), encoding
    except UnicodeEncodeError:
        return text.replace("\n", newline).encode("utf-8"), "utf-8"


def generate(out_dir, pages, seed, rows=None, style=None):
    rows = rows or load_corpus()
    rng = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    names = []
    for i in range(pages):
        name = f"gen-{seed}-{i:03d}"
        _write_page(out_dir, name, rows, rng, style)
        names.append(name)
    return names


def _write_page(out_dir, name, rows, rng, style):
    """Lay out a page in `style`, and write its dump (in a random encoding)
    and its gold parse as NAME.txt and NAME.gold.json."""
    text, gold = make_page(rows, rng, style=style)
    data, encoding = encode(text, rng)
    gold["encoding"] = encoding
    with open(os.path.join(out_dir, name + ".txt"), "wb") as f:
        f.write(data)
    with open(os.path.join(out_dir, name + ".gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, ensure_ascii=False, indent=1)


# The pages kept in articles/tests/pages: every orientation with every way of
# marking paragraphs, twice, plus pages heavy on one quirk each.
SUITE = [{"orientation": o, "para_style": p} for o in ("before", "after", "mixed")
         for p in ("blank", "indent", "double")] * 2 + [
    {"justify": 0.3}, {"halfwidth": True, "digit_spaces": True}, {"column_breaks": 0.4},
    {"photos": 2, "banner": True}, {"headless": 0.4}, {"continuation": True, "furniture": True},
]


def generate_suite(out_dir, seed=2021, rows=None):
    rows = rows or load_corpus()
    rng = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    for i, style in enumerate(SUITE):
        _write_page(out_dir, f"page-{i:02d}", rows, rng, style)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir")
    ap.add_argument("--pages", type=int, default=24)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--suite", action="store_true", help="write the test suite's pages (fixed styles)")
    args = ap.parse_args()
    if args.suite:
        generate_suite(args.out_dir, seed=args.seed)
    else:
        generate(args.out_dir, args.pages, args.seed)


if __name__ == "__main__":
    main()
