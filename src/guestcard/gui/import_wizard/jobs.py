"""The import wizard's work off the GUI thread: listing sheets, the preview and first read, the
import and its undo (each a ``TaskRunner`` job)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guestcard.gui.worker import Partial, Step, TaskCancelled

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.storage import Database

PREVIEW_ROWS = 30

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

