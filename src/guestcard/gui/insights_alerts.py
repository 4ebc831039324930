"""Churn alerts on the Today page: regulars who stopped coming, one click to log a call and set a
follow-up (a contact in the card's history). A customer called in the last two weeks leaves the list.

The alerts are read off the GUI thread (the analysis scans the visits); the box only shows them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QEvent, QModelIndex, QSize, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guestcard.domain.model import Contact
from guestcard.gui import prompts
from guestcard.gui.i18n import fill, fmt_date, ui_lang
from guestcard.gui.models import Column, RecordsModel, format_phone
from guestcard.gui.worker import Step, TaskRunner

if TYPE_CHECKING:
    from guestcard.services.insights import ChurnAlert
    from guestcard.settings import Settings
    from guestcard.storage import Database

CALLED_DAYS = 14  # a customer called within this many days is not alerted again
ALERT_LIMIT = 50
FOLLOW_UP_DAYS = 7
CHANNELS = ("电话", "微信", "短信", "到店拜访")
ALERT_COLOR = QColor("#8a4b00")


ALERT_COLUMNS = (
    Column("guest", QT_TRANSLATE_NOOP("models", "Guest"), lambda a: a.display_name),
    Column("class", QT_TRANSLATE_NOOP("models", "Class"), lambda a: a.customer_class or ""),
    Column("phone", QT_TRANSLATE_NOOP("models", "Phone"), lambda a: format_phone(a.phone or "")),
    Column("last", QT_TRANSLATE_NOOP("models", "Last visit"), lambda a: fmt_date(a.last_visit.date())),
    Column("why", QT_TRANSLATE_NOOP("models", "Why"), lambda a: a.why(ui_lang()), tooltip=True, color=ALERT_COLOR),
    Column("call", QT_TRANSLATE_NOOP("models", "Call"), lambda a: ""),
)
CALL_COLUMN = len(ALERT_COLUMNS) - 1


def alerts_job(db: Database, settings: Settings | None, today: dt.date) -> Any:
    def job(_cancel: Any) -> Iterator[Any]:
        from guestcard.services import insights as ins  # lazy: the window shows before this loads (bench_gui start)

        yield Step(0, None)
        rule = ins.InsightSettings.from_settings(settings) if settings is not None else None
        yield ins.churn_alerts(db, rule, limit=ALERT_LIMIT, contacted_since=today - dt.timedelta(days=CALLED_DAYS))

    return job


class LogCallDialog(QDialog):
    """How the call went and when to follow up; the values become a contact on the card."""

    def __init__(self, alert: ChurnAlert, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.alert = alert
        self.setWindowTitle(self.tr("Log a call"))
        self.who = QLabel(self)
        self.who.setWordWrap(True)
        self.why = QLabel(alert.why(ui_lang()), self)
        self.why.setWordWrap(True)
        self.why.setStyleSheet("color: #8a4b00")
        self.channel = QComboBox(self)
        self.channel.setEditable(True)
        self.channel.addItems(CHANNELS)
        self.points = QLineEdit(self)
        self.points.setText(self.tr("Called: we miss you"))
        self.intent = QLineEdit(self)
        self.next = QDateEdit(self)
        self.next.setCalendarPopup(True)
        next_day = dt.date.today() + dt.timedelta(days=FOLLOW_UP_DAYS)
        self.next.setDate(QDate(next_day.year, next_day.month, next_day.day))
        form = QFormLayout()
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Key points"), self.points)
        form.addRow(self.tr("Intent"), self.intent)
        form.addRow(self.tr("Next follow-up"), self.next)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.who)
        layout.addWidget(self.why)
        layout.addLayout(form)
        layout.addWidget(buttons)
        phone = format_phone(alert.phone or "")
        who = fill(self.tr("%1, phone %2"), alert.display_name, phone or "—")
        self.who.setText(f"<b>{who}</b>")
        self.setMinimumWidth(440)

    def values(self) -> dict[str, Any]:
        date = self.next.date()
        return {
            "channel": self.channel.currentText().strip() or None,
            "key_points": self.points.text().strip() or None,
            "intent": self.intent.text().strip() or None,
            "next_follow_up": dt.date(date.year(), date.month(), date.day()),
        }


class ChurnAlertsBox(QGroupBox):
    """The Today page's list of regulars falling away."""

    openCustomer = Signal(int)
    contactLogged = Signal(int)  # the customer's id
    refreshed = Signal()

    def __init__(self, runner: TaskRunner, settings: Settings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.settings = settings
        self.db: Database | None = None
        self._task: Any = None
        self._task_db: Database | None = None
        self.model = RecordsModel(ALERT_COLUMNS, (), self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CALL_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        for column, width in enumerate((150, 44, 110, 96)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(self._opened)
        self.view.activated.connect(self._opened)
        self.rule = QLabel(self)
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #606060")
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.rule)
        self.buttons: list[QPushButton] = []
        self.retranslate()

    def sizeHint(self) -> QSize:
        """Room for up to five alerts: the reservations and birthdays above keep most of the page."""
        header = self.view.horizontalHeader().sizeHint().height()
        row = self.view.verticalHeader().defaultSectionSize()
        rows = min(max(self.model.rowCount(), 1), 5)
        margins = self.contentsMargins().top() + self.contentsMargins().bottom() + 24
        return QSize(600, header + rows * row + 6 + self.rule.sizeHint().height() + margins)

    def set_settings(self, settings: Settings) -> None:
        self.settings = settings

    def set_database(self, db: Database | None) -> None:
        self.db = db
        if db is None:
            self.show_alerts([])
        else:
            self.refresh()

    def refresh(self) -> None:
        """Read the alerts again, unless a reading is under way: the Today page refreshes on every
        saved card, and one card rarely changes who stopped coming (the analysis scans the visits)."""
        if self.db is None:
            return
        if self._task is not None and self._task.running:
            if self._task_db is self.db:
                return
            self._task.cancel()  # another file was opened meanwhile
        self._task_db = self.db
        self._task = self.runner.start(
            alerts_job(self.db, self.settings, dt.date.today()), on_result=self._shown, reading_only=True
        )

    def _shown(self, alerts: list[ChurnAlert]) -> None:
        if self._task_db is self.db:
            self.show_alerts(alerts)

    def show_alerts(self, alerts: list[ChurnAlert]) -> None:
        self.model.set_records(alerts)
        self.buttons = []
        writable = not getattr(self.db, "read_only", False)  # a file opened read-only takes no call log
        for row in range(len(alerts) if writable else 0):
            button = QPushButton(self.tr("Log call…"), self.view)
            button.setObjectName(f"logCall{row}")
            button.setToolTip(self.tr("Log a call and set the next follow-up"))
            button.clicked.connect(lambda _checked=False, r=row: self.log_call(r))
            self.view.setIndexWidget(self.model.index(row, CALL_COLUMN), button)
            self.buttons.append(button)
        self.view.resizeColumnToContents(CALL_COLUMN)
        self.retranslate()
        self.refreshed.emit()

    def alerts(self) -> list[ChurnAlert]:
        return self.model.records

    def _opened(self, index: QModelIndex) -> None:
        if index.isValid() and index.column() != CALL_COLUMN:
            self.openCustomer.emit(self.model.record(index.row()).customer_id)

    def log_call(self, row: int) -> bool:
        """Ask how the call went (``prompts.run_dialog``) and keep it as a contact with its follow-up,
        written on the runner (``contactLogged`` once it is). False when nothing was asked or kept."""
        if self.db is None or not 0 <= row < self.model.rowCount():
            return False
        from guestcard.services import customers  # lazy: the window shows before this loads (bench_gui start)

        alert = self.model.record(row)
        dialog = LogCallDialog(alert, self)
        if not prompts.run_dialog(dialog):
            return False
        contact = Contact(customer_id=alert.customer_id, date=dt.date.today(), **dialog.values())
        db = self.db

        def job(_cancel: Any) -> Iterator[Any]:
            yield Step(0, None)
            return customers.add_contact(db, contact)

        def logged(_result: Any) -> None:
            if db is self.db:
                self.show_alerts([a for a in self.model.records if a.customer_id != alert.customer_id])
            self.contactLogged.emit(alert.customer_id)

        self.runner.start(job, on_result=logged)  # an error: the window's error path (fallback_error)
        return True

    def retranslate(self) -> None:
        self.setTitle(fill(self.tr("Regulars who stopped coming — %1"), self.model.rowCount()))
        self.rule.setText(
            fill(
                self.tr(
                    "A regular is listed when the last 90 days fell well below their usual visits or spending; "
                    "a customer called in the last %1 days is left out."
                ),
                CALLED_DAYS,
            )
        )
        for button in self.buttons:
            button.setText(self.tr("Log call…"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
