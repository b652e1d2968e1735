"""A run of the importer over many files: one transaction per page, so a
failure never leaves a half-imported page and the other files still import;
each run and each file recorded in the load log (ImportRun, ImportFile)."""
import datetime
import logging
import os
import socket
from dataclasses import dataclass, field

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections, connection
from django.db.models import Count, Sum
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from ..messages import say
from ..pagedump import DumpError, decode_dump
from ..models import ImportFile, ImportRun
from ..search import schema
from .paths import (DumpSource, ImportPathError, IssueMetaError, companions, describe_mode, is_pdf_path, issue_meta,
                    not_a_file, pair_pages, source_for_file)
from .service import PageImportError, check_size, import_page

log = logging.getLogger(__name__)


@dataclass
class Job:
    """One file to import. `data` is read from `path` when the job runs
    unless given (an upload); `error` marks a file that failed before."""
    path: str
    source: DumpSource = None
    data: bytes = None
    error: str = None
    sha256: str = None
    skip: str = None             # why it is not read at all (not a regular file)
    # The page's PDF and image: a path (read when the job runs) or the bytes
    # (an upload). A job whose `path` is a PDF has the PDF as its dump.
    pdf_path: str = None
    pdf: bytes = None
    image_path: str = None
    image: bytes = None


@dataclass
class FileOutcome:
    path: str
    status: str                  # imported, skipped, failed, dry-run, ignored (not a regular file),
    #                              kept (a page corrected in proofing: not touched)
    message: str = ""
    date: object = None
    page: int = None
    items: int = 0
    conflicts: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    parse: dict = None
    page_id: int = None
    sha256: str = ""

    def line(self):
        where = f" ({self.date:%Y-%m-%d} 第{self.page}版)" if self.date and self.page else ""
        text = f"{self.status:8s} {self.path}{where}"
        if self.status in ("imported", "dry-run"):
            text += ": " + ngettext("%(n)d item", "%(n)d items", self.items) % {"n": self.items}
        if self.message:
            text += f": {self.message}"
        return text


@dataclass
class RunSummary:
    outcomes: list = field(default_factory=list)
    people: int = 0
    run_id: int = None

    def count(self, status):
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def imported(self):
        return self.count("imported")

    @property
    def skipped(self):
        return self.count("skipped")

    @property
    def failed(self):
        return self.count("failed")

    @property
    def items(self):
        return sum(o.items for o in self.outcomes if o.status in ("imported", "dry-run"))

    @property
    def conflicts(self):
        return sum(len(o.conflicts) for o in self.outcomes)

    def text(self):
        """The run in one line, in the active language."""
        ignored, kept = self.count("ignored"), self.count("kept")
        values = {"files": len(self.outcomes), "imported": self.imported, "skipped": self.skipped,
                  "ignored": ignored, "kept": kept, "failed": self.failed, "dry_run": self.count("dry-run"),
                  "items": self.items, "people": self.people, "conflicts": self.conflicts}
        return ((gettext("files: %(files)d, imported: %(imported)d, skipped (unchanged): %(skipped)d, ")
                 + (gettext("skipped (not regular files): %(ignored)d, ") if ignored else "")
                 + (gettext("kept (corrected by editors): %(kept)d, ") if kept else "")
                 + gettext("failed: %(failed)d, dry-run: %(dry_run)d; items: %(items)d, new people: %(people)d, "
                           "conflicts: %(conflicts)d")) % values)


class NotARegularFile(Exception):
    """A path that is a named pipe, a device, …: skipped, never read."""


