"""Import one page: parse its dump and write issue, page, items, people,
credits and mentions in one transaction.

- An unchanged dump (same sha256) is skipped, unless forced.
- A changed dump replaces the page's items, keeping the rows (and so the
  permalinks) of the items that survive, and never touching an item an
  editor changed: that is reported as a conflict instead.
- Imports of the same issue are serialised by a lock on its row, so two
  importers running at once import each page exactly once.
"""
import datetime
import difflib
import hashlib
import logging
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Credit, Issue, Item, Mention, Page, Person, PersonAlias, PersonRedirect, Section
from ..pagedump import PARSER_VERSION, DumpError, decode_dump, parse_page
from ..messages import parser_message, say
from ..search import indexing
from ..slugs import first_free_slug
from .continuations import link_continuations

log = logging.getLogger(__name__)

_WS = re.compile(r"\s+")
# Two parses of the same item whose texts are this alike are the same item.
SAME_ITEM = 0.8


class PageImportError(Exception):
    """A page that cannot be imported; the message (`problem`, translatable)
    is one line for the log."""

    @property
    def problem(self):
        return self.args[0] if self.args else ""


@dataclass
class PageImport:
    status: str                      # "imported", "skipped", "dry-run"
    sha256: str
    parse: dict
    page: Page = None
    created: int = 0
    updated: int = 0
    deleted: int = 0
    kept: int = 0
    people_created: int = 0
    conflicts: list = field(default_factory=list)

    @property
    def items(self):
        return sum(1 for i in self.parse.get("items", []) if i["kind"] != Item.BANNER)

    @property
    def warnings(self):
        return self.parse.get("warnings", [])


def check_size(size):
    """Refuse a dump larger than ARCHIVE_MAX_DUMP_BYTES: a page is tens of
    kilobytes, and parsing and indexing take memory in step with the size."""
    limit = settings.ARCHIVE_MAX_DUMP_BYTES
    if size > limit:
        raise PageImportError(say(_("the file is {size}, more than a page dump may be ({limit}, "
                                    "ARCHIVE_MAX_DUMP_BYTES)"), size=_megabytes(size), limit=_megabytes(limit)))


def check_date(date):
    """Refuse an issue date before ARCHIVE_FIRST_DATE or after tomorrow (a
    paper is dated the day it comes out; a dump may arrive the evening
    before): such a date is a naming error, and would make URLs no
    calendar can show."""
    first = settings.ARCHIVE_FIRST_DATE
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    if date < first:
        raise PageImportError(say(_("the date {date} is before the archive's first day, {first} "
                                    "(ARCHIVE_FIRST_DATE)"), date=f"{date:%Y-%m-%d}", first=f"{first:%Y-%m-%d}"))
    if date > tomorrow:
        raise PageImportError(say(_("the date {date} is in the future (after {tomorrow})"), date=f"{date:%Y-%m-%d}",
                                  tomorrow=f"{tomorrow:%Y-%m-%d}"))


def _megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else say(_("{n} bytes"), n=f"{size:,}")


