"""PostgreSQL: the search indexes' pending lists may grow to 64 MB, merged
by the importer itself between pages (articles/search/schema.py); before,
the insert that passed the default 4 MB merged it inside a page's
transaction. Nothing on SQLite."""
from django.db import migrations

from articles.search.schema import PENDING_LIST_KB, POSTGRES_GIN


def _alter_indexes(schema_editor, clause):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for name in POSTGRES_GIN:
            cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [name])
            if cursor.fetchone()[0]:
                cursor.execute(f"ALTER INDEX {name} {clause}")


def set_limit(apps, schema_editor):
    _alter_indexes(schema_editor, f"SET (gin_pending_list_limit = {int(PENDING_LIST_KB)})")


def reset_limit(apps, schema_editor):
    _alter_indexes(schema_editor, "RESET (gin_pending_list_limit)")


class Migration(migrations.Migration):
    dependencies = [("articles", "0013_item_visible_page")]
    operations = [migrations.RunPython(set_limit, reset_limit)]
