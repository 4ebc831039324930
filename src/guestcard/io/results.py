"""The values ``read_customers`` yields and the one exception it raises.

``read_customers`` is a generator of, in order of the file:

- ``Progress(done, total)`` now and then (rows looked at so far; ``total`` the rows of the sheets
  being read when the reader knows it, else ``None``);
- ``ParsedRow`` for each customer row;
- ``RowIssue`` for each problem (``level="warning"``: the row was produced, something in it could
  not be understood; ``level="error"``: the row was not produced; ``row=None``: about a sheet);
- lastly one ``ReadSummary`` with a ``SheetInfo`` for every sheet of the file.

It raises ``ImportRefused`` when the file cannot be used at all, possibly after it yielded rows of
earlier sheets: the caller treats the import as one transaction and drops what it got.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from guestcard.domain import Customer
from guestcard.domain.messages import Code, Message, said


class ImportRefused(Exception):
    """Unusable input; ``str(exc)`` is one line: ``"FILE: reason"`` (English: the command line,
    the log). ``code`` (and ``args``) name the reason for a shell to word it in its language;
    ``None`` for reasons not yet coded, shown as written."""

    def __init__(self, source: object, reason: str, *, code: str | None = None, args: tuple[str, ...] = ()) -> None:
        self.source = str(source)
        self.reason = reason
        self.code = code
        self.args_ = args
        super().__init__(f"{self.source}: {reason}")

    @classmethod
    def of(cls, source: object, code: Code, *args: object) -> ImportRefused:
        """Refused by ``code`` (its English ``"%1: …"``, ``%1`` the source): worded by each shell."""
        pieces = tuple(str(a) for a in args)
        english = said(Message(code, (str(source), *pieces)))
        prefix = f"{source}: "
        return cls(source, english.removeprefix(prefix), code=code.value, args=pieces)


@dataclass(frozen=True, slots=True)
class RowIssue:
    sheet: str
    row: int | None  # the row number Excel shows (1-based); None when about the whole sheet
    column: str | None  # the column's header as written in the file
    level: Literal["error", "warning"]
    message: str  # English (the command line's --lang en, the report file)
    # What the message says, for each shell to word in its language: a ``Code`` and the pieces it
    # puts in (a piece may be a ``Message``: a value's reason); ``None`` for an uncoded note.
    code: str | None = None
    args: tuple[str | Message, ...] = ()

    @classmethod
    def coded(cls, sheet: str, row: int | None, column: str | None, level: Literal["error", "warning"],
              code: Code, *args: str | Message | int) -> RowIssue:
        pieces = tuple(a if isinstance(a, Message) else str(a) for a in args)
        return cls(sheet, row, column, level, said(Message(code, pieces)), code, pieces)

    @property
    def as_message(self) -> Message | None:
        """The issue as a ``Message`` (``None`` for an uncoded note, shown by its ``message``)."""
        return Message(Code(self.code), self.args) if self.code in _CODES else None


_CODES = frozenset(Code)


@dataclass(slots=True)
class ParsedRow:
    sheet: str
    row: int  # the row number Excel shows
    customer: Customer  # id is None
    # The value of a 系统编号/Record ID column (written by our own export), else None.
    source_id: str | None = None
    # A JPEG or PNG that comes with the row (a vCard's PHOTO, checked by ``domain.photos``).
    photo: bytes | None = None


@dataclass(frozen=True, slots=True)
class Progress:
    done: int
    total: int | None


@dataclass(slots=True)
class SheetInfo:
    name: str
    header_row: int | None  # None: no customer header found, the sheet was not read
    # (header, field key), key None for an ignored column (序号), "extra:HEADER" for a kept one,
    # "raw:KEY" for an exported original-text column, "id" / "tags" for those export columns.
    columns: list[tuple[str, str | None]] = field(default_factory=list)
    rows: int = 0  # customers produced
    errors: int = 0  # rows refused (no name)
    warnings: int = 0
    skipped: int = 0  # blank, total/subtotal, repeated header and note rows
    kind: str = "individual"  # "corporate" on a sheet of organisations (单位名称)
    sheet_class: str | None = None  # from a sheet name like "A类客户", used when no class column
    note: str | None = None  # why the sheet was not read, when it was not


@dataclass(slots=True)
class ReadSummary:
    """The last item ``read_customers`` yields."""

    path: str
    format: str  # "xlsx", "xls", "csv", "ods"
    reader: str  # "calamine", "openpyxl", "xlrd", "csv"
    sheets: list[SheetInfo]
    encoding: str | None = None  # csv only
    delimiter: str | None = None  # csv only

    @property
    def rows(self) -> int:
        return sum(s.rows for s in self.sheets)
