"""A haystack backend on the database's own full-text engine.

PostgreSQL: `articles_searchentry.document`, a tsvector of the segmented
headline (weight A) and text (weight B) computed by the INSERT, and
`headline_document` of the headline alone, both GIN-indexed; matched with
tsqueries built by plainto_tsquery (so no word can inject syntax), ranked
by ts_rank_cd. SQLite: the FTS5 tables `articles_searchfts` (headline and
text) and `articles_searchheadfts` (headline) over the same words, ranked
by bm25 with the headline column weighted.

The index holds each text's words and its adjacent word pairs
(segment.words_and_pairs), so phrases are answered by the index alone.

Relevance is in tiers, each from the index: the whole query as a phrase in
the headline; all its words in the headline; the whole query as a phrase in
the text; the rest. Inside a tier of up to RANK_LIMIT results the engine's
ranking orders them (ts_rank_cd, bm25); a larger tier (a very common word)
is read newest first, which needs no look at every match. Facets of the
entry's own columns are exact; people are counted on a sample of a result
set larger than FACET_SAMPLE, and marked approximate. A search that asks
for no facets (an item's related articles) is counted only as far as its
results need (at most COUNT_LIMIT): no total is shown for it, and counting
and sorting every match of common words took most of the item page's time
at 1,000,000 articles (690 ms p50 then, 138 ms with this and the walk down
the date index, see _Run._walks).
"""
import datetime
import json

from django.db import connections as db_connections
from django.db import router, transaction
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
OPAQUE = {"date": "({} + 0)", "year": "({} + 0)", "page": "({} + 0)", "page_section": "({} + 0)",
          "column_section": "({} + 0)", "kind": "({} || '')"}
OPERATORS = {"exact": "=", "gte": ">=", "lte": "<=", "gt": ">", "lt": "<"}
RANK_LIMIT = 1000
FACET_SAMPLE = 5000
HASH_MULTIPLIER, HASH_RANGE = 40503, 65536
DENSE = 2000    # more matches than this are read through the date index (SQLite)
WALK_SHARE = 20   # PostgreSQL: matches this dense (one row in 20) are read down the date index
COUNT_LIMIT = 10000   # a search without facets counts (and reaches) this many results at most
                      # (and no more than its page needs)


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
        conn = db_connections[self.database]
        postgres = conn.vendor == "postgresql"
        entries = []
        for obj in objs:
            if not index.should_index(obj):
                continue
            data = index.full_prepare(obj)
            headline, body = data.get("headline") or "", data.get("body") or ""
            entry = SearchEntry(
                item_id=obj.pk, headline=headline, date=data["date"], year=data["year"], page_number=data["page"],
                page_section_id=data.get("page_section"), column_section_id=data.get("column_section"),
                kind=data["kind"], engine=conn.vendor)
            if postgres:
                entry.vectors = segment.words_and_pairs(headline) + segment.words_and_pairs(body)
            else:
                entry.headline_words, entry.body_words = segment.tokens(headline), segment.tokens(body)
            entries.append(entry)
        with transaction.atomic(using=self.database):
            SearchEntry.objects.using(self.database).filter(pk__in=[o.pk for o in objs]).delete()
            if postgres:
                _insert_postgres(conn, entries)
            else:
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
        # A reader's search reads from a replica when there are (articles/replicas.py).
        database = router.db_for_read(SearchEntry) if self.database == "default" else self.database
        conn = db_connections[database]
        sql = _SQL.for_vendor(conn.vendor)
        result_class = result_class or SearchResult
        with transaction.atomic(using=database), conn.cursor() as cursor:
            sql.prepare(cursor)
            run = _Run(cursor, sql, query)
            names = list(facets or ())
            if names or not run.has_words:
                hits, fields = run.count_and_facets(names)
            else:
                # Counted as far as the results asked for need: past the
                # rank limit (whether to rank) and the page's end.
                limit = min(COUNT_LIMIT, max(RANK_LIMIT, end_offset or 0) + 1)
                hits, fields = run.count(run.base, limit), {}
                run.bounded = hits >= limit
                # Asked whatever the count (the number of queries is the
                # same for every search): how many more there may be.
                run.estimated = sql.estimate(cursor, run.base)
            run.total = hits
            rows = []
            if hits and (end_offset is None or end_offset > start_offset):
                end = hits if end_offset is None else min(end_offset, hits)
                rows = run.page(start_offset, end, _order(sort_by))
            if hits:
                fields.update(run.people_facets(names, hits))
            # "queries" carries one flag: the people were counted on a sample.
            facet_counts = {"fields": _most_first(fields), "dates": {},
                            "queries": {"approximate": int(hits > FACET_SAMPLE)}}
        results = []
        reader = query.reader
        words = reader.all_words() if reader else []
        phrases = reader.phrases() if reader else []
        whole = reader.plain_text() if reader else ""
        if whole and whole not in phrases:
            phrases.append(whole)
        texts = _texts([row[0] for row in rows]) if highlight and rows else {}
        for pk, date, page in rows:
            extra = {"date": _date(date), "page": page}
            if highlight:
                extra["highlighted"] = [snippet(texts.get(pk, ""), words, phrases)]
            results.append(result_class("articles", "item", pk, 0.0, **extra))
        return {"results": results, "hits": hits, "facets": facet_counts, "spelling_suggestion": None}

    def more_like_this(self, model_instance, additional_query_string=None, **kwargs):
        return {"results": [], "hits": 0}

    def extract_file_contents(self, file_obj):
        return None


