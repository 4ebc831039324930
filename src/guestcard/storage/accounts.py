"""Corporate accounts in and out, as ``domain.ledger`` dataclasses; every change in the audit trail.

Entries and allocations are only ever inserted: nothing here updates or deletes one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from guestcard.domain.ledger import Account, Allocation, Entry, Signer, Terms
from guestcard.domain.messages import Code
from guestcard.domain.values import cents_to_money
from guestcard.storage.audit import acting_user
from guestcard.storage.customers import NotFound
from guestcard.storage.models import ChangeRow, CustomerRow
from guestcard.storage.models_accounts import AccountAllocationRow, AccountEntryRow, AccountRow


def _account(row: AccountRow) -> Account:
    return Account(
        id=row.id,
        customer_id=row.customer_id,
        limit_fen=row.limit_fen,
        terms=Terms.parse(row.terms),
        signers=tuple(Signer(s["name"], s.get("customer_id")) for s in row.signers or []),
        contract_start=row.contract_start,
        contract_end=row.contract_end,
        statement_contact=row.statement_contact,
        opened_on=row.opened_on,
        closed_on=row.closed_on,
    )


def _entry(row: AccountEntryRow) -> Entry:
    return Entry(
        id=row.id, account_id=row.account_id, kind=row.kind, on=row.entry_date, amount_fen=row.amount_fen,
        signer=row.signer, bill_no=row.bill_no, visit_id=row.visit_id, method=row.method,
        reference=row.reference, reverses=row.reverses, note=row.note, by=row.by, recorded_at=row.recorded_at,
    )


def _columns(account: Account) -> dict[str, Any]:
    return {
        "customer_id": account.customer_id,
        "limit_fen": account.limit_fen,
        "terms": str(account.terms),
        "signers": [{"name": s.name, "customer_id": s.customer_id} for s in account.signers],
        "contract_start": account.contract_start,
        "contract_end": account.contract_end,
        "statement_contact": account.statement_contact,
        "opened_on": account.opened_on,
        "closed_on": account.closed_on,
    }


def _audit_value(account: Account) -> dict[str, Any]:
    values = _columns(account)
    values["limit"] = str(cents_to_money(values.pop("limit_fen")))
    for key in ("contract_start", "contract_end", "opened_on", "closed_on"):
        values[key] = values[key].isoformat() if values[key] else None
    del values["customer_id"]
    return values


def audit(session: Session, customer_id: int, field: str, old: Any, new: Any) -> None:
    """A line of the customer's audit trail (action ``account``): the account's history is the card's."""
    session.add(ChangeRow(customer_id=customer_id, at=dt.datetime.now(), action="account", field=field,
                          old=old, new=new, by=acting_user(session)))


def entry_audit_value(entry: Entry) -> dict[str, Any]:
    value: dict[str, Any] = {
        "id": entry.id, "date": entry.on.isoformat(), "amount": str(cents_to_money(entry.amount_fen)),
    }
    for key in ("signer", "bill_no", "visit_id", "method", "reference", "reverses", "note"):
        if getattr(entry, key) is not None:
            value[key] = getattr(entry, key)
    return value


def insert_account(session: Session, account: Account) -> Account:
    row = AccountRow(**_columns(account))
    session.add(row)
    session.flush()
    created = _account(row)
    audit(session, account.customer_id, "account.open", None, _audit_value(created))
    return created


def update_account(session: Session, account: Account) -> Account:
    row = _row(session, account.customer_id)
    before = _account(row)
    for column, value in _columns(account).items():
        setattr(row, column, value)
    session.flush()
    after = _account(row)
    old, new = _audit_value(before), _audit_value(after)
    for key in old:
        if old[key] != new[key]:
            audit(session, account.customer_id, f"account.{key}", old[key], new[key])
    return after


def _row(session: Session, customer_id: int, *, lock: bool = False) -> AccountRow:
    statement = select(AccountRow).where(AccountRow.customer_id == customer_id)
    if lock:  # charges and payments of one account one at a time on a server (SQLite: a no-op)
        statement = statement.with_for_update()
    row = session.scalar(statement)
    if row is None:
        raise NotFound(Code.CUSTOMER_WITHOUT_ACCOUNT, customer_id)
    return row


def find_account(session: Session, customer_id: int, *, lock: bool = False) -> Account | None:
    try:
        return _account(_row(session, customer_id, lock=lock))
    except NotFound:
        return None


