#!/usr/bin/env python
"""Peak memory (max RSS) of importing one large dump, by dump size.

Builds dumps of many short generated articles (about 2 KB each: a
letter-spaced headline, a 本报讯 lead and a few paragraphs), then imports
each with `manage.py import_pages` in a fresh process, into a scratch
database made (and migrated) afresh for it, and prints the process's peak
resident memory, read from wait4's rusage. The database server's memory is
not counted: the defect measured is the importing process's own.

    .venv/bin/python bench/import_memory.py                        # 0.5, 1, 2, 4 MB into PostgreSQL
    .venv/bin/python bench/import_memory.py --sizes 1 --database sqlite:////tmp/mem.sqlite3
    .venv/bin/python bench/import_memory.py --code /tmp/old-checkout   # measure another checkout's code

Each import runs under an address-space limit (--limit-gb, default 8) so
that a runaway import fails instead of taking the machine's memory.
"""
import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/archive_bench_memory"

def fresh_database(url, code):
    """Drop and make the scratch database, and migrate it with `code`'s
    migrations, in a process of its own (not counted)."""
    parsed = urlparse(url)
    if parsed.scheme.startswith("postgres"):
        import psycopg
        admin = urlunparse(parsed._replace(path="/postgres"))
        name = parsed.path.lstrip("/")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    else:
        for suffix in ("", "-wal", "-shm"):
            Path(parsed.path + suffix).unlink(missing_ok=True)
    subprocess.run([sys.executable, "manage.py", "migrate", "-v", "0"], cwd=code, env=_env(url), check=True)


def _env(url):
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="newsroom.settings.local", DEBUG="false")
    # Whatever limit the checkout under test has, the dumps here must reach the importer.
    env.setdefault("ARCHIVE_MAX_DUMP_BYTES", str(64 * 1024 * 1024))
    return env


def measure(path, url, code, limit_gb):
    """(exit status, peak RSS in MB, seconds, last line of output) of one import."""
    def limit():
        cap = int(limit_gb * 1024 ** 3)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen([sys.executable, "manage.py", "import_pages", str(path), "--no-progress"],
                                cwd=code, env=_env(url), stdout=out, stderr=subprocess.STDOUT, preexec_fn=limit)
        _pid, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        out.seek(0)
        lines = [line for line in out.read().decode("utf-8", "replace").splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("ERROR")]
    # Linux reports ru_maxrss in kilobytes.
    return proc.returncode, usage.ru_maxrss / 1024, elapsed, (errors or lines or [""])[-1]


def main():
    from articles.tests.helpers import many_articles_dump as make_dump
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=float, nargs="+", default=[0.5, 1, 2, 4], help="dump sizes in MB")
    ap.add_argument("--database", default=os.environ.get("DATABASE_URL") or DEFAULT_DATABASE,
                    help=f"scratch database, dropped and made again for every import (default {DEFAULT_DATABASE})")
    ap.add_argument("--code", default=str(ROOT), help="the checkout whose manage.py imports (default: this one)")
    ap.add_argument("--limit-gb", type=float, default=8.0, help="address-space limit of each import")
    args = ap.parse_args()
    if args.database.rstrip("/").endswith("/postgres"):
        sys.exit("--database: give a scratch database, not the server's 'postgres' database")
    tmp = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    print(f"code: {args.code}; database: {args.database.rsplit('@', 1)[-1]}")
    print(f"{'dump':>8} {'articles':>8} {'peak RSS':>10} {'limit':>10} {'time':>8}  result")
    try:
        for mb in args.sizes:
            data, articles = make_dump(int(mb * 1024 * 1024))
            path = tmp / "2021-06-01" / "01.txt"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
            fresh_database(args.database, args.code)
            status, peak, elapsed, last = measure(path, args.database, args.code, args.limit_gb)
            target = 300 + 50 * len(data) / 1024 / 1024
            print(f"{len(data) / 1024 / 1024:6.2f}MB {articles:8d} {peak:8.0f}MB {target:8.0f}MB {elapsed:7.1f}s  "
                  f"exit {status}: {last[:160]}", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
