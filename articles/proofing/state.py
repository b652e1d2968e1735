"""A page's items as plain data: what proofing records before and after each
operation (`capture`), puts back when an operation is reverted (`restore`),
shows in its previews and history, and compares to refuse stale forms
(`page_token`)."""
import datetime
import hashlib

from django.db.models import Max
from django.utils import timezone

from ..models import Credit, Item, ItemRedirect, Mention, Page, Person, Section

# The fields of an item a snapshot keeps (with its credits and mentions).
FIELDS = ("position", "kind", "role", "headline", "kicker", "subtitle", "column", "dateline", "byline", "body",
          "continued_to_page", "continued_from_page", "status", "edited", "fingerprint", "confidence", "lines")
# Foreign keys, kept as ids.
KEYS = ("column_section", "continues")
# What a page's snapshot keeps of the page itself.
PAGE_FIELDS = ("checked", "label")


def item_state(item, credits=(), mentions=()):
    state = {name: getattr(item, name) for name in FIELDS}
    for name in KEYS:
        state[name] = getattr(item, f"{name}_id")
    state["id"] = item.pk
    state["edited_at"] = item.edited_at.isoformat() if item.edited_at else None
    state["credits"] = [{"person": c.person_id, "name": c.person.name, "org": c.person.organisation,
                         "kind": c.person.kind, "role": c.role} for c in credits]
    state["mentions"] = [{"person": m.person_id, "name": m.person.name, "title": m.title} for m in mentions]
    return state


def item_states(pks):
    """{pk: state} of the items that exist among `pks` (three queries)."""
    pks = set(pks)
    items = {i.pk: i for i in Item.objects.filter(pk__in=pks)}
    credits, mentions = {}, {}
    for c in Credit.objects.filter(item_id__in=items).select_related("person").order_by("order", "pk"):
        credits.setdefault(c.item_id, []).append(c)
    for m in Mention.objects.filter(item_id__in=items).select_related("person").order_by("order", "pk"):
        mentions.setdefault(m.item_id, []).append(m)
    return {pk: item_state(i, credits.get(pk, ()), mentions.get(pk, ())) for pk, i in items.items()}


def page_order(page):
    return list(Item.objects.filter(page=page).order_by("position", "pk").values_list("pk", flat=True))


def page_state(page):
    row = Page.objects.filter(pk=page.pk).values(*PAGE_FIELDS, "checked_by", "checked_at").get()
    return {"checked": row["checked"], "label": row["label"], "checked_by": row["checked_by"],
            "checked_at": row["checked_at"].isoformat() if row["checked_at"] else None}


def capture(page, pks):
    """The items `pks` (None for those that do not exist), the order of the
    page's items, the page's own state, and where the URLs of those among
    them that are gone redirect."""
    pks = sorted(set(pks))
    states = item_states(pks)
    redirects = dict(ItemRedirect.objects.filter(old_id__in=pks).values_list("old_id", "new_id"))
    return {"items": {str(pk): states.get(pk) for pk in pks}, "order": page_order(page), "page": page_state(page),
            "redirects": {str(pk): redirects.get(pk) for pk in pks}}


def comparable(state):
    """A state without what says nothing about its content (its place on
    the page, when it was last marked edited, the current spelling of its
    people's names): two states equal by this are the same item."""
    if state is None:
        return None
    out = {k: v for k, v in state.items() if k not in ("edited_at", "position")}
    out["credits"] = [(c["person"], c["role"]) for c in state["credits"]]
    out["mentions"] = [(m["person"], m["title"]) for m in state["mentions"]]
    return out


# ---------------------------------------------------------------- restore ---

def restore(page, snapshot):
    """Put the items of `snapshot` back as they were (re-made with their
    numbers when gone, deleted when they did not exist), their redirects,
    the page's state, and the order of the page's items. Returns the pks of
    the items that exist afterwards among them."""
    survivors = set()
    states = snapshot["items"]
    gone = [int(pk) for pk, state in states.items() if state is None]
    if gone:
        Item.objects.filter(pk__in=gone, page=page).delete()
    for pk, state in states.items():
        if state is not None:
            _restore_item(page, int(pk), state)
            survivors.add(int(pk))
    for pk, target in snapshot.get("redirects", {}).items():
        if target is None:
            ItemRedirect.objects.filter(old_id=int(pk)).delete()
        else:
            ItemRedirect.objects.update_or_create(old_id=int(pk), defaults={"new_id": target})
    set_order(page, snapshot["order"])
    return survivors


