"""Labels to items (items.py): the deterministic pass after the labeller.
Plain unittest: no model and no database."""
import unittest

from articles.pagedump import labels as L
from articles.pagedump.items import break_weights, decide_sides, heading_readings, read_heading


class HeadingSideTests(unittest.TestCase):
    def test_articles_set_one_under_the_other_each_keep_their_heading(self):
        # One run of text lines holds two articles; the first one's heading
        # stands above it, the second one's below it.
        tags = [L.HEADING_NEXT, L.ARTICLE_START, L.CONTINUATION, L.ARTICLE_START, L.CONTINUATION,
                L.HEADING_PREV]
        sides = {0: 0.95, 5: 0.001}
        decided, orphans, _ = decide_sides(tags, sides, [L.HEADLINE if t in L.HEADING else None for t in tags])
        self.assertEqual(orphans, set())
        self.assertEqual((decided[0], decided[5]), (L.HEADING_NEXT, L.HEADING_PREV))

    def test_two_headings_read_as_one_run_between_two_texts_go_one_each_way(self):
        # The line model read both headings as set under their texts; their
        # roles (a subtitle, then a column banner) show where one ends.
        tags = [L.ARTICLE_START, L.CONTINUATION, L.HEADING_PREV, L.HEADING_PREV, L.HEADING_PREV,
                L.HEADING_PREV, L.ARTICLE_START, L.CONTINUATION]
        roles = [None, None, L.HEADLINE, L.SUBTITLE, L.COLUMN, L.HEADLINE, None, None]
        sides = {2: 0.01, 3: 0.01, 4: 0.3, 5: 0.45}
        decided, orphans, _ = decide_sides(tags, sides, roles)
        self.assertEqual(orphans, set())
        self.assertEqual(decided[2:6], [L.HEADING_PREV, L.HEADING_PREV, L.HEADING_NEXT, L.HEADING_NEXT])

    def test_a_heading_with_no_text_free_on_either_side_is_an_orphan(self):
        tags = [L.HEADING_NEXT, L.ARTICLE_START, L.CONTINUATION, L.HEADING_PREV]
        sides = {0: 0.95, 3: 0.001}
        _, orphans, _ = decide_sides(tags, sides, [L.HEADLINE if t in L.HEADING else None for t in tags])
        self.assertEqual(len(orphans), 1)

    def test_a_heading_under_a_text_another_heading_took_opens_its_own(self):
        # Two articles read as one: the first one's heading above, the
        # second one's below, and no article start between them.
        tags = [L.HEADING_NEXT, L.ARTICLE_START, L.CONTINUATION, L.PARAGRAPH, L.CONTINUATION,
                L.PARAGRAPH, L.CONTINUATION, L.HEADING_PREV]
        roles = [L.HEADLINE if t in L.HEADING else None for t in tags]
        sides = {0: 0.95, 7: 0.01}
        decided, orphans, _ = decide_sides(tags, sides, roles, starts={3: 0.02, 5: 0.3})
        self.assertEqual(orphans, set())
        self.assertEqual(decided, [L.HEADING_NEXT, L.ARTICLE_START, L.CONTINUATION, L.PARAGRAPH,
                                   L.CONTINUATION, L.ARTICLE_START, L.CONTINUATION, L.HEADING_PREV])
        # The same when the next article's heading stands right under it.
        stacked = tags + [L.HEADING_NEXT, L.ARTICLE_START, L.CONTINUATION]
        decided, orphans, _ = decide_sides(stacked, {**sides, 8: 0.95},
                                           [L.HEADLINE if t in L.HEADING else None for t in stacked],
                                           starts={3: 0.02, 5: 0.3})
        self.assertEqual((orphans, decided[5], decided[7]), (set(), L.ARTICLE_START, L.HEADING_PREV))
        # With no paragraph likely to open an article, one heading stays an orphan.
        _, orphans, _ = decide_sides(tags, sides, roles, starts={3: 0.0001, 5: 0.0001})
        self.assertEqual(len(orphans), 1)


