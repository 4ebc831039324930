"""The "Possible duplicates" view: pairs of cards that are probably one guest, best first, each
with why; merge a pair side by side (gui.merge_dialog), mark it "not the same guest", or undo the
last merge. Every read and write runs on the background runner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guestcard.domain.values import PartialDate
from guestcard.gui import prompts
from guestcard.gui.i18n import fill, ui_lang
from guestcard.gui.merge_dialog import MergeDialog
from guestcard.gui.messages import say
from guestcard.gui.models import Column, RecordsModel
from guestcard.gui.worker import Step, TaskRunner
from guestcard.services.duplicates import find_duplicates, mark_not_duplicate
from guestcard.services.merging import undo_merge

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.storage import Database

RULE_NAMES = {
    "phone": QT_TRANSLATE_NOOP("DuplicatesPage", "same phone"),
    "email": QT_TRANSLATE_NOOP("DuplicatesPage", "same e-mail"),
    "name_company": QT_TRANSLATE_NOOP("DuplicatesPage", "same name and company"),
    "birthday_surname": QT_TRANSLATE_NOOP("DuplicatesPage", "same surname and birthday"),
    "pinyin": QT_TRANSLATE_NOOP("DuplicatesPage", "same pinyin, one character different"),
    "same_name": QT_TRANSLATE_NOOP("DuplicatesPage", "same name"),
    "same_company": QT_TRANSLATE_NOOP("DuplicatesPage", "same company"),
}


def _value_text(rule: str, value: str) -> str:
    if rule == "birthday_surname":  # as written on a card: 1985年3月2日, 1950年农历十月廿五

        try:
            return PartialDate.from_iso(value).words(ui_lang())
        except ValueError:
            return value
    return value


def reasons_text(pair: Any) -> str:
    return "；".join(
        f"{QCoreApplication.translate('DuplicatesPage', RULE_NAMES.get(r.rule, r.rule))} {_value_text(r.rule, r.value)}"
        for r in pair.reasons)


COLUMNS = (
    Column("score", QT_TRANSLATE_NOOP("models", "Score"), lambda p: p.score, align_right=True),
    Column("first", QT_TRANSLATE_NOOP("models", "Card"), lambda p: f"#{p.first} {p.names[0]}"),
    Column("second", QT_TRANSLATE_NOOP("models", "Probably the same guest"), lambda p: f"#{p.second} {p.names[1]}"),
    Column("why", QT_TRANSLATE_NOOP("models", "Why"), reasons_text, tooltip=True),
)


class DuplicatesPage(QDialog):
    """``loaded`` whenever the list is read afresh; ``changed`` when cards were merged or split
    again (the window reloads its lists); ``undone`` when a merge was undone."""

    loaded = Signal()
    changed = Signal()
    undone = Signal(object)

    def __init__(self, db: Database, runner: TaskRunner, library: FormLibrary | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("duplicatesPage")
        self.db, self.runner, self.library = db, runner, library
        self.last_merge: int | None = None
        self.merge_dialog: MergeDialog | None = None
        self.setWindowTitle(self.tr("Possible duplicates"))
        self.resize(900, 520)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("Looking for cards of one guest…"), self)
        layout.addWidget(self.summary)
        self.model = RecordsModel(COLUMNS, parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.merge_selected())
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.merge_button = QPushButton(self.tr("Merge…"), self)
        self.merge_button.setObjectName("mergeSelected")
        self.merge_button.clicked.connect(self.merge_selected)
        self.different_button = QPushButton(self.tr("Not the same guest"), self)
        self.different_button.setObjectName("notSameGuest")
        self.different_button.clicked.connect(self.mark_different)
        self.undo_button = QPushButton(self.tr("Undo merge"), self)
        self.undo_button.setObjectName("undoMerge")
        self.undo_button.setEnabled(False)
        self.undo_button.clicked.connect(self.undo_last)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        for widget in (self.merge_button, self.different_button, self.undo_button):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()
        self.reload()

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.merge_button.setEnabled(chosen)
        self.different_button.setEnabled(chosen)

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _run(self, work: Any, on_result: Any, *, reading: bool = False) -> None:
        def job(_cancel: Any) -> Iterator[Any]:
            yield Step(0, None)
            yield work()

        self.runner.start(job, on_result=on_result, on_error=self._failed, reading_only=reading)

    def reload(self) -> None:
        db = self.db
        self._run(lambda: find_duplicates(db), self._show, reading=True)

    def _show(self, report: Any) -> None:
        self.model.set_records(report.pairs)
        self.summary.setText(fill(
            self.tr("%1 pairs of cards among %2 look like one guest; merge them, or say they are different guests."),
            len(report.pairs),
            report.cards,
        ))
        if report.pairs:
            self.table.selectRow(0)
        self._update_buttons()
        self.loaded.emit()

    def merge_selected(self) -> None:
        pair = self.selected()
        if pair is None:
            return
        # The older card is kept: its id is the one printed and known.
        self.merge_dialog = MergeDialog(self.db, self.runner, pair.first, pair.second, self.library, self)
        self.merge_dialog.merged.connect(self._merged)
        self.merge_dialog.open()

    def _merged(self, result: Any) -> None:
        self.last_merge = result.merge
        self.undo_button.setEnabled(True)
        self.changed.emit()
        self.reload()

    def mark_different(self) -> None:
        pair = self.selected()
        if pair is None:
            return

        db, first, second = self.db, pair.first, pair.second
        self._run(lambda: mark_not_duplicate(db, first, second), lambda _r: self.reload())

    def undo_last(self) -> None:
        if self.last_merge is None:
            return

        db, merge = self.db, self.last_merge
        self.undo_button.setEnabled(False)

        def done(result: Any) -> None:
            self.last_merge = None
            self.undone.emit(result)
            self.changed.emit()
            self.reload()

        self._run(lambda: undo_merge(db, merge), done)

    def _failed(self, exc: BaseException, _details: str) -> None:
        self.undo_button.setEnabled(self.last_merge is not None)
        prompts.show_error(self, self.tr("Possible duplicates"), say(exc))
