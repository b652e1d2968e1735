"""The test runner's rule for tests that need what a machine may lack:
without Chromium or ../shared, a browser or shared-data test is skipped
with a one-line reason locally, and fails the run in CI (CI=true). Runs
the suite's own runner on real test modules in a process of its own (on an
in-memory SQLite database, so as not to touch the one this run uses)."""
import os
import subprocess
import sys
import unittest

from .support import ROOT

LABELS = ["articles.tests.test_browser",
          "articles.tests.test_snippets.SnippetTests."
          "test_segmenting_only_the_runs_with_a_match_marks_what_segmenting_everything_would"]


def run_tests(**env):
    full = {k: v for k, v in os.environ.items() if k != "CI"}
    full.update(DJANGO_SETTINGS_MODULE="newsroom.settings.test", DATABASE_URL="sqlite:///:memory:",
                CHROMIUM="/nonexistent/chromium", ARCHIVE_SHARED_DIR="/nonexistent/shared", **env)
    return subprocess.run([sys.executable, "manage.py", "test", "--no-input", *LABELS], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=300)


class CiSkipRuleTests(unittest.TestCase):
    def test_locally_a_missing_browser_or_shared_folder_is_a_skip_with_its_reason(self):
        result = run_tests()
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("OK (skipped=3)", result.stderr)
        self.assertIn("SKIPPED 2 browser test(s): needs Playwright and /nonexistent/chromium", result.stderr)
        self.assertIn("SKIPPED 1 shared test(s): the shared material is not at /nonexistent/shared", result.stderr)

    def test_in_ci_the_same_skips_fail_the_run(self):
        result = run_tests(CI="true")
        self.assertNotEqual(result.returncode, 0, result.stderr)
        self.assertIn("FAILED (failures=3)", result.stderr)
        self.assertIn("CI=true: a browser test may not be skipped (needs Playwright and /nonexistent/chromium)",
                      result.stderr)
        self.assertIn("CI=true: a shared test may not be skipped", result.stderr)
