"""Fixtures of the import/export tests: real files written by the tests themselves (helpers in io_helpers)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from io_helpers import Result

from guestcard.forms import FormLibrary
from guestcard.io import read_customers


@pytest.fixture
def read(library: FormLibrary) -> Callable[..., Result]:
    def run(path: Path, **kwargs: Any) -> Result:
        return Result(read_customers(path, library, **kwargs))
    return run


@pytest.fixture
def xlsx(tmp_path: Path) -> Callable[..., Path]:
    """``xlsx(rows, name=..., sheets={...}, merges=[...], hidden_rows=[...])`` → an .xlsx by openpyxl."""

    def make(rows: list[list[Any]] | None = None, *, name: str = "book.xlsx", title: str = "Sheet1",
             sheets: dict[str, list[list[Any]]] | None = None, merges: Iterable[str] = (),
             hidden_rows: Iterable[int] = (), hidden_cols: Iterable[str] = ()) -> Path:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for sheet_name, sheet_rows in (sheets or {title: rows or []}).items():
            ws = wb.create_sheet(sheet_name)
            for row in sheet_rows:
                ws.append(row)
            if sheet_name == (title if sheets is None else next(iter(sheets))):
                for ref in merges:
                    ws.merge_cells(ref)
                for r in hidden_rows:
                    ws.row_dimensions[r].hidden = True
                for c in hidden_cols:
                    ws.column_dimensions[c].hidden = True
        path = tmp_path / name
        wb.save(path)
        return path

    return make
