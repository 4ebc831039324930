"""Starting the window: the application object, fonts, translations, the icon, error reporting.

The window is shown before the database is opened: opening (importing SQLAlchemy, locking,
upgrading, the daily backup) runs off the GUI thread and the pages fill in when it is done.
With ``GUESTCARD_STARTUP_PROBE=1`` the process prints ``shown``, ``ready`` (database open, first
page of the list loaded) and ``today`` (the Today page filled) on stdout and quits: the start-up
benchmark reads these lines.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

from guestcard.gui import prompts
from guestcard.gui.i18n import Languages, app_icon, register_fonts


def error_log_path() -> Path:
    """The log file (rotated, in the user log folder: ``guestcard.logsetup``)."""
    from guestcard.logsetup import configure_logging

    return configure_logging()


def report_unexpected(parent: QWidget | None, exc: BaseException, details: str) -> Path:
    """A friendly dialog for a bug: what happened in one line, the details folded away, and the
    log file (where the error is written with its traceback) named. Returns the log's path."""
    from guestcard.logsetup import log_exception, logger, safe_description

    try:
        if exc.__traceback__ is not None:
            log = log_exception(exc, "running the window")
        else:  # from a worker thread: the traceback came as text
            log = error_log_path()
            logger("gui").error("unexpected error in the window:\n%s", details)
    except Exception:  # logging never stops the program
        log = error_log_path()
    print(details, file=sys.stderr)
    text = QCoreApplication.translate(
        "app",
        "guestcard ran into a problem it did not expect:\n%1\n\nWhat was saved before is safe. "
        "The details are in %2.",
    ).replace("%1", safe_description(exc)).replace("%2", str(log))  # no SQL parameters on screen
    prompts.show_error(parent, QCoreApplication.translate("app", "Something went wrong"), text, details)
    return log


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


def prepare_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("guestcard")
    app.setOrganizationName("guestcard")
    app.setApplicationDisplayName("guestcard")
    app.setWindowIcon(app_icon())
    families = register_fonts()
    if families:
        # The bundled font stands behind the system's: Chinese renders even where no font has it.
        font = QFont(app.font())
        font.setFamilies([*font.families(), families[0]])
        app.setFont(font)
    return app


def run(target: str | None = None) -> int:
    from guestcard.gui.main_window import MainWindow
    from guestcard.logsetup import configure_logging
    from guestcard.settings import load_settings

    configure_logging()  # errors from here on go to the rotated log the error dialog names
    app = prepare_application()
    settings = load_settings()
    languages = Languages(app)
    languages.apply(settings.language)
    window = MainWindow(settings, languages=languages)
    hook = ExceptHook(window).install()
    window.runner.fallback_error = lambda exc, details: report_unexpected(window, exc, details)
    if os.environ.get("GUESTCARD_STARTUP_PROBE"):
        _probe(app, window)
    window.show()
    QTimer.singleShot(0, lambda: window.open_database(target))
    try:
        return app.exec()
    finally:
        hook.uninstall()


def _probe(app: QApplication, window: Any) -> None:
    def say(word: str) -> None:
        print(word, flush=True)

    QTimer.singleShot(0, lambda: say("shown"))
    window.databaseOpened.connect(lambda: say("ready"))

    def finish() -> None:
        # Let the finished jobs deliver their last signals first: the window must not think work
        # is still running (closing would ask "stop it and quit?" and never exit).
        window.runner.wait(5000)
        QCoreApplication.processEvents()
        window.close()  # saves the window state and releases the database lock
        app.exit(0)  # quits even if closing was refused

    def today() -> None:
        say("today")
        QTimer.singleShot(0, finish)

    window.today.refreshed.connect(today)

    def fail(*args: Any, **_kwargs: Any) -> None:
        # Any question or error would wait for a click nobody gives: say it and stop.
        say("error")
        print(*[a for a in args if isinstance(a, str)], sep="\n", file=sys.stderr)
        app.exit(1)

    window.runner.fallback_error = fail
    for name in ("confirm", "choose", "save_discard_cancel", "inform", "warn", "show_error"):
        setattr(prompts, name, fail)
