"""Caching that is never stale: the archive version and whole-response
caching keyed by it.

The archive version is one row, `archive_version(number)`, which the
database itself bumps: every table of the archive's models has a trigger
(installed after every `migrate`, for whatever tables the app has then) that
bumps it after any INSERT, UPDATE, DELETE or TRUNCATE, in the same
transaction as the change. So imports, admin edits, merges, withdrawals,
page proofing, bulk_create, queryset.update() and raw SQL all bump it
without any of them having to remember to, and a reader never sees a
version before the change it stands for is committed. Left out: the import
log (ImportRun, ImportFile: the admin's, and written every few seconds
during an import) and the search index (SearchEntry: it is written in the
same transaction as the item it indexes, and the index commands, which
rebuild it alone in parallel batches, bump once when they end).

The number is never reused, even after a backup is restored: a bump sets
it to the larger of number + 1 and the clock in microseconds, and every
`migrate` (which a restore and a deployment run) bumps it.

A reader's GET is answered from Django's cache (CACHES: local memory, or
Redis with REDIS_URL) under a key made of the version it read first, the
code and settings it was made with, today's date (历史上的今天 changes
at midnight), the host, the URL and the cookies in ARCHIVE_CACHE_COOKIES.
What was rendered after reading version N is at least as new as N, so a
key never holds an answer older than its version. Only anonymous requests
(no session cookie, no Authorization header) are served from the cache or
stored in it, only 200 answers marked public and at most
ARCHIVE_CACHE_MAX_BYTES long, and never what a view made private or
answered after looking at the session."""
import hashlib
import logging
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as default_cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.db import DatabaseError, connections
from django.utils import timezone
from django.utils.cache import cc_delim_re

log = logging.getLogger(__name__)

TABLE = "archive_version"
TRIGGER = "archive_version_bump"
# Not what readers see (see the module's docstring).
UNVERSIONED_MODELS = {"importrun", "importfile", "searchentry"}

_PG_NOW_US = "(extract(epoch FROM clock_timestamp()) * 1000000)::bigint"
_SQLITE_NOW_US = "CAST((julianday('now') - 2440587.5) * 86400000000 AS INTEGER)"

_PG_BUMP = (f"INSERT INTO {TABLE} AS v (id, number) VALUES (1, {_PG_NOW_US}) "
            f"ON CONFLICT (id) DO UPDATE SET number = GREATEST(v.number + 1, EXCLUDED.number)")
_SQLITE_BUMP = (f"INSERT INTO {TABLE} (id, number) VALUES (1, {_SQLITE_NOW_US}) "
                f"ON CONFLICT (id) DO UPDATE SET number = max(number + 1, excluded.number)")


# ------------------------------------------------------------ the version ---

def versioned_tables():
    """The tables whose changes readers see: every table of the archive's
    models (their many-to-many tables too) but the import log and the
    search index."""
    config = apps.get_app_config("articles")
    return sorted({m._meta.db_table for m in config.get_models(include_auto_created=True)
                   if m._meta.model_name not in UNVERSIONED_MODELS and m._meta.managed and not m._meta.proxy})


def install(using="default"):
    """Create the version row and the triggers (idempotent), then bump: run
    after every migrate."""
    connection = connections[using]
    existing = set(connection.introspection.table_names())
    tables = [t for t in versioned_tables() if t in existing]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} "
                           f"(id smallint PRIMARY KEY CHECK (id = 1), number bigint NOT NULL)")
            cursor.execute(f"CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$ "
                           f"BEGIN {_PG_BUMP}; RETURN NULL; END $$")
            for table in tables:
                cursor.execute(f'CREATE OR REPLACE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE '
                               f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()')
        elif connection.vendor == "sqlite":
            # SQLite's triggers are per row; it has one writer at a time anyway.
            cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} "
                           f"(id integer PRIMARY KEY CHECK (id = 1), number integer NOT NULL)")
            for table in tables:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(f'CREATE TRIGGER IF NOT EXISTS "{TRIGGER}_{event.lower()}_{table}" '
                                   f'AFTER {event} ON "{table}" BEGIN {_SQLITE_BUMP}; END')
        else:
            return
    bump(using)


def bump(using=None):
    """Bump the archive version, in the caller's transaction. The triggers
    do it for every change to the archive's tables; call this for a change
    readers see that is not one (the index commands do)."""
    connection = connections[using or "default"]
    with connection.cursor() as cursor:
        cursor.execute(_PG_BUMP if connection.vendor == "postgresql" else _SQLITE_BUMP)


def current(using="default"):
    """The archive version on that database (one indexed query), or None
    when it has none (migrate not run since this code came)."""
    connection = connections[using]
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT number FROM {TABLE} WHERE id = 1")
            row = cursor.fetchone()
    except DatabaseError:
        if connection.in_atomic_block:
            raise
        log.warning("no archive version on %s (run migrate): answers are not cached", using)
        return None
    return row[0] if row else None


def install_after_migrate(sender, using="default", **kwargs):
    install(using)


# ----------------------------------------------------- what made the page ---

_fingerprint = None
FINGERPRINT_SETTINGS = ("NEWSPAPER_NAME", "NEWSPAPER_SHORT", "LANGUAGE_CODE", "TIME_ZONE", "STATIC_URL",
                        "PUBLIC_MAX_AGE", "DEBUG")


