"""python manage.py import_gold FILE.gold.json...: load hand-made gold parses
(PAGE_FORMAT.md §3) as the editors' version of pages already imported.

The date and page come from each file's name, as the import reads a dump's
(`2021-02-04-01.gold.json`, `jzrb-2021-02-04-01.gold.json`,
`2021-02-04/01.gold.json`). The page's dump must be imported already and
must hold every article and photo of the gold. The page's items become the
gold's (items that match keep their numbers), the page is marked checked
(已校对), and the load is one operation in its proofing history (revertable
there).
"""
import getpass
import json
import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, no_translations

from ...importing import ImportPathError, source_for_file
from ...models import Page
from ...proofing.gold import GOLD_SUFFIX
from ...proofing.operations import ProofError, describe, perform


class Command(BaseCommand):
    help = "Load gold parses (FILE.gold.json) as the checked version of pages already imported."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE.gold.json")
        parser.add_argument("--user", help="the account to record as having loaded them (default: none, "
                                           "the system user's name is recorded)")

    @no_translations
    def handle(self, *args, files, user=None, **options):
        account = None
        if user:
            account = get_user_model().objects.filter(username=user).first()
            if account is None:
                raise CommandError(f"--user {user}: no such account")
        username = account.get_username() if account else f"import_gold ({_system_user()})"
        failed = 0
        for path in files:
            try:
                edit = self._load(path, account, username)
            except (ProofError, CommandError) as e:
                failed += 1
                self.stderr.write(self.style.ERROR(f"FAILED {path}: {getattr(e, 'message', e)}"))
                continue
            self.stdout.write(f"loaded {path}: {describe(edit)}")
        self.stdout.write(f"{len(files) - failed} loaded, {failed} failed")
        if failed:
            raise SystemExit(1)

    def _load(self, path, account, username):
        name = os.path.basename(path)
        if not name.endswith(GOLD_SUFFIX):
            raise CommandError(f"the name must end in {GOLD_SUFFIX} (like 2021-02-04-01{GOLD_SUFFIX})")
        try:
            source = source_for_file(os.path.join(os.path.dirname(path), name[:-len(GOLD_SUFFIX)] + ".txt"))
        except ImportPathError as e:
            raise CommandError(str(e.problem))
        page = Page.objects.filter(issue__date=source.date, number=source.page).first()
        if page is None:
            raise CommandError(f"page {source.page} of {source.date:%Y-%m-%d} is not in the archive: "
                               "import its dump first (import_pages)")
        try:
            with open(path, encoding="utf-8-sig") as f:
                gold = json.load(f)
        except OSError as e:
            raise CommandError(f"cannot read it: {e.strerror or e}")
        except ValueError as e:
            raise CommandError(f"not JSON: {e}")
        return perform(page, "import_gold", {"gold": gold, "file": name}, user=account, username=username)


def _system_user():
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (a container without one)
        return "?"
