#!/usr/bin/env python
"""Benchmark page proofing (版面校对): the server time of a split and of a
merge on a page of 40 items, each posted to the admin's save view as an
editor's browser posts it (session, CSRF-exempt test client, permission
check, the page's token, the operation in its transaction with the search
index, the history entry, the admin log, the redirect), and the operation
alone (articles.proofing.operations.perform). Also the proofing view's
GET of that page. Target: a split or merge under 300 ms.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/archive_bench \\
        .venv/bin/python bench/proofing.py [--rounds 30] [--items 40]
"""
import argparse
import json
import re
import statistics
import tempfile
import time
from pathlib import Path

from _setup import fresh_database, percentile

REPORTERS = ["雷甫", "王菲", "刘吟", "李晓雯", "王志敏", "曹伟", "张丽", "赵刚"]


def page_and_gold(n):
    """A dump of `n` articles (a spaced headline, a lead with a reporter,
    four paragraphs) and its gold parse."""
    from articles.tests.helpers import ACTIONS, PLACES, SENTENCES, SUBJECTS
    import random
    rng = random.Random(13)
    lines, items = [], []
    for k in range(n):
        headline = PLACES[k % 20] + SUBJECTS[k % 20] + ACTIONS[(k * 7) % 20]
        reporter = REPORTERS[k % len(REPORTERS)]
        paragraphs = ["".join(rng.sample(SENTENCES, 3)) for _ in range(4)]
        paragraphs[0] = f"本报讯（记者{reporter}）" + paragraphs[0]
        lines += [" ".join(headline), ""]
        for p in paragraphs:
            lines += [p[i:i + 18] for i in range(0, len(p), 18)] + [""]
        items.append({"kind": "article", "headline": headline, "credits": [{"name": reporter, "role": "记者"}],
                      "body": [{"type": "paragraph", "text": p} for p in paragraphs]})
    return "\n".join(lines) + "\n", {"page_label": None, "items": items}


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def summary(name, values):
    return (f"{name:<34} median {statistics.median(values):6.1f} ms   p90 {percentile(values, 90):6.1f} ms   "
            f"max {max(values):6.1f} ms   (n={len(values)})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=30)
    ap.add_argument("--items", type=int, default=40)
    args = ap.parse_args()
    fresh_database()

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.test import Client

    from articles.models import Item, Page
    from articles.proofing import state as S
    from articles.proofing.operations import perform

    text, gold = page_and_gold(args.items)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "2021-02-05-01.txt").write_text(text, encoding="utf-8")
        (folder / "2021-02-05-01.gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
        call_command("import_pages", str(folder), "--no-progress", stdout=open("/dev/null", "w"))
        call_command("import_gold", str(folder / "2021-02-05-01.gold.json"), stdout=open("/dev/null", "w"))
    page = Page.objects.get()
    items = list(Item.objects.filter(page=page).order_by("position"))
    print(f"page of {len(items)} items, {len(text):,} characters of dump; {args.rounds} rounds")
    assert len(items) == args.items, len(items)

    editor = User.objects.create_superuser("bench", "b@example.com", "pw")
    client = Client(HTTP_HOST="localhost")
    client.force_login(editor)
    url = f"/admin/articles/page/{page.pk}/proof/"

    def save(op, params):
        response = client.post(url + "save/", {"op": op, "params": json.dumps(params), "state": S.page_token(page)})
        assert response.status_code == 303, (response.status_code, response.content[:500])
        return response

    view, split_http, merge_http, split_op, merge_op = [], [], [], [], []
    client.get(url)                                      # warm up
    for r in range(args.rounds):
        ms, response = timed(lambda: client.get(url))
        assert response.status_code == 200
        view.append(ms)
        item = items[(r * 7) % len(items)]
        ms, _ = timed(lambda: save("split", {"item": item.pk, "at": 2}))
        split_http.append(ms)
        new = Item.objects.filter(page=page, position__gt=Item.objects.get(pk=item.pk).position) \
            .order_by("position").first()
        ms, _ = timed(lambda: save("merge", {"item": new.pk, "into": "prev"}))
        merge_http.append(ms)
        ms, edit = timed(lambda: perform(page, "split", {"item": item.pk, "at": 2}, user=editor))
        split_op.append(ms)
        ms, _ = timed(lambda: perform(page, "merge", {"item": edit.params["new"], "into": "prev"}, user=editor))
        merge_op.append(ms)
    assert Item.objects.filter(page=page).count() == args.items

    print(summary("split, the save view (HTTP)", split_http))
    print(summary("merge, the save view (HTTP)", merge_http))
    print(summary("split, the operation alone", split_op))
    print(summary("merge, the operation alone", merge_op))
    print(summary("the proofing view (GET)", view))
    worst = max(percentile(split_http, 90), percentile(merge_http, 90))
    print(f"target < 300 ms for a split or merge: {'met' if worst < 300 else 'NOT met'} (p90 {worst:.1f} ms)")


if __name__ == "__main__":
    main()
