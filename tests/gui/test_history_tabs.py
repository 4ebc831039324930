"""The card's Visits, Contacts and Relations tabs: add, edit, delete through the dialogs; relations open cards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from window_helpers import open_card

from guestcard.domain import Customer, Relation
from guestcard.gui.card_editor import CardEditor
from guestcard.gui.dialogs import ContactDialog, RelationDialog, VisitDialog
from guestcard.gui.main_window import MainWindow
from guestcard.gui.models import RecordsModel
from guestcard.services import customers as services


@pytest.fixture
def card(qtbot: Any, window: MainWindow) -> CardEditor:
    assert window.db is not None
    created = services.create_customer(window.db, Customer(name="王建国", honorific="王总", phone="13912345678"))
    assert created.id is not None
    window.customers.reload()
    open_card(qtbot, window, created.id)
    card = window.customers.card
    assert card is not None and card.customer is not None
    return card


def tab_text(card: CardEditor, tab: Any) -> str:
    return card.tabs.tabText(card.tabs.indexOf(tab))


def fill_visit(dialog: VisitDialog, when: dt.datetime, party: int, room: str, spend: str) -> bool:
    dialog.at.setDateTime(QDateTime(QDate(when.year, when.month, when.day), QTime(when.hour, when.minute)))
    dialog.party.setValue(party)
    dialog.room.setText(room)
    dialog.spend.setText(spend)
    dialog.dishes.setText("佛跳墙")
    dialog.accept()
    return dialog.result() == VisitDialog.DialogCode.Accepted


def test_add_edit_and_delete_a_visit(qtbot: Any, window: MainWindow, card: CardEditor, answer: Any) -> None:
    tab = card.visits
    card.tabs.setCurrentWidget(tab)
    assert tab_text(card, tab) == "Visits (0)"
    assert not tab.edit_button.isEnabled() and not tab.delete_button.isEnabled()
    when = dt.datetime(2026, 5, 1, 18, 30)
    answer("run_dialog", lambda dialog: fill_visit(dialog, when, 8, "牡丹厅", "¥3,680"))
    with qtbot.waitSignal(card.historyChanged, timeout=10_000):
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    (visit,) = services.customer_file(window.db, card.customer.id).visits
    assert (visit.at, visit.party_size, visit.room, visit.spend, visit.dishes) == (
        when, 8, "牡丹厅", Decimal("3680"), "佛跳墙")
    assert tab.model.rowCount() == 1 and tab_text(card, tab) == "Visits (1)"
    assert tab.model.data(tab.model.index(0, 4)) == "¥3,680"  # money in the locale

    tab.select_row(0)
    assert tab.edit_button.isEnabled()
    answer("run_dialog", lambda dialog: fill_visit(dialog, when, 10, "兰花厅", "4000"))
    with qtbot.waitSignal(tab.changed, timeout=10_000):  # written on the runner
        qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    (visit,) = services.customer_file(window.db, card.customer.id).visits
    assert (visit.party_size, visit.room, visit.spend) == (10, "兰花厅", Decimal("4000"))

    tab.select_row(0)
    answer("confirm", False)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert len(services.customer_file(window.db, card.customer.id).visits) == 1
    tab.select_row(0)
    answer("confirm", True)
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert services.customer_file(window.db, card.customer.id).visits == []
    assert tab.model.rowCount() == 0 and tab_text(card, tab) == "Visits (0)"


def test_a_visit_with_an_unreadable_amount_is_refused_in_the_dialog(qtbot: Any, card: CardEditor) -> None:
    dialog = VisitDialog(card.customer.id, None, card)
    qtbot.addWidget(dialog)
    dialog.spend.setText("three thousand")
    dialog.accept()
    assert dialog.result() != VisitDialog.DialogCode.Accepted
    assert not dialog.spend_error.isHidden() and dialog.spend_error.text()
    dialog.spend.setText("3000")
    dialog.accept()
    assert dialog.result() == VisitDialog.DialogCode.Accepted


def test_a_future_visit_is_a_reservation_on_the_today_page(qtbot: Any, window: MainWindow, card: CardEditor,
                                                           answer: Any) -> None:
    tomorrow = dt.datetime.combine(dt.date.today() + dt.timedelta(days=1), dt.time(19, 0))
    answer("run_dialog", lambda dialog: fill_visit(dialog, tomorrow, 6, "国宾厅", ""))
    with qtbot.waitSignal(window.today.refreshed, timeout=10_000):
        card.visits.add()
    guests = [pair[1].id for pair in window.today.tomorrow_model.records]
    assert card.customer.id in guests


def fill_contact(dialog: ContactDialog, channel: str, points: str, follow: dt.date | None) -> bool:
    dialog.channel.setCurrentText(channel)
    dialog.points.setPlainText(points)
    dialog.follow.setChecked(follow is not None)
    if follow is not None:
        dialog.next.setDate(QDate(follow.year, follow.month, follow.day))
    dialog.accept()
    return dialog.result() == ContactDialog.DialogCode.Accepted


def test_add_edit_and_delete_a_contact(qtbot: Any, window: MainWindow, card: CardEditor, answer: Any) -> None:
    tab = card.contacts
    card.tabs.setCurrentWidget(tab)
    follow = dt.date.today() + dt.timedelta(days=5)
    answer("run_dialog", lambda dialog: fill_contact(dialog, "微信", "询问年会套餐", follow))
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    (contact,) = services.customer_file(window.db, card.customer.id).contacts
    assert (contact.channel, contact.key_points, contact.next_follow_up) == ("微信", "询问年会套餐", follow)
    assert tab_text(card, tab) == "Contacts (1)"

    tab.select_row(0)
    answer("run_dialog", lambda dialog: fill_contact(dialog, "电话", "定了", None))
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    (contact,) = services.customer_file(window.db, card.customer.id).contacts
    assert (contact.channel, contact.key_points, contact.next_follow_up) == ("电话", "定了", None)

    tab.select_row(0)
    answer("confirm", True)
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert services.customer_file(window.db, card.customer.id).contacts == []
    assert tab_text(card, tab) == "Contacts (0)"


def test_a_follow_up_before_the_contact_is_refused(qtbot: Any, card: CardEditor) -> None:
    dialog = ContactDialog(card.customer.id, None, card)
    qtbot.addWidget(dialog)
    dialog.follow.setChecked(True)
    dialog.next.setDate(dialog.date.date().addDays(-3))
    dialog.accept()
    assert dialog.result() != ContactDialog.DialogCode.Accepted and not dialog.error.isHidden()


def test_relations_are_added_by_search_and_open_the_other_card(qtbot: Any, window: MainWindow, card: CardEditor,
                                                               answer: Any) -> None:
    wife = services.create_customer(window.db, Customer(name="李娜", phone="13600000000"))
    assert wife.id is not None
    wang_id = card.customer.id
    tab = card.relations

    def pick(dialog: RelationDialog) -> bool:
        dialog.kind.setCurrentIndex(dialog.kind.findData("spouse"))
        dialog.search.setText("lina")
        with qtbot.waitSignal(dialog.searched, timeout=10_000):  # searched on the runner
            dialog.run_search()
        assert dialog.results.count() >= 1
        dialog.results.setCurrentRow(0)
        dialog.accept()
        return dialog.result() == RelationDialog.DialogCode.Accepted

    answer("run_dialog", pick)
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    (relation,) = services.customer_file(window.db, wang_id).relations
    assert (relation.other_id, relation.kind) == (wife.id, "spouse")
    assert tab.model.data(tab.model.index(0, 0)) == "is the spouse of 李娜"

    # A double-click on the relation opens the other customer's card.
    card.tabs.setCurrentWidget(tab)
    qtbot.waitExposed(tab.view)
    rect = tab.view.visualRect(tab.model.index(0, 0))
    qtbot.mouseClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a real double-click
    with qtbot.waitSignal(card.loaded, timeout=10_000, check_params_cb=lambda shown: shown == wife.id):
        qtbot.mouseDClick(tab.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert card.customer.id == wife.id
    # Seen from her side, and back with the button.
    assert tab.model.data(tab.model.index(0, 0)) == "王建国 is their spouse"
    tab.select_row(0)
    with qtbot.waitSignal(card.loaded, timeout=10_000, check_params_cb=lambda shown: shown == wang_id):
        qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    assert card.customer.id == wang_id


def test_a_relation_dialog_without_a_pick_says_so(qtbot: Any, card: CardEditor) -> None:
    dialog = RelationDialog(card.db, card.customer.id, card)
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.result() != RelationDialog.DialogCode.Accepted and not dialog.error.isHidden()


def test_clicking_a_relation_with_unsaved_changes_asks_first(qtbot: Any, window: MainWindow, card: CardEditor,
                                                             answer: Any) -> None:
    from gui_helpers import replace_text

    from guestcard.gui.card_editor import line_edit_of

    other = services.create_customer(window.db, Customer(name="张三"))
    services.add_relation(window.db, Relation(customer_id=card.customer.id, other_id=other.id, kind="friend"))
    window.customers.open_customer(card.customer.id)
    with qtbot.waitSignal(card.loaded, timeout=10_000):
        card.load(card.customer.id)
    replace_text(qtbot, line_edit_of(card.editor("honorific")), "老王")
    answer("save_discard_cancel", "cancel")
    card.relations.select_row(0)
    card.relations.open_selected()
    assert card.customer.name == "王建国" and card.is_dirty()


def test_the_history_models_pass_the_model_tester(qtbot: Any, qtmodeltester: Any, window: MainWindow,
                                                  card: CardEditor) -> None:
    from guestcard.domain.model import Contact, Visit

    visit = Visit(customer_id=card.customer.id, at=dt.datetime(2026, 1, 2, 12, 0), spend=Decimal(1))
    services.add_visit(window.db, visit)
    services.add_contact(window.db, Contact(customer_id=card.customer.id, date=dt.date(2026, 1, 3)))
    with qtbot.waitSignal(card.loaded, timeout=10_000):
        card.load(card.customer.id)
    for model in (card.visits.model, card.contacts.model, card.relations.model, card.extra_model):
        qtmodeltester.check(model, force_py=True)
    # The tester disconnects from the last model after the window (and its models) are gone: give
    # it one that outlives the window.
    qtmodeltester.check(RecordsModel(card.visits.model.columns, card.visits.model.records), force_py=True)
