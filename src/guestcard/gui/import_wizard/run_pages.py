"""The wizard's last pages: the duplicate policy, the import itself (progress, Cancel) and the
summary with "Undo this import"."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from guestcard.gui.i18n import fill
from guestcard.gui.import_wizard.jobs import import_job, undo_job
from guestcard.gui.messages import say

if TYPE_CHECKING:
    from guestcard.gui.import_wizard.wizard import ImportWizard

class DuplicatesPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.group = QButtonGroup(self)
        self.update_button = QRadioButton(self)
        self.skip_button = QRadioButton(self)
        self.new_button = QRadioButton(self)
        self.update_button.setChecked(True)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explain)
        for policy, button in (("update", self.update_button), ("skip", self.skip_button),
                               ("new", self.new_button)):
            button.setObjectName(f"duplicates_{policy}")
            self.group.addButton(button)
            layout.addWidget(button)
        layout.addStretch(1)
        self.setCommitPage(True)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Guests you already have"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("Import"))
        self.explain.setText(self.tr("A row is a guest you already have when the mobile number is the same, "
                                     "or the name and the company or birthday are."))
        self.update_button.setText(self.tr("Update their cards: fill in what they lack; values that differ as "
                                           "chosen on the trial run (kept, or replaced); nothing is blanked"))
        self.skip_button.setText(self.tr("Leave their cards alone (skip those rows)"))
        self.new_button.setText(self.tr("Make a new card for every row"))

    def policy(self) -> str:
        if self.skip_button.isChecked():
            return "skip"
        if self.new_button.isChecked():
            return "new"
        return "update"

    def validatePage(self) -> bool:
        self.wiz.duplicates = self.policy()
        return True


class RunPage(QWizardPage):
    """The import itself, with a progress bar; the wizard's Cancel stops it (nothing is written)."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(self.progress)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.cancel_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.task: Any = None
        self.report: Any = None
        self.cancelled = False
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Importing"))
        self.progress.setFormat(self.tr("row %v of %m"))
        self.cancel_button.setText(self.tr("Cancel the import"))

    def initializePage(self) -> None:
        self.report = None
        self.cancelled = False
        self.label.setText(fill(self.tr("Importing %1… (a backup of the guest file was made first)"),
                                self.wiz.path.name))
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self.task = self.wiz.runner.start(
            import_job(self.wiz.db, self.wiz.library, self.wiz.path, self.wiz.options(dry_run=False)),
            on_result=self._done,
            on_error=self._failed,
            on_progress=self._progress,
            on_cancel=self._cancelled,
        )

    def running(self) -> bool:
        return self.task is not None and self.task.running

    def cancel(self) -> None:
        if self.running():
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Stopping… nothing will be written."))
            self.task.cancel()

    def _progress(self, done: int, total: int | None, _text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _cancelled(self) -> None:
        self.cancelled = True
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.label.setText(self.tr("The import was cancelled. Nothing was written."))
        self.cancel_button.setEnabled(False)
        self.wiz.importCancelled.emit()
        self.completeChanged.emit()

    def _failed(self, exc: BaseException, _details: str) -> None:
        self.progress.setRange(0, 1)
        self.label.setText(fill(self.tr("The import failed, nothing was written: %1"), say(exc)))
        self.cancel_button.setEnabled(False)
        self.wiz.importFailed.emit(say(exc))
        self.completeChanged.emit()

    def _done(self, report: Any) -> None:
        self.report = report
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.cancel_button.setEnabled(False)
        self.wiz.report = report
        self.wiz.imported.emit(report)
        self.completeChanged.emit()
        if self.wiz.currentPage() is self:
            self.wiz.next()

    def isComplete(self) -> bool:
        return self.report is not None


class SummaryPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.undo_button = QPushButton(self)
        self.undo_button.setObjectName("undoImport")
        self.undo_button.clicked.connect(self.undo)
        self.undo_text = QLabel(self)
        self.undo_text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        row = QHBoxLayout()
        row.addWidget(self.undo_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.undo_text)
        layout.addStretch(1)
        self.undo_task: Any = None
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Done"))
        self.undo_button.setText(self.tr("Undo this import"))

    def initializePage(self) -> None:
        report = self.wiz.report
        self.undo_text.clear()
        if report is None:
            return
        errors = sum(1 for e in report.errors if e.level == "error")
        text = self.tr("%1 new guests, %2 cards updated, %3 rows unchanged or skipped, %4 rows not imported "
                       "(errors).")
        for placeholder, value in (("%1", report.imported), ("%2", report.updated), ("%3", report.skipped),
                                   ("%4", errors)):
            text = text.replace(placeholder, str(value))
        warnings = len(report.errors) - errors
        if warnings:
            text += "\n" + fill(self.tr("%1 values could not be read: each is kept as text on its card (see the trial "
                                         "run's list)."), warnings)
        if len(report.sheets) > 1:
            for sheet in report.sheets:
                text += "\n" + fill(self.tr("Sheet %1: %2 new, %3 updated."), sheet.name, str(sheet.imported),
                                    str(sheet.updated))
        self.text.setText(text)
        self.undo_button.setEnabled(report.batch is not None and bool(report.imported or report.updated))

    def undo(self) -> None:
        report = self.wiz.report
        if report is None or report.batch is None:
            return
        self.undo_button.setEnabled(False)
        self.undo_text.setText(self.tr("Undoing…"))
        self.undo_task = self.wiz.runner.start(
            undo_job(self.wiz.db, report.batch, self.wiz.settings.backup_dir()),
            on_result=self._undone,
            on_error=lambda exc, _d: self.undo_text.setText(say(exc)),
        )

    def _undone(self, result: Any) -> None:
        text = (fill(self.tr("Undone: %1 new guests removed, %2 cards put back as they were."), str(result.removed),
                     str(result.restored)))
        if result.kept:
            text += "\n" + fill(self.tr("%1 cards worked on since the import were left as they are."),
                                str(len(result.kept)))
        self.undo_text.setText(text)
        self.wiz.undone.emit(result)

