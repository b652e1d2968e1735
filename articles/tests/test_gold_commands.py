"""The gold commands: import_gold loads an editor's parse of an imported page
(and marks it checked), parser_report scores the current parser on every
checked page, export_gold writes checked pages as the parser's test and
training data — checked against the shared sample and its gold with the
shared scorer."""
import datetime
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import TestCase
from django.utils import timezone

from articles.models import Item, Page, ProofEdit
from articles.pagedump import parse_page
from articles.pagedump.scoring import score

from .helpers import SAMPLE_BYTES, dump_dir, import_pages
from .support import PAGES, SAMPLE, SAMPLE_GOLD, needs_shared, score_module


def run(name, *args):
    out, err = io.StringIO(), io.StringIO()
    status = 0
    try:
        call_command(name, *[str(a) for a in args], stdout=out, stderr=err)
    except SystemExit as e:
        status = e.code
    except CommandError as e:
        status, err = 1, io.StringIO(str(e))
    return status, out.getvalue(), err.getvalue()


def folder(test):
    path = Path(tempfile.mkdtemp(prefix="gold-"))
    test.addCleanup(shutil.rmtree, path, True)
    return path


@needs_shared
class SampleGoldTests(TestCase):
    """The issue's "done when": the sample imported, its gold loaded, the
    parser scored on it, the page exported again."""

    def setUp(self):
        source = folder(self)
        shutil.copy(SAMPLE, source / SAMPLE.name)
        self.assertEqual(import_pages(source).status, 0)
        self.page = Page.objects.get()
        self.ids = set(Item.objects.values_list("pk", flat=True))
        status, self.loaded, err = run("import_gold", SAMPLE_GOLD)
        self.assertEqual(status, 0, err)

    def test_import_gold_makes_the_page_checked_keeping_the_items_that_match(self):
        self.assertIn("1 loaded, 0 failed", self.loaded)
        self.page.refresh_from_db()
        self.assertTrue(self.page.checked)
        self.assertIsNotNone(self.page.checked_at)
        gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
        content = [i for i in gold["items"] if i["kind"] in ("article", "photo")]
        self.assertEqual(Item.objects.filter(page=self.page, kind__in=("article", "photo")).count(), len(content))
        self.assertEqual(set(Item.objects.values_list("pk", flat=True)), self.ids, "every item matched keeps its id")
        edit = ProofEdit.objects.get()
        self.assertEqual(edit.operation, "import_gold")
        self.assertIn("jzrb-2021-02-04-01.gold.json", str(edit))

    def test_parser_report_scores_the_current_parser_against_the_editors_gold(self):
        status, out, err = run("parser_report")
        self.assertEqual(status, 0, err)
        last = out.strip().splitlines()[-1]
        match = re.fullmatch(r"overall (\d\.\d{3}) over 1 pages", last)
        self.assertIsNotNone(match, out)
        gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
        expected = score(parse_page(SAMPLE.read_text(encoding="utf-8")), gold)["overall"]
        self.assertEqual(match.group(1), f"{expected:.3f}")
        self.assertGreaterEqual(float(match.group(1)), 0.99)
        self.assertIn("2021-02-04 page 1", out)

    def test_export_gold_writes_the_dump_and_a_gold_that_scores_1_against_the_samples(self):
        out_dir = folder(self) / "gold"
        status, out, err = run("export_gold", out_dir)
        self.assertEqual(status, 0, err)
        self.assertIn("1 checked page(s) written", out)
        self.assertEqual(sorted(p.name for p in out_dir.iterdir()), ["2021-02-04-01.gold.json", "2021-02-04-01.txt"])
        self.assertEqual((out_dir / "2021-02-04-01.txt").read_text(encoding="utf-8"), self.page.raw_text)
        exported = json.loads((out_dir / "2021-02-04-01.gold.json").read_text(encoding="utf-8"))
        gold = json.loads(SAMPLE_GOLD.read_text(encoding="utf-8"))
        self.assertEqual(score_module().score(exported, gold)["overall"], 1.0)
        self.assertEqual(score(exported, gold)["overall"], 1.0)

    def test_the_exported_gold_loads_back_as_the_same_page(self):
        out_dir = folder(self) / "gold"
        run("export_gold", out_dir)
        before = list(Item.objects.filter(page=self.page).order_by("position").values_list("pk", "body"))
        status, out, err = run("import_gold", out_dir / "2021-02-04-01.gold.json")
        self.assertEqual(status, 0, err)
        self.assertEqual(list(Item.objects.filter(page=self.page).order_by("position").values_list("pk", "body")),
                         before)


