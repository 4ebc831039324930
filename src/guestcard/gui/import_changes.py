"""The trial run's list of what an import does to the cards you already have: each field it would
fill in, replace or leave as the card has it, the card's value and the sheet's side by side."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from guestcard.forms import FormLibrary, format_value
from guestcard.gui.i18n import ui_lang
from guestcard.gui.models import Column

ACTIONS = {
    "fill": QT_TRANSLATE_NOOP("ImportChanges", "Filled in"),
    "replace": QT_TRANSLATE_NOOP("ImportChanges", "Replaced by the sheet's"),
    "keep": QT_TRANSLATE_NOOP("ImportChanges", "Kept as on the card (the sheet's noted in its history)"),
}
_KEPT = QColor("#8a5300")  # the text of a value the card keeps (the rows are coloured by their text)
_REPLACED = QColor("#b00020")


def change_color(change: Any) -> QColor | None:
    return _KEPT if change.action == "keep" else _REPLACED if change.action == "replace" else None


def field_title(library: FormLibrary, key: str) -> str:
    if key.startswith("extra:"):
        return key[6:]
    if key == "tags":
        return QCoreApplication.translate("ImportChanges", "Tags")
    if key == "photo":
        return QCoreApplication.translate("ImportChanges", "Photo")
    spec = library.fields.get(key)
    return spec.label.text(ui_lang()) if spec is not None else key


def shown_value(library: FormLibrary, key: str, value: Any) -> str:
    if value is None:
        return ""
    spec = library.fields.get(key)
    if spec is not None:
        try:
            return format_value(spec, value, ui_lang())
        except (ValueError, TypeError, KeyError):
            pass
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    return str(value)


def change_columns(library: FormLibrary) -> tuple[Column, ...]:
    return (
        Column("name", QT_TRANSLATE_NOOP("models", "Guest"), lambda c: c.name),
        Column("row", QT_TRANSLATE_NOOP("models", "Row"), lambda c: c.row, align_right=True),
        Column("field", QT_TRANSLATE_NOOP("models", "Field"), lambda c: field_title(library, c.field)),
        Column("old", QT_TRANSLATE_NOOP("models", "On the card"), lambda c: shown_value(library, c.field, c.old),
               tooltip=True),
        Column("new", QT_TRANSLATE_NOOP("models", "In the sheet"), lambda c: shown_value(library, c.field, c.new),
               tooltip=True),
        Column("action", QT_TRANSLATE_NOOP("models", "What happens"),
               lambda c: QCoreApplication.translate("ImportChanges", ACTIONS[c.action])),
    )
