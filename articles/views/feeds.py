"""For machines: the Atom feed of new issues, sitemaps, robots.txt, a
health check."""
import logging
from functools import wraps

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.syndication.views import Feed
from django.db import DatabaseError, connection
from django.db.models import Count, Max
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Atom1Feed

from .. import replicas
from ..models import Issue, Item, Person, Section
from . import people, sections

log = logging.getLogger(__name__)


def public(view):
    """Sitemaps are everyone's: marked public, they are kept by the
    archive's answer cache under the archive version (articles.cache), so
    a new issue is in them on the next request, not an hour later."""
    @wraps(view)
    def answer(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=settings.PUBLIC_MAX_AGE)
        return response
    return answer


class LatestIssuesFeed(Feed):
    feed_type = Atom1Feed
    title = f"{settings.NEWSPAPER_NAME} · 最新各期"
    subtitle = f"{settings.NEWSPAPER_NAME}数字档案，每期一条。"

    def link(self):
        return reverse("home")

    def items(self):
        return Issue.objects.order_by("-date").annotate(n_pages=Count("pages"), modified=Max("pages__imported_at"))[:20]

    def item_title(self, issue):
        return f"{settings.NEWSPAPER_NAME} {issue.date.year}年{issue.date.month}月{issue.date.day}日"

    def item_description(self, issue):
        return f"共 {issue.n_pages} 版" + (f"，总第{issue.number}期" if issue.number else "")

    def item_link(self, issue):
        return issue.get_absolute_url()

    def item_updateddate(self, issue):
        return issue.modified or issue.updated_at

    def item_pubdate(self, issue):
        return issue.created_at


class IssueSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.6

    def items(self):
        return Issue.objects.order_by("date")

    def lastmod(self, issue):
        return issue.updated_at


class ItemSitemap(Sitemap):
    changefreq = "yearly"
    limit = 10000

    def items(self):
        return Item.objects.published().with_page().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class SectionSitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        # As the pages themselves: only sections and people with something
        # readers may see (a withdrawn item takes its column and names along).
        return sections.with_visible_items(Section.objects.order_by("pk"))


class PersonSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return people.with_visible_items(Person.objects.order_by("pk"))


SITEMAPS = {"issues": IssueSitemap, "items": ItemSitemap, "sections": SectionSitemap, "people": PersonSitemap}


def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/", "Disallow: /api/search/", "",
             f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def healthz(request):
    """For the load balancer: the process is up and the database answers.
    A database that does not answer is a 503 with a short JSON body (not the
    500 page), so that the balancer reads it as "unavailable for now"; with
    replicas, a primary that does not answer while a replica does is a 200
    saying "read-only" (readers are served)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as e:
        log.error("healthz: the database does not answer: %s", e)
        if replicas.healthy_replica():
            # Readers are still served, from a replica (articles/replicas.py).
            response = JsonResponse({"status": "read-only", "database": "primary unreachable"})
        else:
            response = JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    else:
        response = JsonResponse({"status": "ok"})
    response["Cache-Control"] = "no-store"
    return response
