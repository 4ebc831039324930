"""Long work off the GUI thread: one helper for import, export, printing and opening the database.

A job is a function ``job(cancel) -> Iterator`` (a generator) that runs on a pool thread. Every
item it yields that has ``done``/``total`` (``Step`` here, ``guestcard.io.Progress``) is progress;
a ``Partial`` is an early piece of the result for the GUI to show at once (``on_partial``: the
import preview before the whole file is read); any other item is the result (the last one wins,
or the generator's ``return`` value). ``cancel``
is a ``CancelToken``: the job checks ``cancel.requested`` (``import_steps`` takes
``cancelled=cancel.is_set``) and the runner also stops between two items once it is set.

Signals are emitted from the pool thread by a ``QObject`` living on the GUI thread, so Qt queues
them: progress, the result, the error or the cancellation always arrive on the GUI thread.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

# Exceptions that mean "the user cancelled" (by class name: the services that raise them are
# imported lazily, and a job must not need this module to know about them).
CANCEL_EXCEPTIONS = ("ImportCancelled", "TaskCancelled")


class TaskCancelled(Exception):
    """Raised by a job that noticed ``cancel.requested``."""


@dataclass(frozen=True)
class Step:
    """Progress: ``done`` of ``total`` (``None``: unknown), with an optional line of text."""

    done: int
    total: int | None = None
    text: str = ""


@dataclass(frozen=True)
class Partial:
    """An early piece of a job's result, delivered to ``on_partial`` while the job goes on."""

    value: Any