def fingerprint():
    """What the answers were made with besides the data: the code, the
    templates, the translations, the static files' names and a few
    settings, by content (the same on every node of a deployment). A new
    release never reads what the one before cached."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha1()
        base = Path(settings.BASE_DIR)
        for folder, patterns in (("templates", ("*.html", "*.txt", "*.xml")), ("articles", ("*.py",)),
                                 ("newsroom", ("*.py",)), ("locale", ("*.mo",))):
            for pattern in patterns:
                for path in sorted((base / folder).rglob(pattern)):
                    if "tests" in path.parts or "training" in path.parts:
                        continue
                    digest.update(str(path.relative_to(base)).encode())
                    digest.update(path.read_bytes())
        manifest = getattr(settings, "STATIC_MANIFEST_ROOT", None)
        for path in sorted(Path(manifest).glob("*.json")) if manifest and Path(manifest).is_dir() else []:
            digest.update(path.read_bytes())
        digest.update(repr([getattr(settings, name, None) for name in FINGERPRINT_SETTINGS]).encode())
        _fingerprint = digest.hexdigest()[:12]
    return _fingerprint


def _settings_changed(**kwargs):
    # Tests change settings on the fly; a server only on a restart.
    global _fingerprint
    _fingerprint = None
    if kwargs.get("setting") == "CACHES":
        return
    try:
        response_cache().clear()
    except Exception:  # a cache that cannot be reached keeps nothing anyway
        pass


setting_changed.connect(_settings_changed)


# ------------------------------------------------------ caching responses ---

def response_cache():
    return default_cache


def anonymous(request):
    """No session cookie and no credentials: nobody signed in, so the answer
    is everyone's. (An editor is signed in: always the live archive.)"""
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META


def cacheable_request(request):
    return (settings.ARCHIVE_CACHE_SECONDS > 0 and request.method in ("GET", "HEAD") and anonymous(request)
            and not request.path.startswith(("/admin/", "/healthz")))


def cacheable_response(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if len(response.content) > settings.ARCHIVE_CACHE_MAX_BYTES:
        return False   # a page's dump of megabytes would crowd out thousands of pages
    directives = {d.strip().split("=")[0].lower() for d in cc_delim_re.split(response.get("Cache-Control", ""))}
    if "public" not in directives or directives & {"private", "no-store", "no-cache"}:
        return False
    session = getattr(request, "session", None)
    return not (session is not None and session.accessed) and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")


def cache_key(request, version):
    cookies = [(name, request.COOKIES.get(name, "")) for name in settings.ARCHIVE_CACHE_COOKIES]
    what = repr((request.scheme, request.get_host(), request.get_full_path(), cookies))
    return (f"answer:{version}:{fingerprint()}:{timezone.localdate().isoformat()}:"
            f"{hashlib.sha1(what.encode()).hexdigest()}")


class ResponseCacheMiddleware:
    """The last middleware: answers a reader's GET from the cache, or stores
    the view's answer there. The middleware above it (ETag and 304s,
    security headers, CSP) run on every answer, cached or not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not cacheable_request(request):
            return self.get_response(request)
        version = current(reading_database(request))
        if version is None:
            return self.get_response(request)
        key = cache_key(request, version)
        store = response_cache()
        response = store.get(key)
        if response is not None:
            response["X-Archive-Cache"] = "hit"
            return response
        response = self.get_response(request)
        # A conditional GET answered 304 is not the page: only whole answers.
        if request.method == "GET" and cacheable_response(request, response):
            store.set(key, response, settings.ARCHIVE_CACHE_SECONDS)
            response["X-Archive-Cache"] = "miss"
        return response
        response = self.get_response(request)
        # A conditional GET answered 304 is not the page: only whole answers.
        if request.method == "GET" and cacheable_response(request, response):
            try:
                store.set(key, response, settings.ARCHIVE_CACHE_SECONDS)
            except Exception as e:
                log.warning("the cache does not answer (%s): the answer is not kept", e)
            else:
                response["X-Archive-Cache"] = "miss"
        return response


def reading_database(request):
    """The database a reader's request reads from."""
    return getattr(request, "archive_database", None) or "default"


# ------------------------------------------------------- Redis, if it fails ---

class TolerantRedisCache(RedisCache):
    """Django's Redis backend, except that a Redis that does not answer is a
    cache that keeps nothing (a warning in the log), not an error on every
    page: the archive answers from the database meanwhile. (Set with
    socket timeouts, settings.CACHES, so that a lost server is noticed in a
    second.)"""

    def _tolerate(self, operation, fallback, *args, **kwargs):
        from redis.exceptions import ConnectionError, TimeoutError
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except (ConnectionError, TimeoutError) as e:
            log.warning("the cache (Redis) does not answer: %s", e)
            return fallback

    def get(self, key, default=None, version=None):
        return self._tolerate("get", default, key, default, version)

    def get_many(self, keys, version=None):
        return self._tolerate("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._tolerate("has_key", False, key, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerate("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerate("set", None, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerate("set_many", list(data), data, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._tolerate("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._tolerate("delete", False, key, version)

    def delete_many(self, keys, version=None):
        return self._tolerate("delete_many", None, keys, version)
