"""The parser scored with shared/tools/score_page.py on the hand-checked
sample page. The generated families' floors, read over many pages and
seeds, are in test_parser_floors.py."""
import json
import unittest

from articles.pagedump import decode_dump, parse_page

from .support import SAMPLE, SAMPLE_GOLD, needs_shared, score_module


@needs_shared
class SampleScoreTests(unittest.TestCase):
    def setUp(self):
        self.score = score_module().score
        self.parse = parse_page(decode_dump(SAMPLE.read_bytes()))
        self.gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))

    def test_sample_page_scores_at_least_097_overall(self):
        self.assertGreaterEqual(self.score(self.parse, self.gold)["overall"], 0.97)

    def test_sample_page_finds_every_item_and_headline(self):
        metrics = self.score(self.parse, self.gold)
        self.assertEqual(metrics["items_f1"], 1.0)
        self.assertEqual(metrics["headline"], 1.0)

    def test_sample_page_label(self):
        self.assertEqual(self.parse["page_label"], "JZ第一视线")
