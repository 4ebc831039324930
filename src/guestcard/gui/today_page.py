"""The Today page: who is coming today and tomorrow, birthdays and anniversaries of the week (a
lunar birthday on this year's solar day, its lunar date beside it), the festivals of the week with
the guests to greet, follow-ups due; and the buttons that print the cards of today's or tomorrow's
guests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui.greetings_bar import GreetingsBar
from guestcard.gui.i18n import fill, fmt_date, fmt_time, fmt_weekday_date, ui_lang
from guestcard.gui.insights_alerts import ChurnAlertsBox
from guestcard.gui.models import ALLERGY_COLOR, Column, RecordsModel, format_phone
from guestcard.gui.operations import CARD, CUSTOMERS, HISTORY, Operations
from guestcard.gui.overdue_accounts import OverdueAccountsBar
from guestcard.gui.staff_today import OverdueSummary, follow_up_points, follow_up_rows
from guestcard.gui.worker import Step, TaskRunner

if TYPE_CHECKING:
    from guestcard.services.agenda import FestivalDay, Occasion
    from guestcard.settings import Settings
    from guestcard.storage import Database

# The operations' changes the page shows (gui.operations): a card, a visit, a contact, a bill.
SHOWN_ON_TODAY = frozenset({CUSTOMERS, CARD}) | HISTORY

OVERDUE_COLOR = QColor("#b3261e")
UPCOMING_DAYS = 7


@dataclass(frozen=True)
class Board:
    today: dt.date
    reservations_today: list[tuple[Any, Any]]  # (Visit, Customer)
    reservations_tomorrow: list[tuple[Any, Any]]
    occasions: list[Occasion]
    follow_ups: list[tuple[Any, ...]]  # (Contact, Customer), or (Contact, Customer, StaleProspect)
    festivals: list[FestivalDay] = field(default_factory=list)


def board_job(db: Database, today: dt.date, festival_classes: Mapping[str, str] | None = None) -> Any:
    """The Today page's data, read off the GUI thread (a large file has thousands of birthdays)."""

    def job(_cancel: Any) -> Iterator[Any]:
        from guestcard.services.agenda import agenda  # lazy: the window shows before this loads (bench_gui start)

        yield Step(0, None)
        week = agenda(db, days=UPCOMING_DAYS - 1, today=today, festival_classes=festival_classes)
        tomorrow = today + dt.timedelta(days=1)
        yield Board(
            today=today,
            reservations_today=[(v, c) for v, c in week.reservations if v.at.date() == today],
            reservations_tomorrow=[(v, c) for v, c in week.reservations if v.at.date() == tomorrow],
            occasions=week.occasions,
            follow_ups=follow_up_rows(db, today, week.follow_ups),
            festivals=week.festivals,
        )

    return job


def _occasion_text(occasion: Occasion) -> str:
    if occasion.kind == "birthday":
        if occasion.years:
            return fill(QCoreApplication.translate("TodayPage", "Birthday (%1)"), occasion.years)
        return QCoreApplication.translate("TodayPage", "Birthday")
    if occasion.years:
        return fill(QCoreApplication.translate("TodayPage", "Anniversary (%1 years)"), occasion.years)
    return QCoreApplication.translate("TodayPage", "Anniversary")


def _occasion_day(occasion: Occasion) -> str:
    """The day, and for a lunar date the lunar date too: ``4月18日 星期六 · 农历三月初二``."""
    day = fmt_weekday_date(occasion.date)
    kept = occasion.kept
    if kept is not None and kept.lunar:
        from guestcard.domain.lunar import lunar_words  # lazy: its tables (~25 ms) load after the window shows

        # Month and day only: the age beside it says the year.
        return f"{day} · {lunar_words(kept.month, kept.day, kept.leap_month, lang=ui_lang())}"
    return day


def _festival_name(festival_day: FestivalDay) -> str:
    festival = festival_day.festival
    name = festival.name(ui_lang())
    if festival.calendar == "lunar":
        from guestcard.domain.lunar import lunar_words  # lazy: its tables (~25 ms) load after the window shows

        return f"{name} · {lunar_words(festival.month, festival.day, lang=ui_lang())}"
    return name


