"""The date field's editor: typed as managers write dates or picked from a calendar, with the
农历 switch for a lunar date and this year's solar day beside it. Registered for ``FieldType.DATE``;
made through ``field_editors.make_editor``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from guestcard.domain.values import PartialDate, parse_partial_date
from guestcard.forms import FieldType, is_empty, parse_value
from guestcard.forms.values import format_date
from guestcard.gui.field_editor_base import UNDO_KEYS, FieldEditor, register
from guestcard.gui.i18n import fill


def _tr(text: str) -> str:
    return QCoreApplication.translate("FieldEditor", text)  # the context the field editors share


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
        self.edit.installEventFilter(UNDO_KEYS)
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
            from guestcard.domain.lunar import from_solar  # lazy: the lunar tables (~25 ms) load after the window shows

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

