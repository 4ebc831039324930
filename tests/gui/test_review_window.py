"""The periodic review in the window: figures per owner on the runner, exported to xlsx and PDF."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from PySide6.QtCore import QDate

from guestcard.domain import Customer, Visit
from guestcard.gui.main_window import MainWindow
from guestcard.gui.review_dialog import ReviewDialog
from guestcard.services import customers as services


def test_the_review_shows_the_figures_and_exports(qtbot: Any, qtmodeltester: Any, window: MainWindow,
                                                 answer: Any, tmp_path: Path) -> None:
    day = dt.date.today() - dt.timedelta(days=1)
    guest = services.create_customer(window.db, Customer(name="盘点客人", owner="盘点经理"))
    services.add_visit(window.db, Visit(customer_id=guest.id, at=dt.datetime.combine(day, dt.time(12)),
                                        spend=Decimal("1234.50")))
    dialog = ReviewDialog(window.db, window.runner, ["盘点经理"], window)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.reviewed, timeout=10_000):
        dialog.start.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(lambda: not window.runner.busy)
    with qtbot.waitSignal(dialog.reviewed, timeout=10_000) as reviewed:
        dialog.owner.setCurrentIndex(dialog.owner.findData("盘点经理"))
    mine = reviewed.args[0].owners[0]
    assert (mine.owner, mine.customers, mine.visits, mine.spend) == ("盘点经理", 1, 1, Decimal("1234.50"))
    assert dialog.figures.rowCount() == 1 and dialog.figures.index(0, 0).data() == "盘点经理"
    qtmodeltester.check(dialog.figures)
    qtmodeltester.check(dialog.sources)
    answer("save_file", tmp_path / "review")
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as exported:
        dialog.export("xlsx")
    book = load_workbook(exported.args[0])
    try:
        assert list(book.worksheets[0].values)[1][0] == "盘点经理"
    finally:
        book.close()
    with qtbot.waitSignal(dialog.exported, timeout=20_000) as exported:
        dialog.export("pdf")
    assert exported.args[0].suffix == ".pdf" and exported.args[0].stat().st_size > 1000


def test_the_review_is_a_page_of_the_dashboard_too(qtbot: Any, qtmodeltester: Any, window: MainWindow) -> None:
    from guestcard.services.review import review as review_of

    owner = "看板经理"
    guest = services.create_customer(window.db, Customer(name="看板盘点客人", owner=owner))
    services.add_visit(window.db, Visit(customer_id=guest.id, at=dt.datetime.combine(dt.date.today(), dt.time(0, 1)),
                                        spend=Decimal("880")))
    window.show_page("dashboard")
    board = window.dashboard
    window.staff.owners = ["林雅婷", owner]  # the window's account managers (its staff list, read at start)
    assert board.review_owners() == window.staff.owners
    assert board.review is None  # made only when its tab is shown
    board.tabs.setCurrentWidget(board.review_tab)
    assert board.tabs.tabText(board.tabs.currentIndex()) == "Periodic review"
    review = board.review
    assert isinstance(review, ReviewDialog) and not review.isWindow() and review.isVisible()
    assert not review.buttons.isVisible()  # no Close on a page
    qtbot.waitUntil(lambda: review.review is not None and not window.runner.busy, timeout=20_000)
    qtmodeltester.check(review.figures)
    assert review.owner.findData(owner) > 0  # the window's account managers
    with qtbot.waitSignal(review.reviewed, timeout=10_000) as reviewed:
        review.owner.setCurrentIndex(review.owner.findData(owner))
    start, end = review.days()
    assert reviewed.args[0].owners == review_of(window.db, start, end, owner=owner).owners
    assert (reviewed.args[0].owners[0].visits, reviewed.args[0].owners[0].spend) == (1, Decimal("880"))
    assert review.figures.rowCount() == 1 and review.figures.index(0, 0).data() == owner
    window.set_database(window.db, window.library)  # another file (here the same again): the page is made anew
    assert board.review is not review
