"""``GridModel``: raw spreadsheet cells (the import preview), with one row highlighted as the header."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, Qt
from PySide6.QtGui import QColor, QFont

from guestcard.gui.models.columns import _ROOT, Index


class GridModel(QAbstractTableModel):
    """Raw spreadsheet cells (the import preview), with one row highlighted as the header."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, list[Any]]] = []
        self._width = 0
        self.header_row: int | None = None  # the spreadsheet's row number
        self._bold = QFont()
        self._bold.setBold(True)

    def set_rows(self, rows: Sequence[tuple[int, Sequence[Any]]]) -> None:
        self.beginResetModel()
        self._rows = [(number, list(cells)) for number, cells in rows]
        self._width = max((len(cells) for _, cells in self._rows), default=0)
        self.endResetModel()

    def set_header_row(self, number: int | None) -> None:
        self.header_row = number
        if self._rows and self._width:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self._width - 1))

    def row_number(self, row: int) -> int:
        return self._rows[row][0]

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else self._width

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < self._width:
            return None
        number, cells = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = cells[index.column()] if index.column() < len(cells) else ""
            return "" if value is None else str(value)
        if number == self.header_row:
            if role == Qt.ItemDataRole.FontRole:
                return self._bold
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor("#fdf0c2")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < self._width:
            # The export's own letters; imported here, not at the top: guestcard.io costs 0.2 s at start.
            from guestcard.io.xlsx_writer import column_letters

            return column_letters(section)
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(self._rows[section][0])
        return None
