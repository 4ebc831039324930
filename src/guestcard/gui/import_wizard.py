"""The import wizard: file → sheet → preview with the header row → column mapping → dry run →
duplicate policy → import (progress, Cancel) → summary with "Undo this import".

Reading, matching and writing are the import service's (``services.importing.import_steps``: one
transaction, a backup first, nothing written unless the whole file was read); the wizard runs it off
the GUI thread through ``TaskRunner`` and shows what it yields. Mappings (header → field) can be
saved as JSON and loaded again (``io.load_mapping`` reads them, as ``guestcard import --mapping``).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from guestcard.gui import prompts
from guestcard.gui.i18n import ui_lang
from guestcard.gui.import_changes import change_color, change_columns
from guestcard.gui.models import Column, GridModel, RecordsModel
from guestcard.gui.worker import Partial, Step, TaskCancelled, TaskRunner

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.settings import Settings
    from guestcard.storage import Database

PREVIEW_ROWS = 30
ERROR_COLOR = QColor("#b3261e")
WARNING_COLOR = QColor("#8a5a00")
IGNORE = "__ignore__"
EXTRA = "extra"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ImportWizard", text)


# --- jobs run off the GUI thread ----------------------------------------------------------------


@dataclass
class Analysis:
    """What a first read of the file found: per sheet its header row and what each column means."""

    summary: Any  # guestcard.io.ReadSummary
    rows: int
    warnings: int
    errors: int


def read_preview(path: Path, sheet: str) -> list[tuple[int, list[str]]]:
    """The first rows of a sheet, each cell as the text a person sees in Excel (``8.0`` → ``8``)."""
    from guestcard.io.coerce import cell_text
    from guestcard.io.readers import open_book

    book = open_book(path)
    try:
        rows = []
        for number, cells in book.load(sheet).rows():
            rows.append((number, [cell_text(cell) for cell in cells]))
            if len(rows) >= PREVIEW_ROWS:
                break
        return rows
    finally:
        with contextlib.suppress(Exception):  # a reader's complaint when closing: nothing to show
            book.close()


def mappings_dir() -> Path:
    """Where mappings are saved by default; the wizard offers the newest that fits a file by itself."""
    from guestcard.paths import user_data_dir

    return user_data_dir() / "mappings"


def fitting_mapping(headers: list[str]) -> tuple[Path, dict[str, str | None]] | None:
    """The newest saved mapping that names every one of ``headers``, if any."""
    from guestcard.io import ImportRefused, load_mapping

    folder = mappings_dir()
    if not headers or not folder.is_dir():
        return None
    wanted = {h.strip() for h in headers}
    for path in sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True):
        try:
            saved = load_mapping(path)
        except ImportRefused:
            continue
        if wanted <= {h.strip() for h in saved}:
            return path, saved
    return None


def sheet_names(path: Path) -> list[str]:
    from guestcard.io.readers import open_book

    book = open_book(path)
    try:
        return list(book.sheet_names)
    finally:
        with contextlib.suppress(Exception):
            book.close()


def sheets_job(path: Path) -> Any:
    def job(_cancel: Any) -> Iterator[Any]:
        yield Step(0, None)
        yield sheet_names(path)

    return job


@dataclass(frozen=True)
class Preview:
    sheet: str
    rows: list[tuple[int, list[str]]]


def analysis_job(path: Path, library: FormLibrary, sheet: str | None, header_row: int | None,
                 preview_sheet: str | None) -> Any:
    """Reads the whole file as the import will (without writing): first ``Partial(Preview)`` of
    ``preview_sheet`` (when given), then progress, then the ``Analysis``. With every sheet chosen,
    the preview of the first sheet that has guests follows when that is another sheet."""

    def job(cancel: Any) -> Iterator[Any]:
        from guestcard.io import ParsedRow, Progress, ReadSummary, RowIssue, read_customers

        if preview_sheet is not None:
            yield Partial(Preview(preview_sheet, read_preview(path, preview_sheet)))
        summary = None
        rows = warnings = errors = 0
        for item in read_customers(path, library, sheet=sheet, header_row=header_row):
            if cancel.is_set():
                raise TaskCancelled
            if isinstance(item, Progress):
                yield Step(item.done, item.total)
            elif isinstance(item, ParsedRow):
                rows += 1
            elif isinstance(item, RowIssue):
                if item.level == "error":
                    errors += 1
                else:
                    warnings += 1
            elif isinstance(item, ReadSummary):
                summary = item
        if sheet is None and summary is not None:
            first = next((s.name for s in summary.sheets if s.header_row is not None), None)
            if first is not None and first != preview_sheet:
                yield Partial(Preview(first, read_preview(path, first)))
        yield Analysis(summary, rows, warnings, errors)

    return job


def import_job(db: Database, library: FormLibrary, path: Path, options: Any) -> Any:
    def job(cancel: Any) -> Iterator[Any]:
        from guestcard.services.importing import import_steps

        yield from import_steps(db, library, path, options, cancelled=cancel.is_set)

    return job


def undo_job(db: Database, batch: int, backup_dir: Path | None) -> Any:
    def job(_cancel: Any) -> Iterator[Any]:
        from guestcard.services.importing import undo_import

        yield Step(0, None)
        yield undo_import(db, batch, backup_dir=backup_dir)

    return job


# The reader's messages (English, the command line's too) → translatable templates, matched whole;
# %1… are the pieces the reader put in. A message not listed here is shown as it is.
_ISSUE_TEMPLATES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), template) for pattern, template in (
        (r"(.+); kept as text, the field left empty", QT_TRANSLATE_NOOP("ImportIssues",
                                                                        "%1; kept as text, the field left empty")),
        (r"the row has no name; not imported", QT_TRANSLATE_NOOP("ImportIssues", "the row has no name; not imported")),
        (r"the cell shows the error (.+); left empty",
         QT_TRANSLATE_NOOP("ImportIssues", "the cell shows the error %1; left empty")),
        (r"the sheet is hidden in the workbook; read anyway",
         QT_TRANSLATE_NOOP("ImportIssues", "the sheet is hidden in the workbook; read anyway")),
        (r"no column of the header row is the name; choose the name column",
         QT_TRANSLATE_NOOP("ImportIssues", "no column of the header row is the name; choose the name column")),
        (r"(.+) is not a real date", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a real date")),
        (r"(.+) is not a date", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a date")),
        (r"cannot read (.+) as a date", QT_TRANSLATE_NOOP("ImportIssues", "cannot read %1 as a date")),
        (r"(.+) is ambiguous as a month and day \((.+) or (.+)\)",
         QT_TRANSLATE_NOOP("ImportIssues", "%1 is ambiguous as a month and day (%2 or %3)")),
        (r"(.+) has (\d+) digits, not a phone number",
         QT_TRANSLATE_NOOP("ImportIssues", "%1 has %2 digits, not a phone number")),
        (r"(.+) is not a possible phone number",
         QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a possible phone number")),
        (r"(.+) is not a phone number", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a phone number")),
        (r"(.+) is not a customer class \(A, B or C\)",
         QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a customer class (A, B or C)")),
        (r"(.+) is not a gender \(男/女, M/F\)", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a gender (男/女, M/F)")),
        (r"(.+) is too large an amount", QT_TRANSLATE_NOOP("ImportIssues", "%1 is too large an amount")),
        (r"(.+) is not an amount \(commas must separate thousands\)",
         QT_TRANSLATE_NOOP("ImportIssues", "%1 is not an amount (commas must separate thousands)")),
        (r"(.+) is not an amount", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not an amount")),
        (r"(.+) is not yes or no", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not yes or no")),
    )
)


def issue_message(text: str) -> str:
    """A reader's message in the window's language (its first piece may itself be a known reason)."""
    for pattern, template in _ISSUE_TEMPLATES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        translated = QCoreApplication.translate("ImportIssues", template)
        pieces = list(match.groups())
        if pieces and template.startswith("%1;"):
            pieces[0] = issue_message(pieces[0])
        for number, piece in enumerate(pieces, start=1):
            translated = translated.replace(f"%{number}", piece)
        return translated
    return text


# Issues the reader gives a code are translated by it, with its pieces (no English to match).
_ISSUE_CODES = {
    "name_not_a_guest": QT_TRANSLATE_NOOP("ImportIssues", "the name “%1” is a date, a number, a section heading or "
                                                          "a placeholder, not a guest; row skipped"),
}


def issue_text(issue: Any) -> str:
    """An issue in the window's language: by its code when it has one, else by its message."""
    template = _ISSUE_CODES.get(issue.code) if getattr(issue, "code", None) else None
    if template is None:
        return issue_message(issue.message)
    text = QCoreApplication.translate("ImportIssues", template)
    for number, piece in enumerate(issue.args, start=1):
        text = text.replace(f"%{number}", piece)
    return text


