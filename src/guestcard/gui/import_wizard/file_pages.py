"""The wizard's first two pages: the file (typed, browsed or dropped) and the sheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from guestcard.gui import prompts
from guestcard.gui.import_wizard.jobs import sheets_job

if TYPE_CHECKING:
    from guestcard.gui.import_wizard.wizard import ImportWizard

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

