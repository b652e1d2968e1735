"""The PDF page family (articles/tests/pdfgen.py): pages laid out with
reportlab and read back with pdftotext or pypdfium2, whose gold parses are
known by construction and checked against their dumps."""
import importlib.util
import shutil
import unittest

from . import pdfgen
from .support import CORPUS, needs_shared

MISSING = [name for name, found in (("reportlab", importlib.util.find_spec("reportlab")),
                                    ("pypdfium2", importlib.util.find_spec("pypdfium2")),
                                    ("pdftotext (poppler-utils)", shutil.which("pdftotext")))
           if not found]
needs_tools = unittest.skipIf(MISSING, "pdfgen needs " + ", ".join(MISSING))


@needs_shared
@needs_tools
class PdfFamilyTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.stats = {}
        cls.pages = pdfgen.make_pages(3, seed=7, corpus=CORPUS, stats=cls.stats)

    def test_every_page_verifies_against_its_dump(self):
        for stem, text, gold, pdf in self.pages:
            with self.subTest(stem):
                self.assertTrue(pdf.startswith(b"%PDF"))
                self.assertTrue(gold["items"])
                pdfgen.verify(text, gold, stem)

    def test_gold_has_the_fields_of_a_parse(self):
        fields = {"kind", "headline", "kicker", "subtitle", "column", "dateline", "body",
                  "continued_to_page", "continued_from_page"}
        for stem, text, gold, pdf in self.pages:
            self.assertIn(gold["pdf"]["extractor"], pdfgen.EXTRACTORS)
            for item in gold["items"]:
                with self.subTest(stem, headline=item["headline"]):
                    self.assertLessEqual(fields, set(item))
                    self.assertNotIn("people", item)
                    self.assertIn(item["kind"], ("article", "photo"))
                    for credit in item.get("credits", []):
                        self.assertEqual(set(credit), {"name", "role", "org"})

    def test_the_same_seed_gives_the_same_dumps(self):
        again = pdfgen.make_pages(2, seed=7, corpus=CORPUS)
        for (stem, text, gold, _), (stem2, text2, gold2, _) in zip(self.pages, again):
            self.assertEqual((stem, text, gold), (stem2, text2, gold2))

    def test_every_extractor_reads_the_page(self):
        stem, text, gold, pdf = self.pages[0]
        for extractor in pdfgen.EXTRACTORS:
            with self.subTest(extractor):
                dump = pdfgen.extract(pdf, extractor)
                self.assertNotIn("\r\n", dump)
                self.assertIn(pdfgen.squash(gold["page_label"]), pdfgen.squash(dump))
                self.assertIn(pdfgen.squash(gold["items"][0]["body"][0]["text"])[:20], pdfgen.squash(dump))

    def test_verify_rejects_a_gold_the_dump_does_not_bear_out(self):
        stem, text, gold, pdf = self.pages[0]
        broken = {**gold, "items": [dict(gold["items"][0], body=list(reversed(gold["items"][0]["body"])))
                                    if len(gold["items"][0]["body"]) > 1 else
                                    dict(gold["items"][0], body=[{"type": "paragraph", "text": "不在这页上的话"}])]}
        with self.assertRaises(pdfgen.VerifyError):
            pdfgen.verify(text, broken, stem)
