"""A large archive for the web and search benchmarks: articles of the
人民日报 corpus (cycled, each copy a different item) spread over issues of
eight pages, credited to a pool of reporters, written straight through the
ORM in bulk (the importer has its own benchmark). The search index is built
after, and timed."""
import datetime
import random
import time

from django.db import transaction
from django.utils import timezone

PAGES_PER_ISSUE = 8
REPORTERS = 300


def build(n_items, seed=1, batch=2000, log=print):
    from articles.models import Credit, Issue, Item, Page, Person, Section
    from articles.tests import pagegen

    rows = pagegen.load_corpus()
    rng = random.Random(seed)
    per_page = 12
    per_issue = PAGES_PER_ISSUE * per_page
    n_issues = (n_items + per_issue - 1) // per_issue
    start = time.perf_counter()
    sections = [Section.objects.get_or_create(kind=Section.PAGE, name=n, defaults={"slug": f"s{i}"})[0]
                for i, n in enumerate(["要闻", "综合新闻", "县区新闻", "经济", "文化", "民生", "理论", "体育"])]
    reporters = Person.objects.bulk_create([
        Person(name=f"{rng.choice(pagegen.SURNAMES)}{rng.choice(pagegen.GIVEN)}{rng.choice(pagegen.GIVEN)}{i}",
               organisation="本报", kind=Person.STAFF, slug=f"r{i}") for i in range(REPORTERS)])
    first_day = datetime.date(2021, 12, 31) - datetime.timedelta(days=n_issues - 1)
    issues = Issue.objects.bulk_create([Issue(date=first_day + datetime.timedelta(days=d), number=5000 + d)
                                        for d in range(n_issues)])
    now = timezone.now()
    def row(k):
        return rows[(k * 7919 + seed) % len(rows)]

    def dump(page_index):
        """About what the page's dump would hold: its articles' text."""
        return "\n".join(line for k in range(page_index * per_page, (page_index + 1) * per_page)
                         for line in [row(k)["headline"], *row(k)["paragraphs"][:12]])

    pages = Page.objects.bulk_create([
        Page(issue=issue, number=p + 1, name=sections[p].name, section=sections[p], label=f"JZ{sections[p].name}",
             raw_text=dump(d * PAGES_PER_ISSUE + p), sha256=f"{issue.pk:032d}{p:032d}", imported_at=now)
        for d, issue in enumerate(issues) for p in range(PAGES_PER_ISSUE)], batch_size=batch)
    made = 0
    while made < n_items:
        items = []
        for k in range(made, min(n_items, made + batch)):
            article = row(k)
            page = pages[k // per_page]
            items.append(Item(
                page=page, position=k % per_page, kind=Item.ARTICLE, headline=article["headline"][:300],
                kicker=(article.get("kicker") or "")[:300], subtitle=(article.get("subtitle") or "")[:300],
                body=[{"type": "paragraph", "text": t} for t in article["paragraphs"][:12]]))
        with transaction.atomic():
            Item.objects.bulk_create(items)
            Credit.objects.bulk_create([Credit(item=i, person=reporters[(i.pk * 31) % REPORTERS], role="记者")
                                        for i in items])
        made += len(items)
    log(f"built {made} items in {n_issues} issues in {time.perf_counter() - start:.0f} s")
    return issues


def build_index(log=print):
    """`manage.py rebuild_index`, timed; returns articles per second."""
    import io

    from django.core.management import call_command

    from articles.models import Item
    n = Item.objects.published().count()
    start = time.perf_counter()
    call_command("rebuild_index", interactive=False, no_progress=True, stdout=io.StringIO())
    elapsed = time.perf_counter() - start
    rate = n / elapsed
    log(f"rebuild_index: {n} articles in {elapsed:.0f} s: {rate:.0f} articles/s (segmenting, writing, "
        f"and building the full-text indexes)")
    return rate
