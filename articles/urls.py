"""Readable, permanent, date-first URLs:

    /2021/02/04/            the issue of 4 February 2021
    /2021/02/04/1/          its page 1
    /2021/02/04/1/123/      item 123, printed on that page (its permalink)
"""
from django.contrib.sitemaps import views as sitemap_views
from django.urls import path, register_converter

from .views import api, archive, feeds, items, media, people, search, sections


class TwoDigits:
    regex = "[0-9]{2}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return f"{int(value):02d}"


class Year:
    regex = "[0-9]{4}"
    to_python = int

    def to_url(self, value):
        return f"{int(value):04d}"


register_converter(TwoDigits, "dd")
register_converter(Year, "yyyy")

urlpatterns = [
    path("", archive.home, name="home"),
    path("calendar/", archive.calendar_years, name="calendar"),
    path("calendar/go/", archive.jump_to_date, name="jump"),
    path("calendar/<yyyy:year>/", archive.calendar_year, name="calendar-year"),
    path("on-this-day/", archive.on_this_day, name="on-this-day"),
    path("<yyyy:year>/", archive.year_redirect, name="year"),
    path("<yyyy:year>/<dd:month>/", archive.month, name="month"),
    path("<yyyy:year>/<dd:month>/<dd:day>/", archive.issue_detail, name="issue-detail"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<int:page>/", archive.page_detail, name="page-detail"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<int:page>/raw.txt", archive.page_raw, name="page-raw"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<int:page>/zoom/", media.page_zoom, name="page-zoom"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<int:page>/<int:pk>/", items.item_detail, name="item-detail"),
    path("<yyyy:year>/<dd:month>/<dd:day>/<int:page>/<int:pk>/cite.ris", items.item_ris, name="item-ris"),
    path("items/<int:pk>/", items.item_short, name="item-short"),
    path("sections/", sections.section_index, name="section-index"),
    path("sections/<str:slug>/", sections.section_detail, name="section-detail"),
    path("people/", people.person_index, name="person-index"),
    path("people/<str:slug>/", people.person_detail, name="person-detail"),
    path("search/", search.search, name="search"),
    path("api/issues/", api.issues, name="api-issues"),
    path("api/issues/<str:date>/", api.issue, name="api-issue"),
    path("api/items/<int:pk>/", api.item, name="api-item"),
    path("api/people/", api.people_lookup, name="api-people"),
    path("api/people/<str:slug>/", api.person, name="api-person"),
    path("api/search/", api.search, name="api-search"),
    path("feeds/issues.atom", feeds.LatestIssuesFeed(), name="feed-issues"),
    path("sitemap.xml", feeds.public(sitemap_views.index), {"sitemaps": feeds.SITEMAPS,
                                                            "sitemap_url_name": "sitemap-section"},
         name="sitemap"),
    path("sitemap-<section>.xml", feeds.public(sitemap_views.sitemap), {"sitemaps": feeds.SITEMAPS},
         name="sitemap-section"),
    path("robots.txt", feeds.robots_txt, name="robots"),
    path("healthz", feeds.healthz, name="healthz"),
]
