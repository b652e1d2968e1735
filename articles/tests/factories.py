"""Building archives for view tests, straight through the ORM (no parsing),
the search index written once at the end."""
import datetime
import itertools

from django.utils import timezone

from articles.models import Credit, Issue, Item, Mention, Page, Person, Section
from articles.search import indexing

_counter = itertools.count(1)

PARAGRAPHS = [
    "2月3日上午，市委副书记、市长常书铭带领有关部门负责人，深入榆次区调研疫情防控工作。",
    "常书铭指出，当前仍处于疫情防控关键期，各级各部门要坚持外防输入、内防反弹工作方针。",
    "我市以开展活动为媒介，生动讲述晋中故事，充分展示晋商故里的独特魅力。",
]


def person(name, org="本报", kind=Person.STAFF):
    return Person.objects.get_or_create(name=name, organisation=org, defaults={"kind": kind})[0]


def issue(date, pages=1, items_per_page=3, reporters=("雷甫",), section=None, column=None, number=None,
          named=("常书铭",)):
    """An issue of `pages` pages with `items_per_page` articles each, every
    article credited to `reporters` and naming `named`."""
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    with indexing.deferred():
        the_issue, _ = Issue.objects.get_or_create(date=date, defaults={"number": number})
        people = [person(n) for n in reporters]
        named_people = [person(n, "", Person.NAMED) for n in named]
        page_section = Section.for_name(Section.PAGE, section) if section else None
        column_section = Section.for_name(Section.COLUMN, column) if column else None
        for p in range(1, pages + 1):
            page, _ = Page.objects.get_or_create(
                issue=the_issue, number=p,
                defaults=dict(name=section or "", section=page_section, label="JZ第一视线", raw_text="（原始文本）",
                              sha256=f"{next(_counter):064d}", imported_at=timezone.now()))
            add_items(page, items_per_page, people, named_people, column_section)
    return the_issue


def add_items(page, n, people=(), named_people=(), column_section=None, start=None):
    with indexing.deferred():
        return _add_items(page, n, people, named_people, column_section, start)


def _add_items(page, n, people, named_people, column_section, start):
    start = page.items.count() if start is None else start
    items = Item.objects.bulk_create([
        Item(page=page, position=start + k, kind=Item.ARTICLE,
             headline=f"第{page.number}版第{start + k + 1}篇 市政协召开党组会议",
             column=column_section.name if column_section else "", column_section=column_section,
             body=[{"type": "paragraph", "text": f"本报讯（记者雷甫）{t}"} for t in PARAGRAPHS[:2]]
             + [{"type": "subhead", "text": "搭台唱戏，精彩不停歇"}, {"type": "paragraph", "text": PARAGRAPHS[2]}])
        for k in range(n)])
    Credit.objects.bulk_create([Credit(item=i, person=p, role="记者", order=o)
                                for i in items for o, p in enumerate(people)])
    Mention.objects.bulk_create([Mention(item=i, person=p, title="市委副书记、市长", order=o)
                                 for i in items for o, p in enumerate(named_people)])
    for item in items:
        indexing.note(item.pk)
    return items


def photo(page, caption="2月1日，工人正在养护新栽种的蓝莓、樱桃树。", title="抓时节 忙养护", by="曹伟"):
    with indexing.deferred():
        item = Item.objects.create(page=page, position=page.items.count(), kind=Item.PHOTO, headline=title,
                                   body=[{"type": "paragraph", "text": caption}])
        Credit.objects.create(item=item, person=person(by), role="摄影")
    return item
