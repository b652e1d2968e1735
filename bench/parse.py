#!/usr/bin/env python
"""Benchmark the page-dump parser: pages per second for parse_page (people
included) on one core, over pages of about 5,000 characters laid out from the
人民日报 corpus; and the parse scores on those pages (score_page.py).

    .venv/bin/python bench/parse.py [--pages 300] [--seed 7]
"""
import argparse
import gc
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.pagedump import decode_dump, parse_page  # noqa: E402
from articles.tests import pagegen  # noqa: E402
from articles.tests.support import SAMPLE, SAMPLE_GOLD, score_module  # noqa: E402


def pages_of_about(rows, n, seed, target=5000):
    """n generated pages, each grown or shrunk to about `target` characters."""
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        text, gold = pagegen.make_page(rows, rng, style={"n_articles": rng.randint(4, 7)})
        if 0.8 * target <= len(text) <= 1.25 * target:
            out.append((text, gold))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    try:
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    except (AttributeError, OSError):
        pass

    rows = pagegen.load_corpus()
    pages = pages_of_about(rows, args.pages, args.seed)
    texts = [t for t, _ in pages]
    chars = statistics.mean(map(len, texts))
    parse_page(texts[0])  # load jieba's dictionary once, outside the timing

    rates = []
    for _ in range(args.repeat):
        gc.collect()
        start = time.perf_counter()
        for text in texts:
            parse_page(text)
        rates.append(len(texts) / (time.perf_counter() - start))
    best, median = max(rates), statistics.median(rates)
    print(f"parse_page: {len(texts)} pages, mean {chars:.0f} characters, one core: "
          f"{median:.0f} pages/s median of {args.repeat} runs (best {best:.0f}), "
          f"{median * chars / 1e6:.2f} M characters/s")

    score = score_module().score
    metrics = [score(parse_page(t), g) for t, g in pages]
    keys = [k for k in metrics[0] if k != "overall"] + ["overall"]
    means = {k: statistics.mean(m[k] for m in metrics if m[k] is not None)
             for k in keys if any(m[k] is not None for m in metrics)}
    print(f"scores on these {len(pages)} generated pages (score_page.py, mean): "
          + ", ".join(f"{k} {v:.3f}" for k, v in means.items()))
    by_style = {}
    for (text, gold), m in zip(pages, metrics):
        for key in ("orientation", "para_style"):
            by_style.setdefault(f"{key}={gold['style'][key]}", []).append(m["overall"])
    print("overall by style: " + ", ".join(f"{k} {statistics.mean(v):.3f} ({len(v)})"
                                           for k, v in sorted(by_style.items())))
    sample = score(parse_page(decode_dump(SAMPLE.read_bytes())), json.loads(SAMPLE_GOLD.read_text("utf-8")))
    print("sample page: " + ", ".join(f"{k} {v:.3f}" for k, v in sample.items() if v is not None))


if __name__ == "__main__":
    main()
