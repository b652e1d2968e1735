"""What editors do to the archive, as plain functions the admin calls (and
the tests call directly)."""
from django.db import transaction
from django.utils import timezone

from .models import Credit, Item, Mention, Person, PersonAlias, PersonRedirect


def mark_edited(item):
    """An editor changed this item: a re-import will keep it as it is."""
    item.edited = True
    item.edited_at = timezone.now()


@transaction.atomic
def set_status(items, status):
    """Publish or withdraw items. Saving each (not a bulk update) keeps the
    search index in step in this transaction."""
    changed = 0
    for item in items.select_for_update() if hasattr(items, "select_for_update") else items:
        if item.status != status:
            item.status = status
            mark_edited(item)
            item.save()
            changed += 1
    return changed


@transaction.atomic
def merge_people(keep, others):
    """Merge `others` into `keep`: their credits and mentions move to `keep`
    (duplicates dropped), their names and aliases become aliases of `keep`,
    so later imports of those names find `keep`, and their URLs (and those
    of people merged into them before) redirect to `keep`'s. Returns how
    many merged."""
    keep = Person.objects.select_for_update().get(pk=keep.pk)
    merged = 0
    for other in Person.objects.select_for_update().filter(pk__in=[o.pk for o in others]).exclude(pk=keep.pk):
        for credit in Credit.objects.filter(person=other):
            if Credit.objects.filter(item_id=credit.item_id, person=keep, role=credit.role).exists():
                credit.delete()
            else:
                credit.person = keep
                credit.save(update_fields=["person"])
        for mention in Mention.objects.filter(person=other):
            if Mention.objects.filter(item_id=mention.item_id, person=keep).exists():
                mention.delete()
            else:
                mention.person = keep
                mention.save(update_fields=["person"])
        names = [(other.name, other.organisation)] + list(other.aliases.values_list("name", "organisation"))
        other.aliases.all().delete()
        other.redirects.update(person=keep)
        slug, name = other.slug, other.name
        other.delete()
        PersonRedirect.objects.create(slug=slug, person=keep, name=name)
        for name, org in names:
            if (name, org) != (keep.name, keep.organisation):
                PersonAlias.objects.get_or_create(name=name, organisation=org, defaults={"person": keep})
        merged += 1
    return merged
