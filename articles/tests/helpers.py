"""Helpers for the database tests: dump files on disk, running the import
command, small pages to import."""
import io
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command

from .support import DEMO_PAGE

SAMPLE_BYTES = DEMO_PAGE.read_bytes()


@contextmanager
def dump_dir(files=None):
    """A temporary folder holding {relative path: bytes or str}."""
    d = Path(tempfile.mkdtemp(prefix="dumps-"))
    try:
        for name, content in (files or {}).items():
            path = d / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


class CommandResult:
    def __init__(self, status, out, err):
        self.status, self.out, self.err = status, out, err

    def __repr__(self):
        return f"<exit {self.status}\n{self.out}\n{self.err}>"


def import_pages(*args):
    out, err = io.StringIO(), io.StringIO()
    status = 0
    try:
        call_command("import_pages", *[str(a) for a in args], "--no-progress", stdout=out, stderr=err)
    except SystemExit as e:
        status = e.code
    return CommandResult(status, out.getvalue(), err.getvalue())


def article_page(headline, body, lead="本报讯（记者雷甫）", continued_to=None, continued_from=None, extra=""):
    """A small page: one article, its headline above it (letter-spaced)."""
    text = " ".join(headline) + "\n\n"
    if continued_from:
        text += f"（上接第{continued_from}版）"
    text += lead + body
    if continued_to:
        text += f" （下转第{continued_to}版）"
    return text + "\n" + extra


def two_article_page(first_body="市政协召开党组会议，集中学习有关讲话精神。",
                     second_body="年关将至，能否回家过年，牵动着不少在外打工者的心。"):
    return (f"市 政 协 召 开 党 组 会 议\n\n本报讯（记者雷甫）{first_body}\n\n"
            f"就 地 过 大 年 暖 心 更 安 心\n\n本报讯（记者王菲）{second_body}\n")
