"""The columns of the Dashboard's two tables: the class suggestions and the birthdays coming up."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from guestcard.gui.i18n import fmt_money, fmt_weekday_date, ui_lang
from guestcard.gui.models import Column, format_phone
from guestcard.gui.today_page import _occasion_text

SUGGESTION_COLUMNS = (
    Column("id", QT_TRANSLATE_NOOP("models", "No."), lambda s: s.customer_id, align_right=True),
    Column("name", QT_TRANSLATE_NOOP("models", "Name"), lambda s: s.name),
    Column("current", QT_TRANSLATE_NOOP("models", "Class now"), lambda s: s.current or "—"),
    Column("suggested", QT_TRANSLATE_NOOP("models", "Suggested"), lambda s: s.suggested),
    Column("amount", QT_TRANSLATE_NOOP("models", "Spending"), lambda s: fmt_money(s.amount), align_right=True),
    Column("reason", QT_TRANSLATE_NOOP("models", "Reason"), lambda s: s.reason(ui_lang()), tooltip=True),
)


def _occasion(note: Any) -> str:
    return _occasion_text(note.occasion)


def _date(note: Any) -> str:
    return fmt_weekday_date(note.occasion.date)


OCCASION_COLUMNS = (
    Column("date", QT_TRANSLATE_NOOP("models", "Date"), _date),
    Column("guest", QT_TRANSLATE_NOOP("models", "Guest"), lambda n: n.customer.display_name),
    Column("what", QT_TRANSLATE_NOOP("models", "Occasion"), _occasion),
    Column("class", QT_TRANSLATE_NOOP("models", "Class"), lambda n: n.customer.customer_class or ""),
    Column("phone", QT_TRANSLATE_NOOP("models", "Phone"), lambda n: format_phone(n.customer.phone or "")),
    Column("dishes", QT_TRANSLATE_NOOP("models", "Favourite dishes"), lambda n: n.dishes, tooltip=True),
)