def import_page(source, data, *, force=False, dry_run=False, retries=3, sha256=None, pdf=None, image=None,
                rendered=None):
    """Import the dump `data` (bytes) as page `source.page` of the issue of
    `source.date`. Raises PageImportError with a one-line message.

    `sha256` keeps a page's recorded checksum when it is re-parsed from the
    text the archive stored (the admin's "re-import" action).

    `pdf` (bytes) is the page's PDF: alone (`data` None) its text is the
    page's dump; beside a dump it gives the page its image and layout.
    `image` (bytes of a JPEG, PNG or WebP) is the page's image. `rendered`
    is what rendering.render made of `pdf` already (the runner's prefetch)."""
    from . import printed, rendering
    if not 1 <= source.page <= settings.ARCHIVE_MAX_PAGES:
        raise PageImportError(say(_("page number {page} is out of range (1-{limit})"), page=source.page,
                                  limit=settings.ARCHIVE_MAX_PAGES))
    check_date(source.date)
    text = None
    if data is not None:
        check_size(len(data))
        try:
            text = decode_dump(data)
        except DumpError as e:
            raise PageImportError(parser_message(str(e)))
    for extra, what in ((pdf, "PDF"), (image, "page image")):
        if extra is not None:
            printed.check_print_size(len(extra), what)
    if data is None and pdf is None:
        raise PageImportError(_("nothing to import (no dump and no PDF)"))
    sha = sha256 or hashlib.sha256(data if data is not None else pdf).hexdigest()
    print_data = pdf if pdf is not None else image
    print_sha = hashlib.sha256(print_data).hexdigest() if print_data is not None else None
    if not force and not dry_run:
        # Unchanged since it was imported (and committed): nothing to parse.
        page = Page.objects.filter(issue__date=source.date, number=source.page, sha256=sha).first()
        if page is not None and _print_unchanged(page, print_sha):
            return PageImport(status="skipped", sha256=sha, parse={"items": [], "warnings": []}, page=page)
    if pdf is not None:
        try:
            # Parsed in the worker, beside this dump (or none, for a PDF alone).
            if rendered is None or rendered.parse is None or rendered.dump != text:
                rendered = rendering.render(pdf, dump=text)
        except rendering.RenderError as e:
            raise PageImportError(str(e))
        parse = rendered.parse
        if text is None:
            # A PDF alone is its own dump: its text layer, kept as the page's raw text.
            text = rendered.page.text if not parse.get("scan") else ""
        if parse.get("scan"):
            typed = _typed_text(source) if not text else ""
            if typed:
                # A scan brings no text: what an editor typed for the page
                # (录入正文) stays its text, parsed as before; the scan
                # gives it its image.
                text, parse = typed, parse_page(typed)
            else:
                parse["confidence"] = 0.0     # first in the editors' list of pages to check
    else:
        parse = parse_page(text)
    if dry_run:
        return PageImport(status="dry-run", sha256=sha, parse=parse)
    for attempt in range(retries):
        try:
            with transaction.atomic():
                result = _write(source, text, sha, parse, force, print_sha)
                if result.status in ("imported", "kept") and print_data is not None and \
                        (force or not _print_unchanged(result.page, print_sha) or result.status == "imported"):
                    printed.attach(result.page, sha=print_sha, source_path=source.path, rendered=rendered,
                                   pdf=pdf, image=image if pdf is None else None, parse=parse,
                                   regions=result.status == "imported")
                return result
        except OperationalError as e:
            # A deadlock or serialisation failure between two importers is
            # worth another try; a lost connection is not.
            if attempt + 1 < retries and _retryable(e):
                time.sleep(0.05 * (attempt + 1))
                continue
            raise


def _typed_text(source):
    """The text already stored for the page `source` names (typed by an
    editor for a scan), or ""."""
    return Page.objects.filter(issue__date=source.date, number=source.page).values_list(
        "raw_text", flat=True).first() or ""


def _retryable(error):
    text = str(error).lower()
    return "deadlock" in text or "could not serialize" in text or "database is locked" in text


def _print_unchanged(page, print_sha):
    """Is the page's image (from its PDF or image file) the one of `print_sha`
    (None: the import brings none, so there is nothing to change)?"""
    if print_sha is None:
        return True
    from ..models import PageImage
    return PageImage.objects.filter(page=page, sha256=print_sha).exists()


def _write(source, text, sha, parse, force, print_sha=None):
    issue = _locked_issue(source)
    page = Page.objects.filter(issue=issue, number=source.page).first()
    if page is not None and page.sha256 == sha and not force and _print_unchanged(page, print_sha):
        return PageImport(status="skipped", sha256=sha, parse=parse, page=page)
    if page is not None and page.is_protected:
        # Corrected in proofing (or checked): the editor's items stand, and
        # the dump they were checked against with them.
        result = PageImport(status="kept", sha256=page.sha256, parse=parse, page=page, kept=page.items.count())
        result.conflicts.append(say(
            _("page {page} of {date} was corrected by an editor (版面校对): its items and its dump are kept as "
              "they are, the new parse is not applied"), page=page.number, date=f"{source.date:%Y-%m-%d}"))
        return result
    section = Section.for_name(Section.PAGE, source.page_name) if source.page_name else None
    now = timezone.now()
    fields = dict(raw_text=text, sha256=sha, encoding="", source_path=str(source.path)[:500],
                  imported_at=now, parser_version=PARSER_VERSION, warnings=parse.get("warnings", []),
                  label=(parse.get("page_label") or "")[:100], confidence=parse.get("confidence"))
    if page is None:
        page = Page.objects.create(issue=issue, number=source.page, name=source.page_name, section=section, **fields)
    else:
        for k, v in fields.items():
            setattr(page, k, v)
        if source.page_name:
            page.name, page.section = source.page_name, section
        page.save()
    result = PageImport(status="imported", sha256=sha, parse=parse, page=page)
    with indexing.deferred() as touched:
        _sync_items(page, parse["items"], result)
        link_continuations(page)
        touched.update(page.items.values_list("pk", flat=True))
    return result


