"""Corporate accounts (协议单位挂账): opening one, charges signed for, payments, reversals,
balances, ageing and the month's statement. One session per action; amounts in and out as
Decimal yuan, kept as integer fen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from guestcard.domain import ledger
from guestcard.domain.ledger import CHARGE, PAYMENT, Account, Ageing, Entry, MonthStatement, Signer, Standing, Terms
from guestcard.domain.messages import Code, message_of
from guestcard.domain.model import Customer, Visit
from guestcard.domain.values import MAX_AMOUNT, cents_to_money, money_to_cents
from guestcard.services.customers import InvalidInput
from guestcard.storage import Database, NotFound, history
from guestcard.storage import accounts as store
from guestcard.storage import customers as customer_store

MAX_SIGNERS = 50


class OverLimit(InvalidInput):
    """The charge would take the balance past the credit limit: it needs an explicit confirm."""

    def __init__(self, balance_fen: int, amount_fen: int, limit_fen: int) -> None:
        self.balance_fen, self.amount_fen, self.limit_fen = balance_fen, amount_fen, limit_fen
        super().__init__(Code.OVER_LIMIT, cents_to_money(amount_fen), cents_to_money(balance_fen + amount_fen),
                         cents_to_money(limit_fen))


def fen(amount: Decimal, what: str, *, allow_zero: bool = False) -> int:
    """A positive amount of yuan as fen; refused when negative, zero, too large or finer than a fen."""
    if not isinstance(amount, Decimal):
        raise InvalidInput(Code.AMOUNT_NOT_DECIMAL, what, type(amount).__name__)
    if amount < 0 or (amount == 0 and not allow_zero):
        raise InvalidInput(Code.AMOUNT_NOT_POSITIVE, what)
    if amount >= MAX_AMOUNT:
        raise InvalidInput(Code.AMOUNT_TOO_LARGE, what)
    if amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(Code.AMOUNT_TOO_FINE, what)
    return money_to_cents(amount)


def parse_terms(text: str) -> Terms:
    try:
        return Terms.parse(text)
    except ValueError as exc:
        raise InvalidInput(Code.FIELD_UNREADABLE, "terms", message_of(exc) or str(exc)) from None


def parse_method(text: str) -> str:
    method = ledger.METHOD_WORDS.get(" ".join(str(text or "").split()).casefold())
    if method is None:
        raise InvalidInput(Code.METHOD_UNKNOWN, repr(text))
    return method


def _clean(text: str | None, what: str, longest: int) -> str | None:
    cleaned = " ".join(str(text or "").split()) or None
    if cleaned is not None and len(cleaned) > longest:
        raise InvalidInput(Code.TEXT_AT_MOST, what, longest)
    return cleaned


def find_customer(db: Database, ref: str | int) -> Customer:
    """The customer ``ref`` names: an id, or a corporate customer's exact name."""
    text = str(ref).strip()
    with db.session() as session:
        if text.isdigit():
            return customer_store.get_customer(session, int(text))
        ids = store.corporate_ids_named(session, text, limit=2)
    if not ids:
        raise NotFound(Code.NO_CORPORATE_NAMED)
    if len(ids) > 1:
        raise InvalidInput(Code.TWO_CORPORATES_NAMED)
    return get_customer(db, ids[0])


def get_customer(db: Database, customer_id: int) -> Customer:
    with db.session() as session:
        return customer_store.get_customer(session, customer_id)


def _signers(session: object, names: Sequence[str], card_ids: Sequence[int]) -> tuple[Signer, ...]:
    found: list[Signer] = []
    for card_id in card_ids:
        person = customer_store.get_customer(session, card_id)  # type: ignore[arg-type]
        found.append(Signer(person.name[:80], person.id))
    for name in names:
        cleaned = _clean(name, "signer", 80)
        if cleaned and all(s.name != cleaned for s in found):
            found.append(Signer(cleaned))
    if len(found) > MAX_SIGNERS:
        raise InvalidInput(Code.SIGNERS_AT_MOST, MAX_SIGNERS)
    return tuple(found)


def open_account(
    db: Database, customer_id: int, limit: Decimal, terms: str = "monthly:10", *,
    signers: Sequence[str] = (), signer_cards: Sequence[int] = (),
    contract_start: dt.date | None = None, contract_end: dt.date | None = None,
    statement_contact: str | None = None, opened_on: dt.date | None = None,
) -> Account:
    """Open a corporate customer's credit account."""
    limit_fen = fen(limit, "limit", allow_zero=True)
    parsed_terms = parse_terms(terms)
    if contract_start and contract_end and contract_end < contract_start:
        raise InvalidInput(Code.CONTRACT_END_BEFORE_START)
    with db.session() as session:
        customer = customer_store.get_customer(session, customer_id)
        if customer.kind != "corporate":
            raise InvalidInput(Code.NOT_CORPORATE, customer_id)
        if store.find_account(session, customer_id) is not None:
            raise InvalidInput(Code.ACCOUNT_EXISTS, customer_id)
        account = Account(
            customer_id=customer_id, limit_fen=limit_fen, terms=parsed_terms,
            signers=_signers(session, signers, signer_cards),
            contract_start=contract_start, contract_end=contract_end,
            statement_contact=_clean(statement_contact, "contact", 500), opened_on=opened_on or dt.date.today(),
        )
        return store.insert_account(session, account)


