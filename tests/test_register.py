"""The walk-in and call register: entries linked by phone or with a new prospect card, refusals,
listing and counting by source, the export read back; SQLite and PostgreSQL; the CLI."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from guestcard.cli.main import main
from guestcard.domain.model import Customer
from guestcard.domain.staff import RegisterEntry
from guestcard.services import customers
from guestcard.services import register as service
from guestcard.services.customers import InvalidInput
from guestcard.storage import Database

AT = dt.datetime(2026, 12, 1, 11, 30)


def entry(**values: object) -> RegisterEntry:
    return RegisterEntry(**{"at": AT, "purpose": "订餐", "source": "来电", **values})  # type: ignore[arg-type]


def test_an_entry_links_the_card_with_the_same_phone(db: Database) -> None:
    wang = customers.create_customer(db, Customer(name="王建国", phone="13812345678"))
    done = service.register(db, entry(phone="138-1234-5678", party_size=8, purpose="宴会", taken_by="王前台"))
    assert done.customer is not None and done.customer.id == wang.id and not done.created
    assert done.entry.customer_id == wang.id and done.entry.phone == "13812345678"
    assert (done.entry.purpose, done.entry.source) == ("banquet", "phone")
    assert customers.count_customers(db) == 1


def test_an_unknown_caller_gets_a_prospect_card_in_one_step(db: Database) -> None:
    done = service.register(db, entry(phone="13900001111", source="微信", purpose="咨询"), create_card=True,
                            owner="张经理")
    card = customers.get_customer(db, done.entry.customer_id)
    assert done.created and card.name == "未留名1111" and card.owner == "张经理"
    assert card.fields["source"] == ["wechat"] and card.phone == "13900001111"
    assert customers.history_of(db, card.id)[0].action == "register"
    named = service.register(db, entry(name="李女士", source="路过"), create_card=True)
    assert customers.get_customer(db, named.entry.customer_id).fields["source"] == ["passing_by"]
    nameless = service.register(db, entry(name="未留名"))
    assert nameless.entry.name is None and nameless.customer is None  # no card asked for, none made


def test_refusals_name_the_field_and_write_nothing(db: Database) -> None:
    for values, field in (({"source": "飞鸽传书"}, "source"), ({"purpose": "闲聊"}, "purpose"),
                          ({"phone": "12"}, "phone"), ({"party_size": 0}, "party")):
        with pytest.raises(InvalidInput, match=f"^{field}:"):
            service.register(db, entry(**values), create_card=True)
    assert service.entries(db) == [] and customers.count_customers(db) == 0


def test_listed_by_days_and_counted_by_source(db: Database, tmp_path: Path) -> None:
    wang = customers.create_customer(db, Customer(name="王建国", phone="13812345678"))
    for day, source, phone in ((1, "来电", "13812345678"), (1, "来店", None), (2, "来电", None),
                               (3, "微信", None), (5, "介绍", None)):
        service.register(db, entry(at=dt.datetime(2026, 12, day, 12), source=source, phone=phone))
    found = service.entries(db, dt.date(2026, 12, 1), dt.date(2026, 12, 3))
    assert [e.at.day for e in found] == [3, 2, 1, 1]  # newest first, the 5th left out
    assert service.count_by_source(db, dt.date(2026, 12, 1), dt.date(2026, 12, 3)) == {
        "phone": 2, "walk_in": 1, "wechat": 1}
    assert sum(service.count_by_source(db).values()) == 5
    out = tmp_path / "登记.xlsx"
    assert service.export_register(db, out, dt.date(2026, 12, 1), dt.date(2026, 12, 3)) == 4
    book = load_workbook(out)
    try:
        rows = list(book["来店来电登记"].values)
        assert rows[0][:6] == ("时间", "姓名", "电话", "人数", "目的", "来源")
        linked = [r for r in rows[1:] if r[2] == "13812345678"]
        assert linked[0][0] == dt.datetime(2026, 12, 1, 12) and linked[0][8] == f"{wang.id} 王建国"
        assert list(book["按来源"].values)[1:] == [("来电", 2), ("来店", 1), ("微信", 1)]
    finally:
        book.close()


def test_cards_are_found_by_phone_as_it_is_typed(db: Database) -> None:
    wang = customers.create_customer(db, Customer(name="王建国", phone="13812345678"))
    customers.create_customer(db, Customer(name="李女士", phone="13912349999"))
    assert service.cards_for_phone(db, "138") == []
    assert [c.id for c in service.cards_for_phone(db, "1381234")] == [wang.id]
    assert service.cards_for_phone(db, "+86 138 1234 5678")[0].id == wang.id


def run(capsys: pytest.CaptureFixture[str], db_args: list[str], *args: str) -> tuple[int, str, str]:
    code = main([*db_args, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_cli_register(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    assert run(capsys, db_args, "add", "--name", "王建国", "--phone", "13812345678")[0] == 0
    assert run(capsys, db_args, "staff", "add", "王前台", "--role", "前台")[0] == 0
    code, out, _ = run(capsys, db_args, "--user", "王前台", "register", "--phone", "13812345678", "--party", "6",
                       "--purpose", "宴会", "--at", "2026-12-01 18:30", "--json")
    data = json.loads(out)
    assert code == 0 and data["customer_id"] == 1 and data["taken_by"] == "王前台" and not data["card_created"]
    code, out, _ = run(capsys, db_args, "register", "--phone", "13900001111", "--source", "市场活动",
                       "--at", "2026-12-01 19:00", "--create-card")
    assert code == 0 and "made a prospect card 2" in out
    code, out, _ = run(capsys, db_args, "register", "count", "--from", "2026-12-01", "--to", "2026-12-01", "--json")
    assert json.loads(out) == {"phone": 1, "event": 1}
    code, out, _ = run(capsys, db_args, "register", "list", "--json")
    assert [e["source"] for e in json.loads(out)] == ["event", "phone"]
    code, out, _ = run(capsys, db_args, "register", "export", str(tmp_path / "r.xlsx"), "--lang", "en")
    assert code == 0 and (tmp_path / "r.xlsx").exists()
    code, _, err = run(capsys, db_args, "register", "--source", "飞鸽")
    assert code == 2 and err.startswith("guestcard: source:") and err.count("\n") == 1
    code, _, err = run(capsys, db_args, "register", "--at", "yesterday")
    assert code == 2 and "--at" in err
