#!/usr/bin/env python
"""A repeatable mutation run: small, meaningful changes to the product's
import, continuation, permission, withdrawal, escaping and search code (and
a few to the parser: continuation markers, headings' sides, an order taken
from a set), each applied alone to a private copy of the repository, with
only the test modules that should notice it run on PostgreSQL. A mutation is caught when those tests fail. Prints a
caught/missed table and a total; exits 1 when one is missed.

    .venv/bin/python bench/mutations.py                 # every mutation, on a copy of HEAD
    .venv/bin/python bench/mutations.py --only upload-permission --only escape-snippet
    .venv/bin/python bench/mutations.py --with articles/tests/test_new.py   # HEAD and one uncommitted file
    .venv/bin/python bench/mutations.py --from-worktree # on a copy of the working tree (uncommitted tests too)
    .venv/bin/python bench/mutations.py --only withdrawn-dump-public --tests articles.tests.test_withdrawn
    .venv/bin/python bench/mutations.py --list
    .venv/bin/python bench/mutations.py --check         # does every snippet still apply? (no tests run)

The shared working tree is never mutated: the copy is made under a
temporary folder (`git archive`, or the working tree's tracked and
untracked files), and each mutated file is put back byte for byte after its
run (in a `finally`, so on Ctrl-C too). A mutation whose original snippet
is not found exactly once in its file is refused before anything runs, and
the test modules must pass on the unmutated copy first (else every
mutation would look caught). Python writes no .pyc files in the copy: a
mutation and its undoing within one second, at the same size, could
otherwise be read back from a stale cache.

DATABASE_URL names the PostgreSQL database (default archive_mutations; the
tests use test_<name>, kept between runs and made afresh at the start).
"""
import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/archive_mutations"


@dataclass
class Mutation:
    name: str
    path: str           # relative to the repository
    original: str       # must occur exactly once in the file
    mutated: str
    tests: list         # test modules (dotted) that should catch it
    what: str = ""      # what the mutation means for a reader or an editor
    kind: str = ""      # import, continuation, permission, withdrawal, escaping, search, parser


T = "articles.tests."

