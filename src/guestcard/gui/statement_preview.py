"""The statement preview: the month's statement of one account drawn on the background runner and
shown as the PDF it is (QtPdf; the pages as pictures where QtPdf is missing), then saved where
the manager chooses."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import prompts
from guestcard.gui.i18n import ui_lang
from guestcard.gui.messages import say
from guestcard.gui.operations import call_job
from guestcard.gui.print_pages import qtpdf, rasterise

if TYPE_CHECKING:
    from guestcard.gui.worker import TaskRunner
    from guestcard.storage import Database


def recent_months(today: dt.date, count: int = 12) -> list[dt.date]:
    """This month and the ones before it, newest first (first days)."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


class StatementPreview(QDialog):
    rendered = Signal(object)  # the PDF's path, once drawn (or None when it could not be)

    def __init__(self, db: Database, runner: TaskRunner, customer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.runner, self.customer_id = db, runner, customer_id
        self.folder = Path(tempfile.mkdtemp(prefix="guestcard-statement-"))
        self.pdf: Path | None = None
        self.setWindowTitle(self.tr("Statement of account"))
        self.resize(720, 860)
        self.month = QComboBox(self)
        # Last month first: the statement is made after the month has ended.
        for month in recent_months(dt.date.today())[1:] + recent_months(dt.date.today())[:1]:
            self.month.addItem(f"{month:%Y-%m}", month)
        self.language = QComboBox(self)
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if ui_lang() == "zh" else 1)
        self.save_button = QPushButton(self.tr("Save PDF…"), self)
        self.save_button.setEnabled(False)
        self.status = QLabel(self)
        self.month.currentIndexChanged.connect(lambda _i: self.render())
        self.language.currentIndexChanged.connect(lambda _i: self.render())
        self.save_button.clicked.connect(self.save)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Month"), self))
        top.addWidget(self.month)
        top.addWidget(self.language)
        top.addStretch(1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        self.pdf_document: Any = None
        self.pages = QLabel(self)
        if qtpdf():
            from PySide6.QtPdf import QPdfDocument  # optional (pyside6-addons): only where installed
            from PySide6.QtPdfWidgets import QPdfView

            self.pdf_document = QPdfDocument(self)
            self.pdf_view = QPdfView(self)
            self.pdf_view.setDocument(self.pdf_document)
            self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.pdf_view.setStyleSheet("QPdfView { background: #8a8a8a; }")
            layout.addWidget(self.pdf_view, 1)
        else:
            scroll = QScrollArea(self)
            scroll.setWidget(self.pages)
            scroll.setWidgetResizable(True)
            layout.addWidget(scroll, 1)
        self.finished.connect(lambda _r: shutil.rmtree(self.folder, ignore_errors=True))

    def chosen_month(self) -> dt.date:
        return self.month.currentData()

    def render(self) -> None:
        month, lang = self.chosen_month(), self.language.currentData()
        out = self.folder / f"statement-{month:%Y-%m}-{lang}.pdf"
        db, customer_id, folder, use_png = self.db, self.customer_id, self.folder, self.pdf_document is None
        self.status.setText(self.tr("Drawing the statement…"))
        self.save_button.setEnabled(False)

        def draw() -> tuple[Path, list[Path]]:
            from guestcard.services.statements import print_statement  # optional (pyside6-addons): only where installed

            print_statement(db, customer_id, month, out, lang=lang)
            return out, rasterise(out, folder, 80) if use_png else []

        self.runner.start(call_job(draw), on_result=self._show, on_error=self._failed)

    def _show(self, result: tuple[Path, list[Path]]) -> None:
        self.pdf, pngs = result
        if self.pdf_document is not None:
            self.pdf_document.load(str(self.pdf))
        elif pngs:
            self.pages.setPixmap(QPixmap(str(pngs[0])))
        self.status.setText("")
        self.save_button.setEnabled(True)
        self.rendered.emit(self.pdf)

    def _failed(self, exc: BaseException, details: str) -> None:
        from guestcard.printing.options import PrintError  # optional (pyside6-addons): only where installed

        self.status.setText(say(exc) if isinstance(exc, ValueError | LookupError | PrintError) else
                            self.tr("The statement could not be drawn."))
        self.rendered.emit(None)

    def save(self) -> None:
        if self.pdf is None:
            return
        name = self.tr("statement")
        suggested = f"{name}-{self.chosen_month():%Y-%m}.pdf"
        target = prompts.save_file(self, self.tr("Save the statement"), "PDF (*.pdf)", suggested)
        if target is None:
            return
        try:
            shutil.copyfile(self.pdf, target)
        except OSError as exc:
            prompts.warn(self, self.tr("Save the statement"), f"{target}: {exc.strerror or exc}")
