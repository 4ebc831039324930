"""``read_customers``: a spreadsheet of guests → ``Customer`` values, with every problem reported.

For each sheet (or only ``sheet=``): the header row is the row, among the first 30, naming the
most known fields (at least two, one of them the name or an organisation's name) or, when no row
does, the first naming the name and at least one other column (``姓名,籍贯``: a plain list); title
rows, notes and blank rows above it are passed over. Sheets without such a header are reported in the
summary (``SheetInfo.header_row is None``) and not read; a file where no sheet has one is refused.
Our own export's visit and contact sheets (到店记录/联系记录, Visits/Contacts) are passed over unless
picked by name.

Below the header, silently skipped (counted in ``SheetInfo.skipped``): blank rows, rows whose only
content is in ignored columns (a pre-numbered template), total rows (合计/总计/小计/共计/Total),
repeated header rows and note rows (``注：…`` alone). A row without a name is an error and is not
produced; so is a row whose "name" is a date, a number or a section heading (``以下为2020年``),
with a warning naming it. Spaces inside a Chinese name are dropped (``李 娜`` → ``李娜``). A value
that cannot be understood leaves the field empty, keeps the original text in
``Customer.raw[key]`` and gives a warning naming sheet, row and column; so does an error cell, and
a cell whose shared-string index is no number (left empty). In the date columns, a date cell whose
format shows no year is a month and day; one whose number is no day keeps its text (see ``coerce``).

An allergy column saying the guest has none (无, 没有, 无忌口…) leaves the allergies empty. An age
(年龄, 年纪, 岁数, Age) is kept and, on a sheet without a birthday column, gives the approximate birth year it implies
(``PartialDate.about_year``: shown 约1978年, never a full date).

A sheet named like ``A类客户``/``VIP``/``散客`` gives its class to rows when there is no class column.
A sheet whose name column is 单位名称 (or which has a company column but no person's name) holds
organisations: ``kind="corporate"`` unless a kind column says otherwise.
"""

from __future__ import annotations

import contextlib
import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from guestcard.domain.limits import too_long
from guestcard.domain.messages import Code
from guestcard.domain.values import parse_class
from guestcard.forms import FormLibrary
from guestcard.io.book import Book, RawSheet
from guestcard.io.coerce import cell_text
from guestcard.io.mapping import HeaderIndex
from guestcard.io.readers import open_book
from guestcard.io.results import ImportRefused, ParsedRow, Progress, ReadSummary, RowIssue, SheetInfo
from guestcard.io.row_plan import RowPlan, filled
from guestcard.io.xlsx_cells import apply_marks, row_marks

HEADER_SCAN_ROWS = 30
PROGRESS_EVERY = 2000
EXPORT_SIDE_SHEETS = {"到店记录", "联系记录", "visits", "contacts"}
_SHEET_NAME_SUFFIX = re.compile(r"(名单|档案|列表|明细|信息|资料|表)+$")

Item = Progress | ParsedRow | RowIssue | ReadSummary


def sheet_class(name: str) -> str | None:
    """The class a sheet's name gives (``A类客户`` → A, ``VIP`` → A, ``散客名单`` → C)."""
    text = unicodedata.normalize("NFKC", name).strip().lower().replace(" ", "")
    for candidate in (text, _SHEET_NAME_SUFFIX.sub("", text)):
        if candidate:
            try:
                return parse_class(candidate)
            except ValueError:
                continue
    return None


def read_customers(path: Path, library: FormLibrary, *, sheet: str | None = None,
                   mapping: Mapping[str, str | None] | None = None,
                   header_row: int | None = None) -> Iterator[Item]:
    """Read customers from a spreadsheet file (see the module doc and ``guestcard.io.results``).

    ``header_row`` (the row number Excel shows) is the row naming the columns, instead of the one
    found; when no column of that row is the name, the sheet's columns are reported (for a mapping
    to pick the name) and no row is read.
    """
    if header_row is not None and header_row < 1:
        raise ImportRefused.of(path, Code.HEADER_ROW_FROM_1, header_row)
    path = Path(path)
    try:
        index = HeaderIndex(library, mapping)
    except ValueError as exc:
        raise ImportRefused("mapping", str(exc)) from None
    book = open_book(path)
    try:
        yield from _read_book(book, index, sheet, header_row)
    finally:
        with contextlib.suppress(Exception):  # closing twice or a reader's complaint: nothing to report
            book.close()


