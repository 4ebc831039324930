"""The import wizard itself: its pages in order, the state they share, closing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from guestcard.gui.import_wizard.dry_run_page import DryRunPage
from guestcard.gui.import_wizard.file_pages import FilePage, SheetPage
from guestcard.gui.import_wizard.jobs import Analysis
from guestcard.gui.import_wizard.mapping_page import MappingPage
from guestcard.gui.import_wizard.preview_page import PreviewPage
from guestcard.gui.import_wizard.run_pages import DuplicatesPage, RunPage, SummaryPage
from guestcard.gui.worker import TaskRunner

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.settings import Settings
    from guestcard.storage import Database

class ImportWizard(QWizard):
    imported = Signal(object)  # the ImportReport, after a real import
    undone = Signal(object)
    dryRunFinished = Signal(object)
    importCancelled = Signal()
    importFailed = Signal(str)

    def __init__(self, db: Database, library: FormLibrary, runner: TaskRunner, settings: Settings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.db, self.library, self.runner, self.settings = db, library, runner, settings
        self.path = Path()
        self.sheets: list[str] = []
        self.sheet: str | None = None
        self.header_row: int | None = None
        self.analysis: Analysis | None = None
        self.mapping: dict[str, str | None] = {}
        self.duplicates = "update"
        self.overwrite = False  # the sheet's values replace the card's (chosen on the trial run page)
        self.report: Any = None
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.file_page = FilePage(self)
        self.sheet_page = SheetPage(self)
        self.preview_page = PreviewPage(self)
        self.mapping_page = MappingPage(self)
        self.dry_run_page = DryRunPage(self)
        self.duplicates_page = DuplicatesPage(self)
        self.run_page = RunPage(self)
        self.summary_page = SummaryPage(self)
        for page in (self.file_page, self.sheet_page, self.preview_page, self.mapping_page, self.dry_run_page,
                     self.duplicates_page, self.run_page, self.summary_page):
            self.addPage(page)
        self.resize(900, 620)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import guests from a spreadsheet"))

    def open_path(self, path: Path) -> None:
        """Start with this file (dropped on the window, or opened with the program): its sheets are
        listed and the wizard goes on to them by itself."""
        self.file_page.path.setText(str(path))
        if self.currentPage() is self.file_page and self.file_page.isComplete():
            self.next()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            for page_id in self.pageIds():
                page = self.page(page_id)
                retranslate = getattr(page, "retranslate", None)
                if retranslate is not None:
                    retranslate()
        super().changeEvent(event)

    # -- shared state ------------------------------------------------------------------------------

    def sheet_info(self, name: str) -> Any:
        if self.analysis is None or self.analysis.summary is None:
            return None
        return next((s for s in self.analysis.summary.sheets if s.name == name), None)

    def first_sheet_with_header(self) -> str | None:
        if self.analysis is None or self.analysis.summary is None:
            return None
        return next((s.name for s in self.analysis.summary.sheets if s.header_row is not None), None)

    def examples(self) -> dict[str, str]:
        """A value from the preview below the header for each header (the mapping page shows it)."""
        grid = self.preview_page.grid
        header = grid.header_row
        rows = [grid.row_number(r) for r in range(grid.rowCount())]
        if header is None or header not in rows:
            return {}
        position = rows.index(header)
        header_cells = [grid.data(grid.index(position, c)) for c in range(grid.columnCount())]
        found: dict[str, str] = {}
        for column, text in enumerate(header_cells):
            if not text:
                continue
            for r in range(position + 1, grid.rowCount()):
                value = grid.data(grid.index(r, column))
                if value:
                    found[str(text).strip()] = str(value)
                    break
        return found

    def options(self, *, dry_run: bool) -> Any:
        from guestcard.services.importing import ImportOptions

        values: dict[str, Any] = {
            "sheet": self.sheet,
            "mapping": self.mapping or None,
            "duplicates": self.duplicates,
            "overwrite": self.overwrite,
            "dry_run": dry_run,
            "backup_dir": self.settings.backup_dir(),
        }
        if self.header_row is not None:
            values["header_row"] = self.header_row
        return ImportOptions(**values)

    # -- closing -----------------------------------------------------------------------------------

    def reject(self) -> None:
        """Cancel while importing stops the import (the page says when); otherwise closes."""
        if self.run_page.running():
            self.run_page.cancel()
            return
        for task in (self.file_page._task, self.preview_page._task, self.dry_run_page._task):
            if task is not None and task.running:
                task.cancel()
        super().reject()