def get_account(session: Session, customer_id: int, *, lock: bool = False) -> Account:
    return _account(_row(session, customer_id, lock=lock))


def account_by_id(session: Session, account_id: int) -> Account:
    row = session.get(AccountRow, account_id)
    if row is None:
        raise NotFound(Code.NO_ACCOUNT, account_id)
    return _account(row)


def list_accounts(session: Session) -> list[Account]:
    return [_account(row) for row in session.scalars(select(AccountRow).order_by(AccountRow.id))]


def entries_of(session: Session, account_id: int) -> list[Entry]:
    statement = (
        select(AccountEntryRow).where(AccountEntryRow.account_id == account_id)
        .order_by(AccountEntryRow.entry_date, AccountEntryRow.id)
    )
    return [_entry(row) for row in session.scalars(statement)]


def allocations_of(session: Session, account_id: int) -> list[Allocation]:
    statement = (
        select(AccountAllocationRow)
        .join(AccountEntryRow, AccountEntryRow.id == AccountAllocationRow.payment_id)
        .where(AccountEntryRow.account_id == account_id)
        .order_by(AccountAllocationRow.id)
    )
    return [Allocation(r.payment_id, r.charge_id, r.amount_fen) for r in session.scalars(statement)]


def all_entries(session: Session) -> dict[int, list[Entry]]:
    """Every account's entries by account id (one query for the overview of all accounts)."""
    found: dict[int, list[Entry]] = {}
    statement = select(AccountEntryRow).order_by(AccountEntryRow.entry_date, AccountEntryRow.id)
    for row in session.scalars(statement):
        found.setdefault(row.account_id, []).append(_entry(row))
    return found


def all_allocations(session: Session) -> dict[int, list[Allocation]]:
    found: dict[int, list[Allocation]] = {}
    statement = (
        select(AccountAllocationRow, AccountEntryRow.account_id)
        .join(AccountEntryRow, AccountEntryRow.id == AccountAllocationRow.payment_id)
        .order_by(AccountAllocationRow.id)
    )
    for row, account_id in session.execute(statement):
        found.setdefault(account_id, []).append(Allocation(row.payment_id, row.charge_id, row.amount_fen))
    return found


def insert_entry(
    session: Session, customer_id: int, entry: Entry, allocations: Sequence[tuple[int, int]] = ()
) -> Entry:
    """Add a charge, payment or reversal (with a payment's allocations) and its audit line."""
    row = AccountEntryRow(
        account_id=entry.account_id, kind=entry.kind, entry_date=entry.on, amount_fen=entry.amount_fen,
        signer=entry.signer, bill_no=entry.bill_no, visit_id=entry.visit_id, method=entry.method,
        reference=entry.reference, reverses=entry.reverses, note=entry.note, by=acting_user(session),
        recorded_at=dt.datetime.now(),
    )
    session.add(row)
    session.flush()
    for charge_id, amount_fen in allocations:
        session.add(AccountAllocationRow(payment_id=row.id, charge_id=charge_id, amount_fen=amount_fen))
    created = _entry(row)
    what = "reversal" if entry.reverses is not None else entry.kind
    value = entry_audit_value(created)
    if allocations:
        value["allocated"] = {str(c): str(cents_to_money(a)) for c, a in allocations}
    audit(session, customer_id, f"account.{what}", None, value)
    session.flush()
    return created


def bill_taken(session: Session, account_id: int, bill_no: str) -> bool:
    """Whether a live charge of the account has this bill number already."""
    reversed_ids = select(AccountEntryRow.reverses).where(AccountEntryRow.reverses.is_not(None))
    statement = select(AccountEntryRow.id).where(
        AccountEntryRow.account_id == account_id,
        AccountEntryRow.kind == "charge",
        AccountEntryRow.bill_no == bill_no,
        AccountEntryRow.reverses.is_(None),
        AccountEntryRow.id.not_in(reversed_ids),
    )
    return session.scalar(statement.limit(1)) is not None


def corporate_ids_named(session: Session, name: str, *, limit: int = 2) -> list[int]:
    """The ids of the corporate customers named exactly ``name`` (at most ``limit``)."""
    return list(session.scalars(
        select(CustomerRow.id).where(CustomerRow.name == name, CustomerRow.kind == "corporate").limit(limit)
    ))
