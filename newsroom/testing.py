"""The test runner: Django's, with one rule for tests that need what a
machine may lack (Chromium for the browser tests, ../shared for the
corpus and the scorer, a Redis server, a streaming replica). Such tests are
tagged "browser", "shared", "redis" or "replica" (articles/tests/support.py). Locally their skip stays a skip, and the run
ends with a line per reason; in CI (CI=true) it is a failure, so that a
run that could not look is never reported as one that looked."""
import os
import unittest
from collections import Counter

from django.test.runner import DiscoverRunner

MUST_RUN_IN_CI = {"browser", "shared", "redis", "replica"}


def in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def tags_of(test):
    """The tags of a test: its class's and its method's (django.test.tag)."""
    tags = set(getattr(test, "tags", ()))
    method = getattr(test, getattr(test, "_testMethodName", ""), None)
    return tags | set(getattr(method, "tags", ()))


class SkippedInCI(AssertionError):
    pass


def result_class(base):
    class ArchiveTestResult(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.needed_skips = Counter()

        def addSkip(self, test, reason):
            needed = sorted(tags_of(test) & MUST_RUN_IN_CI)
            if needed and in_ci():
                error = SkippedInCI(f"CI=true: a {'/'.join(needed)} test may not be skipped ({reason})")
                self.addFailure(test, (SkippedInCI, error, None))
                return
            if needed:
                self.needed_skips[("/".join(needed), reason)] += 1
            super().addSkip(test, reason)

        def printErrors(self):
            super().printErrors()
            for (kind, reason), n in sorted(self.needed_skips.items()):
                self.stream.writeln(f"SKIPPED {n} {kind} test(s): {reason} (with CI=true this fails the run)")
            self.stream.flush()

    return ArchiveTestResult


class ArchiveTestRunner(DiscoverRunner):
    def get_resultclass(self):
        return result_class(super().get_resultclass() or unittest.TextTestResult)
