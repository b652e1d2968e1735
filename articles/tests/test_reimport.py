"""Importing again: unchanged dumps are skipped, changed ones replace the
page's items keeping permalinks and editors' changes, people are never
duplicated, and continuations are linked whichever page comes first."""
from django.test import TestCase, tag

from articles import editing
from articles.models import Credit, ImportFile, Item, Page, Person, PersonAlias, SearchEntry

from .helpers import SAMPLE_BYTES, article_page, dump_dir, import_pages, two_article_page


@tag("engine")
class UnchangedReimportTests(TestCase):
    def test_an_unchanged_dump_is_skipped_and_nothing_is_written(self):
        with dump_dir({"2021-02-04-01.txt": SAMPLE_BYTES}) as d:
            import_pages(d)
            page = Page.objects.get()
            before = {i.pk: i.updated_at for i in Item.objects.all()}
            result = import_pages(d)
        self.assertEqual(result.status, 0)
        self.assertIn("skipped (unchanged): 1", result.out)
        page.refresh_from_db()
        self.assertEqual({i.pk: i.updated_at for i in Item.objects.all()}, before)
        self.assertEqual(Page.objects.get().imported_at, page.imported_at)
        self.assertEqual(ImportFile.objects.filter(status=ImportFile.SKIPPED).count(), 1)

    def test_the_same_dump_as_another_page_is_still_imported_as_that_page(self):
        # Unchanged means unchanged for this page: an identical dump given
        # for another page of the issue (an advertisement printed twice) is
        # imported there too.
        two = two_article_page()
        with dump_dir({"2021-02-04-01.txt": two, "2021-02-04-02.txt": two}) as d:
            result = import_pages(d)
        self.assertIn("imported: 2", result.out)
        self.assertEqual(list(Page.objects.order_by("number").values_list("number", flat=True)), [1, 2])
        self.assertEqual(Item.objects.filter(page__number=2).count(), 2)

    def test_force_reimports_an_unchanged_dump_keeping_its_items(self):
        with dump_dir({"2021-02-04-01.txt": SAMPLE_BYTES}) as d:
            import_pages(d)
            pks = set(Item.objects.values_list("pk", flat=True))
            result = import_pages(d, "--force")
        self.assertIn("imported: 1", result.out)
        self.assertEqual(set(Item.objects.values_list("pk", flat=True)), pks)
        self.assertEqual(Person.objects.filter(name="雷甫").count(), 1)


@tag("engine")
class ChangedReimportTests(TestCase):
    def import_version(self, text):
        with dump_dir({"2021-02-04-01.txt": text}) as d:
            return import_pages(d)

    def test_items_are_replaced_and_surviving_items_keep_their_permalinks(self):
        self.import_version(two_article_page())
        first = Item.objects.get(headline="市政协召开党组会议")
        url = first.get_absolute_url()
        second = Item.objects.get(headline="就地过大年暖心更安心")
        # A typo fixed in the first article, the second one replaced.
        self.import_version(two_article_page(
            first_body="市政协召开党组会议，集中学习有关讲话精神。",
            second_body="一周前，山西职教港项目指挥部开始对工地建设者进行调查摸底。"))
        first.refresh_from_db()
        self.assertEqual(first.get_absolute_url(), url)
        self.assertEqual(Item.objects.filter(pk=second.pk).count(), 1)  # same headline: updated in place
        self.assertIn("调查摸底", Item.objects.get(pk=second.pk).plain_text)
        self.assertEqual(Item.objects.count(), 2)

    def test_items_gone_from_the_new_dump_are_deleted_and_new_ones_created(self):
        self.import_version(two_article_page())
        old = set(Item.objects.values_list("pk", flat=True))
        self.import_version(article_page("晋中召开新闻发布会", "介绍了全市春节期间各项保障措施的落实情况。"))
        self.assertEqual(Item.objects.count(), 1)
        self.assertFalse(old & set(Item.objects.values_list("pk", flat=True)))
        self.assertFalse(SearchEntry.objects.filter(item_id__in=old).exists())

    def test_an_item_an_editor_changed_is_never_overwritten(self):
        self.import_version(two_article_page())
        item = Item.objects.get(headline="市政协召开党组会议")
        item.headline = "市政协召开党组会议（编辑改）"
        editing.mark_edited(item)
        item.save()
        result = self.import_version(two_article_page(first_body="市政协召开党组会议，集中学习了新的讲话精神。"))
        item.refresh_from_db()
        self.assertEqual(item.headline, "市政协召开党组会议（编辑改）")
        self.assertIn("集中学习有关讲话精神", item.plain_text)
        self.assertIn("conflict", result.out)
        self.assertIn("editor", result.out)
        self.assertEqual(ImportFile.objects.latest("pk").conflicts[0][:1], "「")

    def test_an_edited_item_missing_from_the_new_dump_is_kept_and_reported(self):
        self.import_version(two_article_page())
        item = Item.objects.get(headline="就地过大年暖心更安心")
        editing.mark_edited(item)
        item.save()
        result = self.import_version(article_page("市政协召开党组会议", "市政协召开党组会议，集中学习有关讲话精神。"))
        self.assertTrue(Item.objects.filter(pk=item.pk).exists())
        self.assertIn("not in the new dump", result.out)

    def test_credits_follow_the_new_dump(self):
        self.import_version(two_article_page())
        self.import_version(two_article_page().replace("记者王菲", "记者张晶"))
        item = Item.objects.get(headline="就地过大年暖心更安心")
        self.assertEqual([c.person.name for c in item.credits.all()], ["张晶"])


