"""The card's Visits, Contacts and Relations tabs: a table each, with Add, Edit and Delete.

Every read and write is a named operation on the window's runner (``gui/operations.py``): the
tab shows the records the operation read back, then says ``changed``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QModelIndex, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import prompts
from guestcard.gui.dialogs import ContactDialog, RelationDialog, VisitDialog, relation_text
from guestcard.gui.empty_hint import EmptyHint
from guestcard.gui.i18n import fill, fmt_date, fmt_datetime, fmt_money
from guestcard.gui.messages import say
from guestcard.gui.models import Column, RecordsModel
from guestcard.gui.operations import CONTACTS, RELATIONS, VISITS, Operations, window_operations

if TYPE_CHECKING:
    from guestcard.storage import Database

RESERVATION_COLOR = QColor("#1a5fb4")

VISIT_COLUMNS = (
    Column("at", QT_TRANSLATE_NOOP("models", "When"), lambda v: fmt_datetime(v.at)),
    Column("party", QT_TRANSLATE_NOOP("models", "Party"), lambda v: v.party_size or "", align_right=True),
    Column("room", QT_TRANSLATE_NOOP("models", "Room"), lambda v: v.room or ""),
    Column("occasion", QT_TRANSLATE_NOOP("models", "Occasion"), lambda v: v.occasion or ""),
    Column("spend", QT_TRANSLATE_NOOP("models", "Spend"), lambda v: fmt_money(v.spend), align_right=True),
    Column("dishes", QT_TRANSLATE_NOOP("models", "Dishes"), lambda v: v.dishes or "", tooltip=True),
    Column("notes", QT_TRANSLATE_NOOP("models", "Notes"), lambda v: v.notes or "", tooltip=True),
)
CONTACT_COLUMNS = (
    Column("date", QT_TRANSLATE_NOOP("models", "Date"), lambda c: fmt_date(c.date)),
    Column("channel", QT_TRANSLATE_NOOP("models", "Channel"), lambda c: c.channel or ""),
    Column("points", QT_TRANSLATE_NOOP("models", "Key points"), lambda c: c.key_points or "", tooltip=True),
    Column("intent", QT_TRANSLATE_NOOP("models", "Intent"), lambda c: c.intent or ""),
    Column("next", QT_TRANSLATE_NOOP("models", "Next follow-up"), lambda c: fmt_date(c.next_follow_up)),
    Column("done", QT_TRANSLATE_NOOP("models", "Done"), lambda c: "✓" if c.follow_up_done else ""),
)
RELATION_COLUMNS = (
    Column("relation", QT_TRANSLATE_NOOP("models", "Relation"), relation_text),
    Column("note", QT_TRANSLATE_NOOP("models", "Note"), lambda r: r.note or ""),
)


# Starting widths of the columns (the last one stretches); the dishes and notes get the room.
WIDTHS = {"at": 130, "party": 50, "room": 90, "occasion": 90, "spend": 80, "dishes": 200,
          "date": 90, "channel": 70, "points": 240, "intent": 50, "next": 100, "relation": 260}


def _table(parent: QWidget, model: RecordsModel) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    for column, spec in enumerate(model.columns):
        if spec.key in WIDTHS:
            view.setColumnWidth(column, WIDTHS[spec.key])
    return view


class _RecordsTab(QWidget):
    """Shared layout: a table and a row of buttons (not translated here: no texts of its own)."""

    changed = Signal()  # something was written and the table shows it

    # Which list of the customer's file the tab shows ("visits", "contacts", "relations") and the
    # kind of change its writes announce (gui.operations).
    records_of = ""
    kind = ""

    def __init__(self, db: Database, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.customer_id: int | None = None
        self.read_only = False  # a guest file opened read-only: the records are shown, not changed
        self.model = RecordsModel(columns, (), self)
        self.view = _table(self, self.model)
        self.empty = EmptyHint(self.view)
        self.add_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.view, 1)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self._update_buttons()

    @property
    def operations(self) -> Operations:
        return window_operations(self)

    def selected(self) -> Any | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    def select_row(self, row: int) -> None:
        self.view.selectRow(row)

    def _update_buttons(self, *_args: Any) -> None:
        has = self.selected() is not None and not self.read_only
        self.edit_button.setEnabled(has)
        self.delete_button.setEnabled(has)
        self.add_button.setEnabled(self.customer_id is not None and not self.read_only)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self._update_buttons()

    def _fail(self, exc: BaseException) -> None:
        prompts.warn(self, self.windowTitle() or "guestcard", say(exc))

    def _failed(self, exc: BaseException, details: str) -> None:
        """A refused write (bad input, gone meanwhile) is said; anything else is a bug report."""
        if isinstance(exc, ValueError | LookupError):
            self._fail(exc)
        else:
            self.operations.unexpected(exc, details)

    def set_customer(self, customer_id: int | None, records: Sequence[Any]) -> None:
        self.customer_id = customer_id
        self.model.set_records(records)

    def _records_reader(self, customer_id: int) -> Callable[[], Sequence[Any]]:
        db, records_of = self.db, self.records_of

        def read() -> Sequence[Any]:
            from guestcard.services.customers import customer_file

            return getattr(customer_file(db, customer_id), records_of)

        return read

    def _show(self, customer_id: int, records: Sequence[Any]) -> None:
        if customer_id == self.customer_id:  # not when another card is shown meanwhile
            self.model.set_records(records)

    def reload(self) -> None:
        """Read the tab's records again (on the runner)."""
        customer_id = self.customer_id
        if customer_id is None:
            return
        self.operations.query(f"load_{self.records_of}", self._records_reader(customer_id),
                              on_success=lambda records: self._show(customer_id, records))

    def _write(self, name: str, call: Callable[[], object], *, changes: frozenset[str] | None = None,
               on_error: Callable[[BaseException, str], None] | None = None) -> None:
        """Run the named write on the runner and read the tab's records back in the same job;
        then show them and say ``changed``."""
        customer_id = self.customer_id
        if customer_id is None:
            return
        read = self._records_reader(customer_id)

        def job() -> Sequence[Any]:
            call()
            return read()

        def written(records: Sequence[Any]) -> None:
            self._show(customer_id, records)
            self.changed.emit()

        self.operations.run(name, job, changes=changes if changes is not None else self.kind,
                            on_success=written, on_error=on_error or self._failed)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:  # overridden
        pass


