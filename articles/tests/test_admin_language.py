"""The admin speaks Chinese throughout, in one time zone: import summaries,
file messages, conflicts, the parser's warnings and item kinds come through
Django's translation machinery (locale/zh_Hans), while the command line
stays English; an import record is titled in the archive's time zone."""
import datetime
import re
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, tag
from django.utils import timezone, translation

from articles.messages import PARSER_MESSAGES, parser_message
from articles.models import ImportFile, ImportRun, Page

from . import factories
from .helpers import dump_dir, import_pages, two_article_page

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def catalogue_entries():
    """(msgid, msgstr) of the .po file (plural entries left out)."""
    entries = []
    for block in CATALOGUE.read_text(encoding="utf-8").split("\n\n"):
        if "msgid_plural" in block:
            continue
        found = re.search(r'^msgid ((?:".*"\n?)+)msgstr ((?:".*"\n?)+)', block, re.M)
        if found:
            msgid, msgstr = ("".join(re.findall(r'"((?:[^"\\]|\\.)*)"', part)).encode().decode("unicode_escape")
                             .encode("latin-1").decode("utf-8") for part in found.groups())
            if msgid:
                entries.append((msgid, msgstr))
    return entries


class CatalogueTests(TestCase):
    def test_every_message_is_translated_and_compiled(self):
        entries = catalogue_entries()
        self.assertGreater(len(entries), 30)
        with translation.override("zh-hans"):
            for msgid, msgstr in entries:
                with self.subTest(msgid=msgid):
                    self.assertTrue(msgstr, "not translated")
                    # The compiled catalogue (django.mo) says the same: it was compiled after the last change.
                    self.assertEqual(translation.gettext(msgid), msgstr)

    def test_every_parser_message_has_a_translation(self):
        for _pattern, template in PARSER_MESSAGES:
            with translation.override("en"):
                english = str(template)
            with translation.override("zh-hans"):
                self.assertNotEqual(str(template), english)

    def test_the_parsers_warnings_are_matched_with_what_they_name(self):
        with translation.override("zh-hans"):
            self.assertEqual(str(parser_message("item 3: no headline found")), "第 3 条：没有找到标题")
            self.assertEqual(str(parser_message("heading not placed with any article: 乘风破浪")),
                             "标题未能归入任何文章：乘风破浪")
            self.assertEqual(str(parser_message("2 line(s) over 2000 characters (line 7 first): "
                                                "not the text of a printed page?")),
                             "有 2 行超过 2000 个字符（最早在第 7 行）：不像是印刷版面的文字？")
            self.assertEqual(str(parser_message("a message nobody knows")), "a message nobody knows")
        with translation.override("en"):
            self.assertEqual(str(parser_message("item 3: no headline found")), "item 3: no headline found")


@tag("engine")
class AdminInChineseTests(TestCase):
    def setUp(self):
        self.client.force_login(User.objects.create_superuser("editor", "e@example.com", "x" * 12))

    def upload(self, name, content):
        return self.client.post("/admin/articles/page/upload/", {"files": [SimpleUploadedFile(name, content)]})

    def test_the_upload_preview_and_the_summary(self):
        preview = self.upload("2021-02-04-01.txt", two_article_page().encode())
        self.assertContains(preview, "<td>文章</td>", html=True)
        self.assertNotContains(preview, "<td>article</td>", html=True)
        done = self.client.post("/admin/articles/page/upload/", {"token": preview.context["token"]}, follow=True)
        messages = [str(m) for m in done.context["messages"]]
        self.assertTrue(any(m.startswith("文件 1 个，已导入 1 个") for m in messages), messages)
        self.assertFalse(any("imported" in m for m in messages), messages)

    def test_failures_and_skips_in_the_preview_messages_and_the_load_log(self):
        with dump_dir({"2021-02-04-01.txt": two_article_page()}) as d:
            import_pages(d)
        preview = self.upload("2021-02-04-01.txt", b"")
        self.assertContains(preview, "无法导入：文件是空的")
        again = self.upload("2021-02-04-01.txt", two_article_page().encode())
        self.client.post("/admin/articles/page/upload/", {"token": again.context["token"]})
        self.assertEqual(ImportFile.objects.filter(run__source=ImportRun.ADMIN).get().message, "与上次导入相同，跳过")

    def test_the_command_line_speaks_english_and_logs_in_chinese(self):
        with dump_dir({"2021-02-04-01.txt": two_article_page(), "2021-02-04-02.txt": ""}) as d:
            result = import_pages(d)
        self.assertIn("files: 2, imported: 1", result.out)
        self.assertIn("the file is empty", result.err)
        self.assertEqual(ImportFile.objects.get(status=ImportFile.FAILED).message, "文件是空的")
        # … and the admin shows that log in Chinese.
        run = ImportRun.objects.get()
        self.assertContains(self.client.get(f"/admin/articles/importrun/{run.pk}/change/"), "文件是空的")

    def test_the_parsers_warnings_on_a_page(self):
        factories.issue("2021-02-04", items_per_page=1)
        page = Page.objects.get()
        page.warnings = ["item 1: no headline found", "no articles or photos found on the page"]
        page.save()
        response = self.client.get(f"/admin/articles/page/{page.pk}/change/")
        self.assertContains(response, "第 1 条：没有找到标题")
        self.assertContains(response, "本版没有找到文章或图片")
        self.assertNotContains(response, "no headline found")
        page.refresh_from_db()
        self.assertEqual(page.warnings[0], "item 1: no headline found")  # stored as the parser wrote it


class OneClockTests(TestCase):
    def test_an_import_record_is_titled_in_the_archives_time_zone(self):
        self.client.force_login(User.objects.create_superuser("editor", "e@example.com", "x" * 12))
        run = ImportRun.objects.create()
        ImportRun.objects.filter(pk=run.pk).update(
            started_at=datetime.datetime(2021, 2, 4, 16, 30, tzinfo=datetime.timezone.utc))
        run.refresh_from_db()
        self.assertEqual(settings.TIME_ZONE, "Asia/Shanghai")
        self.assertEqual(str(run), f"导入 #{run.pk} 2021-02-05 00:30")  # not 2021-02-04 16:30 (UTC)
        response = self.client.get(f"/admin/articles/importrun/{run.pk}/change/")
        self.assertContains(response, "2021-02-05 00:30")
        self.assertContains(response, "2021年2月5日 00:30")
        self.assertNotContains(response, "16:30")
        self.assertEqual(timezone.get_current_timezone_name(), "Asia/Shanghai")
