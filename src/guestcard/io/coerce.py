"""Spreadsheet cells → the values a ``Customer`` keeps, per field type; fast on 100,000 rows.

The rules are those of ``guestcard.forms.parse_value`` (the one reading of a value by type), plus
what only cells bring:

- numbers Excel keeps as floats: ``13800138000.0`` in a phone column is ``"13800138000"``,
  ``8.0`` in a text column is ``"8"``;
- a number in a date column: ``19850302`` is that day; ``367``…``2958465`` is an Excel serial day
  (1900 system); ``3.15`` (typed 3.15, meaning 15 March) is ``--03-15``, but ``3.1`` is refused
  (3.1 or 3.10?); five-digit text like ``"31107"`` is a serial too;
- date cells are dates, except a month and day: one whose format shows no year (``m月d日``:
  typed ``3月2日``, Excel stores this year's day; the reader gives it as a ``PartialDate``, see
  ``xlsx_cells``) or one in Excel's base year (1900, or 1904 on a Mac workbook); a date cell whose
  number is no day (NaN, Excel's phantom 29 February 1900…) arrives as a ``DateCellFault`` and is
  refused with its original text;
- a whole number from 1900 to 2100 (``1968``) is a year alone, approximate (``PartialDate.about_year``);
- in a column whose header says 农历/阴历 (``农历生日``, ``生日（阴历）``) every date is lunar:
  ``3月2日`` there is 农历三月初二, a date cell its month and day of the Chinese calendar.

A converter returns the kept value, ``None`` for an empty cell, or raises ``ValueError`` with a
readable reason. Results are memoised per column for values that repeat (classes, dates, money).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from guestcard.domain.messages import Code, Message, Unreadable, message_of
from guestcard.domain.values import PartialDate, normalize_phone, parse_money, parse_partial_date
from guestcard.forms import FieldSpec, FieldType, parse_value

Converter = Callable[[Any], Any]

_EXCEL_EPOCH = dt.date(1899, 12, 30)
# A date cell in these years is a month and day whose year is Excel's base (1900 system, or 1904 on
# a Mac workbook): the year is not the guest's. Nobody we serve was born in them.
EXCEL_BASE_YEARS = (1899, 1900, 1904)
_BIRTH_YEARS = (1900, 2100)  # a whole number in these bounds in a date column is a year alone
_MEMO_LIMIT = 200_000


@dataclass(frozen=True, slots=True)
class DateCellFault:
    """A date cell whose stored number is no day; ``text`` is that number as written in the file,
    ``code`` says why (``Code.DATE_CELL_PHANTOM``: serial 60, 29 February 1900;
    ``Code.DATE_CELL_NOT_A_DAY``: NaN, INF, below 1)."""

    text: str
    code: str

    def __str__(self) -> str:
        return self.text

    def error(self) -> Unreadable:
        """The refusal; its code's words already say the text is kept (``io.customers``)."""
        return Unreadable(Code(self.code), self.text)


def cell_text(value: Any) -> str:
    """A cell as the text a person sees (``8.0`` → ``"8"``, a date → ``"1985-03-02"``)."""
    if isinstance(value, str):
        return value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time():
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def serial_to_date(serial: float) -> dt.date:
    """An Excel serial day (1900 system, with its phantom 29 February 1900) as a date."""
    days = int(serial)
    if days == 60:
        raise Unreadable(Code.EXCEL_SERIAL_60)
    if days < 60:
        days += 1
    return _EXCEL_EPOCH + dt.timedelta(days=days)


def number_to_date(value: float) -> PartialDate:
    if value.is_integer() and 10000101 <= value <= 99991231:
        return parse_partial_date(str(int(value)))  # 19850302 typed as a number
    if 367 <= value < 2958466:
        return PartialDate.from_date(serial_to_date(value))
    if 1 <= value < 13 and not value.is_integer():
        text = f"{value:.2f}"  # 3.15 → "3.15"; 3.1 was 3.1 or 3.10: refuse
        month, day = text.split(".")
        if day.endswith("0") and int(day[0]) < 4:
            raise Unreadable(Code.NUMBER_AMBIGUOUS_DATE, f"{value:g}", f"{month}.{day[0]}", f"{month}.{day}")
        return PartialDate(int(month), int(day.rstrip("0") if day.endswith("0") else day))
    raise Unreadable(Code.NOT_A_DATE, cell_text(value))


def to_date(value: Any) -> PartialDate:
    if value.__class__ is PartialDate:  # a date cell whose format shows no year (the reader's)
        return value  # type: ignore[no-any-return]
    if value.__class__ is DateCellFault:
        raise value.error()
    if isinstance(value, dt.date):  # a datetime too
        if value.year in EXCEL_BASE_YEARS:  # a month-day typed in Excel (3月2日): no year was meant
            return PartialDate(value.month, value.day)
        return PartialDate(value.month, value.day, value.year)
    if isinstance(value, bool):
        raise Unreadable(Code.NOT_A_DATE, value)
    if isinstance(value, int | float):
        if not math.isfinite(value):
            raise ValueError(f"{cell_text(value)} is not a date")
        if value == int(value) and _BIRTH_YEARS[0] <= value <= _BIRTH_YEARS[1]:
            return PartialDate.about_year(int(value))  # 1968 typed as a number: a year, not serial 1968
        return number_to_date(float(value))
    text = str(value).strip()
    if len(text) == 5 and text.isascii() and text.isdigit():
        return number_to_date(float(text))
    return parse_partial_date(text)


