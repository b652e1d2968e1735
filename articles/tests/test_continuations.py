"""Stories printed across pages: the markers the parser reads — long and
short (下转/上接, 转/接), with Arabic, full-width and Chinese page numerals
(二版, 第十二版) — and the links the import makes from them: between the
part continued to a page and the part continued from it, not the page's
other articles, whichever page comes first, and never over an editor's
change."""
import unittest

from django.test import TestCase, tag

from articles import editing
from articles.models import Item
from articles.pagedump import parse_page
from articles.pagedump.furniture import find_markers

from .helpers import dump_dir, import_pages

# Page 1: an article going on to page 2 ("（转二版）": short marker, Chinese
# numeral) and one going on to page 3. Page 2: its other part, under a
# headline of its own ("（接一版）"), and an article of its own.
FRONT = ("乘 风 奋 楫 逐 浪 高\n\n本报讯（记者李晓雯）我市以特色活动为载体持续提升影响力，文旅融合发展取得新成效。（转二版）\n\n"
         "市 政 协 召 开 党 组 会 议\n\n本报讯（记者雷甫）市政协召开党组会议，集中学习有关讲话精神。（转三版）\n")
INSIDE = ("文 旅 名 片 越 擦 越 亮\n\n（接一版）这一个个活动以其独特的魅力成为我市一张张亮丽的名片，也让更多人认识了晋中。\n\n"
          "就 地 过 大 年 暖 心 更 安 心\n\n本报讯（记者王菲）年关将至，能否回家过年，牵动着不少在外打工者的心。\n")


class MarkerTests(unittest.TestCase):
    def test_long_and_short_markers_with_every_kind_of_page_number(self):
        for marker, direction, page in (
                ("（下转第2版）", "to", 2), ("（上接第1版）", "from", 1), ("（转2版）", "to", 2), ("（接第3版）", "from", 3),
                ("（转二版）", "to", 2), ("（接一版）", "from", 1), ("（下转第十二版）", "to", 12),
                ("（转第二十版）", "to", 20), ("（上接第１６版）", "from", 16), ("(接 四 版)", "from", 4)):
            with self.subTest(marker=marker):
                found = find_markers(f"活动成为我市亮丽的名片。{marker}")
                self.assertEqual([(direction, page)], [(d, p) for _s, _e, d, p in found])

    def test_the_parse_carries_the_page_numbers_of_short_markers(self):
        front = [i for i in parse_page(FRONT)["items"] if i["kind"] == "article"]
        inside = [i for i in parse_page(INSIDE)["items"] if i["kind"] == "article"]
        self.assertEqual([(i["headline"], i["continued_to_page"]) for i in front],
                         [("乘风奋楫逐浪高", 2), ("市政协召开党组会议", 3)])
        self.assertEqual([(i["headline"], i["continued_from_page"]) for i in inside],
                         [("文旅名片越擦越亮", 1), ("就地过大年暖心更安心", None)])
        # The markers are not left in the text.
        self.assertNotIn("转二版", "".join(b["text"] for i in front for b in i["body"]))
        self.assertNotIn("接一版", "".join(b["text"] for i in inside for b in i["body"]))


@tag("engine")
class ContinuationLinkTests(TestCase):
    def import_pages_in_order(self, *numbers, force=False):
        with dump_dir({"2021-02-04-01.txt": FRONT, "2021-02-04-02.txt": INSIDE}) as d:
            for n in numbers:
                result = import_pages(d / f"2021-02-04-{n:02d}.txt", *(["--force"] if force else []))
                self.assertEqual(result.status, 0, result)

    def items(self):
        items = {i.headline: i for i in Item.objects.filter(kind=Item.ARTICLE)}
        self.assertEqual(set(items), {"乘风奋楫逐浪高", "市政协召开党组会议", "文旅名片越擦越亮", "就地过大年暖心更安心"})
        return items

    def check_links(self):
        items = self.items()
        # The part from page 1 has a headline of its own: it is linked
        # because it is the one part continued from page 1 to the one part
        # continued to page 2 — the page's other articles are not candidates.
        self.assertEqual(items["文旅名片越擦越亮"].continues, items["乘风奋楫逐浪高"])
        self.assertEqual({h: i.continues_id for h, i in items.items() if h != "文旅名片越擦越亮"},
                         {"乘风奋楫逐浪高": None, "市政协召开党组会议": None, "就地过大年暖心更安心": None})

    def test_front_page_first(self):
        self.import_pages_in_order(1, 2)
        self.check_links()

    def test_inside_page_first(self):
        self.import_pages_in_order(2, 1)
        self.check_links()

    def test_a_link_an_editor_removed_is_not_made_again(self):
        self.import_pages_in_order(1, 2)
        part = self.items()["文旅名片越擦越亮"]
        part.continues = None
        editing.mark_edited(part)
        part.save()
        for page in (1, 2):
            with self.subTest(reimported=page):
                self.import_pages_in_order(page, force=True)
                part.refresh_from_db()
                self.assertIsNone(part.continues_id)

    def test_a_link_an_editor_set_is_not_overwritten(self):
        self.import_pages_in_order(1, 2)
        items = self.items()
        part, chosen = items["文旅名片越擦越亮"], items["市政协召开党组会议"]
        part.continues = chosen
        editing.mark_edited(part)
        part.save()
        for page in (1, 2):
            with self.subTest(reimported=page):
                self.import_pages_in_order(page, force=True)
                part.refresh_from_db()
                self.assertEqual(part.continues_id, chosen.pk)

    def test_a_link_an_earlier_import_made_is_kept_when_the_other_page_changes(self):
        self.import_pages_in_order(1, 2)
        part, first = self.items()["文旅名片越擦越亮"], self.items()["乘风奋楫逐浪高"]
        changed = FRONT.replace("市 政 协 召 开 党 组 会 议", "市 政 协 召 开 主 席 会 议")
        with dump_dir({"2021-02-04-01.txt": changed}) as d:
            import_pages(d)
        part.refresh_from_db()
        self.assertEqual(part.continues_id, first.pk)
