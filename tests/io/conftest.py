"""Helpers for the import/export tests: real files written by the tests themselves."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from guestcard.forms import FormLibrary
from guestcard.io import ParsedRow, Progress, ReadSummary, RowIssue, read_customers

FIXTURES = Path(__file__).with_name("fixtures")


class Result:
    """Everything ``read_customers`` yielded, sorted by kind."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.rows: list[ParsedRow] = []
        self.issues: list[RowIssue] = []
        self.progress: list[Progress] = []
        self.summary: ReadSummary | None = None
        for item in items:
            if isinstance(item, ParsedRow):
                self.rows.append(item)
            elif isinstance(item, RowIssue):
                self.issues.append(item)
            elif isinstance(item, Progress):
                self.progress.append(item)
            elif isinstance(item, ReadSummary):
                assert self.summary is None, "one summary, last"
                self.summary = item
            else:  # pragma: no cover - a test failure names the stranger
                raise AssertionError(f"unexpected item {item!r}")
        assert self.summary is not None, "the summary comes last"

    @property
    def customers(self) -> list[Any]:
        return [r.customer for r in self.rows]

    def by_name(self, name: str) -> Any:
        matches = [r.customer for r in self.rows if r.customer.name == name]
        assert len(matches) == 1, f"{name}: {len(matches)} rows"
        return matches[0]

    def warnings(self) -> list[RowIssue]:
        return [i for i in self.issues if i.level == "warning"]

    def errors(self) -> list[RowIssue]:
        return [i for i in self.issues if i.level == "error"]


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


def patch_sheet_xml(path: Path, edit: Callable[[str], str], member: str = "xl/worksheets/sheet1.xml") -> None:
    """Rewrite one part of an xlsx (what openpyxl cannot write: cached formula values, lies)."""
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info.filename)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts:
            if info.filename == member:
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)


def set_formula(xml: str, ref: str, formula: str, cached: str, error: bool = False) -> str:
    """Give cell ``ref`` a formula and a cached value (number, or an error code)."""
    pattern = re.compile(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)')
    kind = ' t="e"' if error else ""
    new = f'<c r="{ref}"{kind}><f>{formula}</f><v>{cached}</v></c>'
    out, count = pattern.subn(new, xml, count=1)
    assert count == 1, f"no cell {ref}"
    return out
