"""The Print dialog: whose cards (the selection, the list's search result, a day's reservations, or
a blank form), which card, page size, staff or full copy; a preview; print or save the PDF.

The cards are drawn to PDF by the printing service off the GUI thread (reportlab is imported only
there). The preview and the printout are the PDF's pages rasterised by ``pdftoppm`` (poppler) and
painted with Qt: QtPdf is not part of pyside6-essentials. Without ``pdftoppm`` the PDF opens in the
system's viewer, which previews and prints it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QRect, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import prompts
from guestcard.gui.i18n import ui_lang
from guestcard.gui.models import ListFilter
from guestcard.gui.settings_dialog import page_size_label
from guestcard.gui.worker import Step, TaskRunner
from guestcard.settings import PAGE_SIZES

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.settings import Settings
    from guestcard.storage import Database

PREVIEW_DPI = 60
PREVIEW_PAGES = 24
PRINT_DPI = 200
MANY_CARDS = 500


@dataclass(frozen=True)
class Who:
    """Whose cards: exactly one of ids, a list filter, a day, or a blank form."""

    ids: tuple[int, ...] | None = None
    list_filter: ListFilter | None = None
    day: dt.date | None = None
    blank: bool = False


@dataclass
class Rendered:
    pdf: Path
    pages: int
    cards: int
    images: list[Path]


def pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


def rasterise(pdf: Path, folder: Path, dpi: int, last_page: int | None = None) -> list[Path]:
    """The PDF's pages as PNG files (``pdftoppm``); [] when poppler is not installed."""
    tool = pdftoppm()
    if tool is None:
        return []
    prefix = folder / f"page-{dpi}"
    command = [tool, "-r", str(dpi), "-png"]
    if last_page is not None:
        command += ["-f", "1", "-l", str(last_page)]
    subprocess.run([*command, str(pdf), str(prefix)], check=True, capture_output=True, timeout=600)
    return sorted(folder.glob(f"page-{dpi}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def render_job(db: Database, library: FormLibrary, out: Path, who: Who, options: dict[str, Any], *,
               dpi: int | None, last_page: int | None, folder: Path) -> Any:
    def job(task: Any) -> Iterator[Any]:
        from guestcard.printing import PrintOptions
        from guestcard.services.printing import choose_customers, print_cards

        yield Step(0, None)
        print_options = PrintOptions(**options, blank=who.blank)
        customers: list[Any] = []
        if not who.blank:
            if who.day is not None:
                customers = choose_customers(db, day=who.day)
            elif who.ids is not None:
                customers = choose_customers(db, ids=list(who.ids))
            else:
                customers = choose_customers(db, flt=(who.list_filter or ListFilter()).to_service())
        total = len(customers)
        pages = print_cards(db, library, out, customers, print_options, title="guestcard",
                            progress=lambda done: task.report(Step(done, total)))
        if dpi:
            yield Step(total, total, "pages")
        images = rasterise(out, folder, dpi, last_page) if dpi else []
        yield Rendered(out, pages, total, images)

    return job


class PrintDialog(QDialog):
    rendered = Signal(object)  # Rendered: a preview, a printout or a saved PDF is ready
    saved = Signal(str)  # the saved PDF
    failed = Signal(str)

    def __init__(self, db: Database, library: FormLibrary, runner: TaskRunner, settings: Settings, *,
                 list_filter: ListFilter | None = None, selected: Sequence[int] = (), day: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printDialog")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.db, self.library, self.runner, self.settings = db, library, runner, settings
        self.list_filter = list_filter or ListFilter()
        self.selected = list(selected)
        self.task: Any = None
        self._generation = 0
        self.last: Rendered | None = None
        self._folder = Path(tempfile.mkdtemp(prefix="guestcard-print-"))

        self.by_selection = QRadioButton(self)
        self.by_list = QRadioButton(self)
        self.by_day = QRadioButton(self)
        self.blank = QRadioButton(self)
        self.who = QButtonGroup(self)
        for button in (self.by_selection, self.by_list, self.by_day, self.blank):
            self.who.addButton(button)
        self.day = QDateEdit(self)
        self.day.setCalendarPopup(True)
        when = day or dt.date.today() + dt.timedelta(days=1)
        self.day.setDate(QDate(when.year, when.month, when.day))
        self.day.dateChanged.connect(lambda _d: self.by_day.setChecked(True))
        self.by_selection.setEnabled(bool(self.selected))
        if day is not None:
            self.by_day.setChecked(True)
        elif self.selected:
            self.by_selection.setChecked(True)
        elif not self.list_filter.is_everyone:
            self.by_list.setChecked(True)
        else:
            self.by_day.setChecked(True)
        self.form = QComboBox(self)
        self.size = QComboBox(self)
        self.landscape = QCheckBox(self)
        self.staff = QRadioButton(self)
        self.full = QRadioButton(self)
        self.copy_group = QButtonGroup(self)
        self.copy_group.addButton(self.staff)
        self.copy_group.addButton(self.full)
        self.staff.setChecked(True)
        self.language = QComboBox(self)
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(0 if settings.language == "zh" else 1)
        self.history = QSpinBox(self)
        self.history.setRange(0, 30)
        self.history.setValue(5)

        self.preview_button = QPushButton(self)
        self.print_button = QPushButton(self)
        self.save_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_)
        self.save_button.clicked.connect(self.ask_save)
        self.close_button.clicked.connect(self.reject)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.stop_button = QPushButton(self)
        self.stop_button.setObjectName("stopPrint")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_layout.setSpacing(12)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.pages)
        self.scroll.setMinimumWidth(420)
        self.scroll.setStyleSheet("QScrollArea { background: #8a8a8a; } QScrollArea > QWidget > QWidget "
                                  "{ background: #8a8a8a; }")

        self.labels = [QLabel(self) for _ in range(7)]
        who_box = QVBoxLayout()
        who_box.addWidget(self.by_selection)
        who_box.addWidget(self.by_list)
        day_row = QHBoxLayout()
        day_row.addWidget(self.by_day)
        day_row.addWidget(self.day, 1)
        who_box.addLayout(day_row)
        who_box.addWidget(self.blank)
        copy_box = QVBoxLayout()
        copy_box.addWidget(self.staff)
        copy_box.addWidget(self.full)
        form = QFormLayout()
        form.addRow(self.labels[0], who_box)
        form.addRow(self.labels[1], self.form)
        form.addRow(self.labels[2], self.size)
        form.addRow("", self.landscape)
        form.addRow(self.labels[3], copy_box)
        form.addRow(self.labels[4], self.language)
        form.addRow(self.labels[5], self.history)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addStretch(1)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.stop_button)
        left.addLayout(progress_row)
        left.addWidget(self.status)
        top = QHBoxLayout()
        top.addLayout(left, 0)
        top.addWidget(self.scroll, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(buttons)
        self.retranslate()
        default_size = settings.default_page_size if settings.default_page_size in PAGE_SIZES else "A4"
        self.size.setCurrentIndex(max(0, self.size.findData(default_size)))
        self.form.setCurrentIndex(max(0, self.form.findData(settings.default_form)))
        self.resize(1100, 760)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Print cards"))
        for label, text in zip(self.labels, (self.tr("Whose cards"), self.tr("Card"), self.tr("Paper"),
                                             self.tr("Copy"), self.tr("Language"), self.tr("History rows"), ""),
                               strict=True):
            label.setText(text)
        self.by_selection.setText(self.tr("The selected customers (%1)").replace("%1", str(len(self.selected))))
        self.by_list.setText(self.tr("Everyone the list shows now (search and filters)"))
        self.by_day.setText(self.tr("The guests booked on"))
        self.blank.setText(self.tr("A blank form to fill in by hand"))
        current = self.form.currentData()
        self.form.clear()
        for form in self.library.forms.values():
            self.form.addItem(form.title.text(ui_lang()), form.id)
        if current:
            self.form.setCurrentIndex(max(0, self.form.findData(current)))
        current_size = self.size.currentData()
        self.size.clear()
        for size in PAGE_SIZES:
            self.size.addItem(page_size_label(size), size)
        if current_size:
            self.size.setCurrentIndex(max(0, self.size.findData(current_size)))
        self.landscape.setText(self.tr("Landscape"))
        self.staff.setText(self.tr("Staff copy (confidential fields left out)"))
        self.full.setText(self.tr("Manager's full copy"))
        self.history.setToolTip(self.tr("The latest visits and contacts printed on each card"))
        self.preview_button.setText(self.tr("Preview"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save PDF…"))
        self.close_button.setText(self.tr("Close"))
        self.stop_button.setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- what to print -----------------------------------------------------------------------------

    def who_value(self) -> Who:
        if self.blank.isChecked():
            return Who(blank=True)
        if self.by_selection.isChecked():
            return Who(ids=tuple(self.selected))
        if self.by_list.isChecked():
            return Who(list_filter=self.list_filter)
        date = self.day.date()
        return Who(day=dt.date(date.year(), date.month(), date.day()))

    def options(self) -> dict[str, Any]:
        return {
            "form_id": str(self.form.currentData()),
            "size": str(self.size.currentData()),
            "landscape": self.landscape.isChecked(),
            "lang": str(self.language.currentData()),
            "full": self.full.isChecked(),
            "restaurant": self.settings.restaurant_name,
            "history_rows": self.history.value(),
        }

    def _too_many(self, who: Who) -> bool:
        if who.list_filter is None:
            return False
        from guestcard.services.customers import count_customers

        count = count_customers(self.db, who.list_filter.to_service())
        return count > MANY_CARDS and not prompts.confirm(
            self, self.tr("Print cards"),
            self.tr("That is %1 cards. Print them all?").replace("%1", f"{count:,}"), ok_text=self.tr("Print all"),
        )

    def _start(self, out: Path, *, dpi: int | None, last_page: int | None, then: Any) -> None:
        who = self.who_value()
        if self._too_many(who):
            return
        if self.task is not None and self.task.running:
            self.task.cancel()
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.stop_button.setEnabled(True)
        self.stop_button.show()
        self.status.setText(self.tr("Drawing the cards…"))
        folder = Path(tempfile.mkdtemp(dir=self._folder))
        self._generation += 1
        generation = self._generation

        def current(handler: Any) -> Any:  # answers of a job started before the latest one are dropped
            return lambda *args: handler(*args) if generation == self._generation else None

        self.task = self.runner.start(
            render_job(self.db, self.library, out, who, self.options(), dpi=dpi, last_page=last_page, folder=folder),
            on_result=current(lambda rendered: self._finished(rendered, then)),
            on_error=current(self._failed),
            on_progress=current(self._progress),
            on_cancel=current(self._cancelled),
        )

    def running(self) -> bool:
        return self.task is not None and self.task.running

    def stop(self) -> None:
        if self.running():
            self.stop_button.setEnabled(False)
            self.status.setText(self.tr("Stopping…"))
            self.task.cancel()

    def _cancelled(self) -> None:
        self._idle()
        self.status.setText(self.tr("Cancelled; nothing was printed or saved."))

    def _progress(self, done: int, total: int | None, text: str) -> None:
        if text == "pages":
            self.progress.setRange(0, 0)
            self.status.setText(self.tr("Preparing the pages…"))
        elif total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.status.setText(self.tr("Drawing card %1 of %2…").replace("%1", str(done)).replace("%2", str(total)))

    def _idle(self) -> None:
        self.progress.hide()
        self.stop_button.hide()
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(True)

    def _failed(self, exc: BaseException, _details: str) -> None:
        self._idle()
        self.status.setText(str(exc))
        self.failed.emit(str(exc))

    def _finished(self, rendered: Rendered, then: Any) -> None:
        self._idle()
        self.last = rendered
        then(rendered)
        self.rendered.emit(rendered)

    # -- preview, save, print ----------------------------------------------------------------------

    def preview(self) -> None:
        self._start(self._folder / "preview.pdf", dpi=PREVIEW_DPI, last_page=PREVIEW_PAGES, then=self._show_preview)

    def _show_preview(self, rendered: Rendered) -> None:
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        text = self.tr("%1 cards on %2 pages.").replace("%1", str(rendered.cards)).replace("%2", str(rendered.pages))
        if not rendered.images:
            self.status.setText(text + " " + self.tr("(Install poppler-utils for a preview here; the PDF opens in "
                                                     "your PDF viewer instead.)"))
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(rendered.pdf)))
            return
        for path in rendered.images:
            label = QLabel(self.pages)
            label.setPixmap(QPixmap(str(path)))
            label.setStyleSheet("background: white; border: 1px solid #555;")
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        if rendered.pages > len(rendered.images):
            more = QLabel(self.tr("… and %1 more pages").replace("%1", str(rendered.pages - len(rendered.images))))
            self.pages_layout.addWidget(more, 0, Qt.AlignmentFlag.AlignHCenter)
        self.status.setText(text)

    def preview_count(self) -> int:
        return sum(1 for i in range(self.pages_layout.count()) if isinstance(self.pages_layout.itemAt(i).widget(),
                                                                               QLabel))

    def ask_save(self) -> None:
        path = prompts.save_file(self, self.tr("Save the cards as PDF"), self.tr("PDF (*.pdf)"),
                                 f"cards-{dt.date.today():%Y%m%d}.pdf")
        if path is not None:
            self.save_pdf(path)

    def save_pdf(self, path: Path) -> None:
        path = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")

        def done(rendered: Rendered) -> None:
            self.status.setText(self.tr("%1 pages saved to %2").replace("%1", str(rendered.pages))
                                .replace("%2", str(rendered.pdf)))
            self.saved.emit(str(rendered.pdf))

        self._start(path, dpi=None, last_page=None, then=done)

    def print_(self) -> None:
        self._start(self._folder / "print.pdf", dpi=PRINT_DPI, last_page=None, then=self._send_to_printer)

    def _send_to_printer(self, rendered: Rendered) -> None:
        if not rendered.images:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(rendered.pdf)))
            self.status.setText(self.tr("The PDF opened in your PDF viewer: print it from there."))
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if not prompts.run_dialog(dialog):
            return
        paint_pages(printer, rendered.images)
        self.status.setText(self.tr("%1 pages sent to the printer.").replace("%1", str(len(rendered.images))))

    def done(self, result: int) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
        shutil.rmtree(self._folder, ignore_errors=True)
        super().done(result)


def paint_pages(printer: Any, images: Sequence[Path]) -> None:
    """Paint page images on a QPrinter (or any QPagedPaintDevice), each fitted to the page."""
    painter = QPainter(printer)
    try:
        for number, path in enumerate(images):
            if number:
                printer.newPage()
            image = QImage(str(path))
            page = painter.viewport()
            scaled = image.size().scaled(page.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(page.x() + (page.width() - scaled.width()) // 2, page.y(), scaled.width(),
                           scaled.height())
            painter.drawImage(target, image)
    finally:
        painter.end()
