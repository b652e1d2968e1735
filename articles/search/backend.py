"""A haystack backend on the database's own full-text engine.

PostgreSQL: `articles_searchentry.document`, a generated tsvector over the
segmented headline (weight A) and body (weight B), GIN-indexed; matched with
tsqueries built by plainto_tsquery (so no word can inject syntax), ranked by
ts_rank_cd. SQLite: the FTS5 table `articles_searchfts` over the same words,
kept in step by triggers, ranked by bm25 with the headline column weighted.

Both: a quoted phrase must occur exactly in the text; an exact occurrence of
the whole query, and a match in the headline, rank first; filters, facets,
ordering, counts and highlighted snippets work the same way.
"""
import datetime

from django.db import connections as db_connections
from django.db import transaction
from haystack.backends import BaseEngine, BaseSearchBackend, BaseSearchQuery, SearchNode, log_query
from haystack.models import SearchResult

from ..models import SearchEntry
from . import query as reader_query
from . import segment
from .snippets import snippet

FILTER_FIELDS = {
    "date": "e.date", "year": "e.year", "page": "e.page_number", "page_section": "e.page_section_id",
    "column_section": "e.column_section_id", "kind": "e.kind", "item": "e.item_id",
}
FACET_FIELDS = {"year": "e.year", "page_section": "e.page_section_id", "column_section": "e.column_section_id",
                "kind": "e.kind"}
OPERATORS = {"exact": "=", "gte": ">=", "lte": "<=", "gt": ">", "lt": "<"}
# The query's text found as is (in the text, in the headline) outranks
# scattered words; a headline match outranks a body match.
PHRASE_BONUS = 1.0
HEADLINE_BONUS = 2.0


class CompiledQuery:
    """What the backend runs: the reader's query and the filters."""

    def __init__(self, reader=None, filters=(), excluded_filters=()):
        self.reader = reader
        self.filters = list(filters)
        self.excluded_filters = list(excluded_filters)

    def __str__(self):  # shown by haystack's debug logging
        return f"<query {self.reader.raw if self.reader else ''!r} {self.filters}>"


class DatabaseSearchBackend(BaseSearchBackend):
    def __init__(self, connection_alias, **options):
        super().__init__(connection_alias, **options)
        self.database = options.get("DATABASE", "default")

    # -------------------------------------------------------------- index ---

    def update(self, index, iterable, commit=True):
        """Write (or rewrite) the entries of these items; items that readers
        may not see lose theirs. Runs inside the caller's transaction."""
        objs = list(iterable)
        if not objs:
            return
        entries, gone = [], []
        for obj in objs:
            if not index.should_index(obj):
                gone.append(obj.pk)
                continue
            data = index.full_prepare(obj)
            entries.append(SearchEntry(
                item_id=obj.pk,
                headline=data.get("headline") or "",
                headline_words=segment.tokens(data.get("headline") or ""),
                body_words=segment.tokens(data.get("body") or ""),
                text=data.get("text") or "",
                date=data["date"], year=data["year"], page_number=data["page"],
                page_section_id=data.get("page_section"), column_section_id=data.get("column_section"),
                kind=data["kind"]))
        with transaction.atomic(using=self.database):
            SearchEntry.objects.using(self.database).filter(pk__in=[o.pk for o in objs]).delete()
            SearchEntry.objects.using(self.database).bulk_create(entries, batch_size=500)

    def remove(self, obj_or_string, commit=True):
        pk = getattr(obj_or_string, "pk", None)
        if pk is None:
            pk = str(obj_or_string).rsplit(".", 1)[-1]
        SearchEntry.objects.using(self.database).filter(pk=pk).delete()

    def clear(self, models=None, commit=True):
        SearchEntry.objects.using(self.database).all().delete()

    # ------------------------------------------------------------- search ---

    @log_query
    def search(self, query_string, start_offset=0, end_offset=None, sort_by=None, facets=None,
               highlight=False, result_class=None, **kwargs):
        query = query_string if isinstance(query_string, CompiledQuery) else CompiledQuery(
            reader_query.parse(str(query_string)) if query_string and str(query_string) != "*:*" else None)
        conn = db_connections[self.database]
        sql = _SQL.for_vendor(conn.vendor)
        where, params = sql.where(query)
        result_class = result_class or SearchResult
        with conn.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM articles_searchentry e {sql.join(query)} WHERE {where}", params)
            hits = cursor.fetchone()[0]
            rows = []
            if hits and (end_offset is None or end_offset > start_offset):
                score_sql, score_params = sql.score(query)
                order = _order(sort_by)
                limit = "" if end_offset is None else f" LIMIT {int(end_offset) - int(start_offset)}"
                cursor.execute(
                    f"SELECT e.item_id, {score_sql} AS score, e.text, e.date, e.page_number "
                    f"FROM articles_searchentry e {sql.join(query)} WHERE {where} "
                    f"ORDER BY {order}{limit} OFFSET {int(start_offset)}",
                    score_params + params)
                rows = cursor.fetchall()
            facet_counts = {"fields": {}, "dates": {}, "queries": {}}
            for name in facets or ():
                facet_counts["fields"][name] = self._facet(cursor, sql, query, name, where, params)
        results = []
        words = query.reader.all_words() if query.reader else []
        phrases = query.reader.phrases() if query.reader else []
        whole = query.reader.plain_text() if query.reader else ""
        if whole and whole not in phrases:
            phrases.append(whole)
        for pk, score, text, date, page in rows:
            extra = {"date": _date(date), "page": page}
            if highlight:
                extra["highlighted"] = [snippet(text, words, phrases)]
            results.append(result_class("articles", "item", pk, float(score or 0), **extra))
        return {"results": results, "hits": hits, "facets": facet_counts, "spelling_suggestion": None}

    def _facet(self, cursor, sql, query, name, where, params):
        if name in ("reporter", "person"):
            table = "articles_credit" if name == "reporter" else "articles_mention"
            cursor.execute(
                f"SELECT fct.person_id, count(DISTINCT e.item_id) AS n FROM articles_searchentry e "
                f"{sql.join(query)} JOIN {table} fct ON fct.item_id = e.item_id WHERE {where} "
                f"GROUP BY fct.person_id ORDER BY n DESC, fct.person_id LIMIT 30", params)
        else:
            column = FACET_FIELDS[name]
            cursor.execute(
                f"SELECT {column}, count(*) AS n FROM articles_searchentry e {sql.join(query)} "
                f"WHERE {where} AND {column} IS NOT NULL GROUP BY {column} ORDER BY n DESC, {column} LIMIT 50",
                params)
        return [(value, n) for value, n in cursor.fetchall()]

    def more_like_this(self, model_instance, additional_query_string=None, **kwargs):
        return {"results": [], "hits": 0}

    def extract_file_contents(self, file_obj):
        return None


