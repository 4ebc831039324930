"""Where the Print dialog's PDF goes: the preview pane (the first cards, redrawn as the choices
change), a saved file, or the printer (Qt's print dialog, the pages sent off the GUI thread with
progress and Cancel; without QtPdf, pdftoppm's images; without either, the system's PDF viewer).

Taken in by ``print_dialog.PrintDialog``, which draws the PDF (``_start``) and owns the widgets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QLabel

from guestcard.gui import prompts
from guestcard.gui.i18n import fill
from guestcard.gui.print_pages import Rendered, paint_job, qtpdf
from guestcard.gui.print_preview import PagesPreview
from guestcard.gui.print_words import preview_text
from guestcard.gui.worker import TaskRunner

PREVIEW_DPI = 60
PREVIEW_CARDS = 12  # a preview draws the first cards only; printing and saving draw them all
PREVIEW_PAGES = 24
PRINT_DPI = 200  # pdftoppm's resolution for the printer when QtPdf is missing


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintDialog", text)  # the dialog's one context


class PrintOutput:
    """The preview, save and print of ``PrintDialog``."""

    runner: TaskRunner
    preview_pane: PagesPreview
    size_box: QComboBox
    status: QLabel
    saved: Signal
    printed: Signal
    task: Any
    _folder: Path
    _previews: int
    _printed: int
    _printer: Any
    _job_kind: str
    _generation: int
    _start: Callable[..., None]
    _busy: Callable[[], None]
    _idle: Callable[[], None]
    _failed: Callable[[BaseException, str], None]
    _progress: Callable[[int, int | None, str], None]
    _cancelled: Callable[[], None]

    def preview(self) -> None:
        """Draw the first cards (``PREVIEW_CARDS``) and show them; a new file each time (the one
        shown stays open in the viewer)."""
        self._previews += 1
        pdf = self._folder / f"preview-{self._previews}.pdf"
        self._start(pdf, dpi=None if self.preview_pane.renders_pdf else PREVIEW_DPI, last_page=PREVIEW_PAGES,
                    then=self._show_preview, kind="preview", limit=PREVIEW_CARDS)

    def _show_preview(self, rendered: Rendered) -> None:
        text = preview_text(rendered)
        if self.preview_pane.renders_pdf:
            # A4 sheets as wide as the pane (readable); a small card whole, as it will look in the hand.
            small = str(self.size_box.currentData()) in ("A5", "A6")
            self.preview_pane.show_pdf(rendered.pdf, whole_pages=small)
            self.status.setText(text)
            return
        self.preview_pane.clear()
        if not rendered.images:
            self.status.setText(text + " " + _tr("(Install poppler-utils for a preview here; the PDF opens in "
                                                     "your PDF viewer instead.)"))
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(rendered.pdf)))
            return
        hidden = rendered.pages - len(rendered.images)
        more = fill(_tr("… and %1 more pages"), hidden) if hidden > 0 else None
        self.preview_pane.show_images(rendered.images, more)
        self.status.setText(text)

    def preview_count(self) -> int:
        """Pages the preview shows."""
        return self.preview_pane.count()

    def ask_save(self) -> None:
        path = prompts.save_file(self, _tr("Save the cards as PDF"), _tr("PDF (*.pdf)"),
                                 f"cards-{dt.date.today():%Y%m%d}.pdf")
        if path is not None:
            self.save_pdf(path)

    def save_pdf(self, path: Path) -> None:
        path = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")

        def done(rendered: Rendered) -> None:
            self.status.setText(fill(_tr("%1 pages saved to %2"), rendered.pages, rendered.pdf))
            self.saved.emit(str(rendered.pdf))

        self._start(path, dpi=None, last_page=None, then=done, kind="save")

    def print_(self) -> None:
        dpi = None if qtpdf() else PRINT_DPI
        self._printed += 1
        self._start(self._folder / f"print-{self._printed}.pdf", dpi=dpi, last_page=None,
                    then=self._send_to_printer, kind="print")

    def _send_to_printer(self, rendered: Rendered) -> None:
        if not rendered.images and not qtpdf():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(rendered.pdf)))
            self.status.setText(_tr("The PDF opened in your PDF viewer: print it from there."))
            return
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # lazy: ~0.1 s, only when printing

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(rendered.pdf.stem)
        dialog = QPrintDialog(printer, self)
        if not prompts.run_dialog(dialog):
            self.status.setText(preview_text(rendered))
            return
        self._printer = printer  # alive until the pages are sent
        self._job_kind = "print"
        self._busy()
        self._generation += 1
        generation = self._generation

        def current(handler: Any) -> Any:
            return lambda *args: handler(*args) if generation == self._generation else None

        self.task = self.runner.start(
            paint_job(printer, rendered.pdf, rendered.images),
            on_result=current(self._sent),
            on_error=current(self._failed),
            on_progress=current(self._progress),
            on_cancel=current(self._cancelled),
        )

    def _sent(self, pages: int) -> None:
        self._idle()
        self._printer = None
        self.status.setText(fill(_tr("%1 pages sent to the printer."), pages))
        self.printed.emit(pages)
