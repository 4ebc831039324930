"""Python's cyclic garbage collector held back during a bulk job.

An import of 100,000 rows keeps hundreds of thousands of containers alive to its end (the
duplicate index, the report's field changes and warnings, a chunk's cards): each full collection
walks all of them, and the default thresholds run a dozen — 2.1 s of a 17 s import, another 0.7 s
in the younger generations. Nothing of the job is a reference cycle worth collecting early (it frees
what it makes by reference counting), so the young generation is collected less often and the
full collection waits for the job's end. The thresholds are process-wide: the GUI's own garbage
is collected the same way meanwhile, only less often, and everything is back once the last job ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The young generation every 10,000 allocations (not 700), the middle one every 20 of those, the
# full collection after 1,000 of those: practically never while a job runs.
_BULK_THRESHOLDS = (10_000, 20, 1_000)

_lock = threading.Lock()
_running = 0
_saved: tuple[int, int, int] | None = None


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Hold the collector back for the ``with`` block (nested or in several threads at once: the
    thresholds come back when the last one ends)."""
    global _running, _saved
    with _lock:
        if _running == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(*(max(now, bulk) for now, bulk in zip(_saved, _BULK_THRESHOLDS, strict=True)))
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
