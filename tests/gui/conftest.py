"""Fixtures for the window's tests: a main window over a real database, no blocking dialogs.

Every question the window could ask goes through ``guestcard.gui.prompts``; here each one fails
the test unless the test answers it (``answer(...)``), so no modal ``exec()`` ever blocks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from guestcard.forms import FormLibrary
from guestcard.gui import prompts
from guestcard.gui.i18n import Languages
from guestcard.gui.main_window import MainWindow
from guestcard.settings import Settings
from guestcard.storage import Database

PROMPTS = ("confirm", "choose", "save_discard_cancel", "inform", "warn", "show_error", "open_file", "save_file",
           "choose_folder", "run_dialog")


class Answers:
    """Scripted answers to the window's questions; any other question fails the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.asked: list[tuple[str, tuple[Any, ...]]] = []
        for name in PROMPTS:
            monkeypatch.setattr(prompts, name, self._unexpected(name))

    def _unexpected(self, name: str) -> Callable[..., Any]:
        def ask(*args: Any, **kwargs: Any) -> Any:
            raise AssertionError(f"unexpected {name}{args[1:3]}")

        return ask

    def __call__(self, name: str, reply: Any) -> None:
        """Answer every ``prompts.<name>`` with ``reply`` (a value, or a function of the arguments)."""

        def ask(*args: Any, **kwargs: Any) -> Any:
            self.asked.append((name, args))
            return reply(*args, **kwargs) if callable(reply) else reply

        self.monkeypatch.setattr(prompts, name, ask)


@pytest.fixture
def answer(monkeypatch: pytest.MonkeyPatch) -> Answers:
    return Answers(monkeypatch)


@pytest.fixture(autouse=True)
def _no_dialogs(answer: Answers) -> Answers:
    return answer


@pytest.fixture
def languages(qapp: QApplication) -> Iterator[Languages]:
    langs = Languages(qapp)
    langs.apply("en")
    yield langs
    langs.apply("en")
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def demo_db(sqlite_db: Database) -> Database:
    from guestcard.services.demo import fill_demo

    fill_demo(sqlite_db, 60)
    return sqlite_db


def _forget_edits(window: MainWindow) -> None:
    """Before pytest-qt closes a window at the end of a test: no unsaved-card question, no work left."""
    if window.customers.card is not None:
        window.customers.card.undo_stack.setClean()
    window.runner.cancel_all()
    window.runner.wait(10_000)
    window.customers.model.runner.wait(10_000)


def make_window(qtbot: Any, db: Database | None, library: FormLibrary, languages: Languages, qsettings: QSettings,
                tmp_path: Path, settings: Settings | None = None) -> MainWindow:
    window = MainWindow(settings or Settings(language="en"), languages=languages, qsettings=qsettings,
                        settings_file=tmp_path / "settings.json")
    qtbot.addWidget(window, before_close_func=_forget_edits)
    if db is not None:
        window.set_database(db, library)
    window.resize(1300, 850)
    window.show()
    return window


@pytest.fixture
def window(qtbot: Any, demo_db: Database, library: FormLibrary, languages: Languages, qsettings: QSettings,
           tmp_path: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, demo_db, library, languages, qsettings, tmp_path)
    yield win
    if win.customers.card is not None:
        win.customers.card.undo_stack.setClean()
    win.runner.cancel_all()
    win.runner.wait(10_000)
    win.close()


@pytest.fixture
def new_window(qtbot: Any, library: FormLibrary, languages: Languages, qsettings: QSettings,
               tmp_path: Path) -> Callable[..., MainWindow]:
    """``new_window(db, settings=None)``: another window over the same QSettings (remembered state)."""
    made: list[MainWindow] = []

    def make(db: Database | None, settings: Settings | None = None) -> MainWindow:
        win = make_window(qtbot, db, library, languages, qsettings, tmp_path, settings)
        made.append(win)
        return win

    yield make  # type: ignore[misc]
    for win in made:
        if win.customers.card is not None:
            win.customers.card.undo_stack.setClean()
        win.runner.cancel_all()
        win.runner.wait(10_000)
        win.close()

