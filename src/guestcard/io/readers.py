"""Spreadsheet files → sheets of rows of cells, whatever the format; no meaning attached yet.

``open_book(path)`` sniffs and checks the file (``safety``), then returns a ``Book`` whose sheets
yield ``(excel_row_number, cells)`` with ``cells[i]`` the value of column ``i`` (0 = A):

- .xlsx/.xlsm/.ods: python-calamine (fast); openpyxl when calamine refuses a file;
- .xls (and BIFF2-5): python-calamine; xlrd when calamine refuses it;
- .csv/.txt/.tsv: the csv module after detecting the encoding (UTF-8 with or without BOM,
  UTF-16 with BOM, GB18030 which covers GBK/GB2312) and the delimiter (comma, tab, semicolon).

Cells are ``str`` (``""`` when empty), ``float``/``int``, ``bool``, ``datetime.date``/``datetime``,
``time``/``timedelta`` or ``None``. Formula cells give their cached value. A vertically merged cell
gives its value to every row it spans (first column of the merge); horizontal merges do not repeat.
Hidden rows, columns and sheets are read like the others. Error cells (``#N/A``) read as ``""``
and are listed in ``RawSheet.errors`` (xlsx via the safety scan, xls via xlrd); so do cells of an
xlsx whose shared-string index is no number (``RawSheet.bad_strings``; calamine would give the
first shared string). ``RawSheet.date_cells(columns)`` says which date cells of those columns show
no year or hold no day (``xlsx_cells``), for a reader of dates to ask when it has date columns.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import struct
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from guestcard.domain.messages import Code
from guestcard.io import xlsx_cells
from guestcard.io.book import Book, Merge, RawSheet, Row
from guestcard.io.results import ImportRefused
from guestcard.io.safety import ZipReport, inspect_zip, sniff
from guestcard.io.text_reader import open_text


def open_book(path: Path) -> Book:
    """The file's ``Book``; text cells come without NUL characters (PostgreSQL refuses them;
    each sheet's ``nul_removed`` says where they were, for the warnings)."""
    book = _open_book(path)
    load = book.load

    def load_without_nul(name: str) -> RawSheet:
        sheet = load(name)
        if book.format != "csv" or book.has_nul:
            rows = sheet.rows
            bad_rows: dict[int, list[int]] = {}
            for row, col in sheet.bad_strings:
                bad_rows.setdefault(row, []).append(col)

            def cleaned() -> Iterator[tuple[int, Row]]:
                removed = sheet.nul_removed
                for number, cells in rows():
                    for col, value in enumerate(cells):
                        if value.__class__ is str and "\x00" in value:
                            removed[(number, col)] = value.count("\x00")
                            cells[col] = value.replace("\x00", "")
                    if bad_rows and number in bad_rows:
                        for col in bad_rows[number]:
                            if col < len(cells):
                                cells[col] = ""
                    yield number, cells

            sheet.rows = cleaned
        return sheet

    book.load = load_without_nul
    return book


def _open_book(path: Path) -> Book:
    sniffed = sniff(path)
    if sniffed.format == "text":
        from guestcard.io import vcard

        with open(path, "rb") as handle:
            if vcard.looks_like_vcard(handle.read(64)):
                return vcard.open_vcards(path)
        return open_text(path)
    if sniffed.format in ("xlsx", "ods"):
        report = inspect_zip(path, scan_sheets=sniffed.format == "xlsx")
        try:
            return _open_calamine(path, sniffed.format, report)
        except ImportRefused:
            raise
        except Exception as exc:
            if sniffed.format == "xlsx":
                return _open_openpyxl(path, report, exc)
            raise ImportRefused.of(path, Code.CANNOT_BE_READ, _reason(exc)) from None
    # xls and raw BIFF
    if sniffed.format == "xls":
        try:
            return _open_calamine(path, "xls", None)
        except ImportRefused:
            raise
        except Exception as exc:  # (a calamine panic arrives here as CalaminePanic)
            return _open_xlrd(path, exc)
    return _open_xlrd(path, None)


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


# --- python-calamine ------------------------------------------------------------------------------


