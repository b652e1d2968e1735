"""Backing up and restoring the whole archive, with each engine's own tool:

- PostgreSQL: `pg_dump --format=custom` and `pg_restore` (the client
  programs must be installed, of the server's major version or newer);
- SQLite: its online backup API (Python's sqlite3 `Connection.backup`),
  safe while the archive is being read and written.

A backup is written under a temporary name and renamed when complete, so a
file with the backup's name is always a whole backup. After a restore the
schema is migrated (a backup may be older than the code) and the search
index rebuilt: it is derived data, and one written by another version or
engine may not answer this one's searches."""
import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, in one line."""


def engine():
    return connection.vendor


def backup(path):
    """Write a backup of the configured database to `path` (which must not
    exist). Returns the backup's size in bytes."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} exists already; give a new file name (a backup never overwrites one)")
    if not path.parent.is_dir():
        raise BackupError(f"{path.parent} is not a folder")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(fd)
    try:
        if engine() == "postgresql":
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={tmp}",
                  *_pg_connection_args()])
        elif engine() == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(tmp)
            try:
                with target:
                    connection.connection.backup(target)
            finally:
                target.close()
            _check_sqlite_file(tmp)
        else:
            raise BackupError(f"no backup for the {engine()} engine")
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path.stat().st_size


def restore(path):
    """Replace the configured database's contents with the backup at `path`
    (checked first: a file that is not a backup of this engine changes
    nothing)."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path}: no such file")
    if engine() == "postgresql":
        # Read its table of contents first: a file pg_restore cannot read is
        # refused before anything is dropped.
        _run(["pg_restore", "--list", str(path)], what=f"{path} is not a pg_dump archive (-Fc)")
        connection.close()
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              f"--dbname={_pg_dbname()}", *_pg_connection_args(with_dbname=False), str(path)])
    elif engine() == "sqlite":
        _check_sqlite_file(path)
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
    else:
        raise BackupError(f"no restore for the {engine()} engine")


def _check_sqlite_file(path):
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = db.execute("PRAGMA quick_check").fetchone()[0]
            tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            db.close()
    except sqlite3.DatabaseError as e:
        raise BackupError(f"{path} is not an SQLite database ({e})")
    if ok != "ok":
        raise BackupError(f"{path} is damaged: {ok}")
    if not {"django_migrations", "articles_item", "articles_page"} <= tables:
        raise BackupError(f"{path} is an SQLite database, but not of this archive")


def _pg_dbname():
    return connection.settings_dict["NAME"]


def _pg_connection_args(with_dbname=True):
    s = connection.settings_dict
    args = []
    if s.get("HOST"):
        args.append(f"--host={s['HOST']}")
    if s.get("PORT"):
        args.append(f"--port={s['PORT']}")
    if s.get("USER"):
        args.append(f"--username={s['USER']}")
    if with_dbname:
        args.append(f"--dbname={s['NAME']}")
    return args + ["--no-password"]


def _run(command, what=None):
    program = command[0]
    if shutil.which(program) is None:
        raise BackupError(f"{program} is not installed (Debian: apt install postgresql-client)")
    env = dict(os.environ)
    password = connection.settings_dict.get("PASSWORD")
    if password:
        env["PGPASSWORD"] = password   # not on the command line, where ps would show it
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        detail = (result.stderr.strip().splitlines() or [f"exit status {result.returncode}"])[-1]
        raise BackupError(what or f"{program} failed: {detail}")
    return result
