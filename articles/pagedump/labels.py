"""The labels the line labeller gives, one per non-blank line of a dump.

A label says what a line is and, for the lines that belong to an item
without being its text (headings, bylines, photo credits), which item they
belong to: the one whose text came before them ("<") or the one whose text
comes after them (">"). The assembly in items.py turns a page's labels into
items without judging the text again.
"""

FURNITURE = "F"       # mastheads, date strips, editor lines, hotlines, pinyin, stray text
LABEL = "L"           # the page's own label ("JZ第一视线")
MARKER = "M"          # a continuation marker on a line of its own
PHOTO_TITLE = "T"     # a photo's title, which may stand some lines away

# Headings and credits, with the side their item lies on. Which line of a
# heading is the column banner (栏目), the kicker, the headline or the
# subtitle is decided apart, by the heading model, over the lines of each
# heading (HEADING_ROLES).
HEADING_NEXT, HEADING_PREV = "H>", "H<"
BYLINE_NEXT, BYLINE_PREV = "Y>", "Y<"
CREDIT_NEXT, CREDIT_PREV = "CR>", "CR<"

# Text.
ARTICLE_START = "B"   # first line of an article's text
PHOTO_START = "BP"    # first line of a photo's caption
PARAGRAPH = "P"       # first line of a paragraph (or subhead) inside the item
CONTINUATION = "I"    # a line that goes on with the paragraph before
# (A subhead is a paragraph to the labeller: families disagree on which
# short paragraphs are subheads, and the parse's paragraph breaks are the
# same either way; items.py tells them apart for display.)

ALL = (FURNITURE, LABEL, MARKER, PHOTO_TITLE, HEADING_NEXT, HEADING_PREV,
       BYLINE_NEXT, BYLINE_PREV, CREDIT_NEXT, CREDIT_PREV, ARTICLE_START, PHOTO_START, PARAGRAPH, CONTINUATION)

TEXT = frozenset((ARTICLE_START, PHOTO_START, PARAGRAPH, CONTINUATION))
HEADING = frozenset((HEADING_NEXT, HEADING_PREV))

# The lines of one heading, in the order they are set.
COLUMN, KICKER, HEADLINE, SUBTITLE = "C", "K", "H", "S"
HEADING_ROLES = (COLUMN, KICKER, HEADLINE, SUBTITLE)


def role(label):
    """The label without its side: "H>" → "H"."""
    return label.rstrip("<>")


def side(label):
    """"next", "prev" or None."""
    if label.endswith(">"):
        return "next"
    if label.endswith("<"):
        return "prev"
    return None


def with_side(role_, side_):
    return role_ + (">" if side_ == "next" else "<")
