"""The window's duplicates: the "Possible duplicates" list, the side-by-side merge picked field by
field, Undo — through the real dialogs, every read and write on the background runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from guestcard.gui.duplicates_page import COLUMNS, DuplicatesPage
from guestcard.gui.main_window import MainWindow
from guestcard.gui.models import RecordsModel
from guestcard.services import customers
from guestcard.services.demo import fill_demo
from guestcard.storage import Database


@pytest.fixture
def demo_contents() -> tuple[str, Callable[[Database], object]]:
    """The window's demo data with its duplicates (as the window's "Add demo data" makes it)."""
    return "demo-60-duplicates", lambda db: fill_demo(db, 60, duplicates=True)


@pytest.fixture
def duplicates_window(window: MainWindow) -> MainWindow:
    return window


def _open(window: MainWindow, qtbot: Any) -> DuplicatesPage:
    window.duplicates_action.trigger()
    page = window.duplicates_page
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20_000)
    return page


def test_the_list_ranks_the_pairs_and_says_why(duplicates_window: MainWindow, qtbot: Any, qtmodeltester: Any) -> None:
    page = _open(duplicates_window, qtbot)
    qtmodeltester.check(page.model, force_py=True)
    qtmodeltester.check(RecordsModel(COLUMNS, page.model.records), force_py=True)
    scores = [pair.score for pair in page.model.records]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 4
    why = {page.model.index(row, 3).data() for row in range(page.model.rowCount())}
    assert any("same phone" in text for text in why)
    assert any("same pinyin" in text for text in why)


def test_merge_side_by_side_then_undo(duplicates_window: MainWindow, qtbot: Any) -> None:
    db: Database = duplicates_window.db  # type: ignore[assignment]
    page = _open(duplicates_window, qtbot)
    pair = next(p for p in page.model.records if any(r.rule == "name_company" for r in p.reasons))
    page.table.selectRow(page.model.records.index(pair))
    keep_before, other_before = customers.customer_file(db, pair.first), customers.customer_file(db, pair.second)
    page.merge_button.click()
    dialog = page.merge_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.plan is not None, timeout=20_000)
    assert {c.key for c in dialog.plan.choices} >= {"phone", "class"}
    # The phone: both numbers stay; the class: the second card's.
    from PySide6.QtWidgets import QRadioButton

    dialog.findChild(QRadioButton, "phone:both").click()
    dialog.findChild(QRadioButton, "class:other").click()
    assert dialog.choices()["class"] == "other"
    with qtbot.waitSignal(page.changed, timeout=20_000):
        dialog.merge_button.click()
    merged = customers.customer_file(db, pair.first)
    assert merged.customer.customer_class == other_before.customer.customer_class
    assert merged.customer.phone == keep_before.customer.phone
    assert other_before.customer.phone in (merged.customer.fields.get("other_phones") or "")
    assert len(merged.visits) == len(keep_before.visits) + len(other_before.visits)
    assert customers.get_customers(db, [pair.second]) == []
    assert page.undo_button.isEnabled()
    qtbot.waitUntil(lambda: all(pair.second not in (p.first, p.second) for p in page.model.records), timeout=20_000)

    with qtbot.waitSignal(page.undone, timeout=20_000):
        page.undo_button.click()
    assert customers.customer_file(db, pair.first) == keep_before
    assert customers.customer_file(db, pair.second) == other_before
    assert not page.undo_button.isEnabled()


def test_not_the_same_guest_is_not_proposed_again(duplicates_window: MainWindow, qtbot: Any) -> None:
    page = _open(duplicates_window, qtbot)
    first = page.model.records[0]
    page.table.selectRow(0)
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.different_button.click()
    assert all((p.first, p.second) != (first.first, first.second) for p in page.model.records)
