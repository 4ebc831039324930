"""What every table model of the window shares: a column description, the labels of coded values
and the item roles as plain ints."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from guestcard.domain.values import format_phone as domain_format

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
ALLERGY_COLOR = QColor("#a11d1d")


def format_phone(phone: str) -> str:
    """``138 1234 5678``; the domain's formatting, imported when a phone is first shown (the
    domain package is not needed to show the window)."""
    return domain_format(phone)


def tr(text: str) -> str:
    return QCoreApplication.translate("models", text)


def kind_label(kind: str | None) -> str:
    if kind == "corporate":
        return QCoreApplication.translate("models", "Organisation")
    if kind == "individual":
        return QCoreApplication.translate("models", "Individual")
    return kind or ""


def gender_label(gender: str | None) -> str:
    if gender == "male":
        return QCoreApplication.translate("models", "Male")
    if gender == "female":
        return QCoreApplication.translate("models", "Female")
    return gender or ""


def class_label(value: str | None) -> str:
    return value or ""


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # English source text, translated in context "models" when shown
    value: Callable[[Any], Any]
    align_right: bool = False
    tooltip: bool = False  # show the whole text as a tooltip (long texts)
    color: QColor | None = None


ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Roles as plain ints: a view asks data() a few thousand times per paint, and comparing PySide's
# enum members costs more than the whole lookup.
DISPLAY = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
FONT = int(Qt.ItemDataRole.FontRole)
ID = int(ID_ROLE)
ANSWERED = frozenset((DISPLAY, TOOLTIP, ALIGNMENT, FOREGROUND, FONT, ID))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
# No model here overrides flags(): QAbstractTableModel's own (enabled, selectable, no children) is
# what a read-only table wants, and answering it from Python cost more than painting the rows.

