"""The dashboard's charts (QtCharts) built from ``insights.Dashboard``, and their exports.

Each chart is built afresh from the figures by ``build_chart(key, ...)``: the page shows one, and
the PNG and PDF exports build their own at a fixed size (a chart lives in one scene only), so an
export never depends on how large the window happens to be. The tables of the dashboard go to an
.xlsx workbook through the project's own writer (temporary file, then renamed into place).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QPieSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QMargins,
    QMarginsF,
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

if TYPE_CHECKING:
    from guestcard.services.insights import Dashboard, Insights

CONTEXT = "DashboardCharts"
PALETTE = ("#2f6f9f", "#e07b39", "#4e9a52", "#c0504d", "#8064a2", "#4bacc6", "#9c8a4b", "#7f7f7f")
CLASS_COLORS = {"A": "#c0504d", "B": "#e0a030", "C": "#4e9a52", "": "#9e9e9e"}
EXPORT_SIZE = QSize(1000, 560)  # the PNG exports, in device-independent pixels (rendered at 2x)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


@dataclass(frozen=True)
class ChartInfo:
    key: str
    title: str  # English source text, translated in CONTEXT
    file_stem: str  # for the PNG file name


CHARTS = (
    ChartInfo("months", QT_TRANSLATE_NOOP("DashboardCharts", "Visits and spending by month"), "visits-spending"),
    ChartInfo("guests", QT_TRANSLATE_NOOP("DashboardCharts", "New and returning guests by month"), "new-returning"),
    ChartInfo("classes", QT_TRANSLATE_NOOP("DashboardCharts", "Customers by class"), "classes"),
    ChartInfo("segments", QT_TRANSLATE_NOOP("DashboardCharts", "Customers by loyalty segment"), "segments"),
    ChartInfo("dishes", QT_TRANSLATE_NOOP("DashboardCharts", "Top dishes ordered"), "top-dishes"),
    ChartInfo("drinks", QT_TRANSLATE_NOOP("DashboardCharts", "Favourite drinks on the cards"), "top-drinks"),
)
CHART_KEYS = tuple(c.key for c in CHARTS)


def chart_info(key: str) -> ChartInfo:
    return next(c for c in CHARTS if c.key == key)


def lang() -> str:
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


def month_label(month: str, many: bool) -> str:
    """``2026-05`` → ``5月`` / ``May``; with more than 12 months ``26/5``-style labels keep the year."""
    year, number = int(month[:4]), int(month[5:7])
    if many:
        return f"{year % 100:02d}/{number}"
    return QLocale().standaloneMonthName(number, QLocale.FormatType.ShortFormat)


def class_label(customer_class: str) -> str:
    return customer_class if customer_class else tr("No class")


def nice_axis(value: float) -> tuple[float, int]:
    """A round top for an axis reaching ``value`` and the tick count that gives round steps."""
    if value <= 0:
        return 1.0, 2
    magnitude = 10.0 ** math.floor(math.log10(value))
    for step in (0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0):
        size = step * magnitude
        intervals = math.ceil(value / size - 1e-9)
        if intervals <= 5:
            if size < 1 and magnitude < 10:  # counts: whole steps
                continue
            return intervals * size, intervals + 1
    return 10.0 * magnitude, 2


def _new_chart(font: QFont | None) -> QChart:
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setTheme(QChart.ChartTheme.ChartThemeLight)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    if font is not None:
        chart.legend().setFont(font)
    return chart


def _axis_font(axis: Any, font: QFont | None) -> None:
    if font is not None:
        axis.setLabelsFont(font)


def _value_axis(maximum: float, font: QFont | None, label_format: str = "%d") -> QValueAxis:
    axis = QValueAxis()
    top, ticks = nice_axis(maximum)
    axis.setRange(0, top)
    axis.setTickCount(ticks)
    axis.setLabelFormat(label_format)
    _axis_font(axis, font)
    return axis


def _months_chart(board: Dashboard, font: QFont | None) -> QChart:
    chart = _new_chart(font)
    many = len(board.months) > 12
    labels = [month_label(m.month, many) for m in board.months]
    visits = QBarSet(tr("Visits"))
    visits.setColor(QColor(PALETTE[0]))
    visits.append([float(m.visits) for m in board.months])
    bars = QBarSeries()
    bars.append(visits)
    unit = 10_000 if lang() == "zh" else 1_000  # 万元 / thousands: short axis labels
    spend = QLineSeries()
    spend.setName(tr("Spending"))
    spend.setPen(QPen(QColor(PALETTE[1]), 2.5))
    spend.setPointsVisible(True)
    for i, m in enumerate(board.months):
        spend.append(i, float(m.spend) / unit)
    chart.addSeries(bars)
    chart.addSeries(spend)
    categories = QBarCategoryAxis()
    categories.append(labels)
    _axis_font(categories, font)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    bars.attachAxis(categories)
    spend.attachAxis(categories)
    left = _value_axis(max((m.visits for m in board.months), default=0), font)
    left.setTitleText(tr("Visits"))
    chart.addAxis(left, Qt.AlignmentFlag.AlignLeft)
    bars.attachAxis(left)
    top = max((float(m.spend) / unit for m in board.months), default=0)
    right = _value_axis(top, font, "%.4g")
    right.setTitleText(tr("Spending (¥10,000)") if unit == 10_000 else tr("Spending (¥1,000)"))
    chart.addAxis(right, Qt.AlignmentFlag.AlignRight)
    spend.attachAxis(right)
    return chart


def _guests_chart(board: Dashboard, font: QFont | None) -> QChart:
    chart = _new_chart(font)
    many = len(board.months) > 12
    new = QBarSet(tr("New guests"))
    new.setColor(QColor(PALETTE[2]))
    new.append([float(m.new_guests) for m in board.months])
    returning = QBarSet(tr("Returning guests"))
    returning.setColor(QColor(PALETTE[0]))
    returning.append([float(m.returning_guests) for m in board.months])
    series = QStackedBarSeries()
    series.append(new)
    series.append(returning)
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([month_label(m.month, many) for m in board.months])
    _axis_font(categories, font)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(categories)
    axis = _value_axis(max((m.guests for m in board.months), default=0), font)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(axis)
    return chart


def _classes_chart(board: Dashboard, font: QFont | None) -> QChart:
    chart = _new_chart(font)
    series = QPieSeries()
    total = sum(board.by_class.values()) or 1
    for key in ("A", "B", "C", ""):
        count = board.by_class.get(key, 0)
        if not count:
            continue
        share = f"{count / total:.0%}"
        item = series.append(f"{class_label(key)}  {count} ({share})", float(count))
        item.setColor(QColor(CLASS_COLORS[key]))
        item.setLabelVisible(True)
        if font is not None:
            item.setLabelFont(font)
    series.setPieSize(0.62)
    chart.addSeries(series)
    chart.legend().hide()
    return chart


def _ranked_chart(items: Sequence[tuple[str, int]], name: str, color: str, font: QFont | None) -> QChart:
    """Horizontal bars, the largest at the top."""
    chart = _new_chart(font)
    ordered = list(reversed(items))
    bar_set = QBarSet(name)
    bar_set.setColor(QColor(color))
    bar_set.append([float(n) for _, n in ordered])
    bar_set.setLabelColor(QColor("#202020"))
    series = QHorizontalBarSeries()
    series.append(bar_set)
    series.setLabelsVisible(True)
    series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
    series.setLabelsFormat("@value")
    chart.addSeries(series)
    categories = QBarCategoryAxis()
    categories.append([label for label, _ in ordered] or [""])
    # Ten names one under the other: a slightly smaller font keeps them from being elided.
    small = QFont(font) if font is not None else QFont(categories.labelsFont())
    small.setPointSizeF(small.pointSizeF() * 0.9)
    categories.setLabelsFont(small)
    chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
    series.attachAxis(categories)
    axis = _value_axis(max((n for _, n in items), default=0) * 1.15, font)
    chart.addAxis(axis, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis)
    chart.legend().hide()
    return chart


def _segments_chart(board: Dashboard, font: QFont | None) -> QChart:
    from guestcard.services.insights import segment_name

    items = [(segment_name(key, lang()), count) for key, count in board.by_segment.items()]
    return _ranked_chart(items, tr("Customers"), PALETTE[4], font)


def build_chart(key: str, board: Dashboard, font: QFont | None = None) -> QChart:
    builders: dict[str, Callable[[Dashboard, QFont | None], QChart]] = {
        "months": _months_chart,
        "guests": _guests_chart,
        "classes": _classes_chart,
        "segments": _segments_chart,
        "dishes": lambda b, f: _ranked_chart(b.top_dishes, tr("Times ordered"), PALETTE[1], f),
        "drinks": lambda b, f: _ranked_chart(b.top_drinks, tr("Customers"), PALETTE[5], f),
    }
    return builders[key](board, font)


def chart_view(chart: QChart, parent: Any = None) -> QChartView:
    view = QChartView(chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setFrameShape(QGraphicsView.Shape.NoFrame)
    return view


def paint_chart(chart: QChart, painter: QPainter, target: QRectF, layout: QSizeF) -> None:
    """Lay ``chart`` out at ``layout`` size in a scene of its own and draw it into ``target``.

    A QChartView that was never shown does not lay its chart out, so exports use a bare scene.
    """
    scene = QGraphicsScene()
    scene.addItem(chart)
    chart.setGeometry(QRectF(QPointF(0, 0), layout))
    chart.layout().activate() if chart.layout() is not None else None
    QCoreApplication.sendPostedEvents()  # the axes and labels are placed on posted layout requests
    scene.setSceneRect(QRectF(QPointF(0, 0), layout))
    scene.render(painter, target, QRectF(QPointF(0, 0), layout))
    scene.removeItem(chart)
    chart.deleteLater()


def _titled(key: str, board: Dashboard) -> QChart:
    chart = build_chart(key, board)
    chart.setTitle(tr(chart_info(key).title))
    title_font = QFont(chart.titleFont())
    title_font.setPointSizeF(max(title_font.pointSizeF(), 9) * 1.2)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    return chart


def render_chart(key: str, board: Dashboard, size: QSize = EXPORT_SIZE, scale: float = 2.0) -> QImage:
    """The chart drawn offscreen at ``size`` (sharp: ``scale`` times the pixels)."""
    image = QImage(int(size.width() * scale), int(size.height() * scale), QImage.Format.Format_ARGB32)
    image.setDevicePixelRatio(scale)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint_chart(_titled(key, board), painter, QRectF(0, 0, size.width(), size.height()), QSizeF(size))
    painter.end()
    return image


def save_chart_png(path: Path, key: str, board: Dashboard) -> Path:
    """Write the chart as PNG (temporary file in the same folder, then renamed into place)."""
    image = render_chart(key, board)
    return _atomic(path, lambda temporary: image.save(str(temporary), "PNG"))


def _atomic(path: Path, write: Callable[[Path], bool]) -> Path:
    import os
    import tempfile

    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        if not write(temporary):
            raise OSError(f"{path}: could not be written")
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
    return path


# --- the PDF report -----------------------------------------------------------------------------


def table_rows(result: Insights) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """The dashboard's tables: sheet key → (headers, rows); numbers stay numbers."""
    from guestcard.services import insights as ins

    board = result.dashboard
    assert board is not None
    language = lang()
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
    from guestcard.gui.today_page import _occasion_text

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
PDF_TABLES = ("months", "segments", "suggestions", "alerts")


