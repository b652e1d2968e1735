"""Keeping the index in step with the items, inside the same transaction.

Signal handlers (signals.py) reindex an item whenever it, its page or its
issue changes. Bulk work (an import) wraps itself in `deferred()`: the
items it touches are collected and reindexed once, at the end, still inside
the caller's transaction."""
import threading
from contextlib import contextmanager

from haystack import connections

_state = threading.local()


def _stack():
    if not hasattr(_state, "stack"):
        _state.stack = []
    return _state.stack


@contextmanager
def deferred():
    touched = set()
    _stack().append(touched)
    try:
        yield touched
    finally:
        _stack().pop()
    reindex(touched)


def note(pk):
    """Record `pk` for a deferred reindex; False when none is running."""
    stack = _stack()
    if not stack:
        return False
    stack[-1].add(pk)
    return True


def _index():
    from ..models import Item
    unified = connections["default"].get_unified_index()
    return unified.get_index(Item), connections["default"].get_backend()


# Items read and indexed at a time: memory stays bounded by a batch, not by
# how many items a page (or an editor's selection) has.
BATCH = 500


def reindex(pks):
    """Write the entries of these items (removing those of items that are
    gone or withdrawn)."""
    from ..models import SearchEntry
    pks = sorted(set(pks))
    if not pks:
        return
    index, backend = _index()
    for start in range(0, len(pks), BATCH):
        batch = pks[start:start + BATCH]
        items = list(index.read_queryset().filter(pk__in=batch))
        backend.update(index, items)
        missing = set(batch) - {i.pk for i in items}
        if missing:
            SearchEntry.objects.filter(pk__in=missing).delete()
