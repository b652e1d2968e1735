#!/usr/bin/env python
"""Benchmark the importer end to end: dump files laid out from the 人民日报
corpus, read, decoded, parsed, written with their people, credits, mentions
and search index, one transaction per page, into a fresh database, or with
--keep into the archive there (new issues from --first-date on: for the
import rate into a full archive, after bench/dataset.py's last day).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench \\
        .venv/bin/python bench/import.py [--pages 1000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench_1m \\
        .venv/bin/python bench/import.py --keep --first-date 2022-01-01 --pages 200
"""
import argparse
import datetime
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _setup import fresh_database


def write_pages(out, n, seed, first_day=datetime.date(2020, 1, 1)):
    from articles.tests import pagegen
    rows = pagegen.load_corpus()
    rng = random.Random(seed)
    day = first_day
    chars = 0
    for i in range(n):
        page = i % 8 + 1
        if page == 1 and i:
            day += datetime.timedelta(days=1)
        text, _gold = pagegen.make_page(rows, rng, page_no=page)
        data, _encoding = pagegen.encode(text, rng)
        folder = out / f"{day:%Y-%m-%d}"
        folder.mkdir(exist_ok=True)
        (folder / f"{page:02d}.txt").write_bytes(data)
        chars += len(text)
    return chars / n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--keep", action="store_true", help="import into the archive there (not a fresh database)")
    ap.add_argument("--first-date", type=datetime.date.fromisoformat, default=datetime.date(2020, 1, 1),
                    help="date of the first issue imported (default 2020-01-01)")
    args = ap.parse_args()
    url = fresh_database(keep=args.keep)
    from django.db import connection

    from articles.importing import expand_arguments
    from articles.importing.runner import ImportRunner, jobs_for_paths
    from articles.models import Credit, Item, Mention, Person, SearchEntry

    tmp = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        before = Item.objects.count()
        mean_chars = write_pages(tmp, args.pages, args.seed, args.first_date)
        paths, _ = expand_arguments([str(tmp)])
        start = time.perf_counter()
        summary = ImportRunner(username="bench").run(jobs_for_paths(paths))
        elapsed = time.perf_counter() - start
        print(f"import_pages into {connection.vendor} ({url.rsplit('@', 1)[-1]}, {before} items before): "
              f"{len(paths)} pages "
              f"(mean {mean_chars:.0f} characters) in {elapsed:.1f} s: {len(paths) / elapsed:.1f} pages/s end to end")
        print(f"  {summary.text()}")
        print(f"  rows: {Item.objects.count()} items, {Person.objects.count()} people, {Credit.objects.count()} "
              f"credits, {Mention.objects.count()} mentions, {SearchEntry.objects.count()} index entries")
        start = time.perf_counter()
        again = ImportRunner(username="bench").run(jobs_for_paths(paths))
        elapsed = time.perf_counter() - start
        print(f"  the same files again (all unchanged, skipped): {len(paths) / elapsed:.0f} pages/s "
              f"({again.skipped} skipped)")
        if summary.failed:
            sys.exit(1)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