def change_account(
    db: Database, customer_id: int, *, limit: Decimal | None = None, terms: str | None = None,
    signers: Sequence[str] | None = None, signer_cards: Sequence[int] = (),
    statement_contact: str | None = None, contract_end: dt.date | None = None,
) -> Account:
    """Change an account's limit, terms, signers, contact or contract end (each change audited)."""
    with db.session() as session:
        account = store.get_account(session, customer_id, lock=True)
        if limit is not None:
            account = replace(account, limit_fen=fen(limit, "limit", allow_zero=True))
        if terms is not None:
            account = replace(account, terms=parse_terms(terms))
        if signers is not None or signer_cards:
            account = replace(account, signers=_signers(session, signers or (), signer_cards))
        if statement_contact is not None:
            account = replace(account, statement_contact=_clean(statement_contact, "contact", 500))
        if contract_end is not None:
            account = replace(account, contract_end=contract_end)
        return store.update_account(session, account)


def _charge(
    session: object, account: Account, amount_fen: int, on: dt.date, signer: str | None, bill_no: str | None,
    *, over_limit: bool, visit_id: int | None = None, note: str | None = None,
) -> Entry:
    signer = _clean(signer, "signer", 80)
    bill_no = _clean(bill_no, "bill", 40)
    if account.closed_on is not None:
        raise InvalidInput(Code.ACCOUNT_CLOSED)
    if not signer:
        raise InvalidInput(Code.SIGNER_REQUIRED)
    if not account.may_sign(signer):
        raise InvalidInput(Code.SIGNER_NOT_ALLOWED, account.customer_id)
    assert account.id is not None
    if bill_no and store.bill_taken(session, account.id, bill_no):  # type: ignore[arg-type]
        raise InvalidInput(Code.BILL_TAKEN)
    owed = ledger.balance(store.entries_of(session, account.id))  # type: ignore[arg-type]
    if owed + amount_fen > account.limit_fen and not over_limit:
        raise OverLimit(owed, amount_fen, account.limit_fen)
    entry = Entry(account_id=account.id, kind=CHARGE, on=on, amount_fen=amount_fen, signer=signer,
                  bill_no=bill_no, visit_id=visit_id, note=_clean(note, "note", 500))
    return store.insert_entry(session, account.customer_id, entry)  # type: ignore[arg-type]


def charge(
    db: Database, customer_id: int, amount: Decimal, *, signer: str, bill_no: str | None = None,
    on: dt.date | None = None, over_limit: bool = False, note: str | None = None,
) -> Entry:
    """Put a signed bill on the account; past the credit limit only with ``over_limit``."""
    amount_fen = fen(amount, "amount")
    with db.session() as session:
        account = store.get_account(session, customer_id, lock=True)
        return _charge(session, account, amount_fen, on or dt.date.today(), signer, bill_no, over_limit=over_limit,
                       note=note)


def log_visit_on_account(
    db: Database, visit: Visit, account_customer_id: int, *, signer: str, bill_no: str | None,
    over_limit: bool = False,
) -> tuple[Visit, Entry]:
    """Log a visit and put its spend on an account, both or neither (one session)."""
    if visit.spend is None:
        raise InvalidInput(Code.SPEND_REQUIRED)
    if visit.party_size is not None and visit.party_size < 1:
        raise InvalidInput(Code.PARTY_TOO_SMALL)
    amount_fen = fen(visit.spend, "spend")
    with db.session() as session:
        account = store.get_account(session, account_customer_id, lock=True)
        created = history.insert_visit(session, visit)
        entry = _charge(session, account, amount_fen, visit.at.date(), signer, bill_no, over_limit=over_limit,
                        visit_id=created.id)
        return created, entry


def pay(
    db: Database, customer_id: int, amount: Decimal, *, method: str, reference: str | None = None,
    on: dt.date | None = None, charge_ids: Sequence[int] = (), note: str | None = None,
) -> Entry:
    """Record a payment, allocated to ``charge_ids`` first (in that order), then oldest first."""
    amount_fen = fen(amount, "amount")
    method = parse_method(method)
    with db.session() as session:
        account = store.get_account(session, customer_id, lock=True)
        assert account.id is not None
        entries = store.entries_of(session, account.id)
        items, _credit = ledger.open_items(entries, store.allocations_of(session, account.id), account.terms)
        open_ids = {i.charge.id for i in items}
        for charge_id in charge_ids:
            if charge_id not in open_ids:
                raise InvalidInput(Code.NOT_AN_OPEN_CHARGE, charge_id)
        # Allocated against what is open before this payment (the unallocated credit included).
        allocations = ledger.oldest_first(items, amount_fen, charge_ids)
        entry = Entry(account_id=account.id, kind=PAYMENT, on=on or dt.date.today(), amount_fen=amount_fen,
                      method=method, reference=_clean(reference, "reference", 80), note=_clean(note, "note", 500))
        return store.insert_entry(session, customer_id, entry, allocations)