MUTATIONS = [
    # --- permission -------------------------------------------------------
    Mutation("upload-permission", "articles/admin/issues.py",
             "        if not self.has_import_permission(request):\n            raise PermissionDenied\n", "",
             [T + "test_admin", T + "test_admin_permissions"],
             "the upload view's permission check removed", "permission"),
    Mutation("import-permission-needs-only-view", "articles/admin/issues.py",
             'return request.user.has_perms(["articles.change_page", "articles.change_item", "articles.add_item",',
             'return request.user.has_perms(["articles.view_page"]) and bool(["articles.change_page",'
             ' "articles.add_item",',
             [T + "test_admin", T + "test_admin_permissions"],
             "importing (upload, re-parse) allowed to anyone who may view pages", "permission"),
    Mutation("reimport-action-permission", "articles/admin/issues.py",
             'permissions=["import"])\n    def reimport', 'permissions=["view"])\n    def reimport',
             [T + "test_admin", T + "test_admin_permissions"],
             "the re-parse action offered to view-only staff", "permission"),
    Mutation("merge-permission-without-delete", "articles/admin/people.py",
             "return self.has_change_permission(request) and self.has_delete_permission(request)",
             "return self.has_change_permission(request)",
             [T + "test_admin", T + "test_admin_permissions"],
             "merging people allowed without the right to delete them", "permission"),
    Mutation("withdraw-action-permission", "articles/admin/items.py",
             '@admin.action(description="撤回所选条目（读者不再可见）", permissions=["change"])',
             '@admin.action(description="撤回所选条目（读者不再可见）", permissions=["view"])',
             [T + "test_admin", T + "test_admin_permissions"],
             "the withdraw action offered to view-only staff", "permission"),
    Mutation("proofing-save-permission", "articles/admin/proofing.py",
             "    def _save(self, request, pk):\n"
             "        if not can_change(request):\n            raise PermissionDenied\n",
             "    def _save(self, request, pk):\n",
             [T + "test_admin_permissions", T + "test_proofing_admin"],
             "proofing's save open to view-only staff", "permission"),
    Mutation("proofing-preview-permission", "articles/admin/proofing.py",
             "    def _preview(self, request, pk):\n"
             "        if not can_change(request):\n            raise PermissionDenied\n",
             "    def _preview(self, request, pk):\n",
             [T + "test_admin_permissions", T + "test_proofing_admin"],
             "proofing's preview open to view-only staff", "permission"),
    # --- import -----------------------------------------------------------
    Mutation("reimport-overwrites-proofed-page", "articles/importing/service.py",
             "    if page is not None and page.is_protected:\n", "    if False:\n",
             [T + "test_reimport", T + "test_proofing_operations"],
             "a re-import replaces the items of a page an editor proofed", "import"),
    Mutation("unchanged-check-ignores-page", "articles/importing/service.py",
             "Page.objects.filter(issue__date=source.date, number=source.page, sha256=sha)",
             "Page.objects.filter(issue__date=source.date, sha256=sha)",
             [T + "test_reimport", T + "test_import_command"],
             "the unchanged-dump check ignores the page number", "import"),
    Mutation("reimport-overwrites-edited-item", "articles/importing/service.py",
             "        if e is not None and e.edited:\n", "        if False:\n",
             [T + "test_reimport"],
             "a re-import writes over an item an editor changed", "import"),
    Mutation("reimport-deletes-edited-item", "articles/importing/service.py",
             "        if e.edited:\n            result.kept += 1\n",
             "        if False:\n            result.kept += 1\n",
             [T + "test_reimport"],
             "a re-import deletes an edited item the new dump lacks", "import"),
    Mutation("upload-preview-writes", "articles/importing/service.py",
             '    if dry_run:\n        return PageImport(status="dry-run", sha256=sha, parse=parse)\n', "",
             [T + "test_admin", T + "test_import_command"],
             "the upload's preview (a dry run) imports the page", "import"),
    Mutation("reimport-matches-nothing", "articles/importing/service.py",
             "            if s >= SAME_ITEM:", "            if s > 1.0:",
             [T + "test_reimport"],
             "a re-import matches no item to its old row (permalinks change)", "import"),
    Mutation("aliases-ignored", "articles/importing/service.py",
             "for alias in PersonAlias.objects.filter(name__in=names)",
             "for alias in PersonAlias.objects.filter(name__in=[])",
             [T + "test_reimport", T + "test_person_merge"],
             "the import ignores merged people's aliases (a merged person comes back)", "import"),
    Mutation("admin-edit-not-marked", "articles/admin/items.py",
             "        if change and form.has_changed():\n            editing.mark_edited(obj)\n",
             "        if False:\n            editing.mark_edited(obj)\n",
             [T + "test_admin"],
             "an editor's change in the admin not marked edited (the next import overwrites it)", "import"),
    Mutation("future-dates-accepted", "articles/importing/service.py",
             "    if date > tomorrow:\n", "    if False:\n",
             [T + "test_dates", T + "test_import_robustness"],
             "issue dates after tomorrow imported", "import"),
    # --- continuation -----------------------------------------------------
    Mutation("continuation-overwrites-editor", "articles/importing/continuations.py",
             "if target.continues_id is None and not target.edited:", "if True:",
             [T + "test_reimport", T + "test_continuations"],
             "continuation links written over an editor's change", "continuation"),
    Mutation("continuation-relinks-edited", "articles/importing/continuations.py",
             "if target.continues_id is None and not target.edited:", "if target.continues_id is None:",
             [T + "test_reimport", T + "test_continuations"],
             "a link an editor removed is made again by the next import", "continuation"),
    Mutation("continuation-headlines-ignored", "articles/importing/continuations.py",
             "return bool(a) and bool(b) and (a == b or a in b or b in a)", "return False",
             [T + "test_reimport", T + "test_continuations"],
             "parts are no longer matched by headline (two stories continued at once stay apart)", "continuation"),
    Mutation("continued-to-filter-dropped", "articles/importing/continuations.py",
             "articles.filter(page__number=number, continued_to_page=page.number)",
             "articles.filter(page__number=number)",
             [T + "test_reimport", T + "test_continuations"],
             'the "continued to this page" filter dropped', "continuation"),
    Mutation("continued-from-filter-dropped", "articles/importing/continuations.py",
             "articles.filter(page__number=number, continued_from_page=page.number)",
             "articles.filter(page__number=number)",
             [T + "test_reimport", T + "test_continuations"],
             'the "continued from this page" filter dropped', "continuation"),
    # --- parser: continuation markers -------------------------------------
    Mutation("short-markers-unread", "articles/pagedump/furniture.py",
             "(?P<dir>上接|下转|接|转)", "(?P<dir>上接|下转)",
             [T + "test_continuations"],
             "short 接/转 markers no longer read", "parser"),
    Mutation("chinese-page-numerals-unread", "articles/pagedump/furniture.py",
             '_NUM = "[0-9０-９一二三四五六七八九十〇零两]+"', '_NUM = "[0-9０-９]+"',
             [T + "test_continuations"],
             "Chinese page numerals (二版) no longer read", "parser"),
    # --- withdrawal -------------------------------------------------------
    Mutation("withdrawn-credited-on-people-pages", "articles/views/people.py",
             "return (Item.objects.published().with_page()\n            .filter(pk__in=Credit.objects",
             "return (Item.objects.with_page()\n            .filter(pk__in=Credit.objects",
             [T + "test_withdrawn", T + "test_views_sections_people"],
             "withdrawn items listed on reporters' pages", "withdrawal"),
    Mutation("withdrawn-named-on-people-pages", "articles/views/people.py",
             "VISIBLE = dict(item__status=Item.PUBLISHED, item__kind__in=[Item.ARTICLE, Item.PHOTO])",
             "VISIBLE = dict(item__kind__in=[Item.ARTICLE, Item.PHOTO])",
             [T + "test_withdrawn", T + "test_views_sections_people"],
             "withdrawn items listed (and counted) on the pages of people named in them", "withdrawal"),
    Mutation("withdrawn-counted-in-people-index", "articles/views/people.py",
             'visible_credits = Q(credits__item__status=Item.PUBLISHED)', 'visible_credits = Q()',
             [T + "test_withdrawn", T + "test_views_sections_people"],
             "withdrawn items counted in the people index", "withdrawal"),
    Mutation("withdrawn-item-served", "articles/views/items.py",
             "    if not item.is_visible:\n        raise Http404", "    if False:\n        raise Http404",
             [T + "test_withdrawn", T + "test_view_item"],
             "a withdrawn item's page answers 200", "withdrawal"),
    Mutation("withdrawn-dump-public", "articles/views/archive.py",
             'if private and not request.user.has_perm("articles.view_page"):',
             'if private and not request.user.is_authenticated:',
             [T + "test_withdrawn"],
             "a withdrawn item's page dump served to any logged-in reader", "withdrawal"),
    Mutation("withdrawn-item-indexed", "articles/search_indexes.py",
             "return obj.status == Item.PUBLISHED and obj.kind in (Item.ARTICLE, Item.PHOTO)",
             "return obj.kind in (Item.ARTICLE, Item.PHOTO)",
             [T + "test_withdrawn", T + "test_view_search"],
             "withdrawn items stay searchable", "withdrawal"),
    # --- escaping ---------------------------------------------------------
    Mutation("escape-snippet", "articles/search/snippets.py",
             'f"<mark>{escape(t)}</mark>" if m else escape(t)', 'f"<mark>{t}</mark>" if m else t',
             # Not test_snippets: the unit test caught this alone; the API
             # and the search page must catch it too.
             [T + "test_view_search", T + "test_api"],
             "escape() removed from search snippets", "escaping"),
    Mutation("escape-traditional-text", "articles/templatetags/reading.py",
             "        return to_traditional(str(text))",
             '        return __import__("django.utils.safestring").utils.safestring.mark_safe(\n'
             '            to_traditional(str(text)))',
             [T + "test_view_item"],
             "an item read in traditional characters (?zh=hant) not escaped", "escaping"),
    Mutation("escape-headline", "templates/articles/item.html",
             "{{ item.headline|default:head.headline|zh:script }}",
             "{{ item.headline|default:head.headline|zh:script|safe }}",
             [T + "test_view_item"],
             "an item's headline not escaped on its page", "escaping"),
    Mutation("escape-search-query", "templates/articles/search.html",
             'name="q" value="{{ form.q }}"', 'name="q" value="{{ form.q|safe }}"',
             [T + "test_view_search"],
             "the reader's query echoed unescaped in the search box", "escaping"),
    # --- search -----------------------------------------------------------
    Mutation("search-date-to-excludes-the-day", "articles/search/backend.py",
             '"lte": "<=",', '"lte": "<",',
             [T + "test_view_search"],
             'a search "to" date leaves out that day', "search"),
    Mutation("search-person-ignores-mentions", "articles/search/backend.py",
             'tables = ["articles_credit"] if field == "reporter" else ["articles_credit", "articles_mention"]',
             'tables = ["articles_credit"]',
             [T + "test_view_search", T + "test_search_form"],
             "the search's person filter finds only what they wrote, not where they are named", "search"),
    Mutation("search-oldest-first-ignored", "articles/search/backend.py",
             'direction = "ASC" if order == "oldest" else "DESC"', 'direction = "DESC"',
             [T + "test_view_search"],
             "oldest-first search results sorted newest first", "search"),
    Mutation("search-newest-first-reversed", "articles/search/backend.py",
             'direction = "ASC" if order == "oldest" else "DESC"', 'direction = "ASC"',
             [T + "test_view_search"],
             "newest-first search results sorted oldest first", "search"),
    # --- the parser ---------------------------------------------------------
    Mutation("parser-title-order-from-a-set", "articles/pagedump/people.py",
             'TITLE_WORDS = sorted(set("""', 'TITLE_WORDS = (lambda words, **_: list(words))(set("""',
             [T + "test_parser_properties"],
             "the parser reads titles in a set's order (主任 or 主任医师 by the hash seed)", "parser"),
    Mutation("heading-sides-decided-backwards", "articles/pagedump/items.py",
             "p = sum(sides.get(i, 0.5) for i in members) / len(members)",
             "p = 1 - sum(sides.get(i, 0.5) for i in members) / len(members)",
             [T + "test_parser_quirks"],
             "the page-wide decision of headings' sides reads the model's P(after) backwards", "parser"),
    Mutation("heading-side-flipped", "articles/pagedump/items.py",
             'return "prev" if weight["prev"] > weight["next"] else "next"',
             'return "prev" if weight["prev"] < weight["next"] else "next"',
             [T + "test_parser_quirks"],
             "a heading's side weighed the wrong way (the heading-weight sign flipped)", "parser"),
]