def _locked_issue(source):
    """The issue of that day, made if needed, and locked for this transaction
    so that imports of its pages run one after another."""
    meta = source.issue_meta or {}
    defaults = {}
    if isinstance(meta.get("number"), int):
        defaults["number"] = meta["number"]
    if meta.get("edition"):
        defaults["edition"] = str(meta["edition"])[:50]
    try:
        with transaction.atomic():
            issue, _ = Issue.objects.get_or_create(date=source.date, defaults=defaults)
    except IntegrityError:
        issue = Issue.objects.get(date=source.date)
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    changed = [k for k, v in defaults.items() if not getattr(issue, k)]
    for k in changed:
        setattr(issue, k, defaults[k])
    if changed:
        issue.save(update_fields=changed + ["updated_at"])
    return issue


# ------------------------------------------------------------------ items ---

def fingerprint(kind, headline, body):
    text = "".join(b.get("text", "") for b in body or [])
    return hashlib.sha256(f"{kind}|{_WS.sub('', headline or '')}|{_WS.sub('', text)}".encode()).hexdigest()


def _similarity(existing, parsed):
    if existing.kind != parsed["kind"]:
        return 0.0
    if existing.fingerprint == fingerprint(parsed["kind"], parsed.get("headline"), parsed["body"]):
        return 1.0
    if existing.kind == Item.BANNER:
        return 0.9 if existing.headline == (parsed.get("headline") or "") else 0.0
    a = _WS.sub("", existing.plain_text)
    b = _WS.sub("", "".join(x["text"] for x in parsed["body"]))
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    score = matcher.quick_ratio() and matcher.ratio()
    if existing.headline and existing.headline == (parsed.get("headline") or ""):
        score = max(score, SAME_ITEM + 0.05)
    return score


def _match(existing, parsed):
    """Pairs (existing item, parsed item index), best first, each used once."""
    scored = []
    for e in existing:
        for j, p in enumerate(parsed):
            s = _similarity(e, p)
            if s >= SAME_ITEM:
                scored.append((s, e.pk, j, e))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_e, used_p, pairs = set(), set(), []
    for s, pk, j, e in scored:
        if pk in used_e or j in used_p:
            continue
        used_e.add(pk)
        used_p.add(j)
        pairs.append((e, j))
    return pairs


def _sync_items(page, parsed, result, respect_edits=True):
    """Make the page's items those of `parsed`, keeping the rows of the
    items that survive (matched by text); an item an editor changed is
    kept as it is unless `respect_edits` is False (an editor's own checked
    parse replacing the page's items, articles.proofing.gold)."""
    existing = list(page.items.all())
    if not respect_edits:
        for e in existing:
            e.edited = False
    pairs = _match(existing, parsed)
    matched_existing = {e.pk for e, _ in pairs}
    by_parsed = {j: e for e, j in pairs}
    people = _resolve_people(parsed, result)
    sections = {}
    gone = []
    for e in existing:
        if e.pk in matched_existing:
            continue
        if e.edited:
            result.kept += 1
            result.conflicts.append(say(_("「{title}」(#{pk}) is not in the new dump; kept because an editor changed it"),
                                        title=e.title, pk=e.pk))
        else:
            gone.append(e.pk)
    if gone:
        Item.objects.filter(pk__in=gone).delete()
        result.deleted += len(gone)
    new, updated, written = [], [], []
    for position, p in enumerate(parsed):
        e = by_parsed.get(position)
        if e is not None and e.edited:
            result.kept += 1
            if e.fingerprint != fingerprint(p["kind"], p.get("headline"), p["body"]):
                result.conflicts.append(say(
                    _("「{title}」(#{pk}) was changed by an editor; the new dump differs, the editor's version is kept"),
                    title=e.title, pk=e.pk))
            continue
        item = e or Item(page=page)
        _fill(item, p, position, sections)
        (updated if e is not None else new).append(item)
        written.append((item, p))
    # Items, then their credits and mentions, in a few statements a page.
    Item.objects.bulk_create(new)
    for item in updated:
        item.save()
    if updated:
        Credit.objects.filter(item__in=updated).delete()
        Mention.objects.filter(item__in=updated).delete()
    result.created += len(new)
    result.updated += len(updated)
    credits, mentions = [], []
    for item, p in written:
        credits += [Credit(item=item, person=people[(c["name"], _org(c))], role=c.get("role") or "记者", order=k)
                    for k, c in enumerate(_credits(p))]
        seen = set()
        for k, m in enumerate(p.get("people") or []):
            person = people[(_WS.sub("", m["name"])[:50], "")]
            if person.pk not in seen:
                seen.add(person.pk)
                mentions.append(Mention(item=item, person=person, title=(m.get("title") or "")[:200], order=k))
    Credit.objects.bulk_create(credits, ignore_conflicts=True)
    Mention.objects.bulk_create(mentions, ignore_conflicts=True)


