#!/usr/bin/env python
"""Server time of the reader's browse views over a large archive: each URL
asked once through Django's request handler (the test client, in this
process: no HTTP, no gunicorn), the cache of answers off, so that every
request renders. Prints p50/p95 and the most queries one request made, for
the issue, page, item, month, person, section and on-this-day views, and
the database's size on disk.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench_1m \\
        .venv/bin/python bench/views.py --keep          (an archive built before)
    .venv/bin/python bench/views.py --articles 100000  (build one first)

The item view finds its related articles the first time it is shown (the
full-text index; none without one) and reads them from the cache after: the
figures are of first views."""
import argparse
import os
import random
import statistics
import time

from _setup import fresh_database, percentile

import dataset  # noqa: E402  (after _setup: Django must be configured)

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/archive_bench"


def browse_urls(rng, n):
    from django.db.models import Max, Min

    from articles.models import Issue, Item, Page, Person, Section

    span = Item.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
    items = Item.objects.select_related("page__issue").in_bulk(
        [rng.randint(span["lo"], span["hi"]) for _ in range(n)])
    pages = Page.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
    pages = Page.objects.select_related("issue").in_bulk([rng.randint(pages["lo"], pages["hi"]) for _ in range(n)])
    dates = list(Issue.objects.values_list("date", flat=True))
    people = list(Person.objects.reporters().values_list("slug", flat=True))
    sections = list(Section.objects.values_list("slug", flat=True))
    return {
        "issue": [f"/{d:%Y/%m/%d}/" for d in rng.sample(dates, min(n, len(dates)))],
        "page": [p.get_absolute_url() for p in pages.values()],
        "item": [i.get_absolute_url() for i in items.values()],
        "month": [f"/{d:%Y/%m}/" for d in rng.sample(dates, min(n, len(dates)))],
        "person": [f"/people/{rng.choice(people)}/" for _ in range(n)],
        "person, page 50": [f"/people/{rng.choice(people)}/?page=50" for _ in range(n)],
        "section": [f"/sections/{rng.choice(sections)}/" for _ in range(n)],
        "on this day": [f"/on-this-day/?date={d:%m-%d}" for d in rng.sample(dates, min(n, len(dates)))],
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--requests", type=int, default=40, help="URLs of each kind")
    ap.add_argument("--keep", action="store_true", help="reuse the archive of a previous run")
    args = ap.parse_args()
    url = fresh_database(os.environ.get("DATABASE_URL", DEFAULT_URL), keep=args.keep)
    if not args.keep:
        dataset.build(args.articles)
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from articles.models import Item

    settings.ARCHIVE_CACHE_SECONDS = 0
    settings.ALLOWED_HOSTS = ["testserver"]
    total = Item.objects.count()
    urls = browse_urls(random.Random(7), args.requests)
    client = Client()
    for kind_urls in browse_urls(random.Random(8), 3).values():   # warm up
        for u in kind_urls:
            client.get(u)
    print(f"browse views on {connection.vendor} ({url.rsplit('@', 1)[-1]}), {total} articles: "
          f"server time of one request, each URL once, the cache of answers off")
    for kind, kind_urls in urls.items():
        times, most_queries = [], 0
        for u in kind_urls:
            with CaptureQueriesContext(connection) as queries:
                start = time.perf_counter()
                response = client.get(u)
                times.append((time.perf_counter() - start) * 1000)
            most_queries = max(most_queries, len(queries))
            assert response.status_code == 200, (u, response.status_code)
        print(f"  {kind:16s} p50 {statistics.median(times):7.1f} ms  p95 {percentile(times, 95):7.1f} ms  "
              f"(≤ {most_queries} queries, {len(times)} URLs)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database())), "
                           "pg_size_pretty(pg_total_relation_size('articles_item')), "
                           "pg_size_pretty(pg_total_relation_size('articles_searchentry'))")
            db, items, index = cursor.fetchone()
        print(f"  on disk: database {db}; items (with their indexes) {items}; search index {index}")


if __name__ == "__main__":
    main()