def _read_book(book: Book, index: HeaderIndex, wanted: str | None, header_row: int | None = None) -> Iterator[Item]:
    names = book.sheet_names
    if wanted is not None:
        if wanted not in names:
            folded = {n.strip().lower(): n for n in names}
            if wanted.strip().lower() not in folded:
                raise ImportRefused.of(book.path, Code.NO_SHEET_NAMED, repr(wanted), ", ".join(names))
            wanted = folded[wanted.strip().lower()]
        names = [wanted]
    infos: list[SheetInfo] = []
    done = 0
    found = False
    if book.encoding_note is not None:
        yield RowIssue.coded(names[0], None, None, "warning", book.encoding_note.code, *book.encoding_note.args)
    for name in names:
        if wanted is None and name.strip().lower() in EXPORT_SIDE_SHEETS:
            infos.append(SheetInfo(name, None, note="visits or contacts of an export: not customers"))
            continue
        raw = book.load(name)
        reader = _SheetReader(raw, index, done, header_row)
        yield from reader.run()
        done = reader.done
        infos.append(reader.info)
        found = found or reader.info.header_row is not None
    if not found and header_row is not None:
        if wanted:
            raise ImportRefused.of(book.path, Code.HEADER_ROW_EMPTY_SHEET, header_row, repr(wanted))
        raise ImportRefused.of(book.path, Code.HEADER_ROW_EMPTY_FILE, header_row)
    if not found:
        if wanted:
            raise ImportRefused.of(book.path, Code.NO_HEADER_IN_SHEET, repr(wanted))
        raise ImportRefused.of(book.path, Code.NO_HEADER_ANYWHERE)
    yield ReadSummary(str(book.path), book.format, book.reader, infos, book.encoding, book.delimiter)


def _within_limits(result: Any, info: SheetInfo, number: int) -> Any:
    """A row whose value is longer than its column holds (the same on SQLite and PostgreSQL):
    an error naming the row and column instead of the customer."""
    found = [r for r in ([result] if result.__class__ is ParsedRow else result) if r.__class__ is ParsedRow]
    over = too_long(found[0].customer) if found else []
    if not over:
        return result
    headers = {key: header for header, key in info.columns if key}
    issues = [r for r in ([] if result.__class__ is ParsedRow else result) if r.__class__ is not ParsedRow]
    for key, length, limit in over:
        issues.append(RowIssue.coded(info.name, number, headers.get(key, key), "error", Code.ROW_TOO_LONG, length,
                                     limit))
    return issues


def _nul_warnings(raw: RawSheet, info: SheetInfo) -> Iterator[RowIssue]:
    """NUL characters the reader removed, one warning per cell."""
    headers = dict(enumerate(header for header, _key in info.columns))
    for (number, col), count in raw.nul_removed.items():
        if info.header_row is not None and number > info.header_row:
            info.warnings += 1
            yield RowIssue.coded(info.name, number, headers.get(col), "warning",
                                 Code.NUL_REMOVED_MANY if count > 1 else Code.NUL_REMOVED, count)