def reverse(db: Database, customer_id: int, entry_id: int, *, note: str | None = None,
            on: dt.date | None = None) -> Entry:
    """Cancel a charge or payment by a reversing entry (the original stays, as does the reason)."""
    with db.session() as session:
        account = store.get_account(session, customer_id, lock=True)
        assert account.id is not None
        entries = store.entries_of(session, account.id)
        original = next((e for e in entries if e.id == entry_id), None)
        if original is None:
            raise NotFound(Code.NO_ACCOUNT_ENTRY, entry_id, customer_id)
        if original.reverses is not None:
            raise InvalidInput(Code.ENTRY_IS_REVERSAL, entry_id)
        if entry_id in ledger.reversed_ids(entries):
            raise InvalidInput(Code.ENTRY_REVERSED, entry_id)
        if original.kind == CHARGE:
            gone = ledger.reversed_ids(entries)
            paying = {a.payment_id for a in store.allocations_of(session, account.id)
                      if a.charge_id == entry_id and a.payment_id not in gone}
            if paying:
                raise InvalidInput(Code.CHARGE_PAID, entry_id, min(paying))
        entry = Entry(
            account_id=account.id, kind=original.kind, on=on or dt.date.today(), amount_fen=-original.amount_fen,
            signer=original.signer, bill_no=original.bill_no, method=original.method,
            reference=original.reference, reverses=entry_id, note=_clean(note, "note", 500),
        )
        return store.insert_entry(session, customer_id, entry)


@dataclass(frozen=True)
class AccountView:
    """An account with its customer's name, whole ledger and standing."""

    account: Account
    name: str
    entries: list[Entry]
    allocations: list[ledger.Allocation]
    standing: Standing

    def open_items(self) -> list[ledger.OpenItem]:
        return ledger.open_items(self.entries, self.allocations, self.account.terms)[0]


def account_view(db: Database, customer_id: int, on: dt.date | None = None) -> AccountView:
    with db.session() as session:
        account = store.get_account(session, customer_id)
        assert account.id is not None
        name = customer_store.get_customer(session, customer_id).name
        entries = store.entries_of(session, account.id)
        allocations = store.allocations_of(session, account.id)
    return AccountView(account, name, entries, allocations,
                       ledger.standing(account, entries, allocations, on or dt.date.today()))


def find_account(db: Database, customer_id: int) -> Account | None:
    with db.session() as session:
        return store.find_account(session, customer_id)


@dataclass(frozen=True)
class AccountSummary:
    account: Account
    name: str
    standing: Standing


def overview(db: Database, on: dt.date | None = None) -> tuple[list[AccountSummary], Ageing]:
    """Every account's standing, and the ageing of all of them together."""
    day = on or dt.date.today()
    with db.session() as session:
        accounts = store.list_accounts(session)
        names = {c.id: c.name for c in customer_store.get_customers(session, [a.customer_id for a in accounts])}
        entries, allocations = store.all_entries(session), store.all_allocations(session)
    summaries = [
        AccountSummary(a, names.get(a.customer_id, ""),
                       ledger.standing(a, entries.get(a.id or 0, []), allocations.get(a.id or 0, []), day))
        for a in accounts
    ]
    total = sum((s.standing.ageing for s in summaries), Ageing())
    return summaries, total


def overdue(db: Database, on: dt.date | None = None) -> list[AccountSummary]:
    """The accounts past their terms, longest overdue first (the Today page's list)."""
    summaries, _ = overview(db, on)
    late = [s for s in summaries if s.standing.days_overdue > 0]
    return sorted(late, key=lambda s: -s.standing.days_overdue)


def statement(db: Database, customer_id: int, month: dt.date) -> MonthStatement:
    view = account_view(db, customer_id)
    return ledger.month_statement(view.account, view.name, view.entries, view.allocations, month)


def statements(db: Database, month: dt.date) -> list[MonthStatement]:
    """Every account's statement of the month (the accounts with nothing to say left out)."""
    found = []
    with db.session() as session:
        accounts = store.list_accounts(session)
    for account in accounts:
        month_of = statement(db, account.customer_id, month)
        if month_of.charges or month_of.payments or month_of.opening_fen or month_of.closing_fen:
            found.append(month_of)
    return found


def parse_month(text: str) -> dt.date:
    try:
        year, month = str(text).strip().split("-")
        return dt.date(int(year), int(month), 1)
    except ValueError:
        raise InvalidInput(Code.MONTH_UNREADABLE, repr(text)) from None
