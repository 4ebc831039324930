"""The card through its widgets: open, edit every field type, save, revert, undo, the unsaved guard."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from gui_helpers import list_settled, replace_text, type_text
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit

from guestcard.domain import Customer
from guestcard.domain.values import PartialDate
from guestcard.gui.card_editor import CardEditor, line_edit_of
from guestcard.gui.main_window import MainWindow
from guestcard.services import customers as services
from guestcard.storage import Database


def add(window: MainWindow, **values: Any) -> int:
    """A new customer; the list shows everyone (the demo's 60 and the new ones) on its first page."""
    assert window.db is not None
    created = services.create_customer(window.db, Customer(**values))
    assert created.id is not None
    window.customers.model.first_page = 1000
    window.customers.reload()
    return created.id


def click_row_of(qtbot: Any, window: MainWindow, customer_id: int, *, opens: bool = True) -> None:
    """Click the customer's row in the list (searching for them first when not on the first page);
    with ``opens``, until their card (read on the runner) is shown."""
    page = window.customers
    window.show_page("customers")
    row = list_settled(qtbot, page.model).row_of(customer_id)
    if row is None:
        customer = services.get_customer(window.db, customer_id)
        page.search.setText(customer.name)
        page.apply_filter()
        row = list_settled(qtbot, page.model).row_of(customer_id)
    assert row is not None
    index = page.proxy.mapFromSource(page.model.index(row, 0))
    page.view.scrollTo(index)
    rect = page.view.visualRect(index)
    if not opens:
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        return
    with qtbot.waitSignal(card_of(window).loaded, timeout=10_000,
                          check_params_cb=lambda shown: shown == customer_id):
        qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def card_of(window: MainWindow) -> CardEditor:
    card = window.customers.card
    assert card is not None
    return card


@pytest.fixture
def wang(window: MainWindow) -> int:
    return add(window, name="王建国", honorific="王总", phone="13912345678", customer_class="A",
               birthday=PartialDate(3, 2, 1965), favorite_dishes="佛跳墙")


def test_clicking_a_row_opens_the_card_with_one_tab_per_form(qtbot: Any, window: MainWindow, wang: int) -> None:
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    assert card.customer is not None and card.customer.id == wang
    assert card.title.text() == "王建国（王总）"
    assert card.form_ids() == [f.id for f in window.library.forms.values() if f.applies_to("individual")]
    texts = [card.tabs.tabText(i) for i in range(card.tabs.count())]
    assert texts[: len(card.form_ids())] == [window.library.forms[f].title.en for f in card.form_ids()]
    assert any(t.startswith("Visits (") for t in texts) and any(t.startswith("Contacts (") for t in texts)
    assert line_edit_of(card.editor("name")).text() == "王建国"
    assert line_edit_of(card.editor("phone")).text() == "139 1234 5678"
    assert line_edit_of(card.editor("birthday")).text() == "1965-03-02"
    assert not card.is_dirty() and not window.save_action.isEnabled()


def test_an_organisation_gets_the_organisation_forms(qtbot: Any, window: MainWindow) -> None:
    firm = add(window, name="星光科技有限公司", kind="corporate", phone="02787654321")
    click_row_of(qtbot, window, firm)
    card = card_of(window)
    assert "corporate" in card.form_ids() and "guest_history" not in card.form_ids()


def test_edit_and_save_every_kind_of_field(qtbot: Any, window: MainWindow, wang: int) -> None:
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    replace_text(qtbot, line_edit_of(card.editor("honorific")), "王董")  # text
    replace_text(qtbot, line_edit_of(card.editor("birthday")), "3月5日")  # date without a year
    replace_text(qtbot, line_edit_of(card.editor("phone")), "138-0000-1111")  # phone
    replace_text(qtbot, line_edit_of(card.editor("annual_spend")), "¥12,800")  # money
    allergies = card.editor("allergies").widget  # longtext
    assert isinstance(allergies, QPlainTextEdit)
    allergies.setFocus()
    type_text(qtbot, allergies, "海鲜")
    gender = card.editor("gender").widget  # choice
    assert isinstance(gender, QComboBox)
    gender.setCurrentIndex(gender.findData("male"))
    drinks = card.editor("drinks", "deep_profile").widget  # bool
    assert isinstance(drinks, QComboBox)
    drinks.setCurrentIndex(drinks.findData(True))
    boxes = card.editor("disposition", "deep_profile").widget.findChildren(QCheckBox)  # multichoice
    qtbot.mouseClick(boxes[0], Qt.MouseButton.LeftButton, pos=QPoint(5, boxes[0].height() // 2))
    replace_text(qtbot, line_edit_of(card.editor("age", "customer_data")), "61")  # number
    replace_text(qtbot, line_edit_of(card.editor("tags")), "常客，素食")
    assert card.is_dirty()
    assert window.save_action.isEnabled() and window.isWindowModified()
    assert "Unsaved" in card.state_label.text()

    with qtbot.waitSignal(card.saved):
        qtbot.mouseClick(card.buttons[0], Qt.MouseButton.LeftButton)  # Save

    saved = services.get_customer(window.db, wang)
    assert saved.honorific == "王董"
    assert saved.birthday == PartialDate(3, 5, None)
    assert saved.phone == "13800001111"
    assert saved.annual_spend == Decimal("12800")
    assert saved.allergies == "海鲜"
    assert saved.gender == "male"
    assert saved.fields["drinks"] is True
    assert saved.fields["disposition"] == ["others_opinion"]
    assert saved.fields["age"] == 61
    assert saved.tags == ("常客", "素食")
    assert saved.favorite_dishes == "佛跳墙"  # untouched fields stay
    assert not card.is_dirty() and card.state_label.text() == "Saved"
    assert not window.isWindowModified()
    # The list shows the new values, the card its new title.
    row = window.customers.model.row_of(wang)
    assert row is not None and window.customers.model.customer_at(row).honorific == "王董"
    assert card.title.text() == "王建国（王董）"
    assert line_edit_of(card.editor("birthday")).text() == "03-05"


def test_one_field_on_several_tabs_stays_in_step(qtbot: Any, window: MainWindow, wang: int) -> None:
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    on_history = line_edit_of(card.editor("phone", "guest_history"))
    on_data = line_edit_of(card.editor("phone", "customer_data"))
    assert on_history is not on_data
    replace_text(qtbot, on_history, "13700000000")
    assert on_data.text() == "13700000000"


def test_ctrl_s_saves_and_the_service_reads_it_back(qtbot: Any, window: MainWindow, wang: int) -> None:
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    edit = line_edit_of(card.editor("company"))
    replace_text(qtbot, edit, "北京烤鸭店")
    with qtbot.waitSignal(card.saved):
        qtbot.keyClick(edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert services.get_customer(window.db, wang).company == "北京烤鸭店"


def test_inline_validation_blocks_saving(qtbot: Any, window: MainWindow, wang: int) -> None:
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    birthday = card.editor("birthday")
    replace_text(qtbot, line_edit_of(birthday), "2月30日")
    rows = [row for row in card._rows("birthday")]
    assert all(not row.message.isHidden() and row.message.text() for row in rows)
    assert "birthday" in card.errors()
    name = line_edit_of(card.editor("name"))
    replace_text(qtbot, name, "")
    assert "name" in card.errors() and "cannot be empty" in card.errors()["name"]
    assert card.save() is False  # refused at once, nothing started
    assert "Not saved" in card.state_label.text()
    assert services.get_customer(window.db, wang).name == "王建国"
    # Correcting the field takes the message away.
    type_text(qtbot, name, "王建国")
    assert "name" not in card.errors()
    replace_text(qtbot, line_edit_of(birthday), "3月2日")
    assert not card.errors()
    assert all(bool(row.message.isHidden()) for row in rows)


def test_revert_drops_the_changes(qtbot: Any, window: MainWindow, wang: int) -> None:
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    replace_text(qtbot, line_edit_of(card.editor("honorific")), "老王")
    assert card.is_dirty()
    with qtbot.waitSignal(card.loaded, timeout=10_000):
        qtbot.mouseClick(card.buttons[1], Qt.MouseButton.LeftButton)  # Revert
    assert not card.is_dirty()
    assert line_edit_of(card.editor("honorific")).text() == "王总"
    assert services.get_customer(window.db, wang).honorific == "王总"


def test_undo_and_redo_of_edits(qtbot: Any, window: MainWindow, wang: int) -> None:
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    honorific = line_edit_of(card.editor("honorific"))
    replace_text(qtbot, honorific, "老王")
    dishes = line_edit_of(card.editor("company"))
    replace_text(qtbot, dishes, "烤鸭店")
    assert card.undo_stack.count() == 2  # each field's typing is one step
    qtbot.keyClick(dishes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert dishes.text() == "" and honorific.text() == "老王"
    qtbot.keyClick(dishes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert honorific.text() == "王总"
    assert not card.is_dirty()  # back to the saved card
    qtbot.keyClick(honorific, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert honorific.text() == "老王" and card.is_dirty()
    card.undo_action.trigger()
    assert not card.is_dirty()


def test_switching_customer_with_unsaved_changes_asks(qtbot: Any, window: MainWindow, wang: int,
                                                      answer: Any) -> None:
    li = add(window, name="李娜", phone="13600000000")
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    replace_text(qtbot, line_edit_of(card.editor("honorific")), "老王")

    answer("save_discard_cancel", "cancel")  # stay on the card
    click_row_of(qtbot, window, li, opens=False)
    assert card.customer.id == wang and card.is_dirty()
    current = window.customers.view.currentIndex()
    assert window.customers.proxy.customer_at(current.row()).id == wang  # the list went back too

    answer("save_discard_cancel", "discard")
    click_row_of(qtbot, window, li)
    assert card.customer.id == li
    assert services.get_customer(window.db, wang).honorific == "王总"

    replace_text(qtbot, line_edit_of(card.editor("honorific")), "李总")
    answer("save_discard_cancel", "save")
    with qtbot.waitSignal(card.saved, timeout=10_000):  # written on the runner, then wang's card read
        click_row_of(qtbot, window, wang)
    assert card.customer.id == wang
    assert services.get_customer(window.db, li).honorific == "李总"
    assert [name for name, _ in answer.asked] == ["save_discard_cancel"] * 3


def test_an_unsaved_card_with_an_error_is_not_lost_by_save(qtbot: Any, window: MainWindow, wang: int,
                                                           answer: Any) -> None:
    li = add(window, name="李娜")
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    replace_text(qtbot, line_edit_of(card.editor("birthday")), "not a date")
    answer("save_discard_cancel", "save")
    click_row_of(qtbot, window, li, opens=False)
    assert card.customer.id == wang and card.is_dirty()  # could not save: stays


def test_closing_the_window_with_unsaved_changes_asks(qtbot: Any, window: MainWindow, wang: int,
                                                      answer: Any, db_path: Path) -> None:
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    replace_text(qtbot, line_edit_of(card.editor("honorific")), "老王")
    answer("save_discard_cancel", "cancel")
    window.close()
    assert window.isVisible() and card.is_dirty()
    answer("save_discard_cancel", "save")
    with qtbot.waitSignal(card.saveEnded, timeout=10_000):  # written on the runner, then the window closes
        window.close()
    assert not window.isVisible()
    assert window.db is None  # closed with the window
    again = Database.open(db_path)
    try:
        assert services.get_customer(again, wang).honorific == "老王"
    finally:
        again.close()


def test_other_ways_off_the_card_ask_too(qtbot: Any, window: MainWindow, wang: int, answer: Any) -> None:
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    replace_text(qtbot, line_edit_of(card.editor("honorific")), "老王")
    answer("save_discard_cancel", "cancel")
    window.new_customer()  # Ctrl+N
    window.import_sheet()  # Ctrl+I
    window.open_customer(window.customers.model.customer_at(0).id if window.customers.model.customer_at(0).id != wang
                         else window.customers.model.customer_at(1).id)
    assert card.customer.id == wang and card.is_dirty()
    assert [name for name, _ in answer.asked] == ["save_discard_cancel"] * 3


def test_save_on_the_way_off_the_card_writes_it_then_goes_on(qtbot: Any, window: MainWindow, wang: int,
                                                             answer: Any) -> None:
    """'Save' before Ctrl+N: the card is written on the runner, and only then does the new
    customer's dialog open (the caller is run again once the card may go)."""
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    replace_text(qtbot, line_edit_of(card.editor("honorific")), "老王")
    answer("save_discard_cancel", "save")
    dirty_when_asked: list[bool] = []
    answer("run_dialog", lambda dialog: dirty_when_asked.append(card.is_dirty()) or False)
    with qtbot.waitSignal(card.saveEnded, timeout=10_000, check_params_cb=lambda written: written):
        window.new_customer()
        assert dirty_when_asked == []  # not before the write
    assert dirty_when_asked == [False]  # asked after it, not instead of it
    assert services.get_customer(window.db, wang).honorific == "老王"
    assert [name for name, _ in answer.asked] == ["save_discard_cancel", "run_dialog"]


def test_a_card_saved_elsewhere_meanwhile_shows_both_values(qtbot: Any, window: MainWindow, wang: int,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from guestcard.gui import dialogs

    click_row_of(qtbot, window, wang)
    card = card_of(window)
    services.update_customer(window.db, wang, {"honorific": "王主任"})
    replace_text(qtbot, line_edit_of(card.editor("honorific")), "老王")
    shown: list[Any] = []
    monkeypatch.setattr(dialogs, "ask_conflict", lambda _parent, rows: shown.append(rows) or "mine")
    with qtbot.waitSignal(card.saved, timeout=10_000):
        assert card.save()
    assert shown == [[("Form of address", "老王", "王主任")]]
    assert services.get_customer(window.db, wang).honorific == "老王"


def test_imported_text_that_could_not_be_read_is_shown_under_the_field(qtbot: Any, window: MainWindow) -> None:
    odd = add(window, name="赵六", raw={"birthday": "农历八月十五"})
    click_row_of(qtbot, window, odd)
    card = card_of(window)
    row = card._rows("birthday")[0]
    assert not row.message.isHidden() and "农历八月十五" in row.message.text()


def test_the_date_editor_picks_from_a_calendar(qtbot: Any, window: MainWindow, wang: int) -> None:
    from PySide6.QtCore import QDate

    click_row_of(qtbot, window, wang)
    card = card_of(window)
    editor = card.editor("anniversary")
    editor._pick(QDate(2001, 10, 8))  # what a click on the calendar does
    assert line_edit_of(editor).text() == "2001-10-08"
    assert card.is_dirty()
    with qtbot.waitSignal(card.saved, timeout=10_000):
        assert card.save()
    assert services.get_customer(window.db, wang).anniversary == PartialDate(10, 8, 2001)


def test_typing_into_a_field_never_goes_to_the_text_box_undo(qtbot: Any, window: MainWindow, wang: int) -> None:
    click_row_of(qtbot, window, wang)
    card = card_of(window)
    edit = line_edit_of(card.editor("position"))
    assert isinstance(edit, QLineEdit)
    replace_text(qtbot, edit, "董事长")
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == ""
    assert not card.is_dirty()


def test_a_forms_fields_are_made_when_its_tab_is_first_shown(qtbot: Any, window: MainWindow, wang: int) -> None:
    from PySide6.QtWidgets import QScrollArea

    click_row_of(qtbot, window, wang)
    card = card_of(window)
    pages = [card.tabs.widget(i) for i in range(len(card.form_ids()))]
    assert all(isinstance(page, QScrollArea) for page in pages)
    assert pages[0].widget() is not None and all(page.widget() is None for page in pages[1:])
    phone = pages[0].widget().findChild(QLineEdit, "field_phone")
    replace_text(qtbot, phone, "13700000000")  # an edit before the other tabs exist
    card.tabs.setCurrentIndex(1)  # Customer Data Card: built now, showing the unsaved edit
    assert pages[1].widget() is not None
    assert pages[1].widget().findChild(QLineEdit, "field_phone").text() == "13700000000"
    assert pages[1].widget().findChild(QLineEdit, "field_name").text() == "王建国"
    qtbot.keyClick(phone, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo reaches the new tab too
    assert pages[1].widget().findChild(QLineEdit, "field_phone").text() == "139 1234 5678"
    assert not card.is_dirty()
