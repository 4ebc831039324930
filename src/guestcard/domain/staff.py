"""Staff, intent levels and register entries as plain dataclasses (what storage returns)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

STAFF_ROLES = ("manager", "account_manager", "front_desk", "waiter")


@dataclass(frozen=True, slots=True)
class StaffMember:
    """Someone who works here; ``active`` is false once they have left (``left_on``)."""

    name: str
    role: str = "account_manager"
    active: bool = True
    left_on: dt.date | None = None
    login: str | None = None  # their database login on a server
    id: int | None = None


@dataclass(frozen=True, slots=True)
class IntentLevel:
    """A level of the intent scale and its rule: follow up after ``follow_up_days`` (none: never)."""

    code: str
    label_zh: str
    label_en: str
    color: str
    follow_up_days: int | None
    position: int = 0

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


@dataclass(frozen=True, slots=True)
class RegisterEntry:
    """One walk-in or call (来店(电)客户信息登记); ``name`` None is someone who left no name (未留名)."""

    at: dt.datetime
    purpose: str
    source: str
    name: str | None = None
    phone: str | None = None
    party_size: int | None = None
    taken_by: str | None = None
    outcome: str | None = None
    customer_id: int | None = None
    id: int | None = None


# The 4S scale of the seed card (客户意向级别的判定) and its follow-up rules (客户信息回访的规定).
DEFAULT_LEVELS = (
    IntentLevel("O", "O 成交", "O won", "#2e7d32", 30, 0),
    IntentLevel("H", "H 7天内成交", "H closes within 7 days", "#c62828", 2, 1),
    IntentLevel("A", "A 15天内成交", "A closes within 15 days", "#ef6c00", 3, 2),
    IntentLevel("B", "B 30天内成交", "B closes within 30 days", "#f9a825", 7, 3),
    IntentLevel("C", "C 3个月内成交", "C closes within 3 months", "#1565c0", 15, 4),
    IntentLevel("D", "D 战败/无意向", "D lost, no intent", "#757575", None, 5),
)
