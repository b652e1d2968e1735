"""An item printed without a headline: in cards, lists and search results a
marked stand-in ("（无标题）" and its opening words, muted), and the lead or
snippet beside it does not say the same words again."""
from django.test import TestCase, tag

from articles.models import Item, Person
from articles.search import indexing

from . import factories

TEXT = "本报讯（记者王志敏）2月2日，记者从市医保局获悉，自2月1日起，我省普通门诊费跨省直接结算开始试运行，参保人员可持卡结算。"


@tag("engine")
class HeadlessItemTests(TestCase):
    def setUp(self):
        factories.issue("2021-02-04", items_per_page=1, reporters=("王志敏",))
        with indexing.deferred():
            self.item = Item.objects.get()
            self.item.headline = ""
            self.item.body = [{"type": "paragraph", "text": TEXT}]
            self.item.save()
            indexing.note(self.item.pk)
        self.stand_in = '<span class="untitled">（无标题）</span><span class="stand-in">2月2日，记者从市医保局获悉，自2月1日起，我省…</span>'

    def test_its_stand_in_is_its_opening_words_after_the_lead(self):
        self.assertEqual(self.item.opening, "2月2日，记者从市医保局获悉，自2月1日起，我省…")
        self.assertEqual(self.item.title, self.item.opening)

    def test_cards_and_lists_mark_it_and_do_not_repeat_it(self):
        person = Person.objects.get(name="王志敏")
        for url in ("/", "/2021/02/04/1/", "/2021/02/04/", person.get_absolute_url()):
            with self.subTest(url=url):
                response = self.client.get(url)
                self.assertContains(response, self.stand_in, html=False)
                # The opening words are said once, in the stand-in, and
                # the lead goes on from there.
                main = response.content.decode().split("<main", 1)[1]
                self.assertEqual(main.count("记者从市医保局获悉"), 1)
        lead = Item.objects.get().card_lead()
        self.assertTrue(lead.startswith("…普通门诊费跨省直接结算"), lead)

    def test_a_search_result_marks_it_and_its_snippet_does_not_repeat_it(self):
        response = self.client.get("/search/", {"q": "医保局"})
        self.assertContains(response, self.stand_in, html=False)
        snippet = response.context["outcome"].results[0]["snippet"]
        text = "".join(t for t, _ in snippet.segments)
        self.assertTrue(text.startswith("…普通门诊费跨省直接结算"), text)
        self.assertNotIn("记者从市医保局获悉", text)

    def test_a_snippet_from_further_in_is_kept_whole(self):
        self.item.body.append({"type": "paragraph", "text": "下一步，医保部门将扩大试点范围，方便群众异地就医。" * 8})
        self.item.save()
        response = self.client.get("/search/", {"q": "扩大试点范围"})
        text = "".join(t for t, _ in response.context["outcome"].results[0]["snippet"].segments)
        self.assertIn("扩大试点范围", text)
        self.assertFalse(text.startswith("…普通门诊费"))

    def test_an_item_with_a_headline_is_shown_as_before(self):
        self.item.headline = "跨省门诊结算试运行"
        self.item.save()
        response = self.client.get("/2021/02/04/1/")
        self.assertNotContains(response, "（无标题）")
        self.assertContains(response, "跨省门诊结算试运行")
        self.assertContains(response, "本报讯（记者王志敏）2月2日")
