"""The register in the window: Ctrl+R opens the quick entry, the card is found by phone as it is
typed and linked, a new caller gets a prospect card; the register's list counts by source and exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import Qt

from guestcard.domain import Customer
from guestcard.domain.staff import RegisterEntry
from guestcard.gui.main_window import MainWindow
from guestcard.gui.register_dialogs import RegisterDialog, RegisterListDialog
from guestcard.services import customers as services
from guestcard.services import register as register_service


def test_ctrl_r_opens_the_quick_entry(qtbot: Any, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    dialog = window.staff.register_dialog
    assert isinstance(dialog, RegisterDialog) and dialog.isVisible()
    dialog.reject()


def test_the_card_is_found_by_phone_and_linked(qtbot: Any, window: MainWindow) -> None:
    wang = services.create_customer(window.db, Customer(name="王建国", phone="13811112222"))
    dialog = RegisterDialog(window.db, window.runner, ["王前台"], "王前台", window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.lookedUp):
        qtbot.keyClicks(dialog.phone, "138 1111 2222")
    assert dialog.linked_id == wang.id and not dialog.create_card.isEnabled()
    dialog.party.setValue(10)
    dialog.purpose.setCurrentIndex(dialog.purpose.findData("banquet"))
    with qtbot.waitSignal(dialog.registered) as done:
        dialog.accept()
    result = done.args[0]
    assert result.entry.customer_id == wang.id and result.entry.purpose == "banquet"
    assert result.entry.taken_by == "王前台" and result.entry.party_size == 10
    assert services.count_customers(window.db) == 60 + 1  # no card made


def test_a_new_caller_gets_a_prospect_card(qtbot: Any, window: MainWindow) -> None:
    before = services.count_customers(window.db)
    dialog = RegisterDialog(window.db, window.runner, ["张经理"], None, window)
    qtbot.addWidget(dialog)
    dialog.phone.setText("19912345678")
    dialog.name.setText("周先生")
    dialog.source.setCurrentIndex(dialog.source.findData("referral"))
    dialog.owner.setCurrentText("张经理")
    assert dialog.create_card.isChecked() and dialog.linked_id is None
    with qtbot.waitSignal(dialog.registered) as done:
        dialog.accept()
    card = services.get_customer(window.db, done.args[0].entry.customer_id)
    assert (card.name, card.owner, card.fields["source"]) == ("周先生", "张经理", ["referral"])
    assert services.count_customers(window.db) == before + 1


def test_the_register_list_counts_by_source_and_exports(qtbot: Any, qtmodeltester: Any, window: MainWindow,
                                                        answer: Any, tmp_path: Path) -> None:
    now = dt.datetime.now().replace(second=0, microsecond=0)
    for source in ("来电", "来电", "微信"):
        register_service.register(window.db, RegisterEntry(at=now, purpose="订餐", source=source, name="客人"))
    dialog = RegisterListDialog(window.db, window.runner, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3)
    qtmodeltester.check(dialog.model)
    assert dialog.counts.text() == "By source: Phoned us 2 · WeChat 1"
    answer("save_file", tmp_path / "register")
    with qtbot.waitSignal(dialog.exported) as exported:
        dialog.export()
    book = load_workbook(exported.args[0])
    try:
        assert [r[5] for r in list(book.worksheets[0].values)[1:]] == ["WeChat", "Phoned us", "Phoned us"]
    finally:
        book.close()