def copy_tree(source, destination, from_worktree, overlay=()):
    """The repository at `source` (HEAD, or the working tree's tracked and
    untracked files) under `destination`, then the files `overlay` as they
    are in the working tree."""
    destination.mkdir(parents=True)
    if from_worktree:
        names = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                               cwd=ROOT, check=True, capture_output=True).stdout.split(b"\0")
        for name in filter(None, names):
            src = ROOT / os.fsdecode(name)
            if src.is_file() and "__pycache__" not in src.parts:
                dst = destination / os.fsdecode(name)
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, dst)
    else:
        archive = subprocess.run(["git", "archive", "--format=tar", source], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(destination)], input=archive, check=True)
    for name in overlay:
        dst = destination / name
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dst)


def check_applicable(tree, mutations):
    """Refuse a mutation whose original is not in its file exactly once, or
    whose test modules are not there (a missing module is an error, which
    would look like a catch)."""
    problems = []
    for m in mutations:
        for module in m.tests:
            if not (tree / (module.replace(".", "/") + ".py")).is_file():
                problems.append(f"{m.name}: no test module {module}")
        text = (tree / m.path).read_text(encoding="utf-8")
        n = text.count(m.original)
        if n != 1:
            problems.append(f"{m.name}: the original snippet occurs {n} times in {m.path}")
    return problems


