"""The full-text indexes that live outside Django's models, by engine: what
a bulk (re)build drops first and makes again after (building a GIN index
once over all the rows is several times faster than growing it row by row)."""
from django.db import connection

# New entries wait in each GIN index's pending list until it passes
# gin_pending_list_limit, and the insert that passes it merges the list into
# the index. At 1,000,000 articles that merge made the import a third slower
# (13 pages/s against 18 into an empty archive). The list may now grow to
# 64 MB, and the importer merges it after each PENDING_PAGES pages and at
# the end of a run (clean_pending_lists), outside any page's transaction:
# 16 pages/s. It is never left long: a search reads the whole list, and with
# a few thousand pages' entries in it some searches took seconds (merged
# only at the end of a run, the import reached 20 pages/s).
PENDING_LIST_KB = 65536
PENDING_PAGES = 100
POSTGRES_GIN = {
    "articles_searchentry_document": "CREATE INDEX IF NOT EXISTS articles_searchentry_document "
                                     "ON articles_searchentry USING GIN (document) "
                                     f"WITH (gin_pending_list_limit = {PENDING_LIST_KB})",
    "articles_searchentry_headline_document": "CREATE INDEX IF NOT EXISTS articles_searchentry_headline_document "
                                              "ON articles_searchentry USING GIN (headline_document) "
                                              f"WITH (gin_pending_list_limit = {PENDING_LIST_KB})",
}

SQLITE_FTS = ["articles_searchfts", "articles_searchheadfts"]


def drop_bulk_indexes():
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for name in POSTGRES_GIN:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")


def ensure_bulk_indexes():
    """Make the indexes a bulk build dropped (no-op when they exist)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Inside a caller's transaction, foreign keys checked at commit
            # would block CREATE INDEX ("pending trigger events"): check now.
            if connection.in_atomic_block:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for sql in POSTGRES_GIN.values():
                cursor.execute(sql)
            cursor.execute("RESET maintenance_work_mem")
            cursor.execute("ANALYZE articles_searchentry")
    else:
        with connection.cursor() as cursor:
            for table in SQLITE_FTS:
                cursor.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
        refresh_statistics(force=True)


def clean_pending_lists():
    """PostgreSQL: merge the GIN indexes' pending lists (new entries) into
    the indexes; the number of index pages it cleaned."""
    if connection.vendor != "postgresql":
        return 0
    cleaned = 0
    with connection.cursor() as cursor:
        for name in POSTGRES_GIN:
            cursor.execute("SELECT gin_clean_pending_list(to_regclass(%s)) WHERE to_regclass(%s) IS NOT NULL",
                           [name, name])
            row = cursor.fetchone()
            cleaned += row[0] if row else 0
    return cleaned


def refresh_statistics(force=False):
    """SQLite: gather the planner's statistics for the archive's tables when
    they are missing or the archive has grown by a tenth since. Without
    them it reads a filtered search through the wrong index (0.4 s instead
    of 50 ms). They are read whole: sampled (PRAGMA analysis_limit), they
    told the planner that a (kind, status) index picks out a thousand of
    1,000,000 items, and it read every item through it for an article's
    related articles, a section and 历史上的今天 (seconds each). The whole
    reading takes about 4 s at 1,000,000 articles; the full-text tables
    are left out. PostgreSQL's autovacuum keeps its own."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        if not force and not _statistics_stale(cursor):
            return
        cursor.execute("PRAGMA analysis_limit = 0")
        for table in connection.introspection.table_names(cursor):
            if table.startswith("articles_") and not table.startswith(tuple(SQLITE_FTS)):
                cursor.execute(f'ANALYZE "{table}"')


def _statistics_stale(cursor):
    cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'")
    if not cursor.fetchone()[0]:
        return True
    cursor.execute("SELECT stat FROM sqlite_stat1 WHERE tbl = 'articles_item' LIMIT 1")
    row = cursor.fetchone()
    counted = int(row[0].split()[0]) if row else 0
    cursor.execute("SELECT count(*) FROM articles_item")     # from its smallest index: 50 ms at 1,000,000
    now = cursor.fetchone()[0]
    return now > counted * 1.1 + 100