def read_dump(path, limit=None, check=None):
    """The bytes of the dump at `path`, refused (PageImportError) when it is
    larger than ARCHIVE_MAX_DUMP_BYTES before any of it is read; no more
    than the limit is ever read, even from a file that grows meanwhile.
    Opened without blocking and checked on the open file, so that a named
    pipe put in a file's place after the run started cannot hang it."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        what = describe_mode(st.st_mode)
        if what:
            raise NotARegularFile(what)
        check = check or check_size
        limit = limit or settings.ARCHIVE_MAX_DUMP_BYTES
        check(st.st_size)
        data = f.read(limit + 1)
    check(len(data))
    return data


def read_print(path, what="PDF"):
    """The bytes of a page's PDF or image, within ARCHIVE_MAX_PDF_BYTES."""
    from .printed import check_print_size
    return read_dump(path, limit=settings.ARCHIVE_MAX_PDF_BYTES, check=lambda size: check_print_size(size, what))


def jobs_for_paths(paths, date=None, page=None):
    """A job per path. A folder whose issue.json is unusable is one failed
    job (naming the issue.json and the pages left out), not one per page."""
    jobs, metas, left_out = [], {}, {}
    for path in pair_pages(paths):
        what = not_a_file(path)
        if what:
            jobs.append(Job(path=path, skip=say(_("not a regular file ({what})"), what=what)))
            continue
        folder = os.path.dirname(os.path.abspath(path))
        if folder not in metas:
            try:
                metas[folder] = issue_meta(folder)
            except IssueMetaError as e:
                metas[folder] = Job(path=e.path, error=e.problem)
                jobs.append(metas[folder])
                left_out[folder] = []
        if folder in left_out:
            left_out[folder].append(os.path.basename(path))
            continue
        try:
            job = Job(path=path, source=source_for_file(path, date=date, page=page, meta=metas[folder]))
            job.pdf_path, job.image_path = companions(path)
            if is_pdf_path(path):
                job.pdf_path, job.path = path, path
            jobs.append(job)
        except ImportPathError as e:
            jobs.append(Job(path=path, error=e.problem))
    for folder, names in left_out.items():
        listed = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
        metas[folder].error = say(_("{problem}; the {n} page(s) beside it were not imported ({listed})"),
                                  problem=metas[folder].error, n=len(names), listed=listed)
    return jobs


