"""What a workbook's cells really hold where python-calamine reads them wrongly or not at all.

calamine gives no number formats, reads a shared-string index it cannot parse as the first
shared string, and turns impossible date serials into days. Read from the package itself:

- ``xlsx_date_cells(...)``: the cells of the given columns of one worksheet styled as dates
  (``number_formats.date_styles``) whose format shows no year (typing ``3月2日`` in Excel stores
  this year's 2 March with such a format, yet the person never typed a year):
  ``MONTH_DAY``, or a ``DateCellFault`` when the number is no day (NaN → 1899-12-30, INF, Excel's
  phantom 29 February 1900 (serial 60) → 1900-02-28, a serial below 1 → a time); only run when a
  date column is mapped, it streams the sheet part once through ``inflate``'s caps and
  looks at those columns' cells alone;
- ``xls_date_cells(...)``: the same for an .xls, by xlrd's formatting information;
- ``SharedStringCheck``: fed each worksheet's XML during ``safety.inspect_zip``, it lists the
  cells whose shared-string index is not a plain number (``-1``, ``abc``, ``99999999999999999999``),
  which the reader leaves empty and the importer warns about.

XML is parsed with defusedxml (the fallback for cells placed without ``r=``).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET

from guestcard.domain.messages import Code
from guestcard.domain.values import PartialDate
from guestcard.io.coerce import DateCellFault
from guestcard.io.inflate import MAX_TOTAL_INFLATED, inflate
from guestcard.io.number_formats import (
    BUILTIN_MONTH_DAY,
    DateStyles,
    as_int,
    date_styles,
    local_name,
    shows_month_day_only,
)

MONTH_DAY = "month_day"
CellNote = str | DateCellFault  # MONTH_DAY or the fault of a cell
Cells = dict[tuple[int, int], CellNote]  # (row number as Excel shows it, col0) → note

def date_cells_by_sheet(path: Path, fmt: str, sheet_parts: dict[str, str] | None,
                        ) -> Callable[[str], Callable[[list[int]], Cells] | None]:
    """sheet name → its ``RawSheet.date_cells`` (None for formats without number formats); the
    styles are read once, when a sheet first asks."""
    if fmt == "xls":
        return lambda name: lambda columns: xls_date_cells(path, name, columns)
    if fmt != "xlsx" or sheet_parts is None:
        return lambda name: None
    parts = sheet_parts
    styles: list[DateStyles] = []

    def of_sheet(name: str) -> Callable[[list[int]], Cells] | None:
        part = parts.get(name)
        if part is None:
            return None

        def cells(columns: list[int]) -> Cells:
            if not styles:
                styles.append(date_styles(path))
            return xlsx_date_cells(path, part, columns, styles[0])

        return cells

    return of_sheet


# --- date cells of one worksheet ------------------------------------------------------------------


def fault_of(text: str, *, date1904: bool) -> DateCellFault | None:
    """The fault of a date cell's stored number, or None when it is a day."""
    try:
        number = float(text)
    except ValueError:
        return None  # calamine gives the text itself: the date reading says what is wrong with it
    if math.isnan(number) or math.isinf(number):
        return DateCellFault(text.strip(), Code.DATE_CELL_NOT_A_DAY)
    if number < 1:
        return DateCellFault(text.strip(), Code.DATE_CELL_NOT_A_DAY)
    if not date1904 and 60 <= number < 61:
        return DateCellFault(text.strip(), Code.DATE_CELL_PHANTOM)
    return None


def _note(style: int, value: str | None, styles: DateStyles) -> CellNote | None:
    fault = fault_of(value, date1904=styles.date1904) if value else None
    if fault is not None:
        return fault
    return MONTH_DAY if style in styles.month_day else None


_CARRY = 4096
_STYLE = re.compile(rb"""\ss=["'](\d{1,9})["']""")
_TYPE = re.compile(rb"""\st=["'](\w+)["']""")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]{0,64})</(?:\w+:)?v>")
_CELL_END = re.compile(rb"</(?:\w+:)?c>")
_CELL_START = re.compile(rb"<(?:\w+:)?c\s")
_UNPLACED = re.compile(rb"""<(?:\w+:)?c(?:/?>|\s(?![^>]*\br=["'])[^>]*>)""")


