"""Row issues of the reader in the window's language (by their code, ``gui.messages``), and the issues
table's columns."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from guestcard.gui.messages import word
from guestcard.gui.models import Column

ERROR_COLOR = QColor("#b3261e")
WARNING_COLOR = QColor("#8a5a00")


def issue_text(issue: Any) -> str:
    """An issue in the window's language, worded from its code and pieces (``RowIssue.code``);
    an uncoded note is shown as the reader wrote it."""
    message = issue.as_message if hasattr(issue, "as_message") else None
    return issue.message if message is None else word(message)


ISSUE_COLUMNS = (
    Column("sheet", QT_TRANSLATE_NOOP("models", "Sheet"), lambda i: i.sheet),
    Column("row", QT_TRANSLATE_NOOP("models", "Row"), lambda i: "" if i.row is None else i.row, align_right=True),
    Column("column", QT_TRANSLATE_NOOP("models", "Column"), lambda i: i.column or ""),
    Column("level", QT_TRANSLATE_NOOP("models", "Level"),
           lambda i: QCoreApplication.translate("ImportWizard", "Error") if i.level == "error"
           else QCoreApplication.translate("ImportWizard", "Warning")),
    Column("message", QT_TRANSLATE_NOOP("models", "Message"), issue_text, tooltip=True),
)


def _csv_safe(text: str) -> str:
    """Text Excel shows as text: a leading = + - @ would start a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _issue_color(issue: Any) -> QColor:
    return ERROR_COLOR if issue.level == "error" else WARNING_COLOR

