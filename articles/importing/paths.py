"""Where a dump's date and page come from (PAGE_FORMAT.md §2).

    2021-02-04/01.txt   2021-02-04/02_综合新闻.txt   20210204/01.txt
    2021-02-04_01.txt   2021-02-04-01.txt   20210204-01.txt   jzrb-2021-02-04-01.txt

An optional issue.json beside the pages gives the issue number (总第N期) and
page names: {"number": 8123, "pages": {"1": "要闻", "2": "综合新闻"}}.
"""
import datetime
import glob
import json
import os
import re
from dataclasses import dataclass, field

_DATE = r"(?P<date>\d{4}-\d{2}-\d{2}|\d{8})"
_FILE_WITH_DATE_RE = re.compile(rf"^(?:[A-Za-z]+[-_])?{_DATE}[-_](?P<page>\d{{1,3}})(?:[-_](?P<name>[^.]+))?\.txt$")
_PAGE_FILE_RE = re.compile(r"^(?P<page>\d{1,3})(?:[-_](?P<name>[^.]+))?\.txt$")
_DATE_DIR_RE = re.compile(rf"^(?:[A-Za-z]+[-_])?{_DATE}$")


class ImportPathError(ValueError):
    """A file whose name does not say which day and page it is."""


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
        raise ImportPathError(f"{path}: {text} is not a real date")


def _issue_meta(folder):
    meta_path = os.path.join(folder, "issue.json")
    if not os.path.isfile(meta_path):
        return {}
    try:
        with open(meta_path, encoding="utf-8-sig") as f:
            meta = json.load(f)
    except (OSError, ValueError) as e:
        raise ImportPathError(f"{meta_path}: cannot read issue.json ({e})")
    if not isinstance(meta, dict):
        raise ImportPathError(f"{meta_path}: issue.json must hold an object")
    return meta


def source_for_file(path, date=None, page=None, page_name="", use_folder=True):
    """The DumpSource of one file. `date` and `page` (from --date/--page or
    the upload form) override what the name says. `use_folder=False` (an
    uploaded file) ignores the folder's name and issue.json."""
    name = os.path.basename(path)
    folder = os.path.dirname(os.path.abspath(path)) if use_folder else ""
    found_date = found_page = None
    found_name = ""
    m = _FILE_WITH_DATE_RE.match(name)
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
            raise ImportPathError(f"{path}: the name has no date (YYYY-MM-DD or YYYYMMDD); give the date")
        date = _parse_date(found_date, path)
    if page is None:
        if found_page is None:
            raise ImportPathError(f"{path}: the name has no page number; give the page")
        page = int(found_page)
    meta = _issue_meta(folder) if folder else {}
    if not page_name:
        page_name = found_name or str((meta.get("pages") or {}).get(str(page), "") or "")
    return DumpSource(path=path, date=date, page=int(page), page_name=page_name.strip(), issue_meta=meta)


def expand_arguments(arguments):
    """Files, folders (searched for *.txt) and globs, in a stable order.
    Returns (paths, errors) where errors are arguments that matched nothing."""
    paths, errors, seen = [], [], set()
    for arg in arguments:
        if os.path.isdir(arg):
            found = sorted(
                os.path.join(root, f) for root, _dirs, files in os.walk(arg) for f in files if f.endswith(".txt"))
        elif os.path.exists(arg):
            found = [arg]
        else:
            found = sorted(p for p in glob.glob(arg, recursive=True) if os.path.isfile(p))
            if not found:
                errors.append(f"{arg}: no such file, folder or match")
        for p in found:
            key = os.path.realpath(p)
            if key not in seen:
                seen.add(key)
                paths.append(p)
    return paths, errors