def _cell_text(value: Any) -> str:
    if isinstance(value, Decimal):
        return f"{value:,.0f}"
    return str(value)


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
        paint_chart(_titled(key, board), self.painter, target, QSizeF(self.width * 1.35, height * 1.35))
        self.y += height + 10

    def table(self, headers: list[str], rows: list[list[Any]], limit: int = 40) -> None:
        """Numbers to the right, the header again on every page the table runs onto."""
        size = 8.0
        font, bold = self.font(size), self.font(size, True)
        metrics = QFontMetricsF(font)
        line = metrics.height() + 4
        texts = [[_cell_text(v) for v in row] for row in rows[:limit]]
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
            self.text(tr("… and %1 more in the xlsx tables").replace("%1", str(len(rows) - limit)), 8, color="#606060")
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
    from guestcard.services import insights as ins

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
        language = lang()
        for text in (
            ins.class_rule_text(language, result.settings),
            ins.segment_rule_text(language, result.settings),
            ins.churn_rule_text(language, result.settings),
        ):
            pdf.text(text, 9)
        pdf.finish()
        return True

    return _atomic(path, write)


def summary_text(result: Insights) -> str:
    from guestcard.gui.i18n import fmt_date, fmt_money

    board = result.dashboard
    assert board is not None
    visits = sum(m.visits for m in board.months)
    spend = sum((m.spend for m in board.months), Decimal(0))
    first = board.months[0].month if board.months else ""
    return (
        tr("As of %1 · %2 customers · from %3: %4 visits, %5 spent · %6 class suggestions · %7 churn alerts")
        .replace("%1", fmt_date(board.as_of.date()))
        .replace("%2", str(board.customers))
        .replace("%3", first)
        .replace("%4", str(visits))
        .replace("%5", fmt_money(spend))
        .replace("%6", str(result.classes.total))
        .replace("%7", str(len(result.alerts)))
    )


