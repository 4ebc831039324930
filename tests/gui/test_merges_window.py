"""Customer ▸ Merges…: the merge history, and Undo of any earlier merge (not only the last one),
refused with the reason when it can no longer be undone — through the real dialog."""

from __future__ import annotations

from typing import Any

from window_helpers import Answers

from guestcard.domain import Customer
from guestcard.gui.main_window import MainWindow
from guestcard.gui.merges_dialog import MergesDialog, merge_columns
from guestcard.gui.models import RecordsModel
from guestcard.services import customers
from guestcard.services.merging import list_merges, merge_customers
from guestcard.storage import Database


def _cards(db: Database, *names: str) -> list[int]:
    return [customers.create_customer(db, Customer(name=name, company="丽晶集团")).id for name in names]


def _open(window: MainWindow, qtbot: Any, rows: int) -> MergesDialog:
    window.merges_action.trigger()
    dialog = window.merges_dialog
    qtbot.waitUntil(lambda: dialog.model.rowCount() == rows, timeout=20_000)
    return dialog


def test_an_earlier_merge_is_undone_from_the_list(window: MainWindow, qtbot: Any, qtmodeltester: Any,
                                                  answer: Answers) -> None:
    db: Database = window.db  # type: ignore[assignment]
    first_keep, first_other, second_keep, second_other = _cards(db, "王建国", "王建囯", "李娜", "李那")
    before = {i: customers.customer_file(db, i) for i in (first_keep, first_other)}
    earlier = merge_customers(db, first_keep, first_other, take=["name"])
    later = merge_customers(db, second_keep, second_other)
    dialog = _open(window, qtbot, 2)
    qtmodeltester.check(dialog.model, force_py=True)
    qtmodeltester.check(RecordsModel(merge_columns(window.library), list_merges(db)), force_py=True)
    # Newest first: the later merge on top; the columns say when, the two cards and what was taken.
    texts = [[dialog.model.index(r, c).data() for c in range(dialog.model.columnCount())] for r in range(2)]
    assert texts[0][0] == str(later.merge) and texts[1][0] == str(earlier.merge)
    assert texts[1][3] == f"#{first_keep}" and texts[1][4] == f"#{first_other} 王建囯"
    assert texts[1][5] == "Name" and texts[1][6] == "merged"
    assert not dialog.undo_button.isEnabled()  # nothing chosen yet

    dialog.table.selectRow(1)
    assert dialog.undo_button.isEnabled()
    answer("confirm", True)
    with qtbot.waitSignal(dialog.undone, timeout=20_000):
        dialog.undo_button.click()
    qtbot.waitUntil(lambda: dialog.model.record(1).undone_at is not None, timeout=20_000)
    assert customers.customer_file(db, first_keep) == before[first_keep]
    assert customers.customer_file(db, first_other) == before[first_other]
    assert customers.get_customers(db, [second_other]) == []  # the later merge still stands
    assert dialog.model.index(1, 6).data().startswith("undone on ")
    dialog.table.selectRow(1)
    assert not dialog.undo_button.isEnabled()  # undone already: nothing to undo
    assert [name for name, _args in answer.asked] == ["confirm"]


def test_a_merge_that_can_no_longer_be_undone_is_refused_with_the_reason(
    window: MainWindow, qtbot: Any, answer: Answers
) -> None:
    db: Database = window.db  # type: ignore[assignment]
    a, b, c = _cards(db, "王建国", "王建囯", "王健国")
    first = merge_customers(db, a, b)  # b into a …
    merge_customers(db, c, a)  # … then a itself into c: the first merge's kept card is gone
    dialog = _open(window, qtbot, 2)
    dialog.table.selectRow(1)
    assert dialog.model.record(1).id == first.merge
    errors: list[str] = []
    answer("confirm", True)
    answer("show_error", lambda _parent, _title, text, *rest: errors.append(text))
    dialog.undo_button.click()
    qtbot.waitUntil(lambda: bool(errors), timeout=20_000)
    assert errors[0].startswith("This merge cannot be undone:")
    assert f"card #{a} was merged away" in errors[0] and "undo merge" in errors[0]
    assert customers.get_customers(db, [b]) == []  # nothing changed


def test_cancelling_the_question_undoes_nothing(window: MainWindow, qtbot: Any, answer: Answers) -> None:
    db: Database = window.db  # type: ignore[assignment]
    keep, other = _cards(db, "王建国", "王建囯")
    merge_customers(db, keep, other)
    dialog = _open(window, qtbot, 1)
    dialog.table.selectRow(0)
    answer("confirm", False)
    dialog.undo_button.click()
    assert customers.get_customers(db, [other]) == [] and dialog.model.record(0).undone_at is None
