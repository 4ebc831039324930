"""The Customers page through its widgets: search as you type, filters, columns, remembered state."""

from __future__ import annotations

from typing import Any

from gui_helpers import list_settled, list_total, type_text
from PySide6.QtCore import QPoint, Qt

from guestcard.domain import Customer
from guestcard.gui.main_window import MainWindow
from guestcard.gui.models import CUSTOMER_COLUMNS
from guestcard.services import customers as services
from guestcard.storage import CustomerFilter, Database


def shown_names(window: MainWindow) -> list[str]:
    proxy = window.customers.proxy
    return [proxy.customer_at(row).name for row in range(proxy.rowCount())]


def type_search(qtbot: Any, window: MainWindow, text: str) -> None:
    """Type ``text`` key by key, as a user does, and wait until the table shows its result."""
    page = window.customers
    page.search.setFocus()
    page.search.selectAll()
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
    type_text(qtbot, page.search, text)
    qtbot.waitUntil(lambda: page.model.filter.query == text.strip())
    list_settled(qtbot, page.model)  # the rows are read on the list's runner


def column(key: str) -> int:
    return next(i for i, c in enumerate(CUSTOMER_COLUMNS) if c.key == key)


def add(db: Database, **values: Any) -> int:
    created = services.create_customer(db, Customer(**values))
    assert created.id is not None
    return created.id


def test_search_as_you_type_by_name_pinyin_initials_and_phone(qtbot: Any, window: MainWindow) -> None:
    add(window.db, name="王建国", honorific="王总", phone="13912345678", customer_class="A")
    window.customers.reload()
    window.show_page("customers")
    type_search(qtbot, window, "王建")
    assert "王建国" in shown_names(window)
    type_search(qtbot, window, "wjg")  # initials
    assert shown_names(window)[0] == "王建国"
    type_search(qtbot, window, "wangjianguo")  # full pinyin
    assert shown_names(window)[0] == "王建国"
    type_search(qtbot, window, "5678")  # phone digits
    assert "王建国" in shown_names(window)
    type_search(qtbot, window, "zzzzqqq")
    assert shown_names(window) == []
    qtbot.waitUntil(lambda: window.customers.count_label.text() == "0 customers match")
    # The clear button (the text emptied) shows everyone again, in name order.
    window.customers.search.clear()
    qtbot.waitUntil(lambda: not window.customers.model.filter.has_query)
    everyone = services.count_customers(window.db)
    assert list_total(qtbot, window.customers.model) == everyone
    qtbot.waitUntil(lambda: window.customers.count_label.text() == f"{everyone} customers")


def test_quick_keystrokes_end_with_the_last_text_searched(qtbot: Any, window: MainWindow) -> None:
    window.show_page("customers")
    page = window.customers
    first = shown_names(window)[0]
    page.search.setFocus()
    type_text(qtbot, page.search, first)  # several keystrokes inside one pause
    qtbot.waitUntil(lambda: page.model.filter.query == first)
    list_settled(qtbot, page.model)
    assert shown_names(window)[0] == first


def test_filters_by_class_kind_and_tag(qtbot: Any, window: MainWindow) -> None:
    page = window.customers
    db = window.db
    assert db is not None
    tagged = add(db, name="标签客人", tags=("素食", "常客"))
    page.reload()
    window.show_page("customers")

    page.class_filter.setCurrentIndex(page.class_filter.findData("A"))
    expected = services.count_customers(db, CustomerFilter(customer_class="A"))
    assert list_total(qtbot, page.model) == expected
    assert {page.proxy.customer_at(r).customer_class for r in range(page.proxy.rowCount())} == {"A"}
    qtbot.waitUntil(lambda: page.count_label.text() == f"{expected} customers match")

    page.class_filter.setCurrentIndex(0)
    page.kind_filter.setCurrentIndex(page.kind_filter.findData("corporate"))
    assert list_total(qtbot, page.model) == services.count_customers(db, CustomerFilter(kind="corporate"))
    assert {page.proxy.customer_at(r).kind for r in range(page.proxy.rowCount())} == {"corporate"}

    page.kind_filter.setCurrentIndex(0)
    qtbot.waitUntil(page.settled, timeout=10_000)  # the tag list is read on the runner too
    assert page.tag_filter.findData("素食") > 0
    page.tag_filter.setCurrentIndex(page.tag_filter.findData("素食"))
    list_settled(qtbot, page.model)
    assert [page.proxy.customer_at(r).id for r in range(page.proxy.rowCount())] == [tagged]

    # A filter and a search together.
    page.tag_filter.setCurrentIndex(0)
    page.class_filter.setCurrentIndex(page.class_filter.findData("C"))
    type_search(qtbot, window, "标签")
    assert shown_names(window) == []


