"""A spreadsheet file as the readers hand it over: a ``Book`` of sheets, each a ``RawSheet`` whose
rows are ``(excel_row_number, cells)``; no meaning attached yet (see ``readers`` for the cells).

Its own file so that the readers of each format (``readers``, ``vcard``) and their users
(``customers``) share the type without importing one another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guestcard.io.results import RowIssue

if TYPE_CHECKING:
    from guestcard.domain.messages import Message
    from guestcard.io.xlsx_cells import Cells

Row = list[Any]
Merge = tuple[tuple[int, int], tuple[int, int]]  # ((row0, col0), (row1, col1)), 0-based, inclusive


@dataclass(slots=True)
class RawSheet:
    name: str
    rows: Callable[[], Iterator[tuple[int, Row]]]  # (row number as Excel shows it, cells)
    height: int | None = None  # rows, for progress
    hidden: bool = False
    errors: dict[tuple[int, int], str] = field(default_factory=dict)  # (row number, col0) → "#N/A"
    # (row number, col0) → NUL characters removed from that cell (filled as the rows are read)
    nul_removed: dict[tuple[int, int], int] = field(default_factory=dict)
    # row number → the picture that row's customer comes with (a vCard's PHOTO), and warnings
    # about a row the cells cannot carry (a vCard's photo not imported)
    photos: dict[int, bytes] = field(default_factory=dict)
    row_warnings: dict[int, list[RowIssue]] = field(default_factory=dict)
    # (row number, col0) → the shared-string index, not a number, of a cell read as "" (xlsx)
    bad_strings: dict[tuple[int, int], str] = field(default_factory=dict)
    # columns (col0) → their date cells showing no year (MONTH_DAY) or holding no day (a fault)
    date_cells: Callable[[list[int]], Cells] | None = None


@dataclass(slots=True)
class Book:
    path: Path
    format: str
    reader: str
    sheet_names: list[str]
    load: Callable[[str], RawSheet]  # loads one sheet (may raise ImportRefused)
    encoding: str | None = None
    delimiter: str | None = None
    close: Callable[[], None] = lambda: None
    has_nul: bool = False  # a text file holding NUL characters (a binary one is refused)
    encoding_note: Message | None = None  # a weak guess of a text file's encoding, said to the user