def xlsx_date_cells(path: Path, part: str, columns: Iterable[int], styles: DateStyles) -> Cells:
    """``MONTH_DAY`` or a fault for the cells of ``columns`` (0-based) in the worksheet ``part``
    styled as dates (see the module doc); {} when the workbook has no date style."""
    wanted = sorted(set(columns))
    if not styles.dates or not wanted:
        return {}
    scan = _DateCellScan(wanted, styles)
    with zipfile.ZipFile(path) as archive, path.open("rb") as raw:
        info = archive.getinfo(part)
        inflate(path, raw, info, scan.feed, MAX_TOTAL_INFLATED)
        scan.finish()
        if scan.unplaced:  # cells without r=: their place is counted, as calamine does
            counter = _CountingTarget(set(wanted), styles)
            parser = SafeET.DefusedXMLParser(target=counter)
            inflate(path, raw, info, parser.feed, MAX_TOTAL_INFLATED)
            parser.close()
            return counter.found
    return scan.found


class _DateCellScan:
    """Streams a worksheet's XML for the date-styled cells of some columns. How the sheet writes
    its cells is judged on its first window: ``<c r="E5" …>`` throughout (Excel, openpyxl) is read
    by one expression that finds those cells in C; anything else (attributes in another order, a
    namespace prefix, single quotes) by the general finder; cells without ``r=`` by counting."""

    def __init__(self, wanted: list[int], styles: DateStyles) -> None:
        self.styles = styles
        self.columns = {_letters(col): col for col in wanted}
        letters = b"|".join(self.columns)
        dated = b"|".join(str(style).encode() for style in sorted(styles.dates))
        # <c r="E5" …s="3"…> and, when it follows at once (after a formula), its <v>: groups 3 and 5
        # the other attributes. Without month-day styles only a value that may be no day matters
        # (not starting 1-9, or 60…): the other date cells are passed over in C.
        value = rb"(?:<v>([^<]{0,64})</v>)?" if styles.month_day else rb"<v>(?=[^1-9<]|60[.<])([^<]{0,64})</v>"
        self.quick = re.compile(rb'<c r="(' + letters + rb')(\d{1,7})"([^>]*?)\ss="(' + dated
                                + rb')"([^>]*?)(/?)>(?:<f[^>]*/>|<f[^>]*>[^<]*</f>)?' + value)
        self.finder = re.compile(rb"""\br=["'](""" + letters + rb""")(\d{1,7})["']""")
        self.plain: bool | None = None  # decided on the first window
        self.unplaced = False
        self.buffer = b""
        self.found: Cells = {}

    def feed(self, chunk: bytes) -> None:
        buf = self.buffer + chunk if self.buffer else chunk
        cut = _after_last_cell(buf)
        if cut:
            self.scan(buf, cut)
        self.buffer = buf[cut:]

    def finish(self) -> None:
        if self.buffer:
            self.scan(self.buffer, len(self.buffer))

    def scan(self, buf: bytes, end: int) -> None:
        if self.plain is None:
            self.plain = buf.count(b"<c ", 0, end) == buf.count(b'<c r="', 0, end) and \
                buf.find(b"<c>", 0, end) < 0 and buf.find(b":c ", 0, end) < 0 and buf.find(b"r='", 0, end) < 0
            self.unplaced = bool(_UNPLACED.search(buf, 0, end))
        if self.plain:
            for match in self.quick.finditer(buf, 0, end):
                attributes = match.group(3) + match.group(5)
                value = match.group(7)
                if b"t=" in attributes or (value is None and not match.group(6)):  # a type, or <f> first
                    self.note(buf, match.start(), match.end(), match.group(1), match.group(2), match.group(4))
                else:
                    self.keep(match.group(1), match.group(2), match.group(4), value)
            return
        for match in self.finder.finditer(buf, 0, end):
            start = buf.rfind(b"<", 0, match.start())
            if start < 0 or not _CELL_START.match(buf, start):
                continue
            close = buf.find(b">", match.end())
            style = _STYLE.search(buf, start, close) if close > 0 else None
            if style is not None and int(style.group(1)) in self.styles.dates:
                self.note(buf, start, match.end(), match.group(1), match.group(2), style.group(1))

    def note(self, buf: bytes, start: int, after: int, letters: bytes, row: bytes, style: bytes) -> None:
        """The cell whose tag starts at ``start``: its type and value looked up."""
        close = buf.find(b">", after)
        if close < 0:
            return
        tag = buf[start:close]
        kind = _TYPE.search(tag)
        if kind is not None and kind.group(1) not in (b"n", b"d"):
            return
        value = None
        if not tag.endswith(b"/") and (kind is None or kind.group(1) == b"n"):  # t="d": an ISO date, no serial
            cell_end = _CELL_END.search(buf, close)
            found_value = _VALUE.search(buf, close, cell_end.start() if cell_end else len(buf))
            value = found_value.group(1) if found_value else None
        self.keep(letters, row, style, value)

    def keep(self, letters: bytes, row: bytes, style: bytes, value: bytes | None) -> None:
        note = _note(int(style), value.decode("ascii", "replace") if value else None, self.styles)
        if note is not None:
            self.found[(int(row), self.columns[letters])] = note


