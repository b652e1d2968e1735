"""manage.py backup_archive and restore_archive, on each engine with its own
tool (pg_dump -Fc / pg_restore; SQLite's online backup): a restore brings
back the archive as it was backed up, search included; neither command
overwrites or destroys anything on bad input. PostgreSQL's run as an
operator would, in a process of their own; SQLite's (an in-memory test
database) in this one."""
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import TransactionTestCase, tag

from articles.models import Issue, Item, Page, SearchEntry

from .helpers import SAMPLE_BYTES, dump_dir, import_pages, two_article_page
from .support import ROOT


def found(q):
    from articles.search import service
    return service.run(service.SearchForm.from_params({"q": q})).total


def manage(*args):
    """(exit status, output) of a management command on the test database."""
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        url = (f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
               f"/{db['NAME']}")
        env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="newsroom.settings.test")
        result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                                text=True, timeout=300)
        connection.close()  # the tables it read may have been dropped and made again
        return result.returncode, result.stdout + result.stderr
    out = io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=out)
    except CommandError as e:
        return 1, out.getvalue() + str(e)
    return 0, out.getvalue()


@tag("engine")
class BackupRestoreTests(TransactionTestCase):
    def setUp(self):
        self.folder = Path(tempfile.mkdtemp(prefix="backup-"))
        self.backup = self.folder / "archive.backup"
        with dump_dir({"2021-02-04/01.txt": SAMPLE_BYTES}) as d:
            self.assertEqual(import_pages(d).status, 0)

    def tearDown(self):
        for f in self.folder.iterdir():
            f.unlink()
        self.folder.rmdir()

    def test_a_restore_brings_back_the_archive_as_it_was_backed_up_and_search_finds_it(self):
        before = sorted(Item.objects.values_list("pk", "headline"))
        status, out = manage("backup_archive", str(self.backup))
        self.assertEqual(status, 0, out)
        self.assertIn(f"backed up the {connection.vendor} archive (1 issues, 1 pages, 9 items)", out)
        self.assertEqual([f.name for f in self.folder.iterdir()], ["archive.backup"])
        # Then the archive changes: the page is deleted, another imported.
        Issue.objects.all().delete()
        with dump_dir({"2021-03-01/01.txt": two_article_page()}) as d:
            import_pages(d)
        self.assertEqual(found("常书铭"), 0)
        status, out = manage("restore_archive", str(self.backup), "--no-input", "--workers", "1")
        self.assertEqual(status, 0, out)
        self.assertIn("restored", out)
        self.assertIn("indexed 8 items", out)
        self.assertEqual(sorted(Item.objects.values_list("pk", "headline")), before)
        self.assertEqual([str(i.date) for i in Issue.objects.all()], ["2021-02-04"])
        self.assertEqual(found("常书铭"), 1)
        self.assertEqual(SearchEntry.objects.count(), 8)
        self.assertIn("indexed 0 items", manage("update_index", "--no-progress")[1])

    def test_a_backup_never_overwrites_a_file(self):
        self.backup.write_bytes(b"something else")
        status, out = manage("backup_archive", str(self.backup))
        self.assertEqual(status, 1)
        self.assertIn("exists already", out)
        self.assertEqual(self.backup.read_bytes(), b"something else")

    def test_a_file_that_is_not_a_backup_is_refused_and_the_archive_kept(self):
        self.backup.write_text("not a backup\n")
        status, out = manage("restore_archive", str(self.backup), "--no-input")
        self.assertEqual(status, 1)
        self.assertIn("is not a", out)
        self.assertEqual(Page.objects.count(), 1)
        self.assertEqual(found("常书铭"), 1)