# --- the xlsx tables ------------------------------------------------------------------------------


def save_tables_xlsx(path: Path, result: Insights) -> Path:
    """Every table of the dashboard, one sheet each (written to a temporary file, then renamed)."""
    import datetime as dt

    from guestcard.io.xlsx_writer import (
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

    tables = table_rows(result)
    writer = WorkbookWriter(path)
    try:
        for key, (headers, rows) in tables.items():
            letters = [column_letters(i) for i in range(len(headers))]

            def cells(rows: list[list[Any]] = rows, letters: list[str] = letters) -> Any:
                for number, values in enumerate(rows, start=2):
                    out = []
                    for col, value in enumerate(values):
                        ref = f"{letters[col]}{number}"
                        if isinstance(value, Decimal):
                            out.append(number_cell(ref, str(value), MONEY))
                        elif isinstance(value, int):
                            out.append(number_cell(ref, str(value)))
                        elif isinstance(value, dt.date):
                            out.append(text_cell(ref, value.isoformat(), TEXT))
                        elif value not in (None, ""):
                            out.append(text_cell(ref, str(value), TEXT))
                    yield out

            widths = [
                min(max([display_width(h) + 4, *(display_width(_cell_text(r[i])) + 2 for r in rows[:200])]), 60)
                for i, h in enumerate(headers)
            ]
            writer.add_sheet(SheetSpec(safe_sheet_name(tr(TABLE_TITLES[key])), headers, widths, cells(), len(rows)))
        writer.finish()
    except BaseException:
        writer.abort()
        raise
    return path
