"""Browsing by date: home, calendar, month, issue, page."""
import calendar
import datetime

from django.db.models import Count, F, Prefetch, Q, Window
from django.db.models.functions import RowNumber
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control

from ..models import Issue, Item, Page, PageImage
from .common import (archive_last_modified, archive_view, canonical_url, date_or_404, headlines,
                     issue_last_modified, issue_or_404, neighbour_issues)
from .media import may_see


def visible_items():
    return Item.objects.published().with_page().order_by("position") \
        .prefetch_related("credits__person")


def pages_with_items(issue):
    # The prefetch sets each item's page (and each page's issue): no joins.
    items = Item.objects.published().order_by("position").prefetch_related("credits__person")
    return issue.pages.select_related("section").defer("raw_text", "warnings").order_by("number").prefetch_related(
        Prefetch("items", queryset=items, to_attr="visible"))


def daily_last_modified(request, *args, **kwargs):
    """For pages that change with the day (历史上的今天): the archive's last
    change, or the start of today when that is later."""
    start_of_today = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    changed = archive_last_modified(request)
    return max(changed, start_of_today) if changed else start_of_today


@archive_view(last_modified=daily_last_modified)
def home(request):
    issue = Issue.objects.order_by("-date").first()
    context = {"issue": issue}
    if issue is not None:
        pages = list(pages_with_items(issue))
        today = timezone.localdate()
        context.update(pages=pages, front=pages[0] if pages else None,
                       previous_issue=neighbour_issues(issue.date)[0],
                       on_this_day=on_this_day_issues(today.month, today.day, today.year, years=HOME_ON_THIS_DAY,
                                                       per_year=HOME_FRONT_ITEMS),
                       today=today)
    return render(request, "articles/home.html", context)


# ---------------------------------------------------------- on this day ---

HOME_ON_THIS_DAY = 5          # years shown on the home page
HOME_FRONT_ITEMS = 3          # headlines of each year's front page there
FRONT_ITEMS = 6               # ... and on the 历史上的今天 page, with a link to the rest


def on_this_day_issues(month, day, before_year, years=None, per_year=FRONT_ITEMS):
    """What the paper printed on month-day in the years before
    `before_year`, newest year first: [{issue, items, total, front}] with
    the first `per_year` articles and photos of the front page, how many it
    has, and the page itself; one query. (Every year's whole front page was
    336 items to render at 1,000,000 articles, most of the page's time.)"""
    first = Issue.objects.order_by("date").values_list("date", flat=True).first()
    if first is None:
        return []
    # The day in each year, looked up by the date index (a filter on the
    # month and day of every issue's date cannot use it: SQLite then read
    # all 1,000,000 items, 1.7 s).
    days = [datetime.date(year, month, day) for year in range(first.year, before_year)
            if day <= calendar.monthrange(year, month)[1]]
    items = (Item.objects.published().with_page()
             .filter(page__number=1, page__issue__date__in=days)
             .annotate(place=Window(RowNumber(), partition_by=[F("page_id")], order_by=[F("position").asc()]),
                       on_front=Window(Count("pk"), partition_by=[F("page_id")]))
             .filter(place__lte=per_year)
             .order_by("-page__issue__date", "position"))
    if years:
        items = items[:years * per_year]
    found = []
    for item in items:
        if not found or found[-1]["issue"].pk != item.page.issue_id:
            found.append({"issue": item.page.issue, "items": [], "total": item.on_front, "front": item.page})
        found[-1]["items"].append(item)
    return found


def month_day(value):
    """(month, day) of "MM-DD" (02-29 included), or None."""
    try:
        found = datetime.datetime.strptime(f"2000-{value}", "%Y-%m-%d").date()
    except (TypeError, ValueError):
        return None
    return (found.month, found.day) if len(value) == 5 else None


