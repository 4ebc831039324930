"""The window under test and scripted answers to its questions (a module of its own name: every
test folder has a conftest.py, and ``from conftest import`` would find whichever came first)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

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
    # The list reads its first page on its runner: a test starts from the window as a user sees it.
    qtbot.waitUntil(lambda: window.customers.settled() and not window.runner.busy, timeout=10_000)
    qtbot.wait(1)  # the count line is written on the next turn of the event loop
    return window


def close_window(window: MainWindow) -> None:
    """A test's window put away whole: its jobs cancelled and waited for, its database closed (no
    page left reading it into the next test), the window closed."""
    if window.customers.card is not None:
        window.customers.card.undo_stack.setClean()
    window.runner.cancel_all()
    window.runner.wait(10_000)
    window.close_database()
    window.close()


def open_card(qtbot: Any, window: MainWindow, customer_id: int) -> None:
    """Open a customer's card as the Today page or a relation does, until it is shown (the card is
    read on the runner)."""
    card = window.customers.card
    assert card is not None
    with qtbot.waitSignal(card.loaded, timeout=10_000, check_params_cb=lambda shown: shown == customer_id):
        window.open_customer(customer_id)
