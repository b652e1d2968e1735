"""People: reporters (everything credited to them) and people named in the
news (the items, and the titles given there)."""
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractYear
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render

from ..models import Credit, Item, Mention, Person, PersonRedirect
from .common import archive_view

PER_PAGE = 30
VISIBLE = dict(item__status=Item.PUBLISHED, item__kind__in=[Item.ARTICLE, Item.PHOTO])


@archive_view()
def person_index(request):
    visible_credits = Q(credits__item__status=Item.PUBLISHED)
    reporters = (Person.objects.reporters().annotate(n=Count("credits", filter=visible_credits, distinct=True))
                 .filter(n__gt=0).order_by("-n", "name"))
    named = (Person.objects.named().annotate(n=Count("mentions", filter=Q(mentions__item__status=Item.PUBLISHED),
                                                     distinct=True))
             .filter(n__gt=0).order_by("-n", "name")[:200])
    return render(request, "articles/person_index.html", {"reporters": reporters, "named": named})


def with_visible_items(people):
    """Only the people credited or named in something readers may see."""
    return people.filter(Exists(Credit.objects.filter(person=OuterRef("pk"), **VISIBLE))
                         | Exists(Mention.objects.filter(person=OuterRef("pk"), **VISIBLE)))


def credited_items(person):
    # A semi-join (IN), not a join and DISTINCT: DISTINCT would compare whole
    # rows, bodies included, of all the person's items (3 times slower for
    # 3,000 items).
    return (Item.objects.published().with_page()
            .filter(pk__in=Credit.objects.filter(person=person).values("item_id"))
            .newest_first().prefetch_related("credits__person"))


def mentioned(person):
    return (Mention.objects.filter(person=person, **VISIBLE).select_related("item", "item__page", "item__page__issue")
            .defer("item__page__raw_text", "item__page__warnings")
            .order_by("-item__page__issue__date", "item__page__number", "item__position"))


def person_or_redirect(request, slug, url_of):
    """(the person, None), or (None, a 301 to the person `slug` was merged
    into, at `url_of(person)`, the query string kept); 404 when neither."""
    person = Person.objects.filter(slug=slug).first()
    if person is not None:
        return person, None
    moved = PersonRedirect.objects.filter(slug=slug).select_related("person").first()
    if moved is None:
        raise Http404("没有这个人物")
    query = request.META.get("QUERY_STRING", "")
    return None, HttpResponsePermanentRedirect(url_of(moved.person) + (f"?{query}" if query else ""))


@archive_view()
def person_detail(request, slug):
    person, moved = person_or_redirect(request, slug, lambda p: p.get_absolute_url())
    if moved:
        return moved
    if person.is_reporter:
        per_year = (Credit.objects.filter(person=person, **VISIBLE)
                    .annotate(year=ExtractYear("item__page__issue__date")).values("year")
                    .annotate(n=Count("item", distinct=True)).order_by("-year"))
        paginator = Paginator(credited_items(person), PER_PAGE)
    else:
        per_year = (Mention.objects.filter(person=person, **VISIBLE)
                    .annotate(year=ExtractYear("item__page__issue__date")).values("year")
                    .annotate(n=Count("item", distinct=True)).order_by("-year"))
        paginator = Paginator(mentioned(person), PER_PAGE)
    per_year = list(per_year)
    # Each item is of one year: the years' counts add up to the total, which
    # the paginator need not count again (a reporter may have 20,000 items).
    paginator.count = sum(row["n"] for row in per_year)
    if not paginator.count:
        # Named only in withdrawn items (or in none): the name is gone too.
        raise Http404("没有这个人物")
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "articles/person.html", {
        "person": person, "per_year": per_year, "page_obj": page, "total": paginator.count,
        "aliases": list(person.aliases.values_list("name", flat=True))})
