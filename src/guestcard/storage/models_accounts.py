"""Models of corporate accounts (挂账): the account, its ledger entries, payments' allocations.

Kept apart from ``models`` (which imports this at its end, so one ``Base.metadata`` has them all).
Amounts are integer fen; entries are only ever added (a correction is a reversing entry).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, BigInteger, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from guestcard.storage.models_base import Base


class AccountRow(Base):
    """A corporate customer's credit account (one per customer)."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), unique=True)
    limit_fen: Mapped[int] = mapped_column(BigInteger)
    terms: Mapped[str] = mapped_column(String(20))
    signers: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{"name":…, "customer_id":…}]
    contract_start: Mapped[dt.date | None] = mapped_column(Date)
    contract_end: Mapped[dt.date | None] = mapped_column(Date)
    statement_contact: Mapped[str | None] = mapped_column(Text)
    opened_on: Mapped[dt.date | None] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)


class AccountEntryRow(Base):
    """One charge or payment; ``reverses`` the entry a reversing entry cancels (at most one)."""

    __tablename__ = "account_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10))
    entry_date: Mapped[dt.date] = mapped_column(Date, index=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
    signer: Mapped[str | None] = mapped_column(String(80))
    bill_no: Mapped[str | None] = mapped_column(String(40))
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id", ondelete="SET NULL"), index=True)
    method: Mapped[str | None] = mapped_column(String(10))
    reference: Mapped[str | None] = mapped_column(String(80))
    reverses: Mapped[int | None] = mapped_column(ForeignKey("account_entries.id", ondelete="CASCADE"), unique=True)
    note: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str | None] = mapped_column(String(80))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class AccountAllocationRow(Base):
    """Which charge a payment paid, and how much of it."""

    __tablename__ = "account_allocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("account_entries.id", ondelete="CASCADE"), index=True)
    charge_id: Mapped[int] = mapped_column(ForeignKey("account_entries.id", ondelete="CASCADE"), index=True)
    amount_fen: Mapped[int] = mapped_column(BigInteger)
