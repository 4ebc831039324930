"""Plain tables (a register, a review's figures) into an .xlsx: one sheet per table, a header row,
text as text and numbers as numbers; written whole or not at all (``xlsx_writer``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from guestcard.io.xlsx_writer import (
    DATE,
    DATETIME,
    SheetSpec,
    WorkbookWriter,
    column_letters,
    display_width,
    number_cell,
    safe_sheet_name,
    text_cell,
)

_EPOCH = dt.datetime(1899, 12, 30)


@dataclass(frozen=True)
class Table:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]


def _cell(ref: str, value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return text_cell(ref, "✓" if value else "")
    if isinstance(value, int | Decimal):
        return number_cell(ref, str(value))
    if isinstance(value, float):
        return number_cell(ref, repr(value))
    if isinstance(value, dt.datetime):
        seconds = round((value - _EPOCH).total_seconds())  # whole seconds read back exactly
        return number_cell(ref, f"{seconds / 86400:.12f}", DATETIME)
    if isinstance(value, dt.date):
        return number_cell(ref, str((value - _EPOCH.date()).days), DATE)
    return text_cell(ref, str(value))


def write_tables(path: Path, tables: Sequence[Table]) -> Path:
    """Write ``tables`` to ``path`` (.xlsx); an error leaves no file behind."""
    writer = WorkbookWriter(path)
    try:
        for table in tables:
            widths = [
                min(60.0, max([display_width(str(h)), *(display_width(str(r[i] or "")) for r in table.rows[:500])])
                    + 2.0)
                for i, h in enumerate(table.headers)
            ]
            rows = (
                [_cell(f"{column_letters(i)}{number}", value) for i, value in enumerate(row)]
                for number, row in enumerate(table.rows, start=2)
            )
            writer.add_sheet(SheetSpec(safe_sheet_name(table.title), list(table.headers), widths, rows,
                                       len(table.rows)))
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    return path
