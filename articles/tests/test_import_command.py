"""manage.py import_pages: the sample page, naming conventions, dry runs,
the summary and exit status, and every kind of bad input."""
import datetime

from django.test import TestCase, tag

from articles.models import Credit, ImportFile, ImportRun, Issue, Item, Page, Person

from .helpers import SAMPLE_BYTES, dump_dir, import_pages, two_article_page


@tag("engine")
class SampleImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        with dump_dir({"jzrb-2021-02-04-01.txt": SAMPLE_BYTES}) as d:
            cls.result = import_pages(d / "jzrb-2021-02-04-01.txt")

    def test_exit_status_and_summary(self):
        self.assertEqual(self.result.status, 0, self.result)
        self.assertIn("imported: 1", self.result.out)
        self.assertIn("items: 8", self.result.out)

    def test_issue_and_page(self):
        page = Page.objects.get()
        self.assertEqual(page.issue.date, datetime.date(2021, 2, 4))
        self.assertEqual(page.number, 1)
        self.assertEqual(page.label, "JZ第一视线")
        self.assertEqual(page.raw_text, SAMPLE_BYTES.decode("utf-8"))
        self.assertEqual(len(page.sha256), 64)

    def test_seven_articles_and_one_photo(self):
        visible = Item.objects.published()
        self.assertEqual(visible.filter(kind="article").count(), 7)
        self.assertEqual(visible.filter(kind="photo").count(), 1)

    def test_headlines(self):
        headlines = list(Item.objects.published().order_by("position").values_list("headline", flat=True))
        self.assertEqual(headlines, [
            "", "市政协召开党组会议", "乘风奋楫逐浪高", "抓时节 忙养护", "就地过大年暖心更安心", "",
            "市政协召开63次主席会议", "《中国互联网络发展状况统计报告》发布"])

    def test_eight_reporters_and_photographers_with_their_credits(self):
        reporters = Person.objects.reporters()
        self.assertEqual(sorted(reporters.values_list("name", flat=True)),
                         sorted(["刘吟", "雷甫", "李晓雯", "曹伟", "王菲", "王志敏", "余俊杰", "范思翔"]))
        self.assertEqual(Credit.objects.filter(person__name="雷甫").count(), 2)
        photo = Item.objects.get(kind="photo")
        self.assertEqual([(c.person.name, c.role) for c in photo.credits.all()], [("曹伟", "摄影")])
        xinhua = Person.objects.get(name="余俊杰")
        self.assertEqual((xinhua.organisation, xinhua.kind), ("新华社", Person.WIRE))

    def test_people_named_in_the_news(self):
        lead = Item.objects.get(position=0)
        self.assertIn(("常书铭", "市委副书记、市长"), [(m.person.name, m.title) for m in lead.mentions.all()])
        self.assertFalse(Person.objects.named().filter(name__in=["高峰", "智慧", "韩文"]).exists())

    def test_the_load_log(self):
        run = ImportRun.objects.get()
        self.assertEqual((run.imported, run.failed, run.items, run.status), (1, 0, 8, ImportRun.FINISHED))
        self.assertEqual(run.file_results.get().status, ImportFile.IMPORTED)


@tag("engine")
class NamingTests(TestCase):
    def test_every_naming_convention(self):
        page = two_article_page()
        names = ["2021-02-04/01.txt", "2021-02-05/02_综合新闻.txt", "20210206/03.txt", "2021-02-07_01.txt",
                 "2021-02-08-01.txt", "20210209-01.txt", "jzrb-2021-02-10-01.txt"]
        with dump_dir({n: page for n in names}) as d:
            result = import_pages(d)
        self.assertEqual(result.status, 0, result)
        found = sorted((p.issue.date.isoformat(), p.number, p.name) for p in Page.objects.select_related("issue"))
        self.assertEqual(found, [
            ("2021-02-04", 1, ""), ("2021-02-05", 2, "综合新闻"), ("2021-02-06", 3, ""), ("2021-02-07", 1, ""),
            ("2021-02-08", 1, ""), ("2021-02-09", 1, ""), ("2021-02-10", 1, "")])

    def test_issue_json_gives_issue_number_and_page_names(self):
        files = {"2021-02-04/01.txt": two_article_page(), "2021-02-04/02.txt": two_article_page("另一版的文字。"),
                 "2021-02-04/issue.json": '{"number": 8123, "pages": {"1": "要闻", "2": "综合新闻"}}'}
        with dump_dir(files) as d:
            self.assertEqual(import_pages(d).status, 0)
        issue = Issue.objects.get()
        self.assertEqual(issue.number, 8123)
        self.assertEqual(list(issue.pages.order_by("number").values_list("name", "section__name")),
                         [("要闻", "要闻"), ("综合新闻", "综合新闻")])

    def test_globs(self):
        files = {"a/2021-02-04-01.txt": two_article_page(), "b/2021-02-05-01.txt": two_article_page(),
                 "b/notes.md": "not a page"}
        with dump_dir(files) as d:
            result = import_pages(f"{d}/*/*.txt")
        self.assertEqual(result.status, 0, result)
        self.assertEqual(Page.objects.count(), 2)

    def test_date_and_page_options_for_a_single_file(self):
        with dump_dir({"front.txt": two_article_page()}) as d:
            result = import_pages(d / "front.txt", "--date", "2021-03-01", "--page", "4")
        self.assertEqual(result.status, 0, result)
        page = Page.objects.get()
        self.assertEqual((page.issue.date, page.number), (datetime.date(2021, 3, 1), 4))

    def test_dry_run_writes_nothing(self):
        with dump_dir({"2021-02-04-01.txt": SAMPLE_BYTES}) as d:
            result = import_pages(d, "--dry-run")
        self.assertEqual(result.status, 0, result)
        self.assertIn("dry run, nothing written", result.out)
        self.assertIn("8 items", result.out)
        for model in (Issue, Page, Item, Person, ImportRun):
            self.assertFalse(model.objects.exists(), model)


