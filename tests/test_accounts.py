"""Corporate accounts: balances and ageing of a fixed ledger against figures worked out by hand,
the over-limit confirm, reversals, allocations, the audit trail; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from guestcard.domain.ledger import Ageing, Terms
from guestcard.domain.model import Customer, Visit
from guestcard.services import accounts as service
from guestcard.services import customers
from guestcard.services.customers import InvalidInput
from guestcard.storage import Database, NotFound

DAY = dt.date(2026, 12, 2)
D = Decimal


def corporate(db: Database, name: str = "华夏银行北京分行") -> int:
    customer = customers.create_customer(db, Customer(name=name, kind="corporate", customer_class="B"))
    assert customer.id is not None
    return customer.id


def fixed_ledger(db: Database) -> tuple[int, dict[str, int]]:
    """Five charges, two payments (oldest first; chosen), a charge reversed and charged again."""
    cid = corporate(db)
    service.open_account(db, cid, D("20000"), "monthly:10", signers=["王总", "李主任"])
    ids = {}
    for key, on, amount, bill in (
        ("c1", dt.date(2026, 8, 15), "3000", "A001"), ("c2", dt.date(2026, 9, 20), "4500.50", "A002"),
        ("c3", dt.date(2026, 10, 5), "2000", "A003"), ("c4", dt.date(2026, 11, 3), "1200.25", "A004"),
        ("c5", dt.date(2026, 11, 28), "800", "A005"),
    ):
        ids[key] = service.charge(db, cid, D(amount), signer="王总", bill_no=bill, on=on).id
    ids["p1"] = service.pay(db, cid, D("3000"), method="转账", reference="HX-0910", on=dt.date(2026, 9, 10)).id
    ids["p2"] = service.pay(db, cid, D("2500"), method="cheque", reference="支票 0042", on=dt.date(2026, 11, 8),
                            charge_ids=[ids["c3"]]).id
    ids["r5"] = service.reverse(db, cid, ids["c5"], note="wrong table's bill", on=dt.date(2026, 11, 30)).id
    ids["c6"] = service.charge(db, cid, D("850"), signer="李主任", bill_no="A005", on=dt.date(2026, 11, 28)).id
    return cid, ids


def test_balance_ageing_and_standing_of_a_fixed_ledger(db: Database) -> None:
    cid, ids = fixed_ledger(db)
    view = service.account_view(db, cid, DAY)
    # 3000 + 4500.50 + 2000 + 1200.25 + 800 − 800 + 850 − 3000 − 2500
    assert view.standing.balance_fen == 605075
    # Open: c2 4000.50 (73 days: 60–89), c4 1200.25 (29 days) and c6 850 (4 days): current.
    assert view.standing.ageing == Ageing(current=205025, d30=0, d60=400050, d90=0, credit=0)
    assert {i.charge.id: i.open_fen for i in view.open_items()} == {ids["c2"]: 400050, ids["c4"]: 120025,
                                                                     ids["c6"]: 85000}
    # c2 was due on 10 October: 53 days late on 2 December; c4 and c6 are due on 10 December.
    assert (view.standing.days_overdue, view.standing.overdue_fen) == (53, 400050)
    assert view.standing.available_fen == 2000000 - 605075
    # c1 paid on its due day, c3 before it; c2 is still open past it.
    assert (view.standing.payments_on_time, view.standing.payments_late) == (2, 1)
    allocated = {(a.payment_id, a.charge_id): a.amount_fen for a in view.allocations}
    assert allocated == {(ids["p1"], ids["c1"]): 300000, (ids["p2"], ids["c3"]): 200000,
                         (ids["p2"], ids["c2"]): 50000}


def test_the_month_statement_of_the_fixed_ledger(db: Database) -> None:
    cid, ids = fixed_ledger(db)
    month = service.statement(db, cid, dt.date(2026, 11, 1))
    assert month.opening_fen == 650050  # 3000 + 4500.50 + 2000 − 3000
    assert [e.id for e in month.charges] == [ids["c4"], ids["c5"], ids["c6"], ids["r5"]]
    assert month.charged_fen == 205025 and month.paid_fen == 250000
    assert month.closing_fen == 605075 == month.opening_fen + month.charged_fen - month.paid_fen
    assert month.due == dt.date(2026, 12, 10)
    october = service.statement(db, cid, dt.date(2026, 10, 1))
    assert (october.opening_fen, october.closing_fen, october.due) == (450050, 650050, dt.date(2026, 11, 10))


def test_ageing_of_all_accounts_together(db: Database) -> None:
    fixed_ledger(db)
    other = corporate(db, "远洋集团")
    service.open_account(db, other, D("5000"), "days:30")
    service.charge(db, other, D("1000"), signer="任何人", on=dt.date(2026, 7, 1))
    service.pay(db, other, D("1500"), method="现金", on=dt.date(2026, 7, 2))
    service.charge(db, other, D("300.10"), signer="任何人", on=dt.date(2026, 8, 1))
    summaries, total = service.overview(db, DAY)
    by_name = {s.name: s.standing for s in summaries}
    # 1000 paid, 500 left over pays 300.10 of August's charge: 199.90 of credit remains.
    assert by_name["远洋集团"].balance_fen == -19990
    assert by_name["远洋集团"].ageing == Ageing(credit=19990)
    assert by_name["远洋集团"].days_overdue == 0
    assert total == Ageing(current=205025, d30=0, d60=400050, d90=0, credit=19990)
    assert total.total == 605075 - 19990
    assert [s.name for s in service.overdue(db, DAY)] == ["华夏银行北京分行"]


def test_a_charge_past_the_limit_needs_a_confirm(db: Database) -> None:
    cid = corporate(db)
    service.open_account(db, cid, D("5000"), "monthly:10")
    service.charge(db, cid, D("1000"), signer="王总")
    service.charge(db, cid, D("4000"), signer="王总")  # exactly at the limit: fine
    with pytest.raises(service.OverLimit, match="past the credit limit of 5000") as refused:
        service.charge(db, cid, D("0.01"), signer="王总", bill_no="B9")
    assert (refused.value.balance_fen, refused.value.amount_fen, refused.value.limit_fen) == (500000, 1, 500000)
    assert service.account_view(db, cid).standing.balance_fen == 500000  # nothing was written
    service.charge(db, cid, D("0.01"), signer="王总", bill_no="B9", over_limit=True)
    assert service.account_view(db, cid).standing.balance_fen == 500001
    assert service.account_view(db, cid).standing.available_fen == -1


def test_a_visit_on_the_account_is_logged_with_its_charge_or_not_at_all(db: Database) -> None:
    cid = corporate(db)
    person = customers.create_customer(db, Customer(name="王建国", company="华夏银行北京分行"))
    service.open_account(db, cid, D("3000"), "monthly:10", signer_cards=[person.id or 0])
    visit = Visit(customer_id=person.id or 0, at=dt.datetime(2026, 11, 20, 18, 30), party_size=8, spend=D("2680"))
    created, entry = service.log_visit_on_account(db, visit, cid, signer="王建国", bill_no="N-1120")
    assert (entry.visit_id, entry.amount_fen, entry.on, entry.signer) == (created.id, 268000, dt.date(2026, 11, 20),
                                                                         "王建国")
    again = Visit(customer_id=person.id or 0, at=dt.datetime(2026, 11, 25, 12, 0), spend=D("500"))
    with pytest.raises(service.OverLimit):
        service.log_visit_on_account(db, again, cid, signer="王建国", bill_no="N-1125")
    with pytest.raises(InvalidInput, match="signer: not one of"):
        service.log_visit_on_account(db, again, cid, signer="路人", bill_no="N-1125", over_limit=True)
    with pytest.raises(InvalidInput, match="bill number"):
        service.log_visit_on_account(db, again, cid, signer="王建国", bill_no="N-1120", over_limit=True)
    assert len(customers.customer_file(db, person.id or 0).visits) == 1  # the refused ones left no visit


def test_reversals_instead_of_edits(db: Database) -> None:
    cid = corporate(db)
    service.open_account(db, cid, D("10000"), "monthly:5")
    c1 = service.charge(db, cid, D("1000"), signer="王总")
    p1 = service.pay(db, cid, D("600"), method="微信")
    with pytest.raises(InvalidInput, match="reverse the payment first"):
        service.reverse(db, cid, c1.id or 0)
    rp = service.reverse(db, cid, p1.id or 0, note="bounced")
    assert (rp.kind, rp.amount_fen, rp.reverses) == ("payment", -60000, p1.id)
    with pytest.raises(InvalidInput, match="reversed already"):
        service.reverse(db, cid, p1.id or 0)
    with pytest.raises(InvalidInput, match="reversal itself"):
        service.reverse(db, cid, rp.id or 0)
    service.reverse(db, cid, c1.id or 0)
    view = service.account_view(db, cid)
    assert view.standing.balance_fen == 0 and view.open_items() == []
    assert len(view.entries) == 4  # nothing was deleted or changed
    with pytest.raises(NotFound):
        service.reverse(db, cid, 9999)


def test_every_change_is_in_the_audit_trail(db: Database) -> None:
    cid = corporate(db)
    service.open_account(db, cid, D("8000"), "monthly:10", signers=["王总"])
    charged = service.charge(db, cid, D("1280.50"), signer="王总", bill_no="X1")
    paid = service.pay(db, cid, D("1000"), method="转账", reference="REF1")
    service.reverse(db, cid, paid.id or 0, note="bounced")
    service.change_account(db, cid, limit=D("5000"))
    trail = [(c.action, c.field) for c in reversed(customers.history_of(db, cid)) if c.action == "account"]
    assert trail == [("account", "account.open"), ("account", "account.charge"), ("account", "account.payment"),
                     ("account", "account.reversal"), ("account", "account.limit")]
    changes = {c.field: c for c in customers.history_of(db, cid)}
    assert changes["account.charge"].new["amount"] == "1280.50"
    assert changes["account.payment"].new["allocated"] == {str(charged.id): "1000"}
    assert changes["account.reversal"].new["reverses"] == paid.id
    assert (changes["account.limit"].old, changes["account.limit"].new) == ("8000", "5000")


def test_refusals_are_one_clear_line(db: Database) -> None:
    person = customers.create_customer(db, Customer(name="李女士"))
    with pytest.raises(InvalidInput, match="not a corporate customer"):
        service.open_account(db, person.id or 0, D("100"))
    cid = corporate(db)
    with pytest.raises(InvalidInput, match="terms"):
        service.open_account(db, cid, D("100"), "weekly")
    with pytest.raises(InvalidInput, match="limit: the amount must be more than 0"):
        service.open_account(db, cid, D("-1"))
    service.open_account(db, cid, D("100"))
    with pytest.raises(InvalidInput, match="has an account already"):
        service.open_account(db, cid, D("100"))
    with pytest.raises(InvalidInput, match="two decimals"):
        service.charge(db, cid, D("1.005"), signer="a")
    with pytest.raises(InvalidInput, match="method"):
        service.pay(db, cid, D("1"), method="信用卡")
    with pytest.raises(InvalidInput, match="not an open charge"):
        service.pay(db, cid, D("1"), method="现金", charge_ids=[12345])
    with pytest.raises(NotFound, match="has no account"):
        service.charge(db, person.id or 0, D("1"), signer="a")
    assert service.find_customer(db, "华夏银行北京分行").id == cid
    with pytest.raises(NotFound):
        service.find_customer(db, "李女士")  # not corporate


def test_terms_give_the_due_date() -> None:
    assert Terms.parse("monthly:10").due(dt.date(2026, 12, 31)) == dt.date(2027, 1, 10)
    assert Terms.parse(" Monthly：5 ").due(dt.date(2026, 2, 1)) == dt.date(2026, 3, 5)
    assert Terms.parse("days:30").due(dt.date(2026, 2, 1)) == dt.date(2026, 3, 3)
    assert str(Terms.parse("net:15")) == "days:15"
    for bad in ("monthly:31", "monthly:0", "days:-1", "monthly", ""):
        with pytest.raises(ValueError):
            Terms.parse(bad)


def test_the_demo_has_a_few_accounts_with_a_realistic_month(db: Database) -> None:
    from guestcard.services.demo import fill_demo

    fill_demo(db, 120, seed=7, today=DAY)
    summaries, total = service.overview(db, DAY)
    assert 2 <= len(summaries) <= 4
    assert all(s.standing.balance_fen <= s.account.limit_fen for s in summaries)  # the demo keeps its limits
    assert any(s.standing.days_overdue > 0 for s in summaries)  # one pays late
    assert any(s.standing.payments_on_time > 0 for s in summaries)
    assert total.total == sum(s.standing.balance_fen for s in summaries)
    month = service.statement(db, summaries[0].account.customer_id, dt.date(2026, 11, 1))
    assert month.charges and month.closing_fen == month.opening_fen + month.charged_fen - month.paid_fen


def test_a_low_credit_account_gets_a_lower_limit_only_when_the_manager_accepts(db: Database) -> None:
    from guestcard.services import credit

    cid, _ids = fixed_ledger(db)  # c2 is 53 days overdue
    suggestions = credit.limit_suggestions(db, DAY)
    assert [(s.account.customer_id, s.reason, s.suggested_fen) for s in suggestions] == [(cid, "late", 1000000)]
    assert "53 days overdue" in suggestions[0].why("en") and "逾期 53 天" in suggestions[0].why("zh")
    assert service.account_view(db, cid).account.limit_fen == 2000000  # nothing changed by itself
    with pytest.raises(InvalidInput, match="changed meanwhile"):
        credit.accept(db, cid, expected_limit_fen=1, on=DAY)
    credit.accept(db, cid, expected_limit_fen=2000000, on=DAY)
    assert service.account_view(db, cid).account.limit_fen == 1000000
    (change,) = [c for c in customers.history_of(db, cid) if c.field == "account.limit"]
    assert (change.old, change.new) == ("20000", "10000")
    # Owing 6050.75 now: half again would be 5000, below the balance, so it stays at what is owed.
    credit.accept(db, cid, on=DAY)
    assert service.account_view(db, cid).account.limit_fen == 600000
    assert credit.limit_suggestions(db, DAY) == []
    with pytest.raises(InvalidInput, match="no change of limit"):
        credit.accept(db, cid, on=DAY)


def test_a_reliable_account_near_its_limit_is_suggested_a_higher_one(db: Database) -> None:
    from guestcard.services import credit

    cid = corporate(db)
    service.open_account(db, cid, D("10000"), "monthly:10")
    for month in (8, 9, 10):
        service.charge(db, cid, D("1000"), signer="王总", on=dt.date(2026, month, 3))
        service.pay(db, cid, D("1000"), method="转账", on=dt.date(2026, month + 1, 5))
    service.charge(db, cid, D("8500"), signer="王总", on=dt.date(2026, 11, 20))
    (suggestion,) = credit.limit_suggestions(db, DAY)
    assert (suggestion.reason, suggestion.suggested_fen, suggestion.lower) == ("reliable", 1500000, False)


def test_the_statement_letterhead_comes_from_the_settings() -> None:
    from guestcard.services.statements import letterhead_from_settings
    from guestcard.settings import Settings, save_settings

    save_settings(Settings(restaurant_name="牡丹大酒店", hotel_address="人民路1号", hotel_phone="010-88886666"))
    head = letterhead_from_settings()
    assert (head.name, head.lines) == ("牡丹大酒店", ("人民路1号  ·  010-88886666",))
    assert letterhead_from_settings("另一家").name == "另一家"
