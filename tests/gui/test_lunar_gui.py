"""Lunar birthdays in the window: the date editor's 农历 switch, the Today page, festival settings."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from gui_helpers import type_text
from PySide6.QtCore import QDate, QPoint, Qt
from window_helpers import open_card

from guestcard.domain import Customer, PartialDate
from guestcard.forms import FormLibrary
from guestcard.gui.field_editors import make_editor
from guestcard.gui.main_window import MainWindow
from guestcard.gui.models import RecordsModel
from guestcard.services import customers as services
from guestcard.storage import Database


def _click(qtbot: Any, box: Any) -> None:
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(5, box.height() // 2))


def _this_year(value: PartialDate) -> dt.date:
    return value.occurrence_in(dt.date.today().year)


def test_the_date_editor_shows_a_lunar_date_and_this_years_day(qtbot: Any, library: FormLibrary) -> None:
    editor = make_editor(library.field("birthday"), "zh")
    qtbot.addWidget(editor.widget)
    editor.widget.show()
    value = PartialDate.lunar_date(3, 2)
    editor.set_value(value)
    assert editor.edit.text() == "农历三月初二" and editor.lunar_switch.isChecked()
    day = _this_year(value)
    assert editor.this_year.isVisible() and str(day.day) in editor.this_year.text()
    assert editor.value() == value
    editor.set_lang("en")
    assert editor.edit.text() == "lunar 3/2" and editor.value() == value
    editor.set_value(PartialDate(3, 2))
    assert not editor.lunar_switch.isChecked() and not editor.this_year.isVisible()


def test_the_switch_moves_the_same_month_and_day_to_the_other_calendar(qtbot: Any, library: FormLibrary) -> None:
    editor = make_editor(library.field("birthday"), "zh")
    qtbot.addWidget(editor.widget)
    editor.widget.show()
    editor.set_value(PartialDate(3, 2, 1958))
    with qtbot.waitSignal(editor.changed):
        _click(qtbot, editor.lunar_switch)
    assert editor.edit.text() == "1958年农历三月初二"
    assert editor.value() == PartialDate.lunar_date(3, 2, 1958)
    with qtbot.waitSignal(editor.changed):
        _click(qtbot, editor.lunar_switch)
    assert editor.value() == PartialDate(3, 2, 1958) and "农历" not in editor.edit.text()


def test_typed_dates_with_the_switch_on_are_lunar(qtbot: Any, library: FormLibrary) -> None:
    editor = make_editor(library.field("birthday"), "zh")
    qtbot.addWidget(editor.widget)
    editor.widget.show()
    _click(qtbot, editor.lunar_switch)
    assert editor.lunar_switch.isChecked()
    with qtbot.waitSignal(editor.changed):
        type_text(qtbot, editor.edit, "8月15日")
    assert editor.value() == PartialDate.lunar_date(8, 15)
    assert editor.state() == "农历8月15日"  # undo and the other tabs keep the calendar too
    # A day picked from the calendar with the switch on becomes its lunar date.
    with qtbot.waitSignal(editor.changed):
        editor.calendar.clicked.emit(QDate(1958, 9, 27))
    assert editor.value() == PartialDate.lunar_date(8, 15, 1958)


def test_typing_the_lunar_words_turns_the_switch_on(qtbot: Any, library: FormLibrary) -> None:
    editor = make_editor(library.field("birthday"), "zh")
    qtbot.addWidget(editor.widget)
    editor.widget.show()
    with qtbot.waitSignal(editor.changed):
        type_text(qtbot, editor.edit, "阴历腊月初八")
    assert editor.lunar_switch.isChecked()
    assert editor.value() == PartialDate.lunar_date(12, 8)
    editor.edit.clear()
    with qtbot.waitSignal(editor.changed):
        type_text(qtbot, editor.edit, "2026年农历闰四月初一")  # 2026 has no leap 4th month
    try:
        editor.value()
    except ValueError as exc:
        assert "not a real date" in str(exc)
    else:
        raise AssertionError("an impossible lunar date was accepted")


def test_a_lunar_birthday_is_saved_from_the_card(qtbot: Any, window: MainWindow) -> None:
    from gui_helpers import replace_text

    from guestcard.gui.card_editor import line_edit_of

    created = services.create_customer(window.db, Customer(name="农历寿星", birthday=PartialDate(3, 2)))
    open_card(qtbot, window, created.id)
    card = window.customers.card
    editor = card.editor("birthday")
    _click(qtbot, editor.lunar_switch)
    replace_text(qtbot, line_edit_of(editor), "1958年8月15日")
    with qtbot.waitSignal(card.saved):
        qtbot.mouseClick(card.buttons[0], Qt.MouseButton.LeftButton)  # Save
    assert services.get_customer(window.db, created.id).birthday == PartialDate.lunar_date(8, 15, 1958)
    deep = card.editor("birthday", "deep_profile")  # 出生年月日 on the 61-question card: the same value
    assert deep.value() == PartialDate.lunar_date(8, 15, 1958) and deep.lunar_switch.isChecked()


def test_the_today_page_shows_lunar_birthdays_and_the_festivals(qtbot: Any, qtmodeltester: Any,
                                                                 window: MainWindow, sqlite_db: Database) -> None:
    from guestcard.gui.today_page import FESTIVAL_COLUMNS, board_job

    mid_autumn = dt.date(2026, 9, 25)
    services.create_customer(sqlite_db, Customer(name="王建国", customer_class="A",
                                                 birthday=PartialDate.lunar_date(8, 16, 1958)))
    today = window.today
    if today.board is None:
        qtbot.waitSignal(today.refreshed, timeout=10_000).wait()
    # The page's own job, run where the page runs it: on a thread of its own, not the GUI thread.
    boards: list[Any] = []
    reading = threading.Thread(target=lambda: boards.extend(
        step for step in board_job(sqlite_db, mid_autumn - dt.timedelta(days=2), {"mid_autumn": "A"})(None)
        if hasattr(step, "festivals")))
    reading.start()
    reading.join(30)
    (board,) = boards
    with qtbot.waitSignal(today.refreshed):
        today.show_board(board)
    lunar_rows = [r for r in range(today.occasion_model.rowCount())
                  if "农历" in str(today.occasion_model.data(today.occasion_model.index(r, 0)))
                  or "lunar" in str(today.occasion_model.data(today.occasion_model.index(r, 0)))]
    assert lunar_rows, "the lunar birthday shows its lunar date"
    assert today.festival_view.isVisibleTo(today)
    model = today.festival_model
    names = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert any("Mid-Autumn" in str(n) for n in names)
    guests = today.festival_model.data(today.festival_model.index(0, 2))
    assert "王建国" in guests
    qtmodeltester.check(RecordsModel(FESTIVAL_COLUMNS, board.festivals), force_py=True)


def test_settings_choose_the_classes_greeted_at_each_festival(qtbot: Any, window: MainWindow) -> None:
    from guestcard.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, window.library, window)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.festivals_button, Qt.MouseButton.LeftButton)
    festivals = dialog.festival_dialog
    box = festivals.boxes["mid_autumn", "C"]
    assert not box.isChecked() and festivals.boxes["mid_autumn", "A"].isChecked()
    _click(qtbot, box)
    with qtbot.waitSignal(festivals.accepted):
        festivals.buttons.button(festivals.buttons.StandardButton.Ok).click()
    assert dialog.result_settings().festival_classes["mid_autumn"] == "ABC"
