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
import datetime as dt
import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from guestcard.domain import Customer
from guestcard.domain.limits import too_long
from guestcard.domain.messages import Code, Message, message_of
from guestcard.domain.values import PartialDate, parse_class
from guestcard.forms import FieldType, FormLibrary
from guestcard.io.coerce import LUNAR_HEADER, Converter, cell_text, make_converter
from guestcard.io.mapping import HeaderIndex, norm_header
from guestcard.io.readers import Book, RawSheet, open_book
from guestcard.io.results import ImportRefused, ParsedRow, Progress, ReadSummary, RowIssue, SheetInfo
from guestcard.io.xlsx_cells import apply_marks, row_marks

HEADER_SCAN_ROWS = 30
PROGRESS_EVERY = 2000
EXPORT_SIDE_SHEETS = {"到店记录", "联系记录", "visits", "contacts"}
_TOTAL = re.compile(r"^(合计|总计|小计|共计|总共|累计|本页合计|total|subtotal|grandtotal|sum)(\b|[:：\s(（]|$)",
                    re.IGNORECASE)
_NOTE = re.compile(r"^(注|备注|说明|制表|填表|审核|note|remark)[:：]", re.IGNORECASE)
_TOTAL_FIRST = set("合总小共累本tTsSgG")
_NOTE_FIRST = set("注备说制填审nNrR")
# Spaces typed between the characters of a Chinese name (李 娜): not part of it.
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff])[\s\u3000]+(?=[\u3400-\u9fff\uf900-\ufaff])")
# A "name" that is a date or a number (2020-01-01, 2020年, 12.5): a section or a stray cell, not a guest.
_NOT_A_NAME = re.compile(r"[\d\s.,:/\-_~年月日号时分秒]+")
_SECTION_STARTS = ("以下", "以上", "下面", "下列")  # 以下为2020年: a section heading
# ({name}, ${name}: a template's placeholder, not a guest, is skipped the same way.)
# What an allergy column says when the guest has none.
NO_ALLERGY = frozenset({"无", "没有", "无忌口", "没有忌口", "不忌口", "无禁忌", "没有禁忌", "无过敏", "没有过敏",
                        "无过敏史", "不过敏", "无特殊", "无特殊要求", "都吃", "什么都吃", "none", "no", "nil", "n/a",
                        "na", "-", "--", "/", "—", "无/无", "无。"})
_SHEET_NAME_SUFFIX = re.compile(r"(名单|档案|列表|明细|信息|资料|表)+$")
_TAG_SPLIT = re.compile(r"[、,，;；/|\n]+")

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
        raise ImportRefused(path, f"header row {header_row}: rows are numbered from 1")
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
                raise ImportRefused(book.path, f"has no sheet named {wanted!r} (sheets: {', '.join(names)})")
            wanted = folded[wanted.strip().lower()]
        names = [wanted]
    infos: list[SheetInfo] = []
    done = 0
    found = False
    if book.encoding_note is not None:
        yield RowIssue(names[0], None, None, "warning", book.encoding_note)
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
        where = f"sheet {wanted!r}" if wanted else "the file"
        raise ImportRefused(book.path, f"row {header_row} of {where} is empty: it cannot name the columns")
    if not found:
        where = f"sheet {wanted!r}" if wanted else "any sheet"
        raise ImportRefused(book.path, f"no customer header found in {where} (a row naming columns such as "
                                       "姓名/Name and 手机/Phone within the first 30 rows)")
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
        plan = _Plan(header_cells, self.index, raw.name)
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
                return (position, cells) if any(_filled(c) and cell_text(c).strip() for c in cells) else None
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


