"""A card saved elsewhere since it was opened: both values of every field in question, and the
choice between them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui.models import Column, RecordsModel

if TYPE_CHECKING:
    pass


class ConflictDialog(QDialog):
    """The card was saved elsewhere since it was opened: both values of every field in question.

    ``choice`` after it closes: ``"mine"`` (keep my changes on top of the saved card),
    ``"theirs"`` (take the saved card, drop my changes) or ``None`` (keep editing).
    """

    decided = Signal(str)

    def __init__(self, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.rows = list(rows)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.model = RecordsModel(
            (
                Column("field", QT_TRANSLATE_NOOP("models", "Field"), lambda r: r[0]),
                Column("mine", QT_TRANSLATE_NOOP("models", "Your value"), lambda r: r[1]),
                Column("theirs", QT_TRANSLATE_NOOP("models", "Saved elsewhere"), lambda r: r[2]),
            ),
            self.rows,
            self,
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.mine = QPushButton(self)
        self.theirs = QPushButton(self)
        self.cancel = QPushButton(self)
        self.mine.clicked.connect(lambda: self._decide("mine"))
        self.theirs.clicked.connect(lambda: self._decide("theirs"))
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.mine)
        buttons.addWidget(self.theirs)
        buttons.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self.resize(640, 360)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Changed elsewhere"))
        self.text.setText(
            self.tr(
                "This card was saved by someone else (or in another window) after you opened it. "
                "These fields differ:"
            )
        )
        self.mine.setText(self.tr("Keep my changes"))
        self.theirs.setText(self.tr("Use the saved version"))
        self.cancel.setText(self.tr("Keep editing"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _decide(self, choice: str) -> None:
        self.choice = choice
        self.decided.emit(choice)
        self.accept()


def ask_conflict(parent: QWidget | None, rows: Sequence[tuple[str, str, str]]) -> str | None:
    """Show a ``ConflictDialog`` and wait; tests replace this function."""
    dialog = ConflictDialog(rows, parent)
    dialog.exec()
    return dialog.choice