def _festival_guests(festival_day: FestivalDay) -> str:
    """``A B · 3: 李梅、王建国、赵四`` (the whole list in the tooltip)."""
    if not festival_day.classes:
        return QCoreApplication.translate("TodayPage", "no class chosen (Settings)")
    separator = "、" if ui_lang() == "zh" else ", "
    names = separator.join(c.display_name for c in festival_day.customers)
    return f"{' '.join(festival_day.classes)} · {len(festival_day.customers)}: {names}"


def _guest_notes(pair: tuple[Any, Any]) -> str:
    visit, customer = pair
    parts = [p for p in (visit.occasion, visit.notes, customer.favorite_dishes) if p]
    return " · ".join(parts)


RESERVATION_COLUMNS = (
    Column("time", QT_TRANSLATE_NOOP("models", "Time"), lambda p: fmt_time(p[0].at)),
    Column("guest", QT_TRANSLATE_NOOP("models", "Guest"), lambda p: p[1].display_name),
    Column("class", QT_TRANSLATE_NOOP("models", "Class"), lambda p: p[1].customer_class or ""),
    Column("party", QT_TRANSLATE_NOOP("models", "Party"), lambda p: p[0].party_size or "", align_right=True),
    Column("room", QT_TRANSLATE_NOOP("models", "Room"), lambda p: p[0].room or ""),
    Column("allergies", QT_TRANSLATE_NOOP("models", "Allergies"), lambda p: p[1].allergies or "",
           color=ALLERGY_COLOR, tooltip=True),
    Column("notes", QT_TRANSLATE_NOOP("models", "Key notes"), _guest_notes, tooltip=True),
)
OCCASION_COLUMNS = (
    Column("date", QT_TRANSLATE_NOOP("models", "Date"), _occasion_day, tooltip=True),
    Column("guest", QT_TRANSLATE_NOOP("models", "Guest"), lambda o: o.customer.display_name),
    Column("what", QT_TRANSLATE_NOOP("models", "Occasion"), _occasion_text),
    Column("class", QT_TRANSLATE_NOOP("models", "Class"), lambda o: o.customer.customer_class or ""),
    Column("phone", QT_TRANSLATE_NOOP("models", "Phone"), lambda o: format_phone(o.customer.phone or "")),
)
FESTIVAL_COLUMNS = (
    Column("date", QT_TRANSLATE_NOOP("models", "Date"), lambda f: fmt_weekday_date(f.date)),
    Column("festival", QT_TRANSLATE_NOOP("models", "Festival"), _festival_name),
    Column("guests", QT_TRANSLATE_NOOP("models", "Guests to greet"), _festival_guests, tooltip=True),
)
FOLLOW_UP_COLUMNS = (
    Column("due", QT_TRANSLATE_NOOP("models", "Due"), lambda p: fmt_date(p[0].next_follow_up)),
    Column("guest", QT_TRANSLATE_NOOP("models", "Guest"), lambda p: p[1].display_name),
    Column("channel", QT_TRANSLATE_NOOP("models", "Channel"), lambda p: p[0].channel or ""),
    Column("points", QT_TRANSLATE_NOOP("models", "Key points"), follow_up_points, tooltip=True),
    Column("intent", QT_TRANSLATE_NOOP("models", "Intent"), lambda p: p[0].intent or ""),
    Column("owner", QT_TRANSLATE_NOOP("models", "Account manager"), lambda p: p[1].owner or ""),
)


