"""The account's dialogs: record a payment (allocated oldest first, or to the bills ticked), put a
signed bill on the account, open an account. Each only collects values; the account tab writes
them on the background runner."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from guestcard.domain.values import parse_money
from guestcard.gui.i18n import fmt_date, ui_lang

if TYPE_CHECKING:
    from guestcard.domain.ledger import OpenItem

METHODS = ("转账", "支票", "现金", "微信")


def yuan(fen: int) -> str:
    """``¥1,200.25``: exact, from integer fen (never through a float)."""
    sign = "-" if fen < 0 else ""
    whole, part = divmod(abs(fen), 100)
    return f"{sign}¥{whole:,}.{part:02d}"


def _date_edit(parent: QWidget, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def _day(edit: QDateEdit) -> dt.date:
    day = edit.date()
    return dt.date(day.year(), day.month(), day.day())


def parse_amount(text: str) -> Decimal | None:
    """What was typed as a Decimal amount, ``None`` when it is not one (the dialog says so)."""
    try:
        amount = parse_money(text)
    except ValueError:
        return None
    return amount if amount is not None and amount > 0 else None


class _AmountDialog(QDialog):
    """A form with an amount that must read as money before OK is allowed."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.form = QFormLayout()
        self.amount = QLineEdit(self)
        self.amount.setPlaceholderText("2680.50")
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.amount.textChanged.connect(self._check)

    def _finish_layout(self) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._check()

    def _check(self) -> None:
        ok = parse_amount(self.amount.text()) is not None
        self.problem.setText("" if ok or not self.amount.text().strip() else self.tr("Not an amount of money"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok and self._complete())

    def _complete(self) -> bool:
        return True


class PaymentDialog(_AmountDialog):
    """A payment: date, amount, method (转账/支票/现金/微信), reference, and the bills it pays."""

    def __init__(self, open_items: list[OpenItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record a payment"))
        self.date = _date_edit(self, dt.date.today())
        self.method = QComboBox(self)
        from guestcard.domain.ledger import METHOD_ENGLISH  # lazy: the ledger loads after the window shows

        for method in METHODS:  # the Chinese is what the books say; English beside it in English
            self.method.addItem(method if ui_lang() == "zh" else f"{method} · {METHOD_ENGLISH[method]}", method)
        self.reference = QLineEdit(self)
        self.reference.setPlaceholderText(self.tr("transfer or cheque number"))
        self.charges = QListWidget(self)
        for item in open_items:
            charge = item.charge
            row = QListWidgetItem(
                f"{fmt_date(charge.on)}  {charge.bill_no or ''}  {charge.signer or ''}  {yuan(item.open_fen)}",
                self.charges,
            )
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Unchecked)
            row.setData(Qt.ItemDataRole.UserRole, charge.id)
        self.form.addRow(self.tr("Date"), self.date)
        self.form.addRow(self.tr("Amount (¥)"), self.amount)
        self.form.addRow(self.tr("Method"), self.method)
        self.form.addRow(self.tr("Reference"), self.reference)
        hint = QLabel(self.tr("Pays the bills ticked first, then the oldest open ones:"), self)
        hint.setWordWrap(True)
        self.form.addRow(hint)
        self.form.addRow(self.charges)
        self._finish_layout()

    def chosen_charges(self) -> list[int]:
        return [
            int(self.charges.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.charges.count())
            if self.charges.item(i).checkState() == Qt.CheckState.Checked
        ]

    def values(self) -> dict[str, Any]:
        return {
            "amount": parse_amount(self.amount.text()),
            "on": _day(self.date),
            "method": self.method.currentData(),
            "reference": self.reference.text().strip() or None,
            "charge_ids": self.chosen_charges(),
        }


class ChargeDialog(_AmountDialog):
    """A bill signed for on the account: date, amount, who signed (one of the allowed), bill number."""

    def __init__(self, signers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Put a bill on the account"))
        self.date = _date_edit(self, dt.date.today())
        self.signer = QComboBox(self)
        self.signer.setEditable(not signers)  # anyone may sign an account that names nobody
        self.signer.addItems(signers)
        self.signer.currentTextChanged.connect(self._check)
        self.bill = QLineEdit(self)
        self.form.addRow(self.tr("Date"), self.date)
        self.form.addRow(self.tr("Amount (¥)"), self.amount)
        self.form.addRow(self.tr("Signed by"), self.signer)
        self.form.addRow(self.tr("Bill no."), self.bill)
        self._finish_layout()

    def _complete(self) -> bool:
        return bool(self.signer.currentText().strip())

    def values(self) -> dict[str, Any]:
        return {
            "amount": parse_amount(self.amount.text()),
            "on": _day(self.date),
            "signer": self.signer.currentText().strip(),
            "bill_no": self.bill.text().strip() or None,
        }


class OpenAccountDialog(_AmountDialog):
    """A new account: credit limit, terms, who may sign, who gets the statement."""

    def __init__(self, parent: QWidget | None = None, signers: Any = None) -> None:
        """``signers``: the SignersBox to pick signers from person cards (else names only)."""
        from guestcard.gui.signers_box import SignersBox  # lazy: the window shows before this loads (bench_gui start)

        super().__init__(parent)
        self.setWindowTitle(self.tr("Open a credit account"))
        self.amount.setPlaceholderText("20000")
        self.terms = QComboBox(self)
        self.terms.setEditable(True)
        self.terms.addItems(("monthly:10", "monthly:15", "monthly:25", "days:30"))
        self.signer_box: SignersBox = signers if signers is not None else SignersBox(parent=self)
        self.signer_box.setParent(self)
        self.signers = self.signer_box.signers  # the names of signers without a card
        self.contact = QLineEdit(self)
        self.form.addRow(self.tr("Credit limit (¥)"), self.amount)
        self.form.addRow(self.tr("Terms"), self.terms)
        self.form.addRow(self.tr("Who may sign"), self.signer_box)
        self.form.addRow(self.tr("Statements to"), self.contact)
        self._finish_layout()

    def values(self) -> dict[str, Any]:
        return {
            "limit": parse_amount(self.amount.text()),
            "terms": self.terms.currentText().strip(),
            "signers": self.signer_box.names(),
            "signer_cards": self.signer_box.chosen_cards(),
            "statement_contact": self.contact.text().strip() or None,
        }
