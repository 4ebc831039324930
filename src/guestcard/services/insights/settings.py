"""The insights' rules as settings: every bound of the class, score and churn rules, checked.

``InsightSettings`` also hands the storage layer its plain rule records (``ClassRule``,
``ScoreRule``, ``ChurnRule``, ``Windows``): amounts in cents, moments from ``now``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import Decimal
from typing import Any

from guestcard.domain.messages import Code, message_of
from guestcard.domain.model import CUSTOMER_CLASSES
from guestcard.domain.values import money_to_cents, parse_money
from guestcard.services.customers import InvalidInput
from guestcard.storage.insights import ChurnRule, ClassRule, ScoreRule, Windows

YEAR_DAYS = 365


@dataclass(frozen=True)
class InsightSettings:
    """The bounds of every rule. Amounts in yuan; a settings file passes them by field name."""

    class_a_from: Decimal = Decimal(50_000)  # spending in 12 months for class A
    class_b_from: Decimal = Decimal(10_000)  # … for class B; below is C
    corporate_class: str | None = "B"  # corporate accounts are at least this class (None: no rule)
    # Recency: score 5 when the last visit is at most this many days ago, then 4, 3, 2; else 1.
    recency_days: tuple[int, int, int, int] = (30, 60, 120, 240)
    # Frequency: score 5 from this many visits in 12 months, then 4, 3, 2; else 1.
    frequency_visits: tuple[int, int, int, int] = (12, 6, 3, 2)
    # Monetary: score 5 from this much spending (yuan) in 12 months, then 4, 3, 2; else 1.
    monetary_from: tuple[Decimal, Decimal, Decimal, Decimal] = (
        Decimal(50_000),
        Decimal(20_000),
        Decimal(8_000),
        Decimal(2_000),
    )
    churn_days: int = 90  # the window looked at
    churn_baseline_days: int = 365  # the rhythm measured over this long before the window
    churn_min_visits: int = 3  # visits in the baseline to count as a regular
    churn_min_expected: float = 2.0  # visits the rhythm must promise in the window
    churn_ratio: float = 0.5  # "well below": under this share of the rhythm

    def __post_init__(self) -> None:
        for name in ("class_a_from", "class_b_from"):
            object.__setattr__(self, name, Decimal(str(getattr(self, name))))
        object.__setattr__(self, "monetary_from", tuple(Decimal(str(x)) for x in self.monetary_from))
        object.__setattr__(self, "recency_days", tuple(int(x) for x in self.recency_days))
        object.__setattr__(self, "frequency_visits", tuple(int(x) for x in self.frequency_visits))
        self.validate()

    def validate(self) -> None:
        if self.class_b_from < 0 or self.class_a_from <= self.class_b_from:
            raise InvalidInput(Code.CLASS_THRESHOLDS, self.class_a_from, self.class_b_from)
        if self.corporate_class is not None and self.corporate_class not in CUSTOMER_CLASSES:
            raise InvalidInput(Code.CORPORATE_CLASS_UNKNOWN, repr(self.corporate_class))
        for name, values, rising in (
            ("recency_days", self.recency_days, True),
            ("frequency_visits", self.frequency_visits, False),
            ("monetary_from", self.monetary_from, False),
        ):
            ordered = list(values) == sorted(values, reverse=not rising)
            if len(values) != 4 or len(set(values)) != 4 or not ordered or min(values) < 0:
                raise InvalidInput(Code.BOUNDS_RISING if rising else Code.BOUNDS_FALLING, name)
        if self.churn_days < 1 or self.churn_baseline_days < 1 or self.churn_min_visits < 1:
            raise InvalidInput(Code.CHURN_AT_LEAST_ONE)
        if not 0 < self.churn_ratio <= 1 or self.churn_min_expected <= 0:
            raise InvalidInput(Code.CHURN_RATIO)

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> InsightSettings:
        """From a settings file's section; unknown keys are refused, missing ones take defaults."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(values) - known)
        if unknown:
            raise InvalidInput(Code.INSIGHT_SETTINGS_UNKNOWN, ", ".join(unknown))
        try:
            return cls(**values)
        except (TypeError, ValueError, ArithmeticError) as exc:
            if isinstance(exc, InvalidInput):
                raise
            raise InvalidInput(Code.INSIGHT_SETTINGS_BAD, message_of(exc) or str(exc)) from None

    @classmethod
    def from_settings(cls, settings: Any) -> InsightSettings:
        """The class thresholds of the manager's settings (``guestcard.settings.Settings``); a value
        that is not an amount, or thresholds out of order, give the defaults."""
        try:
            a = parse_money(getattr(settings, "class_a_from", "") or DEFAULTS.class_a_from)
            b = parse_money(getattr(settings, "class_b_from", "") or DEFAULTS.class_b_from)
            return cls(class_a_from=a, class_b_from=b)
        except (ValueError, InvalidInput):
            return DEFAULTS

    def class_rule(self) -> ClassRule:
        return ClassRule(money_to_cents(self.class_a_from), money_to_cents(self.class_b_from), self.corporate_class)

    def score_rule(self, now: dt.datetime) -> ScoreRule:
        return ScoreRule(
            recency=tuple(now - dt.timedelta(days=d) for d in self.recency_days),
            frequency=self.frequency_visits,
            monetary=tuple(money_to_cents(x) for x in self.monetary_from),
        )

    def churn_rule(self) -> ChurnRule:
        return ChurnRule(
            self.churn_days, self.churn_baseline_days, self.churn_min_visits, self.churn_min_expected, self.churn_ratio
        )

    def windows(self, now: dt.datetime, period_start: dt.datetime | None = None) -> Windows:
        return Windows.of(
            now,
            year_days=YEAR_DAYS,
            churn_days=self.churn_days,
            baseline_days=self.churn_baseline_days,
            recency_days=max(self.recency_days),
            period_start=period_start,
        )


DEFAULTS = InsightSettings()
