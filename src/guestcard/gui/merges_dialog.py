"""Customer ▸ Merges…: every merge made (when, by whom, the card kept, the card merged into it, the
fields taken from it), and Undo for the one chosen — any earlier merge, not only the last.

Undo is ``services.merging.undo_merge`` (as ``guestcard undo-merge ID``): both cards back as they
were. One that can no longer be undone (undone already, the kept card merged away or deleted since,
the merged card's number taken again) is refused with the reason, and nothing changes.
"""

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

from guestcard.gui import prompts
from guestcard.gui.i18n import fill
from guestcard.gui.merge_dialog import field_label
from guestcard.gui.messages import say
from guestcard.gui.models import Column, RecordsModel
from guestcard.gui.worker import Step, TaskRunner
from guestcard.services.merging import list_merges, merged_at_text, undo_merge

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.storage import Database


def _when(info: Any) -> str:
    return merged_at_text(info)


def _state(info: Any) -> str:
    if info.undone_at is None:
        return QCoreApplication.translate("MergesDialog", "merged")
    return fill(QCoreApplication.translate("MergesDialog", "undone on %1"), f"{info.undone_at:%Y-%m-%d %H:%M}")


def merge_columns(library: FormLibrary | None) -> tuple[Column, ...]:
    return (
        Column("id", QT_TRANSLATE_NOOP("models", "Merge"), lambda m: m.id, align_right=True),
        Column("when", QT_TRANSLATE_NOOP("models", "Merged"), _when),
        Column("by", QT_TRANSLATE_NOOP("models", "By"), lambda m: m.by or ""),
        Column("kept", QT_TRANSLATE_NOOP("models", "Card kept"), lambda m: f"#{m.keep_id}"),
        Column("other", QT_TRANSLATE_NOOP("models", "Card merged into it"),
               lambda m: f"#{m.other_id} {m.other_name}".strip()),
        Column("took", QT_TRANSLATE_NOOP("models", "Fields taken from it"),
               lambda m: "、".join(field_label(library, key) for key in m.took), tooltip=True),
        Column("state", QT_TRANSLATE_NOOP("models", "State"), _state),
    )


class MergesDialog(QDialog):
    """``undone`` (the undo's counts) after a merge was undone: the window reloads its lists."""

    undone = Signal(object)
    loaded = Signal()

    def __init__(self, db: Database, runner: TaskRunner, library: FormLibrary | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergesDialog")
        self.db, self.runner = db, runner
        self.setWindowTitle(self.tr("Merges"))
        self.resize(860, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self.tr("Reading the merges…"), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.model = RecordsModel(merge_columns(library), parent=self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("Undo this merge…"), self)
        self.undo_button.setObjectName("undoChosenMerge")
        self.undo_button.clicked.connect(self.undo_selected)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        row.addWidget(self.undo_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_button())
        self._update_button()
        self.reload()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def _update_button(self) -> None:
        chosen = self.selected()
        self.undo_button.setEnabled(chosen is not None and chosen.undone_at is None)

    def _run(self, work: Any, on_result: Any, *, reading: bool = False) -> None:
        def job(_cancel: Any) -> Iterator[Any]:
            yield Step(0, None)
            yield work()

        on_error = self._read_failed if reading else self._failed
        self.runner.start(job, on_result=on_result, on_error=on_error, reading_only=reading)

    def reload(self) -> None:
        db = self.db
        self._run(lambda: list_merges(db), self._show, reading=True)

    def _show(self, merges: list[Any]) -> None:
        chosen = self.selected()
        self.model.set_records(merges)
        open_ = sum(1 for m in merges if m.undone_at is None)
        self.summary.setText(fill(
            self.tr("%1 merges, %2 of them not undone. Choose one and undo it: both cards are back as they were."),
            len(merges),
            open_,
        ) if merges else self.tr("No cards have been merged yet."))
        self.table.resizeColumnsToContents()  # the dates and card numbers whole; the fields taken stretch
        ids = [m.id for m in merges]
        if chosen is not None and chosen.id in ids:
            self.table.selectRow(ids.index(chosen.id))
        self._update_button()
        self.loaded.emit()

    def undo_selected(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.undone_at is not None:
            return
        question = fill(
            self.tr("Undo merge %1? Card #%2 is a card of its own again, and what it brought moves back from #%3."),
            chosen.id,
            chosen.other_id,
            chosen.keep_id,
        )
        if not prompts.confirm(self, self.tr("Merges"), question, ok_text=self.tr("Undo merge")):
            return

        db, merge_id = self.db, chosen.id
        self.undo_button.setEnabled(False)

        def done(result: Any) -> None:
            self.undone.emit(result)
            self.reload()

        self._run(lambda: undo_merge(db, merge_id), done)

    def _read_failed(self, exc: BaseException, _details: str) -> None:
        prompts.show_error(self, self.tr("Merges"), say(exc))

    def _failed(self, exc: BaseException, _details: str) -> None:
        self._update_button()
        prompts.show_error(self, self.tr("Merges"),
                           fill(self.tr("This merge cannot be undone: %1"), say(exc)))
        self.reload()
