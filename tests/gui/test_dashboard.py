"""The Dashboard page and the churn alerts on the Today page, over hand-made visit histories."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QImage

from guestcard.domain import Customer, PartialDate, Visit
from guestcard.gui.dashboard import DashboardPage
from guestcard.gui.dashboard_columns import OCCASION_COLUMNS, SUGGESTION_COLUMNS
from guestcard.gui.i18n import Languages, register_fonts
from guestcard.gui.insights_alerts import ALERT_COLUMNS, FOLLOW_UP_DAYS, ChurnAlertsBox
from guestcard.gui.main_window import MainWindow
from guestcard.gui.models import RecordsModel
from guestcard.gui.worker import TaskRunner
from guestcard.services import customers
from guestcard.settings import Settings
from guestcard.storage import Database

NOW = dt.datetime.now()
SOON = (NOW + dt.timedelta(days=3)).date()


def add(db: Database, name: str, *visits: tuple[float, float], dishes: str | None = None, **values: Any) -> int:
    customer = customers.create_customer(db, Customer(name=name, **values))
    assert customer.id is not None
    for days, spend in visits:
        at = NOW - dt.timedelta(days=days)
        customers.add_visit(db, Visit(customer.id, at, spend=Decimal(str(spend)), dishes=dishes))
    return customer.id


@pytest.fixture
def histories(sqlite_db: Database) -> dict[str, int]:
    return {
        "vip": add(sqlite_db, "王建国", (10, 2_000), customer_class="A", favorite_drinks="茅台"),
        "big": add(
            sqlite_db,
            "李大方",
            (20, 60_000),
            (50, 1_000),
            customer_class="C",
            dishes="佛跳墙、北京烤鸭",
            birthday=PartialDate(SOON.month, SOON.day, 1970),
        ),
        "regular": add(
            sqlite_db, "陈常客", *[(95 + 30 * i, 1_000) for i in range(14)], phone="13800001111", honorific="陈总"
        ),
        "none": add(sqlite_db, "没来过", favorite_drinks="普洱茶、茅台"),
    }


@pytest.fixture
def page(qtbot: Any, sqlite_db: Database, histories: dict[str, int], languages: Languages) -> DashboardPage:
    register_fonts()
    runner = TaskRunner()
    widget = DashboardPage(runner, Settings(language="en"))
    qtbot.addWidget(widget, before_close_func=lambda _w: runner.wait(10_000))
    widget.resize(1200, 800)
    widget.set_database(sqlite_db)
    with qtbot.waitSignal(widget.refreshed, timeout=20_000):
        widget.refresh()
    return widget


def test_the_charts_show_the_figures(page: DashboardPage, qtmodeltester: Any) -> None:
    result = page.result
    assert result is not None and result.dashboard is not None
    months = page.cards["months"].view.chart()
    bars = months.series()[0]
    assert bars.barSets()[0].count() == 12
    assert sum(bars.barSets()[0].at(i) for i in range(12)) == sum(m.visits for m in result.dashboard.months)
    segments = page.cards["segments"].view.chart()
    labels = segments.axes(Qt.Orientation.Vertical)[0].categories()
    assert labels[0] == "No visits yet" and labels[-1] == "Champions"  # the largest at the top
    dishes = page.cards["dishes"].view.chart().axes(Qt.Orientation.Vertical)[0].categories()
    assert set(dishes) == {"佛跳墙", "北京烤鸭"}
    drinks = page.cards["drinks"].view.chart().axes(Qt.Orientation.Vertical)[0].categories()
    assert drinks[-1] == "茅台"  # two cards name it
    classes = page.cards["classes"].view.chart().series()[0]
    assert sorted(s.label() for s in classes.slices()) == ["A  1 (25%)", "C  1 (25%)", "No class  2 (50%)"]
    assert "4 customers" in page.summary.text()
    assert page.rule_labels[1].text() == ""  # filled when first shown: the service is not imported at start
    page.show()
    assert "Champions R≥4, F≥4 and M≥4" in page.rule_labels[1].text()
    (note,) = page.occasion_model.records  # a birthday in three days, for a gift or a greeting
    assert note.customer.name == "李大方" and note.dishes == "佛跳墙、北京烤鸭"
    assert page.occasion_model.data(page.occasion_model.index(0, 3)) == "C"
    assert page.tabs.tabText(2) == "Birthdays, next 14 days (1)"
    qtmodeltester.check(RecordsModel(OCCASION_COLUMNS, page.occasion_model.records), force_py=True)
    qtmodeltester.check(RecordsModel(SUGGESTION_COLUMNS, page.suggestion_model.records), force_py=True)


def test_a_suggestion_is_applied_only_when_accepted(
    qtbot: Any, page: DashboardPage, sqlite_db: Database, histories: dict[str, int], answer: Any
) -> None:
    rows = {s.customer_id: row for row, s in enumerate(page.suggestion_model.records)}
    assert set(rows) == {histories["vip"], histories["big"], histories["regular"]}
    assert customers.get_customer(sqlite_db, histories["vip"]).customer_class == "A"  # shown, not changed
    assert not page.accept_selected_button.isEnabled()
    page.suggestion_view.selectionModel().select(
        page.suggestion_model.index(rows[histories["big"]], 0),
        QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
    )
    assert page.accept_selected_button.isEnabled()
    with qtbot.waitSignal(page.refreshed, timeout=20_000):
        qtbot.mouseClick(page.accept_selected_button, Qt.MouseButton.LeftButton)
    assert customers.get_customer(sqlite_db, histories["big"]).customer_class == "A"
    assert customers.get_customer(sqlite_db, histories["vip"]).customer_class == "A"
    assert "1 class changed." in page.summary.text()
    change = customers.history_of(sqlite_db, histories["big"])[0]
    assert (change.action, change.field, change.old, change.new) == ("insights", "class", "C", "A")
    assert page.suggestion_model.rowCount() == 2

    answer("confirm", False)
    qtbot.mouseClick(page.accept_all_button, Qt.MouseButton.LeftButton)
    assert customers.get_customer(sqlite_db, histories["vip"]).customer_class == "A"
    answer("confirm", True)
    with qtbot.waitSignal(page.refreshed, timeout=20_000):
        qtbot.mouseClick(page.accept_all_button, Qt.MouseButton.LeftButton)
    assert customers.get_customer(sqlite_db, histories["vip"]).customer_class == "C"
    assert customers.get_customer(sqlite_db, histories["regular"]).customer_class == "C"
    assert page.suggestion_model.rowCount() == 0 and not page.accept_all_button.isEnabled()


def inked(image: QImage) -> float:
    """The share of a picture that is not white, on a 100-pixel-wide thumbnail."""
    small = image.scaledToWidth(100)
    pixels = [small.pixelColor(x, y) for x in range(small.width()) for y in range(small.height())]
    return sum(1 for p in pixels if min(p.red(), p.green(), p.blue()) < 235) / len(pixels)


def test_each_chart_exports_as_png(page: DashboardPage, answer: Any, tmp_path: Path) -> None:
    answer("save_file", tmp_path / "months")
    assert page.export_png("months") == tmp_path / "months"
    image = QImage(str(tmp_path / "months.png"))
    assert (image.width(), image.height()) == (2000, 1120)
    assert inked(image) > 0.10  # the chart fills the picture (a chart never laid out is a dot in the middle)
    assert not any(p.name.startswith(".") for p in tmp_path.iterdir())  # no temporary file left
    for card in page.cards.values():
        answer("save_file", tmp_path / f"{card.info.key}.png")
        card.png.click()
        assert QImage(str(tmp_path / f"{card.info.key}.png")).width() == 2000


def test_the_pdf_report_renders_chinese(
    page: DashboardPage, answer: Any, tmp_path: Path, languages: Languages, qtbot: Any
) -> None:
    languages.apply("zh")
    answer("save_file", tmp_path / "report.pdf")
    page.export_pdf()
    pdf = tmp_path / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None or shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils not installed")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "WenQuanYi" in fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "核心贵宾" in text and "陈常客" in text and "李大方" in text


def test_the_tables_export_as_xlsx(page: DashboardPage, answer: Any, tmp_path: Path) -> None:
    import openpyxl

    answer("save_file", tmp_path / "tables.xlsx")
    page.export_xlsx()
    book = openpyxl.load_workbook(tmp_path / "tables.xlsx")
    assert book.sheetnames == [
        "By month",
        "Classes",
        "Segments",
        "Top dishes",
        "Top drinks",
        "Class suggestions",
        "Churn alerts",
        "Birthdays and anniversaries",
    ]
    months = list(book["By month"].iter_rows(values_only=True))
    assert months[0][:3] == ("Month", "Visits", "Spending (¥)") and len(months) == 13
    assert sum(row[1] for row in months[1:]) == sum(m.visits for m in page.result.dashboard.months)  # type: ignore[union-attr]
    alerts = list(book["Churn alerts"].iter_rows(values_only=True))
    assert alerts[1][1] == "陈常客（陈总）" and alerts[1][3] == "13800001111"
    assert ("茅台", 2) in list(book["Top drinks"].iter_rows(values_only=True))


def test_a_file_that_cannot_be_written_is_one_message(page: DashboardPage, answer: Any, tmp_path: Path) -> None:
    answer("save_file", tmp_path / "missing" / "tables.xlsx")
    warned: list[str] = []
    answer("warn", lambda _parent, _title, text: warned.append(text))
    assert page.export_xlsx() is None
    assert len(warned) == 1 and "tables.xlsx could not be written" in warned[0]


def test_churn_alerts_on_today_with_one_click_to_log_a_call(
    qtbot: Any, sqlite_db: Database, histories: dict[str, int], answer: Any, qtmodeltester: Any, languages: Languages
) -> None:
    runner = TaskRunner()
    box = ChurnAlertsBox(runner)
    qtbot.addWidget(box, before_close_func=lambda _w: runner.wait(10_000))
    with qtbot.waitSignal(box.refreshed, timeout=20_000):
        box.set_database(sqlite_db)
    assert [a.customer_id for a in box.alerts()] == [histories["regular"]]
    assert box.title() == "Regulars who stopped coming — 1"
    # The box's model, rebuilt outside the box: the tester outlives the widget at teardown.
    qtmodeltester.check(RecordsModel(ALERT_COLUMNS, box.alerts()), force_py=True)

    def fill(dialog: Any) -> bool:
        assert "陈常客（陈总）" in dialog.who.text()
        dialog.points.setText("问候，下周来")
        return True

    answer("run_dialog", fill)
    with qtbot.waitSignal(box.contactLogged, timeout=5_000) as logged:
        qtbot.mouseClick(box.buttons[0], Qt.MouseButton.LeftButton)
    assert logged.args == [histories["regular"]]
    (contact,) = customers.customer_file(sqlite_db, histories["regular"]).contacts
    assert contact.key_points == "问候，下周来" and contact.channel == "电话"
    assert contact.next_follow_up == dt.date.today() + dt.timedelta(days=FOLLOW_UP_DAYS)
    assert box.alerts() == []
    with qtbot.waitSignal(box.refreshed, timeout=20_000):
        box.refresh()
    assert box.alerts() == []  # called in the last two weeks: not listed again


def test_a_cancelled_call_log_writes_nothing(
    qtbot: Any, sqlite_db: Database, histories: dict[str, int], answer: Any, languages: Languages
) -> None:
    runner = TaskRunner()
    box = ChurnAlertsBox(runner)
    qtbot.addWidget(box, before_close_func=lambda _w: runner.wait(10_000))
    with qtbot.waitSignal(box.refreshed, timeout=20_000):
        box.set_database(sqlite_db)
    answer("run_dialog", False)
    assert box.log_call(0) is False
    assert customers.customer_file(sqlite_db, histories["regular"]).contacts == []
    assert len(box.alerts()) == 1


def test_the_window_has_the_dashboard_and_the_alerts(qtbot: Any, window: MainWindow) -> None:
    assert window.today.alerts.isVisibleTo(window.today)
    with qtbot.waitSignal(window.dashboard.refreshed, timeout=20_000):
        window.show_dashboard_action.trigger()
    assert window.current_page() == "dashboard" and window.show_dashboard_action.isChecked()
    assert window.dashboard.result is not None and window.dashboard.result.dashboard is not None
    assert window.dashboard.result.dashboard.customers == 60


def test_an_empty_file_draws_empty_charts_and_exports(
    qtbot: Any, sqlite_db: Database, answer: Any, tmp_path: Path, languages: Languages
) -> None:
    import openpyxl

    runner = TaskRunner()
    page = DashboardPage(runner, Settings(language="en"))
    qtbot.addWidget(page, before_close_func=lambda _w: runner.wait(10_000))
    page.set_database(sqlite_db)
    with qtbot.waitSignal(page.refreshed, timeout=20_000):
        page.refresh()
    assert page.suggestion_model.rowCount() == 0 and not page.accept_all_button.isEnabled()
    assert page.cards["classes"].view.chart().series()[0].count() == 0
    answer("save_file", tmp_path / "report.pdf")
    page.export_pdf()
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    answer("save_file", tmp_path / "tables.xlsx")
    page.export_xlsx()
    assert openpyxl.load_workbook(tmp_path / "tables.xlsx")["Top dishes"].max_row == 1


def test_a_file_opened_read_only_offers_no_writes(
    qtbot: Any, db_path: Path, histories: dict[str, int], languages: Languages
) -> None:
    read_only = Database.open(db_path, read_only=True)
    try:
        runner = TaskRunner()
        page = DashboardPage(runner, Settings(language="en"))
        box = ChurnAlertsBox(runner)
        for widget in (page, box):
            qtbot.addWidget(widget, before_close_func=lambda _w: runner.wait(10_000))
        page.set_database(read_only)
        with qtbot.waitSignal(page.refreshed, timeout=20_000):
            page.refresh()
        assert page.result is not None and page.result.classes.total == 3  # shown, not offered
        assert not page.accept_all_button.isEnabled()
        with qtbot.waitSignal(box.refreshed, timeout=20_000):
            box.set_database(read_only)
        assert len(box.alerts()) == 1 and box.buttons == []
    finally:
        runner.wait(10_000)
        read_only.close()


def test_the_rules_tab_says_the_credit_rule_and_counts_the_credit_segments(
    qtbot: Any, sqlite_db: Database, histories: dict[str, int], languages: Languages
) -> None:
    from guestcard.services import accounts

    late = add(sqlite_db, "迟付集团", (20, 20_000), kind="corporate", customer_class="B")
    accounts.open_account(sqlite_db, late, Decimal("50000"), "days:30")
    accounts.charge(sqlite_db, late, Decimal("5000"), signer="王总", on=NOW.date() - dt.timedelta(days=75))
    runner = TaskRunner()
    widget = DashboardPage(runner, Settings(language="en"))
    qtbot.addWidget(widget, before_close_func=lambda _w: runner.wait(10_000))
    widget.set_database(sqlite_db)
    widget.show()
    qtbot.waitUntil(lambda: widget.result is not None, timeout=20_000)
    assert widget.result is not None and widget.result.credit_segments == {"overdue": 1, "good_payers": 0}
    credit = widget.rule_labels[3].text()
    assert widget.rule_titles[3].text() == "Credit (corporate accounts)"
    assert "low-credit account" in credit and "Overdue accounts: 1 · Good payers: 0" in credit
    # 45 days overdue (due 30 days after a charge 75 days ago): one class below its spending's B.
    (suggestion,) = [s for s in widget.suggestion_model.records if s.customer_id == late]
    assert suggestion.suggested == "C" and "45 days overdue" in suggestion.reason("en")
