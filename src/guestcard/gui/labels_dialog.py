"""File ▸ Address labels…: the chosen customers' labels on a sticker sheet, with a preview of the
first page; saved as a PDF to print on the sheets. The labels are made on the background runner
(``guestcard.services.mailing``)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import prompts
from guestcard.gui.i18n import fill, ui_lang
from guestcard.gui.messages import say
from guestcard.gui.print_pages import rasterise
from guestcard.gui.worker import Step, TaskRunner

if TYPE_CHECKING:
    from guestcard.settings import Settings
    from guestcard.storage import CustomerFilter, Database

SHEET_CHOICES = ("A4-3x8", "A4-3x7", "A4-2x7", "custom")


def labels_job(db: Database, out: Path, sheet_text: str, ids: Sequence[int] | None, flt: CustomerFilter | None,
               lang: str, folder: Path) -> Any:
    def job(_cancel: Any) -> Iterator[Any]:
        # lazy: io and reportlab load in the job, off the GUI thread
        from guestcard.services.mailing import parse_sheet, print_labels

        yield Step(0, None)
        report = print_labels(db, out, parse_sheet(sheet_text), ids=ids, flt=flt, lang=lang)
        images = rasterise(out, folder, 50, last_page=1)
        yield report, images

    return job


class LabelsDialog(QDialog):
    made = Signal(object)  # the LabelReport of the latest preview

    def __init__(self, db: Database, runner: TaskRunner, settings: Settings, *, list_filter: CustomerFilter | None,
                 selected: Sequence[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.runner, self.settings = db, runner, settings
        self.list_filter, self.selected = list_filter, list(selected)
        self.folder = Path(tempfile.mkdtemp(prefix="guestcard-labels-"))
        self.pdf = self.folder / "labels.pdf"
        self.report: Any = None
        self._task: Any = None
        self.sheet = QComboBox(self)
        self.who = QComboBox(self)
        self.preview_label = QLabel(self)
        self.preview_label.setMinimumSize(300, 420)
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.save_button.clicked.connect(self.ask_save)
        self.close_button.clicked.connect(self.reject)
        self.sheet_caption = QLabel(self)
        self.who_caption = QLabel(self)
        self.form = QFormLayout()
        self.form.addRow(self.sheet_caption, self.sheet)
        self.form.addRow(self.who_caption, self.who)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.preview_label, 1)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        self.retranslate()
        self.sheet.currentIndexChanged.connect(self.preview)
        self.who.currentIndexChanged.connect(self.preview)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Address labels"))
        self.sheet_caption.setText(self.tr("Label sheet"))
        self.who_caption.setText(self.tr("Customers"))
        current_sheet, current_who = self.sheet.currentIndex(), self.who.currentIndex()
        self.sheet.blockSignals(True)
        self.who.blockSignals(True)
        self.sheet.clear()
        for key in SHEET_CHOICES:
            self.sheet.addItem(self.tr("Custom (from the settings)") if key == "custom" else key, key)
        self.who.clear()
        self.who.addItem(self.tr("The customers of the list"), "list")
        if self.selected:
            self.who.addItem(fill(self.tr("The selected customers (%1)"), len(self.selected)), "selected")
        self.who.addItem(self.tr("Everyone"), "all")
        self.sheet.setCurrentIndex(max(current_sheet, 0))
        self.who.setCurrentIndex(max(current_who, 0))
        self.sheet.blockSignals(False)
        self.who.blockSignals(False)
        self.save_button.setText(self.tr("Save PDF…"))
        self.close_button.setText(self.tr("Close"))

    def sheet_text(self) -> str:
        key = self.sheet.currentData()
        return self.settings.custom_label_sheet if key == "custom" else str(key)

    def preview(self) -> None:
        if self._task is not None and self._task.running:
            self._task.cancel()
        who = self.who.currentData()
        ids = self.selected if who == "selected" else None
        flt = self.list_filter if who == "list" else None
        self.summary.setText(self.tr("Making the labels…"))
        self.save_button.setEnabled(False)
        self._task = self.runner.start(
            labels_job(self.db, self.pdf, self.sheet_text(), ids, flt, ui_lang(), self.folder),
            on_result=self._shown, on_error=self._failed,
        )

    def _shown(self, result: tuple[Any, list[Path]]) -> None:
        self.report, images = result
        if images:
            self.preview_label.setPixmap(QPixmap(str(images[0])).scaled(
                self.preview_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        text = fill(self.tr("%1 labels"), self.report.labels)
        if self.report.without_address:
            text += " · " + fill(self.tr("%1 without an address left out"), len(self.report.without_address))
        self.summary.setText(text)
        self.save_button.setEnabled(True)
        self.made.emit(self.report)

    def _failed(self, exc: BaseException, _details: str) -> None:
        self.report = None
        self.preview_label.clear()
        self.summary.setText(say(exc))
        self.save_button.setEnabled(False)

    def ask_save(self) -> None:
        if self.report is None:
            return
        path = prompts.save_file(self, self.tr("Save the labels"), self.tr("PDF (*.pdf)"), "labels.pdf")
        if path is None:
            return
        shutil.copyfile(self.pdf, path)
        self.summary.setText(fill(self.tr("Saved to %1"), path))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self.report is None and (self._task is None or not self._task.running):
            self.preview()

    def done(self, result: int) -> None:
        if self._task is not None and self._task.running:
            self._task.cancel()
        shutil.rmtree(self.folder, ignore_errors=True)
        super().done(result)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
