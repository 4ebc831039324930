"""The wizard's preview page: the first rows, the header row found (or chosen), and what the first
read of the whole file found."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from guestcard.gui.i18n import fill
from guestcard.gui.import_wizard.jobs import PREVIEW_ROWS, Analysis, Preview, analysis_job
from guestcard.gui.models import GridModel

if TYPE_CHECKING:
    from guestcard.gui.import_wizard.wizard import ImportWizard

class PreviewPage(QWizardPage):
    """The first rows as they are in the file, the detected header row highlighted."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.grid = GridModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.grid)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setDefaultSectionSize(110)
        self.header_row = QSpinBox(self)
        self.header_row.setObjectName("headerRow")
        self.header_row.setRange(0, PREVIEW_ROWS)  # 0: none found (yet)
        self.header_row.setSpecialValueText("—")
        self.header_row.valueChanged.connect(self._header_changed)
        self.view.doubleClicked.connect(self._row_picked)
        self.header_label = QLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.hide()
        row = QHBoxLayout()
        row.addWidget(self.header_label)
        row.addWidget(self.header_row)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        self._task: Any = None
        self._ready = False
        self._quiet = False
        self._shown = ""  # the sheet the grid shows
        self._generation = 0  # answers of an analysis started before the latest one are dropped
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Preview"))
        self.setSubTitle(self.tr("The first rows of the sheet. The row that names the columns is highlighted."))
        self.header_label.setText(self.tr("Header row:"))
        self.progress.setFormat(self.tr("row %v of %m"))
        self.header_row.setWhatsThis(self.tr("The row that names the columns. Type its number, or double-click "
                                             "the row in the table."))

    def preview_sheet(self) -> str:
        return self.wiz.sheet or self.wiz.first_sheet_with_header() or self.wiz.sheets[0]

    def initializePage(self) -> None:
        self._ready = False
        self.wiz.analysis = None
        self.wiz.header_row = None
        self.grid.set_rows([])
        self.grid.set_header_row(None)
        self._quiet = True
        self.header_row.setValue(0)
        self._quiet = False
        self._shown = ""
        self.analyse(None)

    def analyse(self, header_row: int | None) -> None:
        self._ready = False
        self.completeChanged.emit()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Reading the file…"))
        if self._task is not None and self._task.running:
            self._task.cancel()
        preview = None if self._shown else self.wiz.sheet or self.wiz.sheets[0]
        self._generation += 1
        generation = self._generation

        def current(handler: Any) -> Any:
            return lambda *args: handler(*args) if generation == self._generation else None

        self._task = self.wiz.runner.start(
            analysis_job(self.wiz.path, self.wiz.library, self.wiz.sheet, header_row, preview),
            on_result=current(self._analysed),
            on_error=current(self._failed),
            on_progress=current(self._progress),
            on_partial=current(self._preview),
        )

    def _preview(self, preview: Preview) -> None:
        self._shown = preview.sheet
        self.grid.set_rows(preview.rows)
        self.grid.set_header_row(None)

    def _progress(self, done: int, total: int | None, _text: str) -> None:
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _failed(self, exc: BaseException, _details: str) -> None:
        self.progress.hide()
        text = getattr(exc, "reason", None) or str(exc)
        if self.wiz.sheet is not None:
            text += "\n" + self.tr("Choose the row that names the columns in “Header row”, or double-click it.")
        self.status.setText(text)
        self.wiz.analysis = None
        self.completeChanged.emit()

    def _row_picked(self, index: Any) -> None:
        if self.wiz.sheet is not None and index.isValid():
            self.header_row.setValue(self.grid.row_number(index.row()))

    def _analysed(self, analysis: Analysis) -> None:
        self.progress.hide()
        self.wiz.analysis = analysis
        info = self.wiz.sheet_info(self.preview_sheet())
        number = info.header_row if info is not None else None
        self.grid.set_header_row(number)
        self._quiet = True
        if number is not None:
            self.header_row.setValue(number)
        self._quiet = False
        # One header row for every sheet would be wrong: it is chosen for one sheet at a time.
        self.header_row.setEnabled(self.wiz.sheet is not None)
        self.header_row.setToolTip("" if self.wiz.sheet is not None else
                                   self.tr("Pick one sheet on the previous page to choose its header row."))
        sheets = [s for s in analysis.summary.sheets if s.header_row is not None] if analysis.summary else []
        text = self.tr("%1 guests found on %2 sheet(s); %3 rows have problems (shown after the next step).")
        text = fill(text, analysis.rows, len(sheets), analysis.errors + analysis.warnings)
        if info is not None and info.note == "no column is the name":
            text += "\n" + fill(self.tr("No column of row %1 is the guests' name: choose it on the next page."),
                                str(number))
        skipped = [s for s in analysis.summary.sheets if s.header_row is None] if analysis.summary else []
        if skipped:
            text += "\n" + fill(self.tr("Not read (no guest header found): %1"), ", ".join(s.name for s in skipped))
        self.status.setText(text)
        if number is not None:
            row = next((r for r in range(self.grid.rowCount()) if self.grid.row_number(r) == number), 0)
            self.view.scrollTo(self.grid.index(row, 0))
        self._ready = True
        self.completeChanged.emit()

    def _header_changed(self, value: int) -> None:
        if self._quiet or self.wiz.sheet is None or value < 1:
            return
        self.grid.set_header_row(value)
        self.analyse(value)

    def isComplete(self) -> bool:
        return self._ready and self.wiz.analysis is not None

    def cleanupPage(self) -> None:
        """Back: the reading still going is stopped."""
        self._generation += 1
        if self._task is not None and self._task.running:
            self._task.cancel()

    def validatePage(self) -> bool:
        value = self.header_row.value()
        self.wiz.header_row = value if self.wiz.sheet is not None and value > 0 else None
        return True

