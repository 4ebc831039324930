"""The Dashboard page's exports: one chart as PNG, the whole dashboard as a PDF report, every
table as an xlsx workbook; each asks where, writes, and says so under the figures (or warns when
the file cannot be written). The page's buttons call these with the page (``DashboardPage``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from guestcard.gui import prompts
from guestcard.gui.i18n import fill
from guestcard.gui.insights_charts import chart_info, save_chart_png
from guestcard.gui.insights_report import cjk_family, save_pdf_report
from guestcard.gui.insights_tables import save_tables_xlsx

if TYPE_CHECKING:
    from guestcard.gui.dashboard import DashboardPage


def _tr(text: str) -> str:
    return QCoreApplication.translate("DashboardPage", text)  # the page's context: its translations


def _stamp(page: DashboardPage) -> str:
    return (page.result.as_of if page.result else dt.datetime.now()).strftime("%Y-%m-%d")


def _save(page: DashboardPage, title: str, filters: str, suggested: str, write: Any) -> Path | None:
    path = prompts.save_file(page, title, filters, suggested)
    if path is None:
        return None
    try:
        write(path)
    except OSError as exc:
        prompts.warn(
            page,
            title,
            fill(_tr("%1 could not be written: %2"), path, exc.strerror or str(exc)),
        )
        return None
    page.notify(fill(_tr("Saved %1"), path))
    return path


def export_png(page: DashboardPage, key: str) -> Path | None:
    if page.result is None or page.result.dashboard is None:
        return None
    board = page.result.dashboard
    info = chart_info(key)
    return _save(
        page,
        _tr("Save the chart"),
        _tr("PNG picture (*.png)"),
        f"{info.file_stem}-{_stamp(page)}.png",
        lambda path: save_chart_png(_with_suffix(path, ".png"), key, board),
    )


def export_pdf(page: DashboardPage) -> Path | None:
    if page.result is None:
        return None
    result = page.result
    name = page.settings.restaurant_name if page.settings is not None else ""
    title = _tr("Guest dashboard") + (f" — {name}" if name else "")
    family = cjk_family()
    return _save(
        page,
        _tr("Save the dashboard as PDF"),
        _tr("PDF report (*.pdf)"),
        f"dashboard-{_stamp(page)}.pdf",
        lambda path: save_pdf_report(_with_suffix(path, ".pdf"), result, title=title, font_family=family),
    )


def export_xlsx(page: DashboardPage) -> Path | None:
    if page.result is None:
        return None
    result = page.result
    return _save(
        page,
        _tr("Save the tables"),
        _tr("Excel workbook (*.xlsx)"),
        f"dashboard-{_stamp(page)}.xlsx",
        lambda path: save_tables_xlsx(_with_suffix(path, ".xlsx"), result),
    )


def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
