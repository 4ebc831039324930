"""Editing the intent levels and their follow-up rules (O H A B C D, each a label, a colour and
the days until the next follow-up). Read and saved on the window's background runner."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guestcard.domain.staff import IntentLevel
from guestcard.gui.dialogs.fields import error_label, show_error
from guestcard.gui.i18n import fill
from guestcard.gui.messages import say
from guestcard.services.intent import levels, save_levels

if TYPE_CHECKING:
    from guestcard.domain.staff import IntentLevel
    from guestcard.gui.worker import TaskRunner
    from guestcard.storage import Database

CODE, LABEL_ZH, LABEL_EN, COLOR, DAYS = range(5)


class IntentLevelsDialog(QDialog):
    saved = Signal(object)  # the levels as saved

    def __init__(self, db: Database, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.runner = db, runner
        self.table = QTableWidget(0, 5, self)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.itemChanged.connect(self._colour_changed)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.add_button.clicked.connect(lambda: self._append(None))
        self.remove_button.clicked.connect(self._remove)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(680, 360)
        self.retranslate()
        self._load()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Intent levels and follow-up rules"))
        self.table.setHorizontalHeaderLabels([self.tr("Level"), self.tr("Chinese label"), self.tr("English label"),
                                              self.tr("Colour"), self.tr("Follow up after (days)")])
        self.hint.setText(self.tr("A contact logged with a level proposes the next follow-up this many days "
                                  "later; a prospect not contacted for longer is flagged on the Today page. "
                                  "Leave the days empty for no rule (lost, no intent)."))
        self.add_button.setText(self.tr("Add a level"))
        self.remove_button.setText(self.tr("Remove the level"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _load(self) -> None:
        db = self.db

        def job(_cancel: Any) -> Iterator[Any]:
            yield levels(db)

        self.runner.start(job, on_result=self.show_levels, on_error=lambda exc, _d: show_error(self.error, say(exc)))

    def show_levels(self, levels: Sequence[IntentLevel]) -> None:
        self.table.setRowCount(0)
        for level in levels:
            self._append(level)

    def _append(self, level: IntentLevel | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        values = ("", "", "", "#607d8b", "") if level is None else (
            level.code, level.label_zh, level.label_en, level.color,
            "" if level.follow_up_days is None else str(level.follow_up_days))
        for column, value in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(value))

    def _remove(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def _colour_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == COLOR and QColor.isValidColorName(item.text().strip()):
            item.setBackground(QColor(item.text().strip()))

    def levels(self) -> list[IntentLevel]:
        """What the table says; ``ValueError`` naming the row for days that are not a number."""
        found = []
        for row in range(self.table.rowCount()):
            def text(column: int, r: int = row) -> str:
                item = self.table.item(r, column)
                return item.text().strip() if item is not None else ""

            days = text(DAYS)
            if days and not days.isdigit():
                raise ValueError(fill(self.tr("Row %1: the days are a whole number, or empty"), row + 1))
            found.append(IntentLevel(text(CODE), text(LABEL_ZH), text(LABEL_EN), text(COLOR),
                                     int(days) if days else None, row))
        return found

    def accept(self) -> None:
        try:
            levels = self.levels()
        except ValueError as exc:
            show_error(self.error, say(exc))
            return
        show_error(self.error, None)
        db = self.db

        def job(_cancel: Any) -> Iterator[Any]:
            yield save_levels(db, levels)

        def done(saved: Any) -> None:
            self.saved.emit(saved)
            super(IntentLevelsDialog, self).accept()

        self.runner.start(job, on_result=done, on_error=lambda exc, _d: show_error(self.error, say(exc)))