class _SheetReader:
    def __init__(self, raw: RawSheet, index: HeaderIndex, done: int, header_row: int | None = None) -> None:
        self.raw = raw
        self.header_row = header_row
        self.index = index
        self.done = done
        self.info = SheetInfo(raw.name, None)

    def run(self) -> Iterator[Item]:
        raw, info = self.raw, self.info
        rows = raw.rows()
        head: list[tuple[int, list[Any]]] = []
        for item in rows:
            head.append(item)
            if len(head) >= HEADER_SCAN_ROWS and (self.header_row is None or item[0] >= self.header_row):
                break
        found = self._find_header(head) if self.header_row is None else self._chosen_header(head)
        if found is None:
            info.note = "no customer header found" if self.header_row is None else \
                f"row {self.header_row} is empty"
            return
        position, header_cells = found
        info.header_row = head[position][0]
        plan = RowPlan(header_cells, self.index, raw.name)
        info.columns = plan.columns
        info.kind = plan.kind
        if plan.name_col is None:
            info.note = "no column is the name"
            yield RowIssue.coded(raw.name, info.header_row, None, "error", Code.NO_NAME_COLUMN)
            return
        if plan.class_col is None:
            info.sheet_class = sheet_class(raw.name)
        if raw.hidden:
            yield RowIssue.coded(raw.name, None, None, "warning", Code.SHEET_HIDDEN)
        total = raw.height
        base = self.done
        yield Progress(base, base + total if total else None)

        parse = plan.parse
        photos, row_warnings = raw.photos, raw.row_warnings
        error_at = raw.errors.get if raw.errors else None
        found = raw.date_cells(plan.date_cols) if plan.date_cols and raw.date_cells is not None else {}
        marks = row_marks(found, raw.bad_strings, info.header_row, plan.headers)
        done = self.done
        for number, cells in itertools.chain(head[position + 1:], rows):
            done += 1
            if not done % PROGRESS_EVERY:
                self.done = done
                yield Progress(done, base + total if total else None)
            if marks and number in marks:
                for col, index in apply_marks(cells, marks[number]):
                    info.warnings += 1
                    yield RowIssue.coded(raw.name, number, plan.headers[col], "warning", Code.SHARED_STRING_MISSING,
                                         index)
            result = parse(number, cells, error_at, info)
            if result is None:
                continue
            result = _within_limits(result, info, number)
            if result.__class__ is ParsedRow:
                info.rows += 1
                if photos:
                    result.photo = photos.get(number)
                yield result
                produced = True
            else:
                produced = False
                for issue in result:
                    if isinstance(issue, ParsedRow):
                        info.rows += 1
                        produced = True
                        if photos:
                            issue.photo = photos.get(number)
                    elif issue.level == "error":
                        info.errors += 1
                    else:
                        info.warnings += 1
                    yield issue
            if produced and row_warnings and number in row_warnings:
                info.warnings += len(row_warnings[number])
                yield from row_warnings[number]
        self.done = done
        yield from _nul_warnings(raw, info)

    def _chosen_header(self, head: list[tuple[int, list[Any]]]) -> tuple[int, list[Any]] | None:
        for position, (number, cells) in enumerate(head):
            if number == self.header_row:
                return (position, cells) if any(filled(c) and cell_text(c).strip() for c in cells) else None
        return None

    def _find_header(self, head: list[tuple[int, list[Any]]]) -> tuple[int, list[Any]] | None:
        best: tuple[int, int] | None = None
        plain: int | None = None  # the first row naming the guest and one other column: 姓名, 籍贯
        for position, (_number, cells) in enumerate(head):
            targets: set[str] = set()
            texts = 0
            for cell in cells:
                if not isinstance(cell, str) or not cell.strip() or len(cell) > 60:
                    continue
                texts += 1
                match = self.index.match(cell)
                if match is not None and match.target is not None and not match.target.startswith("extra"):
                    targets.add(match.target)
            if not targets & {"name", "corporate_name", "company"}:
                continue
            score = len(targets)
            if score >= 2 and (best is None or score > best[1]):
                best = (position, score)
            elif plain is None and texts >= 2 and targets & {"name", "corporate_name"} and \
                    _plain_list_header(cells, self.index):
                plain = position
        if best is None:
            best = None if plain is None else (plain, 1)
        if best is None:
            return None
        return best[0], head[best[0]][1]


def _plain_list_header(cells: list[Any], index: HeaderIndex) -> bool:
    """Whether a row naming the guest and other, unknown columns reads as a list's header: one name
    column (a template lays 姓名 out twice), and no template placeholder ({name}) among them."""
    names = 0
    for cell in cells:
        if cell.__class__ is str:
            if "{" in cell:
                return False
            names += index.is_name_header(cell)
    return names == 1