def restore_page(page, state):
    checked_at = datetime.datetime.fromisoformat(state["checked_at"]) if state.get("checked_at") else None
    Page.objects.filter(pk=page.pk).update(checked=state["checked"], label=state["label"], checked_at=checked_at,
                                           checked_by_id=_existing_user(state.get("checked_by")))


def _existing_user(pk):
    from django.contrib.auth import get_user_model
    return pk if pk and get_user_model().objects.filter(pk=pk).exists() else None


def _restore_item(page, pk, state):
    item = Item.objects.filter(pk=pk).first()
    created = item is None
    if created:
        item = Item(pk=pk, page=page)
    for name in FIELDS:
        setattr(item, name, state[name])
    item.column_section_id = state["column_section"] if Section.objects.filter(pk=state["column_section"] or 0).exists() else None
    item.continues_id = state["continues"] if Item.objects.filter(pk=state["continues"] or 0).exists() else None
    item.edited_at = datetime.datetime.fromisoformat(state["edited_at"]) if state["edited_at"] else None
    item.save(force_insert=created)
    set_credits(item, state["credits"])
    set_mentions(item, state["mentions"])
    return item


def person_for(row):
    """The person a snapshot's credit or mention names: the same row while
    it exists, else (merged away since) whoever has that name now."""
    from ..importing.service import find_or_create_person
    person = Person.objects.filter(pk=row.get("person") or 0).first()
    if person is not None:
        return person
    org = row.get("org") or ""
    kind = row.get("kind") or (Person.NAMED if "title" in row else Person.STAFF if org == "本报" else Person.WIRE)
    return find_or_create_person(row["name"], org, kind)[0]


def set_credits(item, rows):
    Credit.objects.filter(item=item).delete()
    made, seen = [], set()
    for order, row in enumerate(rows):
        person = person_for(row)
        if (person.pk, row["role"]) not in seen:
            seen.add((person.pk, row["role"]))
            made.append(Credit(item=item, person=person, role=row["role"], order=order))
    Credit.objects.bulk_create(made)


def set_mentions(item, rows):
    Mention.objects.filter(item=item).delete()
    made, seen = [], set()
    for order, row in enumerate(rows):
        person = person_for({**row, "title": row.get("title") or ""})
        if person.pk not in seen:
            seen.add(person.pk)
            made.append(Mention(item=item, person=person, title=row.get("title") or "", order=order))
    Mention.objects.bulk_create(made)


def set_order(page, wanted):
    """Number the page's items in the order `wanted` (pks); items not in it
    (made since) keep their place after the item they follow now."""
    current = page_order(page)
    existing = set(current)
    order = [pk for pk in wanted if pk in existing]
    placed = set(order)
    for i, pk in enumerate(current):
        if pk in placed:
            continue
        before = next((current[j] for j in range(i - 1, -1, -1) if current[j] in placed), None)
        order.insert(order.index(before) + 1 if before is not None else 0, pk)
        placed.add(pk)
    renumber(page, order)


def renumber(page, order):
    """Positions 0, 1, 2, … in `order`, written only where they change
    (positions are not indexed for search: no reindex needed)."""
    positions = dict(Item.objects.filter(page=page).values_list("pk", "position"))
    changed = [Item(pk=pk, position=n) for n, pk in enumerate(order) if positions.get(pk) != n]
    if changed:
        Item.objects.bulk_update(changed, ["position"])


# ------------------------------------------------------------------ token ---

def page_token(page):
    """What a proofing form was made from: every item of the page (number,
    place, last change) and the page's checked state. Any change by anyone
    since, through proofing, the item form or an import, changes it."""
    h = hashlib.sha256()
    for pk, position, updated in Item.objects.filter(page=page).order_by("pk").values_list(
            "pk", "position", "updated_at"):
        h.update(f"{pk}:{position}:{updated.isoformat()};".encode())
    row = Page.objects.filter(pk=page.pk).values("checked", "proofed_at", "imported_at", "sha256").get()
    h.update(repr(sorted(row.items())).encode())
    return h.hexdigest()[:32]


def latest_change(page):
    """When the page's items last changed (for a stale form's message)."""
    return Item.objects.filter(page=page).aggregate(m=Max("updated_at"))["m"] or timezone.now()
