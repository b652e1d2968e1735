"""A reader's search, from the query string to results: shared by the search
page and /api/search/ so that both answer the same."""
import datetime
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django import forms
from django.db.models import Exists, OuterRef
from haystack.query import SearchQuerySet

from ..models import Item, Person, Section
from . import query as reader_query

PER_PAGE = 20
MAX_PAGE = 500
ORDERS = {"relevance": None, "newest": "-date", "oldest": "date"}
ORDER_LABELS = {"relevance": "相关度", "newest": "最新的在前", "oldest": "最早的在前"}
KINDS = {Item.ARTICLE: "文章", Item.PHOTO: "图片"}


class FilterForm(forms.Form):
    """What the search URL accepts besides the words, checked by Django's
    forms: a value that is present but wrong (from=2021-13-01, an unknown
    版名) is an error shown on the form, never silently dropped."""

    year = forms.IntegerField(label="年份", required=False, min_value=1000, max_value=3000)
    section = forms.ChoiceField(label="版名", required=False)
    column = forms.ChoiceField(label="栏目", required=False)
    kind = forms.ChoiceField(label="类型", choices=[("", "文章和图片")] + list(KINDS.items()), required=False)
    person = forms.CharField(label="人物", required=False, strip=True,
                             help_text="记者或新闻人物的姓名",
                             widget=forms.TextInput(attrs={"list": "person-options", "autocomplete": "off",
                                                           "data-lookup": "/api/people/"}))
    order = forms.ChoiceField(label="排序", choices=list(ORDER_LABELS.items()), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="%s", label_suffix="", **kwargs)
        # "from" is a Python keyword: these two are added here, first, as
        # the form shows them.
        dates = {"from": forms.DateField(label="从", required=False, widget=forms.DateInput(attrs={"type": "date"})),
                 "to": forms.DateField(label="到", required=False, widget=forms.DateInput(attrs={"type": "date"}))}
        self.fields = {**dates, **self.fields}
        # Page names and columns with something readers may see, in one
        # query: the choices of both lists, and what a slug stands for.
        visible = Item.objects.published()
        self.sections = {s.slug: s for s in Section.objects.filter(
            Exists(visible.filter(column_section=OuterRef("pk"))) | Exists(visible.filter(page__section=OuterRef("pk")))
        ).order_by("name")}
        for name, kind, empty in (("section", Section.PAGE, "全部版面"), ("column", Section.COLUMN, "全部栏目")):
            self.fields[name].choices = [("", empty)] + [(slug, s.name) for slug, s in self.sections.items()
                                                         if s.kind == kind]
        for field in self.fields.values():
            if "invalid_choice" in field.error_messages:
                field.error_messages["invalid_choice"] = "没有这一项，请从列表中选择。"
        self.fields["from"].error_messages["invalid"] = "请按“年-月-日”填写一个真实的日期，如 2021-02-04。"
        self.fields["to"].error_messages["invalid"] = "请按“年-月-日”填写一个真实的日期，如 2021-02-04。"

    def clean_section(self):
        return self.sections.get(self.cleaned_data.get("section"))

    def clean_column(self):
        return self.sections.get(self.cleaned_data.get("column"))

    def clean_person(self):
        value = self.cleaned_data.get("person")
        if not value:
            return None
        found = Person.objects.filter(slug=value).first()
        if found is None:
            named = list(Person.objects.filter(name=value)[:2])
            if len(named) > 1:
                raise forms.ValidationError(f"有不止一位“{value}”，请从列表中选择。")
            found = named[0] if named else None
        if found is None:
            raise forms.ValidationError(f"档案里没有“{value}”。")
        return found

    def clean(self):
        data = super().clean()
        if data.get("from") and data.get("to") and data["from"] > data["to"]:
            self.add_error("to", "结束日期早于开始日期。")
        return data

    def full_clean(self):
        super().full_clean()
        # Each field with an error says so to assistive technology and
        # points at its message (rendered as "<id>-error").
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update({"aria-invalid": "true", "aria-describedby": f"{name}-error"})


@dataclass
class SearchForm:
    """The reader's request, validated (FilterForm): `errors` holds what was
    wrong, and a search with errors is not run."""
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
    form: FilterForm = None
    errors: dict = field(default_factory=dict)

    @classmethod
    def from_params(cls, params):
        filters = FilterForm({k: v for k, v in params.items() if k not in ("q", "page")})
        filters.is_valid()
        data = filters.cleaned_data
        form = cls(q=(params.get("q") or "").strip(), form=filters,
                   errors={k: list(v) for k, v in filters.errors.items()})
        form.date_from, form.date_to = data.get("from"), data.get("to")
        form.year = data.get("year")
        form.section, form.column = data.get("section"), data.get("column")
        form.kind = data.get("kind") or None
        form.person = data.get("person")
        form.order = data.get("order") or "relevance"
        page = params.get("page", "")
        form.page = min(int(page), MAX_PAGE) if page.isdigit() and int(page) > 0 else 1
        return form

    @property
    def is_advanced(self):
        """Whether the reader used (or got wrong) more than the words."""
        return bool(self.filters or self.order != "relevance" or self.errors)

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
    def params_words_only(self):
        """The query string with every filter taken off (the order kept)."""
        return urlencode({k: v for k, v in (("q", self.q), ("order", "" if self.order == "relevance" else self.order))
                          if v})

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
    if form.errors:
        outcome.notice = "检索条件有误，请改正后再搜索。"
        return outcome
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
            snippet = hit.highlighted[0]
            if not item.headline:
                # Its title is its opening words: the snippet need not repeat them.
                snippet = snippet.without_opening(item.opening)
            outcome.results.append({"item": item, "snippet": snippet, "score": hit.score})
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
