"""A page PDF made by other hands: a gold parse (the sample front page's,
shared/samples) set as an HTML newspaper page — CSS multi-column text,
headlines, a boxed column banner, a photo with caption and credit — and
printed to PDF by Chromium (Skia's PDF writer, its own font subsetting and
text runs), nothing like reportlab's. The layout parse of it is scored
against the gold it was set from (bench/pdf.py --chromium, and a browser
test)."""
import base64
import html
import io


def _photo_png(width=480, height=300):
    from PIL import Image, ImageDraw
    im = Image.new("RGB", (width, height), (88, 128, 92))
    draw = ImageDraw.Draw(im)
    for k in range(0, width, 24):
        draw.line((k, height, k + 120, 0), fill=(120, 160, 110), width=8)
    out = io.BytesIO()
    im.save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode("ascii")


CSS = """
@page { margin: 14mm; }
body { font-family: "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; font-size: 9.5pt; line-height: 1.55;
       margin: 0; color: #000; }
.mast { display: flex; align-items: flex-end; justify-content: space-between; border-bottom: 2pt solid #000;
        padding-bottom: 4pt; margin-bottom: 10pt; }
.mast .label { font-size: 30pt; font-weight: bold; }
.mast .meta { font-size: 8pt; text-align: right; }
.row { display: flex; gap: 14pt; border-bottom: 0.8pt solid #000; padding-bottom: 8pt; margin-bottom: 10pt; }
.module { flex: 1; }
.module + .module { border-left: 0.6pt solid #000; padding-left: 14pt; }
.w2 { flex: 2; }
h2 { font-size: 22pt; text-align: center; margin: 2pt 0 4pt; font-weight: bold; }
.kicker, .subtitle { font-size: 12pt; text-align: center; margin: 0; }
.banner { display: inline-block; border: 0.8pt solid #000; font-size: 11pt; padding: 1pt 6pt; margin: 0 0 6pt; }
.byline { text-align: center; margin: 0 0 6pt; }
.text { columns: 3; column-gap: 14pt; }
.w1 .text { columns: 2; }
.text p { margin: 0; text-indent: 2em; text-align: justify; }
.text h3 { font-size: 11pt; margin: 6pt 0; text-align: center; }
.marker { text-align: right; text-indent: 0 !important; }
figure { margin: 0; }
figure img { width: 100%; display: block; }
figure .title { font-size: 14pt; font-weight: bold; margin: 4pt 0 2pt; }
figure p { margin: 0; }
.credit { text-align: right; }
"""


def _credit_line(item, photo=False):
    names = [c["name"] for c in item.get("credits") or []]
    text = "".join(b["text"] for b in item["body"])
    if not names or all(n in text for n in names):
        return ""
    return "本报记者 " + " ".join(names) + (" 摄" if photo else "")


def _article(item, css=""):
    e = html.escape
    out = [f'<section class="module {css}">']
    if item.get("column"):
        out.append(f'<p class="banner">{e(item["column"])}</p>')
    if item.get("kicker"):
        out.append(f'<p class="kicker">{e(item["kicker"])}</p>')
    if item.get("headline"):
        out.append(f'<h2>{e(item["headline"])}</h2>')
    if item.get("subtitle"):
        out.append(f'<p class="subtitle">——{e(item["subtitle"])}</p>')
    byline = _credit_line(item)
    if byline:
        out.append(f'<p class="byline">{e(byline)}</p>')
    out.append('<div class="text">')
    if item.get("continued_from_page"):
        out.append(f'<p class="marker">（上接第{item["continued_from_page"]}版）</p>')
    for b in item["body"]:
        tag = "h3" if b["type"] == "subhead" else "p"
        out.append(f"<{tag}>{e(b['text'])}</{tag}>")
    if item.get("continued_to_page"):
        out.append(f'<p class="marker">（下转第{item["continued_to_page"]}版）</p>')
    out.append("</div></section>")
    return "".join(out)


def _photo(item, css=""):
    e = html.escape
    caption = "".join(e(b["text"]) for b in item["body"])
    title = f'<p class="title">{e(item["headline"])}</p>' if item.get("headline") else ""
    return (f'<section class="module {css}"><figure><img src="data:image/png;base64,{_photo_png()}" alt="">'
            f'{title}<p>{caption}</p><p class="credit">{e(_credit_line(item, photo=True))}</p></figure></section>')


def page_html(gold, date_text="2021年2月4日 星期四 第1版"):
    """The gold's items set two modules to a row, the longest alone."""
    items = [i for i in gold["items"] if i["kind"] in ("article", "photo")]
    rows, pending = [], []
    for item in items:
        size = sum(len(b["text"]) for b in item["body"])
        if size > 1200 and item["kind"] == "article":
            rows.append([(item, "w2")])
            continue
        pending.append((item, "w1"))
        if len(pending) == 2:
            rows.append(pending)
            pending = []
    if pending:
        rows.append(pending)
    body = [f'<header class="mast"><span class="label">{html.escape(gold["page_label"])}</span>'
            f'<span class="meta">晋中日报<br>{html.escape(date_text)}</span></header>']
    for row in rows:
        body.append('<div class="row">' + "".join(_photo(i, c) if i["kind"] == "photo" else _article(i, c)
                                                  for i, c in row) + "</div>")
    return f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>{CSS}</style><body>{"".join(body)}</body></html>'


def chromium_pdf(document, executable="/usr/bin/chromium"):
    """The HTML printed to a one-page PDF by Chromium (through Playwright)."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"])
        try:
            # As wide as the paper's page, as tall as the page's content: one page.
            page = browser.new_page(viewport={"width": round((297 - 28) / 25.4 * 96), "height": 1200})
            page.set_content(document, wait_until="load")
            height = page.evaluate("document.documentElement.scrollHeight") * 25.4 / 96 + 28 + 40
            return page.pdf(width="297mm", height=f"{height:.0f}mm", print_background=True, page_ranges="1")
        finally:
            browser.close()
