"""The visit dialog's "put the spend on an account" part (签单): which company's account, who
signed (one of those allowed), the bill number, and a warning while the spend would take the
account past its credit limit. Only collects values; the visits tab writes them on the runner and
asks for the explicit confirm (gui/prompts.py) when the service refuses a charge past the limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget

from guestcard.gui.i18n import fill
from guestcard.gui.payment_dialog import yuan

if TYPE_CHECKING:
    from guestcard.services.account_visits import AccountChoice


class AccountChargeBox(QGroupBox):
    """A checkable group: unchecked, the visit is paid as it goes; checked, its spend is a bill
    signed for on the chosen account."""

    completeChanged = Signal()

    def __init__(self, choices: Sequence[AccountChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = list(choices)
        self.amount_fen: int | None = None
        self.setCheckable(True)
        self.setChecked(False)
        self.account = QComboBox(self)
        self.signer = QComboBox(self)
        self.bill = QLineEdit(self)
        self.warning = QLabel(self)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b00020")
        self.form = QFormLayout(self)
        self.labels = [QLabel(self) for _ in range(3)]
        for label, widget in zip(self.labels, (self.account, self.signer, self.bill), strict=True):
            self.form.addRow(label, widget)
        self.form.addRow(self.warning)
        self.account.currentIndexChanged.connect(self._account_chosen)
        self.signer.currentTextChanged.connect(lambda _text: self.completeChanged.emit())
        self.toggled.connect(lambda _on: self._update())
        self._fill_accounts()
        self.retranslate()

    def _fill_accounts(self) -> None:
        self.account.blockSignals(True)
        self.account.clear()
        for choice in self.choices:
            self.account.addItem("", choice.customer_id)
        self.account.blockSignals(False)
        self._account_chosen()

    def choice(self) -> AccountChoice | None:
        index = self.account.currentIndex()
        return self.choices[index] if 0 <= index < len(self.choices) else None

    def _account_chosen(self, *_args: Any) -> None:
        choice = self.choice()
        self.signer.blockSignals(True)
        self.signer.clear()
        if choice is not None:
            self.signer.setEditable(not choice.signers)  # anyone may sign an account that names nobody
            self.signer.addItems(list(choice.signers))
            if choice.signer:
                found = self.signer.findText(choice.signer)
                if found >= 0:
                    self.signer.setCurrentIndex(found)
                else:
                    self.signer.setEditText(choice.signer)
        self.signer.blockSignals(False)
        self._update()

    def set_amount(self, amount_fen: int | None) -> None:
        """The spend typed in the dialog (None: none or unreadable): the limit warning follows it."""
        self.amount_fen = amount_fen
        self._update()

    def _update(self) -> None:
        choice, amount = self.choice(), self.amount_fen
        over = self.isChecked() and choice is not None and amount is not None and choice.passes_limit(amount)
        if over:
            assert choice is not None and amount is not None
            self.warning.setText(
                fill(self.tr("This bill takes the balance of %1 to %2, past its credit limit of %3: "
                             "you will be asked to confirm it."),
                     choice.name, yuan(choice.balance_fen + amount), yuan(choice.limit_fen)))
        self.warning.setVisible(bool(over))
        self.completeChanged.emit()

    def is_complete(self) -> bool:
        """Unchecked, or an account, a signer and a spend to put on it."""
        if not self.isChecked():
            return True
        return self.choice() is not None and bool(self.signer.currentText().strip()) and bool(self.amount_fen)

    def values(self) -> dict[str, Any] | None:
        """``{"account": id, "signer": …, "bill_no": …}`` when checked, else None."""
        choice = self.choice()
        if not self.isChecked() or choice is None:
            return None
        return {"account": choice.customer_id, "signer": self.signer.currentText().strip(),
                "bill_no": self.bill.text().strip() or None}

    def retranslate(self) -> None:
        self.setTitle(self.tr("Put the spend on a company's account (签单)"))
        for label, text in zip(self.labels, (self.tr("Account"), self.tr("Signed by"), self.tr("Bill no.")),
                               strict=True):
            label.setText(text)
        for index, choice in enumerate(self.choices):
            self.account.setItemText(index, fill(self.tr("%1 · available %2"), choice.name, yuan(choice.available_fen)))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
