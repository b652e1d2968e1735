"""Where a dump's date and page come from (PAGE_FORMAT.md §2).

    2021-02-04/01.txt   2021-02-04/02_综合新闻.txt   20210204/01.txt
    2021-02-04_01.txt   2021-02-04-01.txt   20210204-01.txt   jzrb-2021-02-04-01.txt

A page PDF is named the same way (2021-02-04/01.pdf): alone, it is its own
dump; beside 01.txt, it gives that page its image and layout. An image
(01.jpg, 01.png, 01.webp) beside a dump or PDF is the page's image.

An optional issue.json beside the pages gives the issue number (总第N期) and
page names: {"number": 8123, "pages": {"1": "要闻", "2": "综合新闻"}}.
"""
import datetime
import glob
import json
import os
import re
import stat
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..messages import say

_DATE = r"(?P<date>\d{4}-\d{2}-\d{2}|\d{8})"
# Page numbers of any length, so that "2021-02-04-99999.txt" is told its
# page is out of range rather than that it has no date.
_FILE_WITH_DATE_RE = re.compile(rf"^(?:[A-Za-z]+[-_])?{_DATE}[-_](?P<page>\d+)(?:[-_](?P<name>[^.]+))?\.(?:txt|pdf)$",
                                re.IGNORECASE)
_PAGE_FILE_RE = re.compile(r"^(?P<page>\d+)(?:[-_](?P<name>[^.]+))?\.(?:txt|pdf)$", re.IGNORECASE)
PAGE_EXTENSIONS = (".txt", ".pdf")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
_DATE_DIR_RE = re.compile(rf"^(?:[A-Za-z]+[-_])?{_DATE}$")


class ImportPathError(ValueError):
    """A file whose name does not say which day and page it is: `problem`
    says what is wrong (translatable), `path` which file."""

    def __init__(self, path, problem):
        super().__init__(path, problem)
        self.path, self.problem = path, problem

    def __str__(self):
        return f"{self.path}: {self.problem}"


@dataclass
class DumpSource:
    path: str
    date: datetime.date
    page: int
    page_name: str = ""
    issue_meta: dict = field(default_factory=dict)

    @property
    def key(self):
        return self.date, self.page


def _parse_date(text, path):
    digits = text.replace("-", "")
    try:
        return datetime.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        raise ImportPathError(path, say(_("{text} is not a real date"), text=text))


class IssueMetaError(ImportPathError):
    """An issue.json that cannot be used: its folder is not imported."""


ISSUE_JSON_SHAPE = '{"number": 8123, "edition": "…", "pages": {"1": "要闻", "2": "综合新闻"}}'


def issue_meta(folder):
    """The folder's issue.json, checked: {} when there is none; raises
    IssueMetaError when it is not what PAGE_FORMAT.md §2 describes."""
    meta_path = os.path.join(folder, "issue.json")
    if not os.path.isfile(meta_path):
        return {}
    try:
        with open(meta_path, encoding="utf-8-sig") as f:
            meta = json.load(f)
    except (OSError, ValueError) as e:
        raise IssueMetaError(meta_path, say(_("cannot read issue.json ({error})"), error=_one_line(e)))
    if not isinstance(meta, dict):
        raise IssueMetaError(meta_path, say(_("issue.json must hold an object like {shape}"), shape=ISSUE_JSON_SHAPE))
    number = meta.get("number")
    if number is not None and (isinstance(number, bool) or not isinstance(number, int) or number < 1):
        raise IssueMetaError(meta_path, say(_('"number" must be a whole number (总第N期), not {value}'),
                                            value=json.dumps(number)))
    edition = meta.get("edition")
    if edition is not None and not isinstance(edition, str):
        raise IssueMetaError(meta_path, say(_('"edition" must be text, not {value}'), value=json.dumps(edition)))
    pages = meta.get("pages")
    if pages is not None:
        if not isinstance(pages, dict):
            raise IssueMetaError(meta_path, say(_('"pages" must map page numbers to page names, like {example}, '
                                                  'not {value}'), example='{"1": "要闻"}',
                                                value=json.dumps(pages, ensure_ascii=False)[:60]))
        for key, name in pages.items():
            if not key.strip().isdigit() or not isinstance(name, str):
                raise IssueMetaError(meta_path, say(_('"pages" must map page numbers to page names, like {example}, '
                                                      'not {value}'), example='{"1": "要闻"}',
                                                    value=json.dumps({key: name}, ensure_ascii=False)[:60]))
        meta = {**meta, "pages": {str(int(k)): v for k, v in pages.items()}}
    return meta