class _Plan:
    """What each column of one sheet means, and how to turn a row into a customer."""

    def __init__(self, header: list[Any], index: HeaderIndex, sheet: str) -> None:
        self.sheet = sheet
        self.index = index
        claims: dict[str, tuple[int, int]] = {}  # target → (rank, col)
        headers: dict[int, str] = {}
        targets: dict[int, str | None] = {}
        for col, cell in enumerate(header):
            text = cell_text(cell).strip()
            if not text:
                continue
            headers[col] = text
            match = index.match(text)
            if match is None:
                targets[col] = f"extra:{text}"
                continue
            targets[col] = match.target
            if match.target is not None and not match.target.startswith("extra"):
                known = claims.get(match.target)
                if known is None or match.rank < known[0]:
                    claims[match.target] = (match.rank, col)
        # A second column claiming a field is kept as an extra column under its header.
        for col, target in list(targets.items()):
            if target is not None and target in claims and claims[target][1] != col:
                targets[col] = f"extra:{headers[col]}"
        self.kind = "individual"
        corporate = [c for c, t in targets.items() if t == "corporate_name"]
        if "name" not in claims:
            if corporate:
                targets[corporate[0]] = "name"
                self.kind = "corporate"
            elif "company" in claims:
                targets[claims["company"][1]] = "name"
                self.kind = "corporate"
        elif corporate:
            targets[corporate[0]] = "company" if "company" not in claims else f"extra:{headers[corporate[0]]}"
        # Extra columns of one header get (2), (3)…
        seen_extra: dict[str, int] = {}
        for col, target in targets.items():
            if target is not None and target.startswith("extra:"):
                label = target[6:] or headers[col]
                count = seen_extra.get(label, 0) + 1
                seen_extra[label] = count
                targets[col] = f"extra:{label}" if count == 1 else f"extra:{label} ({count})"
        self.columns: list[tuple[str, str | None]] = [(headers[c], targets[c]) for c in sorted(headers)]
        self.headers = headers
        library = index.library
        self.name_col: int | None = next((c for c, t in targets.items() if t == "name"), None)
        if self.name_col is None:  # only with a header row chosen by the user: nothing to read
            return
        self.class_col = next((c for c, t in targets.items() if t == "class"), None)
        self.kind_col = next((c for c, t in targets.items() if t == "kind"), None)
        self.id_col = next((c for c, t in targets.items() if t == "id"), None)
        self.tags_col = next((c for c, t in targets.items() if t == "tags"), None)
        self.ignored = {c for c, t in targets.items() if t is None}
        # (col, key, attribute or None for Customer.fields, converter)
        # (col, key, attribute or None for Customer.fields, how, converter, cache of text → result)
        self.fields: list[tuple[int, str, str | None, int, Converter, dict[str, Any]]] = []
        self.date_cols: list[int] = []
        for col, target in sorted(targets.items()):
            if target is None or target in ("name", "id", "tags") or target.startswith(("extra:", "raw:")):
                continue
            spec = library.fields.get(target)
            if spec is None:
                continue
            attribute = ("customer_class" if target == "class" else target) if spec.core else None
            how = _ALLERGIES if target == "allergies" else _TEXT if spec.type is FieldType.TEXT \
                else _LONGTEXT if spec.type is FieldType.LONGTEXT else _CALL if spec.type is FieldType.PHONE \
                else _CACHED
            lunar = spec.type is FieldType.DATE and bool(LUNAR_HEADER.search(str(headers[col])))  # 农历生日
            if spec.type is FieldType.DATE:
                self.date_cols.append(col)
            self.fields.append((col, target, attribute, how, make_converter(spec, lunar=lunar), {}))
        self.extras = [(c, t[6:]) for c, t in sorted(targets.items()) if t and t.startswith("extra:")]
        self.this_year = dt.date.today().year
        # A sheet with a birthday column says what it knows of birthdays (our export among them);
        # on one without, an age column gives the approximate birth year.
        self.age_gives_birth_year = "birthday" not in claims and AGE_FIELD in claims
        self.raws = [(c, t[4:]) for c, t in sorted(targets.items()) if t and t.startswith("raw:")]
        self.content_cols = sorted(c for c, t in targets.items() if t is not None)
        self.width = max(headers) + 1
        # Exact texts a repeated header row has in the name column (checked properly when met).
        self.header_names = {headers[self.name_col]} | set(library.fields["name"].aliases) | {
            library.fields["name"].label.zh, library.fields["name"].label.en}

    def _repeats_header(self, cells: list[Any]) -> bool:
        """Whether a row whose name cell reads as a header is the header row repeated (printed sheets
        repeat it page after page): its other filled cells read as headers too. A guest written
        "Guest" or "客户" with a phone number is a guest."""
        def reads_as_header(col: int) -> bool:
            text = cell_text(cells[col])
            return norm_header(text) == norm_header(self.headers[col]) or self.index.match(text) is not None

        return all(reads_as_header(c) for c in self.content_cols if c != self.name_col and _filled(cells[c]))

    def parse(self, number: int, cells: list[Any], error_at: Any, info: SheetInfo) -> Any:
        """A ``ParsedRow``, ``None`` for a skipped row, or a list of issues (with the row, if any)."""
        if len(cells) < self.width:
            cells = cells + [""] * (self.width - len(cells))
        issues: list[Any] | None = None
        if error_at is not None:
            for col in self.content_cols:
                code = error_at((number, col))
                if code is not None:
                    issues = issues or []
                    issues.append(RowIssue.coded(self.sheet, number, self.headers[col], "warning", Code.CELL_ERROR,
                                                 code))
        name_value = cells[self.name_col]
        name = name_value.strip() if name_value.__class__ is str else cell_text(name_value).strip()
        if not name:
            if not any(_filled(cells[c]) for c in self.content_cols):
                info.skipped += 1
                return issues
            first = next((cell_text(v).strip() for v in cells if _filled(v)), "")
            if first[:1] in _TOTAL_FIRST and _TOTAL.match(first):
                info.skipped += 1
                return None
            issues = issues or []
            issues.append(RowIssue.coded(self.sheet, number, self.headers.get(self.name_col), "error",
                                         Code.ROW_WITHOUT_NAME))
            return issues
        if name[0] in _TOTAL_FIRST and _TOTAL.match(name):
            info.skipped += 1
            return None
        if name_value.__class__ is not str or not_a_guest_name(name):
            info.skipped += 1
            issues = issues or []
            issues.append(RowIssue.coded(self.sheet, number, self.headers[self.name_col], "warning",
                                         Code.NAME_NOT_A_GUEST, name))
            return issues
        if " " in name or "\u3000" in name or "\t" in name:
            name = clean_name(name)
        if name in self.header_names and self.index.is_name_header(name) and self._repeats_header(cells):
            info.skipped += 1
            return None
        if name[0] in _NOTE_FIRST and _NOTE.match(name) and not any(
                _filled(cells[c]) for c in self.content_cols if c != self.name_col):
            info.skipped += 1
            return None
        values: dict[str, Any] = {"name": name, "kind": self.kind}
        if info.sheet_class is not None:
            values["customer_class"] = info.sheet_class
        others: dict[str, Any] = {}
        raw: dict[str, str] = {}
        for col, key, attribute, how, convert, cache in self.fields:
            value = cells[col]
            if value == "":
                continue
            # Inlined for speed: text as is, repeated text from the cache, the rest converted.
            if value.__class__ is str and how == _TEXT:
                kept = value.strip() or None
            elif value.__class__ is str and how == _LONGTEXT:
                kept = value.strip("\n ") or None
            elif how == _ALLERGIES:
                kept = convert(value)
                if kept is not None and unicodedata.normalize("NFKC", kept).lower() in NO_ALLERGY:
                    continue
            elif value.__class__ is str and how == _CACHED:
                kept = cache.get(value, _MISS)
                if kept is _MISS:
                    try:
                        kept = convert(value)
                    except ValueError as exc:
                        kept = _Failed(message_of(exc) or str(exc))
                    if len(cache) < _CACHE_LIMIT:
                        cache[value] = kept
            else:
                try:
                    kept = convert(value)
                except ValueError as exc:
                    kept = _Failed(message_of(exc) or str(exc))
            if kept is None:
                continue
            if kept.__class__ is _Failed:
                text = cell_text(value).strip()
                if not text:
                    continue
                raw[key] = text
                issues = issues or []
                reason = kept.reason
                if isinstance(reason, Message) and reason.code in _SAYS_KEPT:  # its words say "kept as text"
                    issues.append(RowIssue.coded(self.sheet, number, self.headers[col], "warning", reason.code,
                                                 *reason.args))
                else:
                    issues.append(RowIssue.coded(self.sheet, number, self.headers[col], "warning",
                                                 Code.KEPT_AS_TEXT, reason))
                continue
            if attribute is not None:
                values[attribute] = kept
            else:
                others[key] = kept
        extra: dict[str, str] = {}
        for col, header in self.extras:
            value = cells[col]
            if value != "":
                text = value.strip() if value.__class__ is str else cell_text(value).strip()
                if text:
                    extra[header] = text
        for col, key in self.raws:
            value = cells[col]
            if value != "":
                text = cell_text(value).strip()
                if text:
                    raw[key] = text
        if self.age_gives_birth_year and AGE_FIELD in others and values["kind"] == "individual":
            age = others[AGE_FIELD]
            if age.__class__ is int and age in _AGES:  # 年纪 48: born about 1978, never a full date
                values["birthday"] = PartialDate.about_year(self.this_year - age)
        source_id = None
        if self.id_col is not None:
            source_id = cell_text(cells[self.id_col]).strip() or None
        if self.tags_col is not None:
            tags = [t.strip() for t in _TAG_SPLIT.split(cell_text(cells[self.tags_col])) if t.strip()]
            if tags:
                values["tags"] = tuple(dict.fromkeys(tags))
        row = ParsedRow(self.sheet, number, Customer(**values, fields=others, extra=extra, raw=raw), source_id)
        if issues is None:
            return row
        return [*issues, row]


