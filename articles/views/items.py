"""An item's page: its permalink, and a story printed across pages read as
one."""
from functools import wraps

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse

from .. import citation, related
from ..models import Credit, Item, ItemRedirect, Mention, PageImage
from .common import archive_view, canonical_url, issue_last_modified, neighbour_issues
from .media import may_see

# How the article may be shown: as printed (simplified) or in traditional
# characters (?zh=hant).
SCRIPTS = {"hant": "繁體", "": "简体"}


def story_parts(item):
    """All the parts of the story `item` belongs to, in print order (first
    part first), from one query over the issue's continued articles."""
    if not (item.continued_to_page or item.continued_from_page or item.continues_id):
        return [item]
    candidates = {i.pk: i for i in Item.objects.published().filter(page__issue_id=item.page.issue_id).exclude(
        continued_to_page=None, continued_from_page=None, continues=None).with_page()}
    candidates[item.pk] = item
    first = item
    walked_back = {first.pk}
    while first.continues_id in candidates and first.continues_id not in walked_back:
        first = candidates[first.continues_id]
        walked_back.add(first.pk)
    parts = [first]
    seen = {first.pk}
    while True:
        following = [c for c in candidates.values() if c.continues_id == parts[-1].pk and c.pk not in seen]
        if not following:
            break
        nxt = min(following, key=lambda c: (c.page.number, c.position))
        seen.add(nxt.pk)
        parts.append(nxt)
    return parts


def _unique_people(rows):
    seen, out = set(), []
    for row in rows:
        if row.person_id not in seen:
            seen.add(row.person_id)
            out.append(row)
    return out


class Merged(Exception):
    """The item was merged into another in proofing: `item` is that one."""

    def __init__(self, item):
        super().__init__(item.pk)
        self.item = item


def _item_or_404(pk):
    item = Item.objects.with_page().select_related("column_section", "region").filter(pk=pk).first()
    if item is None:
        # Merged into another item: its URL goes there, for good.
        target = ItemRedirect.target(pk)
        if target is not None:
            raise Merged(_item_or_404(target))
        raise Http404("这个条目不存在或已撤回")
    if not item.is_visible:
        raise Http404("这个条目不存在或已撤回")
    return item


def merged_redirects(view):
    """A view of an item merged away answers 301 to the item it went into
    (`to_url(item)`, its permalink by default)."""
    def decorator(func):
        @wraps(func)
        def wrapper(request, *args, **kwargs):
            try:
                return func(request, *args, **kwargs)
            except Merged as moved:
                return HttpResponsePermanentRedirect(view(moved.item))
        return wrapper
    return decorator


def _story(pk, year, month, day, page):
    """The item, or a redirect to where it is printed now."""
    item = _item_or_404(pk)
    # A permalink never breaks: an item that moved (a re-import put it on
    # another page) is found by its number and redirected to.
    issue_date = item.page.issue.date
    if (issue_date.year, issue_date.month, issue_date.day, item.page.number) != (year, month, day, page):
        return item, redirect(item, permanent=True)
    return item, None


def _story_people(parts):
    # A story printed in parts has one head (kicker, subtitle, byline): its
    # first part's; credits and people come from all parts.
    credits = _unique_people(Credit.objects.filter(item__in=parts).select_related("person")
                             .order_by("item__page__number", "order"))
    mentions = _unique_people(Mention.objects.filter(item__in=parts).select_related("person")
                              .order_by("item__page__number", "order"))
    return credits, mentions


@merged_redirects(lambda item: item.get_absolute_url())
@canonical_url
@archive_view(last_modified=issue_last_modified)
def item_detail(request, year, month, day, page, pk):
    item, moved = _story(pk, year, month, day, page)
    if moved:
        return moved
    parts = story_parts(item)
    order = list(Item.objects.published().filter(page__issue_id=item.page.issue_id)
                 .order_by("page__number", "position").values_list("pk", flat=True))
    index = order.index(item.pk)
    neighbours = Item.objects.with_page().in_bulk([pk for pk in (order[index - 1] if index else None,
                                                     order[index + 1] if index + 1 < len(order) else None) if pk])
    previous_issue, next_issue = neighbour_issues(item.page.issue.date)
    credits, mentions = _story_people(parts)
    script = request.GET.get("zh", "")
    script = script if script in SCRIPTS else ""
    url = request.build_absolute_uri(item.get_absolute_url())
    printed = PageImage.objects.filter(page=item.page).exclude(thumbnail="").first()
    region = getattr(item, "region", None)
    return render(request, "articles/item.html", {
        "printed": printed if printed is not None and may_see(item.page, request.user) else None,
        "region": region,
        "item": item, "head": parts[0], "page": item.page, "issue": item.page.issue, "parts": parts,
        "credits": credits, "mentions": mentions,
        "previous_item": neighbours.get(order[index - 1]) if index else None,
        "next_item": neighbours.get(order[index + 1]) if index + 1 < len(order) else None,
        "previous_issue": previous_issue, "next_issue": next_issue,
        "related": related.related_items(item, parts), "script": script, "canonical": url,
        "cite": citation.for_item(item, parts[0], credits, url)})


@merged_redirects(lambda item: reverse("item-ris", kwargs={**item.page.issue.url_kwargs(), "page": item.page.number,
                                                          "pk": item.pk}))
@canonical_url
@archive_view(last_modified=issue_last_modified)
def item_ris(request, year, month, day, page, pk):
    """The item's citation as a RIS file, for reference managers (Zotero,
    EndNote, NoteExpress)."""
    item, moved = _story(pk, year, month, day, page)
    if moved:
        return redirect("item-ris", **{**item.page.issue.url_kwargs(), "page": item.page.number, "pk": item.pk},
                        permanent=True)
    parts = story_parts(item)
    credits, _ = _story_people(parts)
    cite = citation.for_item(item, parts[0], credits, request.build_absolute_uri(item.get_absolute_url()))
    response = HttpResponse(cite.render("ris") + "\n", content_type="application/x-research-info-systems; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{cite.key}.ris"'
    return response


@merged_redirects(lambda item: item.get_absolute_url())
def item_short(request, pk):
    """/items/123/: a short link that redirects to the permalink."""
    return redirect(_item_or_404(pk), permanent=False)
