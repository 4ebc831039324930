"""The corporate card's Account tab through its real dialogs: open an account, put bills on it
(the over-limit confirm), record a payment against a chosen bill, reverse, the overdue flag on
the card and the Today page, the statement preview; the ledger model through qtmodeltester."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from window_helpers import open_card

from guestcard.domain import Customer
from guestcard.gui.account_tab import AccountTab
from guestcard.gui.card_editor import CardEditor
from guestcard.gui.main_window import MainWindow
from guestcard.gui.payment_dialog import ChargeDialog, OpenAccountDialog, PaymentDialog
from guestcard.gui.statement_preview import StatementPreview
from guestcard.services import accounts
from guestcard.services import customers as services


@pytest.fixture
def card(qtbot: Any, window: MainWindow) -> CardEditor:
    assert window.db is not None
    company = Customer(name="华夏银行北京分行", kind="corporate", customer_class="B")
    created = services.create_customer(window.db, company)
    assert created.id is not None
    window.customers.reload()
    open_card(qtbot, window, created.id)
    card = window.customers.card
    assert card is not None and card.customer is not None
    return card


def tab_title(card: CardEditor) -> str:
    return card.tabs.tabText(card.tabs.indexOf(card.account))


def fill_open(dialog: OpenAccountDialog) -> bool:
    dialog.amount.setText("5000")
    dialog.terms.setCurrentText("monthly:10")
    dialog.signers.setText("王总，李主任")
    dialog.contact.setText("财务部 张会计")
    dialog.accept()
    return True


def fill_charge(amount: str, bill: str, day: dt.date) -> Any:
    def fill(dialog: ChargeDialog) -> bool:
        assert [dialog.signer.itemText(i) for i in range(dialog.signer.count())] == ["王总", "李主任"]
        dialog.amount.setText(amount)
        dialog.bill.setText(bill)
        dialog.signer.setCurrentText("李主任")
        dialog.date.setDate(QDate(day.year, day.month, day.day))
        dialog.accept()
        return True

    return fill


def test_the_account_tab_through_its_dialogs(qtbot: Any, window: MainWindow, card: CardEditor, answer: Any,
                                             qtmodeltester: Any) -> None:
    tab: AccountTab = card.account
    assert card.tabs.indexOf(tab) >= 0 and tab_title(card) == "Account"
    card.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(tab.open_button.isVisible, timeout=5000)
    assert not tab.pay_button.isVisible()

    answer("run_dialog", fill_open)
    with qtbot.waitSignal(tab.loaded, timeout=5000):
        qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.view_data is not None, timeout=5000)
    account = tab.view_data.account
    assert (account.limit_fen, str(account.terms), [s.name for s in account.signers]) == (
        500000, "monthly:10", ["王总", "李主任"])

    long_ago = dt.date.today() - dt.timedelta(days=100)
    answer("run_dialog", fill_charge("3,000.50", "N-1", long_ago))
    with qtbot.waitSignal(card.historyChanged, timeout=5000):
        qtbot.mouseClick(tab.charge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)

    # Past the limit: the window asks; "no" writes nothing, "yes" charges it.
    answer("run_dialog", fill_charge("2500", "N-2", dt.date.today()))
    answer("confirm", False)
    qtbot.mouseClick(tab.charge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(name == "confirm" for name, _ in answer.asked), timeout=5000)
    assert accounts.account_view(window.db, card.customer.id).standing.balance_fen == 300050
    answer("confirm", True)
    with qtbot.waitSignal(card.historyChanged, timeout=5000):
        qtbot.mouseClick(tab.charge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 2, timeout=5000)
    assert accounts.account_view(window.db, card.customer.id).standing.balance_fen == 550050
    qtbot.waitUntil(lambda: "Over the credit limit" in tab.flag.text() or "Overdue" in tab.flag.text(), timeout=5000)
    # The first bill was due 10 days into the month after it: overdue, flagged on the tab.
    assert "Overdue" in tab.flag.text() and "⚠" in tab_title(card)
    qtmodeltester.check(tab.model)

    # A payment against the newer bill (ticked), the rest to the oldest.
    def fill_payment(dialog: PaymentDialog) -> bool:
        assert dialog.charges.count() == 2
        dialog.amount.setText("3000")
        dialog.method.setCurrentIndex(dialog.method.findData("支票"))
        dialog.reference.setText("支票 0042")
        for i in range(dialog.charges.count()):
            if "N-2" in dialog.charges.item(i).text():
                dialog.charges.item(i).setCheckState(Qt.CheckState.Checked)
        dialog.accept()
        return True

    answer("run_dialog", fill_payment)
    with qtbot.waitSignal(card.historyChanged, timeout=5000):
        qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 3, timeout=5000)
    view = accounts.account_view(window.db, card.customer.id)
    assert {(a.charge_id, a.amount_fen) for a in view.allocations} == {
        (view.entries[1].id, 250000), (view.entries[0].id, 50000)}
    assert view.entries[2].method == "支票" and view.standing.balance_fen == 250050

    # Reverse the payment (the newest row, shown first).
    tab.table.selectRow(0)
    assert tab.reverse_button.isEnabled()
    answer("confirm", True)
    with qtbot.waitSignal(card.historyChanged, timeout=5000):
        qtbot.mouseClick(tab.reverse_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4, timeout=5000)
    assert accounts.account_view(window.db, card.customer.id).standing.balance_fen == 550050
    history = [c.field for c in services.history_of(window.db, card.customer.id) if c.action == "account"]
    assert history[:2] == ["account.reversal", "account.payment"]

    # The Today page names the overdue company.
    window.today.refresh()
    qtbot.waitUntil(lambda: window.today.overdue_accounts.late != [], timeout=5000)
    assert "华夏银行北京分行" in window.today.overdue_accounts.text()


def test_the_statement_preview_draws_the_month(qtbot: Any, window: MainWindow, card: CardEditor) -> None:
    last_month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=5)
    accounts.open_account(window.db, card.customer.id, Decimal("20000"))
    accounts.charge(window.db, card.customer.id, Decimal("1280"), signer="王总", bill_no="P-1", on=last_month)
    preview = StatementPreview(window.db, window.runner, card.customer.id, card)
    qtbot.addWidget(preview)
    assert preview.chosen_month() == last_month.replace(day=1)
    with qtbot.waitSignal(preview.rendered, timeout=15000) as drawn:
        preview.render()
    assert drawn.args[0] is not None and drawn.args[0].stat().st_size > 1000
    assert preview.save_button.isEnabled()
    if preview.pdf_document is not None:
        qtbot.waitUntil(lambda: preview.pdf_document.pageCount() == 1, timeout=5000)


def test_a_person_card_has_no_account_tab(qtbot: Any, window: MainWindow) -> None:
    person = services.create_customer(window.db, Customer(name="王建国"))
    window.customers.reload()
    open_card(qtbot, window, person.id)
    card = window.customers.card
    assert card is not None and card.tabs.indexOf(card.account) < 0
    # Not a tab, and not drawn either: it once lay over the card's tab bar, at the tabs' corner.
    assert not card.account.isVisible()


def test_the_account_is_put_away_when_a_person_follows_a_company(qtbot: Any, window: MainWindow,
                                                                 card: CardEditor) -> None:
    card.tabs.setCurrentWidget(card.account)
    qtbot.waitUntil(card.account.isVisible, timeout=5000)
    person = services.create_customer(window.db, Customer(name="王建国"))
    window.customers.reload()
    open_card(qtbot, window, person.id)
    assert card.tabs.indexOf(card.account) < 0 and not card.account.isVisible()


def test_a_late_payer_is_suggested_a_lower_limit_the_manager_accepts(qtbot: Any, window: MainWindow,
                                                                    answer: Any) -> None:
    company = services.create_customer(window.db, Customer(name="远洋集团", kind="corporate"))
    accounts.open_account(window.db, company.id, Decimal("20000"))
    accounts.charge(window.db, company.id, Decimal("3000"), signer="王总",
                    on=dt.date.today() - dt.timedelta(days=100))
    window.customers.reload()
    open_card(qtbot, window, company.id)
    tab = window.customers.card.account
    window.customers.card.tabs.setCurrentWidget(tab)
    qtbot.waitUntil(lambda: tab.suggestion is not None, timeout=5000)
    assert tab.accept_button.isVisible() and tab.accept_button.text() == "Lower the limit…"
    assert "¥10,000.00 instead of ¥20,000.00" in tab.suggestion_label.text()
    answer("confirm", False)  # the manager says no: nothing changes
    qtbot.mouseClick(tab.accept_button, Qt.MouseButton.LeftButton)
    assert accounts.account_view(window.db, company.id).account.limit_fen == 2000000
    answer("confirm", True)
    with qtbot.waitSignal(window.customers.card.historyChanged, timeout=5000):
        qtbot.mouseClick(tab.accept_button, Qt.MouseButton.LeftButton)
    assert accounts.account_view(window.db, company.id).account.limit_fen == 1000000
    qtbot.waitUntil(lambda: tab.view_data is not None and tab.view_data.account.limit_fen == 1000000, timeout=5000)
