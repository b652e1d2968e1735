#!/usr/bin/env python
"""Benchmark the page-dump parser: its speed, its scores on every page
family, and how it holds up on a family it was not trained on.

    .venv/bin/python bench/parse.py                 speed, and the committed model's scores
    .venv/bin/python bench/parse.py --lofo          ... and leave one family out (trains 4 models)
    .venv/bin/python bench/parse.py --huge 20       ... and a 20 MB dump: time and peak memory
    .venv/bin/python bench/parse.py --spread 8      ... and the seed-to-seed spread of the score
                                                    floors' means (articles/tests/test_parser_floors.py)

Speed: parse_page (people included) on one core, over 300 pagegen pages of
about 5,000 characters, median of 3 runs. Scores (score_page.py's metrics,
articles/pagedump/scoring.py) are on each family's test pages, laid out
from seeds no model was trained on and no change was tuned on.
"""
import argparse
import gc
import os
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.pagedump import labeller, parse_page  # noqa: E402
from articles.pagedump.training import families, pipeline  # noqa: E402
from articles.pagedump.training.train import evaluate  # noqa: E402
from articles.tests import pagegen  # noqa: E402

COLUMNS = ("overall", "items_f1", "body", "paragraphs_f1", "headline", "subtitle", "credits_f1", "continuation",
           "page_label")


def pages_of_about(rows, n, seed, target=5000):
    """n generated pages, each of about `target` characters."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        text, _ = pagegen.make_page(rows, rng, style={"n_articles": rng.randint(4, 7)})
        if 0.8 * target <= len(text) <= 1.25 * target:
            out.append(text)
    return out


def speed(n, repeat):
    texts = pages_of_about(pagegen.load_corpus(str(families.CORPUS)), n, seed=7)
    chars = statistics.mean(map(len, texts))
    parse_page(texts[0])  # load the models and jieba's dictionary outside the timing
    rates, cpu_rates = [], []
    for _ in range(repeat):
        gc.collect()
        start, cpu = time.perf_counter(), time.process_time()
        for text in texts:
            parse_page(text)
        rates.append(len(texts) / (time.perf_counter() - start))
        cpu_rates.append(len(texts) / (time.process_time() - cpu))
    # CPU time too: on a machine busy with other work the wall clock
    # measures the neighbours as much as the parser.
    print(f"parse_page: {len(texts)} pages, mean {chars:.0f} characters, one core: "
          f"{statistics.median(rates):.0f} pages/s median of {repeat} runs (best {max(rates):.0f}); "
          f"by CPU time {statistics.median(cpu_rates):.0f} pages/s")


def row(name, metrics):
    return f"| {name} | " + " | ".join(f"{metrics[k]:.3f}" if k in metrics else "n/a" for k in COLUMNS) + " |"


def header(first):
    print(f"| {first} | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")


def test_pages(name, n):
    return families.sample_pages() if name == "sample" else families.load(name, n, "test")


def scores(n):
    meta = labeller.metadata()
    print(f"\nThe committed model (trained on {meta.get('families')}, {meta.get('seconds')} s, "
          f"{meta.get('bytes', 0) / 1e6:.2f} MB), on each family's test pages:\n")
    header("family (test pages)")
    for name in pipeline.FAMILIES:
        pages = test_pages(name, n)
        print(row(f"{name} ({len(pages)})", evaluate(pages, labeller.MODEL_DIR)[0]), flush=True)


def leave_one_out(train_n, n):
    print(f"\nLeave one family out: trained on the others ({train_n} pages each, re-set copies), "
          "scored on the family left out:\n")
    header("family left out (test pages)")
    with tempfile.TemporaryDirectory() as work:
        found = {}
        for held in pipeline.FAMILIES:
            names = [f for f in pipeline.FAMILIES if f != held]
            start = time.perf_counter()
            model = Path(work) / held
            pipeline.train_models(names, train_n, model)
            pages = test_pages(held, n)
            found[held] = evaluate(pages, model)[0]
            print(row(f"{held} ({len(pages)})", found[held]) + f" <!-- {time.perf_counter() - start:.0f} s -->",
                  flush=True)


FLOOR_METRICS = ("overall", "headline", "items_f1")


def spread(groups, n):
    """The score floors' evidence: each generated family's mean scores over
    `n` test pages, for `groups` independent sets of seeds (set 0 is the
    one the floors test reads)."""
    from articles.pagedump.scoring import score
    print(f"\nSeed-to-seed spread: mean of {n} test pages, {groups} sets of seeds per family:\n")
    print("| family | metric | min | mean | max | spread |")
    print("|---|---|---|---|---|---|")
    for name in ("pagegen", "pagesim", "pdf"):
        means = {k: [] for k in FLOOR_METRICS}
        for group in range(groups):
            found = [score(parse_page(p.text), p.gold) for p in families.load(name, n, "test", group)]
            for k in FLOOR_METRICS:
                means[k].append(statistics.mean(m[k] for m in found if m[k] is not None))
        for k, v in means.items():
            print(f"| {name} | {k} | {min(v):.3f} | {statistics.mean(v):.3f} | {max(v):.3f} | "
                  f"{max(v) - min(v):.3f} |", flush=True)


def huge(megabytes):
    rows = pagegen.load_corpus(str(families.CORPUS))
    rng = random.Random(11)
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        text, _ = pagegen.make_page(rows, rng)
        parts.append(text)
        size += len(text.encode())
    text = "\n\n".join(parts)
    parse_page(parts[0])
    start = time.perf_counter()
    parse = parse_page(text)
    seconds = time.perf_counter() - start
    tracemalloc.start()
    parse_page(text)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    items = sum(1 for i in parse["items"] if i["kind"] != "banner")
    print(f"\na {size / 1e6:.1f} MB dump: {seconds:.1f} s, {items} items, peak Python memory "
          f"{peak / 1e6:.0f} MB ({peak / size:.1f} times the dump)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=300, help="pages for the speed run")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--test-pages", type=int, default=100, help="test pages per generated family")
    ap.add_argument("--lofo", action="store_true", help="also train a model without each family")
    ap.add_argument("--train-pages", type=int, default=pipeline.PAGES_PER_FAMILY)
    ap.add_argument("--huge", type=float, metavar="MB", help="also parse one dump of this many megabytes")
    ap.add_argument("--spread", type=int, metavar="SETS", help="also the score floors' seed-to-seed spread")
    ap.add_argument("--spread-pages", type=int, default=120, help="test pages per family and set of seeds")
    args = ap.parse_args()
    missing = pipeline.missing_material(pipeline.FAMILIES)
    if missing:
        sys.exit(missing)
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass
    speed(args.pages, args.repeat)
    scores(args.test_pages)
    if args.lofo:
        leave_one_out(args.train_pages, args.test_pages)
    if args.spread:
        spread(args.spread, args.spread_pages)
    if args.huge:
        huge(args.huge)


if __name__ == "__main__":
    main()

