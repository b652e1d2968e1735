#!/usr/bin/env python
"""Benchmark the reader's pages as production serves them: gunicorn with the
production settings over a large archive on PostgreSQL, requested over
keep-alive connections from a pool of client threads on the same machine.
Prints requests per second and p50/p99 latency for an article, a page, an
issue, a month of the calendar, a person, and a search, each URL asked once
(so none from the cache of answers), then the articles again with a warm
cache (articles/cache.py): local memory in each worker, or Redis with
--redis-url.

    .venv/bin/python bench/web.py --articles 100000
    .venv/bin/python bench/web.py --keep        (reuse the archive built last time)
    .venv/bin/python bench/web.py --keep --redis-url redis://127.0.0.1:6379/3

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


def start_gunicorn(url, port, workers, redis_url=None):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="newsroom.settings.production", DATABASE_URL=url,
               SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="false",
               DEBUG="false", LOG_LEVEL="WARNING")
    env.pop("REDIS_URL", None)
    if redis_url:
        env["REDIS_URL"] = redis_url
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
    (latencies in ms, wall seconds, errors, answers from the cache)."""
    queue = list(urls)
    lock = threading.Lock()
    latencies, errors, hits = [], [], []

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
                if response.getheader("X-Archive-Cache") == "hit":
                    hits.append(url)
                if response.status != 200:
                    errors.append((response.status, url))
        conn.close()

    start = time.perf_counter()
    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return latencies, time.perf_counter() - start, errors, len(hits)


def worker_memory(pid):
    """Resident memory (MB) of each worker of the gunicorn master `pid`."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    sizes = []
    for child in children:
        for line in Path(f"/proc/{child}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def report(kind, latencies, wall, hits=None):
    cached = f", {hits} from the cache" if hits is not None else ""
    print(f"  {kind:8s} {len(latencies) / wall:7.1f} req/s  p50 {statistics.median(latencies):6.1f} ms  "
          f"p99 {percentile(latencies, 99):6.1f} ms  ({len(latencies)} requests{cached})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--requests", type=int, default=400, help="requests per kind of page")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    ap.add_argument("--threads", type=int, default=4, help="client connections")
    ap.add_argument("--keep", action="store_true", help="reuse the archive of a previous run")
    ap.add_argument("--redis-url", help="cache answers in this Redis (REDIS_URL) instead of each worker's memory")
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
    # The processes are warmed up on other URLs than those measured.
    warm = [u for kind_urls in reader_urls(random.Random(12), 5).values() for u in kind_urls]
    connection.close()
    port = free_port()
    server = start_gunicorn(url, port, args.workers, args.redis_url)
    try:
        where = "Redis" if args.redis_url else "each worker's memory"
        print(f"web on gunicorn ({args.workers} workers, production settings), PostgreSQL, {total} articles; "
              f"{args.threads} client connections on the same {os.cpu_count()} cores; answers cached in {where}")
        hammer(port, warm, args.threads)
        failures = defaultdict(list)
        for kind, kind_urls in urls.items():
            latencies, wall, errors, _ = hammer(port, kind_urls, args.threads)
            failures[kind] = errors
            if latencies:
                report(kind, latencies, wall)
        # The same articles again: now from the cache (each worker keeps its
        # own without Redis, so ask until both have them).
        for _ in range(3):
            latencies, wall, errors, hits = hammer(port, urls["article"], args.threads)
            failures["article (cached)"] += errors
        report("article, warm cache", latencies, wall, hits)
        print(f"  gunicorn workers' memory (RSS): {', '.join(f'{mb:.0f} MB' for mb in worker_memory(server.pid))}")
        bad = [(kind, e) for kind, errors in failures.items() for e in errors]
        if bad:
            raise SystemExit(f"{len(bad)} requests failed, e.g. {bad[:3]}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
