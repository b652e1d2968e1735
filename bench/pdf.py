#!/usr/bin/env python
"""Benchmark page PDFs: the layout-aware parse against the text parse of the
same pages, and (--import) importing a folder of page PDFs.

    .venv/bin/python bench/pdf.py                  50 pages: both parses' scores and speeds
    .venv/bin/python bench/pdf.py --pages 100 --seed 4242
    .venv/bin/python bench/pdf.py --import         ... and import 50 PDFs, images rendered (PostgreSQL)
    .venv/bin/python bench/pdf.py --chromium 10    ... and pages set as HTML and printed by Chromium

Pages are laid out by articles/tests/pdfgen.py (real 人民日报 articles set in a
CJK font with reportlab, gold known by construction) from the parser's
test seed (9003: no model was trained on it). The layout parse reads each
PDF (articles/pagedump/pdf.py, pdflayout.py); the text parse reads the dump
of the same PDF (pdftotext or pdfium, as the parser's PDF family does) with
parse_page, as the import does for a dump that comes without its PDF. Scores are
score_page.py's metrics (articles/pagedump/scoring.py).
"""
import argparse
import os
import statistics
import sys
import tempfile
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


def bench_import(pages, database):
    """Import the pages as a folder of PDFs (2020-02-XX/NN.pdf), images
    rendered, into a fresh database; then again (every page skipped)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from _setup import fresh_database
    media = tempfile.mkdtemp(prefix="bench-media-")
    os.environ["MEDIA_ROOT"] = media
    fresh_database(database)
    from django.core.management import call_command
    from io import StringIO
    with tempfile.TemporaryDirectory() as folder:
        for k, (_stem, _dump, _gold, pdf) in enumerate(pages):
            day = os.path.join(folder, f"2020-02-{1 + k // 20:02d}")
            os.makedirs(day, exist_ok=True)
            with open(os.path.join(day, f"{1 + k % 20:02d}.pdf"), "wb") as f:
                f.write(pdf)
        import resource
        from articles.importing import rendering
        for label in ("first import", "re-import (unchanged)"):
            out = StringIO()
            before = resource.getrusage(resource.RUSAGE_SELF)
            start = time.perf_counter()
            call_command("import_pages", folder, "--no-progress", stdout=out, stderr=StringIO())
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_SELF)
            last = out.getvalue().strip().splitlines()[-1:] or [""]
            print(f"import {label}: {len(pages)} PDFs in {elapsed:.1f} s, {len(pages) / elapsed:.1f} pages/s — {last[0]}")
            if label == "first import":
                # CPU time, which the machine's other load does not inflate:
                # the importer's, and its render workers' once they are reaped.
                rendering.POOL.kill()
                workers = resource.getrusage(resource.RUSAGE_CHILDREN)
                own = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
                theirs = workers.ru_utime + workers.ru_stime
                per_page = (own + theirs) / len(pages)
                print(f"  CPU per page: {own / len(pages):.2f} s importer + {theirs / len(pages):.2f} s render workers "
                      f"(PostgreSQL not counted): {os.cpu_count() / per_page:.1f} pages/s on {os.cpu_count()} idle cores")
    # The same pages as text dumps (no PDF, no images), for scale: what the
    # machine gives the import without PDFs at the same moment.
    with tempfile.TemporaryDirectory() as folder:
        for k, (_stem, dump, _gold, _pdf) in enumerate(pages):
            day = os.path.join(folder, f"2020-03-{1 + k // 20:02d}")
            os.makedirs(day, exist_ok=True)
            with open(os.path.join(day, f"{1 + k % 20:02d}.txt"), "w", encoding="utf-8") as f:
                f.write(dump)
        start = time.perf_counter()
        call_command("import_pages", folder, "--no-progress", stdout=StringIO(), stderr=StringIO())
        elapsed = time.perf_counter() - start
        print(f"import of the same pages' text dumps (no PDF): {len(pages) / elapsed:.1f} pages/s")
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} cores")
    from articles.models import PageImage
    images = PageImage.objects.exclude(image="").count()
    size = sum(f.stat().st_size for f in Path(media).rglob("*") if f.is_file())
    print(f"images rendered: {images} pages, {size / 1024 / 1024:.1f} MB in {media}")


def bench_chromium(pages, n):
    """PDFs made by other hands: the sample front page's gold and the first
    n pages' golds set as HTML and printed by Chromium (articles/tests/pdfhtml.py)."""
    import json
    from articles.pagedump.training.families import SAMPLE_GOLD
    from articles.tests import pdfhtml
    golds = [("sample", json.loads(SAMPLE_GOLD.read_text("utf-8")))] + [(stem, gold) for stem, _d, gold, _p in pages[:n]]
    results = []
    for name, gold in golds:
        parse = choose_parse(read_pdf(pdfhtml.chromium_pdf(pdfhtml.page_html(gold))))
        results.append(score(parse, gold))
        print(f"  chromium {name}: {results[-1]['overall']:.3f}")
    means = mean_scores(results)
    print("chromium " + " ".join(f"{k}={means[k]:.3f}" for k in COLUMNS if k in means)
          + f" ({len(results)} pages set as HTML and printed by Chromium)")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=50)
    ap.add_argument("--seed", type=int, default=TEST_SEED)
    ap.add_argument("--import", action="store_true", dest="do_import",
                    help="also import the pages as a folder of PDFs (a fresh database, see --database)")
    ap.add_argument("--chromium", type=int, default=None, metavar="N",
                    help="also the sample page and N of these pages set as HTML and printed by Chromium")
    ap.add_argument("--database", default=os.environ.get("DATABASE_URL"),
                    help="for --import: PostgreSQL URL of a database to drop and make again "
                         "(default DATABASE_URL, else archive_bench)")
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
    if a.chromium is not None:
        bench_chromium(pages, a.chromium)
    if a.do_import:
        bench_import(pages, a.database)
    return 0


if __name__ == "__main__":
    sys.exit(main())
