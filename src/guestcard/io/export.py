"""``write_customers_xlsx``: customers (and their visits and contacts) → an .xlsx that reads back.

Sheet 客户/Customers, one row per customer, columns:

1. 系统编号/Record ID (the database id), when any customer has an id (text);
2. the fields of ``form_id`` in form order, or with no form every form's fields in library order
   and then the core fields no form placed (such as 客户类型); confidential fields only with
   ``include_confidential``; headers are the labels in ``lang``;
3. 标签/Tags when any customer has tags (joined with 、);
4. ``Customer.extra`` columns under their own headers, in first-seen order;
5. for fields whose original text was kept (``Customer.raw``), a column ``LABEL（原文）`` /
   ``LABEL (original text)`` with that text.

Values: dates are date cells, but a date without a year is the text ``--MM-DD`` and one before
1 March 1900 (where Excel's calendar is wrong) ISO text; money and numbers are number cells
(integers beyond 2^53 are text); phones and ids are text cells in text format; choices are their
labels in ``lang``, yes/no 是/否 or Yes/No, multichoices labels joined with 、 or ", ". Every value
reads back through ``read_customers`` to the same ``Customer`` values. Visits (到店记录/Visits)
and contacts (联系记录/Contacts) follow on sheets of their own when given.

An extra column whose header is a field's label or alias, 序号/No. or 标签 is read back as that
(the reader cannot tell): give extra columns headers of their own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from guestcard.domain import Contact, Customer, PartialDate, Visit
from guestcard.forms import FieldSpec, FieldType, FormLibrary
from guestcard.io.coerce import EXCEL_BASE_YEARS
from guestcard.io.xlsx_writer import (
    DATE,
    DATETIME,
    DEFAULT,
    MONEY,
    TEXT,
    SheetSpec,
    WorkbookWriter,
    column_letters,
    display_width,
    number_cell,
    safe_sheet_name,
    text_cell,
)

_EPOCH = dt.date(1899, 12, 30)
_FIRST_SERIAL_DATE = dt.date(1900, 3, 1)
_MAX_EXACT_INT = 2**53
WIDTH_SAMPLE = 500
PROGRESS_EVERY = 500  # rows between two progress reports

_WORDS = {
    "zh": {"customers": "客户", "visits": "到店记录", "contacts": "联系记录", "id": "系统编号", "tags": "标签",
           "raw": "{}（原文）", "yes": "是", "no": "否", "join": "、", "customer": "客户姓名",
           "visit_cols": ("时间", "人数", "包房", "场合", "消费", "菜品", "备注"),
           "contact_cols": ("日期", "方式", "要点", "意向", "下次跟进", "已跟进")},
    "en": {"customers": "Customers", "visits": "Visits", "contacts": "Contacts", "id": "Record ID",
           "tags": "Tags", "raw": "{} (original text)", "yes": "Yes", "no": "No", "join": ", ",
           "customer": "Customer",
           "visit_cols": ("Time", "Party size", "Room", "Occasion", "Spend", "Dishes", "Notes"),
           "contact_cols": ("Date", "Channel", "Key points", "Intent", "Next follow-up", "Done")},
}

WORDS = _WORDS  # the sheet names and headers, for the reader of the side sheets
CellWriter = Callable[[str, Any], str]  # (ref, value) → cell XML


def export_fields(library: FormLibrary, form_id: str | None, include_confidential: bool) -> list[FieldSpec]:
    if form_id is not None:
        specs = list(library.form(form_id).fields())
    else:
        seen: dict[str, FieldSpec] = {}
        for form in library.forms.values():
            for spec in form.fields():
                seen.setdefault(spec.key, library.fields.get(spec.key, spec))
        for key, spec in library.core.items():
            seen.setdefault(key, spec)
        specs = list(seen.values())
    return [s for s in specs if include_confidential or not s.confidential]


def _serial(day: dt.date) -> str:
    return str((day - _EPOCH).days)


def _date_cell(ref: str, value: Any) -> str:
    date = value if isinstance(value, PartialDate) else PartialDate.from_iso(str(value))
    if date.lunar:  # the words the sheet had (农历三月初二): the import reads them back
        return text_cell(ref, date.words("zh"), TEXT)
    if date.year is None or date.year_only or date.year in EXCEL_BASE_YEARS:
        # (a date cell in Excel's base year reads back as a month and day: io.coerce)
        return text_cell(ref, date.iso(), TEXT)
    day = dt.date(date.year, date.month, date.day)
    if day < _FIRST_SERIAL_DATE:
        return text_cell(ref, date.iso(), TEXT)
    return number_cell(ref, _serial(day), DATE)


def _number_text(value: Any) -> str | None:
    """The number as XML text, or None when a float cannot hold it exactly."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value) if abs(value) <= _MAX_EXACT_INT else None
    if isinstance(value, float):
        return repr(value)
    amount = Decimal(str(value))
    text = format(amount.normalize(), "f") if amount == amount.to_integral_value() else format(amount, "f")
    digits = len(text.replace("-", "").replace(".", "").lstrip("0"))
    return text if digits <= 15 else None