def fresh_test_database(url):
    """Drop test_<name>: the first run makes it afresh, later runs keep it."""
    parsed = urlparse(url)
    import psycopg
    with psycopg.connect(urlunparse(parsed._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "test_{parsed.path.lstrip("/")}" WITH (FORCE)')


_FAILED = re.compile(r"^(FAIL|ERROR): (\S+) \(([^)]+)\)", re.M)


def run_tests(tree, modules, env, timeout):
    """(passed, first failure, seconds) for `modules` run in `tree`."""
    start = time.monotonic()
    cmd = [sys.executable, "manage.py", "test", "--no-input", "--parallel", "1", "--keepdb", "--failfast",
           *modules]
    try:
        done = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, f"timed out after {timeout} s", time.monotonic() - start
    output = done.stdout + done.stderr
    failure = _FAILED.search(output)
    first = f"{failure.group(1)} {failure.group(3).rsplit('.', 1)[0].split('.')[-1]}.{failure.group(2)}" \
        if failure else (output.strip().splitlines() or [""])[-1][:100]
    return done.returncode == 0, first, time.monotonic() - start


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def apply_and_test(tree, m, env, timeout):
    path = tree / m.path
    original_bytes = path.read_bytes()
    text = original_bytes.decode("utf-8")
    if text.count(m.original) != 1:
        raise SystemExit(f"{m.name}: the original snippet is no longer in {m.path} exactly once")
    try:
        path.write_bytes(text.replace(m.original, m.mutated, 1).encode("utf-8"))
        return run_tests(tree, m.tests, env, timeout)
    finally:
        path.write_bytes(original_bytes)
        assert path.read_bytes() == original_bytes, f"{m.path} was not restored"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", default=[], help="run only this mutation (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the mutations and exit")
    parser.add_argument("--check", action="store_true",
                        help="only check that every mutation still applies to the copy (no tests run)")
    parser.add_argument("--source", default="HEAD", help="the commit to copy (default HEAD)")
    parser.add_argument("--from-worktree", action="store_true",
                        help="copy the working tree (tracked and untracked files) instead of a commit")
    parser.add_argument("--with", dest="overlay", action="append", default=[], metavar="PATH",
                        help="take this file from the working tree (say, a test not yet committed)")
    parser.add_argument("--tree", type=Path, help="where to make the copy (default: a temporary folder, removed after)")
    parser.add_argument("--tests", action="append", default=[], metavar="MODULE",
                        help="run these test modules for every mutation instead of each one's own (repeatable)")
    parser.add_argument("--skip-baseline", action="store_true", help="do not first check the tests pass unmutated")
    parser.add_argument("--timeout", type=int, default=900, help="seconds a mutation's tests may take")
    args = parser.parse_args()

    mutations = [m for m in MUTATIONS if not args.only or m.name in args.only]
    if args.tests:
        mutations = [replace(m, tests=args.tests) for m in mutations]
    unknown = set(args.only) - {m.name for m in MUTATIONS}
    if unknown:
        raise SystemExit(f"no such mutation: {', '.join(sorted(unknown))}")
    if args.list:
        for m in mutations:
            print(f"{m.name:38} {m.kind:13} {m.path:38} {m.what}")
        return 0

    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE
    if not url.startswith("postgres"):
        raise SystemExit("DATABASE_URL must name a PostgreSQL database")
    if args.tree is not None and args.tree.exists():
        raise SystemExit(f"{args.tree} exists: give a folder that does not")
    workdir = Path(tempfile.mkdtemp(prefix="mutations-"))
    tree = args.tree or workdir / "repo"
    try:
        copy_tree(args.source, tree, args.from_worktree, args.overlay)
        problems = check_applicable(tree, mutations)
        if problems:
            raise SystemExit("refusing to start:\n  " + "\n  ".join(problems))
        if args.check:
            print(f"all {len(mutations)} mutations apply")
            return 0
        digests = {m.path: digest(tree / m.path) for m in mutations}
        output = workdir / "test-output"
        output.mkdir()
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
               "TEST_OUTPUT_DIR": str(output), "PYTHONDONTWRITEBYTECODE": "1",
               "ARCHIVE_SHARED_DIR": os.environ.get("ARCHIVE_SHARED_DIR", str(ROOT.parent / "shared"))}
        env.pop("CI", None)
        fresh_test_database(url)
        source = "the working tree" if args.from_worktree else args.source
        print(f"{len(mutations)} mutations on a copy of {source} at {tree}; database {urlparse(url).path[1:]}",
              flush=True)
        if not args.skip_baseline:
            modules = sorted({t for m in mutations for t in m.tests})
            passed, first, seconds = run_tests(tree, modules, env, args.timeout * 3)
            print(f"baseline ({len(modules)} modules, unmutated): {'pass' if passed else 'FAIL'} in {seconds:.0f} s",
                  flush=True)
            if not passed:
                raise SystemExit(f"the tests fail without a mutation ({first}): every mutation would look caught")
        rows = []
        for m in mutations:
            passed, first, seconds = apply_and_test(tree, m, env, args.timeout)
            caught = not passed
            rows.append((m, caught, first if caught else "", seconds))
            print(f"  {'caught' if caught else 'MISSED':7} {m.name:38} {seconds:5.0f} s  {first if caught else ''}",
                  flush=True)
        for path, before in digests.items():
            assert digest(tree / path) == before, f"{path} differs from the copy made"
    finally:
        # (A copy made at --tree is left there.)
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print("| mutation | file | what it breaks | caught by | result |")
    print("|---|---|---|---|---|")
    for m, caught, first, seconds in rows:
        print(f"| `{m.name}` | `{m.path}` | {m.what} | {first or ', '.join(t.rsplit('.', 1)[-1] for t in m.tests)} "
              f"| {'caught' if caught else '**missed**'} |")
    missed = sum(1 for _m, caught, _f, _s in rows if not caught)
    print(f"\n{len(rows) - missed} of {len(rows)} caught, {missed} missed")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
