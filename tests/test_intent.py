"""Intent levels as data and the follow-up rules: the proposed next date, overdue follow-ups per
owner, prospects left longer than their level allows; on SQLite and PostgreSQL, and the CLI."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

import pytest

from guestcard.cli.main import main
from guestcard.domain.model import Contact, Customer
from guestcard.domain.staff import DEFAULT_LEVELS
from guestcard.services import customers
from guestcard.services import intent as service
from guestcard.services.customers import InvalidInput
from guestcard.storage import Database

DAY = dt.date(2026, 12, 1)


def test_the_default_scale_until_edited_and_edits_are_checked(db: Database) -> None:
    assert [level.code for level in service.levels(db)] == ["O", "H", "A", "B", "C", "D"]
    assert {level.code: level.follow_up_days for level in service.levels(db)} == {
        "O": 30, "H": 2, "A": 3, "B": 7, "C": 15, "D": None}
    service.set_level(db, "b", follow_up_days=10, label_en="B within a month")
    changed = {level.code: level for level in service.levels(db)}
    assert changed["B"].follow_up_days == 10 and changed["B"].label_en == "B within a month"
    assert [level.code for level in service.levels(db)] == ["O", "H", "A", "B", "C", "D"]  # order kept
    bad = list(DEFAULT_LEVELS)
    for broken, message in (
        (replace(bad[1], code="A"), "used twice"),
        (replace(bad[1], color="red"), "colour"),
        (replace(bad[1], follow_up_days=0), "1 to 3660"),
        (replace(bad[1], label_zh=" "), "label"),
        (replace(bad[1], code="H!"), "code"),
    ):
        with pytest.raises(InvalidInput, match=message):
            service.save_levels(db, [bad[0], broken, *bad[2:]])
    assert changed == {level.code: level for level in service.levels(db)}  # nothing half-written


def test_a_contact_with_an_intent_proposes_the_next_follow_up(db: Database) -> None:
    guest = customers.create_customer(db, Customer(name="王建国"))
    contact, proposed = service.log_contact(db, Contact(customer_id=guest.id, date=DAY, intent="B"))
    assert proposed and contact.next_follow_up == DAY + dt.timedelta(days=7)
    contact, proposed = service.log_contact(db, Contact(customer_id=guest.id, date=DAY, intent="h级"))
    assert contact.next_follow_up == DAY + dt.timedelta(days=2)
    chosen = dt.date(2026, 12, 20)
    contact, proposed = service.log_contact(db, Contact(customer_id=guest.id, date=DAY, intent="B",
                                                        next_follow_up=chosen))
    assert not proposed and contact.next_follow_up == chosen  # a date given is kept
    contact, proposed = service.log_contact(db, Contact(customer_id=guest.id, date=DAY, intent="D"))
    assert not proposed and contact.next_follow_up is None  # lost: no rule
    contact, proposed = service.log_contact(db, Contact(customer_id=guest.id, date=DAY, intent="想订年会"))
    assert not proposed and contact.next_follow_up is None  # not a level
    service.set_level(db, "B", follow_up_days=10)
    contact, _ = service.log_contact(db, Contact(customer_id=guest.id, date=DAY, intent="B"))
    assert contact.next_follow_up == DAY + dt.timedelta(days=10)  # the edited rule


def test_overdue_follow_ups_per_owner_and_prospects_left_too_long(db: Database) -> None:
    today = DAY
    wang = customers.create_customer(db, Customer(name="王建国", owner="张经理"))
    li = customers.create_customer(db, Customer(name="李女士", owner="张经理"))
    zhao = customers.create_customer(db, Customer(name="赵总", owner="李经理"))
    won = customers.create_customer(db, Customer(name="钱总", owner="李经理"))
    card_only = customers.create_customer(db, Customer(name="孙女士", fields={"intent_level": "A"},
                                                       created_at=dt.datetime(2026, 11, 20, 9)))
    fresh = customers.create_customer(db, Customer(name="周先生", fields={"intent_level": "C"},
                                                   created_at=dt.datetime(2026, 11, 30, 9)))
    # 王: B 8 days ago (7 allowed): overdue follow-up and stale; 李: B 7 days ago: due today, not stale
    service.log_contact(db, Contact(customer_id=wang.id, date=today - dt.timedelta(days=8), intent="B"))
    service.log_contact(db, Contact(customer_id=li.id, date=today - dt.timedelta(days=7), intent="B"))
    # 赵: C 20 days ago with a chosen follow-up 3 days ago, then an older contact (the latest decides)
    customers.add_contact(db, Contact(customer_id=zhao.id, date=today - dt.timedelta(days=20), intent="C",
                                      next_follow_up=today - dt.timedelta(days=3)))
    customers.add_contact(db, Contact(customer_id=zhao.id, date=today - dt.timedelta(days=40), intent="H"))
    # 钱: won 100 days ago: no longer a prospect
    customers.add_contact(db, Contact(customer_id=won.id, date=today - dt.timedelta(days=100), intent="O"))

    overdue = service.overdue_by_owner(db, today)
    assert {owner: [c.id for _k, c in pairs] for owner, pairs in overdue.items()} == {
        "张经理": [wang.id], "李经理": [zhao.id]}
    assert list(service.overdue_by_owner(db, today, owner="李经理")) == ["李经理"]

    stale = service.stale_prospects(db, today)
    assert [(s.customer.id, s.level.code, s.days_since, s.days_over) for s in stale] == [
        (card_only.id, "A", 11, 8), (zhao.id, "C", 20, 5), (wang.id, "B", 8, 1)]  # the longest overdue first
    assert fresh.id not in {s.customer.id for s in stale} and li.id not in {s.customer.id for s in stale}
    assert [s.customer.id for s in service.stale_prospects(db, today, owner="张经理")] == [wang.id]


def run(capsys: pytest.CaptureFixture[str], db_args: list[str], *args: str) -> tuple[int, str, str]:
    code = main([*db_args, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_cli_contact_agenda_owner_and_intent(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    assert run(capsys, db_args, "add", "--name", "王建国", "--owner", "张经理")[0] == 0
    assert run(capsys, db_args, "add", "--name", "李女士", "--owner", "李经理")[0] == 0
    code, out, _ = run(capsys, db_args, "contact", "1", "--date", "2026-11-20", "--intent", "B")
    assert code == 0 and "next follow-up 2026-11-27" in out
    code, out, _ = run(capsys, db_args, "contact", "2", "--date", "2026-11-20", "--intent", "A", "--json")
    assert json.loads(out)["next_follow_up"] == "2026-11-23"
    code, out, _ = run(capsys, db_args, "agenda", "--date", "2026-12-01", "--owner", "张经理", "--json")
    data = json.loads(out)
    assert [f["customer"]["name"] for f in data["follow_ups"]] == ["王建国"]
    assert data["overdue_by_owner"] == [{"owner": "张经理", "follow_ups": [
        {**data["overdue_by_owner"][0]["follow_ups"][0], "customer_id": 1, "next_follow_up": "2026-11-27"}]}]
    assert [(s["name"], s["level"], s["days_since"], s["allowed_days"]) for s in data["stale_prospects"]] == [
        ("王建国", "B", 11, 7)]
    code, out, _ = run(capsys, db_args, "agenda", "--date", "2026-12-01", "--owner", "张经理")
    assert "张经理: 1" in out and "王建国  B  11 天 days (≤ 7)" in out
    code, out, _ = run(capsys, db_args, "intent", "set", "B", "--days", "14", "--json")
    assert {lv["code"]: lv["follow_up_days"] for lv in json.loads(out)}["B"] == 14
    code, _, err = run(capsys, db_args, "intent", "set", "B", "--color", "blue")
    assert code == 2 and "colour" in err and err.count("\n") == 1