@archive_view(last_modified=daily_last_modified)
def on_this_day(request):
    today = timezone.localdate()
    value = request.GET.get("date")
    error = ""
    if value is None:
        month, day = today.month, today.day
    elif month_day(value):
        month, day = month_day(value)
    else:
        month, day = today.month, today.day
        error = f"“{value}”不是一个日期，请按“月-日”填写，如 02-04。"
    shown = datetime.date(2000, month, day)   # a leap year: 02-29 too
    context = {"shown": shown, "value": f"{month:02d}-{day:02d}", "error": error,
               "years": [] if error else on_this_day_issues(month, day, today.year),
               "previous_day": shown - datetime.timedelta(days=1), "next_day": shown + datetime.timedelta(days=1)}
    return render(request, "articles/on_this_day.html", context, status=400 if error else 200)


# ---------------------------------------------------------- jump to date ---

def jump_to_date(request):
    """/calendar/go/?date=2021-02-05: that day's issue, or the nearest one
    before it (the issue page says so), or the first one after it when
    there is none before."""
    value = request.GET.get("date", "")
    try:
        date = datetime.date.fromisoformat(value)
    except ValueError:
        return render(request, "articles/jump.html", {
            "value": value, "error": "请选择或填写一个日期，如 2021-02-04。" if not value
            else f"“{value}”不是一个日期，请按“年-月-日”填写，如 2021-02-04。"}, status=400)
    issue = Issue.objects.filter(date__lte=date).order_by("-date").only("date").first() \
        or Issue.objects.filter(date__gt=date).order_by("date").only("date").first()
    if issue is None:
        return render(request, "articles/jump.html", {"value": value, "error": "档案里还没有报纸。"}, status=404)
    url = issue.get_absolute_url()
    if issue.date != date:
        url += f"?requested={date.isoformat()}"
    return redirect(url)


def requested_note(request, issue, previous, following):
    """When the reader jumped to a day without an issue: which day that
    was and whether this issue is the nearest before or after it (checked
    against the issue's neighbours, so that a made-up link says nothing
    false)."""
    try:
        requested = datetime.date.fromisoformat(request.GET.get("requested", ""))
    except ValueError:
        return None
    if requested > issue.date and (following is None or following.date > requested):
        return {"date": requested, "before": True}
    if requested < issue.date and previous is None:
        return {"date": requested, "before": False}
    return None


# --------------------------------------------------------------- calendar ---

WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]


def month_grid(year, month, issue_dates, current=None):
    """Weeks of a month for a calendar table: each day with whether an issue
    was published that day. Monday first, as Chinese calendars are set.
    Built from the month's own days (the days before and after it are blank
    cells): calendar.monthdatescalendar would step outside the dates Python
    has in January of year 1 and December of 9999."""
    today = timezone.localdate()
    first = datetime.date(year, month, 1)
    days = [None] * first.weekday() + [first.replace(day=d) for d in range(1, calendar.monthrange(year, month)[1] + 1)]
    days += [None] * (-len(days) % 7)
    cells = [{"date": d, "in_month": True, "has_issue": d in issue_dates, "is_today": d == today,
              "is_current": d == current} if d else {"in_month": False} for d in days]
    return {"first": first, "weeks": [cells[i:i + 7] for i in range(0, len(cells), 7)]}


def next_month(first):
    """The first day of the month after `first`'s; None after December 9999."""
    if first.month == 12:
        return datetime.date(first.year + 1, 1, 1) if first.year < datetime.MAXYEAR else None
    return first.replace(month=first.month + 1)


@archive_view()
def calendar_years(request):
    # One grouped query: issues per year.
    years = (Issue.objects.values_list("date__year").annotate(n=Count("id")).order_by("-date__year"))
    return render(request, "articles/calendar_years.html", {"years": list(years)})


@canonical_url
@archive_view()
def calendar_year(request, year):
    if not datetime.MINYEAR <= year <= datetime.MAXYEAR:
        raise Http404("没有这一年")
    # One query for the whole year.
    dates = set(Issue.objects.filter(date__year=year).values_list("date", flat=True))
    if not dates:
        raise Http404("这一年没有报纸")
    months = [month_grid(year, m, dates) for m in range(1, 13)
              if any(d.month == m for d in dates)]
    years = list(Issue.objects.dates("date", "year"))
    previous = max((y.year for y in years if y.year < year), default=None)
    following = min((y.year for y in years if y.year > year), default=None)
    return render(request, "articles/calendar_year.html", {
        "year": year, "months": months, "issues": len(dates), "weekdays": WEEKDAYS,
        "previous_year": previous, "next_year": following})


