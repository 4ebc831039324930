"""A guest's visit put on their company's account (签单) from the card's visit dialog: the company's
account offered first with the guest as signer, the limit warning while typing, the explicit
confirm past the limit (declined: nothing written; accepted: the visit and its bill), on SQLite
and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from window_helpers import open_card

from guestcard.domain import Customer, Relation
from guestcard.gui.dialogs import VisitDialog
from guestcard.services import accounts
from guestcard.services import customers as services
from guestcard.storage import Database


def make_guest_and_company(db: Database) -> tuple[int, int]:
    other = services.create_customer(db, Customer(name="远方集团", kind="corporate"))
    company = services.create_customer(db, Customer(name="华夏银行北京分行", kind="corporate"))
    guest = services.create_customer(db, Customer(name="王建国", honorific="王总", phone="13912345678"))
    assert other.id and company.id and guest.id
    services.add_relation(db, Relation(customer_id=guest.id, other_id=company.id, kind="works_for"))
    accounts.open_account(db, other.id, Decimal(50000), signers=["赵总"])
    accounts.open_account(db, company.id, Decimal(5000), signers=["李主任"], signer_cards=[guest.id])
    return guest.id, company.id


def fill(spend: str, bill: str, seen: dict[str, Any]) -> Any:
    def answer(dialog: VisitDialog) -> bool:
        box = dialog.account_box
        assert box is not None and not box.isChecked()  # paid as it goes unless the manager says so
        seen["accounts"] = [box.account.itemText(i) for i in range(box.account.count())]
        box.setChecked(True)
        seen["signer"] = box.signer.currentText()
        seen["signers"] = [box.signer.itemText(i) for i in range(box.signer.count())]
        dialog.spend.setText(spend)
        seen["warning"] = box.warning.text() if not box.warning.isHidden() else ""
        box.bill.setText(bill)
        dialog.party.setValue(4)
        dialog.accept()
        return dialog.result() == VisitDialog.DialogCode.Accepted

    return answer


def test_a_visit_goes_on_the_account_with_the_limit_confirm(qtbot: Any, db: Database, new_window: Any,
                                                            answer: Any) -> None:
    guest_id, company_id = make_guest_and_company(db)
    window = new_window(db)
    window.customers.reload()
    open_card(qtbot, window, guest_id)
    card = window.customers.card
    assert card is not None
    card.tabs.setCurrentWidget(card.visits)

    seen: dict[str, Any] = {}
    answer("run_dialog", fill("3,000", "N-7", seen))
    with qtbot.waitSignal(card.historyChanged, timeout=10_000):
        card.visits.add()
    assert seen["accounts"][0].startswith("华夏银行北京分行") and "¥5,000.00" in seen["accounts"][0]
    assert seen["accounts"][1].startswith("远方集团")
    assert seen["signer"] == "王建国" and seen["signers"] == ["王建国", "李主任"] and seen["warning"] == ""
    (visit,) = services.customer_file(db, guest_id).visits
    view = accounts.account_view(db, company_id)
    (bill,) = view.entries
    assert (bill.amount_fen, bill.signer, bill.bill_no, bill.visit_id, bill.on) == (
        300000, "王建国", "N-7", visit.id, visit.at.date())

    # Past the limit: the dialog warns as the spend is typed; declined, nothing is written.
    seen.clear()
    answer("run_dialog", fill("2500", "N-8", seen))
    answer("confirm", False)
    card.visits.add()
    qtbot.waitUntil(lambda: any(name == "confirm" for name, _ in answer.asked), timeout=10_000)
    assert "¥5,500.00" in seen["warning"] and "¥5,000.00" in seen["warning"]
    (asked,) = [args for name, args in answer.asked if name == "confirm"]
    assert "¥2,500.00" in asked[2] and "¥5,500.00" in asked[2]
    window.runner.wait(10_000)
    assert len(services.customer_file(db, guest_id).visits) == 1
    assert len(accounts.account_view(db, company_id).entries) == 1

    # Confirmed: the visit and its bill, both.
    answer.asked.clear()
    answer("run_dialog", fill("2500", "N-8", {}))
    answer("confirm", True)
    with qtbot.waitSignal(card.historyChanged, timeout=10_000):
        card.visits.add()
    assert len(services.customer_file(db, guest_id).visits) == 2
    view = accounts.account_view(db, company_id)
    assert [e.bill_no for e in view.entries] == ["N-7", "N-8"] and view.standing.balance_fen == 550000


def test_editing_a_visit_and_a_file_without_accounts_show_no_account_part(qtbot: Any, sqlite_db: Database,
                                                                          new_window: Any, answer: Any) -> None:
    guest = services.create_customer(sqlite_db, Customer(name="李娜", phone="13800001111"))
    assert guest.id
    window = new_window(sqlite_db)
    open_card(qtbot, window, guest.id)
    card = window.customers.card
    seen: list[Any] = []

    def plain(dialog: VisitDialog) -> bool:
        seen.append(dialog.account_box)
        dialog.spend.setText("800")
        dialog.accept()
        return True

    answer("run_dialog", plain)
    with qtbot.waitSignal(card.historyChanged, timeout=10_000):
        card.visits.add()
    assert seen == [None]
    (visit,) = services.customer_file(sqlite_db, guest.id).visits
    dialog = VisitDialog(guest.id, visit, card, accounts=[object()])
    qtbot.addWidget(dialog)
    assert dialog.account_box is None and visit.at <= dt.datetime.now()


def test_signers_are_picked_from_person_cards(qtbot: Any, db: Database, new_window: Any, answer: Any) -> None:
    from PySide6.QtCore import Qt

    company = services.create_customer(db, Customer(name="华夏银行北京分行", kind="corporate"))
    staffer = services.create_customer(db, Customer(name="王建国", honorific="王总", phone="13912345678"))
    named = services.create_customer(db, Customer(name="李娜", company="华夏银行北京分行", position="主任"))
    outsider = services.create_customer(db, Customer(name="赵东来", phone="13700002222"))
    assert company.id and staffer.id and named.id and outsider.id
    services.add_relation(db, Relation(customer_id=staffer.id, other_id=company.id, kind="works_for"))
    window = new_window(db)
    open_card(qtbot, window, company.id)
    card = window.customers.card
    tab = card.account
    card.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.open_button.isVisible, timeout=10_000)

    def open_it(dialog: Any) -> bool:
        box = dialog.signer_box
        offered = {int(box.cards.item(r).data(Qt.ItemDataRole.UserRole)) for r in range(box.cards.count())}
        assert offered == {staffer.id, named.id}  # the company's people, none ticked yet
        box.cards.item(0).setCheckState(Qt.CheckState.Checked)
        box.find_edit.setText("赵东来")
        box.run_search()
        qtbot.waitUntil(lambda: box.cards.count() == 3, timeout=10_000)
        box.cards.item(2).setCheckState(Qt.CheckState.Checked)
        box.signers.setText("陈秘书")
        dialog.amount.setText("20000")
        dialog.accept()
        return True

    answer("run_dialog", open_it)
    with qtbot.waitSignal(tab.loaded, timeout=10_000):
        qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.view_data is not None, timeout=10_000)
    signers = accounts.account_view(db, company.id).account.signers
    assert {(s.name, s.customer_id) for s in signers} == {
        (staffer.name, staffer.id), (outsider.name, outsider.id), ("陈秘书", None)}

    def change(dialog: Any) -> bool:
        box = dialog.box
        ticked = set(box.chosen_cards())
        assert ticked == {staffer.id, outsider.id} and box.names() == ["陈秘书"]
        for row in range(box.cards.count()):
            item = box.cards.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in (staffer.id, named.id)
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        box.signers.setText("")
        dialog.accept()
        return True

    assert tab.signers_button.isVisible()
    answer("run_dialog", change)
    with qtbot.waitSignal(tab.changed, timeout=10_000):
        qtbot.mouseClick(tab.signers_button, Qt.MouseButton.LeftButton)
    signers = accounts.account_view(db, company.id).account.signers
    assert {(s.name, s.customer_id) for s in signers} == {(staffer.name, staffer.id), (named.name, named.id)}


def test_a_company_name_holding_a_placeholder_is_shown_as_written(qtbot: Any, sqlite_db: Database, new_window: Any,
                                                                  answer: Any) -> None:
    """The account's line is filled in one pass (i18n.fill): a "%2" in the company's name stays,
    not replaced by the available amount as chained .replace() did."""
    company = services.create_customer(sqlite_db, Customer(name="华夏%2银行", kind="corporate"))
    guest = services.create_customer(sqlite_db, Customer(name="王建国"))
    assert company.id and guest.id
    services.add_relation(sqlite_db, Relation(customer_id=guest.id, other_id=company.id, kind="works_for"))
    accounts.open_account(sqlite_db, company.id, Decimal(5000), signer_cards=[guest.id])
    window = new_window(sqlite_db)
    window.customers.reload()
    open_card(qtbot, window, guest.id)
    card = window.customers.card
    assert card is not None
    card.tabs.setCurrentWidget(card.visits)
    seen: dict[str, Any] = {}
    answer("run_dialog", fill("100", "N-1", seen))
    with qtbot.waitSignal(card.historyChanged, timeout=10_000):
        card.visits.add()
    assert seen["accounts"][0].startswith("华夏%2银行 ") and seen["accounts"][0].count("¥5,000.00") == 1