class CalaminePanic(Exception):
    """python-calamine's Rust code panicked on a damaged file (an index past the end of a
    truncated stream…). pyo3 raises that as ``pyo3_runtime.PanicException``, which derives from
    ``BaseException``: ``except Exception`` misses it, and the program would die with a traceback."""


_stderr_guard = threading.Lock()


@contextlib.contextmanager
def _panic_report_held_back() -> Iterator[None]:
    """Rust prints a panic (with a stack backtrace under ``RUST_BACKTRACE``) straight to file
    descriptor 2. Point it at a temporary file while calamine runs; afterwards give back to stderr
    whatever was written there that is not a panic report (another thread's output)."""
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError, AttributeError):  # no usable stderr (a windowed build): nothing to hide
        yield
        return
    with _stderr_guard, tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            held.seek(0)
            text = held.read().decode("utf-8", "replace")
            if text and "panicked at" not in text:
                with contextlib.suppress(OSError, ValueError):
                    sys.stderr.write(text)


def _calamine(call: Callable[[], Any]) -> Any:
    """Run one python-calamine call; its panic becomes ``CalaminePanic`` (an ordinary exception)."""
    try:
        with _panic_report_held_back():
            return call()
    except BaseException as exc:
        if type(exc).__name__ == "PanicException":  # pyo3_runtime exists only once a panic happened
            raise CalaminePanic(_reason(exc)) from None
        raise


def _open_calamine(path: Path, fmt: str, report: ZipReport | None) -> Book:
    import python_calamine as pc

    try:
        workbook = _calamine(lambda: pc.CalamineWorkbook.from_path(str(path)))
    except pc.PasswordError:
        raise ImportRefused.of(path, Code.PASSWORD) from None
    metadata = [m for m in workbook.sheets_metadata if m.typ == pc.SheetTypeEnum.WorkSheet]
    hidden = {m.name: m.visible != pc.SheetVisibleEnum.Visible for m in metadata}
    parts = report.sheet_parts if report else {}
    errors = report.errors if report else {}
    bad_strings = report.bad_strings if report else {}
    if fmt == "xls":
        errors = _xls_errors(path)
        parts = {name: name for name in errors}
    date_cells = xlsx_cells.date_cells_by_sheet(path, fmt, report.sheet_parts if report else None)

    def load(name: str) -> RawSheet:
        try:
            sheet = _calamine(lambda: workbook.get_sheet_by_name(name))
        except pc.PasswordError:
            raise ImportRefused.of(path, Code.WORKBOOK_PASSWORD) from None
        except Exception as exc:
            fallback = _fallback_sheet(path, fmt, name, exc)
            if fallback is None:
                damaged = Code.SHEET_DAMAGED if isinstance(exc, CalaminePanic) else Code.SHEET_UNREADABLE
                raise ImportRefused.of(path, damaged, repr(name), _reason(exc)) from None
            return fallback
        merges = sheet.merged_cell_ranges or []
        start = sheet.start
        col_offset = start[1] if start else 0

        def rows() -> Iterator[tuple[int, Row]]:
            if start is None:
                return
            source = _fill_merges(_unpanicked_rows(path, name, sheet.iter_rows()), merges, col_offset)
            if col_offset:
                pad = [""] * col_offset
                for number, cells in enumerate(source, start=1):
                    yield number, pad + cells
            else:
                yield from enumerate(source, start=1)

        return RawSheet(name, rows, height=sheet.total_height if start else 0, hidden=hidden.get(name, False),
                        errors=errors.get(parts.get(name, ""), {}),
                        bad_strings=bad_strings.get(parts.get(name, ""), {}), date_cells=date_cells(name))

    return Book(path, fmt, "calamine", [m.name for m in metadata], load, close=workbook.close)


def _unpanicked_rows(path: Path, name: str, rows: Iterator[Row]) -> Iterator[Row]:
    """calamine's rows, a panic while converting them refused as damage (rows are already read
    into memory by then: no panic seen so far, but the same BaseException would end the program)."""
    while True:
        try:
            cells = next(rows)
        except StopIteration:
            return
        except BaseException as exc:
            if type(exc).__name__ == "PanicException":
                raise ImportRefused.of(path, Code.SHEET_DAMAGED, repr(name), _reason(exc)) from None
            raise
        yield cells