class ImportRunner:
    def __init__(self, *, user=None, username="", source=ImportRun.COMMAND, dry_run=False, force=False,
                 arguments=(), on_file=None):
        self.user = user
        self.username = username
        self.source = source
        self.dry_run = dry_run
        self.force = force
        self.arguments = list(arguments)
        self.on_file = on_file or (lambda outcome: None)

    def run(self, jobs):
        summary = RunSummary()
        run = None if self.dry_run else self._start_log(len(jobs))
        summary.run_id = run.pk if run else None
        seen = {}
        self.prefetch = Prefetch(jobs)
        unmerged = 0      # pages imported since the search index's pending entries were merged
        try:
            for k, job in enumerate(jobs):
                self.prefetch.ahead(k)
                outcome = self._one(job, seen, summary)
                summary.outcomes.append(outcome)
                if run is not None:
                    self._log_file(run, outcome)
                self.on_file(outcome)
                if outcome.status == "imported":
                    unmerged += 1
                    if unmerged == schema.PENDING_PAGES:
                        schema.clean_pending_lists()      # the index's new entries, merged (schema.py)
                        unmerged = 0
        except BaseException:
            # Anything unforeseen (an interrupt, a bug, memory): the run
            # stops, and its log says so instead of "running" for ever.
            if run is not None:
                self._finish_log(run, summary, status=ImportRun.INTERRUPTED)
            raise
        if run is not None:
            self._finish_log(run, summary)
        if summary.imported:
            schema.clean_pending_lists()
            schema.refresh_statistics()
        return summary

    def _one(self, job, seen, summary):
        if job.skip:
            return FileOutcome(job.path, "ignored", job.skip)
        if job.error:
            return FileOutcome(job.path, "failed", job.error)
        src = job.source
        base = dict(date=src.date, page=src.page)
        if src.key in seen:
            return FileOutcome(job.path, "failed", say(_("page {page} of {date} appears twice in this run (also {other})"),
                                                       page=src.page, date=f"{src.date:%Y-%m-%d}", other=seen[src.key]),
                               **base)
        seen[src.key] = job.path
        data = job.data
        try:
            pdf, image = self.prefetch.read(job)
            if is_pdf_path(job.path):
                data = None            # a PDF alone: its text is the dump
            elif data is None:
                data = read_dump(job.path)
            else:
                check_size(len(data))
        except NotARegularFile as e:
            return FileOutcome(job.path, "ignored", say(_("not a regular file ({what})"), what=e), **base)
        except FileNotFoundError:
            return FileOutcome(job.path, "failed", _("the file is gone (removed during the run?)"), **base)
        except OSError as e:
            return FileOutcome(job.path, "failed", say(_("cannot read the file: {error}"), error=e.strerror or e),
                               **base)
        except PageImportError as e:
            return FileOutcome(job.path, "failed", e.problem, **base)
        try:
            result = import_page(src, data, force=self.force, dry_run=self.dry_run, sha256=job.sha256, pdf=pdf,
                                 image=image, rendered=self.prefetch.rendered(job, pdf))
        except PageImportError as e:
            return FileOutcome(job.path, "failed", e.problem, **base)
        except (OperationalError, InterfaceError) as e:
            # The database went away: this page is rolled back; drop the
            # broken connection so that the next file can reconnect.
            self._reset_connection()
            return FileOutcome(job.path, "failed", say(_("database error: {error}"), error=_one_line(e)), **base)
        except DatabaseError as e:
            self._reset_connection()
            return FileOutcome(job.path, "failed", say(_("database error: {error}"), error=_one_line(e)), **base)
        summary.people += result.people_created
        message = ""
        if result.status == "skipped":
            message = _("unchanged since the last import")
        elif result.conflicts:
            message = say(_("{n} conflict(s) with editors' changes"), n=len(result.conflicts))
        return FileOutcome(job.path, result.status, message, items=result.items, conflicts=result.conflicts,
                           warnings=result.warnings, parse=result.parse, sha256=result.sha256,
                           page_id=result.page.pk if result.page else None, **base)

    @staticmethod
    def _reset_connection():
        try:
            connection.close()
        except Exception:  # the connection is already broken; closing it is all we want
            pass
        close_old_connections()

    # ---------------------------------------------------------- load log ---

    def _start_log(self, files):
        try:
            mark_interrupted_runs()
            now = timezone.now()
            return ImportRun.objects.create(
                user=self.user, username=self.username[:150], source=self.source, arguments=self.arguments,
                dry_run=self.dry_run, force=self.force, files=files, host=HOST[:255], pid=os.getpid(),
                heartbeat_at=now)
        except DatabaseError as e:
            log.warning("import log not written: %s", _one_line(e))
            self._reset_connection()
            return None

    def _log_file(self, run, o):
        try:
            # The load log is read in the admin: written in the site's
            # language whoever runs the import (the command prints English).
            with translation.override(settings.LANGUAGE_CODE):
                message, conflicts = str(o.message), [str(c) for c in o.conflicts]
            ImportFile.objects.create(
                run=run, path=o.path[:500], issue_date=o.date, status=o.status,
                # (a number the column cannot hold must not cost the log its line)
                page_number=o.page if o.page and 0 < o.page < 32768 else None,
                message=message, page_id=o.page_id, items=o.items, conflicts=conflicts,
                sha256=o.sha256)
            ImportRun.objects.filter(pk=run.pk).update(heartbeat_at=timezone.now())
        except DatabaseError as e:
            log.warning("import log line not written for %s: %s", o.path, _one_line(e))
            self._reset_connection()

    def _finish_log(self, run, s, status=None):
        status = status or (ImportRun.FAILED if s.failed else ImportRun.FINISHED)
        try:
            ImportRun.objects.filter(pk=run.pk).update(
                finished_at=timezone.now(), status=status,
                imported=s.imported, skipped=s.skipped, failed=s.failed, conflicts=s.conflicts,
                items=s.items, people=s.people)
        except DatabaseError as e:
            log.warning("import log not finished: %s", _one_line(e))
            self._reset_connection()


