"""The base of the field editors: ``FieldEditor`` (a widget for one field, its state and its kept
value), the table of editors by field type (``EDITORS``, filled by ``@register``), and the filter
that leaves Ctrl+Z to the card's undo stack. The editors themselves are ``field_editors`` (and
``date_editor``); ``field_editors.make_editor`` is the way in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QWidget,
)

from guestcard.forms import FieldSpec, FieldType, format_value, is_empty, parse_value


class UndoKeysToCard(QObject):
    """Leaves Ctrl+Z / Ctrl+Shift+Z to the card's undo stack instead of a text box's own undo, so
    one history holds every edit of the card."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            key_event = event  # a QKeyEvent
            if key_event.matches(QKeySequence.StandardKey.Undo) or key_event.matches(  # type: ignore[attr-defined]
                QKeySequence.StandardKey.Redo
            ):
                event.ignore()
                return True
        return False


class FieldEditor(QObject):
    """Base: a widget for one field. Subclasses implement state()/set_state()/state_of()."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.lang = lang
        self._quiet = False
        self.widget: QWidget = self._build(parent)
        self.widget.setObjectName(f"field_{spec.key}")

    # -- to implement -----------------------------------------------------------------------------

    def _build(self, parent: QWidget | None) -> QWidget:
        raise NotImplementedError

    def state(self) -> Any:
        """What the widget holds now (text, a choice value, a tuple of values, True/False/None)."""
        raise NotImplementedError

    def _show_state(self, state: Any) -> None:
        raise NotImplementedError

    def state_of(self, value: Any) -> Any:
        """The state that shows a kept value."""
        return "" if is_empty(value) else format_value(self.spec, value, self.lang)

    # -- shared -----------------------------------------------------------------------------------

    def set_state(self, state: Any) -> None:
        """Show ``state`` without emitting ``changed`` (loading, undo, another tab's copy)."""
        self._quiet = True
        try:
            self._show_state(state)
        finally:
            self._quiet = False

    def set_value(self, value: Any) -> None:
        self.set_state(self.state_of(value))

    def value(self) -> Any:
        """The kept value of what is shown; ``ValueError`` (a readable reason) when it cannot be read."""
        return parse_value(self.spec, self.state())

    def set_lang(self, lang: str) -> None:
        """Show the same value in another language (choice labels, date formats)."""
        try:
            value = self.value()
        except ValueError:
            self.lang = lang
            return
        self.lang = lang
        self._relabel()
        self.set_value(value)

    def _relabel(self) -> None:
        """Choice labels and placeholders in ``self.lang``."""

    def _emit(self, *_args: Any) -> None:
        if not self._quiet:
            self.changed.emit()

    def focus(self) -> None:
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)


EDITORS: dict[FieldType, type[FieldEditor]] = {}


def register(*types: FieldType) -> Callable[[type[FieldEditor]], type[FieldEditor]]:
    def decorate(cls: type[FieldEditor]) -> type[FieldEditor]:
        for field_type in types:
            EDITORS[field_type] = cls
        return cls

    return decorate


UNDO_KEYS = UndoKeysToCard()  # one filter for every editor's text box
