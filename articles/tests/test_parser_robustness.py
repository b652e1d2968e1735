"""Every input gives a parse or a clear error, in time and memory bounded
by its size."""
import json
import subprocess
import sys
import textwrap
import unittest

from articles.pagedump import parse_page
from articles.pagedump.parser import MAX_LINE

from .support import ROOT, needs_shared

LEAD = "本报讯（记者刘吟）2月3日上午，市委副书记、市长常书铭带领有关部门负责人，深入榆次区调研疫情防控工作。"


class OddInputTests(unittest.TestCase):
    def test_bare_carriage_returns_end_lines(self):
        parse = parse_page("市政协召开党组会议\r" + LEAD + "\r常书铭指出，要坚持外防输入、内防反弹。\r")
        texts = [b["text"] for i in parse["items"] for b in i["body"]]
        self.assertTrue(any(t.startswith("本报讯") for t in texts), texts)
        self.assertFalse(any("\r" in t for t in texts))

    def test_a_page_with_nothing_but_furniture_says_so(self):
        parse = parse_page("JZ第一视线\nDI YI SHI XIAN\n")
        self.assertEqual([i for i in parse["items"] if i["kind"] != "banner"], [])
        self.assertIn("no articles or photos found on the page", parse["warnings"])

    def test_an_empty_text_says_so(self):
        parse = parse_page("\n\n")
        self.assertEqual(parse["items"], [])
        self.assertTrue(parse["warnings"])

    def test_one_line_of_a_megabyte_is_parsed_with_a_warning(self):
        text = LEAD * (1_000_000 // len(LEAD))
        parse = parse_page(text)
        content = [i for i in parse["items"] if i["kind"] != "banner"]
        self.assertTrue(content)
        self.assertTrue(any(f"over {MAX_LINE} characters" in w for w in parse["warnings"]), parse["warnings"])
        # Nothing lost: every character of the line is in the parse, as
        # text or as furniture kept for the record.
        kept = "".join(b["text"] for i in content for b in i["body"]) + "".join(
            i.get("text") or "" for i in parse["items"] if i["kind"] == "banner")
        self.assertEqual(len(kept), len(text))

    def test_str_only(self):
        with self.assertRaises(TypeError):
            parse_page(LEAD.encode())


class ConfidenceTests(unittest.TestCase):
    def test_every_item_and_the_page_carry_a_confidence(self):
        text = textwrap.dedent(f"""
            市政协召开党组会议
            王建林主持

            {LEAD}

            常书铭指出，当前仍处于疫情防控关键期，各级各部门要坚持外防输入、内防反弹。
        """)
        parse = parse_page(text)
        content = [i for i in parse["items"] if i["kind"] != "banner"]
        self.assertTrue(content)
        for item in content:
            self.assertGreaterEqual(item["confidence"], 0.0)
            self.assertLessEqual(item["confidence"], 1.0)
        self.assertEqual(parse["confidence"], min(i["confidence"] for i in content))


# Measured in a process of its own, so that what other tests allocated
# does not count: the parse of a 2 MB dump must stay within 50 times its size.
_MEMORY_PROBE = """
import json, sys, tracemalloc
sys.path.insert(0, {root!r})
from articles.pagedump import parse_page
from articles.tests import pagegen
import random
rows = pagegen.load_corpus()
rng = random.Random(5)
parts, size = [], 0
while size < 2_000_000:
    text, _ = pagegen.make_page(rows, rng)
    parts.append(text)
    size += len(text.encode())
text = "\\n\\n".join(parts)
parse_page(parts[0])          # load the models and dictionaries first
tracemalloc.start()
parse = parse_page(text)
peak = tracemalloc.get_traced_memory()[1]
print(json.dumps({{"bytes": len(text.encode()), "peak": peak,
                   "items": sum(1 for i in parse["items"] if i["kind"] != "banner")}}))
"""


@needs_shared
class SizeTests(unittest.TestCase):
    def test_memory_stays_within_fifty_times_the_dump(self):
        done = subprocess.run([sys.executable, "-c", _MEMORY_PROBE.format(root=str(ROOT))],
                              capture_output=True, text=True, timeout=600)
        self.assertEqual(done.returncode, 0, done.stderr[-2000:])
        found = json.loads(done.stdout.strip().splitlines()[-1])
        self.assertGreater(found["items"], 100)
        self.assertLess(found["peak"], 50 * found["bytes"], found)