@tag("engine")
class PeopleTests(TestCase):
    def test_the_same_name_from_the_same_organisation_is_one_person_whatever_its_spacing(self):
        files = {
            "2021-02-04-01.txt": article_page("第一条", "市政协召开会议。", lead="本报讯（记者 王 菲）"),
            "2021-02-05-01.txt": article_page("第二条", "全市召开会议。", lead="本报讯（记者王菲）"),
            "2021-02-06-01.txt": "抓时节\n忙养护\n\n2月1日，工人正在养护新栽种的蓝莓、樱桃树。\n本报记者 王 菲 摄\n",
        }
        with dump_dir(files) as d:
            self.assertEqual(import_pages(d).status, 0)
        self.assertEqual(Person.objects.filter(name="王菲").count(), 1)
        self.assertEqual(Credit.objects.filter(person__name="王菲").count(), 3)

    def test_a_merged_person_keeps_getting_credits_through_the_alias(self):
        with dump_dir({"2021-02-04-01.txt": article_page("第一条", "市政协召开会议。", lead="本报讯（记者王菲）")}) as d:
            import_pages(d)
        keep = Person.objects.create(name="王菲菲", organisation="本报", kind=Person.STAFF)
        editing.merge_people(keep, [Person.objects.get(name="王菲")])
        self.assertTrue(PersonAlias.objects.filter(person=keep, name="王菲").exists())
        with dump_dir({"2021-02-05-01.txt": article_page("第二条", "全市召开会议。", lead="本报讯（记者王菲）")}) as d:
            import_pages(d)
        self.assertFalse(Person.objects.filter(name="王菲").exists())
        self.assertEqual(keep.credits.count(), 2)


@tag("engine")
class ContinuationTests(TestCase):
    FRONT = article_page("乘风奋楫逐浪高", "我市以特色活动为载体持续提升影响力。", continued_to=2) + \
        "\n\n" + article_page("就地过大年", "春节临近，工地过年。", lead="本报讯（记者王菲）", continued_to=2)
    INSIDE = article_page("乘风奋楫逐浪高", "这一个个活动以其独特的魅力成为我市一张张亮丽的名片。", lead="",
                          continued_from=1) + "\n\n" + \
        article_page("就地过大年", "项目部推出了多项暖心举措。", lead="", continued_from=1)

    def check_links(self):
        inside = {i.headline: i for i in Item.objects.filter(page__number=2)}
        front = {i.headline: i for i in Item.objects.filter(page__number=1)}
        self.assertEqual(inside["乘风奋楫逐浪高"].continues, front["乘风奋楫逐浪高"])
        self.assertEqual(inside["就地过大年"].continues, front["就地过大年"])

    def test_front_page_first(self):
        with dump_dir({"2021-02-04-01.txt": self.FRONT, "2021-02-04-02.txt": self.INSIDE}) as d:
            import_pages(d / "2021-02-04-01.txt")
            import_pages(d / "2021-02-04-02.txt")
        self.check_links()

    def test_inside_page_first(self):
        with dump_dir({"2021-02-04-01.txt": self.FRONT, "2021-02-04-02.txt": self.INSIDE}) as d:
            import_pages(d / "2021-02-04-02.txt")
            import_pages(d / "2021-02-04-01.txt")
        self.check_links()

    def test_a_lone_pair_is_linked_even_when_headlines_differ(self):
        front = article_page("乘风奋楫逐浪高", "我市以特色活动为载体持续提升影响力。", continued_to=3)
        inside = "（上接第1版）这一个个活动以其独特的魅力成为我市一张张亮丽的名片。\n"
        with dump_dir({"2021-02-04-01.txt": front, "2021-02-04-03.txt": inside}) as d:
            import_pages(d)
        part = Item.objects.get(page__number=3)
        self.assertEqual(part.continues.headline, "乘风奋楫逐浪高")
