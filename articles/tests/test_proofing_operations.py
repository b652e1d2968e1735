"""Page proofing's operations (articles.proofing.operations) on the demo page
imported for real: each keeps the page's text, keeps surviving items' ids,
redirects merged-away items, reindexes in the same transaction, records a
revertable history entry, and refuses stale forms and lost text. On both
database engines (tagged "engine")."""
from django.contrib.auth.models import User
from django.test import TestCase, tag

from articles.models import Credit, ImportFile, Item, ItemRedirect, Page, Person, ProofEdit, SearchEntry
from articles.proofing import state as S
from articles.proofing.operations import ProofError, StaleForm, perform

from .helpers import SAMPLE_BYTES, dump_dir, import_pages


def page_text(page):
    """Every character of the page's articles and photos, in order."""
    return "".join("".join(b["text"] for b in i.body).replace(" ", "")
                   for i in Item.objects.filter(page=page, kind__in=("article", "photo")).order_by("position"))


@tag("engine")
class ProofingOperationTests(TestCase):
    def setUp(self):
        self.dumps = dump_dir({"2021-02-04-01.txt": SAMPLE_BYTES})
        self.folder = self.dumps.__enter__()
        self.addCleanup(self.dumps.__exit__, None, None, None)
        import_pages(self.folder)
        self.page = Page.objects.get()
        self.editor = User.objects.create_user("editor", password="x", is_staff=True)
        self.items = list(Item.objects.filter(page=self.page, kind="article").order_by("position"))
        self.text = page_text(self.page)

    def op(self, name, **params):
        return perform(self.page, name, params, user=self.editor)

    def test_split_keeps_the_first_half_and_its_id_and_makes_the_rest_a_new_item(self):
        item = self.items[2]                     # 乘风奋楫逐浪高, 15 paragraphs
        body = list(item.body)
        edit = self.op("split", item=item.pk, at=5)
        item.refresh_from_db()
        self.assertEqual(item.body, body[:5])
        self.assertEqual(item.headline, "乘风奋楫逐浪高")
        new = Item.objects.get(pk=edit.params["new"])
        self.assertEqual(new.body, body[5:])
        self.assertEqual(new.position, item.position + 1)
        self.assertTrue(item.edited and new.edited)
        self.assertEqual(page_text(self.page), self.text)
        self.page.refresh_from_db()
        self.assertIsNotNone(self.page.proofed_at)
        # The search index has the new item already (the same transaction).
        self.assertTrue(SearchEntry.objects.filter(item=new).exists())
        self.assertEqual(edit.user, self.editor)
        self.assertEqual(str(edit), f"从第 6 段起拆分「乘风奋楫逐浪高」（#{item.pk}），后半部分成为 #{new.pk}")

    def test_merge_into_the_item_before_keeps_its_id_and_redirects_the_other(self):
        keep, gone = self.items[0], self.items[1]
        keep_body, gone_body = list(keep.body), list(gone.body)
        self.op("merge", item=gone.pk, into="prev")
        keep.refresh_from_db()
        self.assertFalse(Item.objects.filter(pk=gone.pk).exists())
        self.assertEqual(keep.body, keep_body + gone_body)
        self.assertEqual(keep.headline, "市政协召开党组会议")       # the first had none
        self.assertEqual(ItemRedirect.target(gone.pk), keep.pk)
        self.assertEqual(set(Credit.objects.filter(item=keep).values_list("person__name", flat=True)),
                         {"刘吟", "雷甫"})
        self.assertEqual(page_text(self.page), self.text)
        self.assertFalse(SearchEntry.objects.filter(item_id=gone.pk).exists())

    def test_merging_two_headlines_is_refused_as_it_would_lose_one(self):
        before = S.capture(self.page, [i.pk for i in self.items])
        with self.assertRaises(ProofError) as caught:
            self.op("merge", item=self.items[2].pk, into="prev")
        self.assertIn("合并会丢掉其中一个", str(caught.exception.message))
        self.assertEqual(S.capture(self.page, [i.pk for i in self.items]), before)
        self.assertFalse(ProofEdit.objects.exists())

    def test_moving_paragraphs_to_the_next_item_puts_them_at_its_start(self):
        item, after = self.items[1], self.items[2]
        moving = item.body[1:]
        after_body = list(after.body)
        self.op("move", item=item.pk, blocks=[1, 2], to="next")
        item.refresh_from_db()
        after.refresh_from_db()
        self.assertEqual(len(item.body), 1)
        self.assertEqual(after.body, moving + after_body)
        self.assertEqual(page_text(self.page), self.text)

    def test_moving_all_of_an_items_text_or_moving_it_out_of_order_is_refused(self):
        with self.assertRaises(ProofError):
            self.op("move", item=self.items[1].pk, blocks=[0, 1, 2], to="next")
        with self.assertRaises(ProofError) as caught:          # the middle paragraph to the item before
            self.op("move", item=self.items[1].pk, blocks=[1], to="prev")
        self.assertIn("本版文字的顺序不变", str(caught.exception.message))

    def test_a_headline_taken_from_a_line_of_the_dump_and_one_typed(self):
        item = self.items[1]
        lines = self.page.raw_text.split("\n")
        number = next(n for n, line in enumerate(lines) if line.replace(" ", "") == "市政协召开党组会议")
        self.op("headings", item=self.items[0].pk, fields={"headline": {"lines": str(number + 1)}})
        self.op("headings", item=item.pk, fields={"headline": "政协党组会议", "kicker": "学习贯彻"})
        first = Item.objects.get(pk=self.items[0].pk)
        item.refresh_from_db()
        self.assertEqual(first.headline, "市政协召开党组会议")
        self.assertEqual((item.headline, item.kicker), ("政协党组会议", "学习贯彻"))
        self.assertIn("政协党组会议", SearchEntry.objects.get(item=item).headline)
        # Cleared again.
        self.op("headings", item=item.pk, fields={"kicker": ""})
        item.refresh_from_db()
        self.assertEqual(item.kicker, "")

    def test_a_line_number_outside_the_dump_is_refused(self):
        with self.assertRaises(ProofError) as caught:
            self.op("headings", item=self.items[0].pk, fields={"headline": {"lines": "99999"}})
        self.assertIn("没有第 99999 行", str(caught.exception.message))

    def test_subhead_kind_and_photo_title(self):
        item = self.items[2]
        self.op("subhead", item=item.pk, block=3)
        item.refresh_from_db()
        self.assertEqual(item.body[3]["type"], "subhead")
        photo = Item.objects.get(page=self.page, kind="photo")
        self.op("kind", item=item.pk, kind="photo")
        item.refresh_from_db()
        self.assertEqual(item.kind, "photo")
        with self.assertRaises(ProofError):              # it has a title: that one would be lost
            self.op("give_title", item=photo.pk, to=item.pk)
        self.op("headings", item=item.pk, fields={"headline": ""})
        self.op("give_title", item=photo.pk, to=item.pk)
        item.refresh_from_db()
        photo.refresh_from_db()
        self.assertEqual((item.headline, photo.headline), ("抓时节 忙养护", ""))

    def test_a_paragraph_made_the_headline_leaves_the_text_and_never_overwrites_one(self):
        item = self.items[0]                     # no headline
        first = item.body[0]["text"]
        self.op("promote", item=item.pk, block=0, field="headline")
        item.refresh_from_db()
        self.assertEqual(item.headline, " ".join(first.split()))
        self.assertNotIn(first, [b["text"] for b in item.body])
        with self.assertRaises(ProofError) as caught:
            self.op("promote", item=item.pk, block=0, field="headline")
        self.assertIn("会被覆盖丢失", str(caught.exception.message))

    def test_credits_find_the_person_by_name_and_organisation(self):
        item = self.items[0]
        lei = Person.objects.get(name="雷甫")
        self.op("credits", item=item.pk, credits=[{"name": "雷甫", "role": "记者", "org": "本报"},
                                                  {"name": "新华", "role": "通讯员", "org": "太谷区委"}])
        self.assertEqual([(c.person_id == lei.pk, c.person.name, c.role) for c in
                          Credit.objects.filter(item=item).select_related("person").order_by("order")],
                         [(True, "雷甫", "记者"), (False, "新华", "通讯员")])
        with self.assertRaises(ProofError):
            self.op("credits", item=item.pk, credits=[{"name": "雷甫", "role": "主编", "org": ""}])

    def test_a_stale_form_is_refused_and_nothing_is_written(self):
        token = S.page_token(self.page)
        self.op("subhead", item=self.items[2].pk, block=3)          # another editor, meanwhile
        body = Item.objects.get(pk=self.items[1].pk).body
        with self.assertRaises(StaleForm) as caught:
            perform(self.page, "split", {"item": self.items[1].pk, "at": 1}, user=self.editor, token=token)
        self.assertIn("什么也没有保存", str(caught.exception.message))
        self.assertEqual(Item.objects.get(pk=self.items[1].pk).body, body)
        self.assertEqual(ProofEdit.objects.count(), 1)

    def test_a_preview_writes_nothing(self):
        count = Item.objects.count()
        edit = perform(self.page, "split", {"item": self.items[2].pk, "at": 5}, user=self.editor, preview=True)
        self.assertIsNone(edit.pk)
        self.assertEqual(Item.objects.count(), count)
        self.assertFalse(ProofEdit.objects.exists())
        self.assertIn("后半部分成为新条目", str(edit))

    def test_revert_of_a_merge_brings_the_item_back_with_its_id_and_no_redirect(self):
        keep, gone = self.items[0], self.items[1]
        states = S.item_states([keep.pk, gone.pk])
        edit = self.op("merge", item=gone.pk, into="prev")
        revert = self.op("revert", edit=edit.pk)
        self.assertEqual(revert.reverts, edit)
        again = S.item_states([keep.pk, gone.pk])
        for pk in (keep.pk, gone.pk):
            self.assertEqual(S.comparable(again[pk]), {**S.comparable(states[pk]), "edited": True}
                             if again[pk]["edited"] else S.comparable(states[pk]))
        self.assertIsNone(ItemRedirect.target(gone.pk))
        self.assertTrue(SearchEntry.objects.filter(item_id=gone.pk).exists())
        self.assertEqual(page_text(self.page), self.text)
        with self.assertRaises(ProofError):              # once only
            self.op("revert", edit=edit.pk)

    def test_revert_is_refused_when_a_later_operation_changed_the_items(self):
        edit = self.op("split", item=self.items[2].pk, at=5)
        self.op("subhead", item=self.items[2].pk, block=1)
        with self.assertRaises(ProofError) as caught:
            self.op("revert", edit=edit.pk)
        self.assertIn("请先撤销后来的操作", str(caught.exception.message))

    def test_a_proofed_page_is_kept_on_reimport_and_the_conflict_reported(self):
        self.op("split", item=self.items[2].pk, at=5)
        items = S.item_states(S.page_order(self.page))
        changed = SAMPLE_BYTES.decode("utf-8") + "\n本报讯 扩大会议的补充报道。\n"
        with dump_dir({"2021-02-04-01.txt": changed}) as d:
            result = import_pages(d)
        self.assertEqual(result.status, 0, result)
        self.assertIn("kept (corrected by editors): 1", result.out)
        self.assertEqual(S.item_states(S.page_order(self.page)), items)
        self.assertEqual(ImportFile.objects.filter(status=ImportFile.KEPT).count(), 1)
        self.assertIn("版面校对", " ".join(ImportFile.objects.get(status=ImportFile.KEPT).conflicts))
        self.assertNotIn("补充报道", Page.objects.get().raw_text)
