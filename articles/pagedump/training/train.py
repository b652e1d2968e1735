"""Training and measuring the line labeller.

    train(pages, path)            fit a CRF on the aligned lines of `pages`
    evaluate(pages, path)         parse each page with the model, score it
    leave_one_out(families, ...)  for each family, a model trained without it,
                                  scored on it; and one trained on all

Plain Python (no Django): `manage.py train_parser` and `bench/parse.py`
call it.
"""
import hashlib
import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from .. import labeller
from ..features import break_kind, heading_features, line_features
from ..items import heading_runs
from ..lines import split_lines
from ..scoring import mean_scores, score
from .align import align

# CRFsuite's L-BFGS with elastic-net regularisation: L1 keeps the model
# small (most of the millions of feature-label pairs get weight zero).
PARAMS = {"c1": 1.0, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}
HEADING_PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 200, "feature.possible_transitions": True}

# The real page is one page among hundreds of generated ones: it counts as
# this many.
SAMPLE_WEIGHT = 20

# Files whose code decides what the models learn (the features, the line
# reading they rest on, the training recipe and the generators of the
# families): the committed models are stale when any of them changes, and
# a test says so.
ROOT = Path(__file__).resolve().parents[3]
TRAINING_SOURCES = tuple("articles/pagedump/" + name for name in (
    "features.py", "labels.py", "lines.py", "text.py", "bylines.py", "furniture.py", "names.py",
    "training/align.py", "training/augment.py", "training/families.py", "training/pipeline.py",
    "training/train.py")) + ("articles/tests/pagegen.py", "articles/tests/pdfgen.py")


def sources_digest():
    h = hashlib.sha256()
    for name in TRAINING_SOURCES:
        h.update(name.encode())
        h.update((ROOT / name).read_bytes())
    return h.hexdigest()


@dataclass
class Example:
    """One page, aligned: what the models learn from."""
    lines: list
    features: list        # the line model's, per line
    tags: list            # the line labels
    headings: list        # [(heading features, roles)] per heading of the page
    copies: int = 1
    breaks: list = ()     # [(kind of break, one role across it?)] between heading lines


def examples(pages):
    """The aligned examples of `pages`, and the count of lines the
    alignment could not place."""
    out, unplaced = [], 0
    for page in pages:
        a = align(page.text, page.gold)
        unplaced += a.unplaced
        if not a.lines:
            continue
        feats = line_features(a.lines, _double_spaced(page.text))
        runs = heading_runs(a.tags)
        headings = [(heading_features(a.lines, members), [a.roles[i] for i in members]) for members in runs]
        breaks = [(break_kind(a.lines[i], a.lines[j]), a.roles[i] == a.roles[j])
                  for members in runs for i, j in zip(members, members[1:])]
        copies = SAMPLE_WEIGHT if page.family == "sample" else 1
        out.append(Example(a.lines, feats, a.tags, headings, copies, breaks))
    return out, unplaced


def _double_spaced(text):
    _, double = split_lines(text.replace("\r\n", "\n").replace("\r", "\n"))
    return double


def fit(sequences, path, params=None, verbose=False):
    """One CRF on (features, labels, copies) sequences."""
    trainer = pycrfsuite.Trainer(verbose=verbose)
    for feats, tags, copies in sequences:
        for _ in range(copies):
            trainer.append(feats, tags)
    trainer.set_params({**PARAMS, **(params or {})})
    trainer.train(str(path))


def train(pages, model_dir, params=None, verbose=False):
    """Fit the line model and the heading model on `pages` into
    `model_dir`; returns what was done."""
    start = time.perf_counter()
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    data, unplaced = examples(pages)
    fit([(e.features, e.tags, e.copies) for e in data], model_dir / labeller.LINES, params, verbose)
    fit([(f, roles, e.copies) for e in data for f, roles in e.headings], model_dir / labeller.HEADINGS,
        HEADING_PARAMS, verbose)
    seconds = time.perf_counter() - start
    size = sum(os.path.getsize(model_dir / name) for name in (labeller.LINES, labeller.HEADINGS))
    info = {"pages": len(pages), "lines": sum(len(e.tags) for e in data), "unplaced_lines": unplaced,
            "seconds": round(seconds, 1), "bytes": size, "breaks": break_counts(data)}
    # (The parser reads the break counts from here; train_parser adds the
    # rest of what describes the model.)
    (model_dir / labeller.META).write_text(json.dumps(info, indent=1) + "\n", "utf-8")
    return info


def break_counts(data):
    """{kind: [breaks keeping one role, breaks parting two]} between the lines
    of the training headings (features.break_kind)."""
    counts = {}
    for e in data:
        for kind, same in e.breaks:
            pair = counts.setdefault(kind, [0, 0])
            pair[0 if same else 1] += e.copies
    return dict(sorted(counts.items()))


def parse_with(text, path):
    from ..parser import parse_page
    return parse_page(text, model=path)


def evaluate(pages, path):
    """Mean scores of the model's parses of `pages`, and each page's."""
    per_page = []
    for page in pages:
        per_page.append((page.name, score(parse_with(page.text, path), page.gold)))
    return mean_scores([m for _, m in per_page]), per_page


__all__ = ["train", "evaluate", "examples", "sources_digest", "fit"]
