"""Snippets with the matched words marked, placed by the segmenter's own
offsets (so a word that repeats is marked every time, and only where it is
a word). Built as segments for templates to escape; `html` for the API."""
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


PHRASE_WEIGHT = 3


def match_spans(text, words, phrases=()):
    """Sorted, merged (start, end, weight) spans of the query's words and
    phrases; a phrase found whole weighs more than its words apart."""
    wanted = set(words)
    spans = [(s, e, 1) for w, s, e in segment.tokenize(text) if w in wanted]
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
