"""Small dialogs: a visit, a contact, a relation, a new customer, and a card changed elsewhere.

Each dialog validates what was typed with the same parsers as the rest of the program and shows
the reason under the field. They are opened with ``open()`` + ``accepted`` or ``exec()`` by the
widgets; tests fill them and call ``accept()`` directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QDateTime, QEvent, QTime, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guestcard.domain.model import RELATION_KINDS, Contact, Relation, Visit
from guestcard.domain.staff import DEFAULT_LEVELS, IntentLevel
from guestcard.domain.values import normalize_phone, parse_money
from guestcard.gui.messages import say
from guestcard.gui.models import Column, RecordsModel

if TYPE_CHECKING:
    from guestcard.storage import Database

ERROR_STYLE = "color: #b3261e;"


def _qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _error_label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _show_error(label: QLabel, text: str | None) -> None:
    label.setText(text or "")
    label.setVisible(bool(text))


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
        self.spend_error = _error_label(self)
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
            self.at.setDateTime(QDateTime(_qdate(visit.at.date()), QTime(visit.at.hour, visit.at.minute)))
            self.party.setValue(visit.party_size or 0)
            self.room.setText(visit.room or "")
            self.occasion.setText(visit.occasion or "")
            self.spend.setText("" if visit.spend is None else str(visit.spend))
            self.dishes.setText(visit.dishes or "")
            self.notes.setPlainText(visit.notes or "")
        else:
            now = dt.datetime.now()
            self.at.setDateTime(QDateTime(_qdate(now.date()), QTime(now.hour, 0)))
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
            _show_error(self.spend_error, say(exc))
            self.spend.setFocus()
            return
        _show_error(self.spend_error, None)
        if self.account_box is not None and not self.account_box.is_complete():
            return
        super().accept()


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
        self.date.setDate(_qdate(contact.date if contact else today))
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
        self.next.setDate(_qdate(today + dt.timedelta(days=7)))
        self.follow.toggled.connect(self.next.setEnabled)
        self.done_box = QCheckBox(self)
        self.error = _error_label(self)
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
                self.next.setDate(_qdate(contact.next_follow_up))
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
            date=_pydate(self.date.date()),
            id=self.original.id if self.original else None,
            channel=self.channel.currentText().strip() or None,
            key_points=self.points.toPlainText().strip() or None,
            intent=self.intent.currentText().strip() or None,
            next_follow_up=_pydate(self.next.date()) if self.follow.isChecked() else None,
            follow_up_done=self.done_box.isChecked(),
        )

    def accept(self) -> None:
        contact = self.contact()
        if contact.next_follow_up is not None and contact.next_follow_up < contact.date:
            _show_error(self.error, self.tr("The follow-up date is before the contact date."))
            return
        super().accept()


def relation_kind_label(kind: str) -> str:
    from PySide6.QtCore import QCoreApplication

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
    from PySide6.QtCore import QCoreApplication

    kind = relation_kind_label(relation.kind)
    name = relation.other_name or f"#{relation.other_id}"
    if relation.inverse:
        return QCoreApplication.translate("relations", "%2 is their %1").replace("%1", kind).replace("%2", name)
    return QCoreApplication.translate("relations", "is the %1 of %2").replace("%1", kind).replace("%2", name)


class RelationDialog(QDialog):
    """This customer is the <kind> of another customer, found by search."""

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
        self.error = _error_label(self)
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
        from guestcard.services.customers import list_customers
        from guestcard.storage import CustomerFilter

        self.results.clear()
        query = self.search.text().strip()
        if not query:
            return
        for customer in list_customers(self.db, CustomerFilter(query=query), limit=30):
            if customer.id == self.customer_id:
                continue
            text = customer.display_name + (f" · {customer.company}" if customer.company else "")
            item = QListWidgetItem(text, self.results)
            item.setData(256, customer.id)
        if self.results.count():
            self.results.setCurrentRow(0)

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
            _show_error(self.error, self.tr("Search for the other customer and pick them in the list."))
            return
        super().accept()


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
        self.error = _error_label(self)
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
            _show_error(self.error, self.tr("A customer needs a name."))
            self.name.setFocus()
            return
        try:
            self.values()
        except ValueError as exc:
            _show_error(self.error, say(exc))
            self.phone.setFocus()
            return
        super().accept()


class ConflictDialog(QDialog):
    """The card was saved elsewhere since it was opened: both values of every field in question.

    ``choice`` after it closes: ``"mine"`` (keep my changes on top of the saved card),
    ``"theirs"`` (take the saved card, drop my changes) or ``None`` (keep editing).
    """

    decided = Signal(str)

    def __init__(self, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: str | None = None
        self.rows = list(rows)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.model = RecordsModel(
            (
                Column("field", QT_TRANSLATE_NOOP("models", "Field"), lambda r: r[0]),
                Column("mine", QT_TRANSLATE_NOOP("models", "Your value"), lambda r: r[1]),
                Column("theirs", QT_TRANSLATE_NOOP("models", "Saved elsewhere"), lambda r: r[2]),
            ),
            self.rows,
            self,
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.mine = QPushButton(self)
        self.theirs = QPushButton(self)
        self.cancel = QPushButton(self)
        self.mine.clicked.connect(lambda: self._decide("mine"))
        self.theirs.clicked.connect(lambda: self._decide("theirs"))
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.mine)
        buttons.addWidget(self.theirs)
        buttons.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()
        self.resize(640, 360)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Changed elsewhere"))
        self.text.setText(
            self.tr(
                "This card was saved by someone else (or in another window) after you opened it. "
                "These fields differ:"
            )
        )
        self.mine.setText(self.tr("Keep my changes"))
        self.theirs.setText(self.tr("Use the saved version"))
        self.cancel.setText(self.tr("Keep editing"))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _decide(self, choice: str) -> None:
        self.choice = choice
        self.decided.emit(choice)
        self.accept()


def ask_conflict(parent: QWidget | None, rows: Sequence[tuple[str, str, str]]) -> str | None:
    """Show a ``ConflictDialog`` and wait; tests replace this function."""
    dialog = ConflictDialog(rows, parent)
    dialog.exec()
    return dialog.choice
