"""Helpers shared by the tests: where the shared material is, the scorer."""
import importlib.util
import os
import shutil
import unittest
from pathlib import Path

from django.test import tag

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("ARCHIVE_SHARED_DIR", ROOT.parent / "shared"))
SAMPLE = SHARED / "samples" / "jzrb-2021-02-04-01.txt"
SAMPLE_GOLD = SHARED / "samples" / "jzrb-2021-02-04-01.gold.json"
CORPUS = SHARED / "corpus" / "rmrb-2020-02.jsonl"
PAGES = Path(__file__).resolve().parent / "pages"
DEMO_PAGE = ROOT / "demo" / "2021-02-04" / "01.txt"
OUTPUT = Path(os.environ.get("TEST_OUTPUT_DIR", ROOT / "test-output"))

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def needs_shared(test):
    """For tests that read ../shared (the sample, the corpus, the scorer):
    tagged "shared", skipped when it is not there. In CI (CI=true) that skip
    is a failure (newsroom/testing.py)."""
    return tag("shared")(unittest.skipUnless((SHARED / "tools" / "score_page.py").exists(),
                                             f"the shared material is not at {SHARED}")(test))


def browser_available():
    try:
        import playwright.sync_api  # noqa: F401  (a dev dependency)
    except ImportError:
        return False
    return bool(shutil.which(CHROMIUM))


def needs_browser(test):
    """For tests that drive Chromium through Playwright: tagged "browser",
    skipped without them (a failure in CI, as for needs_shared)."""
    return tag("browser")(unittest.skipUnless(browser_available(), f"needs Playwright and {CHROMIUM}")(test))


def score_module():
    spec = importlib.util.spec_from_file_location("score_page", SHARED / "tools" / "score_page.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
