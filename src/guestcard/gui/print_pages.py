"""The cards as pages, off the GUI thread: drawn to PDF by the printing service, rasterised where
needed, and sent to a printer.

QtPdf (pyside6-addons) renders the PDF's pages at the printer's resolution; where it is missing,
``pdftoppm`` (poppler) rasterises them instead. The print dialog (``print_dialog``), the labels
and the statements use these.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter

from guestcard.gui.models import ListFilter
from guestcard.gui.worker import Step
from guestcard.services.customers import count_customers

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.storage import Database

MAX_PRINT_DPI = 300  # QtPdf renders at the printer's resolution, at most this


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
    cards: int  # cards drawn
    images: list[Path]  # pages rasterised by pdftoppm (only where QtPdf is missing)
    total: int = 0  # cards chosen (more than drawn for a preview of a long list)
    blank: bool = False


def pdftoppm() -> str | None:
    return shutil.which("pdftoppm")


def qtpdf() -> bool:
    """Whether QtPdf (pyside6-addons) is there to show and render PDFs."""
    try:
        from PySide6.QtPdf import QPdfDocument  # noqa: F401
        from PySide6.QtPdfWidgets import QPdfView  # noqa: F401
    except ImportError:
        return False
    return True


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
               dpi: int | None, last_page: int | None, folder: Path, limit: int | None = None) -> Any:
    """Draw the cards into ``out`` (the first ``limit`` only, for a preview); with ``dpi``, also
    rasterise the pages with pdftoppm (where QtPdf is missing)."""

    def job(task: Any) -> Iterator[Any]:
        from guestcard.printing import PrintOptions  # optional (pyside6-addons): only where installed
        from guestcard.services.printing import choose_customers, print_cards

        yield Step(0, None)
        print_options = PrintOptions(**options, blank=who.blank)
        customers: list[Any] = []
        chosen = 0
        if not who.blank:
            if who.day is not None:
                customers = choose_customers(db, day=who.day)
                chosen = len(customers)
            elif who.ids is not None:
                customers = choose_customers(db, ids=list(who.ids), limit=limit)
                chosen = len(who.ids)
            else:
                flt = (who.list_filter or ListFilter()).to_service()
                customers = choose_customers(db, flt=flt, limit=limit)
                chosen = len(customers)
                if limit is not None and chosen >= limit:
                    chosen = count_customers(db, flt)
            customers = customers[:limit] if limit is not None else customers
        total = len(customers)
        pages = print_cards(db, library, out, customers, print_options, title="guestcard",
                            progress=lambda done: task.report(Step(done, total)))
        if dpi:
            yield Step(total, total, "pages")
        images = rasterise(out, folder, dpi, last_page) if dpi else []
        yield Rendered(out, pages, total, images, total=chosen, blank=who.blank)

    return job


def paint_job(printer: Any, pdf: Path, images: Sequence[Path]) -> Any:
    """Send the pages to ``printer`` off the GUI thread (QPainter may paint on a QPrinter in any
    thread): rendered by QtPdf at the printer's resolution, or the pdftoppm images. Cancel aborts
    the print job."""

    def job(task: Any) -> Iterator[Any]:
        document: Any = None
        if not images:
            from PySide6.QtPdf import QPdfDocument  # optional (pyside6-addons): only where installed

            document = QPdfDocument()
            document.load(str(pdf))
        pages = len(images) if images else document.pageCount()
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be started")
        try:
            for number in range(pages):
                task.report(Step(number, pages, "printing"))
                if number:
                    printer.newPage()
                if images:
                    image = QImage(str(images[number]))
                else:
                    size = document.pagePointSize(number)
                    dpi = min(printer.resolution(), MAX_PRINT_DPI)
                    image = document.render(number, QSize(round(size.width() * dpi / 72),
                                                          round(size.height() * dpi / 72)))
                draw_fitted(painter, image)
        except BaseException:
            printer.abort()
            raise
        finally:
            painter.end()
            if document is not None:
                document.close()
        yield pages

    return job


def draw_fitted(painter: QPainter, image: QImage) -> None:
    """One page image on the painter's page, as large as fits, centred across."""
    page = painter.viewport()
    scaled = image.size().scaled(page.size(), Qt.AspectRatioMode.KeepAspectRatio)
    target = QRect(page.x() + (page.width() - scaled.width()) // 2, page.y(), scaled.width(), scaled.height())
    painter.drawImage(target, image)
