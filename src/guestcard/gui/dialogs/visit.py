"""The visit dialog: a meal or a reservation (a visit dated in the future), with its spending,
dishes and party."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, QEvent, QTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from guestcard.domain.model import Visit
from guestcard.domain.values import parse_money
from guestcard.gui.dialogs.fields import error_label, qdate, show_error
from guestcard.gui.messages import say

if TYPE_CHECKING:
    pass


class VisitDialog(QDialog):
    """A meal or a reservation (a visit dated in the future)."""

    def __init__(self, customer_id: int, visit: Visit | None = None, parent: QWidget | None = None,
                 accounts: Sequence[Any] = ()) -> None:
        super().__init__(parent)
        self.customer_id = customer_id
        self.original = visit
        self.account_box: Any = None  # a new visit's "put on an account" (签单), when there are accounts
        self.at = QDateTimeEdit(self)
        self.at.setCalendarPopup(True)
        self.party = QSpinBox(self)
        self.party.setRange(0, 9999)
        self.party.setSpecialValueText("—")
        self.room = QLineEdit(self)
        self.occasion = QLineEdit(self)
        self.spend = QLineEdit(self)
        self.spend.setPlaceholderText("¥")
        self.spend_error = error_label(self)
        self.dishes = QLineEdit(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(80)
        self.form = QFormLayout()
        self.labels = [QLabel(self) for _ in range(7)]
        for label, widget in zip(
            self.labels, (self.at, self.party, self.room, self.occasion, self.spend, self.dishes, self.notes),
            strict=True,
        ):
            self.form.addRow(label, widget)
            if widget is self.spend:
                self.form.addRow("", self.spend_error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        if accounts and visit is None:
            from guestcard.gui.visit_account import AccountChargeBox

            self.account_box = AccountChargeBox(accounts, self)
            self.account_box.completeChanged.connect(self._update_ok)
            self.spend.textChanged.connect(self._spend_changed)
            layout.addWidget(self.account_box)
        layout.addWidget(self.buttons)
        if visit is not None:
            self.at.setDateTime(QDateTime(qdate(visit.at.date()), QTime(visit.at.hour, visit.at.minute)))
            self.party.setValue(visit.party_size or 0)
            self.room.setText(visit.room or "")
            self.occasion.setText(visit.occasion or "")
            self.spend.setText("" if visit.spend is None else str(visit.spend))
            self.dishes.setText(visit.dishes or "")
            self.notes.setPlainText(visit.notes or "")
        else:
            now = dt.datetime.now()
            self.at.setDateTime(QDateTime(qdate(now.date()), QTime(now.hour, 0)))
        self.retranslate()
        self.resize(460, self.sizeHint().height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit visit") if self.original else self.tr("New visit or reservation"))
        for label, text in zip(
            self.labels,
            (self.tr("When"), self.tr("Party size"), self.tr("Room or table"), self.tr("Occasion"),
             self.tr("Spend"), self.tr("Dishes"), self.tr("Notes")),
            strict=True,
        ):
            label.setText(text)
        self.at.setToolTip(self.tr("A visit dated in the future is a reservation"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def visit(self) -> Visit:
        """The visit as typed; ``ValueError`` when the amount cannot be read."""
        moment = self.at.dateTime()
        date, time = moment.date(), moment.time()
        spend_text = self.spend.text().strip()
        return Visit(
            customer_id=self.customer_id,
            at=dt.datetime(date.year(), date.month(), date.day(), time.hour(), time.minute()),
            id=self.original.id if self.original else None,
            party_size=self.party.value() or None,
            room=self.room.text().strip() or None,
            occasion=self.occasion.text().strip() or None,
            spend=parse_money(spend_text) if spend_text else None,
            dishes=self.dishes.text().strip() or None,
            notes=self.notes.toPlainText().strip() or None,
        )

    def _spend_changed(self, text: str) -> None:
        from guestcard.domain.values import money_to_cents

        try:
            amount = parse_money(text.strip()) if text.strip() else None
        except ValueError:
            amount = None
        self.account_box.set_amount(money_to_cents(amount) if amount is not None and amount > 0 else None)

    def _update_ok(self) -> None:
        complete = self.account_box is None or self.account_box.is_complete()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(complete)

    def charge(self) -> dict[str, Any] | None:
        """The account to put the spend on, who signed and the bill number; None: paid as it goes."""
        return self.account_box.values() if self.account_box is not None else None

    def accept(self) -> None:
        try:
            self.visit()
        except ValueError as exc:
            show_error(self.spend_error, say(exc))
            self.spend.setFocus()
            return
        show_error(self.spend_error, None)
        if self.account_box is not None and not self.account_box.is_complete():
            return
        super().accept()
