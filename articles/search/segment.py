"""The one place Chinese text is cut into words, the same way for the index
and for queries: jieba's search mode, which adds the shorter words inside
long ones (中华人民共和国 → 中华 华人 人民 共和 共和国 中华人民共和国).

rjieba (jieba-rs, the same dictionary and algorithm) is used when installed:
it gives the same words about twenty times faster (checked in the tests and
measured in bench/search.py); jieba is the fallback."""
import logging
import re

try:  # pragma: no cover - which one is installed decides
    import rjieba as _fast
except ImportError:  # pragma: no cover
    _fast = None

_jieba = None
_WORD_RE = re.compile(r"\w", re.UNICODE)


def _jieba_module():
    global _jieba
    if _jieba is None:
        import jieba
        jieba.setLogLevel(logging.WARNING)
        _jieba = jieba
    return _jieba


def engine_name():
    return "rjieba" if _fast is not None else "jieba"


def cut(text):
    """Words of `text` in search mode, punctuation and spaces dropped,
    Latin lower-cased."""
    if not text:
        return []
    words = _fast.cut_for_search(text) if _fast is not None else _jieba_module().lcut_for_search(text)
    return [w.lower() for w in words if _WORD_RE.search(w)]


def cut_with_jieba(text):
    """The same cut done by jieba itself, to check rjieba against."""
    return [w.lower() for w in _jieba_module().lcut_for_search(text or "") if _WORD_RE.search(w)]


_CJK_WORD_RE = re.compile(r"^[\u3400-\u9fff]+$")


def _accurate_all(text):
    if not text:
        return []
    return _fast.cut(text) if _fast is not None else _jieba_module().lcut(text)


def accurate(text):
    """Words of `text` in jieba's accurate mode (no overlapping sub-words)."""
    return [w.lower() for w in _accurate_all(text) if _WORD_RE.search(w)]


def pairs(text):
    """Each two adjacent Chinese words of `text`, run together ("网民规模"
    for 网民 规模). Indexed beside the words, they answer "these words, in
    this order, side by side" (a phrase) from the index alone. A pair that
    is itself a word is the same text, so the two cannot disagree."""
    # Punctuation and spaces stay in the sequence: they part words.
    words = _accurate_all(text)
    return [a + b for a, b in zip(words, words[1:]) if _CJK_WORD_RE.match(a) and _CJK_WORD_RE.match(b)]


def tokens(text):
    """What the index stores of `text`: its words and its word pairs,
    space-separated."""
    return " ".join(cut(text) + pairs(text))


def words_and_pairs(text):
    """The same, apart: (words, pairs), each space-separated (PostgreSQL
    keeps the words' positions, for ranking, but not the pairs')."""
    return " ".join(cut(text)), " ".join(pairs(text))


def phrase_tokens(text):
    """What a phrase must match: its word pairs (all of them), or, for a
    phrase of one word, that word."""
    found = pairs(text)
    if found:
        return found
    return accurate(text) or cut(text)


def tokenize(text):
    """(word, start, end) for every word, offsets into `text`: used to place
    highlights exactly, also where a word occurs more than once."""
    if not text:
        return []
    if _fast is not None:
        spans = _fast.tokenize(text, mode="search")
    else:
        spans = _jieba_module().tokenize(text, mode="search")
    return [(w.lower(), s, e) for w, s, e in spans if _WORD_RE.search(w)]
