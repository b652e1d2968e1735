"""The test runner's watch for tests that never end (newsroom/testing.py):
a slow test has its stacks written out and the run goes on; a parallel run
whose worker is stuck stops, names the class and fails, instead of waiting
for CI's own limit. Runs the suite's runner on runner_fixtures.py in a
process of its own, on an in-memory SQLite database."""
import os
import subprocess
import sys
import tempfile
import unittest

from .support import ROOT

FIXTURES = "articles.tests.runner_fixtures"


def run_tests(*labels, **env):
    full = dict(os.environ, DJANGO_SETTINGS_MODULE="newsroom.settings.test", DATABASE_URL="sqlite:///:memory:",
                **env)
    return subprocess.run([sys.executable, "manage.py", "test", "--no-input", *labels], cwd=ROOT, env=full,
                          capture_output=True, text=True, timeout=120)


class WatchdogTests(unittest.TestCase):
    def test_a_test_outliving_the_hang_limit_has_its_stacks_written_and_the_run_goes_on(self):
        result = run_tests(f"{FIXTURES}.SlowTests", f"{FIXTURES}.QuickTests", "--parallel", "1",
                           TEST_HANG_SECONDS="1", FIXTURE_SLEEP="2.5")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("Ran 2 tests", result.stderr)
        self.assertIn("in test_sleeps_then_passes", result.stderr)       # the stuck frame, by faulthandler
        self.assertIn(f"the stacks above are of {FIXTURES}.SlowTests.test_sleeps_then_passes", result.stderr)

    def test_a_quick_run_writes_no_stacks(self):
        result = run_tests(f"{FIXTURES}.QuickTests", "--parallel", "1", TEST_HANG_SECONDS="5")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertNotIn("the stacks above", result.stderr)
        self.assertNotIn("Thread 0x", result.stderr)

    def test_a_class_stuck_in_a_worker_is_run_again_and_the_run_says_so(self):
        with tempfile.TemporaryDirectory() as d:
            result = run_tests(f"{FIXTURES}.StuckOnceTests", f"{FIXTURES}.QuickTests", "--parallel", "2",
                               TEST_HANG_SECONDS="2", TEST_SILENCE_SECONDS="6", FIXTURE_MARK=f"{d}/mark")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("in test_stuck_the_first_time", result.stderr)       # its stacks, from the worker
        self.assertIn("no test result for 6 s (TEST_SILENCE_SECONDS): the workers were stopped; running again "
                      f"here, one after another: {FIXTURES}.StuckOnceTests", result.stderr)
        self.assertIn("Ran 2 tests", result.stderr)
        self.assertIn(f"RAN AGAIN after its worker hung (its stacks are above): {FIXTURES}.StuckOnceTests",
                      result.stderr)

    def test_a_class_stuck_again_ends_the_run_failed(self):
        result = run_tests(f"{FIXTURES}.StuckTests", f"{FIXTURES}.QuickTests", "--parallel", "2",
                           TEST_HANG_SECONDS="2", TEST_SILENCE_SECONDS="6")
        self.assertNotEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"running again here, one after another: {FIXTURES}.StuckTests", result.stderr)
        self.assertEqual(result.stderr.count("in test_never_ends"), 2, result.stderr)    # in the worker, then here
        self.assertNotIn("OK", result.stderr.splitlines()[-1])
