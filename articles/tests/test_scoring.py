"""The project's own scorer (articles/pagedump/scoring.py) gives what the
shared score_page.py gives, metric for metric."""
import json
import unittest

from articles.pagedump import decode_dump, parse_page
from articles.pagedump.scoring import score

from .support import PAGES, SAMPLE, SAMPLE_GOLD, needs_shared, score_module


@needs_shared
class ScorerTests(unittest.TestCase):
    def check(self, parse, gold):
        ours, theirs = score(parse, gold), score_module().score(parse, gold)
        for key, value in theirs.items():
            with self.subTest(metric=key):
                if value is None:
                    self.assertIsNone(ours[key])
                else:
                    self.assertAlmostEqual(ours[key], value, places=9)

    def test_the_sample(self):
        gold = json.loads(SAMPLE_GOLD.read_text("utf-8"))
        self.check(parse_page(decode_dump(SAMPLE.read_bytes())), gold)
        self.check(gold, gold)
        self.check({"items": []}, gold)

    def test_generated_pages(self):
        for path in sorted(PAGES.glob("*.gold.json"))[:8]:
            gold = json.loads(path.read_text("utf-8"))
            text = decode_dump(path.with_name(path.name.replace(".gold.json", ".txt")).read_bytes())
            with self.subTest(page=path.name):
                self.check(parse_page(text), gold)