def _date(value):
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


def _order(sort_by):
    """Relevance first unless asked; the date breaks ties (newest first)."""
    for key in sort_by or ():
        if key in ("date", "oldest"):
            return "e.date ASC, e.page_number ASC, e.item_id ASC"
        if key in ("-date", "newest"):
            return "e.date DESC, e.page_number ASC, e.item_id ASC"
    return "score DESC, e.date DESC, e.item_id ASC"


class _SQL:
    """The parts of the SQL that differ between the two engines."""

    @staticmethod
    def for_vendor(vendor):
        return _PostgresSQL() if vendor == "postgresql" else _SqliteSQL()

    def where(self, query):
        clauses, params = ["1=1"], []
        reader = query.reader
        if reader is not None and not reader.is_empty:
            match, match_params = self.match(reader)
            clauses.append(match)
            params += match_params
            for group in reader.groups:
                # A quoted phrase must occur as it is (inside an OR group the
                # words alone decide).
                if len(group) == 1 and group[0].phrase:
                    clauses.append(f"{self.position('e.text')} > 0")
                    params.append(group[0].text)
            for term in reader.excluded:
                if term.phrase:
                    clauses.append(f"{self.position('e.text')} = 0")
                    params.append(term.text)
        for negate, filters in ((False, query.filters), (True, query.excluded_filters)):
            for field, op, value in filters:
                clause, clause_params = _filter(field, op, value)
                clauses.append(f"NOT ({clause})" if negate else clause)
                params += clause_params
        return " AND ".join(clauses), params


def _filter(field, op, value):
    if field in ("reporter", "person"):
        tables = ["articles_credit"] if field == "reporter" else ["articles_credit", "articles_mention"]
        sub = " OR ".join(f"EXISTS (SELECT 1 FROM {t} c WHERE c.item_id = e.item_id AND c.person_id = %s)"
                          for t in tables)
        return f"({sub})", [int(value)] * len(tables)
    column = FILTER_FIELDS[field]
    if op == "in":
        values = list(value)
        if not values:
            return "1=0", []
        return f"{column} IN ({', '.join(['%s'] * len(values))})", values
    if isinstance(value, datetime.datetime):
        value = value.date()
    return f"{column} {OPERATORS[op]} %s", [value]


