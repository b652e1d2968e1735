"""SQLite: an FTS5 table of the headlines alone, beside the one over
headline and text. The first relevance tiers ask which headlines hold the
words; a column filter on the big table reads every position of a common
word in every article to answer that (100 ms at 100,000 articles), the
small table a few. Kept in step by the same triggers; filled here from the
entries already indexed. And an index that holds what the facets count."""
from django.db import migrations

TRIGGERS = ["articles_searchentry_ai", "articles_searchentry_ad", "articles_searchentry_au"]

SQLITE = [
    *(f"DROP TRIGGER IF EXISTS {t}" for t in TRIGGERS),
    """CREATE VIRTUAL TABLE articles_searchheadfts USING fts5(
        headline_words, content='articles_searchentry', content_rowid='item_id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER articles_searchentry_ai AFTER INSERT ON articles_searchentry BEGIN
        INSERT INTO articles_searchfts(rowid, headline_words, body_words)
        VALUES (new.item_id, new.headline_words, new.body_words);
        INSERT INTO articles_searchheadfts(rowid, headline_words) VALUES (new.item_id, new.headline_words);
    END""",
    """CREATE TRIGGER articles_searchentry_ad AFTER DELETE ON articles_searchentry BEGIN
        INSERT INTO articles_searchfts(articles_searchfts, rowid, headline_words, body_words)
        VALUES ('delete', old.item_id, old.headline_words, old.body_words);
        INSERT INTO articles_searchheadfts(articles_searchheadfts, rowid, headline_words)
        VALUES ('delete', old.item_id, old.headline_words);
    END""",
    """CREATE TRIGGER articles_searchentry_au AFTER UPDATE ON articles_searchentry BEGIN
        INSERT INTO articles_searchfts(articles_searchfts, rowid, headline_words, body_words)
        VALUES ('delete', old.item_id, old.headline_words, old.body_words);
        INSERT INTO articles_searchfts(rowid, headline_words, body_words)
        VALUES (new.item_id, new.headline_words, new.body_words);
        INSERT INTO articles_searchheadfts(articles_searchheadfts, rowid, headline_words)
        VALUES ('delete', old.item_id, old.headline_words);
        INSERT INTO articles_searchheadfts(rowid, headline_words) VALUES (new.item_id, new.headline_words);
    END""",
    "INSERT INTO articles_searchheadfts(articles_searchheadfts) VALUES ('rebuild')",
    # The facets' grouped count reads every match's year and page from here
    # (with the date, so that a date range is read from it too).
    "CREATE INDEX search_facets_sqlite ON articles_searchentry (year, page_section_id, date, item_id)",
]

SQLITE_REVERSE = [
    "DROP INDEX IF EXISTS search_facets_sqlite",
    *(f"DROP TRIGGER IF EXISTS {t}" for t in TRIGGERS),
    "DROP TABLE IF EXISTS articles_searchheadfts",
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


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)
    return run


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_item_updated_index")]

    operations = [migrations.RunPython(_run(SQLITE), _run(SQLITE_REVERSE))]
