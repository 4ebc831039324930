"""One editor widget per ``FieldType``, looked up in a table (``EDITORS``), guidata style.

An editor shows a field's *state* (what the widget holds: text, a choice value, a list of values,
yes/no/unknown) and turns it into the kept value with ``forms.parse_value`` — the one reading of a
value the importer and the command line use too — so its ``ValueError`` is the inline message.

    editor = make_editor(spec, "zh", parent)
    editor.set_value(customer.get(spec.key))   # shows it, emits nothing
    editor.changed.connect(...)                # the user changed it
    editor.value()                             # the kept value, or ValueError with the reason

A new field type gets its editor with ``@register(FieldType.X)`` on a ``FieldEditor`` subclass.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from guestcard.domain.values import format_phone
from guestcard.forms import FieldSpec, FieldType, format_value, is_empty, parse_value
from guestcard.gui.date_editor import DateEditor
from guestcard.gui.field_editor_base import EDITORS, UNDO_KEYS, FieldEditor, register

__all__ = ["EDITORS", "DateEditor", "FieldEditor", "make_editor", "register"]


def make_editor(spec: FieldSpec, lang: str, parent: QWidget | None = None) -> FieldEditor:
    try:
        cls = EDITORS[spec.type]
    except KeyError:
        raise KeyError(f"no editor for field type {spec.type.value!r}") from None
    return cls(spec, lang, parent)


@register(FieldType.TEXT, FieldType.EMAIL, FieldType.NUMBER)
class LineEditor(FieldEditor):
    def _build(self, parent: QWidget | None) -> QWidget:
        edit = QLineEdit(parent)
        edit.setClearButtonEnabled(False)
        edit.textEdited.connect(self._emit)
        edit.installEventFilter(UNDO_KEYS)
        self.edit = edit
        return edit

    def state(self) -> str:
        return self.edit.text()

    def _show_state(self, state: Any) -> None:
        self.edit.setText("" if state is None else str(state))
        self.edit.setCursorPosition(0)

    def state_of(self, value: Any) -> Any:
        return "" if is_empty(value) else str(value)


@register(FieldType.PHONE)
class PhoneEditor(LineEditor):
    def _build(self, parent: QWidget | None) -> QWidget:
        widget = super()._build(parent)
        self.edit.setPlaceholderText("138 1234 5678")
        return widget

    def state_of(self, value: Any) -> Any:
        return "" if is_empty(value) else format_phone(str(value))


@register(FieldType.MONEY)
class MoneyEditor(LineEditor):
    def _build(self, parent: QWidget | None) -> QWidget:
        widget = super()._build(parent)
        self.edit.setPlaceholderText("¥")
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return widget

    def state_of(self, value: Any) -> Any:
        return "" if is_empty(value) else format_value(self.spec, value, self.lang)


@register(FieldType.LONGTEXT)
class LongTextEditor(FieldEditor):
    def _build(self, parent: QWidget | None) -> QWidget:
        edit = QPlainTextEdit(parent)
        edit.setTabChangesFocus(True)
        edit.setUndoRedoEnabled(False)  # the card's undo stack holds the edits
        edit.installEventFilter(UNDO_KEYS)
        lines = max(2, min(self.spec.lines, 4))
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        edit.textChanged.connect(self._emit)
        self.edit = edit
        return edit

    def state(self) -> str:
        return self.edit.toPlainText()

    def _show_state(self, state: Any) -> None:
        if self.edit.toPlainText() != (state or ""):
            self.edit.setPlainText("" if state is None else str(state))

    def state_of(self, value: Any) -> Any:
        return "" if is_empty(value) else str(value)



@register(FieldType.CHOICE)
class ChoiceEditor(FieldEditor):
    def _build(self, parent: QWidget | None) -> QWidget:
        combo = QComboBox(parent)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        self.combo = combo
        self._fill()
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def _fill(self) -> None:
        current = self.combo.currentData() if self.combo.count() else None
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", None)
        for choice in self.spec.choices:
            self.combo.addItem(choice.label.text(self.lang), choice.value)
        index = self.combo.findData(current) if current is not None else 0
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)

    def _relabel(self) -> None:
        self._fill()

    def state(self) -> str | None:
        return self.combo.currentData()

    def _show_state(self, state: Any) -> None:
        index = self.combo.findData(state) if state is not None else 0
        if index < 0:
            # A value that is not one of the choices (an old import): shown as it is, never
            # silently blanked; parse_value says it is not a choice until another is picked.
            self.combo.addItem(str(state), state)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def state_of(self, value: Any) -> Any:
        return None if is_empty(value) else str(value)


@register(FieldType.MULTICHOICE)
class MultiChoiceEditor(FieldEditor):
    def _build(self, parent: QWidget | None) -> QWidget:
        box = QWidget(parent)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.boxes: list[tuple[str, QCheckBox]] = []
        per_row = 4 if len(self.spec.choices) > 6 else 3
        for i, choice in enumerate(self.spec.choices):
            check = QCheckBox(choice.label.text(self.lang), box)
            check.toggled.connect(self._emit)
            grid.addWidget(check, i // per_row, i % per_row)
            self.boxes.append((choice.value, check))
        return box

    def _relabel(self) -> None:
        labels = {c.value: c.label.text(self.lang) for c in self.spec.choices}
        for value, check in self.boxes:
            check.setText(labels[value])

    def state(self) -> tuple[str, ...]:
        return tuple(value for value, check in self.boxes if check.isChecked())

    def _show_state(self, state: Any) -> None:
        wanted = set(state or ())
        for value, check in self.boxes:
            check.setChecked(value in wanted)

    def state_of(self, value: Any) -> Any:
        return () if is_empty(value) else tuple(value)

    def value(self) -> Any:
        return parse_value(self.spec, list(self.state()))

    def focus(self) -> None:
        if self.boxes:
            self.boxes[0][1].setFocus(Qt.FocusReason.OtherFocusReason)


@register(FieldType.BOOL)
class BoolEditor(FieldEditor):
    def _build(self, parent: QWidget | None) -> QWidget:
        combo = QComboBox(parent)
        self.combo = combo
        self._fill()
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def _fill(self) -> None:
        current = self.combo.currentIndex() if self.combo.count() else 0
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem("", None)
        self.combo.addItem("是" if self.lang == "zh" else "Yes", True)
        self.combo.addItem("否" if self.lang == "zh" else "No", False)
        self.combo.setCurrentIndex(current)
        self.combo.blockSignals(False)

    def _relabel(self) -> None:
        self._fill()

    def state(self) -> bool | None:
        return self.combo.currentData()

    def _show_state(self, state: Any) -> None:
        self.combo.setCurrentIndex(0 if state is None else 1 if state else 2)

    def state_of(self, value: Any) -> Any:
        return None if value is None else bool(value)
