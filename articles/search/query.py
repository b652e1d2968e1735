"""What a reader types into the search box, parsed.

    疫情 防控            both words (all must match)
    "网民 规模" “晋中”    exact phrases (ASCII or Chinese quotes)
    晋中 OR 太原         either (also "|")
    疫情 -北京           exclusion (also -"a phrase")

Anything else is taken as words; nothing a reader types is an error. Queries
are cut at MAX_QUERY characters. Traditional characters are converted to
simplified first (晉中 finds 晋中).
"""
import re
from dataclasses import dataclass, field

from ..chinese import to_simplified
from . import segment

MAX_QUERY = 100
MAX_TERMS = 12

_QUOTES = {"“": "”", '"': '"', "「": "」", "『": "』", "‘": "’"}


@dataclass
class Term:
    text: str                 # as typed (simplified)
    phrase: bool = False      # quoted: its words must occur side by side, in order
    words: list = field(default_factory=list)   # its segmented words (search mode)

    @property
    def usable(self):
        return bool(self.words)

    @property
    def tokens(self):
        """The index tokens that must all be present for a match: a phrase's
        word pairs, a word's words."""
        return segment.phrase_tokens(self.text) if self.phrase else self.words


@dataclass
class ReaderQuery:
    """AND of groups; each group is an OR of terms; `excluded` are NOT."""
    raw: str
    groups: list = field(default_factory=list)     # [[Term, ...], ...]
    excluded: list = field(default_factory=list)   # [Term, ...]
    truncated: bool = False

    @property
    def is_empty(self):
        return not self.groups

    @property
    def terms(self):
        return [t for g in self.groups for t in g]

    def all_words(self):
        """Every word a match may highlight."""
        out = []
        for t in self.terms:
            for w in t.words:
                if w not in out:
                    out.append(w)
        return out

    def phrases(self):
        return [t.text for t in self.terms if t.phrase]

    @property
    def simple(self):
        """All terms required (no OR): the query can be read as one phrase."""
        return all(len(g) == 1 for g in self.groups)

    def plain_text(self):
        """The query's own words run together: an exact occurrence of it in a
        text ranks that text higher."""
        return "".join(t.text for t in self.terms) if self.simple else ""

    def whole_phrase_tokens(self):
        """The word pairs of the whole query, when it has two words or more."""
        if not self.simple:
            return []
        return segment.pairs(self.plain_text())


def parse(raw):
    raw = (raw or "").replace("\u3000", " ").strip()
    truncated = len(raw) > MAX_QUERY
    raw = raw[:MAX_QUERY]
    text = to_simplified(raw)
    query = ReaderQuery(raw=raw, truncated=truncated)
    tokens = _tokens(text)
    pending_or = False
    for kind, value, negated in tokens:
        if kind == "or":
            pending_or = bool(query.groups)
            continue
        term = _term(value, phrase=(kind == "phrase"))
        if not term.usable:
            pending_or = False
            continue
        if negated:
            query.excluded.append(term)
        elif pending_or:
            query.groups[-1].append(term)
        else:
            query.groups.append([term])
        pending_or = False
        if len(query.terms) + len(query.excluded) >= MAX_TERMS:
            break
    return query


def _tokens(text):
    """(kind, value, negated) with kind "word", "phrase" or "or"."""
    out, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        negated = False
        if ch in "-－" and i + 1 < n and not text[i + 1].isspace():
            negated, i = True, i + 1
            ch = text[i]
        if ch in _QUOTES:
            close = _QUOTES[ch]
            j = text.find(close, i + 1)
            if j < 0:
                j = n
            out.append(("phrase", text[i + 1:j], negated))
            i = j + 1
            continue
        j = i
        while j < n and not text[j].isspace() and text[j] not in _QUOTES:
            j += 1
        word = text[i:j]
        if not negated and word in ("OR", "|", "或"):
            out.append(("or", word, False))
        else:
            out.append(("word", word, negated))
        i = j
    return out


_PUNCT_RE = re.compile(r"[^\w]+", re.UNICODE)


def _term(value, phrase):
    value = value.strip()
    words = segment.cut(value)
    if phrase:
        value = re.sub(r"\s+", " ", value)
    else:
        value = _PUNCT_RE.sub("", value)
    return Term(text=value, phrase=phrase and len(words) > 0, words=words)
