"""The line labeller: a linear-chain CRF (CRFsuite) over a page's lines.

The model file is trained by `manage.py train_parser` (training/train.py)
and versioned in the repository beside its metadata; it is loaded once per
process. Labelling gives each line the most likely label of the whole
sequence, and the marginal probability of that label, which is how sure
the model is of it.
"""
import json
import threading
from pathlib import Path

import pycrfsuite

MODEL_DIR = Path(__file__).resolve().parent / "model"
# Two models, one per level of structure: the line model labels each line of
# the page; the heading model tells the kicker, headline and subtitle apart
# among the lines of each heading the line model found.
LINES, HEADINGS = "lines.crfsuite", "headings.crfsuite"
META = "model.json"

_local = threading.local()


class ModelMissing(RuntimeError):
    pass


def tagger(path):
    """A CRFsuite tagger for the model file at `path`, one per thread (a
    tagger holds the sequence it last read)."""
    path = Path(path)
    cache = getattr(_local, "taggers", None)
    if cache is None:
        cache = _local.taggers = {}
    key = str(path)
    if key not in cache:
        if not path.exists():
            raise ModelMissing(f"no line model at {path}: run `manage.py train_parser`")
        t = pycrfsuite.Tagger()
        t.open(key)
        cache[key] = t
    return cache[key]


def label(features, model_dir=None):
    """(labels, confidence per line, {line: P(heading of the item after)}
    for the heading lines, {line: P(first line of an article)} for the
    lines that open a paragraph) for a page's line features."""
    if not features:
        return [], [], {}, {}
    t = tagger(Path(model_dir or MODEL_DIR) / LINES)
    tags = t.tag(features)
    # (A line that goes on with the paragraph before decides nothing an
    # editor checks; its confidence is not worked out.)
    scores = [1.0 if tag == "I" else t.marginal(tag, i) for i, tag in enumerate(tags)]
    sides = {}
    for i, tag in enumerate(tags):
        if tag in ("H>", "H<"):
            after, before = t.marginal("H>", i), t.marginal("H<", i)
            sides[i] = after / (after + before)
    starts = {i: t.marginal("B", i) for i, tag in enumerate(tags) if tag == "P"}
    return tags, scores, sides, starts


def heading_roles(features, model_dir=None, alternatives=None):
    """For the lines of one heading: the most likely roles, each line's
    probability of each role ({role: p} per line), and the probability of
    the most likely roles and of the readings `alternatives(roles)` asks
    for, by reading."""
    t = tagger(Path(model_dir or MODEL_DIR) / HEADINGS)
    roles = t.tag(features)
    marginals = [{role: t.marginal(role, i) for role in t.labels()} for i in range(len(roles))]
    probabilities = {}
    for reading in alternatives(roles) if alternatives else ():
        probabilities[tuple(reading)] = t.probability(list(reading))
    if probabilities:
        probabilities[tuple(roles)] = t.probability(roles)
    return roles, marginals, probabilities


def break_counts(model_dir=None):
    """{kind of break: (breaks keeping one role, breaks parting two)} between
    the lines of the headings the model was trained on (model.json), read
    once per process."""
    key = str(Path(model_dir or MODEL_DIR))
    found = _break_counts.get(key)
    if found is None:
        found = _break_counts[key] = {kind: tuple(pair) for kind, pair in metadata(key).get("breaks", {}).items()}
    return found


_break_counts = {}


def metadata(model_dir=None):
    try:
        return json.loads((Path(model_dir or MODEL_DIR) / META).read_text("utf-8"))
    except FileNotFoundError:
        return {}