def year_redirect(request, year):
    return redirect("calendar-year", year=year)


@canonical_url
@archive_view()
def month(request, year, month):
    first = date_or_404(year, month, 1)
    issues = list(Issue.objects.filter(date__year=year, date__month=month).order_by("date")
                  .annotate(n_pages=Count("pages")))
    if not issues:
        raise Http404("这个月没有报纸")
    dates = {i.date for i in issues}
    previous = Issue.objects.filter(date__lt=first).order_by("-date").only("date").first()
    after = next_month(first)
    following = after and Issue.objects.filter(date__gte=after).order_by("date").only("date").first()
    return render(request, "articles/month.html", {
        "month": month_grid(year, month, dates), "issues": issues, "weekdays": WEEKDAYS,
        "first": first, "previous_issue": previous, "next_issue": following})


# ------------------------------------------------------------ issue, page ---

@canonical_url
@archive_view(last_modified=issue_last_modified)
def issue_detail(request, year, month, day):
    issue = issue_or_404(year, month, day)
    pages = list(pages_with_items(issue))
    previous, following = neighbour_issues(issue.date)
    dates = set(Issue.objects.filter(date__year=issue.date.year, date__month=issue.date.month)
                .values_list("date", flat=True))
    return render(request, "articles/issue.html", {
        "issue": issue, "pages": pages, "previous_issue": previous, "next_issue": following,
        "requested": requested_note(request, issue, previous, following), "jump_value": issue.date.isoformat(),
        "share_description": headlines([i for p in pages for i in p.visible]),
        "month": month_grid(issue.date.year, issue.date.month, dates, current=issue.date), "weekdays": WEEKDAYS})


def page_or_404(year, month, day, number):
    date = date_or_404(year, month, day)
    return get_object_or_404(Page.objects.select_related("issue", "section"), issue__date=date, number=number)


@canonical_url
@archive_view(last_modified=issue_last_modified)
def page_detail(request, year, month, day, page):
    page = page_or_404(year, month, day, page)
    items = list(visible_items().filter(page=page).select_related("region"))
    numbers = list(page.issue.pages.order_by("number").values_list("number", flat=True))
    printed = PageImage.objects.filter(page=page).exclude(image="").first()
    if printed is not None and not may_see(page, request.user):
        printed = None
    index = numbers.index(page.number)
    previous, following = neighbour_issues(page.issue.date)
    return render(request, "articles/page.html", {
        "page": page, "issue": page.issue, "items": items, "share_description": headlines(items),
        "articles": [i for i in items if i.kind == Item.ARTICLE],
        "photos": [i for i in items if i.kind == Item.PHOTO],
        "previous_page": numbers[index - 1] if index > 0 else None,
        "next_page": numbers[index + 1] if index + 1 < len(numbers) else None,
        "page_numbers": numbers, "previous_issue": previous, "next_issue": following, "printed": printed,
        "outlined": [i for i in items if getattr(i, "region", None) and i.region.rects]})


@canonical_url
@archive_view(last_modified=issue_last_modified)
def page_raw(request, year, month, day, page):
    """The page's dump, exactly as it was imported: for everyone while all
    its items are published, for staff only once one is withdrawn."""
    page = page_or_404(year, month, day, page)
    private = not page.dump_is_public
    if private and not request.user.has_perm("articles.view_page"):
        raise Http404("本版有条目已撤回，原始文本不再公开")
    response = HttpResponse(page.raw_text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{page.issue.date:%Y-%m-%d}-{page.number:02d}.txt"'
    response["X-Content-Type-Options"] = "nosniff"
    if private:
        # Never kept by a shared cache, nor served from one to a reader.
        patch_cache_control(response, private=True, no_store=True)
    return response


def issues_with_counts():
    return Issue.objects.annotate(
        n_items=Count("pages__items", filter=Q(pages__items__status=Item.PUBLISHED,
                                               pages__items__kind__in=[Item.ARTICLE, Item.PHOTO])))
