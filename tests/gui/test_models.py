"""The Qt models: qtmodeltester on each, lazy paging, database-side sorting, search."""

from __future__ import annotations

from typing import Any

import pytest
from gui_helpers import fetch_all, list_settled, list_total
from PySide6.QtCore import QModelIndex, Qt

from guestcard.domain import Customer
from guestcard.gui.models import (
    CUSTOMER_COLUMNS,
    CustomerProxyModel,
    CustomerTableModel,
    GridModel,
    ListFilter,
    RecordsModel,
)
from guestcard.services import customers as services
from guestcard.storage import CustomerFilter, Database
from guestcard.storage.search_index import name_sort_key


@pytest.fixture
def many(sqlite_db: Database) -> Database:
    from guestcard.storage import customers as store

    people = [Customer(name=f"客人{i:03d}", phone=f"138{i:08d}", customer_class="ABC"[i % 3]) for i in range(250)]
    people.append(Customer(name="王建国", honorific="王总", phone="13912345678", customer_class="A"))
    with sqlite_db.session() as session:
        store.bulk_insert_customers(session, people)
    return sqlite_db


def column(key: str) -> int:
    return next(i for i, c in enumerate(CUSTOMER_COLUMNS) if c.key == key)


def test_customer_model_passes_the_model_tester(qtbot: Any, qtmodeltester: Any, many: Database) -> None:
    model = list_settled(qtbot, CustomerTableModel(many))
    qtmodeltester.check(model, force_py=True)  # its fetchMore: rows inserted later, on the result
    fetch_all(qtbot, model)  # the tester watches both: no insertion of one while the other's is in flight
    proxy = CustomerProxyModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)


def test_an_empty_model_and_no_database_pass_too(qtbot: Any, qtmodeltester: Any, sqlite_db: Database) -> None:
    qtmodeltester.check(CustomerTableModel(None), force_py=True)
    qtmodeltester.check(list_settled(qtbot, CustomerTableModel(sqlite_db)), force_py=True)


def test_pages_are_read_on_the_runner_and_put_in_when_there(qtbot: Any, many: Database) -> None:
    model = CustomerTableModel(many)
    assert model.rowCount() == 0 and model.busy()  # asked for, not read on the GUI thread
    list_settled(qtbot, model)
    assert model.rowCount() == CustomerTableModel.FIRST_PAGE
    assert model.canFetchMore(QModelIndex())
    assert list_total(qtbot, model) == 251
    with qtbot.waitSignal(model.rowsInserted, timeout=10_000):
        model.fetchMore(QModelIndex())
        assert not model.canFetchMore(QModelIndex())  # one page at a time
    assert model.rowCount() == min(251, CustomerTableModel.FIRST_PAGE + CustomerTableModel.PAGE)
    fetch_all(qtbot, model)
    assert model.rowCount() == 251
    names = [model.customer_at(r).name for r in range(model.rowCount())]
    assert names == sorted(names, key=name_sort_key)  # the services' order: by name, in pinyin
    assert len({model.customer_at(r).id for r in range(251)}) == 251


def test_a_reload_drops_the_answer_of_the_one_before(qtbot: Any, many: Database) -> None:
    model = CustomerTableModel(many)
    model.set_filter(ListFilter(query="wjg"))  # asked while the first page of everyone is read
    list_settled(qtbot, model)
    qtbot.wait(50)
    assert [model.customer_at(r).name for r in range(model.rowCount())] == ["王建国"]


def revealed(qtbot: Any, model: CustomerTableModel, customer_id: int) -> int | None:
    rows: list[int | None] = []
    model.reveal(customer_id, rows.append)
    qtbot.waitUntil(lambda: bool(rows), timeout=10_000)
    return rows[0]