_TEXT, _LONGTEXT, _CACHED, _CALL, _ALLERGIES = range(5)
_DIGITS = frozenset("0123456789")
AGE_FIELD = "age"
_AGES = range(1, 121)
_MISS = object()
_SAYS_KEPT = frozenset({Code.DATE_CELL_PHANTOM, Code.DATE_CELL_NOT_A_DAY})
_CACHE_LIMIT = 100_000


class _Failed:
    """A value that could not be understood, and why (cached like a result): its ``Message``, or
    the English of an uncoded reason."""

    __slots__ = ("reason",)

    def __init__(self, reason: str | Message) -> None:
        self.reason = reason


def not_a_guest_name(name: str) -> bool:
    """A stripped, non-empty name cell that is a date, a number, a section heading or a placeholder."""
    return bool((name[0] in _DIGITS and _NOT_A_NAME.fullmatch(name)) or name[:2] in _SECTION_STARTS
                or (name[0] in "{$" and name[-1] == "}"))


def clean_name(name: str) -> str:
    """Spaces between the characters of a Chinese name dropped (李 娜 → 李娜); others kept."""
    return _CJK_GAP.sub("", name)


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


def _filled(value: Any) -> bool:
    if value.__class__ is str:
        return bool(value.strip())
    return value is not None
