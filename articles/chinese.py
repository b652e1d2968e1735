"""Simplified and traditional characters, by OpenCC's tables: the search
reads a traditional query as simplified (晉中 finds 晋中), and a reader may
read an article in traditional characters. Each table is loaded on first
use (it takes a moment, and most processes need one or none)."""
from functools import cache


@cache
def _converter(config):
    from opencc import OpenCC
    return OpenCC(config)


def to_simplified(text):
    return _converter("t2s").convert(text)


def to_traditional(text):
    return _converter("s2t").convert(text)
