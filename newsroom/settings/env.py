"""Reading settings from the environment, strictly: a malformed value is an
error at start-up, not a silent default."""
import datetime
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name, default=None):
    value = os.environ.get(name)
    return default if value is None else value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    v = value.strip().lower()
    if v in _TRUE:
        return True
    if v in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name, default, minimum=None):
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        number = int(value.strip().replace("_", ""))
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}")
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {number}")
    return number


def env_date(name, default):
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return datetime.date.fromisoformat(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a date (YYYY-MM-DD), not {value!r}")


def env_list(name, default):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [v.strip() for v in value.split(",") if v.strip()]


def database_from_env(base_dir):
    """DATABASE_URL (postgres://… through psycopg 3, or sqlite:///path);
    unset, an SQLite file in var/: the embedded default."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        path = base_dir / "var" / "archive.sqlite3"
        path.parent.mkdir(exist_ok=True)
        url = f"sqlite:///{path}"
    config = dj_database_url.parse(url, conn_max_age=int(env_str("CONN_MAX_AGE", "0")))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Several importers and the web process share the file: wait for
        # locks instead of failing at once, and let readers run beside a writer.
        config.setdefault("OPTIONS", {}).update({
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        })
    return config


def replicas_from_env(primary):
    """DATABASE_REPLICA_URLS: comma-separated postgres:// URLs of streaming
    replicas of the primary, as databases "replica1", "replica2", … (for
    tests, mirrors of the primary: its test database is theirs)."""
    replicas = {}
    for n, url in enumerate(env_list("DATABASE_REPLICA_URLS", []), 1):
        config = dj_database_url.parse(url, conn_max_age=int(env_str("CONN_MAX_AGE", "0")))
        if config["ENGINE"] != "django.db.backends.postgresql":
            raise ImproperlyConfigured(f"DATABASE_REPLICA_URLS: {url.split(':')[0]}: is not PostgreSQL; replicas are "
                                       "PostgreSQL streaming replicas")
        if primary["ENGINE"] != config["ENGINE"]:
            raise ImproperlyConfigured("DATABASE_REPLICA_URLS needs a PostgreSQL DATABASE_URL: replicas are "
                                       "PostgreSQL streaming replicas of the primary")
        # A replica or primary that is down must be noticed in seconds.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
        config["TEST"] = {"MIRROR": "default"}
        replicas[f"replica{n}"] = config
    if replicas:
        primary.setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    return replicas
