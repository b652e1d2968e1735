"""Chinese full-text search through haystack, on the database's own engine:
PostgreSQL (tsvector over jieba-segmented text, GIN index, ts_rank_cd) or
SQLite FTS5 over the same segmented text. The index lives in the same
database as the articles and is written in the same transaction, so it
cannot drift from them."""
