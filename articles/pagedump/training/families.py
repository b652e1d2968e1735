"""The page families the labeller learns from and is measured on.

A family is a source of pages with gold parses known by construction, laid
out by its own code: what one family's generator does by habit, the others
do not, so a model trained on several and scored on one it never saw shows
how it will read a paper nobody here laid out. Each family gives pages as
(name, dump text, gold) for a purpose ("train", "dev" or "test"); the
purposes use disjoint seeds, so no page scored was ever trained on.

    pagegen   articles/tests/pagegen.py: plain-text pages in every style the
              old rule-based parser was written for
    pagesim   ../shared/tools/pagesim.py: another plain-text generator
    pdf       articles/tests/pdfgen.py: pages set with reportlab in a CJK
              font and read back by pdftotext or pdfium, as real dumps are
    sample    the real front page of 晋中日报 (weighted up in training)
    checked   pages editors marked 已校对, exported with `export_gold`
"""
import importlib.util
import json
import os
import random
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SHARED = Path(os.environ.get("ARCHIVE_SHARED_DIR", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus" / "rmrb-2020-02.jsonl"
SAMPLE = SHARED / "samples" / "jzrb-2021-02-04-01.txt"
SAMPLE_GOLD = SHARED / "samples" / "jzrb-2021-02-04-01.gold.json"

# Seeds per purpose. Disjoint, so that a page scored was never trained on.
SEEDS = {"train": 1000, "dev": 5000, "test": 9000}


@dataclass
class Page:
    family: str
    name: str
    text: str
    gold: dict


def _decode(data):
    from ..decoding import decode_dump
    return decode_dump(data)


def _seed(purpose, group):
    """Each purpose's seeds; `group` draws another set of pages for the same
    purpose (the score floors' seed-to-seed spread), 100 seeds apart."""
    return SEEDS[purpose] + 100 * group


def pagegen_pages(n, purpose, group=0):
    from articles.tests import pagegen
    rows = pagegen.load_corpus(str(CORPUS))
    rng = random.Random(_seed(purpose, group) + 1)
    out = []
    for k in range(n):
        text, gold = pagegen.make_page(rows, rng)
        out.append(Page("pagegen", f"pagegen-{purpose}-{k:04d}", text, gold))
    return out


def _pagesim_module():
    spec = importlib.util.spec_from_file_location("pagesim", SHARED / "tools" / "pagesim.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("pagesim", module)
    spec.loader.exec_module(module)
    return module


def pagesim_pages(n, purpose, group=0, per_seed=24):
    """pagesim writes files; it is run in a scratch folder, one seed per
    `per_seed` pages (it draws pages without replacement within a seed)."""
    pagesim = _pagesim_module()
    out = []
    seed = _seed(purpose, group) + 2
    with tempfile.TemporaryDirectory() as tmp:
        while len(out) < n:
            folder = os.path.join(tmp, str(seed))
            with open(os.devnull, "w") as quiet:
                stdout, sys.stdout = sys.stdout, quiet
                try:
                    pagesim.main([str(CORPUS), folder, "--pages", str(min(per_seed, n - len(out))),
                                  "--seed", str(seed)])
                finally:
                    sys.stdout = stdout
            for name in sorted(os.listdir(folder)):
                if name.endswith(".gold.json"):
                    stem = name[:-len(".gold.json")]
                    with open(os.path.join(folder, stem + ".txt"), "rb") as f:
                        text = _decode(f.read())
                    with open(os.path.join(folder, name), encoding="utf-8") as f:
                        gold = json.load(f)
                    out.append(Page("pagesim", f"pagesim-{seed}-{stem}", text, gold))
            seed += 1
    return out[:n]


def pdf_pages(n, purpose, group=0):
    from articles.tests import pdfgen
    out = []
    for stem, text, gold, _pdf in pdfgen.make_pages(n, _seed(purpose, group) + 3, extractor="mixed"):
        out.append(Page("pdf", f"pdf-{purpose}-{stem}", text.replace("\r\n", "\n"), gold))
    return out


def sample_pages(n=1, purpose="train"):
    text = _decode(SAMPLE.read_bytes())
    gold = json.loads(SAMPLE_GOLD.read_text("utf-8"))
    return [Page("sample", "sample", text, gold)]


def checked_pages(folder):
    """Pages editors checked, as `export_gold` writes them."""
    out = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".gold.json"):
            stem = name[:-len(".gold.json")]
            path = os.path.join(folder, stem + ".txt")
            if os.path.exists(path):
                with open(path, "rb") as f:
                    text = _decode(f.read())
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    out.append(Page("checked", f"checked-{stem}", text, json.load(f)))
    return out


GENERATED = {"pagegen": pagegen_pages, "pagesim": pagesim_pages, "pdf": pdf_pages}


def load(family, n, purpose, group=0):
    if family == "sample":
        return sample_pages()
    return GENERATED[family](n, purpose, group)
