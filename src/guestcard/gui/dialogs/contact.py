"""The contact dialog: a call, message or visit made to a guest, with the intent level and the
next follow-up."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from guestcard.domain.model import Contact
from guestcard.domain.staff import DEFAULT_LEVELS, IntentLevel
from guestcard.gui.dialogs.fields import error_label, pydate, qdate, show_error

if TYPE_CHECKING:
    pass


class ContactDialog(QDialog):
    """One contact with the customer and the next follow-up (a new one's proposed by its intent
    level's rule)."""

    LEVELS: Sequence[IntentLevel] = DEFAULT_LEVELS  # the database's, set when it opens (gui.staff_window)

    def __init__(self, customer_id: int, contact: Contact | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.customer_id = customer_id
        self.original = contact
        today = dt.date.today()
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setDate(qdate(contact.date if contact else today))
        self.channel = QComboBox(self)
        self.channel.setEditable(True)
        self.points = QPlainTextEdit(self)
        self.points.setTabChangesFocus(True)
        self.points.setMaximumHeight(90)
        self.intent = QComboBox(self)
        self.intent.setEditable(True)
        self.intent.addItems(["", *(level.code for level in self.LEVELS)])
        self.follow = QCheckBox(self)
        self.next = QDateEdit(self)
        self.next.setCalendarPopup(True)
        self.next.setDate(qdate(today + dt.timedelta(days=7)))
        self.follow.toggled.connect(self.next.setEnabled)
        self.done_box = QCheckBox(self)
        self.error = error_label(self)
        follow_row = QHBoxLayout()
        follow_row.addWidget(self.follow)
        follow_row.addWidget(self.next, 1)
        self.labels = [QLabel(self) for _ in range(5)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.date)
        form.addRow(self.labels[1], self.channel)
        form.addRow(self.labels[2], self.points)
        form.addRow(self.labels[3], self.intent)
        form.addRow(self.labels[4], follow_row)
        form.addRow("", self.done_box)
        form.addRow("", self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.retranslate()
        if contact is not None:
            self.channel.setCurrentText(contact.channel or "")
            self.points.setPlainText(contact.key_points or "")
            self.intent.setCurrentText(contact.intent or "")
            self.follow.setChecked(contact.next_follow_up is not None)
            if contact.next_follow_up:
                self.next.setDate(qdate(contact.next_follow_up))
            self.done_box.setChecked(contact.follow_up_done)
        self.next.setEnabled(self.follow.isChecked())
        if contact is None:
            self.intent.currentTextChanged.connect(self._propose_follow_up)
        self.resize(460, self.sizeHint().height())

    def _propose_follow_up(self, text: str) -> None:
        """The level's rule: a B prospect is called again in 7 days (the user may change it)."""
        word = text.strip().upper().removesuffix("级")
        level = next((lv for lv in self.LEVELS if lv.code == word), None)
        if level is not None and level.follow_up_days is not None:
            self.follow.setChecked(True)
            self.next.setDate(self.date.date().addDays(level.follow_up_days))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Edit contact") if self.original else self.tr("New contact"))
        for label, text in zip(
            self.labels,
            (self.tr("Date"), self.tr("Channel"), self.tr("Key points"), self.tr("Intent"), self.tr("Next step")),
            strict=True,
        ):
            label.setText(text)
        current = self.channel.currentText()
        self.channel.clear()
        self.channel.addItems(
            ["", self.tr("Phone"), self.tr("WeChat"), self.tr("In person"), self.tr("Text message"), self.tr("Visit")]
        )
        self.channel.setCurrentText(current)
        self.intent.setToolTip(self.tr("How likely they are to book: O (booked), A (high) … D (low)"))
        self.follow.setText(self.tr("Follow up on"))
        self.done_box.setText(self.tr("Follow-up done"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def contact(self) -> Contact:
        return Contact(
            customer_id=self.customer_id,
            date=pydate(self.date.date()),
            id=self.original.id if self.original else None,
            channel=self.channel.currentText().strip() or None,
            key_points=self.points.toPlainText().strip() or None,
            intent=self.intent.currentText().strip() or None,
            next_follow_up=pydate(self.next.date()) if self.follow.isChecked() else None,
            follow_up_done=self.done_box.isChecked(),
        )

    def accept(self) -> None:
        contact = self.contact()
        if contact.next_follow_up is not None and contact.next_follow_up < contact.date:
            show_error(self.error, self.tr("The follow-up date is before the contact date."))
            return
        super().accept()
