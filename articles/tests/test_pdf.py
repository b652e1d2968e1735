"""Page PDFs read with pypdfium2 (articles/pagedump/pdf.py) and cut by their
layout (pdflayout.py): characters, lines, type sizes, bold, rules and
pictures; the layout parse with each item's regions, measured on generated
pages; `parse_page PAGE.pdf --json`; and the bad input a PDF import meets
(not a PDF, damaged, encrypted, several pages, a scan)."""
import io
import json
import statistics
import tempfile
import unittest
from pathlib import Path

from django.core.management import CommandError, call_command

from articles.pagedump.pdf import PdfError, choose_parse, parse_pdf, read_pdf, same_text, text_layer_problem
from articles.pagedump.pdfrender import picture_boxes, render_pdf
from articles.pagedump.scoring import score

from . import pdfgen, pdfsamples
from .support import CORPUS, needs_shared
from .test_pdfgen import needs_tools


@needs_tools
class ReadingTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pdf, cls.gold = pdfsamples.photo_page()
        cls.page = read_pdf(cls.pdf)

    def test_lines_keep_their_text_size_and_place(self):
        by_text = {ln.text: ln for ln in self.page.lines}
        head = by_text[pdfsamples.ARTICLE_HEAD]
        self.assertAlmostEqual(head.size, 20.0, delta=0.5)
        self.assertAlmostEqual(self.page.width, 595, delta=1)
        self.assertAlmostEqual(self.page.height, 842, delta=1)
        # drawCentredString(297, 440): centred on x 297, baseline 842 - 440 from the top.
        self.assertAlmostEqual((head.x0 + head.x1) / 2, 297, delta=3)
        self.assertAlmostEqual(head.base, 842 - 440, delta=1)
        label = by_text["JZ综合新闻"]
        self.assertAlmostEqual(label.size, 22.0, delta=0.5)

    def test_two_columns_on_one_baseline_are_two_lines(self):
        row = [ln for ln in self.page.lines if abs(ln.base - (842 - 410)) < 1]
        self.assertEqual(len(row), 2, [ln.text for ln in row])
        self.assertLess(row[0].x1, row[1].x0)

    def test_rules_and_the_photo_are_found(self):
        wide = [r for r in self.page.rules if not r.vertical and r.x1 - r.x0 > 500]
        self.assertEqual(len(wide), 3)
        self.assertEqual(len(self.page.pictures), 1)
        pic = self.page.pictures[0]
        self.assertEqual(pic.image, 0)
        self.assertEqual([round(pic.x0), round(pic.top), round(pic.width), round(pic.height)], [40, 102, 320, 200])

    def test_text_layer_is_the_pages_text(self):
        self.assertIsNone(text_layer_problem(self.page))
        self.assertIn(pdfsamples.CAPTION, self.page.text.replace(" ", ""))
        self.assertTrue(same_text(self.page, self.page.text))
        self.assertFalse(same_text(self.page, "完全不同的一段文字" * 30))

    @needs_shared
    def test_bold_set_by_stroking_is_bold(self):
        pages = pdfgen.make_pages(4, seed=11, extractor="pdfium", corpus=CORPUS)
        found = False
        for _stem, _text, gold, pdf in pages:
            if gold["pdf"]["layout"]["bold"] == "stroke":
                lines = read_pdf(pdf).lines
                body = statistics.mode(round(ln.size) for ln in lines)
                self.assertTrue(any(ln.bold for ln in lines if ln.size > 1.4 * body))
                self.assertFalse(any(ln.bold for ln in lines if round(ln.size) == body and len(ln.text) > 12))
                found = True
        self.assertTrue(found, "a page of these seeds sets bold by stroking")


@needs_tools
class LayoutParseTests(unittest.TestCase):
    def test_photo_page_is_cut_as_laid_out(self):
        pdf, gold = pdfsamples.photo_page()
        parse = parse_pdf(pdf)
        self.assertEqual(score(parse, gold)["overall"], 1.0, parse["warnings"])
        photo, article = [i for i in parse["items"] if i["kind"] != "banner"]
        self.assertEqual(photo["kind"], "photo")
        self.assertEqual(photo["headline"], pdfsamples.HEADLINE)
        self.assertEqual(photo["photo"], {"box": [40.0, 102.0, 320.0, 200.0], "image": 0})
        self.assertEqual(article["headline"], pdfsamples.ARTICLE_HEAD)

    def test_regions_cover_each_item_inside_the_page(self):
        pdf, _gold = pdfsamples.photo_page()
        parse = parse_pdf(pdf)
        self.assertEqual(parse["page_size"], [595.0, 842.0])
        photo, article = [i for i in parse["items"] if i["kind"] != "banner"]
        # The photo's regions: the picture, and its title and caption under it.
        self.assertIn([40.0, 102.0, 320.0, 200.0], photo["regions"])
        for item in (photo, article):
            for x, y, w, h in item["regions"]:
                self.assertTrue(0 <= x and 0 <= y and w > 0 and h > 0 and x + w <= 595 and y + h <= 842)
        # The article's two columns are two rectangles side by side.
        columns = [r for r in article["regions"] if r[3] > 40]
        self.assertEqual(len(columns), 2)
        self.assertLess(columns[0][0] + columns[0][2], columns[1][0])
        # A layout parse has no dump lines (proofing finds its text itself).
        self.assertNotIn("lines", article)

    def test_a_dump_beside_its_pdf_is_parsed_by_the_layout(self):
        pdf, _gold = pdfsamples.photo_page()
        page = read_pdf(pdf)
        self.assertTrue(choose_parse(page, page.text)["layout"])
        other = choose_parse(page, "别的版面。" * 100)
        self.assertFalse(other["layout"])
        self.assertIn("the PDF's text is not the dump's: the page is parsed from the dump", other["warnings"])


