"""The background-work helper: jobs run on the pool, and progress, partial results, the result, the
error and the cancellation all reach the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QThread

from guestcard.gui.worker import CancelToken, Partial, Step, TaskCancelled, TaskRunner


@pytest.fixture
def runner(qapp: Any) -> Iterator[TaskRunner]:
    tasks = TaskRunner()
    yield tasks
    tasks.cancel_all()
    assert tasks.wait(20_000)


class Seen:
    """What the callbacks received, and on which thread each ran."""

    def __init__(self, qapp: Any) -> None:
        self.qapp = qapp
        self.events: list[tuple[str, Any]] = []
        self.threads: set[bool] = set()  # True: the GUI thread

    def __getattr__(self, name: str) -> Any:
        def record(*args: Any) -> None:
            self.threads.add(QThread.currentThread() is self.qapp.thread()
                             and threading.current_thread() is threading.main_thread())
            self.events.append((name, args[0] if len(args) == 1 else args))

        return record

    def callbacks(self) -> dict[str, Any]:
        return {"on_result": self.result, "on_error": self.error, "on_progress": self.progress,
                "on_cancel": self.cancel, "on_partial": self.partial}


def test_progress_partial_and_result_arrive_on_the_gui_thread(qtbot: Any, qapp: Any, runner: TaskRunner) -> None:
    job_threads: list[bool] = []
    gate = threading.Event()  # the job ends only once the test listens for its end

    def job(_cancel: CancelToken) -> Iterator[Any]:
        job_threads.append(threading.current_thread() is threading.main_thread())
        gate.wait(20)
        yield Step(0, 3, "start")
        yield Partial("first rows")
        yield Step(2, 3)
        yield "the result"

    seen = Seen(qapp)
    handle = runner.start(job, **seen.callbacks())
    assert runner.busy
    with qtbot.waitSignal(handle.signals.ended, timeout=20_000):
        gate.set()
    assert job_threads == [False]  # the job ran on a pool thread…
    assert seen.threads == {True}  # …every callback on the GUI thread
    assert seen.events == [("progress", (0, 3, "start")), ("partial", "first rows"), ("progress", (2, 3, "")),
                           ("result", "the result")]
    assert not handle.running and handle.result == "the result" and not runner.busy


def test_a_generators_return_value_is_the_result(qtbot: Any, qapp: Any, runner: TaskRunner) -> None:
    def job(_cancel: CancelToken) -> Iterator[Any]:
        yield Step(1, None)
        return 42

    seen = Seen(qapp)
    handle = runner.start(job, **seen.callbacks())
    qtbot.waitUntil(lambda: not handle.running, timeout=20_000)
    assert seen.events == [("progress", (1, None, "")), ("result", 42)]


def test_an_error_arrives_with_its_traceback_on_the_gui_thread(qtbot: Any, qapp: Any, runner: TaskRunner) -> None:
    def job(_cancel: CancelToken) -> Iterator[Any]:
        yield Step(0, 1)
        raise ValueError("sheet 客户, row 7: broken")

    seen = Seen(qapp)
    handle = runner.start(job, **seen.callbacks())
    qtbot.waitUntil(lambda: not handle.running, timeout=20_000)
    kind, (exc, details) = seen.events[-1]
    assert kind == "error" and isinstance(exc, ValueError) and "row 7" in str(exc)
    assert "Traceback" in details and "ValueError" in details
    assert seen.threads == {True} and handle.error is exc
    assert [k for k, _ in seen.events] == ["progress", "error"]


def test_an_error_without_a_handler_goes_to_the_fallback(qtbot: Any, runner: TaskRunner) -> None:
    caught: list[BaseException] = []
    runner.fallback_error = lambda exc, _details: caught.append(exc)

    def job(_cancel: CancelToken) -> Iterator[Any]:
        raise OSError("disk full")
        yield

    handle = runner.start(job)
    qtbot.waitUntil(lambda: not handle.running, timeout=20_000)
    assert [str(e) for e in caught] == ["disk full"]


def test_cancel_stops_a_job_between_two_items(qtbot: Any, qapp: Any, runner: TaskRunner) -> None:
    go_on = threading.Event()
    reached: list[int] = []
    closed = threading.Event()

    def job(_cancel: CancelToken) -> Iterator[Any]:
        try:
            for i in range(1000):
                reached.append(i)
                yield Step(i, 1000)
                go_on.wait(10)
            yield "finished"
        finally:
            closed.set()  # the generator is closed: its clean-up (a rollback) runs

    seen = Seen(qapp)
    handle = runner.start(job, **seen.callbacks())
    qtbot.waitUntil(lambda: bool(reached), timeout=20_000)
    handle.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: not handle.running, timeout=20_000)
    assert handle.was_cancelled and handle.result is None and closed.is_set()
    assert ("cancel", ()) in seen.events
    assert "result" not in [k for k, _ in seen.events] and len(reached) < 1000
    assert seen.threads == {True}


def test_a_job_that_notices_the_cancel_itself(qtbot: Any, qapp: Any, runner: TaskRunner) -> None:
    """A service polling ``cancel.requested`` raises its own 'cancelled' exception (the import's
    ImportCancelled): that is a cancellation, not an error."""
    from guestcard.services.importing import ImportCancelled

    started = threading.Event()

    def job(cancel: CancelToken) -> Iterator[Any]:
        started.set()
        while not cancel.requested:
            threading.Event().wait(0.01)
        raise ImportCancelled("nothing was written")
        yield

    seen = Seen(qapp)
    handle = runner.start(job, **seen.callbacks())
    qtbot.waitUntil(started.is_set, timeout=20_000)
    handle.cancel()
    qtbot.waitUntil(lambda: not handle.running, timeout=20_000)
    assert [k for k, _ in seen.events] == ["cancel"]


def test_callback_style_progress_through_the_token(qtbot: Any, qapp: Any, runner: TaskRunner) -> None:
    """A service that takes a progress callback (print_cards) reports through ``cancel.report``;
    once cancelled, the next report stops the service."""
    started = threading.Event()
    go_on = threading.Event()

    def service(progress: Any) -> str:
        for done in range(1, 100):
            progress(done)
            if done == 1:
                started.set()
                go_on.wait(10)
        return "all drawn"

    def job(cancel: CancelToken) -> Iterator[Any]:
        yield service(lambda done: cancel.report(Step(done, 99, "drawing")))

    seen = Seen(qapp)
    handle = runner.start(job, **seen.callbacks())
    qtbot.waitUntil(started.is_set, timeout=20_000)
    handle.cancel()
    go_on.set()
    qtbot.waitUntil(lambda: not handle.running, timeout=20_000)
    assert [k for k, _ in seen.events][-1] == "cancel"
    assert ("progress", (1, 99, "drawing")) in seen.events
    assert seen.threads == {True}
    token = CancelToken()
    token.set()
    with pytest.raises(TaskCancelled):
        token.report(Step(1))
    with pytest.raises(TaskCancelled):
        token.check()


def test_cancel_all_and_wait(qtbot: Any, runner: TaskRunner) -> None:
    def job(cancel: CancelToken) -> Iterator[Any]:
        while True:
            yield Step(0, None)
            cancel.check()
            threading.Event().wait(0.005)

    handles = [runner.start(job) for _ in range(3)]  # more jobs than threads: one waits its turn
    qtbot.waitUntil(lambda: runner.busy, timeout=20_000)
    runner.cancel_all()
    assert runner.wait(20_000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=20_000)
    assert all(h.was_cancelled for h in handles)


def test_the_qt_binding_keeps_reference_counts(qapp: Any) -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method returning
    nothing (``setObjectName``, ``processEvents``…) and to True on every ``emit``: after some tens of
    thousands of calls the window dies with "Fatal Python error: none_dealloc". 6.11.3 is sound."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        fired = Signal(int)

    emitter = Emitter()
    emitter.fired.connect(lambda _value: None)
    none, true = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(1000):
        emitter.setObjectName("x")
        emitter.fired.emit(1)
    assert sys.getrefcount(None) - none > -500 and sys.getrefcount(True) - true > -500


def test_only_jobs_that_write_count_as_work_in_progress(qtbot: Any, runner: TaskRunner) -> None:
    """Quitting asks only about work that is not reading-only: a page being filled, even one whose
    handle has since been replaced by a newer one, just stops."""
    release = threading.Event()

    def job(cancel: CancelToken) -> Iterator[Any]:
        while not release.is_set() and not cancel.is_set():
            release.wait(0.01)
            yield Step(0, None)
        yield None

    first_page = runner.start(job, reading_only=True)
    runner.start(job, reading_only=True)  # the page refreshed again: the first handle is forgotten
    assert runner.busy and not runner.working
    importing = runner.start(job)
    assert runner.working
    with qtbot.waitSignal(importing.signals.ended, timeout=20_000):
        release.set()
    assert first_page.reading_only and not importing.reading_only
    assert runner.wait(20_000) and not runner.working


def test_stop_reading_waits_for_the_readers_and_leaves_the_writers(qtbot: Any, runner: TaskRunner) -> None:
    """Before the file is closed or re-keyed: every reading job has let go of it, on return."""
    release = threading.Event()
    holding: list[str] = []

    def job(name: str) -> Any:
        def run(cancel: CancelToken) -> Iterator[Any]:
            holding.append(name)
            try:
                while not release.is_set() and not cancel.is_set():
                    release.wait(0.01)
                    yield Step(0, None)
            finally:
                holding.remove(name)  # its session closed
            yield name

        return run

    readers = [runner.start(job(f"page {n}"), reading_only=True) for n in range(2)]
    writer = runner.start(job("import"))
    qtbot.waitUntil(lambda: len(holding) == 2, timeout=20_000)  # two threads: one job waits its turn
    assert runner.stop_reading(timeout=20)
    assert all(reader.left_the_pool.is_set() for reader in readers)
    assert "page 0" not in holding and "page 1" not in holding
    qtbot.waitUntil(lambda: holding == ["import"], timeout=20_000)
    assert not writer.left_the_pool.is_set() and not writer.token.is_set()
    with qtbot.waitSignal(writer.signals.ended, timeout=20_000):
        release.set()
    assert writer.result == "import"


def test_what_only_a_job_holds_is_freed_on_the_gui_thread(qtbot: Any, runner: TaskRunner) -> None:
    """A model or page reached only through a job's closure (a list model nobody else holds, as
    at a test's end) is freed on the GUI thread after the job ended, never by the pool thread
    letting go of the job: that deleted Qt objects (the model's runner, signals still in flight)
    off the GUI thread and crashed the next event processing (a segfault in the whole suite)."""
    from PySide6.QtCore import QObject, Qt

    freed_on: list[int] = []
    held = QObject()  # no parent: Python's reference is what keeps it
    held.destroyed.connect(lambda: freed_on.append(threading.get_ident()), Qt.ConnectionType.DirectConnection)
    started = threading.Event()

    def job(_cancel: CancelToken, holding: QObject = held) -> Iterator[int]:
        started.set()
        yield 1

    handle = runner.start(job)
    del held, job
    assert started.wait(5)
    qtbot.waitUntil(lambda: not handle.running)
    qtbot.waitUntil(lambda: bool(freed_on), timeout=5000)
    assert freed_on == [threading.get_ident()]


# Run in a process of its own: before the fix it crashed the interpreter (a segfault), which would
# take the test worker down with it.
_RUNNERS_DROPPED_WHILE_THEIR_JOBS_RUN = """
import sys
from PySide6.QtWidgets import QApplication
from guestcard.gui import worker
app = QApplication(["guestcard", "-platform", "offscreen"])

def a_runner_dropped_while_its_jobs_run(rounds, cancel_first):
    runner = worker.TaskRunner(threads=2)
    seen = []
    def job(cancel):
        for n in range(rounds):
            yield worker.Step(n, rounds)
            if cancel.is_set():
                return
        yield rounds
    for _ in range(3):
        runner.start(job, on_progress=lambda *step: seen.append(step), on_result=seen.append, reading_only=True)
    app.processEvents()
    if cancel_first:
        runner.cancel_all()
    del runner
    app.processEvents()

for i in range(300):
    a_runner_dropped_while_its_jobs_run(1 + i * 7 % 40, i % 2 == 1)
while worker._IN_FLIGHT:  # the last jobs end before the interpreter does
    app.processEvents()
print("survived")
"""


def test_a_runner_dropped_while_its_jobs_run_does_not_crash_the_window() -> None:
    """A page closed while its list is still loading takes its runner with it, jobs in flight: the
    jobs' signals must outlive the runner until their last emit was delivered. As the runner's
    children they were deleted with it, and delivering their queued emits crashed the GUI thread
    (4 crashes in 4 runs of this script before the fix; a segfault in the whole suite)."""
    import os
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _RUNNERS_DROPPED_WHILE_THEIR_JOBS_RUN], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived"


def test_a_slot_connected_after_start_still_hears_ended(qtbot: Any, runner: TaskRunner) -> None:
    """``ended`` reaches every slot connected to it, however long the pool thread takes over its
    emit: the signals are deleted only once that emit is over. They were deleted from the
    runner's own ``ended`` slot, which the GUI thread may run while the pool thread is still
    between the connections: a later slot (``qtbot.waitSignal``'s, say) then never heard it — the
    20 s timeouts seen under load. A slow slot on the pool thread widens that gap at will."""
    import time

    from PySide6.QtCore import Qt

    release = threading.Event()

    def job(_cancel: CancelToken) -> Iterator[Any]:
        release.wait(10)
        yield "done"

    handle = runner.start(job)
    handle.signals.ended.connect(lambda: time.sleep(0.5), Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(handle.signals.ended, timeout=10_000):
        release.set()
    assert handle.result == "done"
