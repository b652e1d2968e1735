#!/usr/bin/env python
"""Benchmark search on a large archive (articles from the 人民日报 corpus):
index build rate, and p50/p95 latency of one-word, two-word, phrase and
filtered queries, each including the total count, the facets and the
highlighted snippets of one page of results. Run it once on PostgreSQL and
once on SQLite:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench .venv/bin/python bench/search.py --articles 100000
    DATABASE_URL=sqlite:////tmp/archive_bench.sqlite3 .venv/bin/python bench/search.py --articles 100000

--keep reuses the database of a previous run (no rebuild)."""
import argparse
import random
import statistics
import time

from _setup import fresh_database, percentile

import dataset  # noqa: E402  (after _setup: Django must be configured)

ONE_WORD = ["疫情", "防控", "经济", "武汉", "医院", "农村", "脱贫", "企业", "口罩", "科技", "教育", "志愿者"]
TWO_WORDS = ["疫情 防控", "复工 复产", "武汉 医院", "脱贫 攻坚", "农村 改革", "科技 创新", "经济 发展", "社区 防控"]
PHRASES = ['"疫情防控"', '"复工复产"', '"脱贫攻坚"', '"人民群众"', '"全面小康"', '"联防联控"']


def measure(run, queries, repeat):
    times = []
    for _ in range(repeat):
        for q in queries:
            start = time.perf_counter()
            run(q)
            times.append((time.perf_counter() - start) * 1000)
    return percentile(times, 50), percentile(times, 95), max(times)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--keep", action="store_true", help="reuse the database of a previous run")
    args = ap.parse_args()
    url = fresh_database(keep=args.keep)
    from django.db import connection

    from articles.models import Item, Person, Section
    from articles.search import segment, service

    if not args.keep:
        dataset.build(args.articles)
        dataset.build_index()
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("ANALYZE")  # what autovacuum does soon after a bulk load
    # (SQLite has the statistics that the product's own rebuild_index and
    # update_index gather.)
    total = Item.objects.published().count()
    print(f"search on {connection.vendor} ({url.rsplit('@', 1)[-1]}), {total} articles, "
          f"segmenter {segment.engine_name()}")
    rng = random.Random(5)
    reporters = list(Person.objects.reporters().values_list("slug", flat=True))
    section = Section.objects.filter(kind=Section.PAGE).first()

    def run(params):
        outcome = service.run(service.SearchForm.from_params(params))
        assert outcome.total >= 0 and len(outcome.results) <= service.PER_PAGE
        for r in outcome.results:
            r["snippet"].html
        return outcome

    for q in ONE_WORD[:2]:
        run({"q": q})  # warm caches and the segmenter
    kinds = [
        ("one word", [{"q": q} for q in ONE_WORD]),
        ("two words", [{"q": q} for q in TWO_WORDS]),
        ("phrase", [{"q": q} for q in PHRASES]),
        ("filtered", [{"q": rng.choice(ONE_WORD), "person": rng.choice(reporters)} for _ in range(4)]
         + [{"q": rng.choice(ONE_WORD), "section": section.slug, "from": "2020-01-01", "to": "2021-06-30"}
            for _ in range(4)] + [{"q": rng.choice(TWO_WORDS), "year": "2021", "order": "newest"} for _ in range(4)]),
    ]
    for label, queries in kinds:
        hits = statistics.mean(run(q).total for q in queries)
        p50, p95, worst = measure(run, queries, args.repeat)
        print(f"  {label:10s} p50 {p50:6.1f} ms  p95 {p95:6.1f} ms  max {worst:6.1f} ms  (mean {hits:.0f} hits; "
              f"count, facets and {service.PER_PAGE} snippets included)")


if __name__ == "__main__":
    main()
