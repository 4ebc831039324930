"""The dashboard's tables: the rows behind every chart and list (numbers stay numbers), their
titles, the one-line summary, and the xlsx workbook with a sheet per table."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from guestcard.gui.i18n import fill, fmt_date, fmt_money, ui_lang
from guestcard.gui.insights_charts import class_label
from guestcard.gui.today_page import _occasion_text
from guestcard.io.xlsx_writer import (
    SheetSpec,
    WorkbookWriter,
    display_width,
    safe_sheet_name,
    value_cells,
)
from guestcard.services import insights as ins

if TYPE_CHECKING:
    from guestcard.services.insights import Insights


def tr(text: str) -> str:  # each module spells its shorthand out: lupdate reads one file at a time
    return QCoreApplication.translate("DashboardCharts", text)


def table_rows(result: Insights) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """The dashboard's tables: sheet key → (headers, rows); numbers stay numbers."""
    board = result.dashboard
    assert board is not None
    language = ui_lang()
    months = (
        [tr("Month"), tr("Visits"), tr("Spending (¥)"), tr("Guests"), tr("New guests"), tr("Returning guests")],
        [[m.month, m.visits, m.spend, m.guests, m.new_guests, m.returning_guests] for m in board.months],
    )
    classes = (
        [tr("Class"), tr("Customers")],
        [[class_label(k), board.by_class.get(k, 0)] for k in ("A", "B", "C", "")],
    )
    rules = dict((k, zh if language == "zh" else en) for k, zh, en in ins.SEGMENT_RULES)
    segments = (
        [tr("Segment"), tr("Customers"), tr("Rule")],
        [[ins.segment_name(k, language), n, rules.get(k, "")] for k, n in board.by_segment.items()],
    )
    dishes = ([tr("Dish"), tr("Times ordered")], [[d, n] for d, n in board.top_dishes])
    drinks = ([tr("Drink"), tr("Customers")], [[d, n] for d, n in board.top_drinks])
    suggestions = (
        [tr("No."), tr("Name"), tr("Current class"), tr("Suggested class"), tr("Reason")],
        [[s.customer_id, s.name, s.current or "", s.suggested, s.reason(language)] for s in result.classes.suggestions],
    )
    alerts = (
        [tr("No."), tr("Name"), tr("Class"), tr("Phone"), tr("Last visit"), tr("Why")],
        [
            [a.customer_id, a.display_name, a.customer_class or "", a.phone or "", a.last_visit.date(), a.why(language)]
            for a in result.alerts
        ],
    )
    occasions = (
        [tr("Date"), tr("Name"), tr("Occasion"), tr("Class"), tr("Phone"), tr("Favourite dishes")],
        [
            [
                o.occasion.date,
                o.customer.display_name,
                _occasion_text(o.occasion),
                o.customer.customer_class or "",
                o.customer.phone or "",
                o.dishes,
            ]
            for o in result.occasions
        ],
    )
    return {
        "months": months,
        "classes": classes,
        "segments": segments,
        "dishes": dishes,
        "drinks": drinks,
        "suggestions": suggestions,
        "alerts": alerts,
        "occasions": occasions,
    }


TABLE_TITLES = {
    "months": QT_TRANSLATE_NOOP("DashboardCharts", "By month"),
    "classes": QT_TRANSLATE_NOOP("DashboardCharts", "Classes"),
    "segments": QT_TRANSLATE_NOOP("DashboardCharts", "Segments"),
    "dishes": QT_TRANSLATE_NOOP("DashboardCharts", "Top dishes"),
    "drinks": QT_TRANSLATE_NOOP("DashboardCharts", "Top drinks"),
    "suggestions": QT_TRANSLATE_NOOP("DashboardCharts", "Class suggestions"),
    "alerts": QT_TRANSLATE_NOOP("DashboardCharts", "Churn alerts"),
    "occasions": QT_TRANSLATE_NOOP("DashboardCharts", "Birthdays and anniversaries"),
}


def cell_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.0f}"
    return str(value)


def summary_text(result: Insights) -> str:
    board = result.dashboard
    assert board is not None
    visits = sum(m.visits for m in board.months)
    spend = sum((m.spend for m in board.months), Decimal(0))
    first = board.months[0].month if board.months else ""
    return (
        fill(
            tr("As of %1 · %2 customers · from %3: %4 visits, %5 spent · %6 class suggestions · %7 churn alerts"),
            fmt_date(board.as_of.date()),
            board.customers,
            first,
            visits,
            fmt_money(spend),
            result.classes.total,
            len(result.alerts),
        )
    )


def save_tables_xlsx(path: Path, result: Insights) -> Path:
    """Every table of the dashboard, one sheet each (written to a temporary file, then renamed)."""
    tables = table_rows(result)
    writer = WorkbookWriter(path)
    try:
        for key, (headers, rows) in tables.items():
            widths = [
                min(max([display_width(h) + 4, *(display_width(cell_text(r[i])) + 2 for r in rows[:200])]), 60)
                for i, h in enumerate(headers)
            ]
            sheet = SheetSpec(safe_sheet_name(tr(TABLE_TITLES[key])), headers, widths, value_cells(rows), len(rows))
            writer.add_sheet(sheet)
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    return path
