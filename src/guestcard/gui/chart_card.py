"""One chart of the Dashboard in its frame: the chart's title and a button that saves it as PNG."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QChart
from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from guestcard.gui.insights_charts import ChartInfo, chart_view, tr


class ChartCard(QFrame):
    """One chart with its title and a button that saves it as PNG."""

    exportRequested = Signal(str)  # the chart's key

    def __init__(self, info: ChartInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.info = info
        self.setObjectName(f"chart_{info.key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = QLabel(self)
        font = QFont(self.title.font())
        font.setBold(True)
        self.title.setFont(font)
        self.png = QToolButton(self)
        self.png.setObjectName(f"png_{info.key}")
        self.png.clicked.connect(lambda: self.exportRequested.emit(info.key))
        self.view = chart_view(build_empty(), self)
        self.view.setMinimumHeight(300)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.png)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self.retranslate()

    def set_chart(self, chart: Any) -> None:
        old = self.view.chart()
        self.view.setChart(chart)
        if old is not None and old is not chart:
            old.deleteLater()

    def retranslate(self) -> None:
        self.title.setText(tr(self.info.title))
        self.png.setText(self.tr("Save PNG…"))
        self.png.setToolTip(self.tr("Save this chart as a PNG picture"))


def build_empty() -> QChart:
    chart = QChart()
    chart.legend().hide()
    return chart
