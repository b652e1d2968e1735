"""Read replicas: PostgreSQL streaming standbys (DATABASE_REPLICA_URLS)
answer readers' requests; everything else goes to the primary.

A reader's request is a GET or HEAD outside the admin from someone not
signed in (articles.cache.anonymous): the middleware picks a healthy
replica for it and the router sends its reads there, the search's too
(articles/search/backend.py asks the router). Writes, anything read inside
a transaction, the admin, imports and other commands, and a signed-in
user's requests use the primary.

A replica is healthy when it answers and has replayed what it received, or
its last replayed transaction is at most DATABASE_REPLICA_MAX_LAG seconds
old; each process checks each replica at most once every
DATABASE_REPLICA_CHECK_SECONDS and skips one that is down or behind. When the
primary does not answer, every GET outside the admin is read from a replica
(the archive stays readable) and the admin answers 503: the archive is
read-only until the primary is back."""
import contextvars
import logging
import random
import time

from django.conf import settings
from django.db import DatabaseError, connections
from django.shortcuts import render

from .cache import anonymous

log = logging.getLogger(__name__)

DEFAULT = "default"
_reading = contextvars.ContextVar("archive_reading_database", default=None)
_checked = {}   # alias -> (monotonic time of the check, healthy)

REPLICA_STATE_SQL = """
    SELECT CASE WHEN NOT pg_is_in_recovery() OR pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"""


def replicas():
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


def _cached(alias, check):
    now = time.monotonic()
    found = _checked.get(alias)
    if found and now - found[0] < settings.DATABASE_REPLICA_CHECK_SECONDS:
        return found[1]
    healthy = check(alias)
    _checked[alias] = (now, healthy)
    return healthy


def forget_health():
    """Check every database again on its next use (tests)."""
    _checked.clear()


def _replica_is_current(alias):
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute(REPLICA_STATE_SQL)
            lag = float(cursor.fetchone()[0])
    except DatabaseError as e:
        log.warning("replica %s skipped: it does not answer (%s)", alias, str(e).strip())
        connection.close()
        return False
    if lag > settings.DATABASE_REPLICA_MAX_LAG:
        log.warning("replica %s skipped: %.1f s behind the primary", alias, lag)
        return False
    return True


def _primary_answers(alias):
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as e:
        log.error("the primary database does not answer (%s): the archive is read-only", str(e).strip())
        if not connection.in_atomic_block:
            connection.close()
        return False
    return True


def primary_available():
    return _cached(DEFAULT, _primary_answers)


def healthy_replica():
    """A replica that answers and is not too far behind, or None."""
    candidates = replicas()
    random.shuffle(candidates)
    for alias in candidates:
        if _cached(alias, _replica_is_current):
            return alias
    return None


def read_only(request):
    response = render(request, "articles/read_only.html", status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


class ReplicaMiddleware:
    """Early in the chain (before sessions): chooses the database a request
    reads from."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replicas():
            return self.get_response(request)
        if request.path.startswith("/admin/"):
            return self.get_response(request) if primary_available() else read_only(request)
        alias = None
        if request.method in ("GET", "HEAD") and (anonymous(request) or not primary_available()):
            alias = healthy_replica()
        if alias is None:
            return self.get_response(request)
        request.archive_database = alias
        token = _reading.set(alias)
        try:
            return self.get_response(request)
        finally:
            _reading.reset(token)


class ReplicaRouter:
    """Reads of a reader's request from its replica; all else the primary."""

    def db_for_read(self, model, **hints):
        alias = _reading.get()
        if alias and not connections[DEFAULT].in_atomic_block:
            return alias
        return DEFAULT

    def db_for_write(self, model, **hints):
        return DEFAULT

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT
