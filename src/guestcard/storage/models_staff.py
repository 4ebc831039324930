"""Models of the account managers' work: staff, intent levels, the walk-in and call register.

Kept apart from ``models`` (which imports this at its end, so one ``Base.metadata`` has them all).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from guestcard.storage.models_base import Base


class StaffRow(Base):
    """A member of staff; one who left stays listed (their name is in cards' histories)."""

    __tablename__ = "staff"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    left_on: Mapped[dt.date | None] = mapped_column(Date)
    # The database login of this person on a server (PostgreSQL user), to know who is working.
    login: Mapped[str | None] = mapped_column(String(80), unique=True)


class IntentLevelRow(Base):
    """An intent level (O, H, A, B, C, D) and how soon a prospect of it is followed up."""

    __tablename__ = "intent_levels"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    label_zh: Mapped[str] = mapped_column(String(80))
    label_en: Mapped[str] = mapped_column(String(80))
    color: Mapped[str] = mapped_column(String(9))
    follow_up_days: Mapped[int | None]
    position: Mapped[int]


class RegisterEntryRow(Base):
    """One walk-in or call (来店(电)客户信息登记), linked to the customer's card when known."""

    __tablename__ = "register_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    party_size: Mapped[int | None]
    purpose: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(20))
    taken_by: Mapped[str | None] = mapped_column(String(80))
    outcome: Mapped[str | None] = mapped_column(Text)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id", ondelete="SET NULL"), index=True)
