"""Fixtures for the window's tests: a main window over a real database, no blocking dialogs.

Every question the window could ask goes through ``guestcard.gui.prompts``; here each one fails
the test unless the test answers it (``answer(...)``), so no modal ``exec()`` ever blocks.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytestqt")

from gui_thread_guard import GuiThreadGuard
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication
from window_helpers import Answers, close_window, make_window

from guest_templates import GuestFileTemplates, dated
from guestcard.forms import FormLibrary
from guestcard.gui.i18n import Languages
from guestcard.gui.main_window import MainWindow
from guestcard.settings import Settings
from guestcard.storage import Database


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
def demo_contents() -> tuple[str, Callable[[Database], object]]:
    """What ``demo_db`` holds: a name for it and what fills it (a test module may ask for other
    demo data by defining this fixture)."""
    from guestcard.services.demo import fill_demo

    return "demo-60", lambda database: fill_demo(database, 60, staff=False)  # staff tests make their own team


@pytest.fixture
def sqlite_db(request: pytest.FixtureRequest, db_path: Path, guest_templates: GuestFileTemplates) -> Iterator[Database]:
    """As the top conftest's; for a test of the window (one using ``demo_db``) it holds the
    ``demo_contents`` already: a copy of a file filled so once per test worker (filling costs
    ~0.4 s a test)."""
    if "demo_db" in request.fixturenames:
        name, fill = request.getfixturevalue("demo_contents")

        def build(path: Path) -> None:
            with Database.open(path, create=True) as database:
                fill(database)

        guest_templates.copy_to(dated(name), db_path, build)
    else:
        guest_templates.empty(db_path)
    database = Database.open(db_path)
    yield database
    database.close()


@pytest.fixture
def demo_db(sqlite_db: Database) -> Database:
    """The guests of ``demo_contents`` (``sqlite_db`` holds them when a test uses this fixture)."""
    return sqlite_db


@pytest.fixture
def window(qtbot: Any, demo_db: Database, library: FormLibrary, languages: Languages, qsettings: QSettings,
           tmp_path: Path) -> Iterator[MainWindow]:
    win = make_window(qtbot, demo_db, library, languages, qsettings, tmp_path)
    yield win
    close_window(win)


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
        close_window(win)



@pytest.fixture(autouse=True)
def no_database_on_the_gui_thread() -> Iterator[GuiThreadGuard]:
    """Fails the test when the window's code used the database on the GUI thread (gui_thread_guard)."""
    guard = GuiThreadGuard().install()
    try:
        yield guard
    finally:
        guard.uninstall()
    record = os.environ.get("GUESTCARD_GUI_THREAD_RECORD")
    if record:  # listing the places still to move: every place, no failure
        with open(record, "a", encoding="utf-8") as out:
            out.writelines(f"{place}\n" for place in sorted(guard.seen))
        return
    violations = guard.violations()
    assert not violations, (
        "the window used the database on the GUI thread (run it as an operation: gui/operations.py): "
        + ", ".join(violations)
    )
