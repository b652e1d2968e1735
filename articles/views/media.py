"""The printed page's files: page images, thumbnails, photos and page PDFs
from Django's storage, and the zoomed page image rendered on demand.

Served here when ARCHIVE_SERVE_MEDIA is on (the default: local runs, the
tests, and a small site behind gunicorn); a production site may serve
MEDIA_ROOT from its web server or a storage backend's own URLs instead,
but then the rule below (a page with a withdrawn item shows its image to
staff only) is the web server's to keep. File names carry a hash of their
content, so they are cached for good ("immutable")."""
import mimetypes
import re

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from ..models import ItemRegion, PageImage
from ..models.printed import page_file_name

# pages/2021/02/04/01-<hash>-page.webp: the only files served.
SERVED = re.compile(r"^pages/\d{4}/\d{2}/\d{2}/\d{2}-[0-9a-f]{16}-(page|thumb|zoom|photo|source)\.(webp|pdf)$")
A_YEAR = 365 * 24 * 60 * 60


def may_see(page, user):
    """A page's image shows every item printed on it: like its dump, it is
    for everyone while all its items are published, for staff once one is
    withdrawn."""
    return page.dump_is_public or user.has_perm("articles.view_page")


@require_safe
def media(request, path):
    if not settings.ARCHIVE_SERVE_MEDIA or not SERVED.match(path):
        raise Http404
    owner = (PageImage.objects.filter(Q(image=path) | Q(thumbnail=path) | Q(zoom=path) | Q(source=path))
             .select_related("page").first())
    page = owner.page if owner else None
    if page is None:
        region = ItemRegion.objects.filter(photo=path).select_related("item__page").first()
        if region is None or not region.item.is_visible:
            raise Http404
        page = region.item.page
    if not may_see(page, request.user):
        raise Http404("本版有条目已撤回，版面图不再公开")
    try:
        f = default_storage.open(path, "rb")
    except (FileNotFoundError, OSError):
        raise Http404
    response = FileResponse(f, content_type=mimetypes.guess_type(path)[0] or "application/octet-stream")
    if page.dump_is_public:
        patch_cache_control(response, public=True, max_age=A_YEAR, immutable=True)
    else:
        patch_cache_control(response, private=True, no_store=True)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def zoom_url(printed):
    """The zoomed page image, rendered from the page's PDF the first time a
    reader asks for it (in a bounded worker, like the import's rendering)
    and kept in the storage; the screen image when there is no PDF."""
    if printed.zoom:
        return printed.zoom.url
    if not printed.source:
        return printed.image.url
    from ..importing import rendering
    with printed.source.open("rb") as f:
        data = f.read()
    try:
        webp, _size = rendering.zoom(data, settings.ARCHIVE_ZOOM_WIDTH)
    except rendering.RenderError:
        return printed.image.url
    name = page_file_name(printed.page, printed.sha256, "zoom", "webp")
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(webp))
    PageImage.objects.filter(pk=printed.pk).update(zoom=name)
    return default_storage.url(name)


@require_safe
def page_zoom(request, year, month, day, page):
    from .archive import page_or_404
    page = page_or_404(year, month, day, page)
    printed = PageImage.objects.filter(page=page).select_related("page__issue").first()
    if printed is None or not printed.image or not may_see(page, request.user):
        raise Http404("本版没有版面图")
    return redirect(zoom_url(printed))