def _after_last_cell(buf: bytes) -> int:
    """Where the last closed cell or row of ``buf`` ends (0: none yet); a scan stops there so
    that no cell is cut in two."""
    at = len(buf)
    while True:
        at = buf.rfind(b"</", 0, at)
        if at < 0:
            return 0
        close = buf.find(b">", at, at + 64)
        if close > 0 and buf[at + 2:close].rsplit(b":", 1)[-1] in (b"c", b"row"):
            return close + 1


def column_index(letters: bytes | str) -> int:
    """``A`` → 0, ``Z`` → 25, ``AA`` → 26."""
    value = 0
    for ch in letters if isinstance(letters, str) else letters.decode():
        value = value * 26 + (ord(ch) - 64)
    return value - 1


def _letters(col: int) -> bytes:
    text = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        text = chr(65 + rest) + text
    return text.encode()


_REF = re.compile(r"([A-Z]{1,3})(\d{1,7})$")


class _CountingTarget:
    """A parser target over a worksheet whose cells are placed by counting (no ``r=``): after a
    cell at column N comes N + 1, after row R comes R + 1, as calamine reads them."""

    def __init__(self, wanted: set[int], styles: DateStyles) -> None:
        self.wanted, self.styles = wanted, styles
        self.row, self.col = 0, -1
        self.cell: tuple[int, int, int] | None = None  # (row, col, style) of a date cell being read
        self.text: list[str] | None = None
        self.found: Cells = {}

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        local = local_name(tag)
        if local == "row":
            number = as_int(attrib.get("r"))
            self.row, self.col = (number if number is not None else self.row + 1), -1
        elif local == "c":
            ref = _REF.match(attrib.get("r") or "")
            self.col = column_index(ref.group(1)) if ref else self.col + 1
            row = int(ref.group(2)) if ref else self.row
            style = as_int(attrib.get("s"))
            if self.col in self.wanted and style in self.styles.dates and attrib.get("t", "n") in ("n", "d"):
                self.cell = (row, self.col, style)
                self.text = [] if attrib.get("t", "n") == "n" else None
        elif local == "v" and self.cell is not None and self.text is not None:
            self.text.append("")

    def data(self, text: str) -> None:
        if self.cell is not None and self.text:
            self.text.append(text)

    def end(self, tag: str) -> None:
        if self.cell is not None and local_name(tag) == "c":
            row, col, style = self.cell
            note = _note(style, "".join(self.text) if self.text else None, self.styles)
            if note is not None:
                self.found[(row, col)] = note
            self.cell = self.text = None

    def close(self) -> Cells:
        return self.found


# --- .xls -----------------------------------------------------------------------------------------


def xls_date_cells(path: Path, sheet_name: str, columns: Iterable[int]) -> Cells:
    """The same as ``xlsx_date_cells`` for an .xls, by xlrd's formatting information; {} when
    xlrd cannot read the file's formats (BIFF2-4 files without them)."""
    import xlrd

    wanted = sorted(set(columns))
    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=io.StringIO())
    except Exception:
        return {}
    try:
        sheet = book.sheet_by_name(sheet_name)
        found: Cells = {}
        month_day: dict[int, bool] = {}
        for rowx in range(sheet.nrows):
            width = sheet.row_len(rowx)
            for col in wanted:
                if col >= width or sheet.cell_type(rowx, col) != xlrd.XL_CELL_DATE:
                    continue
                xf = sheet.cell_xf_index(rowx, col)
                if xf not in month_day:
                    key = book.xf_list[xf].format_key
                    fmt = book.format_map.get(key)
                    month_day[xf] = key in BUILTIN_MONTH_DAY if fmt is None else shows_month_day_only(fmt.format_str)
                value = sheet.cell_value(rowx, col)
                fault = fault_of(repr(float(value)), date1904=book.datemode == 1)
                if fault is not None:
                    found[(rowx + 1, col)] = DateCellFault(_number_text(value), fault.code)
                elif month_day[xf]:
                    found[(rowx + 1, col)] = MONTH_DAY
        return found
    except Exception:
        return {}
    finally:
        book.release_resources()


