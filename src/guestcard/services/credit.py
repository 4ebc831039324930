"""Credit in the insights: the seed card's rule, 对信用度低的顾客缩小交易额，对信用度高的顾客增大交易额 —
lower the limit of an account that pays late, raise it for one that pays on time and uses its
limit. Only ever a suggestion: the limit changes when the manager accepts it (audited)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from guestcard.domain.ledger import Account, Standing
from guestcard.domain.messages import Code
from guestcard.domain.values import cents_to_money
from guestcard.services import accounts
from guestcard.services.customers import InvalidInput
from guestcard.storage import Database

LATE_DAYS = 30  # overdue longer than this is low credit
STEP_FEN = 100_000  # limits are suggested in whole thousands of yuan


@dataclass(frozen=True)
class LimitSuggestion:
    account: Account
    name: str
    standing: Standing
    suggested_fen: int
    reason: str  # "late" | "reliable"

    @property
    def lower(self) -> bool:
        return self.suggested_fen < self.account.limit_fen

    def why(self, lang: str = "en") -> str:
        s = self.standing
        if self.reason == "late":
            return (f"逾期 {s.days_overdue} 天，按时 {s.payments_on_time} 笔、逾期 {s.payments_late} 笔：建议降低额度"
                    if lang == "zh" else
                    f"{s.days_overdue} days overdue, {s.payments_on_time} bills paid on time and "
                    f"{s.payments_late} late: lower the limit")
        return (f"按时付清 {s.payments_on_time} 笔，已用额度 {100 * s.balance_fen // max(self.account.limit_fen, 1)}%："
                "建议提高额度" if lang == "zh" else
                f"{s.payments_on_time} bills paid on time, "
                f"{100 * s.balance_fen // max(self.account.limit_fen, 1)}% of the limit in use: raise the limit")


def _round_down(fen: int) -> int:
    return max(0, fen // STEP_FEN * STEP_FEN)


def low_credit(standing: Standing) -> bool:
    """Long overdue (more than ``LATE_DAYS``), or more bills paid late than on time (two or more
    late): the seed's 信用度低 — the limit and the class suggestions (insights) go by it."""
    return standing.days_overdue > LATE_DAYS or (
        standing.payments_late >= 2 and standing.payments_late > standing.payments_on_time)


def good_payer(standing: Standing) -> bool:
    """Three or more bills, every one paid on time, nothing overdue now."""
    return standing.payments_on_time >= 3 and standing.payments_late == 0 and standing.days_overdue == 0


def suggest(account: Account, name: str, standing: Standing) -> LimitSuggestion | None:
    """Low credit (``low_credit``): half the limit, never below what is owed now rounded down.
    High credit (a ``good_payer`` with 80% of the limit in use): half as much again."""
    limit = account.limit_fen
    late = low_credit(standing)
    if late and limit > 0:
        lowered = max(_round_down(limit // 2), _round_down(max(standing.balance_fen, 0)))
        if lowered < limit:
            return LimitSuggestion(account, name, standing, lowered, "late")
        return None
    reliable = good_payer(standing) and limit > 0 and standing.balance_fen * 5 >= limit * 4
    if reliable:
        return LimitSuggestion(account, name, standing, _round_down(limit * 3 // 2), "reliable")
    return None


def limit_suggestions(db: Database, on: dt.date | None = None) -> list[LimitSuggestion]:
    """The accounts whose limit the rule would change, the late ones first."""
    summaries, _total = accounts.overview(db, on)
    found = [s for s in (suggest(a.account, a.name, a.standing) for a in summaries) if s is not None]
    return sorted(found, key=lambda s: (not s.lower, -s.standing.days_overdue))


def accept(db: Database, customer_id: int, expected_limit_fen: int | None = None,
           on: dt.date | None = None) -> LimitSuggestion:
    """Apply the rule's suggestion for one account (the manager said yes); refused when there is
    none, or the limit changed since the suggestion was shown (``expected_limit_fen``)."""
    view = accounts.account_view(db, customer_id, on)
    suggestion = suggest(view.account, view.name, view.standing)
    if suggestion is None:
        raise InvalidInput(Code.NO_LIMIT_SUGGESTED, customer_id)
    if expected_limit_fen is not None and expected_limit_fen != view.account.limit_fen:
        raise InvalidInput(Code.LIMIT_CHANGED_MEANWHILE)
    accounts.change_account(db, customer_id, limit=cents_to_money(suggestion.suggested_fen))
    return suggestion