class GoldCommandTests(TestCase):
    """Without the shared material: the demo page and a generated page of
    the parser's tests (articles/tests/pages)."""

    def setUp(self):
        with dump_dir({"2021-02-04-01.txt": SAMPLE_BYTES,
                       "2021-03-01-02.txt": (PAGES / "page-00.txt").read_bytes()}) as d:
            self.assertEqual(import_pages(d).status, 0)
        self.generated = Page.objects.get(number=2)
        self.gold_dir = folder(self)
        shutil.copy(PAGES / "page-00.gold.json", self.gold_dir / "2021-03-01-02.gold.json")

    def test_a_generated_pages_gold_becomes_its_items(self):
        status, out, err = run("import_gold", self.gold_dir / "2021-03-01-02.gold.json")
        self.assertEqual(status, 0, err)
        gold = json.loads((PAGES / "page-00.gold.json").read_text(encoding="utf-8"))
        content = [i for i in gold["items"] if i["kind"] in ("article", "photo")]
        items = list(Item.objects.filter(page=self.generated, kind__in=("article", "photo")).order_by("position"))
        self.assertEqual([i.headline or "" for i in items], [(g.get("headline") or "") for g in content])
        self.assertEqual([i.body for i in items], [g["body"] for g in content])
        self.generated.refresh_from_db()
        self.assertTrue(self.generated.checked)
        self.assertTrue(all(i.edited for i in items))

    def test_a_gold_that_is_not_the_pages_is_refused_and_nothing_changes(self):
        shutil.copy(PAGES / "page-01.gold.json", self.gold_dir / "2021-02-04-01.gold.json")
        before = list(Item.objects.order_by("pk").values_list("pk", "body"))
        status, out, err = run("import_gold", self.gold_dir / "2021-02-04-01.gold.json")
        self.assertEqual(status, 1)
        self.assertIn("is not in the page's dump: is this the gold of another page?", err)
        self.assertEqual(list(Item.objects.order_by("pk").values_list("pk", "body")), before)
        self.assertFalse(Page.objects.filter(checked=True).exists())

    def test_bad_files_are_refused_one_by_one_with_a_reason(self):
        (self.gold_dir / "2021-05-05-01.gold.json").write_text("{}", encoding="utf-8")
        (self.gold_dir / "2021-02-04-01.gold.json").write_text("{not json", encoding="utf-8")
        (self.gold_dir / "notes.json").write_text("{}", encoding="utf-8")
        status, out, err = run("import_gold", self.gold_dir / "2021-05-05-01.gold.json",
                               self.gold_dir / "2021-02-04-01.gold.json", self.gold_dir / "notes.json",
                               self.gold_dir / "2021-03-01-02.gold.json")
        self.assertEqual(status, 1)
        self.assertIn("page 1 of 2021-05-05 is not in the archive: import its dump first", err)
        self.assertIn("not JSON", err)
        self.assertIn("the name must end in .gold.json", err)
        self.assertIn("1 loaded, 3 failed", out)

    def test_export_since_a_date_and_report_on_no_pages(self):
        status, out, err = run("parser_report")
        self.assertEqual(out.strip().splitlines()[-1], "overall 0.000 over 0 pages")
        run("import_gold", self.gold_dir / "2021-03-01-02.gold.json")
        Page.objects.filter(pk=self.generated.pk).update(checked_at=timezone.now() - datetime.timedelta(days=10))
        out_dir = folder(self)
        run("export_gold", out_dir, "--since", timezone.localdate().isoformat())
        self.assertEqual(list(out_dir.iterdir()), [])
        run("export_gold", out_dir, "--since", (timezone.localdate() - datetime.timedelta(days=11)).isoformat())
        self.assertEqual(sorted(p.name for p in out_dir.iterdir()), ["2021-03-01-02.gold.json", "2021-03-01-02.txt"])
        status, out, err = run("parser_report")
        self.assertRegex(out.strip().splitlines()[-1], r"^overall \d\.\d{3} over 1 pages$")
        status, out, err = run("export_gold", out_dir, "--since", "yesterday")
        self.assertNotEqual(status, 0)

    def test_the_training_reads_the_exported_folder_as_its_checked_family(self):
        from articles.pagedump.training import families
        run("import_gold", self.gold_dir / "2021-03-01-02.gold.json")
        out_dir = folder(self)
        run("export_gold", out_dir)
        pages = families.checked_pages(out_dir)
        self.assertEqual([(p.family, p.name) for p in pages], [("checked", "checked-2021-03-01-02")])
        self.generated.refresh_from_db()
        self.assertEqual(pages[0].text, self.generated.raw_text)
        gold = json.loads((PAGES / "page-00.gold.json").read_text(encoding="utf-8"))
        self.assertEqual(score(pages[0].gold, gold)["overall"], 1.0)