def _view(parent: QWidget, model: RecordsModel) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class TodayPage(QWidget):
    openCustomer = Signal(int)
    printDay = Signal(object)  # a datetime.date
    briefingRequested = Signal()  # the pre-shift briefing sheet of today's next service
    refreshed = Signal()

    def __init__(self, runner: TaskRunner, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.db: Database | None = None
        self.board: Board | None = None
        self._task: Any = None

        self.heading = QLabel(self)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.heading.setFont(font)
        self.date_label = QLabel(self)
        self.print_today = QPushButton(self)
        self.print_tomorrow = QPushButton(self)
        self.refresh_button = QPushButton(self)
        self.briefing_button = QPushButton(self)
        self.briefing_button.setObjectName("briefingButton")
        self.briefing_button.clicked.connect(self.briefingRequested)
        self.print_today.clicked.connect(lambda: self.printDay.emit(self._day(0)))
        self.print_tomorrow.clicked.connect(lambda: self.printDay.emit(self._day(1)))
        self.refresh_button.clicked.connect(self.refresh)

        self.today_model = RecordsModel(RESERVATION_COLUMNS, (), self)
        self.tomorrow_model = RecordsModel(RESERVATION_COLUMNS, (), self)
        self.occasion_model = RecordsModel(OCCASION_COLUMNS, (), self)
        self.follow_model = RecordsModel(FOLLOW_UP_COLUMNS, (), self)
        self.follow_model.row_colors = self._follow_color
        self.boxes: list[QGroupBox] = []
        grid = QGridLayout()
        grid.setSpacing(10)
        self.views: list[QTableView] = []
        for i, model in enumerate((self.today_model, self.tomorrow_model, self.occasion_model, self.follow_model)):
            box = QGroupBox(self)
            view = _view(box, model)
            view.activated.connect(lambda index, m=model: self._activated(m, index))
            view.doubleClicked.connect(lambda index, m=model: self._activated(m, index))
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(view)
            if model is self.follow_model:  # overdue per account manager, under the follow-ups
                self.overdue = OverdueSummary(box)
                box_layout.addWidget(self.overdue)
            self.boxes.append(box)
            self.views.append(view)
            grid.addWidget(box, i // 2, i % 2)
        # The week's festivals, under its birthdays (hidden in a week without one).
        self.festival_model = RecordsModel(FESTIVAL_COLUMNS, (), self)
        self.festival_view = _view(self.boxes[2], self.festival_model)
        self.festival_view.setMaximumHeight(self.festival_view.verticalHeader().defaultSectionSize() * 4 + 28)
        self.festival_view.setColumnWidth(0, 120)
        self.festival_view.setColumnWidth(1, 170)
        self.festival_view.hide()
        self.boxes[2].layout().addWidget(self.festival_view)
        # Under the birthdays and festivals they are for; the table gives up the room they take, so
        # the page keeps its smallest size.
        self.greetings_bar = GreetingsBar(runner, settings, self._chosen_greetings, self.boxes[2])
        self.greetings_bar.greeted.connect(lambda _count: self.refresh())
        self.boxes[2].layout().addWidget(self.greetings_bar)
        self.views[2].setMinimumHeight(48)
        self.alerts = ChurnAlertsBox(runner, settings, self)  # regulars who stopped coming: call them
        self.alerts.openCustomer.connect(self.openCustomer)
        self.alerts.contactLogged.connect(lambda _id: self.refresh())
        # The day's lists above, the alerts below: a splitter the manager can move (the lists get
        # three quarters of the height to start with, whatever the alerts hold).
        lists = QWidget(self)
        lists.setLayout(grid)
        grid.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(lists)
        self.splitter.addWidget(self.alerts)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.alerts.setMinimumHeight(120)
        for view, widths in zip(self.views, ((56, 130, 44, 44, 90, 110), (56, 130, 44, 44, 90, 110),
                                             (185, 130, 110, 44), (90, 130, 70, 160)), strict=True):
            for column, width in enumerate(widths):
                view.setColumnWidth(column, width)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_today)
        buttons.addWidget(self.print_tomorrow)
        buttons.addWidget(self.briefing_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.addWidget(self.heading)
        layout.addWidget(self.date_label)
        layout.addLayout(buttons)

        self.overdue_accounts = OverdueAccountsBar(runner, self)  # companies past their terms (挂账逾期)
        self.overdue_accounts.openCustomer.connect(self.openCustomer)
        layout.addWidget(self.overdue_accounts)
        layout.addWidget(self.splitter, 1)
        self.retranslate()

    @staticmethod
    def _day(offset: int) -> dt.date:
        return dt.date.today() + dt.timedelta(days=offset)

    def _follow_color(self, pair: tuple[Any, Any]) -> QColor | None:
        contact = pair[0]
        if contact.next_follow_up is not None and contact.next_follow_up < dt.date.today():
            return OVERDUE_COLOR
        return None

    def _chosen_greetings(self) -> list[tuple[int, dt.date]]:
        """The (customer id, day) pairs of the selected birthday or festival row."""
        occasion_rows = self.views[2].selectionModel().selectedRows()
        festival_rows = self.festival_view.selectionModel().selectedRows()
        if festival_rows and (self.festival_view.hasFocus() or not occasion_rows):
            festival = self.festival_model.record(festival_rows[0].row())
            return [(c.id, festival.date) for c in festival.customers]
        if occasion_rows:
            occasion = self.occasion_model.record(occasion_rows[0].row())
            return [(occasion.customer.id, occasion.date)]
        return []

    def set_settings(self, settings: Settings) -> None:
        changed_festivals = settings.festival_classes != self.settings.festival_classes
        self.settings = settings
        self.greetings_bar.settings = settings
        self.alerts.set_settings(settings)
        self.retranslate()
        if changed_festivals:
            self.refresh()  # the guests to greet at each festival

    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.alerts.db = db
        self.refresh()

    def watch(self, operations: Operations) -> None:
        """Read the day again after any operation that changed cards or their history."""
        operations.changed.connect(lambda kinds: self.refresh() if kinds & SHOWN_ON_TODAY else None)

    def refresh(self) -> None:
        if self.db is None:
            return
        if self._task is not None and self._task.running:
            self._task.cancel()
        self._task = self.runner.start(
            board_job(self.db, dt.date.today(), self.settings.festival_classes), on_result=self.show_board,
            reading_only=True,
        )
        self.greetings_bar.load(self.db, dt.date.today(), UPCOMING_DAYS - 1)
        self.alerts.refresh()
        self.overdue_accounts.refresh(self.db)

    def show_board(self, board: Board) -> None:
        self.board = board
        self.today_model.set_records(board.reservations_today)
        self.tomorrow_model.set_records(board.reservations_tomorrow)
        self.occasion_model.set_records(board.occasions)
        self.follow_model.set_records(board.follow_ups)
        self.overdue.show_rows(board.follow_ups, board.today)
        self.festival_model.set_records(board.festivals)
        self.festival_view.setVisible(bool(board.festivals))
        self.retranslate()
        self.refreshed.emit()

    def _activated(self, model: RecordsModel, index: QModelIndex) -> None:
        if not index.isValid():
            return
        record = model.record(index.row())
        customer = record.customer if hasattr(record, "customer") else record[1]  # an occasion, a pair
        if customer.id is not None:
            self.openCustomer.emit(customer.id)

    def retranslate(self) -> None:
        name = self.settings.restaurant_name
        self.heading.setText(name or self.tr("Today"))
        self.date_label.setText(fmt_date(dt.date.today(), long=True))
        today = len({c.id for _, c in self.board.reservations_today}) if self.board else 0
        tomorrow = len({c.id for _, c in self.board.reservations_tomorrow}) if self.board else 0
        self.print_today.setText(fill(self.tr("Print cards for today's guests (%1)"), today))
        self.print_tomorrow.setText(fill(self.tr("Print cards for tomorrow's guests (%1)"), tomorrow))
        self.print_today.setEnabled(today > 0)
        self.print_tomorrow.setEnabled(tomorrow > 0)
        self.refresh_button.setText(self.tr("Refresh"))
        self.briefing_button.setText(self.tr("Briefing sheet…"))
        self.briefing_button.setToolTip(self.tr("The pre-shift briefing sheet: every guest booked for the next "
                                                "service on one page"))
        self.briefing_button.setEnabled(today > 0)
        counts = (self.today_model.rowCount(), self.tomorrow_model.rowCount(),
                  self.occasion_model.rowCount() + self.festival_model.rowCount(), self.follow_model.rowCount())
        titles = (
            self.tr("Today — %1 reservations"),
            self.tr("Tomorrow — %1 reservations"),
            self.tr("Birthdays, anniversaries and festivals, next 7 days — %1"),
            self.tr("Follow-ups due — %1"),
        )
        for box, title, count in zip(self.boxes, titles, counts, strict=True):
            box.setTitle(fill(title, count))
        for model in (self.today_model, self.tomorrow_model, self.occasion_model, self.follow_model,
                      self.festival_model):
            model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

