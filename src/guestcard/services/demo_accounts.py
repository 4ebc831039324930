"""Demo corporate accounts: a few companies of the demo data sign for their meals, with a
realistic last few months — one pays on time, one is late, one is near its limit, one had a
bill reversed."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from guestcard.services import accounts
from guestcard.services import customers as customer_service
from guestcard.storage import CustomerFilter, Database

PROFILES = (  # limit, terms, how they pay
    (Decimal(50000), "monthly:10", "on_time"),
    (Decimal(20000), "monthly:10", "late"),
    (Decimal(10000), "days:30", "near_limit"),
    (Decimal(30000), "monthly:15", "reversal"),
)
SIGNERS = ("王总", "李主任", "张处长", "刘经理", "陈秘书", "赵总")


def _month_start(day: dt.date, back: int) -> dt.date:
    month = day.month - back
    year = day.year + (month - 1) // 12
    return dt.date(year, (month - 1) % 12 + 1, 1)


def add_demo_accounts(db: Database, today: dt.date, *, seed: int = 11) -> int:
    """Open accounts for up to four of the demo companies, with three months of bills and payments."""
    rng = random.Random(seed)
    # Companies without an account yet: demo data added twice opens no account twice.
    companies = [c for c in customer_service.list_customers(db, CustomerFilter(kind="corporate"))
                 if c.id is not None and accounts.find_account(db, c.id) is None][:len(PROFILES)]
    bill = 1000
    for company, (limit, terms, habit) in zip(companies, PROFILES, strict=False):
        assert company.id is not None
        signers = rng.sample(SIGNERS, 2)
        accounts.open_account(db, company.id, limit, terms, signers=signers,
                              statement_contact=f"财务部 {rng.choice(('张', '李', '周'))}会计",
                              contract_start=_month_start(today, 6), opened_on=_month_start(today, 4))
        for back in (3, 2, 1, 0):
            first = _month_start(today, back)
            count = rng.randint(2, 4) if habit != "near_limit" else 3
            for day in sorted(first + dt.timedelta(days=rng.randint(0, 27)) for _ in range(count)):
                if day > today:
                    continue
                bill += rng.randint(1, 40)
                amount = Decimal(rng.randrange(8, 68) * 100) + Decimal(rng.choice((0, 50, 80))) / 100
                try:
                    accounts.charge(db, company.id, amount, signer=rng.choice(signers), bill_no=f"N{bill}", on=day)
                except accounts.OverLimit:
                    continue  # the restaurant asked for cash that day
            if back == 0:
                continue
            due_month = _month_start(today, back - 1)
            owed = accounts.statement(db, company.id, first).closing_fen
            if owed <= 0:
                continue
            if habit == "on_time":
                pay_day, share = due_month + dt.timedelta(days=rng.randint(2, 8)), 1
            elif habit == "late":
                if back < 3:
                    continue  # nothing since the first month: overdue
                pay_day, share = due_month + dt.timedelta(days=25), 0.5
            else:
                pay_day, share = due_month + dt.timedelta(days=rng.randint(5, 12)), 1
            if pay_day > today:
                continue
            # Paid in full, or (late) a round part of it: finance offices pay in hundreds.
            amount = Decimal(owed) / 100 if share == 1 else Decimal(int(owed * share) // 10000 * 100)
            accounts.pay(db, company.id, amount, method=rng.choice(("转账", "转账", "支票", "微信")),
                         reference=f"HX{rng.randrange(10**6):06d}", on=pay_day)
        if habit == "reversal":
            view = accounts.account_view(db, company.id, today)
            open_ids = [item.charge.id for item in view.open_items()]
            if open_ids:
                accounts.reverse(db, company.id, open_ids[-1], note="账单录重，已冲销", on=today)
    return min(len(companies), len(PROFILES))