class _HistoryTab(_RecordsTab):
    """A list of dated records (visits, contacts) added, edited and deleted through one dialog."""

    def __init__(self, db: Database, columns: Sequence[Column], parent: QWidget | None = None) -> None:
        super().__init__(db, columns, parent)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.view.doubleClicked.connect(lambda _index: self.edit())

    # What a kind of record needs: its dialog, the record it holds, its services and its question.
    def _dialog(self, customer_id: int, record: Any | None) -> QDialog:
        raise NotImplementedError

    def _record_of(self, dialog: QDialog) -> Any:
        raise NotImplementedError

    def _delete_question(self, record: Any) -> tuple[str, str, str]:
        """The title, the question and the button (texts of the subclass: its translation context)."""
        raise NotImplementedError

    def _service(self, verb: str) -> Callable[..., object]:
        from guestcard.services import customers as services

        return getattr(services, f"{verb}_{self.kind.removesuffix('s')}")  # add_visit, delete_contact…

    def add(self) -> None:
        if self.customer_id is None:
            return
        dialog = self._dialog(self.customer_id, None)
        if prompts.run_dialog(dialog):
            self._write_record("add", self._record_of(dialog))

    def edit(self) -> None:
        record = self.selected()
        if record is None or self.customer_id is None or self.read_only:  # a double click too
            return
        dialog = self._dialog(self.customer_id, record)
        if prompts.run_dialog(dialog):
            self._write_record("update", self._record_of(dialog))

    def delete(self) -> None:
        record = self.selected()
        if record is None:
            return
        title, text, button = self._delete_question(record)
        if prompts.confirm(self, title, text, ok_text=button):
            self._write_record("delete", record.id)

    def _write_record(self, verb: str, record: Any) -> None:
        service, db = self._service(verb), self.db
        self._write(service.__name__, lambda: service(db, record))