def _fallback_sheet(path: Path, fmt: str, name: str, exc: BaseException) -> RawSheet | None:
    """One sheet calamine failed on, read by the other reader; None if that fails too."""
    try:
        book = _open_openpyxl(path, None, exc) if fmt == "xlsx" else _open_xlrd(path, exc) if fmt == "xls" else None
        return book.load(name) if book else None
    except ImportRefused:
        return None


def _fill_merges(rows: Iterator[Row], merges: list[Merge], first_col: int = 0) -> Iterator[Row]:
    """Give a vertically merged cell's value to each row it spans (in its first column)."""
    starts: dict[int, list[tuple[int, int]]] = {}
    for (r0, c0), (r1, _c1) in merges:
        if r1 > r0:
            starts.setdefault(r0, []).append((c0 - first_col, r1))
    if not starts:
        return rows
    return _filled(rows, starts)


def _filled(rows: Iterator[Row], starts: dict[int, list[tuple[int, int]]]) -> Iterator[Row]:
    active: list[tuple[int, int, Any]] = []  # (col, last row, value)
    for index, cells in enumerate(rows):
        if active:
            active = [a for a in active if a[1] >= index]
            for col, _last, value in active:
                if col >= len(cells):
                    cells.extend([""] * (col + 1 - len(cells)))
                cells[col] = value
        for col, last in starts.get(index, ()):
            if 0 <= col < len(cells):
                active.append((col, last, cells[col]))
        yield cells


_XLS_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
               0x24: "#NUM!", 0x2A: "#N/A"}


