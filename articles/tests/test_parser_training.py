"""Training the parser: gold parses laid over their dumps give the labels,
re-set pages keep their gold, and a model trained on a few pages parses."""
import json
import random
import tempfile
import unittest
from pathlib import Path
from unittest import mock

from articles.pagedump import decode_dump, labeller, parse_page
from articles.pagedump.items import assemble
from articles.pagedump.scoring import score
from articles.pagedump.training import augment, families
from articles.pagedump.training.align import align
from articles.pagedump.training.augment import Style, restyle, restyled
from articles.pagedump.training.train import train

from .support import SAMPLE, SAMPLE_GOLD, needs_shared


def sample_page():
    return families.Page("sample", "sample", decode_dump(SAMPLE.read_bytes()),
                         json.loads(SAMPLE_GOLD.read_text("utf-8")))


def reassembled(page):
    """The parse made from the gold's own labels."""
    a = align(page.text, page.gold)
    return assemble(a.lines, a.tags, roles=a.roles)


@needs_shared
class AlignmentTests(unittest.TestCase):
    def test_the_samples_gold_labels_make_its_gold_parse(self):
        self.assertEqual(score(reassembled(sample_page()), sample_page().gold)["overall"], 1.0)

    def test_labels_say_which_side_a_heading_stands_on(self):
        a = align(sample_page().text, sample_page().gold)
        tags = {line.clean: tag for line, tag in zip(a.lines, a.tags)}
        # The sample prints its headings below their texts.
        self.assertEqual(tags["市政协召开党组会议"], "H<")
        self.assertEqual(tags["本报记者李晓雯"], "Y<")
        self.assertEqual(tags["抓时节"], "T")
        self.assertEqual(tags["JZ第一视线"], "L")
        self.assertEqual(tags["（下转第2版）"], "M")

    def test_a_column_banner_wrapped_over_two_lines_is_a_heading_on_both(self):
        text = ("国务院联防联控机制发\n布会\n\n做好春运返程防控\n本报北京2月6日电（记者邱超奕）截至2月5日24时，\n"
                "31个省区市报告确诊病例28018例。\n")
        gold = {"page_label": None, "items": [{
            "kind": "article", "headline": "做好春运返程防控", "column": "国务院联防联控机制发布会",
            "body": [{"type": "paragraph", "text": "本报北京2月6日电（记者邱超奕）截至2月5日24时，31个省区市报告确诊病例28018例。"}],
            "credits": [{"name": "邱超奕", "role": "记者", "org": "本报"}]}]}
        a = align(text, gold)
        found = {line.clean: (tag, role) for line, tag, role in zip(a.lines, a.tags, a.roles)}
        self.assertEqual(found["国务院联防联控机制发"], ("H>", "C"))
        self.assertEqual(found["布会"], ("H>", "C"))
        self.assertEqual(found["做好春运返程防控"], ("H>", "H"))

    def test_generated_pages_of_every_family_reassemble(self):
        for family in ("pagegen", "pagesim"):
            for page in families.load(family, 3, "dev"):
                with self.subTest(page=page.name):
                    self.assertGreaterEqual(score(reassembled(page), page.gold)["overall"], 0.95)


@needs_shared
class RestyleTests(unittest.TestCase):
    def test_a_restyled_page_keeps_its_gold(self):
        rng = random.Random(3)
        for marks in ("blank", "none", "indent", "double"):
            style = Style(width=11, marks=marks, short_first=True, justify=0.2, heads_below=1.0,
                          item_gap=0.5, column_breaks=0.3)
            page = restyle(sample_page(), rng, style)
            with self.subTest(marks=marks):
                self.assertNotEqual(page.text, sample_page().text)
                self.assertGreaterEqual(score(reassembled(page), page.gold)["overall"], 0.97)

    def test_no_blank_lines_means_none_are_left(self):
        style = Style(width=0, marks="none", short_first=False, justify=0.0, heads_below=0.0, item_gap=0.0,
                      column_breaks=0.0)
        page = restyle(sample_page(), random.Random(1), style)
        self.assertNotIn("\n\n", page.text)

    def test_headings_set_again_narrow_spaced_or_on_one_line_keep_the_gold(self):
        for width, join, spaced in ((3, False, 0.0), (7, False, 1.0), (0, True, 0.0)):
            style = Style(width=0, marks="blank", short_first=False, justify=0.0, heads_below=0.0, item_gap=0.0,
                          column_breaks=0.0, heading_width=width, heading_join=join, heading_spaced=spaced)
            page = restyle(sample_page(), random.Random(2), style)
            lines = page.text.split("\n")
            with self.subTest(width=width, join=join, spaced=spaced):
                if width == 3:
                    self.assertIn("市政协", lines)   # 市政协召开党组会议, three characters a line
                elif spaced:
                    self.assertIn("市 政 协 召 开 党 组", lines)   # seven a line, letter-spaced
                else:
                    self.assertIn("市政协召开党组会议", lines)
                self.assertGreaterEqual(score(reassembled(page), page.gold)["overall"], 0.97)

    def test_a_furniture_strip_may_be_given_a_part_a_line(self):
        strip = "2021年2月4日  星期四  第1版"
        dated = families.Page("sample", "sample", strip + "\n\n" + sample_page().text, sample_page().gold)
        style = Style(width=0, marks="blank", short_first=False, justify=0.0, heads_below=0.0, item_gap=0.0,
                      column_breaks=0.0, strip_split=1.0)
        lines = restyle(dated, random.Random(2), style).text.split("\n")
        self.assertEqual(lines[:3], ["2021年2月4日", "星期四", "第1版"])
        self.assertIn("DI YI SHI XIAN", lines)      # a pinyin line is not a strip: it stays whole

    def test_a_copy_whose_gold_no_longer_reads_off_it_is_set_again(self):
        # Cut every heading a character a line: the alignment cannot tell
        # such pieces from text, and the copy is drawn again in another style.
        drawn = []

        def one_char_headings(rng):
            style = Style(width=0, marks="none", short_first=False, justify=0.0, heads_below=0.0, item_gap=0.0,
                          column_breaks=0.0, heading_width=1 if not drawn else 0)
            drawn.append(style)
            return style
        with mock.patch.object(augment, "random_style", one_char_headings):
            copies = restyled([sample_page()], seed=1)
        self.assertEqual(len(copies), 1)
        self.assertEqual([style.heading_width for style in drawn], [1, 0])   # the first refused, the second kept
        self.assertGreaterEqual(score(reassembled(copies[0]), copies[0].gold)["overall"], 0.97)


@needs_shared
class TrainingTests(unittest.TestCase):
    def test_a_model_trained_on_a_few_pages_parses(self):
        pages = [sample_page()] + families.load("pagegen", 3, "train")
        with tempfile.TemporaryDirectory() as out:
            info = train(pages, out)
            self.assertTrue((Path(out) / labeller.LINES).exists())
            self.assertTrue((Path(out) / labeller.HEADINGS).exists())
            self.assertGreater(info["lines"], 0)
            # The breaks between heading lines are counted with the model,
            # where the parser reads them (the sample counts 20 times).
            self.assertEqual(labeller.break_counts(out), {kind: tuple(pair) for kind, pair in info["breaks"].items()})
            self.assertGreater(sum(sum(pair) for pair in info["breaks"].values()), 20)
            parse = parse_page(sample_page().text, model=out)
        self.assertGreaterEqual(score(parse, sample_page().gold)["overall"], 0.9)