def _one_line(error):
    text = str(error).strip().splitlines()
    return text[0] if text else error.__class__.__name__


def source_for_file(path, date=None, page=None, page_name="", use_folder=True, meta=None):
    """The DumpSource of one file. `date` and `page` (from --date/--page or
    the upload form) override what the name says. `use_folder=False` (an
    uploaded file) ignores the folder's name and issue.json; `meta` is the
    folder's issue.json when the caller has read it already."""
    name = os.path.basename(path)
    folder = os.path.dirname(os.path.abspath(path)) if use_folder else ""
    found_date = found_page = None
    found_name = ""
    m = _FILE_WITH_DATE_RE.match(name)
    if not m and date is None and page is None and _DATE_DIR_RE.match(os.path.splitext(name)[0]):
        raise ImportPathError(path, _("the name has a date but no page number (like 2021-02-04-01.txt)"))
    if m:
        found_date, found_page, found_name = m.group("date"), m.group("page"), m.group("name") or ""
    else:
        m = _PAGE_FILE_RE.match(name)
        d = _DATE_DIR_RE.match(os.path.basename(folder)) if folder else None
        if m:
            found_page, found_name = m.group("page"), m.group("name") or ""
        if m and d:
            found_date = d.group("date")
    if date is None:
        if found_date is None:
            raise ImportPathError(path, _("the name has no date (YYYY-MM-DD or YYYYMMDD); give the date"))
        date = _parse_date(found_date, path)
    if page is None:
        if found_page is None:
            raise ImportPathError(path, _("the name has no page number; give the page"))
        page = int(found_page)
    if not 1 <= int(page) <= settings.ARCHIVE_MAX_PAGES:
        raise ImportPathError(path, say(_("page number {page} is out of range (1-{limit})"), page=page,
                                        limit=settings.ARCHIVE_MAX_PAGES))
    if meta is None:
        meta = issue_meta(folder) if folder else {}
    if not page_name:
        page_name = found_name or str((meta.get("pages") or {}).get(str(page), "") or "")
    return DumpSource(path=path, date=date, page=int(page), page_name=page_name.strip(), issue_meta=meta)


def not_a_file(path):
    """Why `path` is not a regular file ("a named pipe", …), or None when it
    is one. Reading a named pipe waits for a writer for ever; a device may
    never end."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "a broken link" if os.path.islink(path) else None
    except OSError:
        return None  # reading it will say what is wrong
    return describe_mode(mode)


def describe_mode(mode):
    if stat.S_ISREG(mode):
        return None
    for test, what in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return "not a regular file"


def is_pdf_path(path):
    return path.lower().endswith(".pdf")


def companions(path):
    """The files beside a page's dump or PDF that belong to the same page:
    (pdf path or None, image path or None). 01.txt's are 01.pdf and
    01.jpg/.png/.webp; a PDF's, its image."""
    stem, _ext = os.path.splitext(path)
    pdf = None
    if not is_pdf_path(path):
        pdf = next((stem + e for e in (".pdf", ".PDF") if os.path.isfile(stem + e)), None)
    image = next((stem + e for ext in IMAGE_EXTENSIONS for e in (ext, ext.upper()) if os.path.isfile(stem + e)), None)
    return pdf, image


def pair_pages(paths):
    """Paths with each PDF that has its dump beside it (01.pdf beside 01.txt)
    left out: it goes with the dump's job (`companions`)."""
    stems = {os.path.splitext(os.path.realpath(p))[0] for p in paths if not is_pdf_path(p)}
    return [p for p in paths if not (is_pdf_path(p) and os.path.splitext(os.path.realpath(p))[0] in stems)]


def expand_arguments(arguments):
    """Files, folders (searched for *.txt and *.pdf) and globs, in a stable order.
    Returns (paths, errors) where errors are arguments that matched nothing.
    Paths that are not regular files (named pipes, devices) are returned
    too: the runner skips each with a line saying so."""
    paths, errors, seen = [], [], set()
    for arg in arguments:
        if os.path.isdir(arg):
            found = sorted(
                os.path.join(root, f) for root, _dirs, files in os.walk(arg) for f in files
                if f.lower().endswith(PAGE_EXTENSIONS))
        elif os.path.lexists(arg):
            found = [arg]
        else:
            found = sorted(p for p in glob.glob(arg, recursive=True) if not os.path.isdir(p))
            if not found:
                errors.append(f"{arg}: no such file, folder or match")
        for p in found:
            key = os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                paths.append(p)
    return paths, errors
