"""manage.py parse_page, run as a reader runs it: a separate process, no
database anywhere."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from .support import DEMO_PAGE, ROOT


def run(*args):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.test",
           # A database that does not exist: the command must not touch it.
           "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none", "PYTHONIOENCODING": "ascii"}
    return subprocess.run([sys.executable, "manage.py", "parse_page", *args], cwd=ROOT, env=env,
                          capture_output=True, timeout=120)


class ParsePageCommandTests(unittest.TestCase):
    def test_json_is_the_parse_and_nothing_else(self):
        result = run(str(DEMO_PAGE), "--json")
        self.assertEqual(result.returncode, 0, result.stderr)
        parse = json.loads(result.stdout.decode("utf-8"))
        self.assertEqual(parse["page_label"], "JZ第一视线")
        self.assertEqual(len([i for i in parse["items"] if i["kind"] in ("article", "photo")]), 8)
        # UTF-8, not \\u escapes, whatever the terminal's encoding.
        self.assertIn("常书铭".encode("utf-8"), result.stdout)

    def test_summary_names_kinds_headlines_credits_and_warnings(self):
        result = run(str(DEMO_PAGE))
        self.assertEqual(result.returncode, 0, result.stderr)
        out = result.stdout.decode("utf-8")
        self.assertIn("[photo] 抓时节 忙养护", out)
        self.assertIn("市政协召开党组会议", out)
        self.assertIn("本报记者 雷甫", out)
        self.assertIn("warning: item 1: no headline found", out)

    def test_bad_files_get_one_line_naming_the_file(self):
        with tempfile.TemporaryDirectory() as d:
            cases = {"empty.txt": b"", "binary.txt": b"\x00\x01\x02\x89PNG", "latin1.txt": b"\x80\x81\xff\xfe"}
            for name, data in cases.items():
                path = Path(d) / name
                path.write_bytes(data)
                with self.subTest(name=name):
                    result = run(str(path))
                    err = result.stderr.decode("utf-8").strip()
                    self.assertNotEqual(result.returncode, 0)
                    self.assertEqual(len(err.splitlines()), 1, err)
                    self.assertIn(str(path), err)
                    self.assertNotIn("Traceback", err)
                    self.assertEqual(result.stdout, b"")

    def test_missing_file(self):
        result = run("/no/such/page.txt")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("/no/such/page.txt", result.stderr.decode())
        self.assertNotIn("Traceback", result.stderr.decode())