def _insert_postgres(conn, entries):
    """Entries with their tsvectors made by the INSERT: words with their
    positions (ts_rank_cd reads them), word pairs without (they only decide
    matches). Neither the words nor the text are kept: snippets are made
    from the items themselves."""
    if not entries:
        return
    now = datetime.datetime.now(datetime.timezone.utc)
    with conn.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO articles_searchentry (item_id, headline, headline_words, body_words, date, year, "
            "page_number, page_section_id, column_section_id, kind, indexed_at, engine, document, "
            "headline_document) "
            "VALUES (%s, %s, '', '', %s, %s, %s, %s, %s, %s, %s, 'postgresql', "
            "setweight(to_tsvector('simple', %s), 'A') || setweight(strip(to_tsvector('simple', %s)), 'A') || "
            "setweight(to_tsvector('simple', %s), 'B') || setweight(strip(to_tsvector('simple', %s)), 'B'), "
            "to_tsvector('simple', %s) || to_tsvector('simple', %s))",
            [(e.item_id, e.headline, e.date, e.year, e.page_number, e.page_section_id, e.column_section_id,
              e.kind, now, *e.vectors, e.vectors[0], e.vectors[1]) for e in entries])


def _texts(pks):
    """{item id: its headline and text}, for snippets."""
    from ..models import Item
    items = Item.objects.filter(pk__in=pks).only("kicker", "headline", "subtitle", "body")
    return {i.pk: "\n".join(x for x in (i.kicker, i.headline, i.subtitle, i.plain_text) if x) for i in items}


def _date(value):
    if isinstance(value, str):
        return datetime.date.fromisoformat(value)
    return value


def _order(sort_by):
    for key in sort_by or ():
        if key in ("date", "oldest"):
            return "oldest"
        if key in ("-date", "newest"):
            return "newest"
    return "relevance"


