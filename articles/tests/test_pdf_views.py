"""The printed page for readers: the page view's image with each item's
region a link, the item page's thumbnail with its region marked, a photo
item's photo, the zoom rendered on demand, the media files' cache headers,
the API's image, thumbnail, regions and photo, and a withdrawn item keeping
its page's image from the public (as it keeps the dump)."""
import re

from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.test import TestCase

from articles.models import Item, PageImage

from . import pdfsamples
from .helpers import dump_dir, import_pages, two_article_page
from .test_import_pdf import MediaRootMixin
from .test_pdfgen import needs_tools

PAGE = "/2021/02/04/2/"


@needs_tools
class PrintedPageTests(MediaRootMixin, TestCase):
    @classmethod
    def setUpTestData(cls):
        pdf, _gold = pdfsamples.photo_page()
        with dump_dir({"2021-02-04/02.pdf": pdf, "2021-02-04/01.txt": two_article_page()}) as d:
            result = import_pages(d)
        assert result.status == 0, result
        cls.photo = Item.objects.get(kind="photo")
        cls.article = Item.objects.get(kind="article", page__number=2)
        cls.printed = PageImage.objects.get()

    def test_page_view_shows_the_image_with_each_item_a_region_link(self):
        html = self.client.get(PAGE).content.decode()
        self.assertIn(f'<img class="print__image" src="{self.printed.image.url}" width="1200"', html)
        self.assertIn('viewBox="0 0 595.0 842.0"', html)
        links = re.findall(r'<a class="print__item print__item--(\w+)" href="([^"]+)"><title>([^<]+)</title>', html)
        self.assertEqual(links, [("photo", self.photo.get_absolute_url(), "图片：" + pdfsamples.HEADLINE),
                                 ("article", self.article.get_absolute_url(), pdfsamples.ARTICLE_HEAD)])
        self.assertIn('<rect x="40.0" y="102.0" width="320.0" height="200.0"/>', html)
        # The list of items stays, for screen readers and small screens.
        self.assertEqual(html.count('class="card__title"'), 2)
        self.assertIn(f'href="{PAGE}zoom/">查看大图</a>', html)

    def test_a_page_without_an_image_shows_none(self):
        html = self.client.get("/2021/02/04/1/").content.decode()
        self.assertNotIn("print__image", html)
        self.assertIn('class="card__title"', html)

    def test_item_page_shows_its_page_thumbnail_with_its_region(self):
        html = self.client.get(self.article.get_absolute_url()).content.decode()
        self.assertIn(f'src="{self.printed.thumbnail.url}"', html)
        self.assertIn('alt="第2版版面缩略图，框出本条目的位置"', html)
        rects = re.search(r'<svg class="print-thumb__mark"[^>]*>(.*?)</svg>', html).group(1)
        self.assertEqual(rects.count("<rect"), len(self.article.region.rects))

    def test_photo_item_shows_its_photo_with_the_caption_as_alt(self):
        html = self.client.get(self.photo.get_absolute_url()).content.decode()
        self.assertIn(f'<img class="photo__image" src="{self.photo.region.photo.url}"', html)
        self.assertIn(f'alt="{pdfsamples.CAPTION}"', html)
        self.assertNotIn("photo__placeholder", html)

    def test_media_files_are_served_immutable(self):
        for f in (self.printed.image, self.printed.thumbnail, self.photo.region.photo):
            response = self.client.get(f.url)
            self.assertEqual(response.status_code, 200, f.url)
            self.assertEqual(response["Content-Type"], "image/webp")
            self.assertEqual(response["Cache-Control"], "public, max-age=31536000, immutable")
            self.assertTrue(b"".join(response.streaming_content).startswith(b"RIFF"))

    def test_only_the_archives_own_files_are_served(self):
        default_storage.save("uploads/abc/2021-02-04-01.pdf", open(__file__, "rb"))
        for url in ("/media/uploads/abc/2021-02-04-01.pdf", "/media/pages/../uploads/abc/2021-02-04-01.pdf",
                    "/media/pages/2021/02/04/02-0000000000000000-page.webp", "/media/nothing"):
            self.assertEqual(self.client.get(url).status_code, 404, url)

    def test_zoom_is_rendered_once_on_demand(self):
        response = self.client.get(f"{PAGE}zoom/")
        self.assertEqual(response.status_code, 302)
        printed = PageImage.objects.get()
        self.assertEqual(response["Location"], printed.zoom.url)
        from PIL import Image
        with default_storage.open(printed.zoom.name, "rb") as f, Image.open(f) as im:
            self.assertEqual(im.width, 2400)
        self.assertEqual(self.client.get(f"{PAGE}zoom/")["Location"], printed.zoom.url)
        self.assertEqual(self.client.get("/2021/02/04/1/zoom/").status_code, 404)

    def test_api_gives_image_thumbnail_regions_and_photo(self):
        data = self.client.get("/api/issues/2021-02-04/").json()
        first, second = data["pages"]
        self.assertEqual((first["image"], first["thumbnail"], first["page_size"]), (None, None, None))
        self.assertTrue(all(i["regions"] is None for i in first["items"]))
        self.assertEqual(second["image"], "http://testserver" + self.printed.image.url)
        self.assertEqual(second["thumbnail"], "http://testserver" + self.printed.thumbnail.url)
        self.assertEqual(second["page_size"], [595.0, 842.0])
        photo, article = second["items"]
        self.assertIn([40.0, 102.0, 320.0, 200.0], photo["regions"])
        self.assertEqual(photo["photo"], "http://testserver" + self.photo.region.photo.url)
        self.assertNotIn("photo", article)
        item = self.client.get(f"/api/items/{self.photo.pk}/").json()
        self.assertEqual(item["regions"], self.photo.region.rects)
        self.assertEqual(item["photo"], photo["photo"])
        self.assertEqual((item["image"], item["page_size"]), (second["image"], [595.0, 842.0]))
        other = self.client.get(f"/api/items/{Item.objects.filter(page__number=1).first().pk}/").json()
        self.assertEqual((other["image"], other["thumbnail"], other["regions"]), (None, None, None))

    def test_the_policy_still_allows_only_the_sites_own_images(self):
        response = self.client.get(PAGE)
        self.assertIn("img-src 'self'", response["Content-Security-Policy"])
        self.assertNotIn("style=", response.content.decode())

    def test_a_withdrawn_item_keeps_the_page_image_from_the_public(self):
        Item.objects.filter(pk=self.article.pk).update(status=Item.WITHDRAWN)
        html = self.client.get(PAGE).content.decode()
        self.assertNotIn("print__image", html)
        self.assertEqual(self.client.get(self.printed.image.url).status_code, 404)
        self.assertEqual(self.client.get(f"{PAGE}zoom/").status_code, 404)
        self.assertIsNone(self.client.get("/api/issues/2021-02-04/").json()["pages"][1]["image"])
        self.assertNotIn("print-thumb", self.client.get(self.photo.get_absolute_url()).content.decode())
        # Staff still see it, never from a shared cache.
        self.client.force_login(User.objects.create_superuser("editor", "e@example.com", "pw"))
        response = self.client.get(self.printed.image.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("no-store", response["Cache-Control"])