class HeadingReadingTests(unittest.TestCase):
    def test_a_kicker_alone_is_read_as_the_headline_unless_far_less_likely(self):
        self.assertEqual(read_heading([L.KICKER], {(L.KICKER,): 0.8, (L.HEADLINE,): 0.2}), ([L.HEADLINE], None))
        self.assertEqual(read_heading([L.KICKER], {(L.KICKER,): 0.97, (L.HEADLINE,): 0.03}), ([L.KICKER], None))

    def test_a_column_banner_alone_is_left_to_the_page_with_its_headed_reading(self):
        roles, banner = read_heading([L.COLUMN, L.COLUMN], {
            (L.COLUMN, L.COLUMN): 0.6, (L.COLUMN, L.HEADLINE): 0.3, (L.HEADLINE, L.HEADLINE): 0.1})
        self.assertEqual(roles, [L.COLUMN, L.COLUMN])
        self.assertEqual(banner[0], [L.COLUMN, L.HEADLINE])
        self.assertAlmostEqual(banner[1], 0.3 / 0.9)

    # Breaks between heading lines as a training set might count them:
    # (keeping one role, parting two).
    WEIGHTS = break_weights({"word": (96, 4), "gap": (5, 95), "plain": (30, 70)})

    def test_lines_a_word_runs_across_are_read_as_one_field(self):
        # "“齐鲁号”欧亚班 / 列开行春节以来第五十列": the model read a kicker over
        # a headline; the break splits 班列.
        probabilities = {(L.KICKER, L.HEADLINE): 0.6, (L.HEADLINE, L.HEADLINE): 0.3, (L.KICKER, L.KICKER): 0.1}
        self.assertEqual(read_heading([L.KICKER, L.HEADLINE], probabilities, ["word"], self.WEIGHTS)[0],
                         [L.HEADLINE, L.HEADLINE])
        self.assertEqual(read_heading([L.KICKER, L.HEADLINE], probabilities, ["plain"], self.WEIGHTS)[0],
                         [L.KICKER, L.HEADLINE])
        # A model trained on no breaks weighs none.
        self.assertEqual(read_heading([L.KICKER, L.HEADLINE], probabilities, ["word"], break_weights({}))[0],
                         [L.KICKER, L.HEADLINE])

    def test_lines_with_a_blank_line_between_are_mostly_two_fields(self):
        probabilities = {(L.HEADLINE, L.HEADLINE): 0.55, (L.KICKER, L.HEADLINE): 0.45}
        self.assertEqual(read_heading([L.HEADLINE, L.HEADLINE], probabilities, ["gap"], self.WEIGHTS)[0],
                         [L.KICKER, L.HEADLINE])
        self.assertEqual(read_heading([L.HEADLINE, L.HEADLINE], probabilities, ["word"], self.WEIGHTS)[0],
                         [L.HEADLINE, L.HEADLINE])

    def test_break_weights_are_against_breaks_in_general(self):
        # A third of all breaks keep one role; across a word, 96 in 100 do.
        weights = break_weights({"word": (96, 4), "plain": (4, 196)})
        self.assertAlmostEqual(weights["word"][0], 0.96 / (100 / 300))
        self.assertAlmostEqual(weights["plain"][1], 0.98 / (200 / 300))

    def test_readings_are_weighed_where_the_model_may_have_erred(self):
        self.assertEqual(heading_readings([L.HEADLINE]), ())
        self.assertIn((L.HEADLINE,), heading_readings([L.KICKER]))
        self.assertIn((L.HEADLINE, L.HEADLINE), heading_readings([L.KICKER, L.HEADLINE]))
        self.assertIn((L.COLUMN, L.HEADLINE), heading_readings([L.COLUMN, L.COLUMN]))
        self.assertNotIn((L.HEADLINE, L.KICKER), heading_readings([L.KICKER, L.HEADLINE]))
        self.assertEqual(heading_readings([L.KICKER] * 7), ())

    def test_a_banner_over_a_text_with_no_other_heading_heads_it(self):
        tags = [L.HEADING_NEXT, L.ARTICLE_START, L.CONTINUATION]
        roles = [L.COLUMN, None, None]
        _, orphans, promoted = decide_sides(tags, {0: 0.9}, roles, {0: 0.3})
        self.assertEqual((orphans, promoted), (set(), {0}))

    def test_a_banner_over_a_text_whose_heading_stands_below_it_stays_a_banner(self):
        tags = [L.HEADING_NEXT, L.ARTICLE_START, L.CONTINUATION, L.HEADING_PREV]
        roles = [L.COLUMN, None, None, L.HEADLINE]
        decided, orphans, promoted = decide_sides(tags, {0: 0.9, 3: 0.01}, roles, {0: 0.3})
        self.assertEqual((orphans, promoted), (set(), set()))
        self.assertEqual(decided[3], L.HEADING_PREV)
