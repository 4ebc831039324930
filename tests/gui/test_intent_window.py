"""The follow-up rules in the window: the contact dialog proposes the date of the level, the Today
page flags prospects left too long and counts overdue follow-ups per owner, the levels are edited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from guestcard.domain import Contact, Customer
from guestcard.gui.dialogs import ContactDialog
from guestcard.gui.intent_dialog import DAYS, IntentLevelsDialog
from guestcard.gui.main_window import MainWindow
from guestcard.gui.models import RecordsModel
from guestcard.gui.today_page import FOLLOW_UP_COLUMNS
from guestcard.services import customers as services
from guestcard.services import intent as intent_service
from guestcard.storage import Database


def test_a_new_contact_proposes_the_follow_up_of_its_level(qtbot: Any, window: MainWindow) -> None:
    dialog = ContactDialog(customer_id=1, parent=window)
    qtbot.addWidget(dialog)
    assert [dialog.intent.itemText(i) for i in range(dialog.intent.count())][1:] == ["O", "H", "A", "B", "C", "D"]
    assert not dialog.follow.isChecked()
    dialog.intent.setCurrentText("B")
    assert dialog.follow.isChecked()
    assert dialog.contact().next_follow_up == dt.date.today() + dt.timedelta(days=7)
    dialog.intent.setCurrentText("H")
    assert dialog.contact().next_follow_up == dt.date.today() + dt.timedelta(days=2)


def today_rows(qtbot: Any, window: MainWindow) -> list[tuple[Any, ...]]:
    qtbot.waitUntil(lambda: not window.runner.busy)  # the page's first reading delivered, not taken for ours
    with qtbot.waitSignal(window.today.refreshed, timeout=10_000):
        window.today.refresh()
    return window.today.follow_model.records


def test_today_flags_prospects_left_too_long_and_counts_overdue_per_owner(
        qtbot: Any, qtmodeltester: Any, window: MainWindow) -> None:
    db = window.db
    today = dt.date.today()
    stale = services.create_customer(db, Customer(name="久未联系", owner="张经理"))
    services.add_contact(db, Contact(customer_id=stale.id, date=today - dt.timedelta(days=30), intent="B"))
    late = services.create_customer(db, Customer(name="逾期客户", owner="李经理"))
    services.add_contact(db, Contact(customer_id=late.id, date=today - dt.timedelta(days=5), intent="A",
                                     next_follow_up=today - dt.timedelta(days=2)))
    rows = today_rows(qtbot, window)
    flagged = [row for row in rows if row[1].id == stale.id]
    assert len(flagged) == 1 and len(flagged[0]) == 3
    row = rows.index(flagged[0])
    points = FOLLOW_UP_COLUMNS[[c.key for c in FOLLOW_UP_COLUMNS].index("points")]
    assert points.value(flagged[0]) == "No contact for 30 days (level B: every 7 days)"
    owner_column = [c.key for c in FOLLOW_UP_COLUMNS].index("owner")
    assert window.today.follow_model.index(row, owner_column).data() == "张经理"
    assert window.today.follow_model.index(row, 0).data(9) is not None  # overdue: shown in red
    summary = window.today.overdue
    assert summary.counts.get("张经理") == 1 and summary.counts.get("李经理") == 1
    assert "张经理 1" in summary.text() and not summary.isHidden()
    qtmodeltester.check(RecordsModel(FOLLOW_UP_COLUMNS, rows), force_py=True)


def test_the_levels_are_edited_in_their_dialog(qtbot: Any, window: MainWindow, demo_db: Database) -> None:
    dialog = IntentLevelsDialog(window.db, window.runner, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 6)
    b_row = next(r for r in range(6) if dialog.table.item(r, 0).text() == "B")
    dialog.table.item(b_row, DAYS).setText("x")
    dialog.accept()
    assert dialog.error.text() == f"Row {b_row + 1}: the days are a whole number, or empty"
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert {lv.code: lv.follow_up_days for lv in intent_service.levels(window.db)}["B"] == 7  # nothing saved
    dialog.table.item(b_row, DAYS).setText("12")
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    assert {lv.code: lv.follow_up_days for lv in intent_service.levels(window.db)}["B"] == 12
    qtbot.waitUntil(lambda: not window.runner.busy)
    window.staff.reload_staff()
    qtbot.waitUntil(lambda: {lv.code: lv.follow_up_days for lv in ContactDialog.LEVELS}["B"] == 12)
    proposing = ContactDialog(customer_id=1, parent=window)
    qtbot.addWidget(proposing)
    proposing.intent.setCurrentText("B")
    assert proposing.contact().next_follow_up == dt.date.today() + dt.timedelta(days=12)
