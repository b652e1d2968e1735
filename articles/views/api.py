"""The JSON API: the same data as the reader's pages (see README, "API")."""
import datetime

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import reverse

from ..models import Issue, Item, ItemRedirect, Person
from ..search import service as search_service
from .common import archive_view, issue_last_modified
from .items import story_parts
from .people import credited_items, mentioned, person_or_redirect, with_visible_items

ISSUES_PER_PAGE = 50
PERSON_ITEMS_PER_PAGE = 100


def _json(data, status=200):
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _page_number(request):
    value = request.GET.get("page", "1")
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _paged(request, paginator, number):
    page = paginator.get_page(number)

    def link(n):
        return request.build_absolute_uri(f"{request.path}?page={n}")
    return page, {"count": paginator.count, "page": page.number, "pages": paginator.num_pages,
                  "next": link(page.next_page_number()) if page.has_next() else None,
                  "previous": link(page.previous_page_number()) if page.has_previous() else None}


def _item_summary(request, item, printed=None):
    return {"id": item.pk, "url": request.build_absolute_uri(item.get_absolute_url()), "kind": item.kind,
            "headline": item.headline or None, "kicker": item.kicker or None, "subtitle": item.subtitle or None,
            "column": item.column or None,
            "credits": [{"name": c.person.name, "role": c.role, "org": c.person.organisation or None}
                        for c in item.credits.all()],
            **_item_print(request, item, printed)}


def _file_url(request, f):
    return request.build_absolute_uri(f.url) if f else None


def _page_print(request, page, withheld=None):
    """A page's image and thumbnail (absolute URLs) and the size of the page
    its regions are measured in; None each when it has none, or when a
    withdrawn item makes its image staff only (`withheld`: whether it does,
    when the caller knows)."""
    printed = getattr(page, "printed", None)
    if withheld is None:
        # The API answers everyone alike (and is cached so): the public rule.
        withheld = printed is not None and not page.dump_is_public
    if printed is None or not printed.image or withheld:
        return None, {"image": None, "thumbnail": None, "page_size": None}
    return printed, {"image": _file_url(request, printed.image), "thumbnail": _file_url(request, printed.thumbnail),
                     "page_size": [printed.width, printed.height]}


def _item_print(request, item, printed):
    """An item's regions on its page ([[x, y, width, height]] in the page's
    coordinates, page_size) and, for a photo, its photo; None when none."""
    region = getattr(item, "region", None) if printed is not None else None
    data = {"regions": (region.rects or None) if region is not None else None}
    if item.kind == Item.PHOTO:
        data["photo"] = _file_url(request, region.photo) if region is not None else None
    return data


@archive_view()
def issues(request):
    queryset = Issue.objects.order_by("-date").annotate(n_pages=Count("pages"))
    page, meta = _paged(request, Paginator(queryset, ISSUES_PER_PAGE), _page_number(request))
    return _json({**meta, "results": [
        {"date": i.date.isoformat(), "number": i.number, "pages": i.n_pages,
         "url": request.build_absolute_uri(i.get_absolute_url()),
         "api": request.build_absolute_uri(f"/api/issues/{i.date.isoformat()}/")} for i in page.object_list]})


def issue(request, date):
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError:
        raise Http404("日期格式应为 YYYY-MM-DD")
    return _issue(request, day.year, day.month, day.day)


@archive_view(last_modified=issue_last_modified)
def _issue(request, year, month, day):
    try:
        issue = Issue.objects.get(date=datetime.date(year, month, day))
    except Issue.DoesNotExist:
        raise Http404("这一天没有出版")
    items = Item.objects.published().order_by("position").select_related("region").prefetch_related(
        "credits__person")
    pages = issue.pages.order_by("number").select_related("section", "printed").prefetch_related(
        Prefetch("items", queryset=items, to_attr="visible"))
    # Pages whose image a withdrawn item makes staff only (media.may_see):
    # one query for the issue. The API answers everyone alike, so none of
    # them shows an image here.
    withheld = set(Item.objects.filter(page__issue=issue, status=Item.WITHDRAWN).values_list("page_id", flat=True))
    out = []
    for p in pages:
        printed, files = _page_print(request, p, withheld=p.pk in withheld)
        out.append({"number": p.number, "name": p.name or None, "label": p.label or None,
                    "url": request.build_absolute_uri(p.get_absolute_url()), **files,
                    "items": [_item_summary(request, i, printed) for i in p.visible]})
    return _json({
        "date": issue.date.isoformat(), "number": issue.number, "edition": issue.edition or None,
        "url": request.build_absolute_uri(issue.get_absolute_url()), "pages": out})


