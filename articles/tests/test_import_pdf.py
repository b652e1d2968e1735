"""Importing page PDFs (manage.py import_pages, the upload form): a PDF
alone is its own dump and is parsed by its layout; a PDF or an image beside
a dump gives the page its image; the images are rendered into the storage
under content-hashed names; re-importing an unchanged PDF is skipped; bad
input is one line and never a half-imported page."""
import io
import shutil
import tempfile

from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.test import TestCase, override_settings

from articles.models import ImportFile, Issue, Item, ItemRegion, Page, PageImage

from . import pdfsamples
from .helpers import dump_dir, import_pages, two_article_page
from .test_pdfgen import needs_tools


class MediaRootMixin:
    """Each test class its own MEDIA_ROOT, removed afterwards."""

    @classmethod
    def setUpClass(cls):
        cls._media = tempfile.mkdtemp(prefix="media-")
        cls._media_override = override_settings(MEDIA_ROOT=cls._media)
        cls._media_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._media_override.disable()
        shutil.rmtree(cls._media, ignore_errors=True)


def _jpeg():
    from PIL import Image
    out = io.BytesIO()
    Image.new("RGB", (900, 1300), (240, 236, 228)).save(out, "JPEG")
    return out.getvalue()


@needs_tools
class PdfAloneTests(MediaRootMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.pdf, cls.gold = pdfsamples.photo_page()
        with dump_dir({"2021-02-04/02.pdf": cls.pdf}) as d:
            cls.result = import_pages(d)
            cls.again = import_pages(d)

    def test_imported_and_parsed_by_its_layout(self):
        self.assertEqual(self.result.status, 0, self.result)
        page = Page.objects.get(issue__date="2021-02-04", number=2)
        self.assertIn(pdfsamples.CAPTION, page.raw_text.replace(" ", ""))
        items = list(page.items.exclude(kind=Item.BANNER).order_by("position"))
        self.assertEqual([(i.kind, i.headline) for i in items],
                         [("photo", pdfsamples.HEADLINE), ("article", pdfsamples.ARTICLE_HEAD)])
        self.assertEqual(page.label, "JZ综合新闻")
        self.assertTrue(page.printed.layout)
        self.assertTrue(page.printed.has_text)

    def test_page_image_thumbnail_and_source_are_in_storage(self):
        printed = PageImage.objects.get(page__number=2)
        self.assertEqual((printed.kind, printed.width, printed.height), ("pdf", 595.0, 842.0))
        self.assertEqual(printed.image_width, 1200)
        for f in (printed.image, printed.thumbnail, printed.source):
            self.assertTrue(default_storage.exists(f.name), f.name)
            # The day, the page and the content's hash name it.
            self.assertRegex(f.name, r"^pages/2021/02/04/02-[0-9a-f]{16}-(page|thumb|source)\.(webp|pdf)$")
        with printed.source.open("rb") as f:
            self.assertEqual(f.read(), self.pdf)

    def test_items_have_regions_and_the_photo_item_its_photo(self):
        photo = Item.objects.get(kind="photo")
        self.assertIn([40.0, 102.0, 320.0, 200.0], photo.region.rects)
        self.assertTrue(default_storage.exists(photo.region.photo.name))
        self.assertEqual((photo.region.photo_width, photo.region.photo_height), pdfsamples.PHOTO_PIXELS)
        article = Item.objects.get(kind="article")
        self.assertGreaterEqual(len(article.region.rects), 2)
        self.assertFalse(article.region.photo)

    def test_reimporting_the_unchanged_pdf_is_skipped(self):
        self.assertEqual(self.again.status, 0, self.again)
        self.assertIn("imported: 0, skipped (unchanged): 1", self.again.out)
        self.assertEqual(Page.objects.count(), 1)
        self.assertEqual(PageImage.objects.count(), 1)
        self.assertEqual(ItemRegion.objects.count(), 2)
        self.assertEqual(list(ImportFile.objects.order_by("pk").values_list("status", flat=True)),
                         ["imported", "skipped"])


@needs_tools
class PdfBesideDumpTests(MediaRootMixin, TestCase):
    def test_the_pdf_gives_the_dumps_page_its_image_and_layout(self):
        pdf, _gold = pdfsamples.photo_page()
        from articles.pagedump.pdf import read_pdf
        dump = read_pdf(pdf).text
        with dump_dir({"2021-02-04/02.txt": dump, "2021-02-04/02.pdf": pdf}) as d:
            result = import_pages(d)
        self.assertEqual(result.status, 0, result)
        self.assertIn("files: 1, imported: 1", result.out)
        page = Page.objects.get()
        self.assertEqual(page.raw_text, dump)
        self.assertTrue(page.printed.layout)
        self.assertEqual(page.items.exclude(kind=Item.BANNER).count(), 2)
        self.assertEqual(ItemRegion.objects.count(), 2)

    def test_a_new_pdf_beside_an_unchanged_dump_is_imported(self):
        dump = two_article_page()
        with dump_dir({"2021-02-04/01.txt": dump}) as d:
            import_pages(d)
        self.assertFalse(PageImage.objects.exists())
        with dump_dir({"2021-02-04/01.txt": dump, "2021-02-04/01.jpg": _jpeg()}) as d:
            result = import_pages(d)
            again = import_pages(d)
        self.assertIn("imported: 1", result.out)
        printed = PageImage.objects.get()
        self.assertEqual((printed.kind, printed.width, printed.height, printed.layout), ("image", 900.0, 1300.0, False))
        self.assertEqual(printed.image_width, 900)
        self.assertFalse(ItemRegion.objects.exists())      # an image has no layout
        self.assertIn("skipped (unchanged): 1", again.out)


@needs_tools
class BadPdfTests(MediaRootMixin, TestCase):
    def assert_refused(self, files, name, words):
        with dump_dir(files) as d:
            result = import_pages(d)
        self.assertEqual(result.status, 1, result)
        lines = [line for line in result.err.splitlines() if line.strip()]
        self.assertEqual(len(lines), 1, result.err)
        self.assertIn(name, lines[0])
        self.assertIn(words, lines[0])
        self.assertNotIn("Traceback", result.err)
        return result

    def assert_nothing_written(self):
        for model in (Issue, Page, Item, PageImage, ItemRegion):
            self.assertFalse(model.objects.exists(), model)

    def test_encrypted(self):
        self.assert_refused({"2021-02-04/01.pdf": pdfsamples.encrypted_page()}, "01.pdf",
                            "the PDF is encrypted (it needs a password to open)")
        self.assert_nothing_written()

    def test_damaged(self):
        pdf, _gold = pdfsamples.photo_page()
        self.assert_refused({"2021-02-04/01.pdf": pdfsamples.damaged(pdf)}, "01.pdf", "the PDF is damaged")
        self.assert_nothing_written()

    def test_several_pages(self):
        self.assert_refused({"2021-02-04/01.pdf": pdfsamples.two_pages()}, "01.pdf", "the PDF has 2 pages")
        self.assert_nothing_written()

    def test_over_the_size_limit(self):
        pdf, _gold = pdfsamples.photo_page()
        with self.settings(ARCHIVE_MAX_PDF_BYTES=1000):
            self.assert_refused({"2021-02-04/01.pdf": pdf}, "01.pdf", "ARCHIVE_MAX_PDF_BYTES")
        self.assert_nothing_written()

    def test_a_bad_image_beside_a_dump_leaves_no_half_imported_page(self):
        # The dump parses; the image fails inside the page's transaction.
        self.assert_refused({"2021-02-04/01.txt": two_article_page(), "2021-02-04/01.png": b"\x89PNG\r\n\x1a\nbroken"},
                            "01.txt", "the page image cannot be read")
        self.assert_nothing_written()

    def test_the_other_pages_still_import(self):
        pdf, _gold = pdfsamples.photo_page()
        with dump_dir({"2021-02-04/01.pdf": pdfsamples.two_pages(), "2021-02-04/02.pdf": pdf}) as d:
            result = import_pages(d)
        self.assertEqual(result.status, 1)
        self.assertEqual(list(Page.objects.values_list("number", flat=True)), [2])

    def test_reading_is_bounded_in_time(self):
        pdf, _gold = pdfsamples.photo_page()
        with self.settings(ARCHIVE_RENDER_SECONDS=0.001):
            self.assert_refused({"2021-02-04/01.pdf": pdf}, "01.pdf",
                                "reading the PDF took longer than 0.001 s (ARCHIVE_RENDER_SECONDS)")
        self.assert_nothing_written()
        # The workers killed for it are started again for the next import.
        with dump_dir({"2021-02-04/01.pdf": pdf}) as d:
            self.assertEqual(import_pages(d).status, 0)
        self.assertTrue(PageImage.objects.exists())

    def test_reading_is_bounded_in_memory(self):
        from articles.importing import rendering
        pdf, _gold = pdfsamples.photo_page()
        # The cap is set when the workers start: new ones for this test, and after it.
        rendering.POOL.kill()
        self.addCleanup(rendering.POOL.kill)
        with self.settings(ARCHIVE_RENDER_MEMORY_MB=400, ARCHIVE_PAGE_IMAGE_WIDTH=30000):
            self.assert_refused({"2021-02-04/01.pdf": pdf}, "01.pdf",
                                "the PDF needs more memory to render than ARCHIVE_RENDER_MEMORY_MB allows")
        self.assert_nothing_written()

    def test_a_scan_keeps_its_image_and_is_flagged(self):
        with dump_dir({"2021-02-04/03.pdf": pdfsamples.scan_page()}) as d:
            result = import_pages(d, "-v", "2")
        self.assertEqual(result.status, 0, result)
        self.assertIn("warning: the PDF has no text layer (a scan?)", result.out)
        page = Page.objects.get()
        self.assertEqual(page.raw_text, "")
        self.assertFalse(page.items.exists())
        self.assertEqual(page.confidence, 0.0)           # first in the editors' list to check
        self.assertEqual(page.warnings, ["the PDF has no text layer (a scan?)"])
        self.assertFalse(page.printed.has_text)
        self.assertTrue(default_storage.exists(page.printed.image.name))
        # Flagged for editors: the admin's page list filters scans, the page shows why.
        self.client.force_login(User.objects.create_superuser("editor", "e@example.com", "pw"))
        listing = self.client.get("/admin/articles/page/?printed=scan").content.decode()
        self.assertIn(f"/admin/articles/page/{page.pk}/change/", listing)
        self.assertNotIn(f"/admin/articles/page/{page.pk}/change/",
                         self.client.get("/admin/articles/page/?printed=layout").content.decode())
        form = self.client.get(f"/admin/articles/page/{page.pk}/change/").content.decode()
        self.assertIn(f'扫描件：没有文字层，正文待<a href="/admin/articles/page/{page.pk}/text/">录入</a>', form)
        self.assertIn("PDF 没有文字层（是扫描件？），正文需要录入", form)     # its warning, in the admin's language
        self.assertIn(f'src="{page.printed.thumbnail.url}"', form)


@needs_tools
class UploadPdfTests(MediaRootMixin, TestCase):
    def test_upload_a_pdf_with_its_dump(self):
        admin = User.objects.create_superuser("editor", "e@example.com", "pw")
        self.client.force_login(admin)
        pdf, _gold = pdfsamples.photo_page()
        from articles.pagedump.pdf import read_pdf
        dump = read_pdf(pdf).text.encode("utf-8")
        files = [("2021-02-04-02.txt", dump, "text/plain"), ("2021-02-04-02.pdf", pdf, "application/pdf")]
        from django.core.files.uploadedfile import SimpleUploadedFile
        response = self.client.post("/admin/articles/page/upload/", {
            "files": [SimpleUploadedFile(n, d, content_type=t) for n, d, t in files]})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "2021-02-04-02.txt")
        self.assertNotContains(response, "2021-02-04-02.pdf")     # one page: one row
        token = response.context["token"]
        self.assertFalse(Page.objects.exists())
        response = self.client.post("/admin/articles/page/upload/", {"token": token, "page_name_0": "综合新闻"})
        self.assertEqual(response.status_code, 302)
        page = Page.objects.get()
        self.assertEqual(page.name, "综合新闻")
        self.assertTrue(page.printed.layout)
        self.assertEqual(ItemRegion.objects.count(), 2)
        # The upload's PDF was kept in storage only until it was imported.
        self.assertEqual(default_storage.listdir("uploads")[1], [])
        for folder in default_storage.listdir("uploads")[0]:
            self.assertEqual(default_storage.listdir(f"uploads/{folder}"), ([], []))