def test_columns_are_chosen_by_the_user_and_remembered(qtbot: Any, new_window: Any, demo_db: Database) -> None:
    window = new_window(demo_db)
    page = window.customers
    window.show_page("customers")
    assert "email" not in page.visible_columns()
    email = next(a for a in page.columns_menu.actions() if a.text() == "Email")
    email.trigger()
    assert "email" in page.visible_columns()
    assert not page.view.isColumnHidden(column("email"))
    phone = next(a for a in page.columns_menu.actions() if a.text() == "Phone")
    phone.trigger()
    assert "phone" not in page.visible_columns()
    page.view.horizontalHeader().resizeSection(column("name"), 177)
    page.splitter.setSizes([500, 700])
    sizes = page.splitter.sizes()
    window.close()

    again = new_window(demo_db)
    page = again.customers
    again.show_page("customers")
    qtbot.waitUntil(lambda: page.splitter.sizes()[1] > 0)
    assert "email" in page.visible_columns() and "phone" not in page.visible_columns()
    assert page.view.horizontalHeader().sectionSize(column("name")) == 177
    assert page.splitter.sizes() == sizes


def test_widths_saved_in_another_language_never_cut_a_title(qtbot: Any, new_window: Any, demo_db: Database) -> None:
    """A column sized for 尊称 (the manager's usual language) is widened, when the window opens in
    English, until "Form of address" shows whole; widths are never narrowed."""
    window = new_window(demo_db)
    page = window.customers
    window.show_page("customers")
    header = page.view.horizontalHeader()
    header.resizeSection(column("honorific"), 30)
    header.resizeSection(column("name"), 177)
    page.save_state()
    window.close()

    again = new_window(demo_db)
    again.show_page("customers")
    header = again.customers.view.horizontalHeader()
    assert header.sectionSize(column("honorific")) >= header.sectionSizeHint(column("honorific")) > 30
    assert header.sectionSize(column("name")) == 177


def test_the_last_visible_column_cannot_be_hidden(window: MainWindow) -> None:
    page = window.customers
    for key in list(page.visible_columns()):
        page.set_column_visible(column(key), False)
    assert len(page.visible_columns()) == 1


def test_clicking_a_column_header_sorts_the_whole_list_in_the_database(qtbot: Any, window: MainWindow) -> None:
    page = window.customers
    window.show_page("customers")
    header = page.view.horizontalHeader()
    x = header.sectionViewportPosition(column("phone")) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.sort_key == "phone"
    assert page.model.loading  # the whole order is read off the GUI thread…
    qtbot.waitUntil(lambda: not page.model.loading)  # …and then shown
    phones = [page.proxy.customer_at(r).phone or "" for r in range(page.proxy.rowCount())]
    assert phones == sorted(phones) or phones == sorted(phones, reverse=True)


def test_the_list_fetches_more_rows_as_it_scrolls(qtbot: Any, window: MainWindow) -> None:
    from guestcard.services.demo import fill_demo

    fill_demo(window.db, 300, seed=3)
    page = window.customers
    page.reload()
    window.show_page("customers")
    first = list_settled(qtbot, page.model).loaded()
    assert first < list_total(qtbot, page.model)
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.loaded() > first)


def test_enter_and_down_arrow_move_from_the_search_to_the_list(qtbot: Any, window: MainWindow) -> None:
    page = window.customers
    window.show_page("customers")
    type_search(qtbot, window, "总")
    with qtbot.waitSignal(page.card.loaded, timeout=10_000):  # the row's card is read on the runner
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert page.view.hasFocus()
    assert page.view.currentIndex().row() == 0
    assert page.card is not None and page.card.customer is not None
    assert page.card.customer.id == page.proxy.customer_at(0).id


def test_down_arrow_goes_from_the_search_to_the_list(qtbot: Any, window: MainWindow) -> None:
    page = window.customers
    window.show_page("customers")
    type_search(qtbot, window, "总")
    page.search.setFocus()
    with qtbot.waitSignal(page.card.loaded, timeout=10_000):
        qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.view.currentIndex().row() == 0
    second = page.proxy.customer_at(1).id
    with qtbot.waitSignal(page.card.loaded, timeout=10_000, check_params_cb=lambda shown: shown == second):
        qtbot.keyClick(page.view, Qt.Key.Key_Down)  # and on down the list, each row's card
    assert page.card.customer.id == page.proxy.customer_at(1).id


def test_a_search_typed_while_a_column_order_loads_wins(qtbot: Any, window: MainWindow) -> None:
    page = window.customers
    window.show_page("customers")
    page.proxy.sort(column("phone"), Qt.SortOrder.DescendingOrder)
    assert page.model.loading
    type_search(qtbot, window, "总")  # before the order arrived
    page.model.runner.wait(10_000)
    qtbot.wait(50)  # the late answer is delivered, and dropped
    assert not page.model.loading and page.model.sort_key is None
    assert page.proxy.rowCount() > 0
    expected = [c.id for c in services.list_customers(window.db, CustomerFilter(query="总"), limit=1000)]
    shown = [page.proxy.customer_at(r).id for r in range(page.proxy.rowCount())]
    assert shown == expected[: len(shown)]  # the search's rows, not the late column order


def test_the_list_reads_on_the_window_s_one_runner(qtbot: Any, window: MainWindow) -> None:
    """No second runner for the list (issue 21): its pages are read among the window's other jobs,
    and the window's close waits for them with the rest."""
    page = window.customers
    list_settled(qtbot, page.model)
    assert page.model.runner is window.runner
    page.reload()
    assert window.runner.busy  # the reload's page is a job of the window's runner
    list_settled(qtbot, page.model)
