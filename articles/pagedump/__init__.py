"""The page-dump parser: the raw text of one printed newspaper page to its
articles, photos, credits and people (PAGE_FORMAT.md §3).

A plain Python package with no Django imports, so that it can be tested and
benchmarked on its own:

    from articles.pagedump import decode_dump, parse_page
    parse = parse_page(decode_dump(open("01.txt", "rb").read()))
"""
from .decoding import DumpError, decode_dump
from .parser import parse_page

# Bumped whenever the parse of the same text may change, so that imports can
# tell a page parsed by an older parser.
PARSER_VERSION = 7

__all__ = ["DumpError", "PARSER_VERSION", "decode_dump", "parse_page"]
