"""Page PDFs: what a page's PDF says beyond its text.

A raw dump is the text layer of a page PDF, with everything about where
things stand on the page lost. The PDF itself has it: each character's box
and type size, bold, the rules between modules, the pictures. This module
reads that with pdfium (pypdfium2) and `pdflayout` turns it into the parse
of PAGE_FORMAT.md §3, each item with its region on the page.

    page = read_pdf(data)           # PdfError when it is not one readable page
    text = page.text                 # the text layer, as a dump
    parse = parse_pdf(data)          # the layout-aware parse, with "regions"

Plain Python, like the rest of the parser: no Django here.
"""
import ctypes
import re
import threading
from dataclasses import dataclass, field

# pdfium is not thread-safe: one document at a time in a process.
_LOCK = threading.RLock()


class PdfError(ValueError):
    """A PDF that cannot be read as one page; the message is one line, fit
    to show to the person importing the file."""


# ------------------------------------------------------------ the pieces ---

@dataclass(slots=True)
class Char:
    ch: str
    x0: float          # advance box, page points, origin top left
    x1: float
    base: float        # baseline (y, down)
    size: float        # type size in points
    bold: bool
    light: bool        # set in white or near it (on a dark box or a picture)


@dataclass(slots=True)
class TextLine:
    """Characters on one baseline, close together: a printed line of a
    column (or a piece of furniture)."""
    chars: list
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    base: float = 0.0
    size: float = 0.0
    bold: bool = False
    light: bool = False
    text: str = ""

    def finish(self):
        cs = self.chars
        self.x0 = min(c.x0 for c in cs)
        self.x1 = max(c.x1 for c in cs)
        visible = [c for c in cs if not c.ch.isspace()] or cs
        # The type size most of its characters have (a line is set in one).
        sizes = sorted(c.size for c in visible)
        self.size = sizes[len(sizes) // 2]
        self.base = sorted(c.base for c in visible)[len(visible) // 2]
        self.top = self.base - 0.88 * self.size
        self.bottom = self.base + 0.12 * self.size
        self.bold = sum(c.bold for c in visible) * 2 > len(visible)
        self.light = sum(c.light for c in visible) * 2 > len(visible)
        self.text = _line_text(cs)
        return self

    @property
    def width(self):
        return self.x1 - self.x0


@dataclass(slots=True)
class Rule:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def vertical(self):
        return self.bottom - self.top > self.x1 - self.x0


@dataclass(slots=True)
class Picture:
    """A photo: an image object, or a large filled shape standing in for one.
    `image` is the index of the image object on the page, or None."""
    x0: float
    top: float
    x1: float
    bottom: float
    image: int = None

    @property
    def width(self):
        return self.x1 - self.x0

    @property
    def height(self):
        return self.bottom - self.top


@dataclass(slots=True)
class Box:
    """A stroked rectangle: round a column banner, an advertisement."""
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class PdfPage:
    width: float
    height: float
    lines: list = field(default_factory=list)
    rules: list = field(default_factory=list)
    pictures: list = field(default_factory=list)
    boxes: list = field(default_factory=list)
    fills: list = field(default_factory=list)     # smaller filled shapes (a headline set as a picture)
    text: str = ""
    images: int = 0                               # image objects on the page

    @property
    def has_text(self):
        return any(line.text.strip() for line in self.lines)


# ------------------------------------------------------------- reading ---

def open_document(data, password=None):
    """The pdfium document of `data`, checked: one page, not locked."""
    import pypdfium2 as pdfium
    if not data[:1024].lstrip().startswith(b"%PDF") and b"%PDF" not in data[:1024]:
        raise PdfError("not a PDF (it does not start with %PDF)")
    try:
        doc = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as e:
        text = str(e).lower()
        if "password" in text:
            raise PdfError("the PDF is encrypted (it needs a password to open)")
        raise PdfError(f"the PDF is damaged and cannot be read ({_one_line(e)})")
    try:
        n = len(doc)
    except Exception as e:  # pdfium raises its own errors for broken page trees
        doc.close()
        raise PdfError(f"the PDF is damaged and cannot be read ({_one_line(e)})")
    if n != 1:
        doc.close()
        if n == 0:
            raise PdfError("the PDF has no pages")
        raise PdfError(f"the PDF has {n} pages; a page PDF has one (split it into one file per page)")
    return doc


def _one_line(error):
    text = str(error).strip().splitlines()
    return text[0][:200] if text else error.__class__.__name__


def read_pdf(data, password=None):
    """The layout of a one-page PDF: its lines, rules, pictures and text."""
    with _LOCK:
        doc = open_document(data, password)
        try:
            page = doc[0]
            try:
                return _read_page(page)
            finally:
                page.close()
        except PdfError:
            raise
        except Exception as e:
            raise PdfError(f"the PDF is damaged and cannot be read ({_one_line(e)})")
        finally:
            doc.close()


def _read_page(page):
    import pypdfium2.raw as raw
    width, height = page.get_size()
    result = PdfPage(width=float(width), height=float(height))
    # The page's own coordinates: pdfium gives them from the bottom left of
    # the media box; the crop box may start elsewhere.
    left, bottom, _right, top = page.get_bbox()
    _read_objects(page, result, raw, left, top)
    textpage = page.get_textpage()
    try:
        result.text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
        chars = _read_chars(textpage, raw, left, top)
    finally:
        textpage.close()
    result.lines = group_lines(chars)
    return result


def _read_chars(textpage, raw, left, top):
    tp = textpage.raw
    n = raw.FPDFText_CountChars(tp)
    rect = raw.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    modes = {}
    out = []
    for i in range(n):
        u = raw.FPDFText_GetUnicode(tp, i)
        if u in (10, 13, 0, 0xFFFE, 0xFFFF):
            continue
        if u == 32 and raw.FPDFText_IsGenerated(tp, i):
            continue
        try:
            ch = chr(u)
        except ValueError:
            continue
        raw.FPDFText_GetLooseCharBox(tp, i, rect)
        raw.FPDFText_GetCharOrigin(tp, i, ox, oy)
        size = raw.FPDFText_GetFontSize(tp, i)
        obj = raw.FPDFText_GetTextObject(tp, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value if obj else None
        look = modes.get(key)
        if look is None:
            look = modes[key] = _text_look(raw, obj)
        x0, x1 = rect.left - left, rect.right - left
        if x1 < x0:
            x0, x1 = x1, x0
        if size <= 0.5:
            size = max(rect.top - rect.bottom, 1.0)
        out.append(Char(ch, x0, x1, top - oy.value, size, look[0], look[1]))
    return out


def _text_look(raw, obj):
    """(bold, light) of a text object: bold when its glyphs are stroked as
    well as filled (a common way of setting bold in Chinese papers) or its
    font says so; light when it is filled white or nearly."""
    if not obj:
        return False, False
    mode = raw.FPDFTextObj_GetTextRenderMode(obj)
    bold = mode in (raw.FPDF_TEXTRENDERMODE_FILL_STROKE, raw.FPDF_TEXTRENDERMODE_FILL_STROKE_CLIP)
    font = raw.FPDFTextObj_GetFont(obj)
    if font and not bold:
        weight = raw.FPDFFont_GetWeight(font)
        bold = weight >= 600
        if not bold:
            buf = ctypes.create_string_buffer(128)
            n = raw.FPDFFont_GetBaseFontName(font, buf, 128)
            name = buf.raw[:max(n - 1, 0)].decode("latin-1").lower()
            bold = "bold" in name or "heavy" in name or "black" in name
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    light = False
    if raw.FPDFPageObj_GetFillColor(obj, r, g, b, a):
        light = min(r.value, g.value, b.value) >= 230
    return bold, light


def _read_objects(page, result, raw, left, top):
    """Rules, boxes, filled shapes and image objects."""
    fills = []
    image_index = 0
    for obj in page.get_objects(max_depth=3):
        kind = obj.type
        if kind not in (raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_IMAGE):
            continue
        try:
            l, b, r, t = obj.get_bounds()
        except Exception:
            continue
        x0, x1, y0, y1 = l - left, r - left, top - t, top - b
        if kind == raw.FPDF_PAGEOBJ_IMAGE:
            result.images += 1
            if x1 - x0 > 8 and y1 - y0 > 8:
                result.pictures.append(Picture(x0, y0, x1, y1, image=image_index))
            image_index += 1
            continue
        fill, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
        w, h = x1 - x0, y1 - y0
        if max(w, h) < 4:
            continue
        if min(w, h) <= 3 or (min(w, h) <= 6 and max(w, h) >= 10 * min(w, h)):
            result.rules.append(Rule(x0, y0, x1, y1))
        elif fill.value:
            r_, g_, b_, a_ = (ctypes.c_uint() for _ in range(4))
            white = False
            if raw.FPDFPageObj_GetFillColor(obj.raw, r_, g_, b_, a_):
                white = min(r_.value, g_.value, b_.value) >= 245 or a_.value == 0
            if not white:
                fills.append(Picture(x0, y0, x1, y1))
        elif stroke.value:
            result.boxes.append(Box(x0, y0, x1, y1))
    result.fills = fills


# ------------------------------------------------------- lines of text ---

# How far apart two characters of one line may stand, in ems of their type:
# a justified line spreads its characters up to about half an em, while
# the gutter between two columns is an em or more.
JOIN_GAP = 0.95
# A letter-spaced headline's characters may stand this far apart (in ems).
LETTER_SPACED = 1.6
# A headline (type well over the body's) may be letter-spaced this wide
# even where no other gap of the line shows it.
HEADLINE_SPACED = 1.25
# Characters on baselines this close (in ems) are on one line.
SAME_BASE = 0.3


def group_lines(chars):
    """Characters to printed lines: by baseline and size, then split where
    the gap between two characters is wider than a justified line's."""
    if not chars:
        return []
    # Bucket by baseline, then sweep each bucket left to right.
    chars = sorted(chars, key=lambda c: (c.base, c.x0))
    rows, current = [], [chars[0]]
    for c in chars[1:]:
        ref = current[-1]
        if abs(c.base - ref.base) <= SAME_BASE * min(c.size, ref.size) * 0.75:
            current.append(c)
        else:
            rows.append(current)
            current = [c]
    rows.append(current)
    weights = {}
    for c in chars:
        if not c.ch.isspace():
            weights[round(c.size, 1)] = weights.get(round(c.size, 1), 0) + 1
    body = max(weights, key=weights.get) if weights else 10.0
    lines = []
    for row in rows:
        lines.extend(_split_row(row, body))
    lines.sort(key=lambda ln: (ln.top, ln.x0))
    return lines


def _split_row(row, body=10.0):
    """One baseline's characters, left to right, into lines: a new line where
    the gap is too wide or the type size changes."""
    row = sorted(row, key=lambda c: c.x0)
    # The same character drawn twice, a hair apart, is a fake bold.
    kept = []
    for c in row:
        prev = kept[-1] if kept else None
        if prev is not None and c.ch == prev.ch and abs(c.x0 - prev.x0) < 0.35 * c.size and not c.ch.isspace():
            prev.bold = True
            continue
        kept.append(c)
    row = kept
    gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:])]
    out, current = [], []
    for k, c in enumerate(row):
        if current:
            prev = current[-1]
            size = max(c.size, prev.size)
            gap = gaps[k - 1]
            ratio = max(c.size, prev.size) / max(min(c.size, prev.size), 0.1)
            # A headline set letter-spaced keeps the same wide gap between
            # all its characters; a gutter is one gap among narrow ones.
            spaced = gap <= LETTER_SPACED * size and any(
                0 <= j < len(gaps) and abs(gaps[j] - gap) <= 0.06 * size and abs(row[j + 1].size - c.size) < 0.1
                for j in (k - 2, k)) or (gap <= HEADLINE_SPACED * size and min(c.size, prev.size) >= 1.4 * body)
            if (gap > JOIN_GAP * size and not spaced) or ratio > 1.12 or gap < -0.5 * size:
                out.append(current)
                current = []
        current.append(c)
    if current:
        out.append(current)
    lines = []
    for cs in out:
        # Spaces at either end are the line's margin, not its text.
        while cs and cs[0].ch.isspace():
            cs = cs[1:]
        while cs and cs[-1].ch.isspace():
            cs = cs[:-1]
        if cs:
            lines.append(TextLine(cs).finish())
    return lines


