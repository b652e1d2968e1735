"""Snippets with the matched words marked, placed by the segmenter's own
offsets (so a word that repeats is marked every time, and only where it is
a word). Built as segments for templates to escape; `html` for the API."""
import bisect
import re
from dataclasses import dataclass

from django.utils.html import escape

from . import segment

SNIPPET_LENGTH = 120


@dataclass
class Snippet:
    segments: list          # [(text, marked)]

    @property
    def html(self):
        return "".join(f"<mark>{escape(t)}</mark>" if m else escape(t) for t, m in self.segments)

    def __str__(self):
        return self.html

    def __html__(self):
        return self.html

    def without_opening(self, opening, near=40):
        """The snippet without `opening` (an item's first words, standing in
        for its missing headline) when it starts there, within `near`
        characters of its start (after the "本报讯（…）" lead): the result's
        title shows those words already."""
        core = opening.rstrip("…")
        plain = "".join(t for t, _ in self.segments)
        at = plain.find(core) if core else -1
        if at < 0 or at > near:
            return self
        cut, out, pos = at + len(core), [], 0
        for text, marked in self.segments:
            end = pos + len(text)
            if end > cut:
                out.append((text[max(cut - pos, 0):], marked))
            pos = end
        if not out:
            return Snippet(segments=[])
        return Snippet(segments=[("…", False)] + out)


PHRASE_WEIGHT = 3


# Where the segmenter starts afresh: jieba (and jieba-rs) cut text into
# runs of Han characters, Latin letters, digits and +#&._%- and segment each
# run alone, so a run can be segmented apart from the rest of the text with
# the same result. (Every character matched here is a break for them too.)
_RUN_BREAK = re.compile(r"[^\w+#&.%\-]")


def _runs_containing(text, needles):
    """(start, end) of the runs of `text` in which any of `needles` occurs."""
    lowered = text.lower()
    breaks = None
    runs = set()
    for needle in needles:
        at = lowered.find(needle) if needle else -1
        while at >= 0:
            if breaks is None:
                breaks = [m.start() for m in _RUN_BREAK.finditer(text)]
            i = bisect.bisect_right(breaks, at)
            start = breaks[i - 1] + 1 if i else 0
            j = bisect.bisect_left(breaks, at + len(needle))
            end = breaks[j] if j < len(breaks) else len(text)
            runs.add((start, end))
            at = lowered.find(needle, end)
    return sorted(runs)


def _word_spans(text, wanted):
    """(start, end) of every segmented word of `text` in `wanted`; only the
    runs where one of them occurs at all are segmented (a snippet is cut
    from a whole article, and segmenting all of it was most of the cost)."""
    return [(start + s, start + e) for start, end in _runs_containing(text, wanted)
            for w, s, e in segment.tokenize(text[start:end]) if w in wanted]


def match_spans(text, words, phrases=()):
    """Sorted, merged (start, end, weight) spans of the query's words and
    phrases; a phrase found whole weighs more than its words apart."""
    spans = [(s, e, 1) for s, e in _word_spans(text, set(words))]
    for phrase in phrases:
        start = text.find(phrase) if phrase else -1
        while start >= 0:
            spans.append((start, start + len(phrase), PHRASE_WEIGHT))
            start = text.find(phrase, start + len(phrase))
    spans.sort()
    merged = []
    for s, e, w in spans:
        if merged and s <= merged[-1][1]:
            ps, pe, pw = merged[-1]
            merged[-1] = (ps, max(e, pe), max(w, pw))
        else:
            merged.append((s, e, w))
    return merged


def snippet(text, words, phrases=(), length=SNIPPET_LENGTH):
    """The window of `text` with the most matches, the matches marked."""
    text = (text or "").replace("\n", " ")
    spans = match_spans(text, words, phrases)
    if not spans:
        return Snippet([(text[:length] + ("……" if len(text) > length else ""), False)])
    best, best_n = 0, -1
    for i, (s, _e, _w) in enumerate(spans):
        start = max(0, s - 20)
        n = sum(w for a, b, w in spans[i:] if b <= start + length)
        if n > best_n:
            best, best_n = start, n
    start, end = best, min(len(text), best + length)
    segments = [("……", False)] if start > 0 else []
    pos = start
    for s, e, _w in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if s > pos:
            segments.append((text[pos:s], False))
        segments.append((text[s:e], True))
        pos = e
    if pos < end:
        segments.append((text[pos:end], False))
    if end < len(text):
        segments.append(("……", False))
    return Snippet(segments)