class VisitsTab(_HistoryTab):
    records_of = "visits"
    kind = VISITS

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, VISIT_COLUMNS, parent)
        now = dt.datetime.now
        self.model.row_colors = lambda v: RESERVATION_COLOR if v.at > now() else None
        self.retranslate()

    def retranslate(self) -> None:
        self.empty.show_text(self.tr("No visits yet. A visit dated in the future is a reservation."))
        self.add_button.setText(self.tr("Add visit…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))
        self.view.setToolTip(self.tr("Reservations (visits still to come) are shown in blue"))

    def _dialog(self, customer_id: int, record: Any | None) -> QDialog:
        return VisitDialog(customer_id, record, self)

    def _record_of(self, dialog: QDialog) -> Any:
        return dialog.visit()  # type: ignore[attr-defined]

    def _delete_question(self, record: Any) -> tuple[str, str, str]:
        return (self.tr("Delete visit"), fill(self.tr("Delete the visit of %1?"), fmt_datetime(record.at)),
                self.tr("Delete"))

    def add(self) -> None:
        """A new visit; its spend may go on a company's account (the accounts read on the runner)."""
        customer_id, db = self.customer_id, self.db
        if customer_id is None:
            return

        def read() -> Any:
            from guestcard.services.account_visits import accounts_for

            return accounts_for(db, customer_id)

        self.operations.query("accounts_for_visit", read,
                              on_success=lambda choices: self._add(customer_id, choices),
                              on_error=lambda _exc, _details: self._add(customer_id, []))

    def _add(self, customer_id: int, accounts: Sequence[Any]) -> None:
        if customer_id != self.customer_id:
            return  # another card is shown now
        dialog = VisitDialog(customer_id, None, self, accounts=accounts)
        if not prompts.run_dialog(dialog):
            return
        charge = dialog.charge()
        if charge is None:
            self._write_record("add", dialog.visit())
        else:
            self.add_on_account(dialog.visit(), charge)

    def add_on_account(self, visit: Any, charge: dict[str, Any], *, over_limit: bool = False) -> None:
        """Log the visit and put its spend on the account, both or neither, on the runner; past the
        credit limit only after the explicit confirm."""
        from guestcard.gui.operations import ACCOUNTS

        db = self.db

        def call() -> Any:
            from guestcard.services import accounts

            return accounts.log_visit_on_account(db, visit, charge["account"], signer=charge["signer"],
                                                 bill_no=charge["bill_no"], over_limit=over_limit)

        def failed(exc: BaseException, details: str) -> None:
            from guestcard.gui.payment_dialog import yuan
            from guestcard.services.accounts import OverLimit

            if isinstance(exc, OverLimit):
                text = fill(self.tr("This bill of %1 takes the account's balance to %2, past its credit limit of %3. "
                                    "Put it on the account all the same?"),
                            yuan(exc.amount_fen), yuan(exc.balance_fen + exc.amount_fen), yuan(exc.limit_fen))
                if prompts.confirm(self, self.tr("Over the credit limit"), text, ok_text=self.tr("Charge it")):
                    self.add_on_account(visit, charge, over_limit=True)
            elif isinstance(exc, ValueError | LookupError):
                self._fail(exc)
            else:
                prompts.show_error(self, self.tr("Visit"), self.tr("The visit could not be saved."), details)

        self._write("log_visit_on_account", call, changes=frozenset({VISITS, ACCOUNTS}), on_error=failed)


class ContactsTab(_HistoryTab):
    records_of = "contacts"
    kind = CONTACTS

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, CONTACT_COLUMNS, parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.empty.show_text(self.tr("No contacts yet: calls, WeChat messages and visits to the guest go here."))
        self.add_button.setText(self.tr("Add contact…"))
        self.edit_button.setText(self.tr("Edit…"))
        self.delete_button.setText(self.tr("Delete"))

    def _dialog(self, customer_id: int, record: Any | None) -> QDialog:
        return ContactDialog(customer_id, record, self)

    def _record_of(self, dialog: QDialog) -> Any:
        return dialog.contact()  # type: ignore[attr-defined]

    def _delete_question(self, record: Any) -> tuple[str, str, str]:
        return (self.tr("Delete contact"), fill(self.tr("Delete the contact of %1?"), fmt_date(record.date)),
                self.tr("Delete"))


class RelationsTab(_RecordsTab):
    records_of = "relations"
    kind = RELATIONS
    openCustomer = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(db, RELATION_COLUMNS, parent)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.open_selected)
        self.delete_button.clicked.connect(self.delete)
        self.view.activated.connect(self._activated)
        self.view.doubleClicked.connect(self._activated)
        self.retranslate()

    def retranslate(self) -> None:
        self.empty.show_text(self.tr("No relations yet: family, assistant, colleagues, the company they work for."))
        self.add_button.setText(self.tr("Add relation…"))
        self.edit_button.setText(self.tr("Open their card"))
        self.delete_button.setText(self.tr("Delete"))
        self.view.setToolTip(self.tr("Double-click a relation to open that customer's card"))

    def _activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openCustomer.emit(self.model.record(index.row()).other_id)

    def open_selected(self) -> None:
        relation = self.selected()
        if relation is not None:
            self.openCustomer.emit(relation.other_id)

    def add(self) -> None:
        if self.customer_id is None:
            return
        dialog = RelationDialog(self.db, self.customer_id, self)
        if prompts.run_dialog(dialog):
            relation, db = dialog.relation(), self.db
            if relation is not None:
                from guestcard.services.customers import add_relation

                self._write("add_relation", lambda: add_relation(db, relation))

    def delete(self) -> None:
        relation = self.selected()
        if relation is None:
            return
        if prompts.confirm(self, self.tr("Delete relation"), self.tr("Delete this relation?"),
                           ok_text=self.tr("Delete")):
            from guestcard.services.customers import delete_relation

            db = self.db
            self._write("delete_relation", lambda: delete_relation(db, relation.id))
