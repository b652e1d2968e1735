"""Sharing and citing: Open Graph and Twitter card tags on item, page, issue
and person pages; the item page's 引用 box (GB/T 7714, APA, BibTeX) and its
RIS file."""
import re
from html import unescape

from django.test import TestCase
from django.utils import timezone

from articles.models import Item, Person

from . import factories


def meta(response, attribute, name):
    found = re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', response.content.decode())
    return [unescape(v) for v in found]


class SharingTests(TestCase):
    def setUp(self):
        factories.issue("2021-02-04", pages=2, items_per_page=2, reporters=("刘吟", "李晓雯"))
        self.item = Item.objects.get(page__number=1, position=0)

    def test_an_item_page(self):
        response = self.client.get(self.item.get_absolute_url())
        url = f"http://testserver{self.item.get_absolute_url()}"
        self.assertEqual(meta(response, "property", "og:title"), ["第1版第1篇 市政协召开党组会议"])
        self.assertEqual(meta(response, "property", "og:type"), ["article"])
        self.assertEqual(meta(response, "property", "og:url"), [url])
        self.assertTrue(meta(response, "property", "og:description")[0].startswith("本报讯（记者雷甫）2月3日上午"))
        self.assertEqual(meta(response, "name", "twitter:card"), ["summary"])  # no picture to show
        self.assertEqual(meta(response, "property", "article:published_time"), ["2021-02-04"])
        self.assertContains(response, f'<link rel="canonical" href="{url}">')
        self.assertEqual(meta(response, "property", "og:image"), [])

    def test_page_issue_and_person_pages(self):
        person = Person.objects.get(name="刘吟")
        for path, title in (("/2021/02/04/1/", "晋中日报 2021年2月4日 第1版"), ("/2021/02/04/", "晋中日报 2021年2月4日 星期四"),
                            (person.get_absolute_url(), "刘吟")):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertTrue(meta(response, "property", "og:title")[0].startswith(title),
                                meta(response, "property", "og:title"))
                self.assertEqual(meta(response, "property", "og:url"), [f"http://testserver{path}"])
                self.assertTrue(meta(response, "property", "og:description")[0])
                self.assertEqual(meta(response, "name", "twitter:card"), ["summary"])
        self.assertIn("第1版第1篇 市政协召开党组会议", meta(self.client.get("/2021/02/04/1/"), "property", "og:description")[0])


class CitationTests(TestCase):
    def setUp(self):
        factories.issue("2021-02-04", items_per_page=1, reporters=("刘吟", "李晓雯"))
        self.item = Item.objects.get()
        self.url = f"http://testserver{self.item.get_absolute_url()}"
        self.today = timezone.localdate()

    def forms(self):
        response = self.client.get(self.item.get_absolute_url())
        return {name: text for name, _, text in response.context["cite"].forms()}, response

    def test_gb_t_7714(self):
        forms, response = self.forms()
        self.assertEqual(forms["gbt7714"], f"刘吟, 李晓雯. 第1版第1篇 市政协召开党组会议[N/OL]. 晋中日报, 2021-02-04(1)"
                                           f"[{self.today:%Y-%m-%d}]. {self.url}.")
        self.assertContains(response, "GB/T 7714")
        self.assertContains(response, "第1版第1篇 市政协召开党组会议[N/OL]. 晋中日报, 2021-02-04(1)")

    def test_apa(self):
        forms, _ = self.forms()
        self.assertEqual(forms["apa"], f"刘吟, & 李晓雯. (2021, February 4). 第1版第1篇 市政协召开党组会议. 晋中日报, 1. {self.url}")

    def test_bibtex(self):
        forms, _ = self.forms()
        bib = forms["bibtex"]
        self.assertTrue(bib.startswith(f"@article{{jz20210204-{self.item.pk},"), bib)
        self.assertIn("author = {刘吟 and 李晓雯},", bib)
        self.assertIn("title = {{第1版第1篇 市政协召开党组会议}},", bib)
        self.assertIn("journal = {晋中日报},", bib)
        self.assertIn("date = {2021-02-04},", bib)
        self.assertIn("month = feb,", bib)
        self.assertEqual(bib.count("{"), bib.count("}"))

    def test_bibtex_escapes_what_tex_would_read(self):
        self.item.headline = "增长50% & 发展_提速{新}"
        self.item.save()
        forms, _ = self.forms()
        self.assertIn(r"title = {{增长50\% \& 发展\_提速\{新\}}},", forms["bibtex"])

    def test_ris_download(self):
        response = self.client.get(self.item.get_absolute_url() + "cite.ris")
        self.assertEqual(response["Content-Type"], "application/x-research-info-systems; charset=utf-8")
        self.assertIn(f'filename="jz20210204-{self.item.pk}.ris"', response["Content-Disposition"])
        lines = response.content.decode().splitlines()
        self.assertEqual(lines[0], "TY  - NEWS")
        self.assertEqual(lines[1:3], ["AU  - 刘吟", "AU  - 李晓雯"])
        self.assertIn("TI  - 第1版第1篇 市政协召开党组会议", lines)
        self.assertIn("T2  - 晋中日报", lines)
        self.assertIn("DA  - 2021/02/04", lines)
        self.assertIn(f"UR  - {self.url}", lines)
        self.assertEqual(lines[-1], "ER  - ")
        self.assertContains(self.client.get(self.item.get_absolute_url()), 'cite.ris" download')

    def test_a_headless_item_is_cited_by_its_opening_words_marked(self):
        self.item.headline = ""
        self.item.save()
        forms, _ = self.forms()
        self.assertIn("［无标题］2月3日上午，市委副书记、市长常书铭带领有关部门…[N/OL]", forms["gbt7714"])

    def test_the_ris_of_a_moved_item_redirects(self):
        wrong = f"/2021/02/04/2/{self.item.pk}/cite.ris"
        self.assertRedirects(self.client.get(wrong), self.item.get_absolute_url() + "cite.ris", status_code=301)
