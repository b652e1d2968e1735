"""Related articles for an item's page: up to five, found by the people it
shares with them (named in the news, then reporters), its column, and the
search engine's similarity on the item's own words.

Finding them asks the full-text index, so the answer (item numbers) is
cached (Django's cache, CACHES) per item and version of the item; the view
then reads those items in one query, so that one withdrawn since is never
shown."""
from collections import Counter, defaultdict

from django.core.cache import cache
from django.db.models import Count

from .models import Credit, Item, Mention
from .search import segment

COUNT = 5
CACHE_SECONDS = 24 * 60 * 60
CANDIDATES = 30
TERMS = 6
TERM_TEXT = 400   # characters of its text whose words are counted

# Weights: a person named in both stories says most; the same column and
# the same reporter less; the search engine's similarity by its rank.
NAMED_PERSON, REPORTER, SAME_COLUMN, SIMILAR = 3.0, 1.0, 2.0, 4.0

# Words every article uses, which relate nothing.
COMMON_WORDS = set("""
本报讯 我们 他们 一个 工作 进行 开展 发展 推进 加强 全面 深入 积极 相关 有关 部门 表示 要求 记者 本报 通讯员 今年 目前
同时 以及 通过 已经 没有 可以 就是 这个 这些 还是 成为 不断 持续 实现 提升 提高 建设 活动 情况 问题 方面 坚持 确保
""".split())


def cache_key(item):
    return f"related:v1:{item.pk}:{item.updated_at.timestamp() if item.updated_at else 0}"


def related_items(item, parts):
    """The items related to `item` (whose story is `parts`), best first,
    readers may see all of them."""
    key = cache_key(item)
    ids = cache.get(key)
    if ids is None:
        ids = find_related(item, parts)
        cache.set(key, ids, CACHE_SECONDS)
    found = Item.objects.published().with_page().in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]


def find_related(item, parts):
    """Item numbers, best first (a fixed number of queries, whatever the
    size of the archive)."""
    own = [p.pk for p in parts]
    visible = dict(item__status=Item.PUBLISHED, item__kind__in=[Item.ARTICLE, Item.PHOTO])
    score = defaultdict(float)
    newest = {}

    def shared(model, weight):
        people = model.objects.filter(item__in=own).values("person")
        rows = (model.objects.filter(person__in=people, **visible).exclude(item__in=own)
                .values("item", "item__page__issue__date").annotate(n=Count("person", distinct=True))
                .order_by("-n", "-item__page__issue__date")[:CANDIDATES])
        for row in rows:
            score[row["item"]] += weight * row["n"]
            newest[row["item"]] = row["item__page__issue__date"]

    shared(Mention, NAMED_PERSON)
    shared(Credit, REPORTER)
    if item.column_section_id:
        same_column = (Item.objects.published().filter(column_section_id=item.column_section_id).exclude(pk__in=own)
                       .order_by("-page__issue__date").values_list("pk", "page__issue__date")[:CANDIDATES])
        for pk, date in same_column:
            score[pk] += SAME_COLUMN
            newest[pk] = date
    for rank, (pk, date) in enumerate(similar(item, own)):
        score[pk] += SIMILAR * (1 - rank / CANDIDATES)
        newest[pk] = date
    ranked = sorted(score, key=lambda pk: (-score[pk], -newest[pk].toordinal(), pk))
    return ranked[:COUNT]


def terms(item):
    """The item's own words that say what it is about: the words of its
    headline (counted thrice) and its first paragraphs, two characters or
    more, not the words every article uses."""
    counts = Counter()
    head = " ".join(filter(None, [item.headline, item.kicker, item.subtitle]))
    for word in segment.accurate(head):
        counts[word] += 3
    # Its opening, after the "本报讯（记者…）" lead every such article shares.
    for word in segment.accurate(item.opening_text(TERM_TEXT)):
        counts[word] += 1
    return [w for w, _ in counts.most_common() if len(w) >= 2 and w not in COMMON_WORDS
            and not w.isdigit()][:TERMS]


def similar(item, own):
    """(pk, date) of the items the search engine finds for the item's own
    words (any of them), best first."""
    from haystack.query import SearchQuerySet

    from .search import query as reader_query

    words = terms(item)
    if not words:
        return []
    query = reader_query.parse(" OR ".join(words))
    if query.is_empty:
        return []
    hits = list(SearchQuerySet().models(Item).filter(content=query)[:CANDIDATES + len(own)])
    pks = [int(h.pk) for h in hits if int(h.pk) not in own][:CANDIDATES]
    dates = dict(Item.objects.filter(pk__in=pks).values_list("pk", "page__issue__date"))
    return [(pk, dates[pk]) for pk in pks if pk in dates]
