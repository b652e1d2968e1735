"""Labels to items (items.py): the deterministic pass after the labeller.
Plain unittest: no model and no database."""
import unittest

from articles.pagedump import labels as L
from articles.pagedump.items import decide_sides


class HeadingSideTests(unittest.TestCase):
    def test_articles_set_one_under_the_other_each_keep_their_heading(self):
        # One run of text lines holds two articles; the first one's heading
        # stands above it, the second one's below it.
        tags = [L.HEADING_NEXT, L.ARTICLE_START, L.CONTINUATION, L.ARTICLE_START, L.CONTINUATION,
                L.HEADING_PREV]
        sides = {0: 0.95, 5: 0.001}
        decided, orphans = decide_sides(tags, sides, [L.HEADLINE if t in L.HEADING else None for t in tags])
        self.assertEqual(orphans, set())
        self.assertEqual((decided[0], decided[5]), (L.HEADING_NEXT, L.HEADING_PREV))

    def test_a_heading_with_no_text_free_on_either_side_is_an_orphan(self):
        tags = [L.HEADING_NEXT, L.ARTICLE_START, L.CONTINUATION, L.HEADING_PREV]
        sides = {0: 0.95, 3: 0.001}
        _, orphans = decide_sides(tags, sides, [L.HEADLINE if t in L.HEADING else None for t in tags])
        self.assertEqual(len(orphans), 1)
