"""A relation between two customers (spouse, assistant, colleague…): its words from either side,
and the dialog that links a customer found by search."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
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

from guestcard.domain.model import RELATION_KINDS, Relation
from guestcard.gui.dialogs.fields import error_label, show_error
from guestcard.gui.i18n import fill

if TYPE_CHECKING:
    from guestcard.domain import Customer
    from guestcard.storage import Database


def relation_kind_label(kind: str) -> str:
    labels = {
        "spouse": QCoreApplication.translate("relations", "spouse"),
        "child": QCoreApplication.translate("relations", "child"),
        "parent": QCoreApplication.translate("relations", "parent"),
        "assistant": QCoreApplication.translate("relations", "assistant"),
        "colleague": QCoreApplication.translate("relations", "colleague"),
        "works_for": QCoreApplication.translate("relations", "employee"),
        "friend": QCoreApplication.translate("relations", "friend"),
        "other": QCoreApplication.translate("relations", "other relation"),
    }
    return labels.get(kind, kind)


def relation_text(relation: Relation) -> str:
    """``是 王建国 的配偶`` / ``is the spouse of 王建国``; read from this customer's side."""
    kind = relation_kind_label(relation.kind)
    name = relation.other_name or f"#{relation.other_id}"
    if relation.inverse:
        return fill(QCoreApplication.translate("relations", "%2 is their %1"), kind, name)
    return fill(QCoreApplication.translate("relations", "is the %1 of %2"), kind, name)


class RelationDialog(QDialog):
    """This customer is the <kind> of another customer, found by search."""

    searched = Signal()  # the results of a search are in the list

    def __init__(self, db: Database, customer_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.customer_id = customer_id
        self.kind = QComboBox(self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setMinimumHeight(160)
        self.note = QLineEdit(self)
        self.error = error_label(self)
        self.labels = [QLabel(self) for _ in range(3)]
        form = QFormLayout()
        form.addRow(self.labels[0], self.kind)
        form.addRow(self.labels[1], self.search)
        form.addRow("", self.results)
        form.addRow(self.labels[2], self.note)
        form.addRow("", self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_search)
        self.search.textEdited.connect(lambda _text: self._timer.start())
        self.retranslate()
        self.resize(460, 420)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a relation"))
        self.labels[0].setText(self.tr("This customer is the"))
        self.labels[1].setText(self.tr("of"))
        self.labels[2].setText(self.tr("Note"))
        self.search.setPlaceholderText(self.tr("Search a customer by name, pinyin or phone"))
        current = self.kind.currentData()
        self.kind.clear()
        for kind in RELATION_KINDS:
            self.kind.addItem(relation_kind_label(kind), kind)
        if current is not None:
            self.kind.setCurrentIndex(max(0, self.kind.findData(current)))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def run_search(self) -> None:
        """Search the typed text on the window's runner; the list is filled when the answer comes
        (``searched``), unless the text changed meanwhile."""
        from guestcard.gui.operations import window_operations
        from guestcard.services.customers import list_customers
        from guestcard.storage import CustomerFilter

        query = self.search.text().strip()
        if not query:
            self.results.clear()
            return
        db = self.db
        # The main window's runner (a dialog is a window of its own: its parent leads there).
        operations = window_operations(self.parentWidget() or self)
        operations.query("relation_search", lambda: list_customers(db, CustomerFilter(query=query), limit=30),
                         on_success=lambda found: self._show_found(query, found))

    def _show_found(self, query: str, found: list[Customer]) -> None:
        if query != self.search.text().strip():
            return  # typed on meanwhile: the newer search answers
        self.results.clear()
        for customer in found:
            if customer.id == self.customer_id:
                continue
            text = customer.display_name + (f" · {customer.company}" if customer.company else "")
            item = QListWidgetItem(text, self.results)
            item.setData(256, customer.id)
        if self.results.count():
            self.results.setCurrentRow(0)
        self.searched.emit()

    def relation(self) -> Relation | None:
        item = self.results.currentItem()
        if item is None:
            return None
        return Relation(
            customer_id=self.customer_id,
            other_id=int(item.data(256)),
            kind=str(self.kind.currentData()),
            note=self.note.text().strip() or None,
        )

    def accept(self) -> None:
        if self.relation() is None:
            show_error(self.error, self.tr("Search for the other customer and pick them in the list."))
            return
        super().accept()
