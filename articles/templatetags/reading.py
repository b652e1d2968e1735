"""Filters for the reader's pages: an article's text in traditional
characters (OpenCC's s2t tables, the same library the search uses the other
way), and text made safe inside a BibTeX field."""
import re

from django import template

from ..chinese import to_traditional

register = template.Library()


@register.filter
def zh(text, script):
    """`text` in the script the reader chose: "hant" (traditional) or as
    printed (simplified)."""
    if script == "hant" and text:
        return to_traditional(str(text))
    return text


_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_^~])")


@register.filter
def bibtex(text):
    """Text for a BibTeX field: its special characters escaped."""
    return _BIBTEX_SPECIAL.sub(lambda m: "\\" + m.group(1) if m.group(1) not in "\\^~" else
                               {"\\": r"\textbackslash{}", "^": r"\^{}", "~": r"\~{}"}[m.group(1)], str(text))


@register.filter
def ris(text):
    """Text for one RIS line: no line breaks."""
    return " ".join(str(text).split())
