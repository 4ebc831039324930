"""One way to read and to show a field's value, by its type: shared by CLI, importer, editor, printer.

How values are kept on a ``Customer``:

- core fields (attributes): dates as ``PartialDate``, money as ``Decimal``, phone as normalised
  digits, class ``"A"|"B"|"C"``, gender ``"male"|"female"``, kind, other text as ``str``;
- other form fields (``Customer.fields``, stored as JSON): JSON-native values — text ``str``, date
  ``"YYYY-MM-DD"`` or ``"--MM-DD"``, money the decimal as ``str`` (``"12800.5"``), number ``int`` or
  ``float``, bool ``bool``, choice the choice value ``str``, multichoice ``list[str]`` of choice
  values, phone normalised digits ``str``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from typing import Any

from guestcard.domain.messages import Code, Unreadable
from guestcard.domain.values import (
    PartialDate,
    format_phone,
    normalize_phone,
    parse_bool,
    parse_class,
    parse_gender,
    parse_money,
    parse_partial_date,
)
from guestcard.forms.spec import FieldSpec, FieldType

# A number field holds at most this many digits before the point: exact as a float and as
# SQLite's and JSON's integers.
NUMBER_DIGITS = 15

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_SPLIT = re.compile(r"[、,，;；/|\n]+")


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def _match_choice(spec: FieldSpec, text: str) -> str:
    wanted = _fold(text)
    for choice in spec.choices:
        if wanted in (_fold(choice.value), _fold(choice.label.zh), _fold(choice.label.en)):
            return choice.value
    # Legacy sheets write classes and genders in many ways (A类, VIP, 先生…).
    if spec.key == "class":
        return parse_class(text)
    if spec.key == "gender":
        return parse_gender(text)
    for choice in spec.choices:  # "A 类（贵宾）" typed as "A 类"
        if _fold(choice.label.zh).startswith(wanted) or _fold(choice.label.en).startswith(wanted):
            return choice.value
    names = ", ".join(c.value for c in spec.choices)
    raise Unreadable(Code.NOT_A_CHOICE, repr(text), names)


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


# A reason longer than this is cut (a 1 MB cell is named by its start and its length).
MAX_REASON = 200


def parse_value(spec: FieldSpec, raw: Any) -> Any:
    """Turn user or spreadsheet input into the kept value (see module doc); ``None`` when empty.

    Raises ``ValueError`` with a readable reason when the input cannot be understood; the reason
    quotes at most the start of a long input, and says how long it was.
    """
    try:
        return _parse_value(spec, raw)
    except ValueError as exc:
        reason = str(exc)
        if len(reason) <= MAX_REASON:
            raise
        length = len(raw) if isinstance(raw, str) else len(str(raw))
        raise ValueError(f"{reason[:MAX_REASON - 40]}… (a text of {length:,} characters)") from None


def _parse_value(spec: FieldSpec, raw: Any) -> Any:
    if is_empty(raw):
        return None
    kind = spec.type
    if kind in (FieldType.TEXT, FieldType.LONGTEXT):
        text = str(raw).strip() if kind is FieldType.TEXT else str(raw).strip("\n ")
        return text or None
    if kind is FieldType.DATE:
        date = parse_partial_date(raw)
        return date if spec.core else date.iso()
    if kind is FieldType.PHONE:
        return normalize_phone(raw)
    if kind is FieldType.EMAIL:
        text = unicodedata.normalize("NFKC", str(raw)).strip()
        if not _EMAIL.fullmatch(text):
            raise Unreadable(Code.NOT_AN_EMAIL, raw)
        return text
    if kind is FieldType.MONEY:
        amount = parse_money(raw)
        return amount if spec.core else str(amount)
    if kind is FieldType.NUMBER:
        if isinstance(raw, bool):
            raise Unreadable(Code.NOT_A_NUMBER, raw)
        text = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "")
        try:
            number = Decimal(text)
        except ArithmeticError:
            raise Unreadable(Code.NOT_A_NUMBER, raw) from None
        if not number.is_finite():
            raise Unreadable(Code.NOT_A_NUMBER, raw)
        if number and number.adjusted() >= NUMBER_DIGITS:
            # '1e5000' would become a 5001-digit int (JSON cannot write it, a million digits take
            # minutes to build): a count or an age never has that many digits.
            shown = text if len(text) <= 40 else text[:37] + "…"
            raise Unreadable(Code.NUMBER_TOO_LARGE, shown, NUMBER_DIGITS)
        return int(number) if number == number.to_integral_value() else float(number)
    if kind is FieldType.BOOL:
        return parse_bool(raw)
    if kind is FieldType.CHOICE:
        return _match_choice(spec, str(raw))
    if kind is FieldType.MULTICHOICE:
        items = raw if isinstance(raw, list | tuple) else _SPLIT.split(str(raw))
        values = [_match_choice(spec, str(item)) for item in items if str(item).strip()]
        return list(dict.fromkeys(values)) or None
    raise AssertionError(f"unhandled field type {kind}")


_ZH_MONTHS = "{m}月{d}日"
_EN_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def format_date(value: PartialDate | str | dt.date, lang: str, *, today: dt.date | None = None,
                with_solar: bool = True) -> str:
    """A date as shown on screen and printed: ``1985年3月2日``, ``3月2日`` / ``2 Mar 1985``; a lunar
    date with its solar day this year, ``农历三月初二（今年4月18日）`` / ``lunar 3/2 (Apr 18 this
    year)`` (``with_solar=False``: the words alone, as an editor holds them)."""
    if isinstance(value, str):
        value = PartialDate.from_iso(value)
    elif isinstance(value, dt.date):
        value = PartialDate.from_date(value)
    if value.lunar:
        return _format_lunar(value, lang, today or dt.date.today(), with_solar)
    if value.year_only:  # a birth year an age implies, or 1968年: never shown as a full date
        return f"c. {value.year}" if lang == "en" else f"约{value.year}年"
    if lang == "en":
        text = f"{value.day} {_EN_MONTHS[value.month - 1]}"
        return f"{text} {value.year}" if value.year else text
    text = _ZH_MONTHS.format(m=value.month, d=value.day)
    return f"{value.year}年{text}" if value.year else text


def _format_lunar(value: PartialDate, lang: str, today: dt.date, with_solar: bool) -> str:
    words = value.words(lang)
    if not with_solar:
        return words
    solar = this_years_day(value, lang, today)
    return f"{words} ({solar})" if lang == "en" else f"{words}（{solar}）"


def this_years_day(value: PartialDate, lang: str, today: dt.date | None = None) -> str:
    """The solar day a (lunar) date falls on this year: ``今年4月18日`` / ``Apr 18 this year``."""
    today = today or dt.date.today()
    solar = value.occurrence_in(today.year)
    # A few late-winter dates miss a solar year: their day "this year" is early next January.
    next_year = solar.year != today.year
    if lang == "en":
        return f"{_EN_MONTHS[solar.month - 1]} {solar.day} {'next' if next_year else 'this'} year"
    return f"{'明年' if next_year else '今年'}{solar.month}月{solar.day}日"


def format_money(value: Decimal | str | float, lang: str) -> str:
    amount = Decimal(str(value))
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"¥{text}"


def format_value(spec: FieldSpec, value: Any, lang: str = "zh") -> str:
    """The value as a person reads it on screen or paper; ``""`` when empty."""
    if is_empty(value):
        return ""
    kind = spec.type
    if kind is FieldType.DATE:
        return format_date(value, lang)
    if kind is FieldType.PHONE:
        return format_phone(str(value))
    if kind is FieldType.MONEY:
        return format_money(value, lang)
    if kind is FieldType.BOOL:
        if lang == "en":
            return "Yes" if value else "No"
        return "是" if value else "否"
    if kind is FieldType.CHOICE:
        return spec.choice_label(str(value), lang)
    if kind is FieldType.MULTICHOICE:
        separator = ", " if lang == "en" else "、"
        return separator.join(spec.choice_label(str(v), lang) for v in value)
    return str(value)


def to_json(spec: FieldSpec, value: Any) -> Any:
    """The JSON form of a kept value (core dates and money become strings and numbers)."""
    if value is None:
        return None
    if isinstance(value, PartialDate):
        return value.iso()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value
