"""python manage.py import_pages PATH... : import raw page dumps and page PDFs.

PATHs are files, folders (searched for *.txt and *.pdf) and globs; a page's
PDF or image (01.pdf, 01.jpg/.png/.webp) beside its dump goes with it. Dates and page
numbers come from the names (PAGE_FORMAT.md §2) unless --date/--page give
them for a single file. Exits non-zero when any file failed."""
import datetime
import sys

from django.core.management.base import BaseCommand, CommandError, no_translations

from ...importing import expand_arguments
from ...importing.runner import ImportRunner, Job, jobs_for_paths


def _date(text):
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date {text}: not a date (YYYY-MM-DD)")


class Command(BaseCommand):
    help = "Import raw page dumps and page PDFs (files, folders, globs) into the archive."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--date", help="issue date (YYYY-MM-DD) for a single file whose name has none")
        parser.add_argument("--page", type=int, help="page number for a single file")
        parser.add_argument("--dry-run", action="store_true", help="parse and report, write nothing")
        parser.add_argument("--force", action="store_true", help="re-import files that have not changed")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")

    @no_translations  # the command line speaks English; the load log is written in the site's language
    def handle(self, *args, paths, date=None, page=None, dry_run=False, force=False, no_progress=False, **opts):
        files, missing = expand_arguments(paths)
        if (date is not None or page is not None) and len(files) != 1:
            raise CommandError("--date and --page apply to a single file")
        jobs = [Job(path=m.split(":")[0], error="no such file, folder or match") for m in missing]
        jobs += jobs_for_paths(files, date=_date(date) if date else None, page=page)
        verbosity = opts.get("verbosity", 1)
        bar = None
        if not no_progress and self.stderr.isatty() and len(jobs) > 1:
            from tqdm import tqdm
            bar = tqdm(total=len(jobs), unit="page", file=sys.stderr, dynamic_ncols=True)

        def on_file(outcome):
            if bar is not None:
                bar.update(1)
            if outcome.status == "failed":
                self._write(bar, self.style.ERROR(f"ERROR   {outcome.path}: {outcome.message}"), err=True)
            elif outcome.status == "ignored":
                self._write(bar, self.style.WARNING(f"SKIPPED {outcome.path}: {outcome.message}"), err=True)
            elif verbosity >= 2 or outcome.status == "dry-run" or (verbosity >= 1 and outcome.conflicts):
                self._write(bar, outcome.line())
            for conflict in outcome.conflicts:
                self._write(bar, self.style.WARNING(f"  conflict: {conflict}"))
            if verbosity >= 2 or outcome.status == "dry-run":
                for warning in outcome.warnings:
                    self._write(bar, f"  warning: {warning}")

        runner = ImportRunner(username=_os_user(), dry_run=dry_run, force=force, arguments=list(paths),
                              on_file=on_file)
        summary = runner.run(jobs)
        if bar is not None:
            bar.close()
        style = self.style.ERROR if summary.failed else self.style.SUCCESS
        self.stdout.write(style(("dry run, nothing written. " if dry_run else "") + summary.text()))
        if summary.failed:
            sys.exit(1)

    def _write(self, bar, text, err=False):
        if bar is not None:
            bar.write(text, file=sys.stderr if err else sys.stdout)
        else:
            (self.stderr if err else self.stdout).write(text)


def _os_user():
    import getpass
    try:
        return getpass.getuser()
    except Exception:  # no login name (a container): the log says nobody
        return ""