class _Run:
    """One search: the WHERE clauses of its result set and of its relevance
    tiers, and the queries over them."""

    def __init__(self, cursor, sql, query):
        self.cursor, self.sql, self.query = cursor, sql, query
        reader = query.reader
        self.has_words = reader is not None and not reader.is_empty
        opaque = self.has_words and sql.opaque_filters
        self.filters = _filters(query, sql, cursor, opaque=opaque)
        # Opaque for the same reason as the filters: read in date order, the
        # date index would test row after row against its document.
        self.date = "(e.date + 0)" if opaque else "e.date"
        if self.has_words:
            match = sql.match(reader)
            self.base = (f"{match[0]} AND {self.filters[0]}", match[1] + self.filters[1])
        else:
            self.base = self.filters
        self.tiers = self._tiers() if self.has_words else []
        self.bounded = False     # whether the count stopped before the last match
        self.estimated = 0       # the planner's estimate of the matches, when asked

    def _tiers(self):
        """Conditions that put a result in a better tier, best first."""
        reader, sql = self.query.reader, self.sql
        if not reader.simple:
            return []
        all_tokens = [tok for term in reader.terms for tok in term.tokens]
        pairs = reader.whole_phrase_tokens()
        tiers = []
        if pairs:
            tiers.append(sql.tokens_in(pairs, headline=True))
        tiers.append(sql.tokens_in(all_tokens, headline=True))
        if pairs:
            tiers.append(sql.tokens_in(pairs, headline=False))
        return tiers

    def execute(self, sql, params):
        self.cursor.execute(sql, params)
        return self.cursor.fetchall()

    def count(self, where, bound=None):
        """How many rows `where` selects; at most `bound` (a large tier's
        count stops there instead of visiting every row)."""
        where = self.sql.through(where) if self.query.filters else where
        rows = f"SELECT 1 FROM articles_searchentry e WHERE {where[0]}"
        if bound is not None:
            rows += f" LIMIT {int(bound)}"
        return self.execute(f"SELECT count(*) FROM ({rows}) counted", where[1])[0][0]

    def _many(self, where):
        """`where`, for reading many of its rows (in date order, or for the
        facets): through the filters or the date index, when there are
        filters or many matches (see _SqliteSQL.through)."""
        many = self.total > DENSE or self.bounded     # counted only part of the way: as many, for all we know
        return self.sql.through(where) if self.query.filters or many else where

    def page(self, start, end, order):
        if order != "relevance" or not self.has_words:
            direction = "ASC" if order == "oldest" else "DESC"
            return self._rows(self._many(self.base), self.date_order(direction, self._walks(self.total)), start,
                              end - start)
        rows = []
        before = []    # the conditions of the tiers already passed
        offset = 0     # results in those tiers
        # A tier's condition (all words in the headline...) implies a match
        # unless words are excluded: its rows are then found from its own
        # (small) index alone.
        implied = not self.query.reader.excluded
        for condition in self.tiers + [None]:
            head = self.filters if implied and condition is not None else self.base
            parts = [head] + [(f"NOT ({c[0]})", c[1]) for c in before]
            if condition is not None:
                parts.append(condition)
            where = (" AND ".join(p[0] for p in parts), [x for p in parts for x in p[1]])
            if condition is None:
                size = self.total - offset
            else:
                # Counted only as far as needed: whether the tier is small
                # enough to rank, and where the page ends.
                bound = max(RANK_LIMIT, end - offset) + 1
                size = self.count(where, bound)
            if size and start < offset + size and end > offset:
                first = max(start - offset, 0)
                limit = min(end, offset + size) - offset - first
                if size <= RANK_LIMIT:
                    join, order_sql, rank_params = self.sql.rank(self.query.reader, condition)
                    rows += self._rows(where, f"{order_sql}, {self.date_order()}", first, limit, rank_params,
                                       join=join)
                else:
                    rows += self._rows(self._many(where), self.date_order(walk=self._walks(size)), first, limit)
            offset += size
            if offset >= end or condition is None:
                break
            before.append(condition)
        return rows

    def date_order(self, direction="DESC", walk=False):
        date = "e.date" if walk else self.date
        return f"{date} {direction}, e.page_number ASC, e.item_id ASC"

    def _walks(self, matches):
        """Whether `matches` rows are so many that the newest (or oldest)
        of them are found sooner by walking the date index and testing each
        row than by sorting them all (see _PostgresSQL.walks_dates)."""
        if not self.has_words:
            return False
        if self.bounded:
            # How many more than were counted: the planner's estimate (from
            # the words' statistics) is all there is without counting them.
            matches = max(matches, self.estimated)
        return matches > DENSE and self.sql.walks_dates(matches)

    def _rows(self, where, order_sql, offset, limit, rank_params=(), join=""):
        # rank_params belong to the join (SQLite) or to the ORDER BY
        # (PostgreSQL): never both.
        params = list(rank_params) + where[1] if join else where[1] + list(rank_params)
        return self.execute(
            f"SELECT e.item_id, e.date, e.page_number FROM articles_searchentry e {join} WHERE {where[0]} "
            f"ORDER BY {order_sql} LIMIT {int(limit)} OFFSET {int(offset)}", params)

    def count_and_facets(self, names):
        """(how many results, {facet: [(value, n)]}) for the facets on the
        entry's own columns (year, page, column, kind): exact, from one
        grouped query that is also the count."""
        columns = [n for n in names if n in FACET_FIELDS]
        if not columns:
            return self.count(self.base), {}
        # Every match is visited: on SQLite through an index that holds
        # the columns (migration 0005), not by item id.
        where, params = self.sql.through(self.base)
        sql_columns = ", ".join(FACET_FIELDS[n] for n in columns)
        total, counts = 0, {n: {} for n in columns}
        for *values, n in self.execute(f"SELECT {sql_columns}, count(*) FROM articles_searchentry e "
                                       f"WHERE {where} GROUP BY {sql_columns}", params):
            total += n
            for name, value in zip(columns, values):
                if value is not None:
                    counts[name][value] = counts[name].get(value, 0) + n
        return total, {name: list(c.items()) for name, c in counts.items()}

    def people_facets(self, names, hits):
        """{"reporter" / "person": [(person id, n)]}: counted on a sample of
        about FACET_SAMPLE results when there are more, and scaled up."""
        where, params = self._many(self.base)
        sample, scale = where, 1
        if hits > FACET_SAMPLE:
            # A pseudo-random share of the item ids (a multiplicative hash):
            # spread over all years, and deterministic; plain "every k-th id"
            # falls in step with pages of a fixed number of items.
            cutoff = max(1, HASH_RANGE * FACET_SAMPLE // hits)
            sample = f"{where} AND (e.item_id * {HASH_MULTIPLIER}) %% {HASH_RANGE} < {cutoff}"
            scale = HASH_RANGE / cutoff
        out = {}
        for name in names:
            if name in ("reporter", "person"):
                table = "articles_credit" if name == "reporter" else "articles_mention"
                rows = self.execute(f"SELECT fct.person_id, count(DISTINCT fct.item_id) FROM {table} fct "
                                    f"WHERE fct.item_id IN (SELECT e.item_id FROM articles_searchentry e "
                                    f"WHERE {sample}) GROUP BY fct.person_id", params)
                out[name] = [(person, round(n * scale)) for person, n in rows]
        return out


def _most_first(fields):
    for name, values in fields.items():
        values.sort(key=lambda vn: (-vn[1], str(vn[0])))
        del values[30 if name in ("reporter", "person") else 50:]
    return fields


def _filters(query, sql, cursor, opaque=False):
    """The filters as one SQL condition. `opaque` hides the filtered columns
    from the planner behind a no-op (`+ 0`), so that it never reaches the
    rows through a date, year or section index and then tests every one
    against its document: PostgreSQL costs that test as if it were free,
    but it decompresses a whole article, and a filter that leaves thousands
    of rows took half a second that way. The text index finds the matches
    in a few milliseconds; the filters then check only those."""
    clauses, params = ["1=1"], []
    for negate, filters in ((False, query.filters), (True, query.excluded_filters)):
        for field, op, value in filters:
            clause, clause_params = _filter(field, op, value, sql, cursor, opaque)
            clauses.append(f"NOT ({clause})" if negate else clause)
            params += clause_params
    return " AND ".join(clauses), params


def _filter(field, op, value, sql, cursor, opaque):
    if field in ("reporter", "person"):
        tables = ["articles_credit"] if field == "reporter" else ["articles_credit", "articles_mention"]
        sub = " UNION ".join(f"SELECT item_id FROM {t} WHERE person_id = %s" for t in tables)
        return sql.in_items(cursor, sub, [int(value)] * len(tables))
    if field == "year" and op == "exact":
        # as a date range: the date index serves it (and covers it, on SQLite)
        year = int(value)
        low = _filter("date", "gte", datetime.date(year, 1, 1), sql, cursor, opaque)
        high = _filter("date", "lte", datetime.date(year, 12, 31), sql, cursor, opaque)
        return f"{low[0]} AND {high[0]}", low[1] + high[1]
    column = FILTER_FIELDS[field]
    if opaque and field in OPAQUE:
        column = OPAQUE[field].format(column)
    if op == "in":
        values = list(value)
        if not values:
            return "1=0", []
        return f"{column} IN ({', '.join(['%s'] * len(values))})", values
    if isinstance(value, datetime.datetime):
        value = value.date()
    return f"{column} {OPERATORS[op]} %s", [value]


class Condition(tuple):
    """(sql, params) of a WHERE condition; on SQLite also the FTS5
    expression it matches (`fts`)."""

    def __new__(cls, sql, params, fts=None):
        self = super().__new__(cls, (sql, params))
        self.fts = fts
        return self


class _SQL:
    """The parts of the SQL that differ between the two engines."""

    opaque_filters = False

    @staticmethod
    def for_vendor(vendor):
        return _PostgresSQL() if vendor == "postgresql" else _SqliteSQL()

    def prepare(self, cursor):
        pass

    def in_items(self, cursor, items_sql, params):
        return f"e.item_id IN ({items_sql})", params

    def through(self, where):
        return where

    def walks_dates(self, matches):
        return False

    def estimate(self, cursor, where):
        return 0


class _PostgresSQL(_SQL):
    opaque_filters = True

    def prepare(self, cursor):
        # The GIN index answers which rows match without reading any text;
        # a sequential scan would read (and decompress) every document. JIT
        # compiling, and starting parallel workers, cost more than these
        # queries take. (set_config(..., true) is SET LOCAL.) With them, the
        # index's size, for walks_dates: asked of every search, so that each
        # runs the same queries whatever it finds.
        cursor.execute("SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true), "
                       "set_config('max_parallel_workers_per_gather', '0', true), "
                       "(SELECT reltuples FROM pg_class WHERE oid = 'articles_searchentry'::regclass)")
        self.entries = cursor.fetchone()[3]

    def walks_dates(self, matches):
        """Read in date order, matches are sorted whole (the date is hidden
        from the planner with the filters: see _filters): at 1,000,000
        articles a common word's 236,000 matches were fetched and sorted
        for a page of 20. When they are at least one row in WALK_SHARE, the
        date index is walked instead, newest first, each row tested against
        the query: about WALK_SHARE rows for each result at worst."""
        return self.entries > 0 and matches * WALK_SHARE >= self.entries

    def estimate(self, cursor, where):
        """How many rows the planner expects `where` to select."""
        cursor.execute(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM articles_searchentry e WHERE {where[0]}", where[1])
        plan = cursor.fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        return plan[0]["Plan"]["Plan Rows"]

    def in_items(self, cursor, items_sql, params):
        # The person's items are fetched first and passed as an array, which
        # PostgreSQL checks through a hash. As a subquery, the planner
        # (underestimating how many rows match several words) joined it by
        # nested loop, comparing every match with every item.
        cursor.execute(items_sql, params)
        # Not hidden from the planner even among words: a person's items are
        # few enough to test one by one against their documents.
        ids = [row[0] for row in cursor.fetchall()]
        return "e.item_id = ANY(%s::bigint[])", [ids]

    @staticmethod
    def _all(tokens):
        return "plainto_tsquery('simple', %s)", [" ".join(tokens)]

    def tsquery(self, reader):
        """The reader's query as a tsquery: groups ANDed, terms in a group
        ORed, excluded terms negated; every token through plainto_tsquery."""
        parts, params = [], []
        for group in reader.groups:
            ors = []
            for term in group:
                sql, p = self._all(term.tokens)
                ors.append(sql)
                params += p
            parts.append("(" + " || ".join(ors) + ")")
        for term in reader.excluded:
            sql, p = self._all(term.tokens)
            parts.append(f"!! {sql}")
            params += p
        return " && ".join(parts), params

    def match(self, reader):
        tsq, params = self.tsquery(reader)
        return f"e.document @@ ({tsq})", params

    def tokens_in(self, tokens, headline):
        column = "e.headline_document" if headline else "e.document"
        sql, params = self._all(tokens)
        return Condition(f"{column} @@ {sql}", params)

    def rank(self, reader, condition):
        """(join, ORDER BY, params): the rows of a tier, best first."""
        tsq, params = self.tsquery(reader)
        # Weights {D, C, B, A}: a headline word counts five times a body word.
        return "", f"ts_rank_cd('{{0.1, 0.1, 0.2, 1.0}}', e.document, ({tsq}), 32) DESC", params


class _SqliteSQL(_SQL):
    @staticmethod
    def _quote(word):
        return '"' + word.replace('"', '""') + '"'

    def _all(self, tokens):
        return "(" + " AND ".join(self._quote(t) for t in tokens) + ")"

    def fts_query(self, reader):
        """An FTS5 query: every token quoted (so none is syntax)."""
        groups = ["(" + " OR ".join(self._all(term.tokens) for term in group) + ")" for group in reader.groups]
        expr = " AND ".join(groups)
        for term in reader.excluded:
            expr += " NOT " + self._all(term.tokens)
        return expr

    MATCHES = "e.item_id IN (SELECT rowid FROM articles_search"

    @classmethod
    def _in_fts(cls, expr, table="articles_searchfts"):
        assert table.startswith("articles_search")
        return Condition(f"e.item_id IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)", [expr], expr)

    def through(self, where):
        # Left to itself SQLite reaches the rows from the matches, looking
        # each up by item id: fine for a few hundred, a quarter of a second
        # for 20 newest of 60,000. A "+" hides the item id from it, so it
        # reads down a filter's index or the date index and tests each row
        # against the matches instead (14 ms).
        return where[0].replace(self.MATCHES, "+" + self.MATCHES), where[1]

    def match(self, reader):
        return self._in_fts(self.fts_query(reader))

    def tokens_in(self, tokens, headline):
        expr = self._all(tokens)
        if headline:
            # the headlines' own table (migration 0005), not a column filter
            condition = self._in_fts(expr, "articles_searchheadfts")
            condition.fts = "{headline_words} : " + expr
            return condition
        return self._in_fts(expr)

    def rank(self, reader, condition):
        """(join, ORDER BY, params): the rows of a tier, best first. bm25 is
        computed in one pass over the rows that match both the query and
        the tier (a correlated subquery per row re-read the words' whole
        lists each time: seconds for common words); it is negative, lower
        is better; the headline column weighs ten times the body."""
        expr = self.fts_query(reader)
        if condition is not None:
            expr = f"({expr}) AND ({condition.fts})"
        join = ("JOIN (SELECT rowid AS id, bm25(articles_searchfts, 10.0, 1.0) AS score FROM articles_searchfts "
                "WHERE articles_searchfts MATCH %s) ranked ON ranked.id = e.item_id")
        return join, "ranked.score ASC", [expr]


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
            (excluded if negated else filters).append((field, "exact" if op == "content" else op, value))

    def build_query_fragment(self, field, filter_type, value):  # pragma: no cover - not used
        return ""

    def matching_all_fragment(self):
        return "*:*"


class DatabaseEngine(BaseEngine):
    backend = DatabaseSearchBackend
    query = DatabaseSearchQuery
