"""Random charges, payments and reversals: the balance is always charges less payments, the
ageing adds up to it, and no fen is lost or made (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from guestcard.domain.model import Customer
from guestcard.domain.values import cents_to_money
from guestcard.services import accounts as service
from guestcard.services import customers
from guestcard.services.customers import InvalidInput
from guestcard.storage import Database

START = dt.date(2026, 1, 1)
_names = itertools.count(1)

operation = st.one_of(
    st.tuples(st.just("charge"), st.integers(1, 5_000_000), st.integers(0, 300)),
    st.tuples(st.just("pay"), st.integers(1, 5_000_000), st.integers(0, 300), st.integers(0, 20)),
    st.tuples(st.just("reverse"), st.integers(0, 40)),
)


@example(operations=[("charge", 1, 0), ("charge", 1, 0), ("charge", 1, 0), ("pay", 1, 0, 0), ("reverse", 3),
                     ("pay", 1, 0, 0)])  # a reversed payment's allocation, then the charge paid again
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=st.lists(operation, max_size=18))
def test_random_ledgers_keep_every_fen(db: Database, operations: list[tuple]) -> None:
    customer = customers.create_customer(db, Customer(name=f"公司{next(_names)}", kind="corporate"))
    cid = customer.id or 0
    service.open_account(db, cid, Decimal("1000000"), "monthly:10")
    charged = paid = 0
    made: list[int] = []  # entry ids, in order
    for op in operations:
        if op[0] == "charge":
            entry = service.charge(db, cid, cents_to_money(op[1]), signer="王总", over_limit=True,
                                   on=START + dt.timedelta(days=op[2]))
            charged += op[1]
            made.append(entry.id or 0)
        elif op[0] == "pay":
            open_ids = [i.charge.id or 0 for i in service.account_view(db, cid).open_items()]
            chosen = [open_ids[op[3] % len(open_ids)]] if open_ids and op[3] % 3 == 0 else []
            entry = service.pay(db, cid, cents_to_money(op[1]), method="转账", charge_ids=chosen,
                                on=START + dt.timedelta(days=op[2]))
            paid += op[1]
            made.append(entry.id or 0)
        elif made:
            target = made[op[1] % len(made)]
            try:
                entry = service.reverse(db, cid, target)
            except InvalidInput:
                continue  # reversed already, or a charge a payment still pays
            if entry.kind == "charge":
                charged += entry.amount_fen
            else:
                paid += entry.amount_fen
    view = service.account_view(db, cid, START + dt.timedelta(days=400))
    entries = view.entries
    assert sum(e.amount_fen for e in entries if e.kind == "charge") == charged
    assert sum(e.amount_fen for e in entries if e.kind == "payment") == paid
    assert view.standing.balance_fen == charged - paid
    assert view.standing.ageing.total == charged - paid
    assert min(view.standing.ageing.buckets()) >= 0 and view.standing.ageing.credit >= 0
    assert view.standing.ageing.credit == 0 or sum(view.standing.ageing.buckets()) == 0
    # No charge is paid beyond its amount; a payment never allocates more than it brought (the
    # allocations of a reversed payment no longer count).
    reversed_ids = {e.reverses for e in entries if e.reverses is not None}
    by_charge: dict[int, int] = {}
    by_payment: dict[int, int] = {}
    for allocation in view.allocations:
        if allocation.payment_id in reversed_ids:
            continue
        by_charge[allocation.charge_id] = by_charge.get(allocation.charge_id, 0) + allocation.amount_fen
        by_payment[allocation.payment_id] = by_payment.get(allocation.payment_id, 0) + allocation.amount_fen
    amounts = {e.id: e.amount_fen for e in entries}
    assert all(total <= amounts[charge] for charge, total in by_charge.items())
    assert all(total <= amounts[payment] for payment, total in by_payment.items())
    # The months' statements chain: each closing is the next opening, the last one the balance.
    closing = 0
    for month in range(1, 13):
        statement = service.statement(db, cid, dt.date(2026, month, 1))
        assert statement.opening_fen == closing
        assert statement.closing_fen == statement.opening_fen + statement.charged_fen - statement.paid_fen
        closing = statement.closing_fen
    late = [e for e in entries if e.on >= dt.date(2027, 1, 1)]
    assert closing + sum(e.amount_fen if e.kind == "charge" else -e.amount_fen for e in late) == charged - paid
