"""The window given a guest file that is not there (issue 23, item 10): it asks before making one
(yes: a new, empty file; no: nothing made, "not open"); the default file on first start is made
without asking. Real files in tmp_path; the question answered through ``prompts``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings
from window_helpers import Answers, close_window, make_window

from guestcard.forms import FormLibrary
from guestcard.gui.i18n import Languages
from guestcard.gui.main_window import MainWindow
from guestcard.settings import Settings

OPEN = 30_000  # ms: opening runs on the window's thread pool (a wait, not a timed assertion)


@pytest.fixture
def window(qtbot: Any, library: FormLibrary, languages: Languages, qsettings: QSettings,
           tmp_path: Path) -> Iterator[MainWindow]:
    settings = Settings(language="en", backup_folder=str(tmp_path / "backups"))
    win = make_window(qtbot, None, library, languages, qsettings, tmp_path, settings)
    yield win
    close_window(win)


def _questions(answer: Answers) -> list[tuple[Any, ...]]:
    return [args for prompt, args in answer.asked if prompt == "confirm"]


def test_no_keeps_a_mistyped_path_from_being_made(qtbot: Any, window: MainWindow, answer: Answers,
                                                   tmp_path: Path) -> None:
    typo = tmp_path / "guset files" / "guests.sqlite3"
    answer("confirm", False)
    window.open_database(str(typo))
    qtbot.waitUntil(lambda: bool(_questions(answer)), timeout=OPEN)
    (question,) = _questions(answer)
    assert question[1] == "No such guest file" and str(typo) in question[2]
    qtbot.waitUntil(lambda: "not open" in window.loading.text(), timeout=OPEN)
    assert window.db is None
    assert not typo.parent.exists()  # no folder, no file, no lock beside it


def test_yes_makes_the_new_guest_file_and_opens_it(qtbot: Any, window: MainWindow, answer: Answers,
                                                   tmp_path: Path) -> None:
    new = tmp_path / "new folder" / "guests.sqlite3"
    answer("confirm", True)
    with qtbot.waitSignal(window.databaseOpened, timeout=OPEN):
        window.open_database(str(new))
    assert len(_questions(answer)) == 1
    assert window.db is not None and not window.read_only
    assert new.exists() and Path(window.db.display_name) == new
    assert window.lock is not None  # one window per file, a new one too


def test_the_default_file_is_made_on_first_start_without_asking(qtbot: Any, window: MainWindow, answer: Answers,
                                                                isolated_home: Path) -> None:
    default = isolated_home / "guestcard.sqlite3"
    assert not default.exists()
    with qtbot.waitSignal(window.databaseOpened, timeout=OPEN):
        window.open_database()  # the settings name no file: the default one
    assert _questions(answer) == []  # any other question fails the test (conftest)
    assert default.exists() and window.db is not None


def test_a_folder_that_cannot_be_made_is_said_in_the_window_language(tmp_path: Path, languages: Languages) -> None:
    from guestcard.gui.messages import say
    from guestcard.storage import Database
    from guestcard.storage.database import ReadOnlyFolder

    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("x", encoding="utf-8")
    new = blocker / "guests.sqlite3"
    with pytest.raises(ReadOnlyFolder) as refused:
        Database.open(new, create=True)
    assert str(refused.value).startswith(f"{new}: cannot make a new guest file there (")
    languages.apply("zh")
    assert say(refused.value).startswith(f"{new}：无法在那里新建客史档案文件（")
    languages.apply("en")
