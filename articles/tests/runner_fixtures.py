"""Tests for the test runner's own tests (test_runner_watchdog.py), run by
label in a process of their own; not collected by the suite (the module
name does not start with "test")."""
import os
import time
import unittest


class QuickTests(unittest.TestCase):
    def test_passes(self):
        self.assertTrue(True)


class SlowTests(unittest.TestCase):
    def test_sleeps_then_passes(self):
        time.sleep(float(os.environ["FIXTURE_SLEEP"]))


class StuckTests(unittest.TestCase):
    def test_never_ends(self):
        time.sleep(3600)