class CancelToken:
    """Handed to a job: whether the user cancelled, and ``report(step)`` for progress from a
    callback-style service (``print_cards(progress=...)``) that cannot yield."""

    def __init__(self) -> None:
        self._event = threading.Event()
        self._report: Callable[[Step], None] | None = None

    def report(self, step: Step) -> None:
        """Send progress now; raises ``TaskCancelled`` once the user cancelled (stops the service)."""
        if self._event.is_set():
            raise TaskCancelled
        if self._report is not None:
            self._report(step)

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()

    @property
    def requested(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise TaskCancelled


Job = Callable[[CancelToken], Iterator[Any]]

# The jobs started and not yet ended (their handles), held from the module: see TaskRunner.start.
_IN_FLIGHT: set[TaskHandle] = set()


def _release(handle: TaskHandle) -> None:
    handle.job = None
    _IN_FLIGHT.discard(handle)


class TaskSignals(QObject):
    progress = Signal(int, object, str)  # done, total (int or None), text
    partial = Signal(object)  # a Partial's value
    finished = Signal(object)  # the result
    failed = Signal(object, str)  # the exception, its traceback
    cancelled = Signal()
    ended = Signal()  # after any of the three above


class _Runnable(QRunnable):
    def __init__(self, job: Job, token: CancelToken, signals: TaskSignals, done: threading.Event) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._job, self._token, self._signals, self._done = job, token, signals, done

    def run(self) -> None:
        signals = self._signals
        self._token._report = lambda step: signals.progress.emit(int(step.done), step.total, step.text)
        result: Any = None
        try:
            generator = self._job(self._token)
            while True:
                if self._token.is_set():
                    generator.close()
                    raise TaskCancelled
                try:
                    item = next(generator)
                except StopIteration as stop:
                    if stop.value is not None:
                        result = stop.value
                    break
                if hasattr(item, "done") and hasattr(item, "total"):
                    signals.progress.emit(int(item.done), item.total, str(getattr(item, "text", "") or ""))
                elif isinstance(item, Partial):
                    signals.partial.emit(item.value)
                else:
                    result = item
        except Exception as exc:  # every failure reaches the GUI thread, never a silent vanish
            if type(exc).__name__ in CANCEL_EXCEPTIONS:
                signals.cancelled.emit()
            else:
                signals.failed.emit(exc, traceback.format_exc())
        else:
            signals.finished.emit(result)
        finally:
            # The job and its generator let go here, never the last hold on what they reach: the
            # handle keeps the job until ``ended`` on the GUI thread (see ``TaskRunner.start``).
            generator = item = result = None
            self._job = None
            self._done.set()  # the job let go of everything it held (its session): seen from any thread
        signals.ended.emit()
        # Deleted once that emit is over, on their own (the GUI) thread: deleteLater only posts the
        # deletion, behind the queued ``ended`` calls. Deleting them from the ``ended`` slot, as
        # before, let the GUI thread free them while this thread was still between the connections
        # of that emit: a slot connected after the runner's never heard it (test_worker shows it).
        signals.deleteLater()
        self._token._report = None
        self._signals = self._token = signals = None  # type: ignore[assignment]


class TaskHandle:
    """A running job: its signals, ``cancel()`` and whether it is still running."""

    def __init__(self, signals: TaskSignals, token: CancelToken, *, reading_only: bool = False) -> None:
        self.signals = signals
        self.token = token
        # A job that only reads (opening the file, filling a page) just stops at quit: no question.
        self.reading_only = reading_only
        self.running = True
        self.left_the_pool = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self.job: Job | None = None

    def cancel(self) -> None:
        self.token.set()


class TaskRunner(QObject):
    """Starts jobs on its own thread pool and keeps their signal objects alive until they end."""

    def __init__(self, parent: QObject | None = None, *, threads: int = 2) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._alive: set[TaskHandle] = set()
        # Where the error of a job started without ``on_error`` goes (never nowhere).
        self.fallback_error: Callable[[BaseException, str], None] | None = None

    def start(
        self,
        job: Job,
        *,
        on_result: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
        on_progress: Callable[[int, int | None, str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        on_partial: Callable[[Any], None] | None = None,
        reading_only: bool = False,
    ) -> TaskHandle:
        # No parent: the signals outlive a runner deleted with its jobs still in flight (a page or
        # model closed with its list still loading: Qt deletes its children, this runner among
        # them). As the runner's child they went with it while their queued emits were still on
        # their way, and delivering those crashed the GUI thread (tests/gui/test_worker.py shows it).
        # The pool thread has them deleted (deleteLater) once their last emit, ``ended``, is over.
        signals = TaskSignals()
        handle = TaskHandle(signals, CancelToken(), reading_only=reading_only)
        # Held until ``ended`` runs on the GUI thread: a model or page reached only through the
        # job's closure (a list model nobody else holds) would otherwise be freed by the pool
        # thread dropping the job, deleting Qt objects (its runner, the signals still in flight)
        # off the GUI thread: a crash in the GUI thread's next event processing.
        handle.job = job
        _IN_FLIGHT.add(handle)  # a root: no garbage collection (on whatever thread) frees it meanwhile

        # The job has ended when any of its callbacks runs: ``handle.running`` is already False there.
        def finished(result: Any) -> None:
            handle.running = False
            handle.result = result
            if on_result is not None:
                on_result(result)

        def failed(exc: BaseException, details: str) -> None:
            handle.running = False
            handle.error = exc
            if on_error is not None:
                on_error(exc, details)
            elif self.fallback_error is not None:
                self.fallback_error(exc, details)
            else:
                print(details, file=sys.stderr)

        def cancelled() -> None:
            handle.running = False
            handle.was_cancelled = True
            if on_cancel is not None:
                on_cancel()

        def ended() -> None:
            handle.running = False
            self._alive.discard(handle)
            # The job's hold on a page or model ends on the GUI thread, after this slot of its
            # signals (freeing the model here could delete the runner and these signals in it).
            QTimer.singleShot(0, lambda: _release(handle))

        signals.finished.connect(finished)
        signals.failed.connect(failed)
        signals.cancelled.connect(cancelled)
        if on_progress is not None:
            signals.progress.connect(on_progress)
        if on_partial is not None:
            signals.partial.connect(on_partial)
        signals.ended.connect(ended)
        self._alive.add(handle)
        self.pool.start(_Runnable(job, handle.token, signals, handle.left_the_pool))
        return handle

    @property
    def busy(self) -> bool:
        return bool(self._alive)

    @property
    def working(self) -> bool:
        """Whether a job other than a reading-only one is still running: worth asking before quitting."""
        return any(handle.running and not handle.reading_only for handle in self._alive)

    def stop_reading(self, timeout: float = 10.0) -> bool:
        """Cancel the reading-only jobs and wait until they have let go of the database (before it
        is closed, replaced or re-keyed). Writing work is left alone. False if one did not stop."""
        deadline = time.monotonic() + timeout
        reading = [handle for handle in list(self._alive) if handle.reading_only]
        for handle in reading:
            handle.cancel()
        return all(handle.left_the_pool.wait(max(0.0, deadline - time.monotonic())) for handle in reading)

    def cancel_all(self) -> None:
        for handle in list(self._alive):
            handle.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)