class _PostgresSQL(_SQL):
    def join(self, query):
        return ""

    def position(self, column):
        return f"strpos({column}, %s)"

    def tsquery(self, reader):
        """The reader's query as a tsquery expression: groups ANDed, terms in
        a group ORed, excluded terms negated. Every word goes through
        plainto_tsquery, which cannot be given syntax."""
        parts, params = [], []
        for group in reader.groups:
            ors = []
            for term in group:
                ors.append("plainto_tsquery('simple', %s)")
                params.append(" ".join(term.words))
            parts.append("(" + " || ".join(ors) + ")")
        for term in reader.excluded:
            if not term.phrase:
                parts.append("!! plainto_tsquery('simple', %s)")
                params.append(" ".join(term.words))
        return " && ".join(parts), params

    def match(self, reader):
        tsq, params = self.tsquery(reader)
        return f"e.document @@ ({tsq})", params

    def score(self, query):
        reader = query.reader
        if reader is None or reader.is_empty:
            return "0", []
        tsq, params = self.tsquery(reader)
        # Weights {D, C, B, A}: a headline word counts five times a body word.
        sql = f"ts_rank_cd('{{0.1, 0.1, 0.2, 1.0}}', e.document, ({tsq}), 32)"
        whole = reader.plain_text()
        if whole:
            sql += (f" + (CASE WHEN strpos(e.text, %s) > 0 THEN {PHRASE_BONUS} ELSE 0 END)"
                    f" + (CASE WHEN strpos(e.headline, %s) > 0 THEN {HEADLINE_BONUS} ELSE 0 END)")
            params += [whole, whole]
        return sql, params


class _SqliteSQL(_SQL):
    def join(self, query):
        if query.reader is None or query.reader.is_empty:
            return ""
        return "JOIN articles_searchfts ON articles_searchfts.rowid = e.item_id"

    def position(self, column):
        return f"instr({column}, %s)"

    @staticmethod
    def _quote(word):
        return '"' + word.replace('"', '""') + '"'

    def fts_query(self, reader):
        """An FTS5 query: every word quoted (so none is syntax)."""
        groups = []
        for group in reader.groups:
            ors = ["(" + " AND ".join(self._quote(w) for w in term.words) + ")" for term in group]
            groups.append("(" + " OR ".join(ors) + ")")
        expr = " AND ".join(groups)
        for term in reader.excluded:
            if not term.phrase:
                expr += " NOT (" + " AND ".join(self._quote(w) for w in term.words) + ")"
        return expr

    def match(self, reader):
        return "articles_searchfts MATCH %s", [self.fts_query(reader)]

    def score(self, query):
        reader = query.reader
        if reader is None or reader.is_empty:
            return "0", []
        # bm25 is negative, lower is better; the headline column weighs ten
        # times the body.
        sql = "(-bm25(articles_searchfts, 10.0, 1.0))"
        params = []
        whole = reader.plain_text()
        if whole:
            sql += (f" + (CASE WHEN instr(e.text, %s) > 0 THEN {PHRASE_BONUS} ELSE 0 END)"
                    f" + (CASE WHEN instr(e.headline, %s) > 0 THEN {HEADLINE_BONUS} ELSE 0 END)")
            params += [whole, whole]
        return sql, params


# ------------------------------------------------------------------ query ---

class DatabaseSearchQuery(BaseSearchQuery):
    """Turns haystack's filter tree into a CompiledQuery instead of a query
    string: the backend speaks SQL, not a search-server syntax."""

    def build_query(self):
        reader = None
        filters, excluded = [], []
        self._walk(self.query_filter, filters, excluded, negated=False)
        for field, op, value in list(filters):
            if field == "content":
                filters.remove((field, op, value))
                reader = value if isinstance(value, reader_query.ReaderQuery) else reader_query.parse(str(value))
        return CompiledQuery(reader, filters, excluded)

    def _walk(self, node, filters, excluded, negated):
        negated = negated != node.negated
        if node.connector != SearchNode.AND and len(node.children) > 1:
            raise ValueError("only AND filters are supported by the database search backend")
        for child in node.children:
            if isinstance(child, SearchNode):
                self._walk(child, filters, excluded, negated)
                continue
            expression, value = child
            field, _, op = expression.partition("__")
            op = op or "exact"
            if field in ("content", "text"):
                field, op = "content", "exact"
            if hasattr(value, "query_string"):
                value = value.query_string
            if hasattr(value, "parsed"):
                value = value.parsed
            (excluded if negated else filters).append((field, "exact" if op == "content" else op, value))

    def build_query_fragment(self, field, filter_type, value):  # pragma: no cover - not used
        return ""

    def matching_all_fragment(self):
        return "*:*"


class DatabaseEngine(BaseEngine):
    backend = DatabaseSearchBackend
    query = DatabaseSearchQuery
