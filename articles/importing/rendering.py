"""Page PDFs read and rendered in worker processes bounded in time and memory.

pdfium is C code reading files from outside: a damaged or hostile PDF may
make it loop or eat memory. So every PDF is opened in a worker process
(multiprocessing, started once and reused) whose address space is capped
(ARCHIVE_RENDER_MEMORY_MB, RLIMIT_AS) and whose answer is awaited for
ARCHIVE_RENDER_SECONDS at most; past either, the workers are killed, new
ones started, and the page refused with a one-line error. The work itself
is articles/pagedump/pdfrender.py. Work is handed out ahead (`Prefetcher`),
so that the next pages render while the importer parses and writes this one.
"""
import atexit
import multiprocessing
import os
import threading

from django.conf import settings

from ..pagedump.pdfrender import limit_memory, work


class RenderError(Exception):
    """The PDF could not be read or rendered within the bounds; the message
    is one line."""


# ----------------------------------------------------- the pool side ---

class _Pool:
    """Worker processes, started on first use and again after a kill;
    `generation` counts the kills (work handed to killed workers is lost)."""

    def __init__(self):
        self._pool = None
        self._lock = threading.Lock()
        self.generation = 0

    def get(self):
        with self._lock:
            if self._pool is None:
                # spawn: a fresh interpreter, no copy of the importer's
                # database connections or threads.
                ctx = multiprocessing.get_context("spawn")
                me = multiprocessing.current_process()
                daemonic = me._config.get("daemon")
                if daemonic:
                    # The importer runs in a daemonic process (a worker of
                    # the parallel test runner), which multiprocessing will
                    # not let have children: its workers exit with it all
                    # the same (their task pipe closes), and are never
                    # replaced behind its back (no maxtasksperchild).
                    me._config["daemon"] = False
                try:
                    self._pool = ctx.Pool(processes=workers(), initializer=limit_memory,
                                          initargs=(settings.ARCHIVE_RENDER_MEMORY_MB,),
                                          maxtasksperchild=None if daemonic else 500)
                finally:
                    if daemonic:
                        me._config["daemon"] = True
            return self._pool

    def kill(self):
        with self._lock:
            if self._pool is not None:
                self._pool.terminate()
                self._pool.join()
                self._pool = None
                self.generation += 1


POOL = _Pool()
# Workers stopped with the importer, not left to the interpreter's teardown.
atexit.register(POOL.kill)


def workers():
    """Two workers at most: the importer's own process parses and writes."""
    return max(1, min(2, os.cpu_count() or 1))


class Handle:
    def __init__(self, task):
        self.task = task
        self.generation = POOL.generation
        self.async_result = POOL.get().apply_async(work, (task,))


def submit(data, photos=True, parse=False, dump=None):
    """Start reading and rendering `data` (a PDF's bytes), and parsing it
    when `parse` (beside `dump`, the page's dump text); returns a Handle for
    `result`."""
    return Handle(("page", data, (settings.ARCHIVE_PAGE_IMAGE_WIDTH, settings.ARCHIVE_THUMBNAIL_WIDTH, photos,
                                  parse, dump)))


def result(handle, timeout=None):
    """What the worker made of a submitted PDF (pdfrender.Rendered, or the
    zoom's (webp, size)); RenderError (one line) when it is not a readable
    page or takes longer than ARCHIVE_RENDER_SECONDS (the workers are then
    killed: pdfium cannot be interrupted otherwise)."""
    timeout = settings.ARCHIVE_RENDER_SECONDS if timeout is None else timeout
    if handle.generation != POOL.generation:
        handle = Handle(handle.task)     # handed to workers killed since, for another page's fault
    try:
        status, value = handle.async_result.get(timeout)
    except multiprocessing.TimeoutError:
        POOL.kill()
        raise RenderError(f"reading the PDF took longer than {timeout} s (ARCHIVE_RENDER_SECONDS); "
                          "it may be damaged")
    except Exception as e:  # a worker that died (out of memory, crashed in pdfium)
        POOL.kill()
        raise RenderError(f"the PDF could not be read: its reader stopped ({e.__class__.__name__})")
    if status == "error":
        raise RenderError(value)
    return value


def render(data, photos=True, dump=None):
    """Read, parse (beside `dump`) and render a PDF in a worker: pdfrender.Rendered."""
    return result(submit(data, photos, parse=True, dump=dump))


def zoom(data, width):
    return result(Handle(("zoom", data, (width,))))


class Prefetcher:
    """Hands PDFs to the workers a few pages ahead of the importer: while
    it parses and writes one page, the next ones are read and rendered."""

    def __init__(self):
        self.handles = {}

    def start(self, key, data, dump=None):
        if key not in self.handles:
            self.handles[key] = submit(data, parse=True, dump=dump)

    def take(self, key, data):
        handle = self.handles.pop(key, None) or submit(data)
        return result(handle)
