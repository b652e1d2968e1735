"""The whole training recipe, in one place for the command and the
benchmark: which families, how many pages of each, how they are re-set,
and how the result is described (model.json)."""
import json
import shutil
import subprocess
from pathlib import Path

from .. import PARSER_VERSION, labeller
from . import families
from .augment import restyled
from .train import HEADING_PARAMS, PARAMS, SAMPLE_WEIGHT, evaluate, sources_digest, train

FAMILIES = ("pagegen", "pagesim", "pdf", "sample")
PAGES_PER_FAMILY = 200
# Each page is also re-set three times in random styles (augment.py); the
# sample, a single page, ten times. (Measured leaving a family out, on its
# dev pages: three copies read a family never seen better than one, five no
# better than three.)
RESTYLED_COPIES = 3
SAMPLE_RESTYLED_COPIES = 10
AUGMENT_SEED = 77


def missing_material(names):
    """What the families need that this machine lacks, as one line, or None."""
    needs = {"pagegen": [families.CORPUS], "pagesim": [families.CORPUS, families.SHARED / "tools" / "pagesim.py"],
             "pdf": [families.CORPUS], "sample": [families.SAMPLE, families.SAMPLE_GOLD]}
    for name in names:
        for path in needs.get(name, []):
            if not Path(path).exists():
                return f"the {name} family needs {path} (set ARCHIVE_SHARED_DIR to the shared folder)"
    if "pdf" in names:
        if shutil.which("pdftotext") is None:
            return "the pdf family needs pdftotext (Debian's poppler-utils)"
        try:
            import reportlab  # noqa: F401
        except ImportError:
            return "the pdf family needs reportlab (requirements-dev.txt)"
    return None


def training_pages(names, n, purpose="train", log=None):
    pages = []
    for name in names:
        found = families.load(name, n, purpose)
        if log:
            log(f"{name}: {len(found)} pages")
        pages.extend(found)
    return pages


def with_restyled(pages):
    """The pages and their re-set copies."""
    sample = [p for p in pages if p.family == "sample"]
    others = [p for p in pages if p.family != "sample"]
    return pages + restyled(others, AUGMENT_SEED, RESTYLED_COPIES) + restyled(
        sample, AUGMENT_SEED + 1, SAMPLE_RESTYLED_COPIES)


def train_models(names, n, out, extra_pages=(), log=None):
    """Train on the families `names` (n pages each, and `extra_pages`) into
    `out`, and describe the result in out/model.json."""
    pages = training_pages(names, n, log=log) + list(extra_pages)
    info = train(with_restyled(pages), out)
    info.update({
        "parser_version": PARSER_VERSION,
        "families": {name: sum(1 for p in pages if p.family == name) for name in names},
        "checked_pages": sum(1 for p in pages if p.family == "checked"),
        "restyled_copies": RESTYLED_COPIES, "sample_weight": SAMPLE_WEIGHT,
        "params": {"lines": PARAMS, "headings": HEADING_PARAMS},
        "sources": sources_digest(),
        "pdftotext": _pdftotext_version(),
    })
    Path(out, labeller.META).write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return info


def _pdftotext_version():
    try:
        done = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True, timeout=10)
        return (done.stderr or done.stdout).splitlines()[0].strip()
    except (OSError, IndexError, subprocess.SubprocessError):
        return None


def leave_one_out(names, n, test_n, workdir, log=None):
    """For each family, a model trained without it and scored on its test
    pages: {family: mean scores}."""
    train_sets = {name: families.load(name, n, "train") for name in names}
    out = {}
    for held in names:
        pages = [p for name in names if name != held for p in train_sets[name]]
        model = Path(workdir) / f"without-{held}"
        train(with_restyled(pages), model)
        test = families.load(held, test_n, "test")
        out[held] = evaluate(test, model)[0]
        if log:
            log(f"without {held}: overall {out[held]['overall']:.3f}")
    return out
