"""Credit in the insights (issue 19): a low-credit account's class suggestion is one class lower and
says why, never applied by itself; the credit segments — figures worked out by hand below."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from guestcard.cli.main import main
from guestcard.domain import Customer, Visit
from guestcard.services import accounts, customers
from guestcard.services import insights as ins
from guestcard.storage import Database

NOW = dt.datetime(2026, 6, 15, 12, 0)
D = Decimal


def company(db: Database, name: str, spend: int | None = None, customer_class: str | None = None) -> int:
    """A corporate card with one visit of ``spend`` yuan 20 days ago, and an account (days:30 terms)."""
    card = customers.create_customer(db, Customer(name=name, kind="corporate", customer_class=customer_class))
    assert card.id is not None
    if spend is not None:
        customers.add_visit(db, Visit(card.id, NOW - dt.timedelta(days=20), spend=D(spend)))
    accounts.open_account(db, card.id, D("50000"), "days:30", opened_on=dt.date(2025, 12, 1))
    return card.id


def bill(db: Database, customer_id: int, on: tuple[int, int], paid: tuple[int, int] | None = None,
         amount: str = "1000") -> None:
    """A charge on 2026-MM-DD, paid in full on ``paid`` (due 30 days after the charge)."""
    accounts.charge(db, customer_id, D(amount), signer="王总", on=dt.date(2026, *on))
    if paid is not None:
        accounts.pay(db, customer_id, D(amount), method="转账", on=dt.date(2026, *paid))


@pytest.fixture
def ledger(db: Database) -> dict[str, int]:
    # 迟付集团: ¥20,000 spent (B by spending, B on the card); ¥5,000 charged 04-01, due 05-01,
    # open: 45 days overdue on 06-15, 0 on time and 1 late → low credit (over 30 days) → C.
    late = company(db, "迟付集团", 20_000, "B")
    bill(db, late, (4, 1), amount="5000")
    # 准时公司: ¥3,000 spent (C, B by the corporate floor, B on the card); three bills each paid in
    # 15 days → 3 on time, 0 late, nothing overdue: a good payer; its class stays B.
    prompt = company(db, "准时公司", 3_000, "B")
    for month in (1, 2, 3):
        bill(db, prompt, (month, 5), (month, 20))
    # 偶尔迟付: no visits (B by kind), no class; one bill paid 10 days late (due 03-31, paid 04-10),
    # one open but due 06-19 → 0 overdue, 0 on time, 1 late: not low credit (needs two late).
    once = company(db, "偶尔迟付")
    bill(db, once, (3, 1), (4, 10), amount="1000")
    bill(db, once, (5, 20), amount="2000")
    # 常迟付: ¥60,000 spent (A), A on the card; bills due 01-31, 03-03, 03-31 paid 02-15 (late),
    # 03-20 (late), 03-25 (on time); one due 05-31 open → 15 days overdue, 1 on time and 3 late:
    # low credit (more late than on time) → one below A: B.
    often = company(db, "常迟付", 60_000, "A")
    bill(db, often, (1, 1), (2, 15))
    bill(db, often, (2, 1), (3, 20))
    bill(db, often, (3, 1), (3, 25))
    bill(db, often, (5, 1))
    return {"late": late, "prompt": prompt, "once": once, "often": often}


def test_a_low_credit_account_is_suggested_one_class_lower_with_the_reason(db: Database,
                                                                          ledger: dict[str, int]) -> None:
    review = ins.class_review(db, now=NOW)
    found = {s.customer_id: s for s in review.suggestions}
    assert {i: (s.current, s.suggested) for i, s in found.items()} == {
        ledger["late"]: ("B", "C"), ledger["often"]: ("A", "B"), ledger["once"]: (None, "B")}
    late, often, once = found[ledger["late"]], found[ledger["often"]], found[ledger["once"]]
    assert late.credit == ins.CreditNote(45, 0, 1) and often.credit == ins.CreditNote(15, 1, 3)
    assert once.credit is None and once.basis == "kind"
    assert late.reason("en") == ("¥20,000 in the last 12 months (1 visits); account 45 days overdue, 0 bills paid "
                                 "on time and 1 late: low credit, one class lower")
    assert often.reason("zh") == "近12个月消费¥60,000（1次）；账户逾期15天，按时1笔、逾期3笔：信用度低，降一类"
    assert not late.by_kind  # the corporate floor does not hold a low-credit account at B
    assert [s.customer_id for s in review.suggestions][:2] == sorted([ledger["late"], ledger["often"]])
    # 迟付集团 leaves "matching" (its spending says B, as its card) for B → C.
    assert (review.total, review.matching, review.no_basis) == (3, 1, 0)
    assert review.by_change == {("B", "C"): 1, ("A", "B"): 1, (None, "B"): 1}


def test_the_credit_suggestion_changes_the_class_only_when_accepted(db: Database, ledger: dict[str, int]) -> None:
    assert customers.get_customer(db, ledger["late"]).customer_class == "B"  # listing changes nothing
    changes = ins.accept_class_suggestions(db, now=NOW, ids=[ledger["late"]])
    assert [(c.customer_id, c.old, c.new) for c in changes.applied] == [(ledger["late"], "B", "C")]
    assert customers.get_customer(db, ledger["late"]).customer_class == "C"
    assert customers.get_customer(db, ledger["often"]).customer_class == "A"  # not chosen: unchanged
    (change,) = [c for c in customers.history_of(db, ledger["late"]) if c.field == "class"]
    assert (change.old, change.new, change.action) == ("B", "C", ins.APPLY_ACTION)
    assert ledger["late"] not in {s.customer_id for s in ins.class_review(db, now=NOW).suggestions}


def test_once_paid_the_account_goes_back_to_its_spending_suggestion(db: Database, ledger: dict[str, int]) -> None:
    accounts.pay(db, ledger["late"], D("5000"), method="转账", on=dt.date(2026, 6, 14))
    # Paid: nothing overdue, 0 on time and 1 late (paid after the due date) → not low credit.
    assert ledger["late"] not in {s.customer_id for s in ins.class_review(db, now=NOW).suggestions}


def test_credit_segments(db: Database, ledger: dict[str, int]) -> None:
    assert ins.credit_segment_counts(db, now=NOW) == {"overdue": 2, "good_payers": 1}
    overdue = ins.customer_scores(db, now=NOW, segment="overdue")
    assert sorted(s.customer_id for s in overdue) == sorted([ledger["late"], ledger["often"]])
    assert [s.spend for s in overdue] == [D(60_000), D(20_000)]  # biggest spenders first
    assert [s.customer_id for s in ins.customer_scores(db, now=NOW, segment="good_payers")] == [ledger["prompt"]]
    assert ins.credit_segment_name("overdue", "zh") == "逾期账户"
    everything = ins.build_insights(db, now=NOW)
    assert everything.credit_segments == {"overdue": 2, "good_payers": 1}
    assert {s.customer_id for s in everything.classes.suggestions if s.credit} == {ledger["late"], ledger["often"]}


def test_the_command_shows_the_credit(db: Database, ledger: dict[str, int], db_path: object,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    if not db.is_sqlite:
        pytest.skip("the command line test reads the SQLite file")
    code = main(["--db", str(db_path), "insights", "--json", "--lang", "en", "--date", "2026-06-15"])
    assert code == 0
    out = json.loads(capsys.readouterr().out)
    assert {s["segment"]: s["accounts"] for s in out["credit_segments"]} == {"overdue": 2, "good_payers": 1}
    low = {s["id"]: s["reason"] for s in out["classes"]["suggestions"] if s["low_credit"]}
    assert set(low) == {ledger["late"], ledger["often"]} and "low credit" in low[ledger["late"]]
    assert "low-credit account" in out["rules"]["credit"]
