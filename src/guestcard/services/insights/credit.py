"""Credit in the insights (issue 19): the accounts' standing in the class suggestions and segments.

The seed's rule, 对信用度低的顾客缩小交易额 — a low-credit account (``services.credit.low_credit``:
more than 30 days overdue, or more bills paid late than on time) — is, in the class suggestions,
one class below what its spending gives (A → B, B → C; C stays C), and the corporate floor (at
least B) does not hold it up. It is a suggestion naming the reason (days overdue, bills on time and
late), accepted like any other; nothing changes by itself.

Two credit segments beside the loyalty ones (a customer may be in one of each): ``overdue`` — an
account with a bill past its due date; ``good_payers`` — three or more bills, every one paid on
time, nothing overdue (``services.credit.good_payer``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from guestcard.domain.ledger import Standing
from guestcard.services import accounts
from guestcard.services.credit import LATE_DAYS, good_payer, low_credit
from guestcard.storage import Database

CREDIT_SEGMENTS: dict[str, tuple[str, str]] = {
    "overdue": ("逾期账户", "Overdue accounts"),
    "good_payers": ("按时付款", "Good payers"),
}
_LOWER = {"A": "B", "B": "C", "C": "C"}


@dataclass(frozen=True)
class CreditNote:
    """Why a class suggestion went by the account: its standing on the day of the review."""

    days_overdue: int
    on_time: int  # bills paid by their due date
    late: int  # bills paid after it, or still open past it

    @classmethod
    def of(cls, standing: Standing) -> CreditNote:
        return cls(standing.days_overdue, standing.payments_on_time, standing.payments_late)

    def text(self, lang: str = "zh") -> str:
        if lang == "zh":
            overdue = f"账户逾期{self.days_overdue}天，" if self.days_overdue else "账户"
            return f"{overdue}按时{self.on_time}笔、逾期{self.late}笔：信用度低，降一类"
        overdue = f"account {self.days_overdue} days overdue, " if self.days_overdue else "account: "
        return f"{overdue}{self.on_time} bills paid on time and {self.late} late: low credit, one class lower"


def credit_segment_name(key: str, lang: str = "zh") -> str:
    zh, en = CREDIT_SEGMENTS[key]
    return zh if lang == "zh" else en


def credit_rule_text(lang: str = "zh") -> str:
    if lang == "zh":
        return (f"信用度低（逾期超过{LATE_DAYS}天，或逾期付款的账单多于按时付款且至少2笔）的账户，类别建议比按消费"
                "低一类，单位客户的“至少B类”不再适用；建议须经确认才会修改。逾期账户：有账单已过付款期限；"
                "按时付款：至少3笔账单、全部按时付清、目前没有逾期。")
    return (f"A low-credit account (more than {LATE_DAYS} days overdue, or more bills paid late than on time, "
            "at least two) is suggested one class below what its spending gives, and the corporate floor does "
            "not hold it up; a suggestion changes the class only when accepted. Overdue accounts: a bill past "
            "its due date. Good payers: three or more bills, all paid on time, nothing overdue now.")


def standings(db: Database, now: dt.datetime) -> dict[int, Standing]:
    """Each account's standing on ``now``'s day, by the customer's id."""
    summaries, _total = accounts.overview(db, now.date())
    return {s.account.customer_id: s.standing for s in summaries}


def members(credit: dict[int, Standing]) -> dict[str, list[int]]:
    """The customers of each credit segment, by id."""
    return {
        "overdue": sorted(i for i, s in credit.items() if s.days_overdue > 0),
        "good_payers": sorted(i for i, s in credit.items() if good_payer(s)),
    }


def low_credit_ids(credit: dict[int, Standing]) -> list[int]:
    return sorted(i for i, s in credit.items() if low_credit(s))


def credit_class(by_spend: str | None, suggested: str | None) -> str | None:
    """The class a low-credit account is suggested: one below its spending's (or, with nothing
    spent to go on, below the class its kind gives), the corporate floor left out."""
    base = by_spend or suggested
    return _LOWER.get(base) if base else None
