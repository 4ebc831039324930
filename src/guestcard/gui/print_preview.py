"""The pages of a PDF in a pane: QtPdf's ``QPdfView`` (pyside6-addons) where it is installed, else
the pages as pictures rasterised by ``pdftoppm`` (``print_pages.rasterise``), one under another."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from guestcard.gui.print_pages import qtpdf

BACKGROUND = "#8a8a8a"  # grey around white sheets, as a print preview shows paper


class PagesPreview(QWidget):
    """Shows one PDF at a time; ``count()`` says how many pages are shown."""

    def __init__(self, parent: QWidget | None = None, *, use_qtpdf: bool | None = None) -> None:
        super().__init__(parent)
        self.pages = QWidget()
        self.pages_layout = QVBoxLayout(self.pages)
        self.pages_layout.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.pages_layout.setSpacing(12)
        self.page_scroll = QScrollArea(self)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setWidget(self.pages)
        self.page_scroll.setStyleSheet(f"QScrollArea {{ background: {BACKGROUND}; }} QScrollArea > QWidget > QWidget "
                                  f"{{ background: {BACKGROUND}; }}")
        self.pdf_document: Any = None
        self.pdf_view: Any = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.page_scroll)
        if qtpdf() if use_qtpdf is None else use_qtpdf:
            from PySide6.QtPdf import QPdfDocument  # pyside6-addons, optional: only where installed
            from PySide6.QtPdfWidgets import QPdfView

            self.pdf_document = QPdfDocument(self)
            self.pdf_view = QPdfView(self)
            self.pdf_view.setObjectName("printPreview")
            self.pdf_view.setDocument(self.pdf_document)
            self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
            self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.pdf_view.setPageSpacing(12)
            self.pdf_view.setStyleSheet(f"QPdfView {{ background: {BACKGROUND}; }}")
            self.page_scroll.hide()
            layout.addWidget(self.pdf_view)
        self.setMinimumWidth(420)

    @property
    def renders_pdf(self) -> bool:
        """Whether QtPdf shows the PDF itself (else pictures of its pages are needed)."""
        return self.pdf_document is not None

    def show_pdf(self, pdf: Path, *, whole_pages: bool) -> None:
        """The PDF in QtPdf's view: each page whole (a small card, as it will look in the hand) or as
        wide as the pane (an A4 sheet, readable)."""
        from PySide6.QtPdfWidgets import QPdfView  # optional (pyside6-addons): only where installed

        self.pdf_document.close()
        self.pdf_document.load(str(pdf))
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitInView if whole_pages else QPdfView.ZoomMode.FitToWidth)

    def show_images(self, images: Sequence[Path], more: str | None = None) -> None:
        """The page pictures one under another, and ``more`` (how many pages are not shown) under them."""
        self.clear()
        for path in images:
            label = QLabel(self.pages)
            label.setPixmap(QPixmap(str(path)))
            label.setStyleSheet("background: white; border: 1px solid #555;")
            self.pages_layout.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        if more:
            self.pages_layout.addWidget(QLabel(more), 0, Qt.AlignmentFlag.AlignHCenter)

    def clear(self) -> None:
        if self.pdf_document is not None:
            self.pdf_document.close()
        while self.pages_layout.count():
            item = self.pages_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()

    def count(self) -> int:
        """Pages shown."""
        if self.pdf_document is not None:
            return int(self.pdf_document.pageCount())
        widgets = [self.pages_layout.itemAt(i).widget() for i in range(self.pages_layout.count())]
        return sum(1 for w in widgets if isinstance(w, QLabel) and not w.pixmap().isNull())
