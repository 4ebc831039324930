"""Knowing the customers: classes from spending, loyalty segments, churn alerts, occasions, a dashboard.

Every analysis is SQL over the visits and customers, run by storage (``storage.insights``); this
package holds the rules as settings (``settings``), the rules and reasons as text for people, zh and
en (``rules``), the results as dataclasses (``results``), the analyses that read them (``queries``)
and the one write: accepting class suggestions, in one session, each recorded in the audit trail
(``accepting``). Everything is importable from the package itself.

The rules, as implemented (all bounds are ``InsightSettings`` fields):

* Class: the visits' recorded spending in the last 12 months (365 days up to now; reservations
  after now do not count) — or, for a customer without any visit logged, the annual spend written
  on the card. A from ¥50,000, B from ¥10,000, C below; corporate accounts at least B. A customer
  with neither visits nor a card amount gets no suggestion (a corporate one gets B by kind).
  Suggestions are only listed; a class changes only when a suggestion is accepted. A low-credit
  account (``credit``: long overdue, or paying late more than on time) is suggested one class
  lower than its spending gives, the corporate floor left out, and its suggestion says why.
* Credit segments beside the loyalty ones: overdue accounts and good payers (``credit``).
* Loyalty: recency, frequency and monetary scores from 1 to 5 on fixed bounds, then the first
  segment rule that fits (``SEGMENT_RULES``); ``segment_rule_text`` says it all in words.
* Churn: a regular (at least 3 visits in the 12 months before the last 90 days) whose last 90
  days fell below half of their own rhythm in visits or spending, when that rhythm promised at
  least 2 visits in 90 days; not alerted with a reservation to come.
"""

from __future__ import annotations

from guestcard.services.insights.accepting import APPLY_ACTION, accept_class_suggestions, apply_class_suggestions
from guestcard.services.insights.credit import CREDIT_SEGMENTS, CreditNote, credit_rule_text, credit_segment_name
from guestcard.services.insights.queries import (
    build_insights,
    churn_alerts,
    class_review,
    credit_segment_counts,
    customer_scores,
    dashboard,
    segment_counts,
    upcoming_occasions,
)
from guestcard.services.insights.results import (
    ChurnAlert,
    ClassChange,
    ClassChanges,
    ClassReview,
    ClassSuggestion,
    CustomerScore,
    Dashboard,
    Insights,
    MonthFigures,
    OccasionNote,
)
from guestcard.services.insights.rules import (
    CHURN_REASONS,
    SEGMENT_RULES,
    SEGMENTS,
    churn_rule_text,
    class_rule_text,
    money_text,
    segment_name,
    segment_rule_text,
)
from guestcard.services.insights.settings import DEFAULTS, YEAR_DAYS, InsightSettings

__all__ = [
    "APPLY_ACTION",
    "CHURN_REASONS",
    "CREDIT_SEGMENTS",
    "DEFAULTS",
    "SEGMENTS",
    "SEGMENT_RULES",
    "YEAR_DAYS",
    "ChurnAlert",
    "ClassChange",
    "ClassChanges",
    "ClassReview",
    "ClassSuggestion",
    "CreditNote",
    "CustomerScore",
    "Dashboard",
    "InsightSettings",
    "Insights",
    "MonthFigures",
    "OccasionNote",
    "accept_class_suggestions",
    "apply_class_suggestions",
    "build_insights",
    "churn_alerts",
    "churn_rule_text",
    "class_review",
    "class_rule_text",
    "credit_rule_text",
    "credit_segment_counts",
    "credit_segment_name",
    "customer_scores",
    "dashboard",
    "money_text",
    "segment_counts",
    "segment_name",
    "segment_rule_text",
    "upcoming_occasions",
]
