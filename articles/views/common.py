"""What the reader views share: finding an issue by its date, its
neighbours, conditional GET and cache headers."""
import datetime
from functools import wraps

from django.conf import settings
from django.db.models import Max
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from ..models import Issue, Item


def headlines(items, n=6):
    """A short description of a list of items, for sharing: their titles."""
    titles = [i.title for i in items[:n]]
    return "、".join(titles) + ("等" if len(items) > n else "")


def date_or_404(year, month, day):
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise Http404("没有这一天")


def issue_or_404(year, month, day):
    try:
        return Issue.objects.get(date=date_or_404(year, month, day))
    except Issue.DoesNotExist:
        raise Http404("这一天没有出版")


def neighbour_issues(date):
    """The issues before and after `date` (two indexed queries)."""
    previous = Issue.objects.filter(date__lt=date).order_by("-date").only("date").first()
    following = Issue.objects.filter(date__gt=date).order_by("date").only("date").first()
    return previous, following


def issue_last_modified(request, year, month, day, *args, **kwargs):
    """When anything printed in that issue last changed (one query)."""
    try:
        date = datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None
    found = Issue.objects.filter(date=date).aggregate(
        issue_changed=Max("updated_at"), page_imported=Max("pages__imported_at"),
        item_changed=Max("pages__items__updated_at"))
    stamps = [v for v in found.values() if v]
    return max(stamps) if stamps else None


def archive_last_modified(request, *args, **kwargs):
    """When anything in the archive last changed (one query)."""
    return Item.objects.aggregate(m=Max("updated_at"))["m"]


def canonical_url(view):
    """Redirect (301) to the one spelling of a URL: "/2021/02/04/01/" and
    "/2021/02/04/1/raw.txt" are the same page, but only the second is its
    URL. The canonical form is the URL reversed from what was matched (the
    converters write years, months, days and numbers one way)."""
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        match = request.resolver_match
        canonical = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        if canonical != request.path:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(canonical + (f"?{query}" if query else ""))
        return view(request, *args, **kwargs)
    return wrapper


def archive_view(last_modified=archive_last_modified, max_age=None):
    """Conditional GET (Last-Modified; ETags come from the middleware) and
    public cache headers for a reader's view. Archive pages change rarely
    (an import, an editor's fix): caches may keep them PUBLIC_MAX_AGE
    seconds (a few minutes), and revalidate with Last-Modified / ETag after
    that."""
    def decorator(view):
        conditional = condition(last_modified_func=last_modified)(view)

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = conditional(request, *args, **kwargs)
            # (A response the view made private, for staff only, stays so.)
            if response.status_code in (200, 304) and "private" not in response.get("Cache-Control", ""):
                patch_cache_control(response, public=True,
                                    max_age=settings.PUBLIC_MAX_AGE if max_age is None else max_age)
            return response
        return wrapper
    return decorator