@tag("engine")
class BadInputTests(TestCase):
    def run_import(self, files, *args):
        with dump_dir(files) as d:
            return import_pages(d, *args)

    def assert_one_failure(self, result, name, message):
        self.assertEqual(result.status, 1, result)
        lines = [line for line in result.err.splitlines() if line.strip()]
        self.assertEqual(len(lines), 1, result.err)
        self.assertIn(name, lines[0])
        self.assertIn(message, lines[0])
        self.assertNotIn("Traceback", result.err)

    def test_empty_binary_and_undecodable_files_fail_and_others_still_import(self):
        files = {"2021-02-04-01.txt": b"", "2021-02-04-02.txt": b"\x89PNG\r\n\x1a\n\x00\x00",
                 "2021-02-04-03.txt": b"\x80\x81\xfe\xff\x80", "2021-02-04-04.txt": two_article_page()}
        result = self.run_import(files)
        self.assertEqual(result.status, 1)
        self.assertIn("2021-02-04-01.txt: the file is empty", result.err)
        self.assertIn("2021-02-04-02.txt: the file is binary", result.err)
        self.assertIn("2021-02-04-03.txt: the file is neither UTF-8 nor GB18030", result.err)
        self.assertEqual(list(Page.objects.values_list("number", flat=True)), [4])
        self.assertIn("failed: 3", result.out)

    def test_a_name_with_no_date(self):
        result = self.run_import({"front-page.txt": two_article_page()})
        self.assert_one_failure(result, "front-page.txt", "no date")
        self.assertFalse(Page.objects.exists())

    def test_control_characters_past_the_start_fail_the_page_alike_on_both_engines(self):
        long_page = two_article_page("市政协召开党组会议，集中学习有关讲话精神。" * 1500)
        self.assertGreater(len(long_page), 30_000)
        for char in ("\x00", "\x1b", "\x07"):
            with self.subTest(char=char):
                damaged = long_page[:30_000] + char + long_page[30_000:]
                result = self.run_import({"2021-02-04-01.txt": damaged, "2021-02-04-02.txt": two_article_page()})
                self.assert_one_failure(result, "2021-02-04-01.txt",
                                        f"the file has a control character (U+{ord(char):04X}) on line 3")
                self.assertEqual(list(Page.objects.values_list("number", flat=True)), [2])
                Issue.objects.all().delete()

    def test_a_page_number_out_of_range(self):
        for name in ("2021-02-04-00.txt", "2021-02-04-999.txt", "2021-02-04-99999.txt", "2021-02-04/12345.txt"):
            with self.subTest(name=name):
                result = self.run_import({name: two_article_page()})
                self.assert_one_failure(result, name, "out of range")
        self.assertFalse(Page.objects.exists())

    def test_a_negative_page_option_fails_with_a_line_in_the_load_log(self):
        with dump_dir({"front.txt": two_article_page()}) as d:
            result = import_pages(d / "front.txt", "--date", "2021-02-04", "--page", "-5")
        self.assert_one_failure(result, "front.txt", "page number -5 is out of range (1-64)")
        logged = ImportFile.objects.get()
        self.assertEqual((logged.status, logged.page_number), (ImportFile.FAILED, None))
        # The load log is read in the admin: in Chinese (the command prints English).
        self.assertIn("超出范围", logged.message)

    def test_a_name_with_a_date_and_no_page(self):
        result = self.run_import({"2021-02-04.txt": two_article_page()})
        self.assert_one_failure(result, "2021-02-04.txt", "has a date but no page number")

    def test_a_malformed_issue_json_is_one_error_for_its_folder_and_the_rest_imports(self):
        for bad, problem in (('{"pages": [1, 2]}', '"pages" must map page numbers to page names'),
                             ('{"pages": {"1": 5}}', '"pages" must map page numbers to page names'),
                             ('{"pages": {"一": "要闻"}}', '"pages" must map page numbers to page names'),
                             ('{"number": "8123"}', '"number" must be a whole number'),
                             ('{"number": true}', '"number" must be a whole number'),
                             ('{"edition": 3}', '"edition" must be text'),
                             ('[1, 2]', "issue.json must hold an object"),
                             ('{"number": 8123', "cannot read issue.json")):
            with self.subTest(issue_json=bad):
                files = {"2021-02-04/01.txt": two_article_page(), "2021-02-04/02.txt": two_article_page(),
                         "2021-02-04/issue.json": bad, "2021-02-05/01.txt": two_article_page()}
                result = self.run_import(files)
                self.assert_one_failure(result, "2021-02-04/issue.json", problem)
                self.assertIn("the 2 page(s) beside it were not imported (01.txt, 02.txt)", result.err)
                self.assertEqual([str(p.issue.date) for p in Page.objects.select_related("issue")], ["2021-02-05"])
                self.assertIn("failed: 1", result.out)
                Issue.objects.all().delete()

    def test_a_named_pipe_is_skipped_with_a_line_saying_so(self):
        import os
        import threading
        with dump_dir({"d/2021-06-01-02.txt": two_article_page()}) as d:
            fifo = d / "d" / "2021-06-01-01.txt"
            os.mkfifo(fifo)

            def unblock():
                # Were the import waiting for a writer, this lets it go on
                # (and fail the test) instead of hanging the suite.
                try:
                    os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
                except OSError:
                    pass  # nobody is reading it: as it should be
            timer = threading.Timer(10, unblock)
            timer.start()
            try:
                result = import_pages(d / "d")
            finally:
                timer.cancel()
        self.assertEqual(result.status, 0, result)
        self.assertIn("SKIPPED", result.err)
        self.assertIn("2021-06-01-01.txt: not a regular file (a named pipe)", result.err)
        self.assertIn("skipped (not regular files): 1", result.out)
        self.assertEqual(list(Page.objects.values_list("number", flat=True)), [2])
        self.assertEqual(ImportFile.objects.get(status=ImportFile.IGNORED).message, "不是普通文件（a named pipe）")

    def test_a_device_is_skipped(self):
        result = import_pages("/dev/null", "--date", "2021-02-04", "--page", "1")
        self.assertEqual(result.status, 0, result)
        self.assertIn("/dev/null: not a regular file (a character device)", result.err)

    def test_an_impossible_date(self):
        result = self.run_import({"2021-02-30-01.txt": two_article_page()})
        self.assert_one_failure(result, "2021-02-30-01.txt", "not a real date")

    def test_the_same_page_twice_in_one_run(self):
        result = self.run_import({"2021-02-04/01.txt": two_article_page(), "2021-02-04-01.txt": two_article_page()})
        self.assertEqual(result.status, 1)
        self.assertIn("appears twice in this run", result.err)
        self.assertEqual(Page.objects.count(), 1)

    def test_a_path_that_matches_nothing(self):
        result = import_pages("/no/such/folder/*.txt")
        self.assertEqual(result.status, 1)
        self.assertIn("no such file", result.err)

    def test_the_failures_are_in_the_load_log(self):
        self.run_import({"2021-02-04-01.txt": b"", "2021-02-04-02.txt": two_article_page()})
        run = ImportRun.objects.get()
        self.assertEqual((run.imported, run.failed, run.status), (1, 1, ImportRun.FAILED))
        failed = run.file_results.get(status=ImportFile.FAILED)
        self.assertIn("文件是空的", failed.message)
