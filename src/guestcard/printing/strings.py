"""Fixed wording of the printed card in both languages, and values shown as people read them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from guestcard.domain.values import PartialDate
from guestcard.forms import FieldSpec, FieldType
from guestcard.forms.values import format_date, format_money, format_value

_UI: dict[str, tuple[str, str]] = {
    "continued": ("（续）", " (cont.)"),
    "printed": ("打印日期 {date}", "Printed {date}"),
    "page": ("第 {x}/{y} 页", "Page {x} of {y}"),
    "confidential": ("保密 · 仅限内部使用", "Confidential · internal use only"),
    "staff_copy": ("员工版", "Staff copy"),
    "full_copy": ("完整版（含保密信息）", "Full copy (incl. confidential)"),
    "blank_copy": ("空白表", "Blank form"),
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "visits": ("近期消费记录", "Recent visits"),
    "contacts": ("联系记录", "Contact log"),
    "last_n": ("（最近 {n} 次）", " (last {n})"),
    "booked": ("预订", "Booked"),
    "avoid": ("忌口", "Avoid"),
    "as_written": ("（原文）", " (as written)"),
    "filed_on": ("建档日期", "Date"),
    "filed_by": ("经办人", "Filled in by"),
    "date_hint": ("年　　月　　日", "day / month / year"),
    "people": ("{n} 人", "{n}"),
    "party_of": ("{n} 人", "party of {n}"),
    "done": ("（已完成）", " (done)"),
    "full_text_elsewhere": ("…（全文见电脑）", "… (full text on the computer)"),
    "no_allergies": ("无忌口", "No restrictions"),
    "likes": ("喜好", "Likes"),
    "today": ("今日", "Today"),
    "birthday_today": ("生日", "Birthday"),
    "anniversary_today": ("纪念日", "Anniversary"),
    # visits table
    "v_date": ("日期", "Date"),
    "v_party": ("人数", "Party"),
    "v_room": ("包房/桌号", "Room"),
    "v_occasion": ("场合", "Occasion"),
    "v_spend": ("消费", "Spend"),
    "v_dishes": ("菜品 / 备注", "Dishes / notes"),
    # contacts table
    "c_date": ("日期", "Date"),
    "c_channel": ("方式", "Channel"),
    "c_points": ("沟通要点", "Key points"),
    "c_intent": ("意向", "Intent"),
    "c_next": ("下次跟进", "Follow up"),
}


def ui(key: str, lang: str, **values: Any) -> str:
    zh, en = _UI[key]
    text = en if lang == "en" else zh
    return text.format(**values) if values else text


def fmt_date(value: PartialDate | dt.date | str, lang: str) -> str:
    """``1985年3月2日`` / ``3月2日`` in Chinese, ``2 Mar 1985`` / ``2 Mar`` in English."""
    try:
        return format_date(value, lang)
    except (ValueError, TypeError, AttributeError):
        return str(value)


def fmt_datetime(value: dt.datetime | dt.date, lang: str) -> tuple[str, str]:
    """The date and the time of day (``""`` at midnight or for a plain date)."""
    if isinstance(value, dt.datetime):
        clock = "" if (value.hour, value.minute) == (0, 0) else f"{value.hour:02d}:{value.minute:02d}"
        return fmt_date(value.date(), lang), clock
    return fmt_date(value, lang), ""


def fmt_money(value: Decimal | str | float, lang: str) -> str:
    try:
        return format_money(value, lang)
    except (ArithmeticError, ValueError, TypeError):
        return str(value)


def fmt_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def fmt_value(spec: FieldSpec, value: Any, lang: str) -> str:
    """A text-like field's value as printed; never raises (odd stored values print as they are)."""
    if value is None:
        return ""
    kind = spec.type
    try:
        if kind is FieldType.NUMBER:
            return fmt_number(value)
        if kind is FieldType.MONEY:
            return fmt_money(value, lang)
        if kind is FieldType.DATE:
            return fmt_date(value, lang)
        return format_value(spec, value, lang)
    except (ValueError, TypeError, ArithmeticError, AttributeError):
        return str(value)
