"""Bytes of a dump file to text: UTF-8 (with or without BOM), UTF-16 with a
BOM, GB18030 (a superset of GBK and GB2312); any line ends."""
import codecs
import re

from .text import CJK_RE


class DumpError(ValueError):
    """A dump that cannot be read as a page. The message is one line, fit to
    show to the person importing the file."""


# Control characters other than tab, LF, CR, form feed: a text dump has none.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NEWLINES_RE = re.compile("\r\n?|[\u2028\u2029\x0c\x85]")


def decode_dump(data: bytes) -> str:
    if not isinstance(data, (bytes, bytearray)):
        raise TypeError("decode_dump takes bytes")
    if not data.strip():
        raise DumpError("the file is empty")
    text = None
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise DumpError(f"the file starts with a {encoding} byte-order mark but is not {encoding}")
            break
    if text is None:
        if b"\x00" in data[:4096]:
            raise DumpError("the file is binary, not a text dump")
        for encoding in ("utf-8", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise DumpError("the file is neither UTF-8 nor GB18030/GBK text")
    text = _NEWLINES_RE.sub("\n", text)
    _check_is_text(text)
    return text


def _check_is_text(text):
    """GB18030 decodes most byte strings, so a successful decode proves little:
    reject what has control characters or almost no Chinese.

    Control characters are looked for in the whole text, not a sample: one
    past the sample used to get through, and then a NUL was stored by SQLite
    and failed the page on PostgreSQL, and an ESC or BEL was stored by both.
    A dump with one is refused (not cleaned): it is damaged or not a text
    dump, and the archive keeps dumps verbatim."""
    found = _CONTROL_RE.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise DumpError(f"the file has a control character (U+{ord(found.group()):04X}) on line {line}: "
                        f"a text dump has none; it is binary or damaged")
    sample = text[:20000]
    visible = sum(1 for ch in sample if not ch.isspace())
    if not visible:
        raise DumpError("the file is empty")
    if len(CJK_RE.findall(sample)) < max(1, visible // 10):
        # Mojibake from a wrong encoding shows as rare symbols, not as Chinese.
        raise DumpError("the file has no Chinese text; is it a page dump?")