def cell_writer(spec: FieldSpec, lang: str) -> CellWriter:
    words = _WORDS[lang]
    kind = spec.type
    if kind is FieldType.DATE:
        return _date_cell
    if kind is FieldType.PHONE:
        return lambda ref, value: text_cell(ref, str(value), TEXT)
    if kind in (FieldType.MONEY, FieldType.NUMBER):
        style = MONEY if kind is FieldType.MONEY else DEFAULT

        def number(ref: str, value: Any) -> str:
            text = _number_text(value)
            return number_cell(ref, text, style) if text is not None else text_cell(ref, str(value), TEXT)
        return number
    if kind is FieldType.BOOL:
        return lambda ref, value: text_cell(ref, words["yes"] if value else words["no"])
    if kind is FieldType.CHOICE:
        return lambda ref, value: text_cell(ref, spec.choice_label(str(value), lang))
    if kind is FieldType.MULTICHOICE:
        def multi(ref: str, value: Any) -> str:
            items = value if isinstance(value, list | tuple) else [value]
            return text_cell(ref, words["join"].join(spec.choice_label(str(v), lang) for v in items))
        return multi
    return lambda ref, value: text_cell(ref, str(value))


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == ()


def write_customers_xlsx(path: Path, customers: Iterable[Customer], library: FormLibrary, *,
                         form_id: str | None = None, lang: str = "zh", include_confidential: bool = False,
                         visits: Iterable[Visit] = (), contacts: Iterable[Contact] = (),
                         names: Mapping[int, str] | None = None,
                         progress: Callable[[int, int], None] | None = None) -> int:
    """Write the export (see the module doc) atomically; returns the number of customers written.

    ``progress(done, total)`` is called now and then while the customer rows are written; an
    exception it raises (the user cancelled) stops the export and leaves no file behind."""
    if lang not in _WORDS:
        raise ValueError(f"language {lang!r} is not zh or en")
    path = Path(path)
    words = _WORDS[lang]
    people = list(customers)
    specs = export_fields(library, form_id, include_confidential)
    with_id = any(c.id is not None for c in people)
    with_tags = any(c.tags for c in people)
    extra_headers: dict[str, None] = {}
    raw_keys: dict[str, None] = {}
    for c in people:
        for header in c.extra:
            extra_headers.setdefault(header, None)
        for key in c.raw:
            if key in library.fields:
                raw_keys.setdefault(key, None)
    headers: list[str] = []
    if with_id:
        headers.append(words["id"])
    core_columns: list[tuple[int, str, CellWriter]] = []  # (column, attribute, writer)
    field_columns: dict[str, tuple[int, CellWriter]] = {}
    for spec in specs:
        writer = cell_writer(spec, lang)
        if spec.core:
            core_columns.append((len(headers), "customer_class" if spec.key == "class" else spec.key, writer))
        else:
            field_columns[spec.key] = (len(headers), writer)
        headers.append(spec.label.text(lang))
    tags_column = len(headers) if with_tags else -1
    if with_tags:
        headers.append(words["tags"])
    extra_columns = {h: len(headers) + i for i, h in enumerate(extra_headers)}
    headers.extend(extra_headers)
    raw_columns = {k: len(headers) + i for i, k in enumerate(raw_keys)}
    headers.extend(words["raw"].format(library.fields[k].label.text(lang)) for k in raw_keys)
    letters = [column_letters(i) for i in range(len(headers))]
    id_letter = letters[0] if with_id else ""
    join = words["join"]

    total = len(people)

    def customer_rows() -> Iterable[list[str]]:
        row = 1
        for c in people:
            if progress is not None and row > 1 and not (row - 1) % PROGRESS_EVERY:
                progress(row - 1, total)
            row += 1
            r = str(row)
            cells: list[tuple[int, str]] = []
            if with_id and c.id is not None:
                cells.append((0, text_cell(id_letter + r, str(c.id), TEXT)))
            for col, attribute, writer in core_columns:
                value = getattr(c, attribute)
                if value is not None and value != "":
                    cells.append((col, writer(letters[col] + r, value)))
            if c.fields:
                for key, value in c.fields.items():
                    hit = field_columns.get(key)
                    if hit is not None and not _is_empty(value):
                        cells.append((hit[0], hit[1](letters[hit[0]] + r, value)))
            if with_tags and c.tags:
                cells.append((tags_column, text_cell(letters[tags_column] + r, join.join(c.tags))))
            for header, value in c.extra.items():
                if value != "":
                    col = extra_columns[header]
                    cells.append((col, text_cell(letters[col] + r, str(value))))
            for key, value in c.raw.items():
                col = raw_columns.get(key, -1)
                if col >= 0 and value != "":
                    cells.append((col, text_cell(letters[col] + r, str(value))))
            cells.sort(key=_first)
            yield [cell for _col, cell in cells]

    widths = _widths(headers, people[:WIDTH_SAMPLE], core_columns, field_columns, extra_columns)
    writer = WorkbookWriter(path)
    try:
        writer.add_sheet(SheetSpec(safe_sheet_name(words["customers"]), headers, widths, customer_rows(),
                                   len(people)))
        if progress is not None:
            progress(total, total)
        known_names = dict(names or {})
        for c in people:
            if c.id is not None:
                known_names.setdefault(c.id, c.name)
        visit_list = list(visits)
        if visit_list:
            writer.add_sheet(_visits_sheet(visit_list, known_names, words))
        contact_list = list(contacts)
        if contact_list:
            writer.add_sheet(_contacts_sheet(contact_list, known_names, words))
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    return len(people)


