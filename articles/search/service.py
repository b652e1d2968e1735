"""A reader's search, from the query string to results: shared by the search
page and /api/search/ so that both answer the same."""
import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from haystack.query import SearchQuerySet

from ..models import Item, Person, Section
from . import query as reader_query

PER_PAGE = 20
MAX_PAGE = 500
ORDERS = {"relevance": None, "newest": "-date", "oldest": "date"}
KINDS = {Item.ARTICLE: "文章", Item.PHOTO: "图片"}


@dataclass
class SearchForm:
    """The reader's request, validated: anything malformed is dropped, not
    an error."""
    q: str = ""
    date_from: datetime.date = None
    date_to: datetime.date = None
    year: int = None
    section: Section = None      # 版名
    column: Section = None       # 栏目
    kind: str = None
    person: Person = None
    order: str = "relevance"
    page: int = 1

    @classmethod
    def from_params(cls, params):
        form = cls(q=(params.get("q") or "").strip())
        form.date_from = _date(params.get("from"))
        form.date_to = _date(params.get("to"))
        year = params.get("year", "")
        form.year = int(year) if year.isdigit() and 1000 < int(year) < 3000 else None
        form.section = _section(params.get("section"), Section.PAGE)
        form.column = _section(params.get("column"), Section.COLUMN)
        form.kind = params.get("kind") if params.get("kind") in KINDS else None
        slug = params.get("person")
        form.person = Person.objects.filter(slug=slug).first() if slug else None
        form.order = params.get("order") if params.get("order") in ORDERS else "relevance"
        page = params.get("page", "")
        form.page = min(int(page), MAX_PAGE) if page.isdigit() and int(page) > 0 else 1
        return form

    def params(self, **changes):
        """The query string for this search with some parameters changed."""
        values = {
            "q": self.q, "from": self.date_from.isoformat() if self.date_from else "",
            "to": self.date_to.isoformat() if self.date_to else "", "year": self.year or "",
            "section": self.section.slug if self.section else "", "column": self.column.slug if self.column else "",
            "kind": self.kind or "", "person": self.person.slug if self.person else "",
            "order": "" if self.order == "relevance" else self.order,
        }
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v not in ("", None)})

    @property
    def filters(self):
        out = []
        if self.year:
            out.append(("year", f"{self.year}年"))
        if self.date_from or self.date_to:
            out.append(("from", f"{self.date_from or '…'} 至 {self.date_to or '…'}"))
        if self.section:
            out.append(("section", f"版面：{self.section.name}"))
        if self.column:
            out.append(("column", f"栏目：{self.column.name}"))
        if self.kind:
            out.append(("kind", KINDS[self.kind]))
        if self.person:
            out.append(("person", f"人物：{self.person.name}"))
        return [(key, label, self.params(**{key: "", "page": "", **({"to": ""} if key == "from" else {})}))
                for key, label in out]


def _date(value):
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _section(slug, kind):
    return Section.objects.filter(slug=slug, kind=kind).first() if slug else None


@dataclass
class SearchOutcome:
    form: SearchForm
    query: reader_query.ReaderQuery = None
    notice: str = ""                 # what to tell the reader about the query itself
    total: int = 0
    results: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    facets_approximate: bool = False     # people counted on a sample of a large result set
    pages: int = 0

    @property
    def first_index(self):
        return (self.form.page - 1) * PER_PAGE + 1

    @property
    def has_previous(self):
        return self.form.page > 1

    @property
    def has_next(self):
        return self.form.page < self.pages


def run(form):
    outcome = SearchOutcome(form=form)
    query = reader_query.parse(form.q)
    outcome.query = query
    if not form.q:
        outcome.notice = "请输入要查找的字词。"
        return outcome
    if query.truncated:
        outcome.notice = f"查询太长，只用了前 {reader_query.MAX_QUERY} 个字。"
    if query.is_empty:
        outcome.notice = "没有可以查找的字词（只有标点或符号）。请换个说法。"
        return outcome
    sqs = SearchQuerySet().models(Item).filter(content=query)
    if form.date_from:
        sqs = sqs.filter(date__gte=form.date_from)
    if form.date_to:
        sqs = sqs.filter(date__lte=form.date_to)
    if form.year:
        sqs = sqs.filter(year=form.year)
    if form.section:
        sqs = sqs.filter(page_section=form.section.pk)
    if form.column:
        sqs = sqs.filter(column_section=form.column.pk)
    if form.kind:
        sqs = sqs.filter(kind=form.kind)
    if form.person:
        sqs = sqs.filter(person=form.person.pk)
    if ORDERS[form.order]:
        sqs = sqs.order_by(ORDERS[form.order])
    sqs = sqs.facet("year").facet("page_section").facet("reporter").highlight()
    start = (form.page - 1) * PER_PAGE
    hits = list(sqs[start:start + PER_PAGE])
    outcome.total = sqs.count()
    outcome.pages = (outcome.total + PER_PAGE - 1) // PER_PAGE
    items = Item.objects.with_page().in_bulk([h.pk for h in hits])
    for hit in hits:
        item = items.get(int(hit.pk))
        if item is not None:
            outcome.results.append({"item": item, "snippet": hit.highlighted[0], "score": hit.score})
    counts = sqs.facet_counts()
    outcome.facets = _facets(counts.get("fields", {}), form)
    outcome.facets_approximate = bool(counts.get("queries", {}).get("approximate"))
    return outcome


def _facets(fields, form):
    sections = Section.objects.in_bulk([v for v, _ in fields.get("page_section", [])])
    people = Person.objects.in_bulk([v for v, _ in fields.get("reporter", [])])
    return {
        "year": [(f"{y}年", n, form.params(year=y, page="")) for y, n in sorted(fields.get("year", []), reverse=True)],
        "section": [(sections[v].name, n, form.params(section=sections[v].slug, page=""))
                    for v, n in fields.get("page_section", []) if v in sections],
        "reporter": [(people[v].name, n, form.params(person=people[v].slug, page=""))
                     for v, n in fields.get("reporter", []) if v in people],
    }