def item_data(request, item):
    parts = story_parts(item)
    index = parts.index(item)
    data = {
        "id": item.pk, "url": request.build_absolute_uri(item.get_absolute_url()),
        "date": item.page.issue.date.isoformat(), "page": item.page.number,
        "page_name": item.page.name or None, "kind": item.kind,
        "headline": item.headline or None, "kicker": item.kicker or None, "subtitle": item.subtitle or None,
        "column": item.column or None, "dateline": item.dateline or None,
        "credits": [{"name": c.person.name, "role": c.role, "org": c.person.organisation or None,
                     "url": request.build_absolute_uri(c.person.get_absolute_url())}
                    for c in item.credits.select_related("person")],
        "body": item.body, "continued_to_page": item.continued_to_page,
        "continued_from_page": item.continued_from_page,
        "people": [{"name": m.person.name, "title": m.title or None,
                    "url": request.build_absolute_uri(m.person.get_absolute_url())}
                   for m in item.mentions.select_related("person")],
        "continues": None, "continued_by": None,
    }
    printed, files = _page_print(request, item.page)
    data.update(files)
    data.update(_item_print(request, item, printed))
    if index > 0:
        data["continues"] = {"id": parts[index - 1].pk, "page": parts[index - 1].page.number,
                             "url": request.build_absolute_uri(parts[index - 1].get_absolute_url())}
    if index + 1 < len(parts):
        data["continued_by"] = {"id": parts[index + 1].pk, "page": parts[index + 1].page.number,
                                "url": request.build_absolute_uri(parts[index + 1].get_absolute_url())}
    return data


@archive_view()
def item(request, pk):
    try:
        obj = Item.objects.with_page().select_related("region", "page__printed").get(pk=pk)
    except Item.DoesNotExist:
        # Merged into another item in proofing: 301 to that one.
        target = ItemRedirect.target(pk)
        if target is not None:
            moved = HttpResponsePermanentRedirect(reverse("api-item", args=[target]))
            moved["Access-Control-Allow-Origin"] = "*"
            return moved
        raise Http404("没有这个条目")
    if not obj.is_visible:
        raise Http404("没有这个条目")
    return _json(item_data(request, obj))


LOOKUP_SIZE = 10


def people_lookup(request):
    """GET /api/people/?q=王: up to ten people whose name (or another name of
    theirs) contains the text, credited or named in something readers may
    see: for the search form's person field."""
    text = (request.GET.get("q") or "").strip()[:20]
    found = []
    if text:
        matches = Person.objects.filter(Q(name__contains=text) | Q(aliases__name__contains=text)).values("pk")
        people = with_visible_items(Person.objects.filter(pk__in=matches)).order_by("name", "organisation")
        found = [{"name": p.name, "organisation": p.organisation or None, "slug": p.slug,
                  "url": request.build_absolute_uri(p.get_absolute_url())} for p in people[:LOOKUP_SIZE]]
    response = _json({"query": text, "results": found})
    response["Cache-Control"] = "public, max-age=300"
    return response


@archive_view()
def person(request, slug):
    obj, moved = person_or_redirect(request, slug, lambda p: reverse("api-person", args=[p.slug]))
    if moved:
        moved["Access-Control-Allow-Origin"] = "*"
        return moved
    base = {"name": obj.name, "organisation": obj.organisation or None, "kind": obj.kind,
            "url": request.build_absolute_uri(obj.get_absolute_url()),
            "aliases": list(obj.aliases.values_list("name", flat=True))}
    if obj.is_reporter:
        page, meta = _paged(request, Paginator(credited_items(obj), PERSON_ITEMS_PER_PAGE), _page_number(request))
        items = [{**_dated(request, i), "roles": sorted({c.role for c in i.credits.all() if c.person_id == obj.pk})}
                 for i in page.object_list]
    else:
        page, meta = _paged(request, Paginator(mentioned(obj), PERSON_ITEMS_PER_PAGE), _page_number(request))
        items = [{**_dated(request, m.item), "title": m.title or None} for m in page.object_list]
    if not meta["count"]:
        # As the person's page: named only in withdrawn items, not there.
        raise Http404("没有这个人物")
    return _json({**base, "items": {**meta, "results": items}})


def _dated(request, item):
    return {"id": item.pk, "url": request.build_absolute_uri(item.get_absolute_url()),
            "date": item.page.issue.date.isoformat(), "page": item.page.number, "headline": item.title}


def search(request):
    form = search_service.SearchForm.from_params(request.GET)
    if form.errors:
        return _json({"query": form.q, "errors": form.errors}, status=400)
    outcome = search_service.run(form)
    response = _json({
        "query": form.q, "notice": outcome.notice or None, "total": outcome.total, "page": form.page,
        "pages": outcome.pages,
        "results": [{"id": r["item"].pk, "url": request.build_absolute_uri(r["item"].get_absolute_url()),
                     "date": r["item"].page.issue.date.isoformat(), "page": r["item"].page.number,
                     "headline": r["item"].title, "snippet": r["snippet"].html} for r in outcome.results],
        "facets": {name: [{"label": label, "count": n, "url": request.build_absolute_uri(f"{request.path}?{q}")}
                          for label, n, q in values] for name, values in outcome.facets.items()},
        "facets_approximate": outcome.facets_approximate,
    })
    response["Cache-Control"] = "public, max-age=60"
    return response



