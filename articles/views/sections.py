"""Sections: every page name (版名) and column (栏目), each with its items,
newest first."""
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from ..models import Item, Section
from .common import archive_view

PER_PAGE = 30


def section_items(section):
    items = Item.objects.published().with_page()
    if section.kind == Section.PAGE:
        items = items.filter(page__section=section)
    else:
        items = items.filter(column_section=section)
    return items.newest_first().prefetch_related("credits__person")


def with_visible_items(sections):
    """Only the sections that hold something readers may see."""
    visible = Item.objects.published()
    return sections.filter(Exists(visible.filter(column_section=OuterRef("pk")))
                           | Exists(visible.filter(page__section=OuterRef("pk"))))


@archive_view()
def section_index(request):
    visible = Q(items__status=Item.PUBLISHED, items__kind__in=[Item.ARTICLE, Item.PHOTO])
    columns = Section.objects.filter(kind=Section.COLUMN).annotate(n=Count("items", filter=visible)).filter(n__gt=0)
    pages = Section.objects.filter(kind=Section.PAGE).annotate(
        n=Count("pages__items", filter=Q(pages__items__status=Item.PUBLISHED,
                                         pages__items__kind__in=[Item.ARTICLE, Item.PHOTO]))).filter(n__gt=0)
    return render(request, "articles/section_index.html", {"page_sections": pages.order_by("name"),
                                                            "column_sections": columns.order_by("name")})


@archive_view()
def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    paginator = Paginator(section_items(section), PER_PAGE)
    if not paginator.count:
        # A column whose items are all withdrawn is gone with them.
        raise Http404("这个栏目没有可以阅读的条目")
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "articles/section.html", {"section": section, "page_obj": page,
                                                      "items": page.object_list})
