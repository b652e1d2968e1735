#!/usr/bin/env python
"""Benchmark page PDFs: the layout-aware parse against the text parse of the
same pages.

    .venv/bin/python bench/pdf.py                  50 pages: both parses' scores and speeds
    .venv/bin/python bench/pdf.py --pages 100 --seed 4242

Pages are laid out by articles/tests/pdfgen.py (real 人民日报 articles set in a
CJK font with reportlab, gold known by construction) from the parser's
test seed (9003: no model was trained on it). The layout parse reads each
PDF (articles/pagedump/pdf.py, pdflayout.py); the text parse reads the dump
of the same PDF (pdftotext or pdfium, as the parser's PDF family does) with
parse_page, as the import does for a dump that comes without its PDF. Scores are
score_page.py's metrics (articles/pagedump/scoring.py).
"""
import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.pagedump import parse_page  # noqa: E402
from articles.pagedump.pdf import choose_parse, read_pdf  # noqa: E402
from articles.pagedump.scoring import mean_scores, score  # noqa: E402
from articles.tests import pdfgen  # noqa: E402

TEST_SEED = 9003
COLUMNS = ("overall", "items_f1", "body", "paragraphs_f1", "headline", "subtitle", "credits_f1", "continuation",
           "page_label")


def parses(pages):
    """Both parses of each page, timed: (layout scores, text scores, layout s, text s)."""
    layout, text = [], []
    t_layout = t_text = 0.0
    parse_page(pages[0][1])           # load the models outside the timing
    for _stem, dump, gold, pdf in pages:
        start = time.perf_counter()
        parse = choose_parse(read_pdf(pdf))
        t_layout += time.perf_counter() - start
        start = time.perf_counter()
        plain = parse_page(dump)
        t_text += time.perf_counter() - start
        layout.append(score(parse, gold))
        text.append(score(plain, gold))
    return layout, text, t_layout, t_text


def show(name, results, seconds, n):
    means = mean_scores(results)
    cells = " ".join(f"{k}={means[k]:.3f}" for k in COLUMNS if k in means)
    print(f"{name:7s} {cells}")
    worst = min(r["overall"] for r in results)
    print(f"{'':7s} worst page {worst:.3f}; {n / seconds:.1f} pages/s (one core)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--seed", type=int, default=TEST_SEED)
    a = ap.parse_args(argv)
    start = time.perf_counter()
    pages = pdfgen.make_pages(a.pages, a.seed, extractor="mixed")
    print(f"{len(pages)} pdfgen pages (seed {a.seed}) laid out in {time.perf_counter() - start:.1f} s")
    layout, text, t_layout, t_text = parses(pages)
    show("layout", layout, t_layout, len(pages))
    show("text", text, t_text, len(pages))
    better = sum(1 for a_, b_ in zip(layout, text) if a_["overall"] >= b_["overall"])
    print(f"layout parse as good or better on {better} of {len(pages)} pages; mean overall "
          f"{statistics.mean(r['overall'] for r in layout):.3f} vs {statistics.mean(r['overall'] for r in text):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