def _xls_errors(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Error cells of a BIFF8 .xls by sheet name (calamine reads them as empty): BOOLERR records,
    and FORMULA records whose cached result is an error. Best effort: {} when anything is odd."""
    try:
        from xlrd import compdoc

        document = compdoc.CompDoc(path.read_bytes(), logfile=io.StringIO())
        stream = document.get_named_stream("Workbook") or document.get_named_stream("Book")
        if not stream:
            return {}
        unpack = struct.unpack_from
        sheets: list[tuple[int, str]] = []
        pos, size = 0, len(stream)
        while pos + 4 <= size:  # the workbook globals: BOUNDSHEET records until EOF
            rtype, length = unpack("<HH", stream, pos)
            if rtype == 0x0085 and length >= 8:
                offset = unpack("<I", stream, pos + 4)[0]
                count, high = stream[pos + 10], stream[pos + 11]
                raw = stream[pos + 12: pos + 12 + count * (2 if high & 1 else 1)]
                sheets.append((offset, raw.decode("utf-16-le" if high & 1 else "latin-1")))
            pos += 4 + length
            if rtype == 0x000A:
                break
        result: dict[str, dict[tuple[int, int], str]] = {}
        for offset, name in sheets:
            found: dict[tuple[int, int], str] = {}
            pos = offset
            while pos + 4 <= size:
                rtype, length = unpack("<HH", stream, pos)
                if rtype == 0x0205 and length >= 8 and stream[pos + 11] == 1:
                    row, col = unpack("<HH", stream, pos + 4)
                    found[(row + 1, col)] = _XLS_ERRORS.get(stream[pos + 10], "#ERROR")
                elif rtype == 0x0006 and length >= 20 and stream[pos + 10] == 2 and \
                        stream[pos + 16: pos + 18] == b"\xff\xff":
                    row, col = unpack("<HH", stream, pos + 4)
                    found[(row + 1, col)] = _XLS_ERRORS.get(stream[pos + 12], "#ERROR")
                elif rtype == 0x000A:
                    break
                pos += 4 + length
            if found:
                result[name] = found
        return result
    except Exception:
        return {}


# --- openpyxl (fallback for .xlsx) ---------------------------------------------------------------


def _open_openpyxl(path: Path, report: ZipReport | None, cause: BaseException | None) -> Book:
    import openpyxl

    if report is None:
        report = inspect_zip(path)
    try:
        workbook = openpyxl.load_workbook(path, data_only=True, read_only=False, keep_links=False)
    except Exception as exc:
        why = _reason(cause) if cause is not None else _reason(exc)
        raise ImportRefused.of(path, Code.NOT_EXCEL_WORKBOOK, why) from None
    names = [ws.title for ws in workbook.worksheets]
    date_cells = xlsx_cells.date_cells_by_sheet(path, "xlsx", report.sheet_parts)

    def load(name: str) -> RawSheet:
        ws = workbook[name]
        merges: list[Merge] = [((m.min_row - 1, m.min_col - 1), (m.max_row - 1, m.max_col - 1))
                               for m in ws.merged_cells.ranges]
        errors = {}
        for part_name, part_errors in report.errors.items():
            if report.sheet_parts.get(name) == part_name:
                errors = part_errors

        def rows() -> Iterator[tuple[int, Row]]:
            raw = ([_openpyxl_value(v) for v in values] for values in ws.iter_rows(values_only=True))
            yield from enumerate(_fill_merges(raw, merges), start=1)

        part = report.sheet_parts.get(name, "")
        return RawSheet(name, rows, height=ws.max_row, hidden=ws.sheet_state != "visible", errors=errors,
                        bad_strings=report.bad_strings.get(part, {}), date_cells=date_cells(name))

    return Book(path, "xlsx", "openpyxl", names, load, close=workbook.close)


def _openpyxl_value(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value in _EXCEL_ERRORS:
        return ""
    return value


_EXCEL_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA"}


# --- xlrd (fallback for .xls, and BIFF2-5 files calamine does not read) ---------------------------


def _open_xlrd(path: Path, cause: BaseException | None) -> Book:
    import xlrd

    try:
        try:
            workbook = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=io.StringIO())
        except NotImplementedError:
            workbook = xlrd.open_workbook(str(path), on_demand=True, logfile=io.StringIO())
    except Exception as exc:
        text = _reason(exc)
        if "encrypt" in text.lower() or "password" in text.lower():
            raise ImportRefused.of(path, Code.XLS_PASSWORD) from None
        if isinstance(cause, CalaminePanic):  # neither reader makes sense of it: cut short or corrupted
            raise ImportRefused.of(path, Code.XLS_DAMAGED, text) from None
        why = _reason(cause) if cause is not None else text
        raise ImportRefused.of(path, Code.NOT_XLS_WORKBOOK, why) from None
    names = list(workbook.sheet_names())

    def load(name: str) -> RawSheet:
        try:
            sheet = workbook.sheet_by_name(name)
        except Exception as exc:
            raise ImportRefused.of(path, Code.SHEET_UNREADABLE, repr(name), _reason(exc)) from None
        errors: dict[tuple[int, int], str] = {}
        merges: list[Merge] = [((r0, c0), (r1 - 1, c1 - 1)) for r0, r1, c0, c1 in sheet.merged_cells]

        def convert(rowx: int) -> Row:
            cells: Row = []
            for colx, cell in enumerate(sheet.row(rowx)):
                ctype = cell.ctype
                if ctype == xlrd.XL_CELL_DATE:
                    try:
                        value = xlrd.xldate.xldate_as_datetime(cell.value, workbook.datemode)
                        cells.append(value.date() if value.time() == dt.time() else value)
                    except Exception:
                        cells.append(cell.value)
                elif ctype == xlrd.XL_CELL_ERROR:
                    errors[(rowx + 1, colx)] = xlrd.error_text_from_code.get(cell.value, "#ERROR")
                    cells.append("")
                elif ctype == xlrd.XL_CELL_BOOLEAN:
                    cells.append(bool(cell.value))
                elif ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    cells.append("")
                else:
                    cells.append(cell.value)
            return cells

        # Errors must be known before rows are used: convert eagerly (an .xls has at most 65,536 rows).
        converted = [convert(rowx) for rowx in range(sheet.nrows)]

        def rows() -> Iterator[tuple[int, Row]]:
            yield from enumerate(_fill_merges(iter(converted), merges), start=1)

        hidden = getattr(sheet, "visibility", 0) != 0
        return RawSheet(name, rows, height=sheet.nrows, hidden=hidden, errors=errors,
                        date_cells=xlsx_cells.date_cells_by_sheet(path, "xls", None)(name))

    return Book(path, "xls", "xlrd", names, load, close=workbook.release_resources)
