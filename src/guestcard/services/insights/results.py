"""The insights' results: class suggestions and changes, scores, churn alerts, occasions, the
dashboard's figures; each says its reason in words (zh and en)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from guestcard.domain.model import Customer
from guestcard.services.agenda import Occasion
from guestcard.services.insights.credit import CreditNote
from guestcard.services.insights.rules import money_text
from guestcard.services.insights.settings import InsightSettings


@dataclass(frozen=True)
class ClassSuggestion:
    customer_id: int
    name: str
    honorific: str | None
    kind: str
    current: str | None
    suggested: str
    amount: Decimal | None  # what the suggestion went by (None: by kind alone)
    visits: int  # visits in the last 12 months
    basis: str  # "visits" (last 12 months), "card" (annual spend on the card) or "kind"
    by_kind: bool  # raised to the corporate class
    version: int  # of the card when suggested: accepting refuses a card changed since
    credit: CreditNote | None = None  # a low-credit account: suggested one class lower (insights.credit)

    def reason(self, lang: str = "zh") -> str:
        text = self._spending(lang)
        if self.credit is not None:
            text += ("；" if lang == "zh" else "; ") + self.credit.text(lang)
        return text

    def _spending(self, lang: str) -> str:
        amount = money_text(self.amount) if self.amount is not None else ""
        if lang == "zh":
            text = {
                "visits": f"近12个月消费{amount}（{self.visits}次）",
                "card": f"卡上年消费{amount}",
                "kind": "单位客户",
            }[self.basis]
            return text + ("，单位客户至少为" + self.suggested + "类" if self.by_kind and self.basis != "kind" else "")
        text = {
            "visits": f"{amount} in the last 12 months ({self.visits} visits)",
            "card": f"{amount} a year on the card",
            "kind": "corporate account",
        }[self.basis]
        if self.by_kind and self.basis != "kind":
            text += f"; corporate accounts are at least {self.suggested}"
        return text


@dataclass(frozen=True)
class ClassReview:
    suggestions: list[ClassSuggestion]  # customers whose class would change (up to the limit asked)
    total: int  # how many would change in all
    matching: int  # customers whose class is what the rule says
    no_basis: int  # customers with nothing to go on
    by_change: dict[tuple[str | None, str], int]  # (current, suggested) → customers


@dataclass(frozen=True)
class ClassChange:
    customer_id: int
    name: str
    old: str | None
    new: str


@dataclass(frozen=True)
class ClassChanges:
    applied: list[ClassChange] = field(default_factory=list)
    skipped: list[tuple[ClassSuggestion, str]] = field(default_factory=list)  # with the reason


@dataclass(frozen=True)
class CustomerScore:
    customer_id: int
    name: str
    customer_class: str | None
    segment: str
    recency: int | None  # 1–5, None without visits
    frequency: int | None
    monetary: int | None
    last_visit: dt.datetime | None  # within the scanned history
    visits: int  # in the last 12 months
    spend: Decimal  # in the last 12 months


@dataclass(frozen=True)
class ChurnAlert:
    customer_id: int
    name: str
    honorific: str | None
    customer_class: str | None
    phone: str | None
    last_visit: dt.datetime
    days_since: int
    baseline_visits: int
    baseline_days: int  # the days the rhythm was measured over
    recent_visits: int
    expected_visits: float  # in the window, at the usual rhythm
    baseline_spend: Decimal
    recent_spend: Decimal
    expected_spend: Decimal
    window_days: int
    reasons: tuple[str, ...]  # of CHURN_REASONS

    @property
    def display_name(self) -> str:
        return f"{self.name}（{self.honorific}）" if self.honorific else self.name

    @property
    def usual_interval(self) -> int:
        """About how many days apart the customer came."""
        return max(1, round(self.baseline_days / self.baseline_visits))

    def why(self, lang: str = "zh") -> str:
        parts = []
        n = self.window_days
        expected = max(1, round(self.expected_visits))
        if lang == "zh":
            rhythm = f"以往约每{self.usual_interval}天来一次（{self.baseline_days}天{self.baseline_visits}次）"
            if "stopped" in self.reasons:
                parts.append(f"{rhythm}，最近{n}天没有来；上次{self.last_visit:%Y-%m-%d}，{self.days_since}天前")
            if "fewer_visits" in self.reasons:
                parts.append(f"{rhythm}，最近{n}天只来了{self.recent_visits}次，按节奏应约{expected}次")
            if "less_spending" in self.reasons:
                parts.append(
                    f"最近{n}天消费{money_text(self.recent_spend)}，以往同期约{money_text(self.expected_spend)}"
                )
            return "；".join(parts)
        every, visits, days = self.usual_interval, self.baseline_visits, self.baseline_days
        rhythm = f"came about every {every} days ({visits} visits in {days} days)"
        if "stopped" in self.reasons:
            parts.append(
                f"{rhythm}; no visit in the last {n} days, last on {self.last_visit:%Y-%m-%d}, "
                f"{self.days_since} days ago"
            )
        if "fewer_visits" in self.reasons:
            parts.append(
                f"{rhythm}; {self.recent_visits} visits in the last {n} days where about {expected} were usual"
            )
        if "less_spending" in self.reasons:
            parts.append(
                f"spent {money_text(self.recent_spend)} in the last {n} days against about "
                f"{money_text(self.expected_spend)} usually"
            )
        return "; ".join(parts)


@dataclass(frozen=True)
class OccasionNote:
    """A birthday or anniversary coming up, with what a greeting or gift needs."""

    occasion: Occasion
    usual_dishes: tuple[str, ...]  # most ordered on visits (looked up when the card names no favourite)

    @property
    def customer(self) -> Customer:
        return self.occasion.customer

    @property
    def dishes(self) -> str:
        """The favourite dishes on the card, else the most ordered ones."""
        return self.customer.favorite_dishes or "、".join(self.usual_dishes)


@dataclass(frozen=True)
class MonthFigures:
    month: str  # "2026-05"
    visits: int
    spend: Decimal
    guests: int  # different customers who came
    new_guests: int  # of them, first visit ever this month

    @property
    def returning_guests(self) -> int:
        return self.guests - self.new_guests


@dataclass(frozen=True)
class Dashboard:
    as_of: dt.datetime
    months: list[MonthFigures]
    customers: int
    by_class: dict[str, int]  # "A", "B", "C" and "" (no class)
    by_segment: dict[str, int]  # every key of SEGMENTS
    top_dishes: list[tuple[str, int]]  # ordered on visits in the period
    top_drinks: list[tuple[str, int]]  # favourite drinks on the cards


@dataclass(frozen=True)
class Insights:
    as_of: dt.datetime
    settings: InsightSettings
    classes: ClassReview
    segments: dict[str, int]
    alerts: list[ChurnAlert]
    occasions: list[OccasionNote]
    dashboard: Dashboard | None
    credit_segments: dict[str, int] = field(default_factory=dict)  # insights.credit.CREDIT_SEGMENTS → accounts
