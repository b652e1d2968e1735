"""Helpers shared by the tests: where the shared material is, the scorer."""
import importlib.util
import os
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("ARCHIVE_SHARED_DIR", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "jzrb-2021-02-04-01.txt"
SAMPLE_GOLD = SHARED / "samples" / "jzrb-2021-02-04-01.gold.json"
CORPUS = SHARED / "corpus" / "rmrb-2020-02.jsonl"
PAGES = Path(__file__).resolve().parent / "pages"
DEMO_PAGE = ROOT / "demo" / "2021-02-04" / "01.txt"
OUTPUT = Path(os.environ.get("TEST_OUTPUT_DIR", ROOT / "test-output"))

needs_shared = unittest.skipUnless((SHARED / "tools" / "score_page.py").exists(),
                                   f"the shared material is not at {SHARED}")


def score_module():
    spec = importlib.util.spec_from_file_location("score_page", SHARED / "tools" / "score_page.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