_LATIN = re.compile(r"[A-Za-z0-9]")


def _line_text(chars):
    """The characters of a line as text. A gap well wider than the line's
    own spacing (a justified line spaces every character out) is a space
    the PDF did not write down: between Latin letters or digits a third of
    an em more, between others a fifth (a space is a quarter em or more)."""
    gaps = sorted(b.x0 - a.x1 for a, b in zip(chars, chars[1:]) if not a.ch.isspace() and not b.ch.isspace())
    usual = gaps[len(gaps) // 2] if gaps else 0.0
    # The em the line is set in, as drawn: a Chinese character's advance
    # (the font size a PDF states may be scaled by its text matrix).
    widths = sorted(c.x1 - c.x0 for c in chars if ord(c.ch) >= 0x2E80)
    em = widths[len(widths) // 2] if widths else None
    out = []
    prev = None
    for c in chars:
        if prev is not None and not c.ch.isspace() and not prev.ch.isspace():
            gap = c.x0 - prev.x1
            latin = _LATIN.match(c.ch) and _LATIN.match(prev.ch)
            # Between Chinese characters too (two names in a byline: 唐鹏 邱亮),
            # as the dump would have it.
            if gap > max(usual, 0.0) + (0.3 if latin else 0.2) * (em or c.size):
                out.append(" ")
        out.append(c.ch)
        prev = c
    return "".join(out)


# A text layer is usable when it has this many visible characters, this
# few of them unreadable (U+FFFD, private-use code points: a font without a
# Unicode map, as some typesetting systems embed), and this few of them
# drawn where the page is (some PDFs carry an invisible OCR layer).
MIN_TEXT = 40
MAX_UNREADABLE = 0.05


def text_layer_problem(page):
    """Why the text layer of a page (read_pdf) cannot be parsed, or None when
    it can: the signal that picks the layout-aware parse for a page."""
    chars = [c for ln in page.lines for c in ln.chars if not c.ch.isspace()]
    if len(chars) < MIN_TEXT:
        return "the PDF has no text layer (a scan?)" if not chars else \
            f"the PDF's text layer has only {len(chars)} characters (a scan?)"
    unreadable = sum(1 for c in chars if c.ch == "\ufffd" or "\ue000" <= c.ch <= "\uf8ff")
    if unreadable > MAX_UNREADABLE * len(chars):
        return f"{unreadable * 100 // len(chars)}% of the PDF's characters cannot be read (fonts without a Unicode map)"
    return None


def same_text(page, dump_text, threshold=0.9):
    """Does the PDF carry the text of `dump_text` (the page's dump): the
    characters of each, white space aside, mostly the same? A multiset
    overlap, linear in the length: the two put lines in different orders."""
    from collections import Counter
    a = Counter(ch for ln in page.lines for ch in ln.text if not ch.isspace())
    b = Counter(ch for ch in dump_text if not ch.isspace())
    if not a or not b:
        return False
    common = sum((a & b).values())
    return 2 * common / (sum(a.values()) + sum(b.values())) >= threshold


def choose_parse(page, dump_text=None):
    """The parse of a page with a PDF: the layout-aware parse when its text
    layer is usable (and, beside a dump, carries the dump's text); else the
    text parse of the dump (no regions), or an empty parse flagged "scan".

    Measured on generated pages (bench/pdf.py) the layout-aware parse
    scores well above the text parse of the same page's dump, so it is kept
    whenever the PDF can give it."""
    from .parser import parse_page
    problem = text_layer_problem(page)
    if problem is None and (dump_text is None or same_text(page, dump_text)):
        return parse_pdf(page)
    if dump_text is not None:
        parse = parse_page(dump_text)
        parse["warnings"] = list(parse.get("warnings") or []) + [
            problem or "the PDF's text is not the dump's: the page is parsed from the dump"]
        parse["layout"] = False
        parse["page_size"] = [round(page.width, 2), round(page.height, 2)]
        return parse
    return {"page_label": None, "items": [], "warnings": [problem], "confidence": 0.0, "layout": False,
            "scan": True, "page_size": [round(page.width, 2), round(page.height, 2)]}


def parse_pdf(data, password=None):
    """The layout-aware parse of a page PDF (PAGE_FORMAT.md §3), each item
    with `regions`: rectangles [x, y, width, height] in PDF points from the
    page's top left, on a page of `page_size` [width, height]."""
    from .pdflayout import parse_layout
    page = data if isinstance(data, PdfPage) else read_pdf(data, password)
    return parse_layout(page)


__all__ = ["Box", "Char", "PdfError", "PdfPage", "Picture", "Rule", "TextLine", "choose_parse", "open_document",
           "parse_pdf", "read_pdf", "same_text", "text_layer_problem"]
