"""parse_page: the raw text of one printed page to the parse of
PAGE_FORMAT.md §3.

Three stages, each apart from the others: the lines are read (lines.py:
layout spaces, markers, bylines, furniture patterns), each line is labelled
by a model learned from several families of pages (features.py,
labeller.py), and the labels are turned into items (items.py).
"""
from . import items, labeller, labels
from .features import break_kind, heading_features, line_features
from .lines import LABEL, MARKER, classify, split_lines

# A printed line is a column's width, a few dozen characters; a "line" far
# longer than any page's is not a page's text, and is cut so that the rest of
# the parse stays linear in the size of the input.
MAX_LINE = 2000


def parse_page(text: str, model=None) -> dict:
    if not isinstance(text, str):
        raise TypeError("parse_page takes str; use decode_dump() on bytes first")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    warnings = []
    long_lines = [n for n, line in enumerate(text.split("\n"), 1) if len(line) > MAX_LINE]
    if long_lines:
        warnings.append(f"{len(long_lines)} line(s) over {MAX_LINE} characters (line {long_lines[0]} first): "
                        "not the text of a printed page?")
        text = "\n".join(_cut_long(line) for line in text.split("\n"))
    lines, double_spaced = split_lines(text)
    classify(lines)
    tags, scores, sides, starts = [], [], {}, {}
    for start, end in _windows(lines):
        window = lines[start:end]
        found, certainty, side, opening = labeller.label(line_features(window, double_spaced), model)
        sides.update((start + i, p) for i, p in side.items())
        starts.update((start + i, p) for i, p in opening.items())
        tags.extend(found)
        scores.extend(certainty)
    # A line whose characters the page's pinyin line spells out, or a
    # "JZ" label (lines.py found them), is the page's label, and a line that
    # is a continuation marker and nothing else is the marker: line reading,
    # as sure as a byline's pattern, whatever the model made of it (every
    # such line of the training gold, of every family, is one).
    for i, line in enumerate(lines):
        if line.kind in _SURE:
            tags[i], scores[i] = _SURE[line.kind], 1.0
            sides.pop(i, None)
            starts.pop(i, None)
    tags, roles, orphans = _read_headings(lines, tags, scores, sides, starts, model)
    parse = items.assemble(lines, tags, scores, roles, orphans)
    parse["warnings"] = warnings + parse["warnings"]
    content = [i for i in parse["items"] if i["kind"] != "banner"]
    if not content:
        parse["warnings"].append("no articles or photos found on the page")
    parse["confidence"] = round(min((i["confidence"] for i in content), default=1.0), 3)
    return parse


_SURE = {LABEL: labels.LABEL, MARKER: labels.MARKER}


def _read_headings(lines, tags, scores, sides, starts, model):
    """The role of each heading line (column banner, kicker, headline,
    subtitle) and the item each heading goes to: (labels with the sides
    decided, roles, the lines of headings that head nothing). Lowers each
    heading line's score to its role's probability."""
    roles = [None] * len(lines)
    weights = items.break_weights(labeller.break_counts(model))
    read = []       # (members, each line's {role: p}) per run of heading lines
    banners = {}    # column banners alone that may be headlines: first line → (reading, its share)
    for members in items.heading_runs(tags):
        found, marginals, probabilities = labeller.heading_roles(
            heading_features(lines, members), model, items.heading_readings)
        if probabilities:
            breaks = [break_kind(lines[i], lines[j]) for i, j in zip(members, members[1:])]
            found, alternative = items.read_heading(found, probabilities, breaks, weights)
            if alternative is not None:
                banners[members[0]] = alternative
        for i, role in zip(members, found):
            roles[i] = role
        read.append((members, marginals))
    tags, orphans, promoted = items.decide_sides(
        tags, sides, roles, {first: share for first, (_, share) in banners.items()}, starts)
    for members, marginals in read:
        if members[0] in promoted:
            for i, role in zip(members, banners[members[0]][0]):
                roles[i] = role
        for i, p in zip(members, marginals):
            scores[i] = min(scores[i], p[roles[i]])
    return tags, roles, orphans


# A page has a few hundred lines. A dump far longer is labelled in windows
# (cut where a blank line stands), so that the features held at once stay
# bounded whatever the size of the input.
WINDOW = 1500


def _windows(lines):
    start, n = 0, len(lines)
    while start < n:
        end = min(n, start + WINDOW)
        if end < n:
            cut = next((k for k in range(end, start + WINDOW // 2, -1) if lines[k].gap), end)
            end = cut
        yield start, end
        start = end


def _cut_long(line):
    return "\n".join(line[k:k + MAX_LINE] for k in range(0, len(line), MAX_LINE)) if len(line) > MAX_LINE else line