# A header that says its dates are of the Chinese calendar.
LUNAR_HEADER = re.compile(r"农历|阴历|旧历|農曆|陰曆|舊曆|lunar", re.IGNORECASE)


def to_lunar_date(value: Any) -> PartialDate:
    """A cell of a lunar column (see the module doc): lunar whether or not it says so."""
    if value.__class__ is str and value.strip():
        try:
            return parse_partial_date("农历" + value.strip())  # 3月2日, 1958年8月15日, 二月三十
        except ValueError:
            pass
    date = to_date(value)
    if date.lunar or date.year_only:
        return date
    return PartialDate(date.month, date.day, date.year, lunar=True)


def to_phone(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and value > 0:
        text = str(int(value))
    elif isinstance(value, str):
        text = value.strip()
        if " " in text or "-" in text:  # 138 1234 5678, 138-1234-5678: what normalize_phone makes of it
            groups = text.replace(" ", "-").split("-")
            if all(len(g) < 7 for g in groups):
                text = "".join(groups)
    else:
        return normalize_phone(value)
    if 5 <= len(text) <= 13 and text.isascii() and text.isdigit() and not text.startswith("00"):
        return text
    return normalize_phone(value)


def _memoised(convert: Converter) -> Converter:
    memo: dict[Any, tuple[bool, Any]] = {}  # key → (True, result) or (False, the reason: a Message or English)

    def run(value: Any) -> Any:
        key = (value.__class__, value)  # 1.0 and True are equal keys otherwise
        try:
            hit = memo.get(key)
        except TypeError:
            return convert(value)
        if hit is None:
            try:
                hit = (True, convert(value))
            except ValueError as exc:  # the reason kept by its code (a fresh exception each time)
                hit = (False, message_of(exc) or str(exc))
            if len(memo) < _MEMO_LIMIT:
                memo[key] = hit
        if hit[0]:
            return hit[1]
        reason = hit[1]
        raise Unreadable(reason.code, *reason.args) if isinstance(reason, Message) else ValueError(reason)

    return run


def make_converter(spec: FieldSpec, *, lunar: bool = False) -> Converter:
    """The cell → kept value function of one field (see the module doc); ``lunar``: a date column
    whose header says 农历."""
    kind = spec.type
    if kind is FieldType.TEXT:
        def text(value: Any) -> Any:
            return (value if value.__class__ is str else cell_text(value)).strip() or None
        return text
    if kind is FieldType.LONGTEXT:
        def longtext(value: Any) -> Any:
            return (value if value.__class__ is str else cell_text(value)).strip("\n ") or None
        return longtext
    if kind is FieldType.PHONE:
        return to_phone
    if kind is FieldType.DATE:
        read = to_lunar_date if lunar else to_date
        if spec.core:
            return _memoised(read)
        return _memoised(lambda value: read(value).iso())
    if kind is FieldType.MONEY:
        def money(value: Any) -> Any:
            amount: Decimal = parse_money(value if isinstance(value, int | float) else cell_text(value))
            return amount if spec.core else str(amount)
        return _memoised(money)
    if kind is FieldType.NUMBER:
        return _memoised(lambda value: parse_value(spec, value))
    if kind is FieldType.MULTICHOICE:
        return _memoised(lambda value: parse_multichoice(spec, cell_text(value)))
    return _memoised(lambda value: parse_value(spec, cell_text(value)))


_SPLIT = re.compile(r"[、,，;；/|\n]+")
_PIECE = re.compile(r"[^、,，;；/|\n]+")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def parse_multichoice(spec: FieldSpec, text: str) -> list[str] | None:
    """Like ``parse_value``, but a label that holds a separator (``网络/OTA``) is one choice."""
    folded = _fold(text)
    found: list[tuple[int, str]] = []
    names = sorted(((_fold(name), c.value) for c in spec.choices for name in (c.label.zh, c.label.en, c.value)
                    if _SPLIT.search(_fold(name))), key=lambda item: -len(item[0]))
    for name, value in names:
        at = folded.find(name)
        while at >= 0:
            found.append((at, value))
            folded = folded[:at] + "、" * len(name) + folded[at + len(name):]
            at = folded.find(name, at + len(name))
    for piece in _PIECE.finditer(folded):
        part = piece.group().strip()
        if part:
            match = parse_value(spec, part)
            if match:
                found.append((piece.start(), match[0]))
    values = [value for _at, value in sorted(found)]
    return list(dict.fromkeys(values)) or None
