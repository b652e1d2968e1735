"""Search at scale.

PostgreSQL: the tsvectors are computed by the search backend's INSERT
instead of being generated from stored word columns, so the words are not
kept twice (only SQLite's FTS table reads them); a vector of the headline
alone answers the first relevance tiers. The rows stay narrow, since
counting a common word's matches visits every matching row: the article's
vector lives out of line (TOAST, LZ4-compressed where the server has LZ4),
the headline's stays in the row (STORAGE MAIN), because the tiers test it
row by row.

Both engines: a date index (large result sets are read newest first), and
the entry no longer keeps the article's text (snippets are cut from the
article itself).

Existing entries are emptied: run `manage.py rebuild_index` after
migrating an existing archive."""
from django.db import migrations, models

POSTGRES = [
    "DELETE FROM articles_searchentry",
    "DROP INDEX IF EXISTS articles_searchentry_document",
    "ALTER TABLE articles_searchentry DROP COLUMN IF EXISTS document",
    "ALTER TABLE articles_searchentry ADD COLUMN document tsvector",
    "ALTER TABLE articles_searchentry ADD COLUMN headline_document tsvector",
    "ALTER TABLE articles_searchentry ALTER COLUMN headline_document SET STORAGE MAIN",
    "ALTER TABLE articles_searchentry SET (toast_tuple_target = 256)",
    "CREATE INDEX articles_searchentry_document ON articles_searchentry USING GIN (document)",
    "CREATE INDEX articles_searchentry_headline_document ON articles_searchentry USING GIN (headline_document)",
]
POSTGRES_LZ4 = "ALTER TABLE articles_searchentry ALTER COLUMN document SET COMPRESSION lz4"
POSTGRES_REVERSE = [
    "DELETE FROM articles_searchentry",
    "ALTER TABLE articles_searchentry RESET (toast_tuple_target)",
    "DROP INDEX IF EXISTS articles_searchentry_headline_document",
    "DROP INDEX IF EXISTS articles_searchentry_document",
    "ALTER TABLE articles_searchentry DROP COLUMN IF EXISTS headline_document",
    "ALTER TABLE articles_searchentry DROP COLUMN IF EXISTS document",
    """ALTER TABLE articles_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(headline_words, '')), 'A') ||
        setweight(to_tsvector('simple', coalesce(body_words, '')), 'B')) STORED""",
    "CREATE INDEX articles_searchentry_document ON articles_searchentry USING GIN (document)",
]


def _has_lz4(schema_editor):
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        row = cursor.fetchone()
    return bool(row and row[0])


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql)
        if _has_lz4(schema_editor):
            schema_editor.execute(POSTGRES_LZ4)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0002_search_engine")]

    operations = [
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="searchentry", name="text"),
        migrations.AddIndex(
            model_name="searchentry",
            index=models.Index(fields=["-date", "page_number", "item"], name="search_date_order"),
        ),
    ]