@needs_shared
@needs_tools
class GeneratedPagesTests(unittest.TestCase):
    """pdfgen pages from the parser's test seed: a regression guard a little
    under what the layout parse reaches (bench/pdf.py measures 50 pages)."""

    @classmethod
    def setUpClass(cls):
        cls.pages = pdfgen.make_pages(12, seed=9003, extractor="pdfium", corpus=CORPUS)
        cls.scores = [score(parse_pdf(pdf), gold)["overall"] for _s, _t, gold, pdf in cls.pages]

    def test_layout_parse_scores_at_least_090(self):
        self.assertGreaterEqual(statistics.mean(self.scores), 0.90, self.scores)

    def test_every_item_has_regions_on_its_page(self):
        for _stem, _text, _gold, pdf in self.pages[:4]:
            parse = parse_pdf(pdf)
            width, height = parse["page_size"]
            for item in parse["items"]:
                if item["kind"] == "banner":
                    continue
                self.assertTrue(item["regions"], item.get("headline"))
                for x, y, w, h in item["regions"]:
                    self.assertTrue(-1 <= x and x + w <= width + 1 and -1 <= y and y + h <= height + 1)


@needs_tools
class BadInputTests(unittest.TestCase):
    def assertRefused(self, data, words):
        with self.assertRaises(PdfError) as cm:
            read_pdf(data)
        message = str(cm.exception)
        self.assertIn(words, message)
        self.assertNotIn("\n", message)

    def test_not_a_pdf(self):
        self.assertRefused("第一版 要闻".encode("utf-8"), "not a PDF")

    def test_damaged(self):
        pdf, _gold = pdfsamples.photo_page()
        self.assertRefused(pdfsamples.damaged(pdf), "damaged")
        self.assertRefused(pdf[:len(pdf) // 3], "damaged")

    def test_encrypted(self):
        self.assertRefused(pdfsamples.encrypted_page(), "encrypted")

    def test_several_pages(self):
        self.assertRefused(pdfsamples.two_pages(), "has 2 pages")

    def test_a_scan_reads_but_has_no_text(self):
        page = read_pdf(pdfsamples.scan_page())
        self.assertEqual(text_layer_problem(page), "the PDF has no text layer (a scan?)")
        parse = choose_parse(page)
        self.assertTrue(parse["scan"])
        self.assertEqual(parse["items"], [])
        # Its image still renders, for the page view.
        rendered = render_pdf(pdfsamples.scan_page(), 600, 120)
        self.assertEqual(rendered.image_size[0], 600)
        self.assertTrue(rendered.image.startswith(b"RIFF"))


@needs_tools
class RenderTests(unittest.TestCase):
    def test_a_picture_smaller_than_shown_is_cut_from_the_page_image(self):
        # The scan's image is 300 px wide, shown 595 pt wide: the page's
        # 600 px rendering of it is the better copy.
        rendered = render_pdf(pdfsamples.scan_page(), 600, 120)
        [(box, _photo, size)] = rendered.photos
        self.assertEqual(box, [0.0, 0.0, 595.0, 842.0])
        self.assertEqual(size[0], 600)

    def test_page_image_thumbnail_and_photo(self):
        from PIL import Image
        pdf, _gold = pdfsamples.photo_page()
        rendered = render_pdf(pdf, 1200, 240)
        self.assertEqual(rendered.image_size[0], 1200)
        self.assertAlmostEqual(rendered.image_size[1], 842 * 1200 / 595, delta=1)
        with Image.open(io.BytesIO(rendered.image)) as im:
            self.assertEqual((im.format, im.size), ("WEBP", rendered.image_size))
        with Image.open(io.BytesIO(rendered.thumbnail)) as im:
            self.assertEqual(im.width, 240)
        self.assertEqual(picture_boxes(rendered.page), [[40.0, 102.0, 320.0, 200.0]])
        box, photo, size = rendered.photos[0]
        # The embedded image itself, at its own resolution (not cut from the page).
        self.assertEqual(size, pdfsamples.PHOTO_PIXELS)
        with Image.open(io.BytesIO(photo)) as im:
            # The sun in the photo's top right corner is yellow.
            r, g, b = im.convert("RGB").getpixel((im.width - 60 * im.width // 320, 50 * im.height // 200))
            self.assertGreater(r, 200)
            self.assertLess(b, 150)


@needs_tools
class ParsePageCommandTests(unittest.TestCase):
    def test_json_of_a_page_pdf_has_regions(self):
        pdf, _gold = pdfsamples.photo_page()
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "01.pdf"
            path.write_bytes(pdf)
            out = io.StringIO()
            call_command("parse_page", str(path), "--json", stdout=out)
        parse = json.loads(out.getvalue())
        self.assertTrue(parse["layout"])
        self.assertEqual(parse["page_size"], [595.0, 842.0])
        items = [i for i in parse["items"] if i["kind"] != "banner"]
        self.assertEqual([i["headline"] for i in items], [pdfsamples.HEADLINE, pdfsamples.ARTICLE_HEAD])
        self.assertTrue(all(i["regions"] for i in items))

    def test_a_bad_pdf_is_one_line(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "01.pdf"
            path.write_bytes(pdfsamples.two_pages())
            with self.assertRaises(CommandError) as cm:
                call_command("parse_page", str(path), "--json", stdout=io.StringIO())
        self.assertEqual(str(cm.exception),
                         f"{path}: the PDF has 2 pages; a page PDF has one (split it into one file per page)")
