"""Tests for the test runner's own tests (test_runner_watchdog.py), run by
label in a process of their own; not collected by the suite (the module
name does not start with "test")."""
import os
import time
import unittest
from pathlib import Path


class QuickTests(unittest.TestCase):
    def test_passes(self):
        self.assertTrue(True)


class SlowTests(unittest.TestCase):
    def test_sleeps_then_passes(self):
        time.sleep(float(os.environ["FIXTURE_SLEEP"]))


class StuckTests(unittest.TestCase):
    def test_never_ends(self):
        time.sleep(3600)


class StuckOnceTests(unittest.TestCase):
    """Stuck the first time (when FIXTURE_MARK does not exist yet)."""

    def test_stuck_the_first_time(self):
        mark = Path(os.environ["FIXTURE_MARK"])
        if not mark.exists():
            mark.write_text("stuck once")
            time.sleep(3600)
