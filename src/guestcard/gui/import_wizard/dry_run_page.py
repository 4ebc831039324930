"""The wizard's trial run page: the import tried without writing, its problems and what it would
change on the cards you have."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from guestcard.gui import prompts
from guestcard.gui.i18n import fill
from guestcard.gui.import_changes import change_color, change_columns
from guestcard.gui.import_wizard.issues import ISSUE_COLUMNS, _csv_safe, _issue_color
from guestcard.gui.import_wizard.jobs import import_job
from guestcard.gui.messages import say
from guestcard.gui.models import RecordsModel

if TYPE_CHECKING:
    from guestcard.gui.import_wizard.wizard import ImportWizard

class DryRunPage(QWizardPage):
    """The import tried without writing: how many would be added or updated, and every problem."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.issues = RecordsModel(ISSUE_COLUMNS, (), self)
        self.issues.row_colors = _issue_color
        self.view = QTableView(self)
        self.view.setObjectName("issuesTable")
        self.view.setModel(self.issues)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setWordWrap(False)
        for column, width in enumerate((90, 50, 110, 60)):
            self.view.setColumnWidth(column, width)
        self.save_button = QPushButton(self)
        self.save_button.setObjectName("saveProblems")
        self.save_button.clicked.connect(self.save_problems)
        self.save_button.hide()
        # What the import does to the cards you have, field by field, and whether the sheet may replace.
        self.changes_label = QLabel(self)
        self.changes_label.setWordWrap(True)
        self.changes = RecordsModel(change_columns(wizard.library), (), self)
        self.changes.row_colors = change_color
        self.changes_view = QTableView(self)
        self.changes_view.setObjectName("changesTable")
        self.changes_view.setModel(self.changes)
        self.changes_view.verticalHeader().hide()
        self.changes_view.horizontalHeader().setStretchLastSection(True)
        self.changes_view.setWordWrap(False)
        for column, width in enumerate((90, 50, 110, 150, 150)):
            self.changes_view.setColumnWidth(column, width)
        self.overwrite = QCheckBox(self)
        self.overwrite.setObjectName("overwriteValues")
        self.overwrite.toggled.connect(self._overwrite_toggled)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.progress)
        layout.addWidget(self.view, 2)
        layout.addLayout(buttons)
        layout.addWidget(self.changes_label)
        layout.addWidget(self.changes_view, 2)
        layout.addWidget(self.overwrite)
        self.report: Any = None
        self._task: Any = None
        self._generation = 0
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Trial run"))
        self.save_button.setText(self.tr("Save the list of problems…"))
        self.progress.setFormat(self.tr("row %v of %m"))
        self.setSubTitle(self.tr("The import is tried without writing anything. Rows with errors are not "
                                 "imported; warnings keep the row and the text that could not be read."))
        self.overwrite.setText(self.tr("Replace the values of cards I have with the sheet's where they differ"))
        self.overwrite.setToolTip(self.tr("Without this, a card keeps what it says; the sheet only fills in "
                                          "what the card lacks, and its other values are noted in the card's "
                                          "history."))
        self.issues.retranslate()
        self.changes.retranslate()
        self._show_changes()

    def save_problems(self) -> Path | None:
        """The problems as a CSV file Excel opens (UTF-8 with BOM), to fix the sheet with."""
        import csv

        suggested = self.wiz.path.with_name(self.wiz.path.stem + "-problems.csv")
        path = prompts.save_file(self, self.tr("Save the list of problems"), self.tr("CSV (*.csv)"), str(suggested))
        if path is None:
            return None
        path = path if path.suffix.lower() == ".csv" else path.with_suffix(".csv")
        try:
            with path.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.writer(handle)
                writer.writerow([self.issues.headerData(c, Qt.Orientation.Horizontal)
                                 for c in range(self.issues.columnCount())])
                for row in range(self.issues.rowCount()):
                    writer.writerow([_csv_safe(str(self.issues.index(row, c).data() or ""))
                                     for c in range(self.issues.columnCount())])
        except OSError as exc:
            prompts.warn(self, self.tr("Trial run"), fill(self.tr("%1 could not be written: %2"), str(path),
                                                          exc.strerror or str(exc)))
            return None
        return path

    def _overwrite_toggled(self, checked: bool) -> None:
        if self.wiz.overwrite != checked:
            self.wiz.overwrite = checked
            self.initializePage()  # tried again: the list shows what will happen now

    def _show_changes(self) -> None:
        report = self.report
        changes = report.changes if report is not None else []
        self.changes.set_records(changes)
        self.changes_view.setVisible(bool(changes))
        self.overwrite.setVisible(bool(changes) or self.overwrite.isChecked())
        if report is None or not changes:
            self.changes_label.setText("")
            return
        kept = sum(1 for c in changes if c.action == "keep")
        text = self.tr("Cards you already have: %1 values filled in or replaced, %2 kept as the card has "
                       "them (the sheet says otherwise).")
        self.changes_label.setText(fill(text, str(len(changes) - kept), str(kept)))

    def initializePage(self) -> None:
        self.report = None
        self.issues.set_records([])
        self._show_changes()
        self.save_button.hide()
        self.summary.setText(self.tr("Reading and checking every row…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cleanupPage()
        self._generation += 1
        generation = self._generation

        def current(handler: Any) -> Any:  # a trial run left by Back answers no more
            return lambda *args: handler(*args) if generation == self._generation else None

        self._task = self.wiz.runner.start(
            import_job(self.wiz.db, self.wiz.library, self.wiz.path, self.wiz.options(dry_run=True)),
            on_result=current(self._done),
            on_error=current(self._failed),
            on_progress=current(self._progress),
        )

    def cleanupPage(self) -> None:
        """Back: the trial run still going is stopped."""
        self._generation += 1
        if self._task is not None and self._task.running:
            self._task.cancel()

    def _progress(self, done: int, total: int | None, _text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _failed(self, exc: BaseException, _details: str) -> None:
        self.progress.hide()
        self.summary.setText(say(exc))
        self.completeChanged.emit()

    def _done(self, report: Any) -> None:
        self.progress.hide()
        self.report = report
        self.issues.set_records(report.errors)
        self.save_button.setVisible(bool(report.errors))
        errors = sum(1 for e in report.errors if e.level == "error")
        warnings = len(report.errors) - errors
        text = self.tr("%1 rows: %2 new guests, %3 cards updated, %4 unchanged. %5 errors, %6 warnings.")
        for placeholder, value in (("%1", report.rows), ("%2", report.imported), ("%3", report.updated),
                                   ("%4", report.skipped), ("%5", errors), ("%6", warnings)):
            text = text.replace(placeholder, str(value))
        if report.history is not None:
            text += "\n" + fill(self.tr("From the export's own sheets: %1 visits and %2 contacts added (%3 already on "
                                         "the cards). Relations between guests are not in an export and are not "
                                         "restored."),
                                 report.history.visits, report.history.contacts, report.history.present)
        self.summary.setText(text)
        self._show_changes()
        self.wiz.dryRunFinished.emit(report)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.report is not None