def _fill(item, p, position, sections):
    item.position = position
    item.kind = p["kind"]
    item.role = (p.get("role") or "")[:20]
    item.headline = (p.get("headline") or "")[:300]
    item.kicker = (p.get("kicker") or "")[:300]
    item.subtitle = (p.get("subtitle") or "")[:300]
    item.column = (p.get("column") or "")[:100]
    if item.column and p["kind"] != Item.BANNER:
        if item.column not in sections:
            sections[item.column] = Section.for_name(Section.COLUMN, item.column)
        item.column_section = sections[item.column]
    else:
        item.column_section = None
    item.dateline = (p.get("dateline") or "")[:100]
    item.byline = (p.get("byline") or "")[:300]
    item.body = p["body"] if p["kind"] != Item.BANNER else [{"type": "paragraph", "text": p.get("text") or ""}]
    item.continued_to_page = p.get("continued_to_page")
    item.continued_from_page = p.get("continued_from_page")
    item.fingerprint = fingerprint(p["kind"], p.get("headline"), p["body"])
    item.confidence = p.get("confidence")
    item.lines = [n for n in p.get("lines") or [] if isinstance(n, int)]


def _credits(p):
    return [c for c in p.get("credits") or [] if c.get("name")]


def _org(credit):
    return (credit.get("org") or "本报")[:50]


def _resolve_people(parsed, result):
    """Every person the page names, found or made: {(name, organisation): Person}.

    In bulk: one query for aliases, one for people, one insert for the new
    ones (conflicts with a concurrent importer ignored, then read back)."""
    wanted = {}
    for p in parsed:
        for c in _credits(p):
            org = _org(c)
            wanted[(_WS.sub("", c["name"])[:50], org)] = Person.STAFF if org == "本报" else Person.WIRE
        for m in p.get("people") or []:
            wanted.setdefault((_WS.sub("", m["name"])[:50], ""), Person.NAMED)
    if not wanted:
        return {}
    names = {n for n, _ in wanted}
    people = {}
    for alias in PersonAlias.objects.filter(name__in=names).select_related("person"):
        if (alias.name, alias.organisation) in wanted:
            people[(alias.name, alias.organisation)] = alias.person
    missing = set(wanted) - set(people)
    for person in Person.objects.filter(name__in={n for n, _ in missing}):
        key = (person.name, person.organisation)
        if key in missing:
            people[key] = person
    missing = sorted(set(wanted) - set(people))
    if missing:
        slugs = unique_slugs([(name, org, wanted[(name, org)]) for name, org in missing])
        Person.objects.bulk_create(
            [Person(name=n, organisation=o, kind=wanted[(n, o)], slug=slug) for (n, o), slug in zip(missing, slugs)],
            ignore_conflicts=True)
        made = {(x.name, x.organisation): x for x in Person.objects.filter(name__in={n for n, _ in missing})}
        for key in missing:
            if key in made:
                people[key] = made[key]
            else:
                # Lost a race for the slug: the careful way, one by one.
                people[key], _ = find_or_create_person(key[0], key[1], wanted[key])
        result.people_created += len(missing)
    return people


def unique_slugs(people):
    """Slugs for new people [(name, organisation, kind)], unique among
    themselves and against the table (one query)."""
    bases = [Person.slug_base(name, org, kind) for name, org, kind in people]
    taken = set()
    # (A merged person's slug redirects for good: never given again.)
    for model in (Person, PersonRedirect):
        taken |= set(model.objects.filter(slug__in=bases).values_list("slug", flat=True))
        taken |= set(model.objects.filter(slug__regex=r"^(" + "|".join(re.escape(b) for b in set(bases)) + r")-[0-9]+$")
                     .values_list("slug", flat=True)) if bases else set()
    out = []
    for base in bases:
        slug = first_free_slug(base, taken.__contains__)
        taken.add(slug)
        out.append(slug)
    return out


def find_or_create_person(name, organisation, kind):
    name = _WS.sub("", name)[:50]
    alias = PersonAlias.objects.filter(name=name, organisation=organisation).select_related("person").first()
    if alias is not None:
        return alias.person, False
    for attempt in range(3):
        try:
            with transaction.atomic():
                return Person.objects.get_or_create(name=name, organisation=organisation, defaults={"kind": kind})
        except IntegrityError:
            # Another importer made the same person (or took the slug) at
            # the same moment: look again.
            person = Person.objects.filter(name=name, organisation=organisation).first()
            if person is not None:
                return person, False
    raise PageImportError(say(_("could not record the person {name}"), name=name))