ISSUE_COLUMNS = (
    Column("sheet", QT_TRANSLATE_NOOP("models", "Sheet"), lambda i: i.sheet),
    Column("row", QT_TRANSLATE_NOOP("models", "Row"), lambda i: "" if i.row is None else i.row, align_right=True),
    Column("column", QT_TRANSLATE_NOOP("models", "Column"), lambda i: i.column or ""),
    Column("level", QT_TRANSLATE_NOOP("models", "Level"),
           lambda i: QCoreApplication.translate("ImportWizard", "Error") if i.level == "error"
           else QCoreApplication.translate("ImportWizard", "Warning")),
    Column("message", QT_TRANSLATE_NOOP("models", "Message"), issue_text, tooltip=True),
)


def _csv_safe(text: str) -> str:
    """Text Excel shows as text: a leading = + - @ would start a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _issue_color(issue: Any) -> QColor:
    return ERROR_COLOR if issue.level == "error" else WARNING_COLOR


# --- the pages --------------------------------------------------------------------------------------


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.path = QLineEdit(self)
        self.path.setObjectName("importPath")
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._browse)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.hint = QLabel(self)
        self.hint.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.path.textChanged.connect(self._edited)
        self.setAcceptDrops(True)  # a file dragged from the desktop or Explorer
        self._task: Any = None
        self._opened: Path | None = None  # the file whose sheets were listed: Next may go on
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Which file?"))
        self.setSubTitle(self.tr("An Excel workbook (.xlsx, .xls), an OpenDocument sheet (.ods) or a CSV file."))
        self.hint.setText(self.tr("Choose the file, or drag it here. Nothing is written until the last step, and "
                                  "every import can be undone."))
        self.browse.setText(self.tr("Browse…"))

    def _browse(self) -> None:
        path = prompts.open_file(self, self.tr("Import a spreadsheet"),
                                 self.tr("Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv *.txt);;All files (*)"))
        if path is not None:
            self.path.setText(str(path))

    @staticmethod
    def _dropped(event: Any) -> Path | None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        local = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        return local[0] if len(local) == 1 else None

    def dragEnterEvent(self, event: Any) -> None:
        if self._dropped(event) is not None:
            event.acceptProposedAction()

    def dropEvent(self, event: Any) -> None:
        path = self._dropped(event)
        if path is not None:
            event.acceptProposedAction()
            self.path.setText(str(path))
            if self.isComplete():
                self.wiz.next()

    def _edited(self, _text: str) -> None:
        self.error.clear()
        self._opened = None
        self.completeChanged.emit()

    def chosen(self) -> Path:
        return Path(self.path.text().strip()).expanduser()

    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def isComplete(self) -> bool:
        text = self.path.text().strip()
        return bool(text) and self.chosen().is_file() and not self.busy()

    def validatePage(self) -> bool:
        """The sheets are listed off the GUI thread (a large workbook takes seconds to open); Next
        goes on by itself once they are known."""
        path = self.chosen()
        if self._opened == path:
            return True
        self.error.clear()
        self.progress.show()
        self._task = self.wiz.runner.start(sheets_job(path), on_result=lambda names: self._listed(path, names),
                                           on_error=self._failed)
        self.completeChanged.emit()
        return False

    def _listed(self, path: Path, names: list[str]) -> None:
        self.progress.hide()
        self.completeChanged.emit()
        if path != self.chosen():
            return  # the user typed another name meanwhile
        self.wiz.path = path
        self.wiz.sheets = names
        self._opened = path
        if self.wiz.currentPage() is self:
            self.wiz.next()

    def _failed(self, exc: BaseException, _details: str) -> None:
        from guestcard.gui.messages import say

        self.progress.hide()
        reason = getattr(exc, "reason", None)
        if getattr(exc, "code", None):
            self.error.setText(say(exc, self.chosen().name))  # in the window's language
        else:
            self.error.setText(f"{self.chosen().name}: {reason}" if reason else str(exc))
        self.completeChanged.emit()


class SheetPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.list = QListWidget(self)
        self.list.setObjectName("sheetList")
        self.list.currentRowChanged.connect(lambda _r: self.completeChanged.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Which sheet?"))
        self.setSubTitle(self.tr("Pick the sheet your guests are on, or read every sheet that has guests."))
        if self.list.count() and self.list.item(0).data(Qt.ItemDataRole.UserRole) is None:
            self.list.item(0).setText(self.tr("Every sheet with guests"))

    def initializePage(self) -> None:
        self.list.clear()
        if len(self.wiz.sheets) > 1:
            item = QListWidgetItem(self.tr("Every sheet with guests"), self.list)
            item.setData(Qt.ItemDataRole.UserRole, None)
        for name in self.wiz.sheets:
            item = QListWidgetItem(name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, name)
        self.list.setCurrentRow(0)

    def isComplete(self) -> bool:
        return self.list.currentItem() is not None

    def validatePage(self) -> bool:
        item = self.list.currentItem()
        self.wiz.sheet = item.data(Qt.ItemDataRole.UserRole) if item else None
        return item is not None


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
        text = text.replace("%1", str(analysis.rows)).replace("%2", str(len(sheets)))
        text = text.replace("%3", str(analysis.errors + analysis.warnings))
        if info is not None and info.note == "no column is the name":
            text += "\n" + self.tr("No column of row %1 is the guests' name: choose it on the next page.").replace(
                "%1", str(number))
        skipped = [s for s in analysis.summary.sheets if s.header_row is None] if analysis.summary else []
        if skipped:
            text += "\n" + self.tr("Not read (no guest header found): %1").replace(
                "%1", ", ".join(s.name for s in skipped)
            )
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


class MappingPage(QWizardPage):
    """Each column of the file and the field it goes to; unknown columns are kept as extra fields."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self.wiz = wizard
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("mappingTable")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 260)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.save_button = QPushButton(self)
        self.load_button = QPushButton(self)
        self.save_button.clicked.connect(self.save_mapping)
        self.load_button.clicked.connect(self.load_mapping_file)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.load_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.combos: list[tuple[str, QComboBox]] = []
        self.reused: Path | None = None  # the saved mapping applied by itself
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Columns"))
        self.setSubTitle(self.tr("What each column of the sheet is. Columns no field takes are kept as extra "
                                 "fields on the card and exported again."))
        self.table.setHorizontalHeaderLabels([self.tr("Column in the file"), self.tr("Example"), self.tr("Field")])
        self.save_button.setText(self.tr("Save this mapping…"))
        self.load_button.setText(self.tr("Use a saved mapping…"))
        if self.combos:  # the choices in the new language, the same ones chosen
            labels = {value: label for label, value in self.targets()}
            for _header, combo in self.combos:
                for index in range(combo.count()):
                    if combo.itemData(index) in labels:
                        combo.setItemText(index, labels[combo.itemData(index)])
            self._changed()  # the note, in the new language

    def targets(self) -> list[tuple[str, str]]:
        """(label, target) of every choice in a column's drop-down."""
        lang = ui_lang()
        library = self.wiz.library
        items = [(self.tr("(ignore this column)"), IGNORE), (self.tr("Kept as an extra field"), EXTRA)]
        core = [(spec.label.text(lang), key) for key, spec in library.core.items()]
        others = sorted(
            ((spec.label.text(lang), key) for key, spec in library.fields.items() if key not in library.core),
            key=lambda item: item[0],
        )
        items += core + others
        items += [(self.tr("Tags"), "tags"), (self.tr("Record number of an export"), "id")]
        return items

    def initializePage(self) -> None:
        analysis = self.wiz.analysis
        columns: dict[str, str | None] = {}
        examples: dict[str, str] = {}
        if analysis is not None and analysis.summary is not None:
            for info in analysis.summary.sheets:
                if info.header_row is None or (self.wiz.sheet and info.name != self.wiz.sheet):
                    continue
                for header, target in info.columns:
                    columns.setdefault(header, target)
        examples = self.wiz.examples()
        self.table.setRowCount(len(columns))
        self.combos = []
        choices = self.targets()
        reused = None if self.wiz.mapping else fitting_mapping(list(columns))
        for row, (header, target) in enumerate(columns.items()):
            self.table.setItem(row, 0, QTableWidgetItem(header))
            self.table.setItem(row, 1, QTableWidgetItem(examples.get(header, "")))
            combo = QComboBox(self.table)
            for label, value in choices:
                combo.addItem(label, value)
            self._select(combo, self.wiz.mapping.get(header, target) if self.wiz.mapping else target)
            combo.currentIndexChanged.connect(lambda _i: self._changed())
            self.table.setCellWidget(row, 2, combo)
            self.combos.append((header, combo))
        self.reused = None
        if reused is not None:
            self.apply_mapping(reused[1])
            self.reused = reused[0]
        self._changed()

    def _select(self, combo: QComboBox, target: str | None) -> None:
        if target is None:
            value = IGNORE
        elif target.startswith("extra"):
            value = EXTRA
        else:
            value = target
        index = combo.findData(value)
        if index < 0:  # "raw:KEY", "corporate_name": shown as the file's own meaning
            label = target or ""
            if target and target.startswith("raw:"):
                spec = self.wiz.library.fields.get(target[4:])
                label = self.tr("Original text of %1").replace("%1", spec.label.text(ui_lang()) if spec else target)
            elif target == "corporate_name":
                label = self.tr("Organisation's name")
            combo.addItem(label, value)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def mapping(self) -> dict[str, str | None]:
        result: dict[str, str | None] = {}
        for header, combo in self.combos:
            value = combo.currentData()
            result[header] = None if value == IGNORE else value
        return result

    def _changed(self) -> None:
        used: dict[str, int] = {}
        for _header, combo in self.combos:
            value = combo.currentData()
            if value not in (IGNORE, EXTRA):
                used[value] = used.get(value, 0) + 1
        twice = [v for v, n in used.items() if n > 1]
        if "name" not in used and "corporate_name" not in used:
            self.note.setText(self.tr("No column is the name: pick the column with the guests' names."))
            self.note.setStyleSheet("color: #b3261e;")
        elif twice:
            self.note.setText(self.tr("Two columns go to the same field; the second is kept as an extra field."))
            self.note.setStyleSheet("color: #8a5a00;")
        elif self.reused is not None:
            self.note.setText(self.tr("Your saved mapping %1 fits this sheet and is used; change any drop-down "
                                      "that is wrong.").replace("%1", self.reused.stem))
            self.note.setStyleSheet("")
        else:
            self.note.setText(self.tr("Check the guesses; change any drop-down that is wrong."))
            self.note.setStyleSheet("")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        values = {combo.currentData() for _h, combo in self.combos}
        return bool(values & {"name", "corporate_name"})

    def validatePage(self) -> bool:
        self.wiz.mapping = self.mapping()
        return True

    def save_mapping(self) -> Path | None:
        """Save the drop-downs as a JSON mapping (``guestcard import --mapping`` reads it too). Saved
        in the default folder, it is used by itself the next time a sheet has the same columns."""
        folder = mappings_dir()
        with contextlib.suppress(OSError):
            folder.mkdir(parents=True, exist_ok=True)
        suggested = folder / f"{self.wiz.path.stem or 'mapping'}.json"
        path = prompts.save_file(self, self.tr("Save the mapping"), self.tr("Mapping (*.json)"), str(suggested))
        if path is None:
            return None
        if path.suffix.lower() != ".json":
            path = path.with_suffix(".json")
        try:
            path.write_text(json.dumps(self.mapping(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            prompts.warn(self, self.tr("Mapping"), self.tr("%1 could not be written: %2").replace("%1", str(path))
                         .replace("%2", exc.strerror or str(exc)))
            return None
        return path

    def load_mapping_file(self) -> None:
        from guestcard.io import ImportRefused, load_mapping

        path = prompts.open_file(self, self.tr("Use a saved mapping"), self.tr("Mapping (*.json)"),
                                 str(mappings_dir()))
        if path is None:
            return
        try:
            saved = load_mapping(path)
        except ImportRefused as exc:
            prompts.warn(self, self.tr("Mapping"), str(exc))
            return
        self.apply_mapping(saved)

    def apply_mapping(self, saved: dict[str, str | None]) -> None:
        for header, combo in self.combos:
            if header in saved:
                target = saved[header]
                self._select(combo, "extra" if target == "extra" else target)
        self._changed()


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
            prompts.warn(self, self.tr("Trial run"), self.tr("%1 could not be written: %2")
                         .replace("%1", str(path)).replace("%2", exc.strerror or str(exc)))
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
        self.changes_label.setText(text.replace("%1", str(len(changes) - kept)).replace("%2", str(kept)))

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
        self.summary.setText(str(exc))
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
            text += "\n" + self.tr("From the export's own sheets: %1 visits and %2 contacts added (%3 already on "
                                   "the cards). Relations between guests are not in an export and are not "
                                   "restored.").replace("%1", str(report.history.visits)).replace(
                "%2", str(report.history.contacts)).replace("%3", str(report.history.present))
        self.summary.setText(text)
        self._show_changes()
        self.wiz.dryRunFinished.emit(report)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.report is not None


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
        self.label.setText(self.tr("Importing %1… (a backup of the guest file was made first)").replace(
            "%1", self.wiz.path.name))
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
        self.label.setText(self.tr("The import failed, nothing was written: %1").replace("%1", str(exc)))
        self.cancel_button.setEnabled(False)
        self.wiz.importFailed.emit(str(exc))
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
            text += "\n" + self.tr("%1 values could not be read: each is kept as text on its card (see the trial "
                                   "run's list).").replace("%1", str(warnings))
        if len(report.sheets) > 1:
            for sheet in report.sheets:
                text += "\n" + self.tr("Sheet %1: %2 new, %3 updated.").replace("%1", sheet.name).replace(
                    "%2", str(sheet.imported)).replace("%3", str(sheet.updated))
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
            on_error=lambda exc, _d: self.undo_text.setText(str(exc)),
        )

    def _undone(self, result: Any) -> None:
        text = (self.tr("Undone: %1 new guests removed, %2 cards put back as they were.")
                .replace("%1", str(result.removed)).replace("%2", str(result.restored)))
        if result.kept:
            text += "\n" + self.tr("%1 cards worked on since the import were left as they are.").replace(
                "%1", str(len(result.kept)))
        self.undo_text.setText(text)
        self.wiz.undone.emit(result)


# --- the wizard -------------------------------------------------------------------------------------


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

