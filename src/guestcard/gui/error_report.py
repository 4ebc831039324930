"""What the window does with an error nobody expected: a friendly dialog naming the log file,
and the ``sys.excepthook`` that brings errors in slots and callbacks there."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from guestcard.gui import prompts
from guestcard.gui.i18n import fill
from guestcard.gui.messages import busy_text
from guestcard.logsetup import configure_logging, log_exception, logger, safe_description


def error_log_path() -> Path:
    """The log file (rotated, in the user log folder: ``guestcard.logsetup``)."""
    return configure_logging()


def report_unexpected(parent: QWidget | None, exc: BaseException, details: str) -> Path:
    """A friendly dialog for a bug: what happened in one line, the details folded away, and the
    log file (where the error is written with its traceback) named. Returns the log's path."""

    busy = busy_text(exc, getattr(parent, "db", None))
    if busy is not None:  # an expected state (an import holds the file), not a bug: no log, no details
        prompts.warn(parent, QCoreApplication.translate("app", "The guest file is busy"), busy)
        return error_log_path()
    if refused_as_read_only(exc):  # expected too: the file or its folder cannot be written
        prompts.warn(parent, QCoreApplication.translate("app", "The guest file is read-only"),
                     QCoreApplication.translate(
                         "app", "The change was not saved: this guest file can only be read here (it was opened "
                         "read-only, or its folder cannot be written). Open it where it can be written to change it."))
        return error_log_path()
    try:
        if exc.__traceback__ is not None:
            log = log_exception(exc, "running the window")
        else:  # from a worker thread: the traceback came as text
            log = error_log_path()
            logger("gui").error("unexpected error in the window:\n%s", details)
    except Exception:  # logging never stops the program
        log = error_log_path()
    print(details, file=sys.stderr)
    text = fill(QCoreApplication.translate(
        "app",
        "guestcard ran into a problem it did not expect:\n%1\n\nWhat was saved before is safe. "
        "The details are in %2.",
    ), safe_description(exc), str(log))  # no SQL parameters on screen
    prompts.show_error(parent, QCoreApplication.translate("app", "Something went wrong"), text, details)
    return log


# What SQLite and PostgreSQL say when a write reaches a file or session that only reads.
READ_ONLY_REFUSALS = ("attempt to write a readonly database", "read-only transaction")


def refused_as_read_only(exc: BaseException) -> bool:
    """Whether ``exc`` (or what caused it: SQLAlchemy wraps the driver's error) is the database
    refusing a write because the file is read-only."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if any(refusal in str(current).lower() for refusal in READ_ONLY_REFUSALS):
            return True
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else (current.__cause__ or current.__context__)
    return False


class ExceptHook:
    """Unexpected errors in slots and callbacks reach the user as a dialog, never a silent vanish."""

    def __init__(self, parent: Any = None) -> None:
        self.parent = parent
        self.showing = False
        self.previous = sys.excepthook

    def __call__(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        details = "".join(traceback.format_exception(kind, exc, tb))
        if self.showing:
            print(details, file=sys.stderr)
            return
        self.showing = True
        try:
            report_unexpected(self.parent, exc, details)
        finally:
            self.showing = False

    def install(self) -> ExceptHook:
        sys.excepthook = self
        return self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous
