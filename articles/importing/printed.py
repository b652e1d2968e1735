"""A page's printed image and its items' regions, written at import
(articles/importing/service.py) in the page's transaction.

Files go through Django's default storage under names that carry a hash of
their content (printed.page_file_name): a file is written once and never
changes under its URL. A transaction that rolls back leaves the files it
wrote; they are the same bytes the next import of that page writes, and it
finds them there.
"""
import hashlib
import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext_lazy as _

from ..messages import say
from ..models import ItemRegion, PageImage
from ..models.printed import page_file_name
from .service import PageImportError, fingerprint

# The smallest side of a photo worth keeping, in pixels.
MIN_PHOTO_PIXELS = 16


def store(name, data):
    """Write `data` under `name` unless it is there already (same name, same
    content); returns the name stored."""
    if default_storage.exists(name):
        return name
    return default_storage.save(name, ContentFile(data))


def check_print_size(size, what="PDF"):
    limit = settings.ARCHIVE_MAX_PDF_BYTES
    if size > limit:
        raise PageImportError(say(_("the {what} is {size}, more than a page may be ({limit}, ARCHIVE_MAX_PDF_BYTES)"),
                                  what=what, size=f"{size / 1024 / 1024:.1f} MB", limit=f"{limit / 1024 / 1024:.0f} MB"))


def image_renders(data):
    """The screen image and thumbnail of an image file (01.jpg beside a
    dump): (webp, (w, h), thumbnail webp). Pillow refuses a decompression
    bomb (Image.MAX_IMAGE_PIXELS); anything it cannot read is a one-line
    error."""
    from PIL import Image, UnidentifiedImageError
    from ..pagedump.pdfrender import _webp
    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            image = im.convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, ValueError) as e:
        raise PageImportError(say(_("the page image cannot be read ({error})"), error=str(e).splitlines()[0][:120]))
    width = settings.ARCHIVE_PAGE_IMAGE_WIDTH
    original = image.size
    if image.width > width:
        image = image.resize((width, round(image.height * width / image.width)), Image.LANCZOS)
    thumb = image.copy()
    thumb.thumbnail((settings.ARCHIVE_THUMBNAIL_WIDTH, settings.ARCHIVE_THUMBNAIL_WIDTH * 4))
    return _webp(image), image.size, _webp(thumb, quality=70), original


def attach(page, *, sha, source_path, rendered=None, pdf=None, image=None, parse=None, regions=True):
    """Give `page` its printed image: from `rendered` (pdfrender.Rendered of
    its PDF, whose bytes are `pdf`) or from `image` (bytes of an image file);
    and, when `regions`, each of its items parsed from the PDF's layout
    its region (and a photo item its photo)."""
    fields = {"sha256": sha, "source_path": str(source_path)[:500]}
    if rendered is not None:
        ext_sha = sha
        fields.update(kind=PageImage.PDF, width=rendered.page.width, height=rendered.page.height,
                      image=store(page_file_name(page, ext_sha, "page", "webp"), rendered.image),
                      image_width=rendered.image_size[0], image_height=rendered.image_size[1],
                      thumbnail=store(page_file_name(page, ext_sha, "thumb", "webp"), rendered.thumbnail),
                      has_text=not (parse or {}).get("scan"), layout=bool((parse or {}).get("layout")))
        if pdf is not None:
            fields["source"] = store(page_file_name(page, ext_sha, "source", "pdf"), pdf)
    else:
        webp, size, thumb, original = image_renders(image)
        fields.update(kind=PageImage.IMAGE, width=float(original[0]), height=float(original[1]),
                      image=store(page_file_name(page, sha, "page", "webp"), webp),
                      image_width=size[0], image_height=size[1],
                      thumbnail=store(page_file_name(page, sha, "thumb", "webp"), thumb), has_text=True,
                      layout=False, source="", zoom="")
    if rendered is not None:
        fields["zoom"] = ""
    PageImage.objects.update_or_create(page=page, defaults=fields)
    ItemRegion.objects.filter(item__page=page).delete()
    if not regions or parse is None or not parse.get("layout"):
        return 0
    return _regions(page, parse, rendered, sha)


def _regions(page, parse, rendered, sha):
    """ItemRegion rows for the page's items as this parse wrote them (an
    item an editor changed keeps no region: it may not be where the parse
    says any more)."""
    parsed = parse.get("items") or []
    photos = {tuple(box): (data, size) for box, data, size in (rendered.photos if rendered else [])}
    rows = []
    for item in page.items.filter(edited=False).only("pk", "position", "kind", "fingerprint"):
        if item.position >= len(parsed):
            continue
        p = parsed[item.position]
        if item.fingerprint != fingerprint(p["kind"], p.get("headline"), p["body"]) or not p.get("regions"):
            continue
        row = ItemRegion(item=item, rects=p["regions"])
        box = (p.get("photo") or {}).get("box")
        found = photos.get(tuple(box)) if box else None
        if found is None and box:
            found = _nearest(photos, box)
        if found is not None and item.kind == "photo":
            data, size = found
            if min(size) >= MIN_PHOTO_PIXELS:
                digest = hashlib.sha256(data).hexdigest()
                row.photo = store(page_file_name(page, digest, "photo", "webp"), data)
                row.photo_width, row.photo_height = size
        rows.append(row)
    ItemRegion.objects.bulk_create(rows)
    return len(rows)


def _nearest(photos, box, tolerance=2.0):
    for key, value in photos.items():
        if all(abs(a - b) <= tolerance for a, b in zip(key, box)):
            return value
    return None
