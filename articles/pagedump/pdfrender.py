"""Page PDFs read and rendered: the work of the bounded worker processes
(articles/importing/rendering.py starts them and bounds their time and
memory). Plain Python, no Django: a worker imports only this.

A worker reads the page (pdf.read_pdf: text, lines, rules, pictures) and
renders its images: the screen image (WebP), the thumbnail, and every
picture on the page cut out (the photos of photo items).
"""
import io
from dataclasses import dataclass, field

from .pdf import PdfError, choose_parse, open_document, read_pdf

WEBP_QUALITY = 75
# The smallest picture worth cutting out as a photo, in points.
MIN_PHOTO = 24


@dataclass
class Rendered:
    """What a worker gives back for one PDF."""
    page: object                        # pdf.PdfPage
    image: bytes = b""
    image_size: tuple = (0, 0)
    thumbnail: bytes = b""
    photos: list = field(default_factory=list)     # [(box [x, y, w, h] in points, webp bytes, (w, h))]
    # The page's parse (pdf.choose_parse), made here too so that pages are
    # parsed in the workers, beside the dump text it was given (`dump`).
    parse: dict = None
    dump: str = None


def limit_memory(megabytes):
    try:
        import resource
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # no RLIMIT_AS here (not Linux): the time bound still holds
        pass


def _webp(image, quality=WEBP_QUALITY):
    out = io.BytesIO()
    # method 1: a tenth bigger than the default (4) at half its time; an
    # import renders every page, so speed wins.
    image.save(out, "WEBP", quality=quality, method=1)
    return out.getvalue()


def render_pdf(data, width, thumb_width, photos=True, parse=False, dump=None):
    """Read and render a one-page PDF (runs in the worker), and parse it when
    `parse` (beside `dump`, the page's dump text, if any). Raises PdfError."""
    page = read_pdf(data)
    parsed = choose_parse(page, dump) if parse else None
    doc = open_document(data)
    try:
        pdf_page = doc[0]
        try:
            scale = width / page.width
            image = pdf_page.render(scale=scale, may_draw_forms=False).to_pil().convert("RGB")
            result = Rendered(page=page, image=_webp(image), image_size=image.size, parse=parsed, dump=dump)
            thumb = image.copy()
            thumb.thumbnail((thumb_width, thumb_width * 4))
            result.thumbnail = _webp(thumb, quality=70)
            if parsed is not None:
                # Parsed here: the importer needs the page's text and size,
                # not its thousands of characters sent back through a pipe.
                page.lines = []
            if photos:
                embedded = _embedded_images(pdf_page, page)
                for box in picture_boxes(page):
                    photo = embedded.get(tuple(box))
                    if photo is None or photo.width < image.width * box[2] / page.width:
                        # A shape standing in for a photo, or an image smaller
                        # than the page shows it: cut from the page's image.
                        x, y, w, h = box
                        photo = image.crop((round(x * scale), round(y * scale), round((x + w) * scale),
                                            round((y + h) * scale)))
                    if photo.width >= 8 and photo.height >= 8:
                        result.photos.append((box, _webp(photo), photo.size))
            return result
        finally:
            pdf_page.close()
    finally:
        doc.close()


# The longest side of a photo kept from the PDF, in pixels.
PHOTO_MAX = 1600


def _embedded_images(pdf_page, page):
    """{picture box: PIL image} of the image objects on the page (the
    pictures pdf.read_pdf numbered), at their own resolution up to
    PHOTO_MAX, their masks and colour spaces applied by pdfium; one that
    cannot be decoded is left to the page image's cut."""
    import pypdfium2.raw as raw
    wanted = {p.image: p for p in page.pictures if p.image is not None}
    out, index = {}, 0
    for obj in pdf_page.get_objects(max_depth=3):
        if obj.type != raw.FPDF_PAGEOBJ_IMAGE:
            continue
        picture = wanted.get(index)
        index += 1
        if picture is None:
            continue
        try:
            im = obj.get_bitmap(render=True).to_pil().convert("RGB")
        except Exception:  # pdfium cannot decode this image (a filter it lacks): cut from the page instead
            continue
        im.thumbnail((PHOTO_MAX, PHOTO_MAX))
        out[(round(picture.x0, 1), round(picture.top, 1), round(picture.width, 1), round(picture.height, 1))] = im
    return out


def render_zoom(data, width):
    """The page at `width` pixels (the zoom a reader asks for), WebP."""
    doc = open_document(data)
    try:
        pdf_page = doc[0]
        try:
            w, _h = pdf_page.get_size()
            image = pdf_page.render(scale=width / w, may_draw_forms=False).to_pil().convert("RGB")
            return _webp(image), image.size
        finally:
            pdf_page.close()
    finally:
        doc.close()


def picture_boxes(page):
    """Rectangles [x, y, w, h] of the pictures a page shows: image objects
    and large filled shapes (the same candidates pdflayout takes photos
    from); a parse's photo box is one of them."""
    boxes = []
    for p in list(page.pictures) + list(page.fills):
        if p.width >= MIN_PHOTO and p.height >= MIN_PHOTO:
            box = [round(p.x0, 1), round(p.top, 1), round(p.width, 1), round(p.height, 1)]
            if box not in boxes:
                boxes.append(box)
    return boxes


def work(task):
    kind, data, args = task
    try:
        if kind == "page":
            return "ok", render_pdf(data, *args)
        return "ok", render_zoom(data, *args)
    except PdfError as e:
        return "error", str(e)
    except MemoryError:
        return "error", "the PDF needs more memory to render than ARCHIVE_RENDER_MEMORY_MB allows"
