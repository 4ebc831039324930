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
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from guestcard.gui import prompts
from guestcard.gui.error_report import ExceptHook, error_log_path, report_unexpected
from guestcard.gui.i18n import Languages, app_icon, register_fonts
from guestcard.gui.main_window import MainWindow
from guestcard.logsetup import configure_logging
from guestcard.settings import load_settings

__all__ = ["ExceptHook", "error_log_path", "prepare_application", "report_unexpected", "run"]


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


def run(target: str | None = None, *, create: bool = False) -> int:
    """The window on ``target`` (else the settings' file); a missing file is made without asking
    only with ``create`` or when it is the default file (first start): otherwise the window asks."""

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
    QTimer.singleShot(0, lambda: window.open_database(target, create=create))
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
