"""The Export dialog: which customers, which card's fields, language, confidential or not → xlsx.

The workbook is written by the export service off the GUI thread (to a temporary name, then
renamed: a failed export leaves nothing half-written).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import prompts
from guestcard.gui.i18n import fill, ui_lang
from guestcard.gui.messages import say
from guestcard.gui.models import ListFilter
from guestcard.gui.worker import Step, TaskRunner

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.settings import Settings
    from guestcard.storage import Database


def export_job(db: Database, library: FormLibrary, out: Path, *, ids: Sequence[int] | None,
               list_filter: ListFilter | None, form_id: str | None, lang: str, confidential: bool) -> Any:
    def job(task: Any) -> Iterator[Any]:
        # lazy: io and reportlab load in the job, off the GUI thread
        from guestcard.services.exporting import export_customer_ids, export_customers

        def progress(stage: str, done: int, total: int | None) -> None:
            task.report(Step(done, total, stage))  # raises once the user cancelled: no file is left

        yield Step(0, None, "reading")
        if ids is not None:
            yield export_customer_ids(db, library, out, ids, form_id=form_id, lang=lang,
                                      include_confidential=confidential, progress=progress)
        else:
            flt = (list_filter or ListFilter()).to_service()
            yield export_customers(db, library, out, flt, form_id=form_id, lang=lang,
                                   include_confidential=confidential, progress=progress)

    return job


class ExportDialog(QDialog):
    exported = Signal(int, str)  # customers written, the file
    failed = Signal(str)

    def __init__(self, db: Database, library: FormLibrary, runner: TaskRunner, settings: Settings, *,
                 list_filter: ListFilter | None = None, selected: Sequence[int] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.db, self.library, self.runner, self.settings = db, library, runner, settings
        self.list_filter = list_filter or ListFilter()
        self.selected = list(selected)
        self.task: Any = None
        self.everyone = QRadioButton(self)
        self.filtered = QRadioButton(self)
        self.chosen = QRadioButton(self)
        self.who = QButtonGroup(self)
        for button in (self.everyone, self.filtered, self.chosen):
            self.who.addButton(button)
        self.filtered.setEnabled(not self.list_filter.is_everyone)
        self.chosen.setEnabled(bool(self.selected))
        (self.chosen if self.selected else self.filtered if not self.list_filter.is_everyone
         else self.everyone).setChecked(True)
        self.form = QComboBox(self)
        self.language = QComboBox(self)
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if settings.language == "zh" else 1)
        self.confidential = QCheckBox(self)
        self.path = QLineEdit(self)
        self.path.setObjectName("exportPath")
        folder = Path.home() / "Documents"
        folder = folder if folder.is_dir() else Path.home()
        self.path.setText(str(folder / f"guests-{dt.date.today():%Y%m%d}.xlsx"))
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("stopExport")
        self.stop_button.clicked.connect(self.stop)
        self.progress.hide()
        self.stop_button.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.labels = [QLabel(self) for _ in range(5)]
        who = QVBoxLayout()
        for button in (self.everyone, self.filtered, self.chosen):
            who.addWidget(button)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.labels[0], who)
        form.addRow(self.labels[1], self.form)
        form.addRow(self.labels[2], self.language)
        form.addRow(self.labels[3], self.confidential)
        form.addRow(self.labels[4], path_row)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setObjectName("openExport")
        self.open_button.hide()
        self.open_button.clicked.connect(self.open_result)
        self.written: Path | None = None
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.setDefault(True)  # Enter exports
        self.export_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stop_button)
        layout.addLayout(progress_row)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(620, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export to Excel"))
        for label, text in zip(self.labels, (self.tr("Customers"), self.tr("Fields"), self.tr("Language"),
                                             self.tr("Confidential"), self.tr("File")), strict=True):
            label.setText(text)
        self.everyone.setText(self.tr("Every customer"))
        self.filtered.setText(self.tr("The customers the list shows now (search and filters)"))
        self.chosen.setText(fill(self.tr("The selected customers (%1)"), len(self.selected)))
        current = self.form.currentData()
        self.form.clear()
        self.form.addItem(self.tr("Every field of every card"), None)
        for form in self.library.forms.values():
            self.form.addItem(form.title.text(ui_lang()), form.id)
        self.form.setCurrentIndex(max(0, self.form.findData(current)) if current else 0)
        self.confidential.setText(self.tr("Include confidential fields (manager's copy)"))
        self.browse.setText(self.tr("Choose…"))
        self.export_button.setText(self.tr("Export"))
        self.open_button.setText(self.tr("Open in Excel"))
        self.stop_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _browse(self) -> None:
        path = prompts.save_file(self, self.tr("Export to"), self.tr("Excel workbook (*.xlsx)"), self.path.text())
        if path is not None:
            self.path.setText(str(path))

    def target(self) -> Path:
        path = Path(self.path.text().strip()).expanduser()
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    def start(self) -> None:
        out = self.target()
        if not out.parent.is_dir():
            self.status.setText(fill(self.tr("The folder %1 does not exist."), out.parent))
            return
        ids = self.selected if self.chosen.isChecked() else None
        flt = self.list_filter if self.filtered.isChecked() else None
        self.export_button.setEnabled(False)
        self.open_button.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop_button.setEnabled(True)
        self.stop_button.show()
        self.status.setText(self.tr("Reading the customers…"))
        self.task = self.runner.start(
            export_job(self.db, self.library, out, ids=ids, list_filter=flt, form_id=self.form.currentData(),
                       lang=str(self.language.currentData()), confidential=self.confidential.isChecked()),
            on_result=lambda count: self._done(count, out),
            on_error=self._failed,
            on_progress=lambda done, total, stage: self._progress(done, total, stage, out),
            on_cancel=self._cancelled,
        )

    def running(self) -> bool:
        return self.task is not None and self.task.running

    def stop(self) -> None:
        if self.running():
            self.stop_button.setEnabled(False)
            self.status.setText(self.tr("Stopping… no file will be written."))
            self.task.cancel()

    def _progress(self, done: int, total: int | None, stage: str, out: Path) -> None:
        if stage != "writing" or not total:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(fill(self.tr("Writing %1 of %2 customers to %3…"), f"{done:,}", f"{total:,}", out.name))

    def _idle(self) -> None:
        self.progress.hide()
        self.stop_button.hide()
        self.export_button.setEnabled(True)

    def _cancelled(self) -> None:
        self._idle()
        self.status.setText(self.tr("Export cancelled; no file was written."))

    def done(self, result: int) -> None:
        """Closing the dialog stops an export still running (nothing is left behind)."""
        if self.running():
            self.task.cancel()
        super().done(result)

    def open_result(self) -> None:
        """The workbook just written, in the program the system opens .xlsx files with."""

        if self.written is not None and self.written.is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written)))

    def _done(self, count: int, out: Path) -> None:
        self._idle()
        self.written = out
        self.open_button.show()
        self.status.setText(fill(self.tr("%1 customers written to %2"), count, out))
        self.exported.emit(count, str(out))

    def _failed(self, exc: BaseException, _details: str) -> None:
        self._idle()
        self.status.setText(fill(self.tr("Not exported: %1"), say(exc)))
        self.failed.emit(say(exc))
