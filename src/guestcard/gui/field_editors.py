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

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from guestcard.domain.values import PartialDate, format_phone, parse_partial_date
from guestcard.forms import FieldSpec, FieldType, format_value, is_empty, parse_value
from guestcard.forms.values import format_date
from guestcard.gui.i18n import fill


def _tr(text: str) -> str:
    return QCoreApplication.translate("FieldEditor", text)


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


def make_editor(spec: FieldSpec, lang: str, parent: QWidget | None = None) -> FieldEditor:
    try:
        cls = EDITORS[spec.type]
    except KeyError:
        raise KeyError(f"no editor for field type {spec.type.value!r}") from None
    return cls(spec, lang, parent)


_UNDO_KEYS = UndoKeysToCard()


@register(FieldType.TEXT, FieldType.EMAIL, FieldType.NUMBER)
class LineEditor(FieldEditor):
    def _build(self, parent: QWidget | None) -> QWidget:
        edit = QLineEdit(parent)
        edit.setClearButtonEnabled(False)
        edit.textEdited.connect(self._emit)
        edit.installEventFilter(_UNDO_KEYS)
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
        edit.installEventFilter(_UNDO_KEYS)
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


@register(FieldType.DATE)
class DateEditor(FieldEditor):
    """Typed like managers write dates (``1985-03-02``, ``1985年3月2日``, month-day only ``3月2日``
    or ``03-02`` for a birthday without a year), or picked from a calendar.

    The 农历 switch says the date typed is of the Chinese calendar: on, ``3月2日`` is 农历三月初二
    (the state then carries the 农历 word, so undo and the other tabs keep the calendar too), and a
    day picked from the calendar becomes its lunar date; turned on or off, the same month and day
    change calendar. Typing 农历/阴历/闰 turns it on. Beside it, this year's solar day.
    """

    def _build(self, parent: QWidget | None) -> QWidget:
        box = QWidget(parent)
        outer = QVBoxLayout(box)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        layout = QHBoxLayout()
        layout.setSpacing(2)
        self.edit = QLineEdit(box)
        self.edit.textEdited.connect(self._emit)
        self.edit.installEventFilter(_UNDO_KEYS)
        self.button = QToolButton(box)
        self.button.setText("▾")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        menu = QMenu(self.button)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        menu.aboutToShow.connect(self._prepare_calendar)
        self.calendar.clicked.connect(lambda date: (self._pick(date), menu.hide()))
        self.button.setMenu(menu)
        self.lunar_switch = QCheckBox(box)
        self.lunar_switch.setObjectName("lunar_switch")
        self.lunar_switch.toggled.connect(self._switched)
        self.this_year = QLabel(box)
        self.this_year.setObjectName("this_year")
        self.this_year.setEnabled(False)  # greyed: a reminder, not a value
        self.edit.textChanged.connect(self._show_this_year)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        layout.addWidget(self.lunar_switch)
        # This year's solar day on a line of its own under the box (only for a lunar date), so the
        # text box keeps its width in a narrow column.
        outer.addLayout(layout)
        outer.addWidget(self.this_year)
        box.setFocusProxy(self.edit)
        self._relabel()
        return box

    def _relabel(self) -> None:
        self.lunar_switch.setText(QCoreApplication.translate("FieldEditor", "Lunar"))
        self.lunar_switch.setToolTip(QCoreApplication.translate(
            "FieldEditor", "A date of the Chinese calendar, such as lunar 3/2 or lunar 8/15/1958"))
        self._show_this_year()
        if self.lunar_switch.isChecked():
            self.edit.setPlaceholderText(QCoreApplication.translate("FieldEditor", "3/2 (lunar) or leap 4/1"))
            return
        self.edit.setPlaceholderText(QCoreApplication.translate("FieldEditor", "1985-03-02 or 03-02"))
        self.edit.setToolTip(QCoreApplication.translate(
            "FieldEditor", "A date such as 1985-03-02 or 1985年3月2日; a birthday without the year as 03-02 or 3月2日"))
        self.button.setToolTip(QCoreApplication.translate("FieldEditor", "Pick a date"))
        self.calendar.setLocale(QLocale())  # month and day names follow a language switch

    def _prepare_calendar(self) -> None:
        try:
            value = self.value()
        except ValueError:
            value = None
        if isinstance(value, str):
            value = PartialDate.from_iso(value)
        if isinstance(value, PartialDate) and value.year is not None:
            day = value.to_date() or dt.date.today()  # a lunar date: the solar day it was
            self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))
        else:
            today = dt.date.today()
            self.calendar.setSelectedDate(QDate(today.year, today.month, today.day))

    def _pick(self, date: QDate) -> None:
        picked = PartialDate(date.month(), date.day(), date.year())
        if self.lunar_switch.isChecked():
            from guestcard.domain.lunar import from_solar

            day = from_solar(dt.date(date.year(), date.month(), date.day()))
            picked = PartialDate.lunar_date(day.month, day.day, day.year, day.leap)
        self.edit.setText(self.state_of(picked))
        self._emit()

    def state(self) -> str:
        text = self.edit.text()
        if self.lunar_switch.isChecked() and text.strip() and not _says_lunar(text):
            return _LUNAR_WORD[self.lang] + text.strip()
        return text

    def _show_state(self, state: Any) -> None:
        text = "" if state is None else str(state)
        self.edit.setText(text)
        self.edit.setCursorPosition(0)  # the start of 1958年农历八月十五 in a narrow box
        self._set_switch(bool(text.strip()) and _says_lunar(text))

    def _set_switch(self, on: bool) -> None:
        blocked = self.lunar_switch.blockSignals(True)
        self.lunar_switch.setChecked(on)
        self.lunar_switch.blockSignals(blocked)
        self._relabel()

    def _emit(self, *_args: Any) -> None:
        if not self._quiet and _says_lunar(self.edit.text()) and not self.lunar_switch.isChecked():
            self._set_switch(True)  # 农历… typed: the switch follows
        super()._emit()

    def _switched(self, on: bool) -> None:
        """The user turned the switch: the same month and day in the other calendar."""
        self._relabel()
        try:
            value = parse_value(self.spec, self.edit.text())
        except ValueError:
            value = None
        if isinstance(value, str):
            value = PartialDate.from_iso(value)
        other: PartialDate | None = None
        if isinstance(value, PartialDate) and value.lunar != on:
            try:
                other = PartialDate(value.month, value.day, value.year, lunar=on)
            except ValueError:  # 农历二月三十 has no solar namesake: the text is left to be corrected
                other = None
        if other is not None:
            self.edit.setText(self.state_of(other))
        elif not on and _says_lunar(self.edit.text()):
            self.edit.setText(_LUNAR_MARKS.sub("", self.edit.text()).strip())
        self._emit()

    def _show_this_year(self, *_args: Any) -> None:
        try:
            value = parse_value(self.spec, self.state())
        except ValueError:
            value = None
        if isinstance(value, str):
            value = PartialDate.from_iso(value)
        lunar = isinstance(value, PartialDate) and value.lunar
        self.this_year.setText(_this_years_day(value) if lunar else "")  # type: ignore[arg-type]
        self.this_year.setVisible(lunar)

    def state_of(self, value: Any) -> Any:
        if is_empty(value):
            return ""
        if isinstance(value, str):
            value = PartialDate.from_iso(value)
        if value.lunar:
            return value.words(self.lang)  # 农历三月初二 / lunar 3/2, without this year's day
        if self.lang == "zh":
            return format_date(value, "zh")
        return value.iso() if value.year is not None else value.month_day


def _this_years_day(value: PartialDate) -> str:
    """``今年4月18日`` / ``Apr 18 this year``: the solar day a lunar date falls on this year."""
    today = dt.date.today()
    solar = value.occurrence_in(today.year)
    locale = QLocale()
    shown = locale.toString(QDate(solar.year, solar.month, solar.day),
                            "M月d日" if locale.language() == QLocale.Language.Chinese else "MMM d")
    if solar.year != today.year:  # a late-winter date that misses this solar year
        return fill(_tr("%1 next year"), shown)
    return fill(_tr("%1 this year"), shown)


_LUNAR_WORD = {"zh": "农历", "en": "lunar "}
_LUNAR_MARKS = re.compile(r"农历|阴历|旧历|夏历|農曆|陰曆|舊曆|[闰閏]|lunar\s*|leap\s*", re.IGNORECASE)


def _says_lunar(text: str) -> bool:
    """The text is a lunar date by its words (农历…, 闰…, lunar …) or its stored form."""
    try:
        return parse_partial_date(text).lunar
    except ValueError:
        return bool(_LUNAR_MARKS.search(text))


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