def _first(item: tuple[int, str]) -> int:
    return item[0]


def _widths(headers: list[str], sample: list[Customer], core_columns: list[tuple[int, str, CellWriter]],
            field_columns: dict[str, tuple[int, CellWriter]], extra_columns: dict[str, int]) -> list[float]:
    widest = [display_width(h) + 2 for h in headers]
    for c in sample:
        for col, attribute, _w in core_columns:
            value = getattr(c, attribute)
            if value is not None:
                widest[col] = max(widest[col], display_width(str(value)))
        for key, value in c.fields.items():
            if key in field_columns:
                col = field_columns[key][0]
                widest[col] = max(widest[col], display_width(str(value)))
        for header, value in c.extra.items():
            col = extra_columns[header]
            widest[col] = max(widest[col], display_width(value))
    return [min(max(w + 1.5, 8.0), 50.0) for w in widest]


def _datetime_cell(ref: str, value: dt.datetime) -> str:
    if value.date() < _FIRST_SERIAL_DATE:
        return text_cell(ref, value.isoformat(sep=" "), TEXT)
    delta = value - dt.datetime(1899, 12, 30)
    serial = delta.days + delta.seconds / 86400
    return number_cell(ref, repr(round(serial, 8)), DATETIME)


def _plain(ref: str, value: Any) -> str:
    if isinstance(value, bool):
        return text_cell(ref, "✓" if value else "")
    if isinstance(value, int | Decimal):
        text = _number_text(value)
        return number_cell(ref, text) if text is not None else text_cell(ref, str(value))
    if isinstance(value, dt.datetime):
        return _datetime_cell(ref, value)
    if isinstance(value, dt.date):
        return _date_cell(ref, PartialDate.from_date(value))
    return text_cell(ref, str(value))


def _side_sheet(name: str, headers: list[str], rows: list[list[Any]]) -> SheetSpec:
    letters = [column_letters(i) for i in range(len(headers))]

    def cells() -> Iterable[list[str]]:
        for number, values in enumerate(rows, start=2):
            r = str(number)
            out = []
            for col, value in enumerate(values):
                if value is None or value == "":
                    continue
                out.append(text_cell(letters[col] + r, str(value), TEXT) if col == 0 else
                           _plain(letters[col] + r, value))
            yield out

    widths = [min(max(display_width(h) + 4, 10.0), 40.0) for h in headers]
    return SheetSpec(name, headers, widths, cells(), len(rows))


def _visits_sheet(visits: list[Visit], names: Mapping[int, str], words: dict[str, Any]) -> SheetSpec:
    headers = [words["id"], words["customer"], *words["visit_cols"]]
    rows = [[v.customer_id, names.get(v.customer_id, ""), v.at, v.party_size, v.room, v.occasion, v.spend,
             v.dishes, v.notes] for v in visits]
    return _side_sheet(words["visits"], headers, rows)


def _contacts_sheet(contacts: list[Contact], names: Mapping[int, str], words: dict[str, Any]) -> SheetSpec:
    headers = [words["id"], words["customer"], *words["contact_cols"]]
    rows = [[c.customer_id, names.get(c.customer_id, ""), c.date, c.channel, c.key_points, c.intent,
             c.next_follow_up, c.follow_up_done] for c in contacts]
    return _side_sheet(words["contacts"], headers, rows)
