"""The window's operations (gui/operations.py) and the guard that keeps the database off the GUI
thread (gui_thread_guard.py)."""

from __future__ import annotations

from typing import Any

from gui_helpers import list_total
from gui_thread_guard import GUI_SOURCE, GuiThreadGuard

from guestcard.domain import Customer
from guestcard.gui.main_window import MainWindow
from guestcard.gui.operations import CUSTOMERS, VISITS, Operations
from guestcard.gui.worker import TaskRunner
from guestcard.services import customers as services


def test_a_write_reports_its_result_then_what_it_changed(qtbot: Any, window: MainWindow) -> None:
    db = window.db
    assert db is not None
    before = list_total(qtbot, window.customers.model)
    heard: list[Any] = []
    window.operations.changed.connect(lambda kinds: heard.append(("changed", kinds)))
    with qtbot.waitSignal(window.operations.changed, timeout=10_000):
        window.operations.run("create_customer", lambda: services.create_customer(db, Customer(name="新客")),
                              changes=CUSTOMERS, on_success=lambda created: heard.append(("done", created.name)))
    assert heard == [("done", "新客"), ("changed", frozenset({CUSTOMERS}))]  # a bare kind, not its letters
    # The list read itself again on the change: the new card is in it.
    qtbot.waitUntil(lambda: window.customers.model.total() == before + 1, timeout=10_000)


def test_a_failed_write_changes_nothing_and_reaches_the_error_path(qtbot: Any) -> None:
    runner = TaskRunner()
    operations = Operations(runner)
    errors: list[BaseException] = []
    changed: list[frozenset[str]] = []
    runner.fallback_error = lambda exc, _details: errors.append(exc)
    operations.changed.connect(changed.append)

    def refuse() -> None:
        raise LookupError("customer 999 not found")

    operations.run("delete_customer", refuse, changes={CUSTOMERS, VISITS})
    qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
    assert isinstance(errors[0], LookupError) and changed == []
    runner.wait(5000)


def test_the_guard_names_window_code_on_the_gui_thread_and_nothing_else(
        qtbot: Any, window: MainWindow, no_database_on_the_gui_thread: GuiThreadGuard) -> None:
    db = window.db
    assert db is not None
    guard = GuiThreadGuard(allowed=frozenset()).install()
    try:
        services.count_customers(db)  # the test's own check: not the window
        assert guard.seen == set()
        found: list[int] = []
        window.operations.query("count_customers", lambda: services.count_customers(db), on_success=found.append)
        qtbot.waitUntil(lambda: bool(found), timeout=10_000)  # on the runner's thread: fine
        assert guard.seen == set()
        window.customers.refresh_tags()  # on the runner now: not seen
        qtbot.waitUntil(window.customers.settled, timeout=10_000)
        assert guard.seen == set()
        first = services.list_customers(db, limit=1)[0]
        card = window.customers.card
        assert first.id is not None and card is not None
        with qtbot.waitSignal(card.loaded, timeout=10_000):
            card.load(first.id)  # the card is read on the runner now: not seen
        assert guard.seen == set()
        # Code of the window's folder reading on the GUI thread is named, by file and function.
        namespace: dict[str, Any] = {"services": services}
        exec(compile("def read_here(db):\n    return services.count_customers(db)\n",
                     GUI_SOURCE + "pretend_page.py", "exec"), namespace)
        namespace["read_here"](db)
    finally:
        guard.uninstall()
    assert guard.violations() == ["pretend_page.py:read_here"]
    assert "pretend_page.py:read_here" in no_database_on_the_gui_thread.seen  # the every-test guard saw it too
    no_database_on_the_gui_thread.seen.discard("pretend_page.py:read_here")  # this test's own, made up
