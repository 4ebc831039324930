"""The corporate card's Account tab (挂账): standing, ageing and the overdue flag, the ledger, and
buttons to open the account, put a bill on it, record a payment, reverse an entry and preview the
month's statement. Every database call runs on the window's one background runner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from guestcard.gui import prompts
from guestcard.gui.i18n import fill, fmt_date, ui_lang
from guestcard.gui.messages import say
from guestcard.gui.models import Column, RecordsModel
from guestcard.gui.operations import call_job, window_runner
from guestcard.gui.payment_dialog import ChargeDialog, OpenAccountDialog, PaymentDialog, yuan
from guestcard.gui.worker import TaskRunner

if TYPE_CHECKING:
    from guestcard.services.accounts import AccountView
    from guestcard.storage import Database

OVERDUE_COLOR = QColor("#b00020")
REVERSED_COLOR = QColor("#777777")


def _kind(entry: Any) -> str:
    if entry.reverses is not None:
        return fill(QCoreApplication.translate("AccountTab", "reversal of #%1"), str(entry.reverses))
    if entry.kind == "charge":
        return QCoreApplication.translate("AccountTab", "bill")
    return QCoreApplication.translate("AccountTab", "payment")


ENTRY_COLUMNS = (
    Column("id", QT_TRANSLATE_NOOP("models", "No."), lambda e: e.id, align_right=True),
    Column("date", QT_TRANSLATE_NOOP("models", "Date"), lambda e: fmt_date(e.on)),
    Column("kind", QT_TRANSLATE_NOOP("models", "Kind"), _kind),
    Column("amount", QT_TRANSLATE_NOOP("models", "Amount"),
           lambda e: yuan(e.amount_fen if e.kind == "charge" else -e.amount_fen), align_right=True),
    Column("who", QT_TRANSLATE_NOOP("models", "Signed by / method"), lambda e: e.signer or e.method or ""),
    Column("bill", QT_TRANSLATE_NOOP("models", "Bill no. / reference"), lambda e: e.bill_no or e.reference or ""),
    Column("note", QT_TRANSLATE_NOOP("models", "Note"), lambda e: e.note or "", tooltip=True),
)


class AccountTab(QWidget):
    loaded = Signal()  # the account (or its absence) is shown
    changed = Signal()  # something was written: the card's history has a new line
    standingChanged = Signal(object)  # the AccountView, or None: the card's tab title and flag

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.customer_id: int | None = None
        self.view_data: AccountView | None = None
        self.read_only = False  # a guest file opened read-only (set_read_only)
        self.runner: TaskRunner | None = None  # the window's; found when first needed
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.flag = QLabel(self)
        self.flag.setStyleSheet("color: #b00020; font-weight: bold")
        self.suggestion_label = QLabel(self)  # the credit rule's suggested limit, for the manager to accept
        self.suggestion_label.setWordWrap(True)
        self.suggestion_label.setStyleSheet("color: #8a4b00")
        self.accept_button = QPushButton(self)
        self.accept_button.clicked.connect(self.accept_suggestion)
        self.suggestion: Any = None
        self.model = RecordsModel(ENTRY_COLUMNS, (), self)
        self.model.row_colors = self._row_color
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((44, 90, 110, 100, 120, 120)):
            self.table.setColumnWidth(column, width)
        self.open_button = QPushButton(self)
        self.charge_button = QPushButton(self)
        self.pay_button = QPushButton(self)
        self.reverse_button = QPushButton(self)
        self.statement_button = QPushButton(self)
        self.signers_button = QPushButton(self)
        self.signers_button.clicked.connect(self.change_signers)
        self.open_button.clicked.connect(self.open_account)
        self.charge_button.clicked.connect(self.charge)
        self.pay_button.clicked.connect(self.pay)
        self.reverse_button.clicked.connect(self.reverse)
        self.statement_button.clicked.connect(self.preview_statement)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        buttons = QHBoxLayout()
        for button in (self.open_button, self.charge_button, self.pay_button, self.reverse_button,
                       self.statement_button, self.signers_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.flag)
        layout.addWidget(self.summary)
        suggestion = QHBoxLayout()
        suggestion.addWidget(self.suggestion_label, 1)
        suggestion.addWidget(self.accept_button)
        layout.addLayout(suggestion)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.retranslate()

    # -- reading ---------------------------------------------------------------------------------

    def _runner(self) -> TaskRunner:
        if self.runner is None:
            self.runner = window_runner(self)
        return self.runner

    def set_customer(self, customer_id: int | None) -> None:
        self.customer_id = customer_id
        self.view_data = None
        self.model.set_records(())
        self.reload()

    def reload(self) -> None:
        customer_id = self.customer_id
        if customer_id is None:
            self.show_view(None)
            return
        db = self.db

        def read() -> Any:
            from guestcard.services import accounts  # lazy: the window shows before this loads (bench_gui start)

            if accounts.find_account(db, customer_id) is None:
                return None
            return accounts.account_view(db, customer_id)

        self._runner().start(call_job(read), on_result=lambda view: self._shown(customer_id, view),
                             on_error=self._failed, reading_only=True)

    def _shown(self, customer_id: int, view: AccountView | None) -> None:
        if customer_id == self.customer_id:  # not a late answer for the card shown before
            self.show_view(view)

    def show_view(self, view: AccountView | None) -> None:
        self.view_data = view
        self.model.set_records(list(reversed(view.entries)) if view else ())
        self._show_summary()
        self._update_buttons()
        self.standingChanged.emit(view)
        self.loaded.emit()

    def _row_color(self, entry: Any) -> QColor | None:
        view = self.view_data
        if view is not None and (entry.reverses is not None or entry.id in {e.reverses for e in view.entries}):
            return REVERSED_COLOR
        return None

    def _show_summary(self) -> None:
        view = self.view_data
        if view is None:
            self.flag.setText("")
            self.flag.hide()
            self._show_suggestion()
            self.summary.setText(self.tr("No credit account: the company pays each bill as it goes. "
                                         "Open one to let its people sign for their bills."))
            return
        standing, account = view.standing, view.account
        ageing = standing.ageing
        lines = [
            fill(self.tr("Balance %1 of a limit of %2 (available %3) · terms %4"), yuan(standing.balance_fen),
                 yuan(account.limit_fen), yuan(standing.available_fen), str(account.terms)),
            fill(self.tr("Ageing: current %1 · 30–59 days %2 · 60–89 days %3 · 90+ days %4"), yuan(ageing.current),
                 yuan(ageing.d30), yuan(ageing.d60), yuan(ageing.d90)),
            fill(self.tr("Paid on time %1, late %2 · may sign: %3"), str(standing.payments_on_time),
                 str(standing.payments_late), "、".join(s.name for s in account.signers) or self.tr("anyone")),
        ]
        self.summary.setText("\n".join(lines))
        self._show_suggestion()
        if standing.days_overdue:
            self.flag.setText(fill(self.tr("Overdue %1 days: %2 past the terms"), str(standing.days_overdue),
                                   yuan(standing.overdue_fen)))
            self.flag.show()
        elif standing.available_fen < 0:
            self.flag.setText(fill(self.tr("Over the credit limit by %1"), yuan(-standing.available_fen)))
            self.flag.show()
        else:
            self.flag.hide()

    def tab_title(self) -> str:
        """The tab's title on the card: the overdue flag where the manager sees it first."""
        view = self.view_data
        if view is not None and view.standing.days_overdue:
            return fill(self.tr("Account ⚠ overdue %1 days"), str(view.standing.days_overdue))
        return self.tr("Account")

    def _show_suggestion(self) -> None:
        from guestcard.services.credit import suggest  # lazy: the window shows before this loads (bench_gui start)

        view = self.view_data
        self.suggestion = suggest(view.account, view.name, view.standing) if view is not None else None
        if self.suggestion is None:
            self.suggestion_label.hide()
            self.accept_button.hide()
            return
        text = fill(self.tr("Suggested limit %1 instead of %2: %3"), yuan(self.suggestion.suggested_fen),
                    yuan(self.suggestion.account.limit_fen), self.suggestion.why(ui_lang()))
        self.suggestion_label.setText(text)
        lower = self.suggestion.lower
        self.accept_button.setText(self.tr("Lower the limit…") if lower else self.tr("Raise the limit…"))
        self.suggestion_label.show()
        self.accept_button.show()

    def accept_suggestion(self) -> None:
        suggestion = self.suggestion
        if suggestion is None:
            return
        text = fill(self.tr("Change the credit limit of %1 from %2 to %3? The change is kept in the card's history."),
                    suggestion.name, yuan(suggestion.account.limit_fen), yuan(suggestion.suggested_fen))
        if not prompts.confirm(self, self.tr("Credit limit"), text, ok_text=self.tr("Change the limit")):
            return
        db, customer_id, expected = self.db, suggestion.account.customer_id, suggestion.account.limit_fen

        def call() -> Any:
            from guestcard.services import credit  # lazy: the window shows before this loads (bench_gui start)

            return credit.accept(db, customer_id, expected)

        self._write(call)

    def _update_buttons(self, *_args: Any) -> None:
        has = self.view_data is not None
        self.open_button.setVisible(not has and self.customer_id is not None)
        for button in (self.charge_button, self.pay_button, self.statement_button, self.signers_button):
            button.setVisible(has)
        self.reverse_button.setVisible(has)
        self.reverse_button.setEnabled(self.selected() is not None and not self.read_only)
        for button in (self.open_button, self.charge_button, self.pay_button, self.signers_button):
            button.setEnabled(not self.read_only)

    def set_read_only(self, read_only: bool) -> None:
        """A guest file opened read-only: the account and its statement shown, nothing written."""
        self.read_only = read_only
        self._update_buttons()

    def selected(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.record(rows[0].row()) if rows else None

    # -- writing ---------------------------------------------------------------------------------

    def _write(self, call: Callable[[], Any], *, on_refused: Callable[[BaseException], bool] | None = None) -> None:
        def written(_result: Any) -> None:
            self.changed.emit()
            self.reload()

        def failed(exc: BaseException, details: str) -> None:
            if on_refused is not None and on_refused(exc):
                return
            self._failed(exc, details)

        self._runner().start(call_job(call), on_result=written, on_error=failed)

    def _failed(self, exc: BaseException, details: str) -> None:
        if isinstance(exc, ValueError | LookupError):
            prompts.warn(self, self.tr("Account"), say(exc))
        else:
            prompts.show_error(self, self.tr("Account"), self.tr("The account could not be read or written."),
                               details)

    def _with_people(self, then: Callable[[list[Any]], None]) -> None:
        """The company's people (person cards), read on the runner, then ``then(people)``."""
        customer_id, db = self.customer_id, self.db
        if customer_id is None:
            return

        def read() -> Any:
            # lazy: the window shows before this loads (bench_gui start)
            from guestcard.services.account_visits import company_people

            return company_people(db, customer_id)

        def shown(people: list[Any]) -> None:
            if customer_id == self.customer_id:
                then(people)

        self._runner().start(call_job(read), on_result=shown, on_error=self._failed, reading_only=True)

    def search_people(self, text: str, answer: Callable[[list[tuple[int, str]]], None]) -> None:
        """The signers box's search: person cards for ``text``, found on the runner."""
        from guestcard.gui.signers_box import person_label  # lazy: the window shows before this loads (bench_gui start)

        db = self.db

        def read() -> Any:
            # lazy: the window shows before this loads (bench_gui start)
            from guestcard.services.account_visits import find_people

            return find_people(db, text)

        self._runner().start(call_job(read), on_result=lambda found: answer(
            [(c.id, person_label(c)) for c in found if c.id is not None]), reading_only=True)

    def _signers_box(self, people: list[Any], chosen: Sequence[int] = (), names: Sequence[str] = ()) -> Any:
        # lazy: the window shows before this loads (bench_gui start)
        from guestcard.gui.signers_box import SignersBox, person_label

        return SignersBox([(p.id, person_label(p)) for p in people], chosen, names, self.search_people)

    def open_account(self) -> None:
        self._with_people(self._open_account)

    def _open_account(self, people: list[Any]) -> None:
        dialog = OpenAccountDialog(self, self._signers_box(people))
        if not prompts.run_dialog(dialog):
            return
        values, customer_id, db = dialog.values(), self.customer_id, self.db

        def call() -> Any:
            from guestcard.services import accounts  # lazy: the window shows before this loads (bench_gui start)

            return accounts.open_account(db, customer_id, values.pop("limit"), values.pop("terms"), **values)

        self._write(call)

    def charge(self, *, over_limit: bool = False, values: dict[str, Any] | None = None) -> None:
        view = self.view_data
        if view is None:
            return
        if values is None:
            dialog = ChargeDialog([s.name for s in view.account.signers], self)
            if not prompts.run_dialog(dialog):
                return
            values = dialog.values()
        chosen, customer_id, db = dict(values), view.account.customer_id, self.db

        def call() -> Any:
            from guestcard.services import accounts  # lazy: the window shows before this loads (bench_gui start)

            return accounts.charge(db, customer_id, chosen["amount"], signer=chosen["signer"],
                                   bill_no=chosen["bill_no"], on=chosen["on"], over_limit=over_limit)

        def refused(exc: BaseException) -> bool:
            # lazy: the window shows before this loads (bench_gui start)
            from guestcard.services.accounts import OverLimit

            if not isinstance(exc, OverLimit):
                return False
            text = fill(self.tr("This bill of %1 takes the balance to %2, past the credit limit of %3. "
                                "Put it on the account all the same?"),
                        yuan(exc.amount_fen), yuan(exc.balance_fen + exc.amount_fen), yuan(exc.limit_fen))
            if prompts.confirm(self, self.tr("Over the credit limit"), text, ok_text=self.tr("Charge it")):
                self.charge(over_limit=True, values=chosen)
            return True

        self._write(call, on_refused=refused)

    def change_signers(self) -> None:
        self._with_people(self._change_signers)

    def _change_signers(self, people: list[Any]) -> None:
        """Who may sign, anew: the company's people and the present signers' cards ticked or not."""
        # lazy: the window shows before this loads (bench_gui start)
        from guestcard.gui.signers_box import SignersDialog

        view = self.view_data
        if view is None:
            return
        signers = view.account.signers
        box = self._signers_box(people, [s.customer_id for s in signers if s.customer_id],
                                [s.name for s in signers if s.customer_id is None])
        for signer in signers:  # a signer's card that is not among the company's people
            if signer.customer_id:
                box.add_card(signer.customer_id, signer.name, checked=True)
        dialog = SignersDialog(box, self)
        if not prompts.run_dialog(dialog):
            return
        values, customer_id, db = dialog.values(), view.account.customer_id, self.db

        def call() -> Any:
            from guestcard.services import accounts  # lazy: the window shows before this loads (bench_gui start)

            return accounts.change_account(db, customer_id, signers=values["signers"],
                                           signer_cards=values["signer_cards"])

        self._write(call)

    def pay(self) -> None:
        view = self.view_data
        if view is None:
            return
        dialog = PaymentDialog(view.open_items(), self)
        if not prompts.run_dialog(dialog):
            return
        values, customer_id, db = dialog.values(), view.account.customer_id, self.db

        def call() -> Any:
            from guestcard.services import accounts  # lazy: the window shows before this loads (bench_gui start)

            return accounts.pay(db, customer_id, values.pop("amount"), **values)

        self._write(call)

    def reverse(self) -> None:
        entry, view = self.selected(), self.view_data
        if entry is None or view is None:
            return
        text = fill(self.tr("Cancel entry #%1 (%2) by a reversing entry? The entry itself stays in the ledger."),
                    str(entry.id), yuan(entry.amount_fen))
        if not prompts.confirm(self, self.tr("Reverse"), text, ok_text=self.tr("Reverse")):
            return
        customer_id, db, entry_id = view.account.customer_id, self.db, entry.id

        def call() -> Any:
            from guestcard.services import accounts  # lazy: the window shows before this loads (bench_gui start)

            return accounts.reverse(db, customer_id, entry_id)

        self._write(call)

    def preview_statement(self) -> None:
        view = self.view_data
        if view is None:
            return
        # lazy: the window shows before this loads (bench_gui start)
        from guestcard.gui.statement_preview import StatementPreview

        self.preview = StatementPreview(self.db, self._runner(), view.account.customer_id, self)
        self.preview.show()
        self.preview.render()

    # -- language --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("Open a credit account…"))
        self.charge_button.setText(self.tr("Put a bill on it…"))
        self.pay_button.setText(self.tr("Record a payment…"))
        self.reverse_button.setText(self.tr("Reverse…"))
        self.statement_button.setText(self.tr("Statement…"))
        self.signers_button.setText(self.tr("Who may sign…"))
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self.model.retranslate()
        super().changeEvent(event)
