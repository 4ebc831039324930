"""The window's customer actions: find, open, new (the same phone offers the existing card), save,
revert and delete the card, demo data; and the question before the card goes (``_card_may_go``:
after "save" the card is written on the runner and the action asked for goes on once it is).

Taken in by ``main_window.MainWindow``; the database work runs as named operations on its runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QStatusBar

from guestcard.gui import prompts
from guestcard.gui.i18n import fill
from guestcard.gui.messages import say
from guestcard.gui.operations import CUSTOMERS, EVERYTHING, Operations

if TYPE_CHECKING:
    from guestcard.forms import FormLibrary
    from guestcard.gui.customers_page import CustomersPage
    from guestcard.gui.welcome_page import WelcomePage
    from guestcard.storage import Database


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # the window's one context


class CustomerActions:
    """The Customer menu's actions of ``MainWindow``."""

    db: Database | None
    library: FormLibrary | None
    customers: CustomersPage
    welcome: WelcomePage
    operations: Operations
    customerCreated: Signal
    show_page: Callable[[str], None]
    statusBar: Callable[[], QStatusBar]

    def _card_may_go(self, then: Callable[[], Any] | None = None) -> bool:
        """True when the card may be replaced now. After "save" it is written on the runner: False
        now, and ``then()`` (the caller again, say) once it is written."""
        card = self.customers.card
        return card is None or card.confirm_leave(then or (lambda: None))

    def find(self) -> None:
        if self.db is None:
            return
        self.show_page("customers")
        self.customers.focus_search()

    def open_customer(self, customer_id: int) -> None:
        self.show_page("customers")
        self.customers.open_customer(customer_id)

    def save_card(self) -> bool:
        card = self.customers.card
        return card.save() if card is not None else True

    def revert_card(self) -> None:
        if self.customers.card is not None:
            self.customers.card.revert()

    def delete_customer(self) -> None:
        if self.customers.card is not None:
            self.customers.card.delete()

    def new_customer(self) -> None:
        if self.db is None or self.library is None or not self._card_may_go(self.new_customer):
            return
        from guestcard.gui.dialogs import NewCustomerDialog

        dialog = NewCustomerDialog(parent=self)
        if not prompts.run_dialog(dialog):
            return
        self.create_customer(dialog.values())

    def create_customer(self, values: dict[str, Any]) -> None:
        """Create a card from typed values; the same phone offers to open the existing card. The
        check and the write run on the runner; ``customerCreated(id)`` once the card is made."""
        from guestcard.services import customers as services

        db = self.db
        assert db is not None
        try:
            customer = services.build_customer(values)
        except services.InvalidInput as exc:
            prompts.warn(self, _tr("New customer"), say(exc))
            return
        self.operations.query("same_phone", lambda: services.find_duplicates(db, customer),
                              on_success=lambda duplicates: self._create_unless_known(db, customer, values, duplicates))

    def _create_unless_known(self, db: Database, customer: Any, values: dict[str, Any], duplicates: list[Any]) -> None:
        from guestcard.domain.values import format_phone
        from guestcard.services import customers as services

        if db is not self.db:  # the file was closed or replaced meanwhile
            return
        if duplicates:
            existing = duplicates[0]
            choice = prompts.choose(
                self,
                _tr("Same phone number"),
                fill(_tr("%1 already has the phone number %2. Is it the same guest?"), existing.display_name,
                     format_phone(values.get("phone") or "")),
                [_tr("Open the existing card"), _tr("Create a new card anyway")],
            )
            if choice is None:
                return
            if choice == 0:
                assert existing.id is not None
                self.open_customer(existing.id)
                return

        def created(card: Any) -> None:
            assert card.id is not None
            # Announced before the card opens: the list's reload comes first, then its row is found.
            self.operations.announce(CUSTOMERS)
            self.show_page("customers")
            self.customers.open_customer(card.id)
            self.customerCreated.emit(card.id)

        self.operations.run("create_customer", lambda: services.create_customer(db, customer), on_success=created)

    def load_demo(self) -> None:
        if self.db is None:
            return
        if not prompts.confirm(self, _tr("Demo data"),
                               _tr("Add 200 made-up guests with visits and reservations to this file?"),
                               ok_text=_tr("Add demo data")):
            return
        db = self.db

        def fill() -> int:  # half a second of writing: off the GUI thread
            from guestcard.services.demo import fill_demo

            return fill_demo(db, duplicates=True)

        def done(_count: int) -> None:
            self.statusBar().clearMessage()
            self.welcome.setEnabled(True)
            self.show_page("today")

        def failed(exc: BaseException, details: str) -> None:
            self.statusBar().clearMessage()
            self.welcome.setEnabled(True)
            prompts.show_error(self, _tr("Demo data"), str(exc), details)

        self.welcome.setEnabled(False)
        self.statusBar().showMessage(_tr("Adding the demo guests…"))
        self.operations.run("add_demo_data", fill, changes=EVERYTHING, on_success=done, on_error=failed)
