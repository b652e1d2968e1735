"""The full-text part of the search index, which differs by database:

- PostgreSQL: a generated tsvector column over the segmented words (headline
  weight A, body B) and a GIN index on it.
- SQLite: an FTS5 table over the same words (external content: the words are
  stored once, in articles_searchentry), kept in step by triggers.

Either way the index is written by the same statements, in the same
transaction, as the entry."""
from django.db import migrations

POSTGRES = [
    """ALTER TABLE articles_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(headline_words, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(body_words, '')), 'B')) STORED""",
    "CREATE INDEX articles_searchentry_document ON articles_searchentry USING GIN (document)",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS articles_searchentry_document",
    "ALTER TABLE articles_searchentry DROP COLUMN IF EXISTS document",
]
SQLITE = [
    """CREATE VIRTUAL TABLE articles_searchfts USING fts5(
        headline_words, body_words, content='articles_searchentry', content_rowid='item_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER articles_searchentry_ai AFTER INSERT ON articles_searchentry BEGIN
        INSERT INTO articles_searchfts(rowid, headline_words, body_words)
        VALUES (new.item_id, new.headline_words, new.body_words);
    END""",
    """CREATE TRIGGER articles_searchentry_ad AFTER DELETE ON articles_searchentry BEGIN
        INSERT INTO articles_searchfts(articles_searchfts, rowid, headline_words, body_words)
        VALUES ('delete', old.item_id, old.headline_words, old.body_words);
    END""",
    """CREATE TRIGGER articles_searchentry_au AFTER UPDATE ON articles_searchentry BEGIN
        INSERT INTO articles_searchfts(articles_searchfts, rowid, headline_words, body_words)
        VALUES ('delete', old.item_id, old.headline_words, old.body_words);
        INSERT INTO articles_searchfts(rowid, headline_words, body_words)
        VALUES (new.item_id, new.headline_words, new.body_words);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS articles_searchentry_au",
    "DROP TRIGGER IF EXISTS articles_searchentry_ad",
    "DROP TRIGGER IF EXISTS articles_searchentry_ai",
    "DROP TABLE IF EXISTS articles_searchfts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor)
        if statements is None:
            raise RuntimeError(f"full-text search is not supported on {schema_editor.connection.vendor}")
        for sql in statements:
            schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
