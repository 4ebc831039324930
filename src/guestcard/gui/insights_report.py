"""The dashboard as a PDF report on A4: heading, summary, every chart, the main tables, the rules.

Drawn with a QPainter on a QPdfWriter in points; the charts are painted at a fixed layout size
(``insights_charts.paint_chart``), so the report never depends on the window's size.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from guestcard.gui.i18n import fill, ui_lang
from guestcard.gui.insights_charts import CHART_KEYS, paint_chart, titled_chart, write_atomically
from guestcard.gui.insights_tables import TABLE_TITLES, cell_text, summary_text, table_rows
from guestcard.services import insights as ins

if TYPE_CHECKING:
    from guestcard.services.insights import Dashboard, Insights

PDF_TABLES = ("months", "segments", "suggestions", "alerts")


def tr(text: str) -> str:  # each module spells its shorthand out: lupdate reads one file at a time
    return QCoreApplication.translate("DashboardCharts", text)


def cjk_family() -> str | None:
    """The bundled Chinese font's family when registered (the PDF embeds what it draws with)."""
    for family in QFontDatabase.families():
        if "WenQuanYi" in family or "文泉驿" in family:
            return family
    return None


class _Pdf:
    """A QPainter on a QPdfWriter, in points (1/72 inch), with a cursor going down the page."""

    def __init__(self, path: Path, font_family: str | None) -> None:
        self.writer = QPdfWriter(str(path))
        self.writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
        self.writer.setPageMargins(QMarginsF(36, 36, 36, 36), QPageLayout.Unit.Point)
        self.writer.setResolution(144)
        self.writer.setTitle(tr("Guest dashboard"))
        self.writer.setCreator("guestcard")
        self.painter = QPainter(self.writer)
        self.painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.scale = self.writer.resolution() / 72.0
        self.painter.scale(self.scale, self.scale)
        rect = self.writer.pageLayout().paintRect(QPageLayout.Unit.Point)
        self.width, self.height = rect.width(), rect.height()
        self.family = font_family
        self.y = 0.0

    def font(self, size: float, bold: bool = False) -> QFont:
        font = QFont(self.family) if self.family else QFont()
        font.setPixelSize(round(size))  # the painter's unit is the point
        font.setBold(bold)
        return font

    def new_page(self) -> None:
        self.writer.newPage()
        self.y = 0.0

    def room(self, height: float) -> None:
        if self.y + height > self.height:
            self.new_page()

    def text(self, text: str, size: float = 10, bold: bool = False, color: str = "#202020") -> None:
        font = self.font(size, bold)
        self.painter.setFont(font)
        self.painter.setPen(QColor(color))
        rect = QRectF(0, self.y, self.width, self.height)
        bounds = self.painter.boundingRect(rect, int(Qt.TextFlag.TextWordWrap), text)
        self.room(bounds.height())
        rect = QRectF(0, self.y, self.width, bounds.height() + 2)
        self.painter.drawText(rect, int(Qt.TextFlag.TextWordWrap), text)
        self.y += bounds.height() + 4

    def chart(self, key: str, board: Dashboard, height: float) -> None:
        self.room(height)
        target = QRectF(0, self.y, self.width, height)
        paint_chart(titled_chart(key, board), self.painter, target, QSizeF(self.width * 1.35, height * 1.35))
        self.y += height + 10

    def table(self, headers: list[str], rows: list[list[Any]], limit: int = 40) -> None:
        """Numbers to the right, the header again on every page the table runs onto."""
        size = 8.0
        font, bold = self.font(size), self.font(size, True)
        metrics = QFontMetricsF(font)
        line = metrics.height() + 4
        texts = [[cell_text(v) for v in row] for row in rows[:limit]]
        right = [bool(rows) and isinstance(rows[0][i], int | Decimal) for i in range(len(headers))]
        natural = [
            max([QFontMetricsF(bold).horizontalAdvance(h), *(metrics.horizontalAdvance(r[i]) for r in texts)]) + 10
            for i, h in enumerate(headers)
        ]
        widths = _fit(natural, self.width)
        self.room(line * 2)
        self._row(headers, widths, bold, line, right, header=True)
        for row in texts:
            if self.y + line > self.height:
                self.new_page()
                self._row(headers, widths, bold, line, right, header=True)
            self._row(row, widths, font, line, right)
        if len(rows) > limit:
            self.text(fill(tr("… and %1 more in the xlsx tables"), len(rows) - limit), 8, color="#606060")
        self.y += 8

    def _row(
        self, cells: list[str], widths: list[float], font: QFont, line: float, right: list[bool], header: bool = False
    ) -> None:
        if header:
            self.painter.fillRect(QRectF(0, self.y, sum(widths), line), QColor("#ddebf7"))
        self.painter.setFont(font)
        self.painter.setPen(QColor("#202020"))
        metrics = QFontMetricsF(font)
        x = 0.0
        for text, width, to_right in zip(cells, widths, right, strict=False):
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 6)
            align = Qt.AlignmentFlag.AlignVCenter | (
                Qt.AlignmentFlag.AlignRight if to_right else Qt.AlignmentFlag.AlignLeft
            )
            self.painter.drawText(QRectF(x + 3, self.y, width - 6, line), int(align), shown)
            x += width
        self.painter.setPen(QPen(QColor("#c8d3e0"), 0.5))
        self.painter.drawLine(0, int(self.y + line), int(sum(widths)), int(self.y + line))
        self.y += line

    def finish(self) -> None:
        self.painter.end()


def _fit(natural: list[float], total: float) -> list[float]:
    """Column widths: natural ones when they fit, else the widest columns shrink first."""
    if sum(natural) <= total:
        return natural
    widths = list(natural)
    fair = total / len(widths)
    small = [w for w in widths if w <= fair]
    large = [i for i, w in enumerate(widths) if w > fair]
    left = total - sum(small)
    share = sum(widths[i] for i in large)
    for i in large:
        widths[i] = left * widths[i] / share
    return widths


def save_pdf_report(path: Path, result: Insights, *, title: str, font_family: str | None = None) -> Path:
    """The whole dashboard on A4: heading, figures, every chart, the tables and the rules."""
    board = result.dashboard
    assert board is not None

    def write(temporary: Path) -> bool:
        pdf = _Pdf(temporary, font_family)
        pdf.text(title, 16, bold=True)
        pdf.text(summary_text(result), 10, color="#404040")
        pdf.y += 6
        for key in CHART_KEYS:
            pdf.chart(key, board, 232)
        tables = table_rows(result)
        for key in PDF_TABLES:
            headers, rows = tables[key]
            pdf.room(60)
            pdf.text(tr(TABLE_TITLES[key]), 12, bold=True)
            if not rows:
                pdf.text(tr("None."), 9, color="#606060")
                continue
            pdf.table(headers, rows)
        pdf.room(80)
        pdf.text(tr("The rules"), 12, bold=True)
        language = ui_lang()
        for text in (
            ins.class_rule_text(language, result.settings),
            ins.segment_rule_text(language, result.settings),
            ins.churn_rule_text(language, result.settings),
        ):
            pdf.text(text, 9)
        pdf.finish()
        return True

    return write_atomically(path, write)


