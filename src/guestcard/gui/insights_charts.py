"""The dashboard's charts (QtCharts) built from ``insights.Dashboard``, and their PNG export.

Each chart is built afresh from the figures by ``build_chart(key, ...)``: the page shows one, and
the PNG and PDF exports build their own at a fixed size (a chart lives in one scene only), so an
export never depends on how large the window happens to be. The PDF report is
``insights_report``, the tables and their xlsx workbook ``insights_tables``.
"""

from __future__ import annotations

import math
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
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
    QPointF,
    QRectF,
    QSize,
    QSizeF,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPen
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from guestcard.gui.i18n import ui_lang
from guestcard.services.insights import segment_name

if TYPE_CHECKING:
    from guestcard.services.insights import Dashboard

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
    unit = 10_000 if ui_lang() == "zh" else 1_000  # 万元 / thousands: short axis labels
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
    items = [(segment_name(key, ui_lang()), count) for key, count in board.by_segment.items()]
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


def titled_chart(key: str, board: Dashboard) -> QChart:
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
    paint_chart(titled_chart(key, board), painter, QRectF(0, 0, size.width(), size.height()), QSizeF(size))
    painter.end()
    return image


def save_chart_png(path: Path, key: str, board: Dashboard) -> Path:
    """Write the chart as PNG (temporary file in the same folder, then renamed into place)."""
    image = render_chart(key, board)
    return write_atomically(path, lambda temporary: image.save(str(temporary), "PNG"))


def write_atomically(path: Path, write: Callable[[Path], bool]) -> Path:

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
