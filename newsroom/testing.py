"""The test runner: Django's, with one rule for tests that need what a
machine may lack (Chromium for the browser tests, ../shared for the
corpus and the scorer, a Redis server, a streaming replica). Such tests are
tagged "browser", "shared", "redis" or "replica" (articles/tests/support.py). Locally their skip stays a skip, and the run
ends with a line per reason; in CI (CI=true) it is a failure, so that a
run that could not look is never reported as one that looked.

It also watches for a test that never ends. Such a test once held a CI run
for its whole 90 minutes: a worker of the parallel run stuck, the run
waiting on it with nothing printed. Now a test running longer than
TEST_HANG_SECONDS has every thread's stack written to stderr (faulthandler,
which works even when Python itself is stuck), and a parallel run that hears
nothing from its workers for TEST_SILENCE_SECONDS stops them and runs the
classes that never reported again, one after another in the main process,
saying so at the end; one that hangs there too ends the run, failed."""
import faulthandler
import multiprocessing
import os
import sys
import threading
import time
import unittest
from collections import Counter

from django.test.runner import DiscoverRunner, ParallelTestSuite, RemoteTestResult, RemoteTestRunner

MUST_RUN_IN_CI = {"browser", "shared", "redis", "replica"}

# A whole suite runs in about two minutes; its slowest test class in under
# one. These bounds are far beyond either, even on a loaded machine.
TEST_HANG_SECONDS = int(os.environ.get("TEST_HANG_SECONDS", 300))
TEST_SILENCE_SECONDS = int(os.environ.get("TEST_SILENCE_SECONDS", 900))


def in_ci():
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes", "on"}


def tags_of(test):
    """The tags of a test: its class's and its method's (django.test.tag)."""
    tags = set(getattr(test, "tags", ()))
    method = getattr(test, getattr(test, "_testMethodName", ""), None)
    return tags | set(getattr(method, "tags", ()))


class SkippedInCI(AssertionError):
    pass


_rerunning = False     # classes of a stuck worker being run again in this process


class WatchesForHangs:
    """A result mixin: each test's stacks are dumped if it outlives
    TEST_HANG_SECONDS (the dump names the test; the run goes on)."""

    def startTest(self, test):
        super().startTest(test)
        sys.stderr.flush()
        if not _rerunning:    # (faulthandler has one timer: the rerun's own, which ends the process)
            faulthandler.dump_traceback_later(TEST_HANG_SECONDS, exit=False)
        self._watched = (test.id(), time.monotonic())

    def stopTest(self, test):
        if not _rerunning:
            faulthandler.cancel_dump_traceback_later()
        test_id, started = getattr(self, "_watched", (None, 0))
        if time.monotonic() - started > TEST_HANG_SECONDS:
            print(f"\nthe stacks above are of {test_id}, which ran {time.monotonic() - started:.0f} s",
                  file=sys.stderr, flush=True)
        super().stopTest(test)


class WatchedRemoteTestResult(WatchesForHangs, RemoteTestResult):
    pass


class WatchedRemoteTestRunner(RemoteTestRunner):
    resultclass = WatchedRemoteTestResult


class WatchedParallelTestSuite(ParallelTestSuite):
    """Django's parallel suite, which waits for its workers for ever: a
    worker stuck in a test (or killed in one: the pool starts another, and
    the test's results never come) would hold the run until CI's own limit.
    This one, after TEST_SILENCE_SECONDS without a result, stops the workers
    and runs the classes that never reported again here (_give_up). Its run
    is Django's own loop with that one change: Django's has no place to
    hook it in."""

    runner_class = WatchedRemoteTestRunner

    def run(self, result):
        self.initialize_suite()
        counter = multiprocessing.Value("i", 0)
        pool = multiprocessing.Pool(
            processes=self.processes, initializer=self.init_worker.__func__,
            initargs=[counter, self.initial_settings, self.serialized_contents, self.process_setup.__func__,
                      self.process_setup_args, self.debug_mode, self.used_aliases])
        args = [(self.runner_class, index, subsuite, self.failfast, self.buffer)
                for index, subsuite in enumerate(self.subsuites)]
        results = pool.imap_unordered(self.run_subsuite.__func__, args)
        heard = time.monotonic()
        pending = set(range(len(self.subsuites)))
        while True:
            if result.shouldStop:
                pool.terminate()
                break
            try:
                index, events = results.next(timeout=0.1)
            except multiprocessing.TimeoutError:
                if time.monotonic() - heard > TEST_SILENCE_SECONDS:
                    self._give_up(pool, result, pending)
                    return result
                continue
            except StopIteration:
                pool.close()
                break
            heard = time.monotonic()
            pending.discard(index)
            tests = list(self.subsuites[index])
            for event in events:
                self.handle_event(result, tests, event)
        pool.join()
        return result

    def _give_up(self, pool, result, pending):
        """Stop the workers, then run the classes that never reported once
        more, one after another in this process: announced, never silent
        (the stuck test's stacks are above, and the run's last lines name
        the classes). A class that hangs again ends the run, failed."""
        classes = sorted(pending)
        names = sorted({type(t).__module__ + "." + type(t).__qualname__ for i in classes for t in self.subsuites[i]})
        workers = list(pool._pool)
        # terminate() waits on the pool's locks, which an idle worker holds
        # while it waits for work; never for ever here. A worker killed first
        # could die holding them, so the stuck ones are killed after.
        stopping = threading.Thread(target=pool.terminate, daemon=True)
        stopping.start()
        stopping.join(30)
        for worker in workers:
            worker.kill()
        print(f"\nno test result for {TEST_SILENCE_SECONDS} s (TEST_SILENCE_SECONDS): the workers were stopped; "
              f"running again here, one after another: {', '.join(names)}", file=sys.stderr, flush=True)
        if hasattr(result, "hung_classes"):
            result.hung_classes += names
        # Here no one watches for silence: hanging again ends the process.
        global _rerunning
        _rerunning = True
        faulthandler.dump_traceback_later(TEST_SILENCE_SECONDS, exit=True)
        try:
            for i in classes:
                self.subsuites[i].run(result)
        finally:
            faulthandler.cancel_dump_traceback_later()
            _rerunning = False


def result_class(base):
    class ArchiveTestResult(WatchesForHangs, base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.needed_skips = Counter()
            self.hung_classes = []

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
            for name in self.hung_classes:
                self.stream.writeln(f"RAN AGAIN after its worker hung (its stacks are above): {name}")
            for (kind, reason), n in sorted(self.needed_skips.items()):
                self.stream.writeln(f"SKIPPED {n} {kind} test(s): {reason} (with CI=true this fails the run)")
            self.stream.flush()

    return ArchiveTestResult


class ArchiveTestRunner(DiscoverRunner):
    parallel_test_suite = WatchedParallelTestSuite

    def get_resultclass(self):
        return result_class(super().get_resultclass() or unittest.TextTestResult)
