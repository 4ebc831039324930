"""The services' refusals reach the window in its language by their code (issues 21.3, 23.9): one
of each service raised on a real guest file, said in the Chinese window and the English one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from guestcard.domain import Customer
from guestcard.gui.i18n import Languages
from guestcard.gui.messages import WORDS, say
from guestcard.storage import Database


def _refusals(db: Database) -> list[tuple[Callable[[], Any], str, str]]:
    from guestcard.services import accounts, credit, customers, intent, mailing, merging, review, staff
    from guestcard.services.insights import queries
    from guestcard.services.register import parse_purpose

    person = customers.create_customer(db, Customer(name="王秘密")).id
    company = customers.create_customer(db, Customer(name="远洋秘密集团", kind="corporate")).id
    accounts.open_account(db, company, Decimal(1000), signers=["张三"])
    staff.add_staff(db, "李经理", "manager")
    levels = intent.levels(db)
    return [
        (lambda: accounts.open_account(db, person, Decimal(100)),
         f"客户 {person} 不是协议单位：只有单位才能开挂账账户",
         f"customer {person} is not a corporate customer: only a company has an account"),
        (lambda: accounts.charge(db, company, Decimal(10), signer="路人"),
         f"签单人：不是该账户的授权签单人（guestcard account show {company} 列出授权签单人）",
         f"signer: not one of the people who may sign for this account (guestcard account show {company} lists "
         "them)"),
        (lambda: credit.accept(db, company), f"客户 {company} 的账户：没有调整额度的建议",
         f"account of customer {company}: no change of limit is suggested"),
        (lambda: merging.merge_customers(db, person, person), f"#{person} 不能合并到它自己",
         f"#{person} cannot be merged into itself"),
        (lambda: staff.add_staff(db, "李经理"), "姓名：'李经理' 已在员工名单上",
         "name: '李经理' is on the staff list already"),
        (lambda: review.review(db, dt.date(2026, 5, 1), dt.date(2026, 1, 1)), "截止日期：回顾的结束日期早于开始日期",
         "to: the review ends before it starts"),
        (lambda: parse_purpose("跳舞"),
         "purpose：'跳舞' 不是 订餐/宴会/咨询/投诉（booking, banquet, enquiry, complaint）之一",
         "purpose: '跳舞' is not one of 订餐/宴会/咨询/投诉 (booking, banquet, enquiry, complaint)"),
        (lambda: intent.check_levels([*levels, levels[0]]), f"第 {len(levels) + 1} 级（{levels[0].code}）：代码 "
         f"{levels[0].code} 用了两次",
         f"level {len(levels) + 1} ({levels[0].code}): the code {levels[0].code} is used twice"),
        (lambda: queries.upcoming_occasions(db, days=-1), "天数：不能为负", "days: cannot be negative"),
        (lambda: mailing.parse_sheet("9q"),
         "'9q'：不是标签纸规格（A4-2x7, A4-3x7, A4-3x8，或 行x列 上边距 左边距 横向间距 纵向间距）",
         "'9q': not a label sheet (A4-2x7, A4-3x7, A4-3x8 or ROWSxCOLS TOP LEFT GAP_X GAP_Y)"),
    ]


def test_each_services_refusal_is_said_in_the_windows_language(sqlite_db: Database, languages: Languages) -> None:
    for raise_it, chinese, english in _refusals(sqlite_db):
        with pytest.raises(Exception) as caught:
            raise_it()
        assert str(caught.value) == english  # the command line's English and the log's
        languages.apply("zh")
        assert say(caught.value) == chinese
        languages.apply("en")
        assert say(caught.value) == english
        assert "秘密" not in str(caught.value)  # no guest's name


def test_a_file_being_replaced_is_said_in_chinese(tmp_path: Any, languages: Languages) -> None:
    from guestcard.storage import lock as lock_module
    from guestcard.storage.lock import FileBusy, UseLock

    file = tmp_path / "guests.sqlite3"
    Database.open(file).close()
    replacing = UseLock(file)
    replacing.acquire_exclusive(wait=1, on_wait=None)
    try:
        lock_module._exclusive_here.pop(replacing.file, None)  # as if another process replaced it
        with pytest.raises(FileBusy) as caught:
            UseLock(file).acquire_shared(wait=0.2, on_wait=None)
    finally:
        replacing.exclusive = False
        replacing.release()
    languages.apply("zh")
    assert say(caught.value) == f"{file} 正在被替换（更改密码或恢复备份），请稍后再试"


def test_the_windows_table_has_every_refusal(languages: Languages) -> None:
    from guestcard.domain.refusal_words import REFUSAL_WORDS

    assert set(REFUSAL_WORDS) <= set(WORDS)
    assert all(WORDS[code] == english for code, (english, _chinese) in REFUSAL_WORDS.items())


def test_a_guest_file_that_does_not_open_is_said_in_chinese(tmp_path: Any, languages: Languages) -> None:
    """The storage's refusals of a file (wrong password, another program's database) by their
    code in the window's language: the name the window calls the file by replaces the path."""
    import sqlite3

    from guestcard.storage.database import ForeignDatabase, WrongPassword

    encrypted = tmp_path / "encrypted.sqlite3"
    Database.open(encrypted, create=True, password="秋菊 2026").close()
    with pytest.raises(WrongPassword) as wrong:
        Database.open(encrypted, password="另一个")
    foreign = tmp_path / "foreign.sqlite3"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)")
    with pytest.raises(ForeignDatabase) as other:
        Database.open(foreign)
    languages.apply("zh")
    assert say(wrong.value) == f"{encrypted}：密码错误"
    assert say(other.value, name="foreign.sqlite3") == "foreign.sqlite3：不是 guestcard 的数据库（里面有其他程序的表）"
    languages.apply("en")
    assert say(wrong.value) == str(wrong.value) == f"{encrypted}: wrong password"
