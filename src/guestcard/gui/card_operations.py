"""A card's trips to the database, each an operation on the window's runner (never the GUI thread):
opening a card ("open_card": a later one overtakes it), saving its changed fields ("save_card",
with the version it was opened at: a save elsewhere in between is merged or asked about, both
values shown), reverting, deleting, and the save/discard/stay question before the card goes.

Taken in by ``card_editor.CardEditor``, which builds the forms and keeps the edits; the rule of a
save: a load asked while it runs waits for it, and is dropped when it fails (the edits stay)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QTabWidget

from guestcard.forms import FormLibrary, format_value
from guestcard.gui import dialogs, prompts
from guestcard.gui.card_forms import ERROR_STYLE, SAVED_STYLE, FieldRow, parse_tags
from guestcard.gui.i18n import fill
from guestcard.gui.messages import say
from guestcard.gui.operations import CARD, CUSTOMERS, window_operations

if TYPE_CHECKING:
    from guestcard.domain import Customer
    from guestcard.gui.history_tabs import ContactsTab, RelationsTab, VisitsTab
    from guestcard.services.customers import CustomerFile
    from guestcard.storage import Database


def _tr(text: str) -> str:
    return QCoreApplication.translate("CardEditor", text)  # the card's one context, as before the split


class CardOperations:
    """Load, save, revert and delete a card on the runner; ``loaded``/``saveEnded`` say when."""

    db: Database
    library: FormLibrary
    lang: str
    customer: Customer | None
    undo_stack: QUndoStack
    tabs: QTabWidget
    state_label: QLabel
    visits: VisitsTab
    contacts: ContactsTab
    relations: RelationsTab
    saved: Signal
    deleted: Signal
    loaded: Signal
    saveEnded: Signal
    _rows: Callable[[str], list[FieldRow]]
    _validate: Callable[[str], str | None]
    changed_keys: Callable[[], list[str]]
    is_dirty: Callable[[], bool]
    show_file: Callable[[CustomerFile], None]
    clear: Callable[[], None]
    field_label: Callable[[str], str]

    def _start_operations(self) -> None:
        self._load_ticket = 0  # a load's answer is shown only while no later load was asked for
        self._saving = False  # a save is on the runner: a load asked meanwhile waits for it
        self._load_after_save: int | None = None
        self._wanted: int | None = None

    @property
    def wanted_id(self) -> int | None:
        """The customer whose card is shown or on its way (read on the runner), if any."""
        return self._wanted

    def load(self, customer_id: int) -> None:
        """Open ``customer_id``'s card: read on the runner ("open_card"), shown when it arrives
        (``loaded``). A later load overtakes it; one asked while a save runs starts once the save
        has written (and is dropped when the save fails: the edits stay on the card)."""
        self._load_ticket += 1
        self._wanted = customer_id
        if self._saving:
            self._load_after_save = customer_id
            return
        from guestcard.services.customers import customer_file

        db, ticket = self.db, self._load_ticket

        def arrived(file: CustomerFile) -> None:
            if ticket == self._load_ticket and db is self.db:
                self.show_file(file)
                self.loaded.emit(customer_id)

        window_operations(self).query("open_card", lambda: customer_file(db, customer_id, history_limit=500),
                                      on_success=arrived)

    def _changed_values(self) -> tuple[dict[str, Any], dict[str, str]]:
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for key in self.changed_keys():
            message = self._validate(key)
            if message:
                errors[key] = message
                continue
            rows = self._rows(key)
            values[key] = rows[0].editor.value()
        return values, errors

    @staticmethod
    def _apply_values(customer: Customer, values: dict[str, Any]) -> Customer:
        values = dict(values)
        has_tags = "tags" in values
        tags = values.pop("tags", None)
        if "kind" in values and values["kind"] is None:
            values.pop("kind")
        updated = customer.with_values(values)
        # Text an import could not read is dropped once the field has a value again.
        raw = {k: v for k, v in updated.raw.items() if values.get(k) is None}
        return replace(updated, raw=raw, tags=parse_tags(tags or "") if has_tags else customer.tags)

    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Write the changed fields on the runner ("save_card"); False when nothing can be written
        (fields marked in red, or a save still running). ``then()`` runs once the card may go: at
        once when nothing changed, else after the write (``saveEnded`` says how a write ended)."""
        if self.customer is None:
            if then is not None:
                then()
            return True
        if self._saving:
            return False
        values, errors = self._changed_values()
        if errors:
            key = next(iter(errors))
            rows = self._rows(key)
            if rows and rows[0].tab >= 0:
                self.tabs.setCurrentIndex(rows[0].tab)
            if rows:
                rows[0].editor.focus()
            self.state_label.setText(_tr("Not saved: correct the fields marked in red"))
            self.state_label.setStyleSheet(ERROR_STYLE)
            return False
        if not values:
            self.undo_stack.setClean()
            if then is not None:
                then()
            return True
        self._write(self._apply_values(self.customer, values), self.customer.version, values, then)
        return True

    def _write(self, customer: Customer, version: int, values: dict[str, Any],
               then: Callable[[], None] | None) -> None:
        from guestcard.services.customers import customer_file, save_customer

        db = self.db
        # The card as opened is the base: a save elsewhere meanwhile to other fields is merged.
        opened = self.customer if self.customer is not None and self.customer.version == version else None
        kind = self.customer.kind if self.customer is not None else customer.kind

        def write() -> tuple[Customer, CustomerFile | None]:
            saved = save_customer(db, customer, expected_version=version, base=opened)
            assert saved.id is not None
            # Another kind has other forms and tabs: the whole card is read again with it.
            return saved, customer_file(db, saved.id, history_limit=500) if saved.kind != kind else None

        def written(result: tuple[Customer, CustomerFile | None]) -> None:
            self._saving = False
            saved, file = result
            self._after_save(saved, file)
            self._save_ended(True, then)

        def failed(exc: BaseException, details: str) -> None:
            from guestcard.services.customers import InvalidInput
            from guestcard.storage import NotFound, VersionConflict

            self._saving = False
            if isinstance(exc, VersionConflict):
                self._resolve_conflict(values, exc.current, then)
                return
            if isinstance(exc, InvalidInput):
                prompts.warn(self, _tr("Not saved"), say(exc))
            elif isinstance(exc, NotFound):
                prompts.warn(self, _tr("Not saved"), _tr("This customer was deleted elsewhere."))
            else:
                window_operations(self).unexpected(exc, details)
            self._save_ended(False, then)

        self._saving = True
        window_operations(self).run("save_card", write, on_success=written, on_error=failed)

    def _save_ended(self, may_go: bool, then: Callable[[], None] | None) -> None:
        """A save is over: the load that waited for it (or the caller's ``then``) goes on when the
        card may go; when it may not, both are dropped and the edits stay on the card."""
        pending, self._load_after_save = self._load_after_save, None
        self.saveEnded.emit(may_go)
        if not may_go:
            return
        if then is not None:
            then()
        if pending is not None:
            self.load(pending)

    def _after_save(self, saved: Customer, file: CustomerFile | None) -> None:
        from guestcard.services.customers import CustomerFile

        assert saved.id is not None
        if file is None:
            file = CustomerFile(saved, self.visits.model.records, self.contacts.model.records,
                                self.relations.model.records)
        self.show_file(file)
        self.state_label.setText(_tr("Saved"))
        self.state_label.setStyleSheet(SAVED_STYLE)
        self.saved.emit(saved)
        window_operations(self).announce(CARD)

    def _display(self, key: str, value: Any) -> str:
        if key == "tags":
            return ", ".join(value) if isinstance(value, tuple | list) else str(value or "")
        spec = self.library.fields.get(key)
        return format_value(spec, value, self.lang) if spec else str(value or "")

    def _resolve_conflict(self, values: dict[str, Any], current: Customer, then: Callable[[], None] | None) -> None:
        rows = []
        for key, mine in values.items():
            theirs = current.tags if key == "tags" else current.get(key)
            mine_shown = ", ".join(parse_tags(mine or "")) if key == "tags" else self._display(key, mine)
            rows.append((self.field_label(key), mine_shown, self._display(key, theirs)))
        choice = dialogs.ask_conflict(self, rows)
        if choice == "mine":
            self._write(self._apply_values(current, values), current.version, values, then)
            return
        if choice == "theirs":
            assert current.id is not None
            if self._load_after_save is None:  # the card goes on to another customer, or shows theirs
                self._load_after_save = current.id
            self.undo_stack.setClean()
            self._save_ended(True, then)
            return
        self._save_ended(False, then)

    def revert(self) -> None:
        """Drop the unsaved changes: the card as it is saved now (read on the runner)."""
        if self.customer is not None and self.customer.id is not None:
            self.load(self.customer.id)

    def confirm_leave(self, then: Callable[[], None] | None = None) -> bool:
        """Before the card would be replaced: save, discard or stay. True when it may go now.

        On "save" the card is written on the runner: with ``then``, False now and ``then()`` once
        it is written (the caller's leaving goes on); without, True, for a caller that only loads
        another card: that load waits for the save and is dropped when the save fails."""
        if not self.is_dirty():
            return True
        assert self.customer is not None
        answer = prompts.save_discard_cancel(
            self, fill(_tr("The card of %1 has changes that are not saved."), self.customer.name)
        )
        if answer == "save":
            return self.save(then) and then is None
        if answer == "discard":
            self.undo_stack.setClean()
            return True
        return False

    def delete(self) -> None:
        if self.customer is None or self.customer.id is None:
            return
        from guestcard.services.customers import delete_customer

        name = self.customer.name
        if not prompts.confirm(
            self,
            _tr("Delete customer"),
            fill(_tr("Delete %1 and everything about them (visits, contacts, relations)? "
                    "This cannot be undone."), name),
            ok_text=_tr("Delete"),
        ):
            return
        customer_id, db = self.customer.id, self.db

        def deleted(_result: object) -> None:
            if self.customer is not None and self.customer.id == customer_id:
                self.clear()
            self.deleted.emit(customer_id)

        window_operations(self).run("delete_customer", lambda: delete_customer(db, customer_id), changes=CUSTOMERS,
                                    on_success=deleted)
