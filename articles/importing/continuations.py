"""Stories printed across pages: an item ending "（下转第2版）" is linked to
the item on page 2 of the same issue that begins "（上接第1版）", whichever
page is imported first. Matched by headline (the continued part repeats
it); when each side has exactly one candidate, they are linked even when
the headlines differ (a continued part is sometimes printed without one)."""
import re

from ..models import Item

_WS = re.compile(r"\s+")


def _same_headline(a, b):
    a, b = _WS.sub("", a.headline), _WS.sub("", b.headline)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


def _pairs(earlier, later):
    """(earlier part, later part) pairs between the items of one page that
    go on to another and the items of that page that come from it."""
    pairs, used = [], set()
    for e in earlier:
        matching = [l for l in later if l.pk not in used and _same_headline(e, l)]
        if len(matching) == 1:
            pairs.append((e, matching[0]))
            used.add(matching[0].pk)
    if not pairs and len(earlier) == 1 and len(later) == 1:
        pairs.append((earlier[0], later[0]))
    return pairs


def _link(earlier_page_items, later_page_items):
    for source, target in _pairs(earlier_page_items, later_page_items):
        # A link an editor set (or an earlier import made) is kept.
        if target.continues_id is None and not target.edited:
            target.continues = source
            target.save(update_fields=["continues", "updated_at"])


def link_continuations(page):
    articles = Item.objects.filter(kind=Item.ARTICLE, page__issue_id=page.issue_id)
    mine = list(articles.filter(page=page))
    # Earlier parts on other pages of the parts that start here.
    for number in sorted({i.continued_from_page for i in mine if i.continued_from_page}):
        later = [i for i in mine if i.continued_from_page == number]
        earlier = list(articles.filter(page__number=number, continued_to_page=page.number))
        _link(earlier, later)
    # Later parts on other pages of the parts that end here.
    for number in sorted({i.continued_to_page for i in mine if i.continued_to_page}):
        earlier = [i for i in mine if i.continued_to_page == number]
        later = list(articles.filter(page__number=number, continued_from_page=page.number))
        _link(earlier, later)
