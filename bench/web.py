#!/usr/bin/env python
"""Benchmark the reader's pages as production serves them: gunicorn with the
production settings over a large archive on PostgreSQL, requested over
keep-alive connections from a pool of client threads on the same machine.
Prints requests per second and p50/p99 latency for an article, a page, an
issue, a month of the calendar, a person, and a search.

    .venv/bin/python bench/web.py --articles 100000
    .venv/bin/python bench/web.py --keep        (reuse the archive built last time)

The client shares the machine's cores with gunicorn and PostgreSQL: the
figures are a floor for a server of the same size."""
import argparse
import http.client
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlencode

from _setup import fresh_database, percentile

import dataset  # noqa: E402  (after _setup: Django must be configured)

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/archive_bench_web"
SEARCH_WORDS = ["疫情", "防控", "经济", "武汉", "医院", "农村", "脱贫", "企业", "口罩", "科技", "复工 复产", '"疫情防控"']


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(url, port, workers):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="newsroom.settings.production", DATABASE_URL=url,
               SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false",
               DEBUG="false", LOG_LEVEL="WARNING")
    # Production serves hashed static files from a manifest: collect them.
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env,
                   check=True)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "newsroom.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--log-level", "warning"], cwd=ROOT, env=env)
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def reader_urls(rng, n):
    """`n` URLs of each kind, spread over the whole archive."""
    from django.db.models import Max, Min

    from articles.models import Issue, Item, Page, Person

    span = Item.objects.aggregate(lo=Min("pk"), hi=Max("pk"))
    item_ids = [rng.randint(span["lo"], span["hi"]) for _ in range(n)]
    items = Item.objects.select_related("page__issue").in_bulk(item_ids)
    dates = list(Issue.objects.values_list("date", flat=True))
    pages = Page.objects.select_related("issue").in_bulk(
        [rng.randint(*Page.objects.aggregate(lo=Min("pk"), hi=Max("pk")).values()) for _ in range(n)])
    people = list(Person.objects.reporters().values_list("slug", flat=True))
    return {
        "article": [i.get_absolute_url() for i in items.values()],
        "page": [p.get_absolute_url() for p in pages.values()],
        "issue": [f"/{d:%Y/%m/%d}/" for d in rng.sample(dates, min(n, len(dates)))],
        "month": [f"/{d:%Y/%m}/" for d in rng.sample(dates, min(n, len(dates)))],
        "person": [f"/people/{rng.choice(people)}/" for _ in range(n)],
        "search": ["/search/?" + urlencode({"q": rng.choice(SEARCH_WORDS), "page": rng.randint(1, 3)})
                   for _ in range(n)],
    }


def hammer(port, urls, threads):
    """Request every URL once, from `threads` keep-alive connections; return
    (latencies in ms, wall seconds, errors)."""
    queue = list(urls)
    lock = threading.Lock()
    latencies, errors = [], []

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                url = queue.pop()
            start = time.perf_counter()
            try:
                conn.request("GET", quote(url, safe="/?=&%"), headers={"Host": "127.0.0.1"})
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as e:
                with lock:
                    errors.append((repr(e), url))
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            elapsed = (time.perf_counter() - start) * 1000
            with lock:
                latencies.append(elapsed)
                if response.status != 200:
                    errors.append((response.status, url))
        conn.close()

    start = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return latencies, time.perf_counter() - start, errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--requests", type=int, default=400, help="requests per kind of page")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    ap.add_argument("--threads", type=int, default=4, help="client connections")
    ap.add_argument("--keep", action="store_true", help="reuse the archive of a previous run")
    args = ap.parse_args()
    url = fresh_database(os.environ.get("DATABASE_URL", DEFAULT_URL), keep=args.keep)
    if not url.startswith("postgres"):
        raise SystemExit("the web benchmark runs on PostgreSQL, as production does")
    if not args.keep:
        dataset.build(args.articles)
        dataset.build_index()
    from django.db import connection

    from articles.models import Item
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    total = Item.objects.count()
    urls = reader_urls(random.Random(11), args.requests)
    connection.close()
    port = free_port()
    server = start_gunicorn(url, port, args.workers)
    try:
        print(f"web on gunicorn ({args.workers} workers, production settings), PostgreSQL, {total} articles; "
              f"{args.threads} client connections on the same {os.cpu_count()} cores")
        warm = [u for kind_urls in urls.values() for u in kind_urls[:5]]
        hammer(port, warm, args.threads)
        failures = defaultdict(list)
        for kind, kind_urls in urls.items():
            latencies, wall, errors = hammer(port, kind_urls, args.threads)
            failures[kind] = errors
            if not latencies:
                continue
            print(f"  {kind:8s} {len(latencies) / wall:7.1f} req/s  p50 {statistics.median(latencies):6.1f} ms  "
                  f"p99 {percentile(latencies, 99):6.1f} ms  ({len(latencies)} distinct URLs)")
        bad = [(kind, e) for kind, errors in failures.items() for e in errors]
        if bad:
            raise SystemExit(f"{len(bad)} requests failed, e.g. {bad[:3]}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
