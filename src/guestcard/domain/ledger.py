"""Corporate accounts (协议单位挂账) as plain dataclasses, and the arithmetic of their ledger.

Every amount is an integer number of fen (分); Decimal yuan only at the edges (parsing, showing).
Entries are never edited: a correction is a reversing entry of the same kind with the opposite
amount (``reverses`` names the entry it cancels). A payment's allocations say which charges it
paid; the allocations of a reversed payment no longer count.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from guestcard.domain.messages import Code, Unreadable

CHARGE, PAYMENT = "charge", "payment"
PAYMENT_METHODS = ("转账", "支票", "现金", "微信")
# What people type for a method, in English too.
METHOD_WORDS = {
    "转账": "转账", "transfer": "转账", "bank": "转账", "bank transfer": "转账",
    "支票": "支票", "cheque": "支票", "check": "支票",
    "现金": "现金", "cash": "现金",
    "微信": "微信", "wechat": "微信", "weixin": "微信",
}
METHOD_ENGLISH = {"转账": "bank transfer", "支票": "cheque", "现金": "cash", "微信": "WeChat"}
AGEING_BUCKETS = ("current", "30", "60", "90+")


@dataclass(frozen=True, slots=True)
class Terms:
    """When a charge is due: ``monthly:N`` (a month's charges by the Nth of the next month) or
    ``days:N`` (N days after the charge)."""

    kind: str  # "monthly" | "days"
    day: int

    @classmethod
    def parse(cls, text: str) -> Terms:
        match = re.fullmatch(r"\s*(monthly|days|net)\s*[:：]\s*(\d{1,3})\s*", str(text or "").lower())
        if match is None:
            raise Unreadable(Code.TERMS_UNREADABLE, repr(text))
        kind, day = ("days" if match.group(1) == "net" else match.group(1)), int(match.group(2))
        if kind == "monthly" and not 1 <= day <= 28:
            raise Unreadable(Code.TERMS_MONTHLY_DAY)
        if kind == "days" and not 0 <= day <= 365:
            raise Unreadable(Code.TERMS_DAYS)
        return cls(kind, day)

    def __str__(self) -> str:
        return f"{self.kind}:{self.day}"

    def due(self, charged_on: dt.date) -> dt.date:
        if self.kind == "days":
            return charged_on + dt.timedelta(days=self.day)
        year, month = (charged_on.year + 1, 1) if charged_on.month == 12 else (charged_on.year, charged_on.month + 1)
        return dt.date(year, month, self.day)


@dataclass(frozen=True, slots=True)
class Signer:
    """Someone who may sign for the account: a linked person card, or just a name."""

    name: str
    customer_id: int | None = None


@dataclass(frozen=True, slots=True)
class Account:
    """A corporate customer's credit account."""

    customer_id: int
    limit_fen: int
    terms: Terms
    signers: tuple[Signer, ...] = ()
    contract_start: dt.date | None = None
    contract_end: dt.date | None = None
    statement_contact: str | None = None  # who gets the statement (name, phone, address)
    opened_on: dt.date | None = None
    closed_on: dt.date | None = None
    id: int | None = None

    def may_sign(self, name: str) -> bool:
        """Anyone may sign an account that names no signers."""
        wanted = " ".join(name.split())
        return not self.signers or any(s.name == wanted for s in self.signers)


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the ledger: a charge (签单) or a payment; a negative amount reverses one."""

    account_id: int
    kind: str  # CHARGE | PAYMENT
    on: dt.date
    amount_fen: int
    signer: str | None = None  # charges
    bill_no: str | None = None  # charges
    visit_id: int | None = None  # charges
    method: str | None = None  # payments
    reference: str | None = None  # payments
    reverses: int | None = None
    note: str | None = None
    by: str | None = None
    recorded_at: dt.datetime | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Allocation:
    payment_id: int
    charge_id: int
    amount_fen: int


@dataclass(frozen=True, slots=True)
class OpenItem:
    """What is still owed of one charge."""

    charge: Entry
    open_fen: int
    due: dt.date


@dataclass(frozen=True, slots=True)
class Ageing:
    """Open amounts by days since the charge; ``credit`` is paid beyond every charge.
    current + d30 + d60 + d90 − credit is the balance."""

    current: int = 0
    d30: int = 0
    d60: int = 0
    d90: int = 0
    credit: int = 0

    @property
    def total(self) -> int:
        return self.current + self.d30 + self.d60 + self.d90 - self.credit

    def __add__(self, other: Ageing) -> Ageing:
        return Ageing(self.current + other.current, self.d30 + other.d30, self.d60 + other.d60,
                      self.d90 + other.d90, self.credit + other.credit)

    def buckets(self) -> tuple[int, int, int, int]:
        return self.current, self.d30, self.d60, self.d90


@dataclass(frozen=True, slots=True)
class Standing:
    """An account's standing on a day: what the card and the insights show."""

    balance_fen: int
    ageing: Ageing
    days_overdue: int  # of the oldest item past its due date; 0 when none is
    overdue_fen: int
    available_fen: int  # the credit limit less the balance
    payments_on_time: int = 0  # charges paid in full by their due date
    payments_late: int = 0  # paid after it, or still open past it


def balance(entries: Iterable[Entry], *, before: dt.date | None = None) -> int:
    """Charges less payments (reversals included), of the entries dated before ``before``."""
    total = 0
    for entry in entries:
        if before is not None and entry.on >= before:
            continue
        total += entry.amount_fen if entry.kind == CHARGE else -entry.amount_fen
    return total


def reversed_ids(entries: Iterable[Entry]) -> set[int]:
    return {e.reverses for e in entries if e.reverses is not None}


def live_charges(entries: Sequence[Entry]) -> list[Entry]:
    """The charges neither reversed nor reversals, oldest first."""
    gone = reversed_ids(entries)
    return sorted(
        (e for e in entries if e.kind == CHARGE and e.reverses is None and e.id not in gone),
        key=lambda e: (e.on, e.id or 0),
    )


def open_items(
    entries: Sequence[Entry], allocations: Iterable[Allocation], terms: Terms
) -> tuple[list[OpenItem], int]:
    """Each charge with what is still owed of it, oldest first, and the payments' unallocated
    remainder, which pays the oldest open charges (so that a payment made before a charge
    still counts against it)."""
    gone = reversed_ids(entries)
    live_payments = {e.id for e in entries if e.kind == PAYMENT and e.reverses is None and e.id not in gone}
    paid: dict[int, int] = {}
    allocated = 0
    for allocation in allocations:
        if allocation.payment_id in live_payments:
            paid[allocation.charge_id] = paid.get(allocation.charge_id, 0) + allocation.amount_fen
            allocated += allocation.amount_fen
    payments = sum(e.amount_fen for e in entries if e.kind == PAYMENT and e.id in live_payments)
    unallocated = payments - allocated
    items = []
    for charge in live_charges(entries):
        owed = charge.amount_fen - paid.get(charge.id or 0, 0)
        take = min(owed, unallocated)
        owed, unallocated = owed - take, unallocated - take
        items.append(OpenItem(charge, owed, terms.due(charge.on)))
    return [i for i in items if i.open_fen > 0], unallocated


def ageing(items: Iterable[OpenItem], credit: int, on: dt.date) -> Ageing:
    """Open amounts by the charge's age on ``on``: under 30 days, 30–59, 60–89, 90 and more."""
    buckets = [0, 0, 0, 0]
    for item in items:
        days = (on - item.charge.on).days
        buckets[0 if days < 30 else 1 if days < 60 else 2 if days < 90 else 3] += item.open_fen
    return Ageing(*buckets, credit=credit)


def standing(
    account: Account, entries: Sequence[Entry], allocations: Sequence[Allocation], on: dt.date
) -> Standing:
    items, credit = open_items(entries, allocations, account.terms)
    late = [i for i in items if i.due < on]
    owed = balance(entries)
    on_time, paid_late = _payment_record(account, entries, allocations, on)
    return Standing(
        balance_fen=owed,
        ageing=ageing(items, credit, on),
        days_overdue=max(((on - i.due).days for i in late), default=0),
        overdue_fen=sum(i.open_fen for i in late),
        available_fen=account.limit_fen - owed,
        payments_on_time=on_time,
        payments_late=paid_late,
    )


def _payment_record(
    account: Account, entries: Sequence[Entry], allocations: Sequence[Allocation], on: dt.date
) -> tuple[int, int]:
    """How many charges were paid in full by their due date, and how many were not (paid
    after it, or still open past it). Payments pay what they were allocated to, then the
    oldest charges, in the order they were made."""
    gone = reversed_ids(entries)
    charges = live_charges(entries)
    owed = {c.id: c.amount_fen for c in charges}
    paid_on: dict[int | None, dt.date] = {}
    by_payment: dict[int, list[Allocation]] = {}
    for allocation in allocations:
        by_payment.setdefault(allocation.payment_id, []).append(allocation)
    payments = sorted(
        (e for e in entries if e.kind == PAYMENT and e.reverses is None and e.id not in gone),
        key=lambda e: (e.on, e.id or 0),
    )
    for payment in payments:
        left = payment.amount_fen
        for allocation in by_payment.get(payment.id or 0, []):
            take = min(allocation.amount_fen, owed.get(allocation.charge_id, 0), left)
            if take > 0:
                owed[allocation.charge_id] -= take
                left -= take
                if owed[allocation.charge_id] == 0:
                    paid_on[allocation.charge_id] = payment.on
        for charge in charges:
            if left <= 0:
                break
            take = min(owed[charge.id], left)
            if take > 0:
                owed[charge.id] -= take
                left -= take
                if owed[charge.id] == 0:
                    paid_on[charge.id] = payment.on
    on_time = late = 0
    for charge in charges:
        due = account.terms.due(charge.on)
        if charge.id in paid_on:
            on_time, late = (on_time + 1, late) if paid_on[charge.id] <= due else (on_time, late + 1)
        elif due < on:
            late += 1
    return on_time, late


def oldest_first(items: Sequence[OpenItem], amount_fen: int, chosen: Sequence[int] = ()) -> list[tuple[int, int]]:
    """How a payment of ``amount_fen`` is allocated: to the ``chosen`` charges first, in the
    order given, then to the oldest open charges; (charge id, fen) pairs. What is left over
    stays unallocated (a credit on the account)."""
    left = amount_fen
    open_fen = {i.charge.id: i.open_fen for i in items}
    order = [*chosen, *(i.charge.id for i in items if i.charge.id not in chosen)]
    result = []
    for charge_id in order:
        take = min(open_fen.get(charge_id, 0), left)
        if take > 0:
            result.append((charge_id, take))
            open_fen[charge_id] -= take
            left -= take
    return result


@dataclass(frozen=True, slots=True)
class MonthStatement:
    """One account's month: what the statement prints."""

    account: Account
    customer_name: str
    month: dt.date  # its first day
    opening_fen: int
    charges: list[Entry] = field(default_factory=list)
    payments: list[Entry] = field(default_factory=list)
    closing_fen: int = 0
    due: dt.date | None = None
    ageing: Ageing = Ageing()

    @property
    def charged_fen(self) -> int:
        return sum(e.amount_fen for e in self.charges)

    @property
    def paid_fen(self) -> int:
        return sum(e.amount_fen for e in self.payments)


def month_bounds(month: dt.date) -> tuple[dt.date, dt.date]:
    """The first day of ``month`` and of the month after."""
    first = month.replace(day=1)
    last_day = calendar.monthrange(first.year, first.month)[1]
    return first, first + dt.timedelta(days=last_day)


def month_statement(
    account: Account, customer_name: str, entries: Sequence[Entry], allocations: Sequence[Allocation],
    month: dt.date,
) -> MonthStatement:
    first, after = month_bounds(month)
    inside = sorted((e for e in entries if first <= e.on < after), key=lambda e: (e.on, e.id or 0))
    until = [e for e in entries if e.on < after]
    items, credit = open_items(until, allocations, account.terms)
    last = after - dt.timedelta(days=1)
    return MonthStatement(
        account=account,
        customer_name=customer_name,
        month=first,
        opening_fen=balance(entries, before=first),
        charges=[e for e in inside if e.kind == CHARGE],
        payments=[e for e in inside if e.kind == PAYMENT],
        closing_fen=balance(entries, before=after),
        due=account.terms.due(last),
        ageing=ageing(items, credit, last),
    )
