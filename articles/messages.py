"""Messages in the language of whoever reads them (Django's translation
machinery; the catalogue is locale/zh_Hans/LC_MESSAGES/django.po).

The importer marks its own messages for translation where it writes them,
lazily (`say`), so that one message prints in English on the command line
and shows in Chinese in the admin and in the load log.

The parser has no Django in it and writes English; its warnings are stored
on the page as written. `parser_message` matches each of its known
messages and gives it back translatable, for display."""
import re

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


def say(template, **values):
    """`template` (a gettext_lazy message with {name} fields) filled in,
    translated when it is shown."""
    return format_lazy(template, **values)


# The parser's messages, as it writes them, each with its translatable form.
_PARSER = [
    (r"item (?P<n>\d+): no headline found", _("item {n}: no headline found")),
    (r"item (?P<n>\d+): photo without a credit", _("item {n}: photo without a credit")),
    (r"heading not placed with any article: (?P<text>.*)", _("heading not placed with any article: {text}")),
    (r"column banner not placed with any article: (?P<text>.*)",
     _("column banner not placed with any article: {text}")),
    (r"byline not placed with any (?:article|item): (?P<text>.*)", _("byline not placed with any article: {text}")),
    (r"byline not placed(?P<rest>.*)", _("byline not placed{rest}")),
    (r"no articles or photos found on the page", _("no articles or photos found on the page")),
    (r"(?P<n>\d+) line\(s\) over (?P<limit>\d+) characters \(line (?P<first>\d+) first\): "
     r"not the text of a printed page\?",
     _("{n} line(s) over {limit} characters (line {first} first): not the text of a printed page?")),
    (r"the file is empty", _("the file is empty")),
    (r"the file starts with a (?P<encoding>\S+) byte-order mark but is not (?P=encoding)",
     _("the file starts with a {encoding} byte-order mark but is not {encoding}")),
    (r"the file is binary, not a text dump", _("the file is binary, not a text dump")),
    (r"the file is neither UTF-8 nor GB18030/GBK text", _("the file is neither UTF-8 nor GB18030/GBK text")),
    (r"the file has a control character \(U\+(?P<code>[0-9A-F]+)\) on line (?P<line>\d+): "
     r"a text dump has none; it is binary or damaged",
     _("the file has a control character (U+{code}) on line {line}: a text dump has none; it is binary or damaged")),
    (r"the file has no Chinese text; is it a page dump\?", _("the file has no Chinese text; is it a page dump?")),
    (r"the PDF has no text layer \(a scan\?\)", _("the PDF has no text layer (a scan?)")),
]
PARSER_MESSAGES = [(re.compile(f"^{pattern}$", re.DOTALL), template) for pattern, template in _PARSER]


def parser_message(text):
    """A message of the parser's, translatable; an unknown one as it is."""
    for pattern, template in PARSER_MESSAGES:
        found = pattern.match(text or "")
        if found:
            return say(template, **found.groupdict())
    return text
