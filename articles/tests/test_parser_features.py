"""What the line labeller is shown of a line (features.py): evidence that
holds whatever the layout. Plain unittest: no model and no database."""
import unittest

from articles.pagedump.features import line_features
from articles.pagedump.lines import classify, split_lines


def features(text):
    lines, double = split_lines(text)
    classify(lines)
    return {line.clean: set(f) for line, f in zip(lines, line_features(lines, double))}


def value(feats, name):
    found = [f.split("=", 1)[1] for f in feats if f.startswith(name + "=")]
    return int(found[0]) if found else None


# Two stories of one page: the second shares no words with the first.
FIRST = ("疫情防控工作领导小组会议要求，\n各地要加强社区防控工作，落实社区\n防控措施，社区防控是疫情防控的\n"
         "关键环节，要把社区防控措施落实\n到每一个小区。社区干部要守好社\n区防控第一道防线。")
SECOND = ("春节临近，全市各大超市货源充足，\n米面油肉蛋奶等生活必需品供应稳\n定，价格总体平稳，蔬菜水果品种\n"
          "丰富，市民可放心选购年货。")
SAME = ("社区防控措施落实以后，各小区的\n防控工作更加有序，社区干部每天\n检查小区防控措施的落实情况。")


class CohesionTests(unittest.TestCase):
    def test_a_new_story_shares_fewer_words_with_the_text_before_than_a_new_paragraph(self):
        other = value(features(FIRST + "\n\n" + SECOND)["春节临近，全市各大超市货源充足，"], "coh")
        same = value(features(FIRST + "\n\n" + SAME)["社区防控措施落实以后，各小区的"], "coh")
        self.assertIsNotNone(other)
        self.assertIsNotNone(same)
        self.assertLess(other, same)
        self.assertEqual(other, 0)


class WrappedDatelineTests(unittest.TestCase):
    def test_a_dateline_wrapped_in_a_narrow_column_still_reads_as_a_lead(self):
        text = "本报北京2月1\n日电（记者\n曲哲涵）近日，\n财政部等三部\n门发布公告。\n"
        self.assertIn("lead", features(text)["本报北京2月1"])

    def test_prose_that_goes_on_to_a_date_is_not_a_lead(self):
        text = "他说，本月起\n各地将陆续复工，\n企业要做好准备。\n"
        self.assertNotIn("lead", features(text)["他说，本月起"])


class FurnitureLineTests(unittest.TestCase):
    """Furniture that extraction tools cut up or run together
    (PAGE_FORMAT.md §1: date strips, 星期X, 第N版, 本版责编 lines) is read
    as furniture; prose that names an editor is not."""

    def kinds(self, text):
        lines, _ = split_lines(text)
        classify(lines)
        return {line.clean: line.kind for line in lines}

    def test_a_weekday_with_its_page_number_is_furniture(self):
        for line in ("星期四 第17版", "星期五 04", "星期二 第 9 版", "周六"):
            with self.subTest(line=line):
                self.assertEqual(self.kinds(line + "\n")[line.replace(" ", "")], "furniture")

    def test_an_editor_line_with_its_spaces_lost_is_furniture(self):
        self.assertEqual(self.kinds("本版责编罗瑞版式李静\n")["本版责编罗瑞版式李静"], "furniture")

    def test_the_papers_imprint_is_furniture(self):
        line = "地址：晋中市榆次区迎宾西街 邮编：030600 印刷：晋中日报社印刷厂"
        self.assertEqual(next(iter(self.kinds(line + "\n").values())), "furniture")

    def test_prose_naming_editors_or_a_weekday_is_text(self):
        for line in ("编辑记者深入一线采访", "星期四第17版刊登了这篇报道。", "责编张三"):
            with self.subTest(line=line):
                self.assertEqual(self.kinds(line + "\n")[line], "text")

    def test_a_date_alone_on_its_line_is_shown_as_such(self):
        feats = features("2020年2月7日\n本报讯 市委召开会议，研究部署\n当前工作。\n")
        self.assertIn("dateonly", feats["2020年2月7日"])
        self.assertNotIn("dateonly", feats["本报讯市委召开会议，研究部署"])
