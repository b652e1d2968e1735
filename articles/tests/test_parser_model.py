"""The parser's committed models: present, small, loaded once, and trained
by the training code as it stands (a change to the features, the line
reading, the training recipe or a family's generator makes them stale:
run `manage.py train_parser` and commit the result)."""
import unittest

from articles.pagedump import PARSER_VERSION, labeller
from articles.pagedump.training.pipeline import FAMILIES
from articles.pagedump.training.train import sources_digest


class CommittedModelTests(unittest.TestCase):
    def setUp(self):
        self.meta = labeller.metadata()

    def test_both_models_are_committed_and_small(self):
        total = 0
        for name in (labeller.LINES, labeller.HEADINGS):
            path = labeller.MODEL_DIR / name
            self.assertTrue(path.exists(), f"{path} is missing: run manage.py train_parser")
            total += path.stat().st_size
        self.assertLess(total, 5_000_000)

    def test_the_models_are_not_stale(self):
        self.assertEqual(self.meta.get("sources"), sources_digest(),
                         "the training code changed since the models were trained: run manage.py train_parser")

    def test_trained_on_every_family(self):
        families = self.meta.get("families", {})
        for family in FAMILIES:
            self.assertGreater(families.get(family, 0), 0, family)

    def test_the_model_knows_how_the_breaks_in_its_headings_went(self):
        counts = labeller.break_counts()
        self.assertEqual(set(counts), {"word", "gap", "plain"})
        # Across a word, lines keep one role; across a blank line, mostly not.
        self.assertGreater(counts["word"][0], 20 * counts["word"][1])
        self.assertGreater(counts["gap"][1], 3 * counts["gap"][0])

    def test_trained_for_this_parser_version(self):
        self.assertEqual(self.meta.get("parser_version"), PARSER_VERSION)

    def test_a_model_is_loaded_once_per_process(self):
        path = labeller.MODEL_DIR / labeller.LINES
        self.assertIs(labeller.tagger(path), labeller.tagger(path))

    def test_a_missing_model_is_a_clear_error(self):
        with self.assertRaisesRegex(labeller.ModelMissing, "train_parser"):
            labeller.tagger(labeller.MODEL_DIR / "no-such.crfsuite")