def test_a_customer_further_down_is_revealed_by_fetching_up_to_it(
    qtbot: Any, many: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = list_settled(qtbot, CustomerTableModel(many))
    last = services.list_customers(many, limit=1, offset=250)[0]  # wang: after every 客 ke
    assert last.name == "王建国" and model.row_of(last.id) is None
    assert revealed(qtbot, model, last.id) == 250 and model.customer_at(250).id == last.id
    model.reload()
    list_settled(qtbot, model)
    monkeypatch.setattr(CustomerTableModel, "REVEAL_AT_MOST", 100)
    assert revealed(qtbot, model, last.id) is None and model.rowCount() <= 100 + CustomerTableModel.PAGE
    proxy = CustomerProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(column("phone"), Qt.SortOrder.DescendingOrder)  # 139… first: found without fetching
    list_settled(qtbot, model)
    assert revealed(qtbot, model, last.id) == 0


def test_sorting_asks_the_database_for_the_whole_order(qtbot: Any, many: Database) -> None:
    model = list_settled(qtbot, CustomerTableModel(many))
    proxy = CustomerProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(column("phone"), Qt.SortOrder.DescendingOrder)
    assert model.sort_key == "phone" and model.descending
    list_settled(qtbot, model)
    # The first row is the largest phone of all 251, not of the first page only.
    assert proxy.data(proxy.index(0, column("phone"))) == "139 1234 5678"
    assert model.total() == 251
    proxy.sort(column("name"), Qt.SortOrder.AscendingOrder)
    assert model.sort_key is None  # the services' own order


def test_search_and_filters_go_to_the_service(qtbot: Any, many: Database) -> None:
    model = CustomerTableModel(many)
    model.set_filter(ListFilter(query="wjg"))
    list_settled(qtbot, model)
    assert [model.customer_at(r).name for r in range(model.rowCount())] == ["王建国"]
    model.set_filter(ListFilter(query="1234 5678"))
    list_settled(qtbot, model)
    assert model.rowCount() >= 1 and model.customer_at(0).name == "王建国"
    model.set_filter(ListFilter(customer_class="A"))
    assert list_total(qtbot, model) == services.count_customers(many, CustomerFilter(customer_class="A"))
    assert all(model.customer_at(r).customer_class == "A" for r in range(model.rowCount()))


def test_display_roles(qtbot: Any, many: Database) -> None:
    model = CustomerTableModel(many)
    model.set_filter(ListFilter(query="王建国"))
    list_settled(qtbot, model)
    index = model.index(0, column("honorific"))
    assert model.data(index) == "王总"
    assert model.data(model.index(0, column("phone"))) == "139 1234 5678"
    assert model.data(model.index(0, column("name")), Qt.ItemDataRole.FontRole).bold()  # class A
    assert model.headerData(column("phone"), Qt.Orientation.Horizontal) == "Phone"


def test_records_and_grid_models_pass_the_model_tester(qtmodeltester: Any) -> None:
    from guestcard.gui.history_tabs import CONTACT_COLUMNS, VISIT_COLUMNS
    from guestcard.gui.models import Column

    records = RecordsModel((Column("a", "Name", lambda r: r[0]), Column("b", "Phone", lambda r: r[1])),
                           [("x", 1), ("y", None)])
    qtmodeltester.check(records, force_py=True)
    qtmodeltester.check(RecordsModel(VISIT_COLUMNS, []), force_py=True)
    qtmodeltester.check(RecordsModel(CONTACT_COLUMNS, []), force_py=True)
    grid = GridModel()
    grid.set_rows([(1, ["客户名单"]), (2, ["姓名", "手机", "生日"]), (3, ["王建国", 13812345678.0, None])])
    grid.set_header_row(2)
    qtmodeltester.check(grid, force_py=True)
    assert grid.data(grid.index(1, 0), Qt.ItemDataRole.FontRole).bold()
    assert grid.headerData(2, Qt.Orientation.Horizontal) == "C"
    assert grid.headerData(2, Qt.Orientation.Vertical) == "3"
    # The grid's column letters are the export's (io/xlsx_writer.column_letters), not a copy.
    from guestcard.io.xlsx_writer import column_letters

    grid.set_rows([(1, ["x"] * 703)])
    letters = [grid.headerData(i, Qt.Orientation.Horizontal) for i in (0, 25, 26, 701, 702)]
    assert letters == ["A", "Z", "AA", "ZZ", "AAA"] == [column_letters(i) for i in (0, 25, 26, 701, 702)]


def test_today_models_pass_the_model_tester(qtmodeltester: Any, demo_db: Database) -> None:
    import datetime as dt

    from guestcard.gui.today_page import FOLLOW_UP_COLUMNS, OCCASION_COLUMNS, RESERVATION_COLUMNS
    from guestcard.services.agenda import agenda

    week = agenda(demo_db, days=6, today=dt.date.today())
    assert week.reservations and week.occasions
    for columns, records in ((RESERVATION_COLUMNS, week.reservations), (OCCASION_COLUMNS, week.occasions),
                             (FOLLOW_UP_COLUMNS, week.follow_ups)):
        qtmodeltester.check(RecordsModel(columns, records), force_py=True)
