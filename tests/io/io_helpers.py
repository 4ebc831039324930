"""Helpers for the import/export tests (a module of its own name: every test folder has a
conftest.py, and ``from conftest import`` would find whichever came first on the path)."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from guestcard.io import ParsedRow, Progress, ReadSummary, RowIssue

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