class Prefetch:
    """The PDFs of the next jobs, read and handed to the render workers
    while this one is parsed and written (rendering.Prefetcher); a page
    whose files are unchanged since its import is not rendered."""

    AHEAD = 3

    def __init__(self, jobs):
        self.jobs = jobs
        self.files = {}
        self.renders = None

    def read(self, job):
        """(pdf bytes, image bytes) of the job, or None each."""
        if id(job) in self.files:
            return self.files.pop(id(job))
        return self._load(job)

    @staticmethod
    def _load(job):
        pdf = job.pdf if job.pdf is not None else (read_print(job.pdf_path) if job.pdf_path else None)
        image = job.image if job.image is not None else (
            read_print(job.image_path, "page image") if job.image_path else None)
        return pdf, image

    def ahead(self, k):
        for job in self.jobs[k:k + 1 + self.AHEAD]:
            if job.skip or job.error or id(job) in self.files or not (job.pdf or job.pdf_path):
                continue
            try:
                pdf, image = self.files[id(job)] = self._load(job)
            except (OSError, PageImportError, NotARegularFile):
                continue               # said when the job runs
            if pdf is not None and not self._unchanged(job, pdf):
                self._renders().start(id(job), pdf, dump=self._dump_text(job))

    def rendered(self, job, pdf):
        if pdf is None or self.renders is None or id(job) not in self.renders.handles:
            return None
        from .rendering import RenderError
        try:
            return self.renders.take(id(job), pdf)
        except RenderError:
            return None                # import_page renders it again and says why it cannot

    @staticmethod
    def _dump_text(job):
        """The dump beside the PDF, decoded, for the worker to parse the page
        with; None for a PDF alone, or when it cannot be read (the import
        says why when the job runs)."""
        if is_pdf_path(job.path):
            return None
        try:
            return decode_dump(job.data if job.data is not None else read_dump(job.path))
        except (OSError, PageImportError, NotARegularFile, DumpError):
            return None

    def _renders(self):
        if self.renders is None:
            from .rendering import Prefetcher
            self.renders = Prefetcher()
        return self.renders

    @staticmethod
    def _unchanged(job, pdf):
        import hashlib
        from ..models import PageImage
        try:
            return PageImage.objects.filter(page__issue__date=job.source.date, page__number=job.source.page,
                                            sha256=hashlib.sha256(pdf).hexdigest()).exists()
        except DatabaseError:
            return False


HOST = socket.gethostname()
# A run on another machine that has finished no file for this long is taken
# for dead: no page takes an hour (a 4 MB one imports in seconds).
SILENT_FOR = datetime.timedelta(hours=1)


def _process_is_gone(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False


def mark_interrupted_runs():
    """Runs still "running" whose process is gone: on this machine, by their
    process id; elsewhere, by their silence. Marked interrupted, with what
    their files' lines say they did."""
    silent_since = timezone.now() - SILENT_FOR
    marked = 0
    for run in ImportRun.objects.filter(status=ImportRun.RUNNING):
        last = run.heartbeat_at or run.started_at
        here = run.host == HOST and run.pid
        if (here and _process_is_gone(run.pid)) or (not here and last < silent_since):
            counts = dict(run.file_results.values_list("status").annotate(n=Count("pk")))
            marked += ImportRun.objects.filter(pk=run.pk, status=ImportRun.RUNNING).update(
                status=ImportRun.INTERRUPTED, finished_at=last, imported=counts.get(ImportFile.IMPORTED, 0),
                skipped=counts.get(ImportFile.SKIPPED, 0), failed=counts.get(ImportFile.FAILED, 0),
                items=run.file_results.aggregate(n=Sum("items"))["n"] or 0)
    return marked


def _one_line(error):
    text = str(error).strip().splitlines()
    return text[0] if text else error.__class__.__name__
