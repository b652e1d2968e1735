"""Small page PDFs for the tests of page PDFs, set with reportlab: a page
with a real photo (an embedded image), its caption and credit, and an
article in two columns, its gold known by construction; and the bad input
the import must refuse or flag (a scan, two pages, encrypted, damaged).

Laid out here by hand, not by pdfgen: a second pair of hands, so that the
layout parse is not only ever checked on one generator's habits."""
import io

from . import pdfgen

HEADLINE = "太行山下春耕忙"
CAPTION = "图为农民在田间查看麦苗长势。"
CREDIT = "本报记者 王建国 摄"
ARTICLE_HEAD = "全市推进高标准农田建设"
ARTICLE = [
    "本报讯 今年以来，我市持续推进高标准农田建设，新建高标准农田十二万亩，改善灌溉面积八万亩，农业综合生产能力稳步提升。",
    "市农业农村局有关负责人介绍，高标准农田建设坚持统一规划、统一标准，建成一块、验收一块、管护一块，确保建一亩成一亩。",
    "下一步，我市将加大资金投入，完善管护机制，让高标准农田真正成为旱涝保收、稳产高产的粮仓。",
]


def _canvas(buf, w=595, h=842, **kw):
    from reportlab.pdfgen import canvas
    pdfgen.fonts()
    return canvas.Canvas(buf, pagesize=(w, h), invariant=1, **kw)


PHOTO_PIXELS = (960, 600)      # the photo's own size: three times what the page shows (320 x 200 pt)


def _photo_image(width=PHOTO_PIXELS[0], height=PHOTO_PIXELS[1]):
    """A photo-like picture (a gradient with a sun in its top right corner),
    as reportlab takes it."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    small = Image.new("RGB", (32, 20))
    px = small.load()
    for y in range(20):
        for x in range(32):
            px[x, y] = (60 + x * 150 // 32, 120 + y * 100 // 20, 200 - y * 120 // 20)
    im = small.resize((width, height), Image.BILINEAR)
    sx, sy = width / 320, height / 200
    ImageDraw.Draw(im).ellipse((width - 90 * sx, 20 * sy, width - 30 * sx, 80 * sy), fill=(250, 220, 90))
    return ImageReader(im)


def _wrap(text, width, size):
    per_line = max(1, int(width // size))
    return [text[i:i + per_line] for i in range(0, len(text), per_line)]


def photo_page(encrypt=None):
    """A page: masthead over a rule, a photo with its title, caption and
    credit, and an article in two columns under a headline. Returns
    (pdf bytes, gold parse)."""
    buf = io.BytesIO()
    c = _canvas(buf, encrypt=encrypt)
    font = "WQY"
    c.setFont(font, 22)
    c.drawString(40, 790, "JZ综合新闻")
    c.setFont(font, 9)
    c.drawString(470, 795, "2021年2月4日 星期四")
    c.drawString(470, 782, "第2版")
    c.setLineWidth(1.2)
    c.line(40, 770, 555, 770)
    # The photo, its title under it, then its caption and credit.
    c.drawImage(_photo_image(), 40, 540, width=320, height=200)
    c.setFont(font, 15)
    c.drawString(40, 518, HEADLINE)
    c.setFont(font, 9)
    y = 500
    for line in _wrap(CAPTION, 320, 9):
        c.drawString(40, y, line)
        y -= 13
    c.drawRightString(360, y, CREDIT)
    # The article: headline across, two columns of body under it.
    c.setLineWidth(0.6)
    c.line(40, 470, 555, 470)
    c.setFont(font, 20)
    c.drawCentredString(297, 440, ARTICLE_HEAD)
    c.setFont(font, 10)
    lines = []
    for p in ARTICLE:
        lines += [(k == 0, t) for k, t in enumerate(_wrap(p, 230, 10))]
    half = (len(lines) + 1) // 2
    for col, chunk in enumerate((lines[:half], lines[half:])):
        y = 410
        for first, text in chunk:
            c.drawString(40 + col * 270 + (20 if first else 0), y, text)
            y -= 15
    c.setLineWidth(1.2)
    c.line(40, 60, 555, 60)
    c.setFont(font, 8)
    c.drawString(40, 48, "本版责编 李明")
    c.showPage()
    c.save()
    gold = {"page_label": "JZ综合新闻", "items": [
        {"kind": "photo", "headline": HEADLINE, "kicker": None, "subtitle": None, "column": None,
         "body": [{"type": "paragraph", "text": CAPTION}],
         "credits": [{"name": "王建国", "role": "摄影", "org": "本报"}],
         "continued_to_page": None, "continued_from_page": None},
        {"kind": "article", "headline": ARTICLE_HEAD, "kicker": None, "subtitle": None, "column": None,
         "body": [{"type": "paragraph", "text": p} for p in ARTICLE], "credits": [],
         "continued_to_page": None, "continued_from_page": None},
    ]}
    return buf.getvalue(), gold


def scan_page():
    """A page that is only a picture of a page: no text layer."""
    buf = io.BytesIO()
    c = _canvas(buf)
    c.drawImage(_photo_image(300, 420), 0, 0, width=595, height=842)
    c.showPage()
    c.save()
    return buf.getvalue()


def two_pages():
    buf = io.BytesIO()
    c = _canvas(buf)
    for n in (1, 2):
        c.setFont("WQY", 12)
        c.drawString(60, 700, f"第{n}页")
        c.showPage()
    c.save()
    return buf.getvalue()


def encrypted_page():
    """The photo page, locked with a password to open it."""
    from reportlab.lib import pdfencrypt
    return photo_page(encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner", strength=128))[0]


def damaged(pdf):
    """The PDF with its middle overwritten: the header intact, the objects
    and cross-reference table garbage."""
    n = len(pdf)
    return pdf[:40] + b"\x00garbage" * ((n - 80) // 8) + pdf[-40:]