def _number_text(value: float) -> str:
    return str(int(value)) if math.isfinite(value) and value.is_integer() else repr(value)


# --- the marks a reader of rows applies ------------------------------------------------------------

Marks = dict[int, list[tuple[int, Any]]]  # row number → (col0, MONTH_DAY | DateCellFault | (BAD_STRING, index))
BAD_STRING = "bad_string"


def row_marks(date_cells: Cells, bad_strings: dict[tuple[int, int], str], header_row: int,
              columns: Iterable[int]) -> Marks:
    """The marks of the rows below ``header_row`` by row: those ``xlsx_date_cells`` found, and the
    cells of ``columns`` a bad shared-string index left empty (``RawSheet.bad_strings``)."""
    wanted = set(columns)
    marks: Marks = {}
    for (row, col), note in date_cells.items():
        if row > header_row:
            marks.setdefault(row, []).append((col, note))
    for (row, col), index in bad_strings.items():
        if row > header_row and col in wanted:
            marks.setdefault(row, []).append((col, (BAD_STRING, index)))
    return marks


def apply_marks(cells: list[Any], marks: list[tuple[int, Any]]) -> Iterator[tuple[int, str]]:
    """Make one row's date cells what they show: a date whose format shows no year becomes a
    ``PartialDate`` month and day, one holding no day its ``DateCellFault`` (the cell must still
    be what calamine makes of a date cell: a date, a time, a float). Yields (col0, index) of the
    cells a bad shared-string index left empty."""
    for col, note in marks:
        if note.__class__ is tuple:
            yield col, note[1]
        elif col < len(cells) and isinstance(cells[col], dt.date | dt.time | float):
            value = cells[col]
            if note != MONTH_DAY:
                cells[col] = note
            elif isinstance(value, dt.date):
                cells[col] = PartialDate(value.month, value.day)


# --- shared-string indices ------------------------------------------------------------------------

# A shared-string cell whose value is not 1 to 10 digits (nor empty, which reads as empty).
_BAD_INDEX = re.compile(rb"""t=["']s["'][^>]*>\s*<(?:\w+:)?v>(?![0-9]{1,10}<|<)([^<]{0,40})""")
_BAD_INDEX_QUICK = re.compile(rb't="s"[^>]*>\s*<(?:\w+:)?v>(?![0-9]{1,10}<|<)([^<]{0,40})')  # a literal start: fast
_CELL_REF = re.compile(rb"""\sr=["']([A-Z]{1,3})(\d{1,7})["']""")


MAX_BAD_STRINGS = 10_000


class SharedStringCheck:
    """Streams a worksheet's XML (chunk by chunk, as ``inspect_zip`` inflates it): ``found`` maps
    (row, col0) to the index text of each shared-string cell whose index is no number. More than
    ``MAX_BAD_STRINGS`` of them is a damaged sheet: ``ValueError`` (inspect_zip refuses the file)."""

    __slots__ = ("buffer", "found", "offset")

    def __init__(self) -> None:
        self.buffer = b""
        self.offset = 0  # where in the buffer matches not yet looked at may start
        self.found: dict[tuple[int, int], str] = {}

    def feed(self, chunk: bytes, final: bool = False) -> None:
        buf = self.buffer + chunk if self.buffer else chunk
        limit = len(buf) if final else max(self.offset, len(buf) - _CARRY)
        pattern = _BAD_INDEX if b"t='s'" in buf else _BAD_INDEX_QUICK if b't="s"' in buf else None
        if pattern is not None:
            for match in pattern.finditer(buf, self.offset):
                if match.start() >= limit:
                    break
                if match.start() and buf[match.start() - 1:match.start()] not in (b" ", b"\t", b"\n", b"\r"):
                    continue  # an attribute ending in t (xt="s"), not the type
                start = buf.rfind(b"<", 0, match.start())
                ref = _CELL_REF.search(buf, start, buf.find(b">", match.start())) if start >= 0 else None
                if ref is not None:
                    text = match.group(1).decode("utf-8", "replace")
                    self.found[(int(ref.group(2)), column_index(ref.group(1)))] = text
                    if len(self.found) > MAX_BAD_STRINGS:  # a warning each would be a flood: damage
                        raise ValueError(f"more than {MAX_BAD_STRINGS:,} cells point to shared strings by "
                                         "indices that are no numbers")
        keep = max(0, limit - _CARRY)
        self.buffer = buf[keep:]
        self.offset = limit - keep

    def finish(self) -> dict[tuple[int, int], str]:
        self.feed(b"", final=True)
        return self.found
