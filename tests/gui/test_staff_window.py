"""Who is working, the staff list, hand-over and the owner filter, through the window's widgets."""

from __future__ import annotations

from typing import Any

from guestcard.domain import Customer
from guestcard.gui.customers_page import MY_GUESTS
from guestcard.gui.main_window import MainWindow
from guestcard.gui.staff_dialogs import HandoverDialog, StaffDialog
from guestcard.services import customers as services
from guestcard.services import staff as staff_service
from guestcard.storage import Database


def with_team(db: Database) -> list[int]:
    staff_service.add_staff(db, "张经理", "account_manager")
    staff_service.add_staff(db, "李经理", "account_manager")
    made = [services.create_customer(db, Customer(name=n, customer_class=c, owner="张经理"))
            for n, c in (("王建国", "A"), ("李女士", "B"), ("赵总", "A"))]
    return [c.id for c in made if c.id is not None]


def reopened(qtbot: Any, window: MainWindow) -> None:
    """The database opened again (as at start), and the staff read."""
    window.set_database(window.db, window.library)
    qtbot.waitUntil(lambda: window.staff.user_box.count() > 1 and not window.runner.busy)


def test_who_is_working_is_chosen_in_the_toolbar_and_recorded(qtbot: Any, window: MainWindow) -> None:
    ids = with_team(window.db)
    reopened(qtbot, window)
    box = window.staff.user_box
    assert {box.itemData(i) for i in range(1, box.count())} == {"张经理", "李经理"}
    assert box.currentIndex() == 0 and window.db.user is None  # nobody remembered: the choice is offered
    box.setCurrentIndex(box.findData("李经理"))
    box.activated.emit(box.currentIndex())
    qtbot.waitUntil(lambda: window.db.user == "李经理" and not window.runner.busy)
    services.update_customer(window.db, ids[0], {"notes": "靠窗"})
    assert services.history_of(window.db, ids[0])[0].by == "李经理"
    assert window.qsettings.value("staff/user") == "李经理"
    reopened(qtbot, window)  # the next start remembers who it was
    assert window.db.user == "李经理" and box.currentData() == "李经理"


def test_my_guests_filter_the_list(qtbot: Any, window: MainWindow) -> None:
    ids = with_team(window.db)
    window.qsettings.setValue("staff/user", "张经理")
    reopened(qtbot, window)
    page = window.customers
    combo = page.owner_filter
    assert not combo.isHidden() and combo.findData(MY_GUESTS) == 1
    combo.setCurrentIndex(1)
    assert page.model.filter.owner == "张经理"
    qtbot.waitUntil(lambda: page.model.rowCount() == 3)
    assert sorted(page.proxy.customer_at(r).id for r in range(3)) == sorted(ids)
    combo.setCurrentIndex(combo.findData("李经理"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)


def test_staff_dialog_adds_and_marks_as_left(qtbot: Any, qtmodeltester: Any, window: MainWindow,
                                             answer: Any) -> None:
    with_team(window.db)
    dialog = StaffDialog(window.db, window.runner, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    qtmodeltester.check(dialog.model)
    dialog.name.setText("王前台")
    dialog.role.setCurrentIndex(dialog.role.findData("front_desk"))
    with qtbot.waitSignal(dialog.changed):
        dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 3)
    assert {m.name: m.role for m in staff_service.list_staff(window.db)}["王前台"] == "front_desk"
    dialog.name.setText("王前台")
    dialog.add_button.click()
    qtbot.waitUntil(lambda: not dialog.error.isHidden())
    assert "already" in dialog.error.text()
    row = next(r for r in range(3) if dialog.model.record(r).member.name == "张经理")
    dialog.view.selectRow(row)
    answer("confirm", True)
    with qtbot.waitSignal(dialog.changed):
        dialog.left_button.click()
    assert not staff_service.get_staff(window.db, "张经理").active
    qtmodeltester.check(dialog.model)


def test_handover_dialog_previews_and_moves_one_class(qtbot: Any, window: MainWindow) -> None:
    ids = with_team(window.db)
    dialog = HandoverDialog(window.db, window.runner, window)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.to_owner.count() == 2 and "3" in dialog.preview.text())
    dialog.to_owner.setCurrentIndex(dialog.to_owner.findData("李经理"))
    dialog.customer_class.setCurrentIndex(dialog.customer_class.findData("A"))
    qtbot.waitUntil(lambda: "2 guests will move" in dialog.preview.text())
    with qtbot.waitSignal(dialog.handedOver) as moved:
        dialog.accept()
    assert sorted(moved.args[0].customer_ids) == sorted([ids[0], ids[2]])
    owners = {c.id: c.owner for c in services.get_customers(window.db, ids)}
    assert owners == {ids[0]: "李经理", ids[1]: "张经理", ids[2]: "李经理"}
    assert services.history_of(window.db, ids[0])[0].action == "handover"
