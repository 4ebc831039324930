"""The new customer dialog: the few fields a card starts with."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from guestcard.domain.values import normalize_phone
from guestcard.gui.dialogs.fields import error_label, show_error
from guestcard.gui.messages import say

if TYPE_CHECKING:
    pass


class NewCustomerDialog(QDialog):
    """The few things needed to start a card; the rest is filled in on the card."""

    def __init__(self, library_kinds: Sequence[str] = ("individual", "corporate"), parent: QWidget | None = None):
        super().__init__(parent)
        self.name = QLineEdit(self)
        self.honorific = QLineEdit(self)
        self.kind = QComboBox(self)
        self.phone = QLineEdit(self)
        self.phone.setPlaceholderText("138 1234 5678")
        self.customer_class = QComboBox(self)
        self.error = error_label(self)
        self._kinds = tuple(library_kinds)
        self.labels = [QLabel(self) for _ in range(5)]
        form = QFormLayout()
        for label, widget in zip(
            self.labels, (self.name, self.honorific, self.kind, self.phone, self.customer_class), strict=True
        ):
            form.addRow(label, widget)
        form.addRow("", self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.retranslate()
        self.resize(420, self.sizeHint().height())

    def retranslate(self) -> None:
        from guestcard.gui.models import kind_label

        self.setWindowTitle(self.tr("New customer"))
        for label, text in zip(
            self.labels,
            (self.tr("Name"), self.tr("Form of address"), self.tr("Type"), self.tr("Mobile"), self.tr("Class")),
            strict=True,
        ):
            label.setText(text)
        self.honorific.setPlaceholderText(self.tr("e.g. 王总, 李女士"))
        kind = self.kind.currentData()
        self.kind.clear()
        for value in self._kinds:
            self.kind.addItem(kind_label(value), value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)) if kind else 0)
        current = self.customer_class.currentData()
        self.customer_class.clear()
        self.customer_class.addItem("", None)
        self.customer_class.addItem(self.tr("A — VIP"), "A")
        self.customer_class.addItem(self.tr("B — corporate and regulars"), "B")
        self.customer_class.addItem(self.tr("C — walk-in and new"), "C")
        self.customer_class.setCurrentIndex(max(0, self.customer_class.findData(current)) if current else 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def values(self) -> dict[str, Any]:
        """Typed values by field key; ``ValueError`` for a phone that is not one."""
        phone = self.phone.text().strip()
        return {
            "name": self.name.text().strip(),
            "honorific": self.honorific.text().strip() or None,
            "kind": self.kind.currentData() or "individual",
            "phone": normalize_phone(phone) if phone else None,
            "class": self.customer_class.currentData(),
        }

    def accept(self) -> None:
        if not self.name.text().strip():
            show_error(self.error, self.tr("A customer needs a name."))
            self.name.setFocus()
            return
        try:
            self.values()
        except ValueError as exc:
            show_error(self.error, say(exc))
            self.phone.setFocus()
            return
        super().accept()
