"""The JSON API."""
from django.test import TestCase, tag

from articles.models import Item, Person

from . import factories
from .helpers import article_page, dump_dir, import_pages


class ApiTests(TestCase):
    def setUp(self):
        factories.issue("2021-02-03", items_per_page=1)
        self.issue = factories.issue("2021-02-04", pages=2, number=8123)

    def test_issues_newest_first_paginated(self):
        data = self.client.get("/api/issues/").json()
        self.assertEqual([i["date"] for i in data["results"]], ["2021-02-04", "2021-02-03"])
        self.assertEqual(data["count"], 2)
        self.assertEqual(data["results"][0]["pages"], 2)
        self.assertTrue(data["results"][0]["url"].endswith("/2021/02/04/"))

    def test_one_issue_with_its_pages_and_items(self):
        data = self.client.get("/api/issues/2021-02-04/").json()
        self.assertEqual(data["number"], 8123)
        self.assertEqual([p["number"] for p in data["pages"]], [1, 2])
        self.assertEqual(len(data["pages"][0]["items"]), 3)
        self.assertEqual(data["pages"][0]["items"][0]["credits"], [{"name": "雷甫", "role": "记者", "org": "本报"}])

    def test_one_item_has_the_parse_fields_and_more(self):
        item = Item.objects.filter(page__issue=self.issue).first()
        data = self.client.get(f"/api/items/{item.pk}/").json()
        for key in ("kind", "headline", "kicker", "subtitle", "column", "dateline", "credits", "body",
                    "continued_to_page", "continued_from_page", "people", "id", "url", "page", "date",
                    "continues", "continued_by"):
            self.assertIn(key, data)
        self.assertEqual(data["date"], "2021-02-04")
        self.assertEqual(data["people"][0]["name"], "常书铭")
        self.assertEqual(data["body"][2], {"type": "subhead", "text": "搭台唱戏，精彩不停歇"})

    def test_one_person_with_their_items(self):
        person = Person.objects.get(name="雷甫")
        data = self.client.get(f"/api/people/{person.slug}/").json()
        self.assertEqual(data["name"], "雷甫")
        self.assertEqual(data["items"]["count"], 7)
        self.assertEqual(data["items"]["results"][0]["date"], "2021-02-04")

    def test_chinese_is_not_escaped(self):
        self.assertIn("雷甫".encode(), self.client.get("/api/issues/2021-02-04/").content)

    def test_not_found(self):
        for url in ("/api/issues/2021-02-09/", "/api/issues/not-a-date/", "/api/items/999999/",
                    "/api/people/nobody/"):
            with self.subTest(url=url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_withdrawn_item_is_not_served(self):
        item = Item.objects.filter(page__issue=self.issue).first()
        Item.objects.filter(pk=item.pk).update(status=Item.WITHDRAWN)
        self.assertEqual(self.client.get(f"/api/items/{item.pk}/").status_code, 404)
        data = self.client.get("/api/issues/2021-02-04/").json()
        self.assertNotIn(item.pk, [i["id"] for p in data["pages"] for i in p["items"]])


@tag("engine")
class ApiContinuationTests(TestCase):
    def test_the_linked_continuation(self):
        front = article_page("乘风奋楫逐浪高", "我市以特色活动为载体持续提升影响力。", lead="本报讯（记者李晓雯）",
                             continued_to=2)
        inside = article_page("乘风奋楫逐浪高", "这一个个活动以其独特的魅力成为我市一张张亮丽的名片。", lead="",
                              continued_from=1)
        with dump_dir({"2021-02-04-01.txt": front, "2021-02-04-02.txt": inside}) as d:
            import_pages(d)
        first, second = Item.objects.order_by("page__number")
        data = self.client.get(f"/api/items/{first.pk}/").json()
        self.assertEqual(data["continued_by"]["id"], second.pk)
        self.assertEqual(data["continued_to_page"], 2)
        self.assertEqual(self.client.get(f"/api/items/{second.pk}/").json()["continues"]["id"], first.pk)
