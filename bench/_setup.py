"""Shared by the database benchmarks: a fresh database of their own, Django
set up on it."""
import os
import sys
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/archive_bench"


def fresh_database(url=None, keep=False):
    """Point Django at a new, empty database (dropped and made again unless
    `keep`: then the one there), migrate it, and return its URL."""
    url = url or os.environ.get("DATABASE_URL") or DEFAULT_POSTGRES
    parsed = urlparse(url)
    if parsed.scheme.startswith("postgres") and not keep:
        import psycopg
        admin = urlunparse(parsed._replace(path="/postgres"))
        name = parsed.path.lstrip("/")
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    elif parsed.scheme == "sqlite" and not keep:
        path = Path(parsed.path)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings.local")
    os.environ["DEBUG"] = "false"  # no query log piling up in memory
    import django
    django.setup()
    # (A kept archive too: it may be older than the code.)
    from django.core.management import call_command
    call_command("migrate", verbosity=0)
    return url


def percentile(values, p):
    """The p-th percentile of `values`, interpolated."""
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)
