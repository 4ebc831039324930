"""The Today page's greetings: "Copy greeting" for the chosen birthday or festival row and "Copy all
for today", to paste into WeChat; copying logs a contact (channel 微信) on each card, so nobody is
greeted twice (``guestcard.services.greetings``). The texts are read and the contacts written on
the background runner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from guestcard.gui.i18n import fill, ui_lang
from guestcard.gui.worker import Step, TaskRunner

if TYPE_CHECKING:
    from guestcard.services.greetings import Greeting
    from guestcard.settings import Settings
    from guestcard.storage import Database

CHANNEL = "微信"


def greetings_job(db: Database, today: dt.date, days: int, lang: str, settings: Settings) -> Any:
    def job(_cancel: Any) -> Iterator[Any]:
        from guestcard.services.greetings import greetings  # lazy: the window shows before this loads (bench_gui start)

        yield Step(0, None)
        yield greetings(db, days, today, lang=lang, hotel=settings.restaurant_name, manager=settings.manager_name,
                        festival_classes=settings.festival_classes, include_sent=True)

    return job


def mark_job(db: Database, chosen: list[Greeting]) -> Any:
    def job(_cancel: Any) -> Iterator[Any]:
        from guestcard.services.greetings import mark_sent  # lazy: the window shows before this loads (bench_gui start)

        yield Step(0, None)
        yield mark_sent(db, chosen, CHANNEL)

    return job


class GreetingsBar(QWidget):
    """Two buttons and a line saying what was copied. ``chosen`` tells which (customer id, day)
    pairs the page's selected row stands for (a festival row: its guests); ``greeted`` is emitted
    with the count of contacts logged."""

    greeted = Signal(int)

    def __init__(self, runner: TaskRunner, settings: Settings, chosen: Callable[[], list[tuple[int, dt.date]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.chosen = chosen
        self.db: Database | None = None
        self.greetings: list[Greeting] = []
        self.today = dt.date.today()
        self._task: Any = None
        self.copy_one = QPushButton(self)
        self.copy_all = QPushButton(self)
        self.note = QLabel(self)
        self.copy_one.clicked.connect(self.copy_chosen)
        self.copy_all.clicked.connect(self.copy_today)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.copy_one)
        layout.addWidget(self.copy_all)
        layout.addWidget(self.note, 1)
        self.retranslate()

    def load(self, db: Database | None, today: dt.date, days: int) -> None:
        self.db, self.today = db, today
        if db is None:
            self.greetings = []
            self.retranslate()
            return
        self._task = self.runner.start(greetings_job(db, today, days, ui_lang(), self.settings),
                                       on_result=self._loaded, reading_only=True)

    def _loaded(self, found: list[Greeting]) -> None:
        self.greetings = found
        self.retranslate()

    def for_today(self) -> list[Greeting]:
        return [g for g in self.greetings if g.date == self.today and not g.sent]

    def copy_chosen(self) -> None:
        picked = set(self.chosen())
        if not picked:
            self.note.setText(self.tr("Choose a birthday or festival row first"))
            return
        found = [g for g in self.greetings if (g.customer.id, g.date) in picked]
        if not found:
            self.note.setText(self.tr("No greeting for this row"))
            return
        self._copy(found)

    def copy_today(self) -> None:
        self._copy(self.for_today())

    def _copy(self, chosen: list[Greeting]) -> None:
        if not chosen:
            self.note.setText(self.tr("No greetings left to send today"))
            return
        if len(chosen) == 1:
            text = chosen[0].text
        else:
            text = "\n\n".join(f"{g.customer.display_name}：{g.text}" for g in chosen)
        QGuiApplication.clipboard().setText(text)
        self.note.setText(fill(self.tr("Copied %1 greetings: paste them into WeChat"), len(chosen)))
        if self.db is not None:
            self.runner.start(mark_job(self.db, chosen), on_result=self.greeted.emit)

    def retranslate(self) -> None:
        self.copy_one.setText(self.tr("Copy greeting"))
        waiting = len(self.for_today())
        self.copy_all.setText(fill(self.tr("Copy all for today (%1)"), waiting))
        self.copy_all.setEnabled(waiting > 0)
        self.copy_one.setEnabled(bool(self.greetings))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
