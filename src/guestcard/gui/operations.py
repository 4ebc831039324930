"""The window's operations: every action that reads or writes the guest file, by name, on the
window's one ``TaskRunner`` (like Anki's ``CollectionOp``/``QueryOp``).

An operation is one service call run off the GUI thread. Its result comes back to ``on_success``
on the GUI thread; its error goes to ``on_error`` or, when none is given, to the window's error
path (``TaskRunner.fallback_error``: the friendly dialog). A writing operation names what it
changed (``CUSTOMERS``, ``VISITS``…); once it has succeeded, ``Operations.changed`` carries those
kinds and every page that shows them refreshes itself: nobody refreshes pages by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from guestcard.gui.worker import Step, TaskHandle, TaskRunner

# What an operation may have changed (``Operations.changed`` carries a frozenset of these).
CUSTOMERS = "customers"  # cards created, deleted, merged, imported, classed: the list reads again
CARD = "card"  # one card's fields saved: the list puts the new row in place itself
VISITS = "visits"
CONTACTS = "contacts"
RELATIONS = "relations"
ACCOUNTS = "accounts"  # a company's credit account, its bills and payments
STAFF = "staff"
SETTINGS = "settings"
HISTORY = frozenset({VISITS, CONTACTS, RELATIONS, ACCOUNTS})
EVERYTHING = frozenset({CUSTOMERS, CARD, STAFF}) | HISTORY  # an import, demo data


def kinds_of(changes: str | Iterable[str]) -> frozenset[str]:
    """``"visits"`` or ``{"visits", "accounts"}`` as the frozenset ``changed`` carries."""
    return frozenset({changes}) if isinstance(changes, str) else frozenset(changes)


def call_job(call: Callable[[], Any]) -> Callable[[Any], Iterator[Any]]:
    """One service call as a runner job: its return value is the result."""

    def job(_cancel: Any) -> Iterator[Any]:
        yield Step(0, None)
        return call()

    return job


def window_runner(widget: QWidget) -> TaskRunner:
    """The main window's runner (the one background runner); a widget shown on its own (a test,
    a dialog without the window) gets one of its own."""
    runner = getattr(widget.window(), "runner", None)
    if isinstance(runner, TaskRunner):
        return runner
    own = getattr(widget, "_own_runner", None)
    if own is None:
        own = TaskRunner(widget)
        widget._own_runner = own  # type: ignore[attr-defined]
    return own


class Operations(QObject):
    """Named operations on one runner, and the one ``changed(kinds)`` signal after each write."""

    changed = Signal(frozenset)  # the kinds an operation changed, after it succeeded
    started = Signal(str)  # an operation's name, as it starts (tests and the status bar)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner

    def run(
        self,
        name: str,
        call: Callable[[], Any],
        *,
        changes: str | Iterable[str] = (),
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
    ) -> TaskHandle:
        """Write: ``call()`` on the runner; then ``on_success(result)`` and ``changed(changes)``."""
        kinds = kinds_of(changes)

        def succeeded(result: Any) -> None:
            if on_success is not None:
                on_success(result)
            if kinds:
                self.changed.emit(kinds)

        self.started.emit(name)
        handle = self.runner.start(call_job(call), on_result=succeeded, on_error=on_error)
        handle.name = name  # type: ignore[attr-defined]
        return handle

    def query(
        self,
        name: str,
        call: Callable[[], Any],
        *,
        on_success: Callable[[Any], None],
        on_error: Callable[[BaseException, str], None] | None = None,
    ) -> TaskHandle:
        """Read: ``call()`` on the runner, ``on_success(result)``; stopped, not asked about, at quit."""
        self.started.emit(name)
        handle = self.runner.start(call_job(call), on_result=on_success, on_error=on_error, reading_only=True)
        handle.name = name  # type: ignore[attr-defined]
        return handle

    def unexpected(self, exc: BaseException, details: str) -> None:
        """An error no operation expected: the window's error path (the friendly dialog)."""
        if self.runner.fallback_error is not None:
            self.runner.fallback_error(exc, details)
        else:
            import sys

            print(details, file=sys.stderr)

    def announce(self, changes: str | Iterable[str]) -> None:
        """Say that something changed which an operation of another kind wrote (a wizard's job)."""
        kinds = kinds_of(changes)
        if kinds:
            self.changed.emit(kinds)


def window_operations(widget: QWidget) -> Operations:
    """The main window's operations; a widget shown on its own gets its own over its runner."""
    operations = getattr(widget.window(), "operations", None)
    if isinstance(operations, Operations):
        return operations
    own = getattr(widget, "_own_operations", None)
    if own is None:
        own = Operations(window_runner(widget), widget)
        widget._own_operations = own  # type: ignore[attr-defined]
    return own
