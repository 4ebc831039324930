"""Typed SQLAlchemy 2 models. Only storage sees these; services get plain dataclasses."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    LargeBinary,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from guestcard.storage.models_base import Base

customer_tags = Table(
    "customer_tags",
    Base.metadata,
    Column("customer_id", ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class CustomerRow(Base):
    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), default="individual")
    name: Mapped[str] = mapped_column(index=True)
    honorific: Mapped[str | None]
    gender: Mapped[str | None] = mapped_column(String(8))
    phone: Mapped[str | None] = mapped_column(String(32), index=True)
    email: Mapped[str | None]
    # "YYYY-MM-DD" or "--MM-DD"; *_md ("MM-DD") makes agenda look-ups an indexed IN.
    birthday: Mapped[str | None] = mapped_column(String(10))
    birthday_md: Mapped[str | None] = mapped_column(String(5), index=True)
    anniversary: Mapped[str | None] = mapped_column(String(10))
    anniversary_md: Mapped[str | None] = mapped_column(String(5), index=True)
    company: Mapped[str | None]
    position: Mapped[str | None]
    address: Mapped[str | None] = mapped_column(Text)
    customer_class: Mapped[str | None] = mapped_column("class", String(1), index=True)
    annual_spend_cents: Mapped[int | None]
    favorite_dishes: Mapped[str | None] = mapped_column(Text)
    favorite_drinks: Mapped[str | None] = mapped_column(Text)
    allergies: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    owner: Mapped[str | None] = mapped_column(String(80), index=True)  # 归属: a staff member's name
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)
    raw: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # Search material, derived on every write (storage.search_index); FTS5 indexes it on SQLite
    # (search_phones by trigrams), pg_trgm on PostgreSQL; the short ASCII terms (whole-name pinyin,
    # initials) are rows of search_terms.
    search_name: Mapped[str | None] = mapped_column(Text)
    search_other: Mapped[str | None] = mapped_column(Text)
    search_pinyin: Mapped[str | None] = mapped_column(Text)
    search_phones: Mapped[str | None] = mapped_column(Text)
    # The name's place in a Chinese address book (pinyin, syllable by syllable): what "by name" sorts by.
    name_sort: Mapped[str | None] = mapped_column(Text, index=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)

    tags: Mapped[list[TagRow]] = relationship(secondary=customer_tags, lazy="selectin", order_by="TagRow.name")
    visits: Mapped[list[VisitRow]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", passive_deletes=True
    )
    contacts: Mapped[list[ContactRow]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", passive_deletes=True
    )

    __mapper_args__ = {"version_id_col": version}


class SearchTermRow(Base):
    """Whole-name pinyin and initials of a customer, for prefix range scans."""

    __tablename__ = "search_terms"
    __table_args__ = {"sqlite_with_rowid": False}

    term: Mapped[str] = mapped_column(String(40), primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class TagRow(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)


class VisitRow(Base):
    __tablename__ = "visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    party_size: Mapped[int | None]
    room: Mapped[str | None] = mapped_column(String(80))
    occasion: Mapped[str | None]
    spend_cents: Mapped[int | None]
    dishes: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)

    customer: Mapped[CustomerRow] = relationship(back_populates="visits")


class ContactRow(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    channel: Mapped[str | None] = mapped_column(String(40))
    key_points: Mapped[str | None] = mapped_column(Text)
    intent: Mapped[str | None] = mapped_column(String(80))
    next_follow_up: Mapped[dt.date | None] = mapped_column(Date, index=True)
    follow_up_done: Mapped[bool] = mapped_column(default=False)

    customer: Mapped[CustomerRow] = relationship(back_populates="contacts")


class RelationRow(Base):
    __tablename__ = "relations"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    other_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None]


Index("ix_customers_company", CustomerRow.company)


class ImportBatchRow(Base):
    """One import of a spreadsheet: what came in, and whether it was undone."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    file_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    rows: Mapped[int]
    imported: Mapped[int]
    updated: Mapped[int]
    skipped: Mapped[int]
    undone_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ImportChangeRow(Base):
    """A customer an import created, or updated (with the card as it was before)."""

    __tablename__ = "import_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("import_batches.id", ondelete="CASCADE"), index=True)
    customer_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(10))  # "created" | "updated"
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class PhotoRow(Base):
    """A customer's photo (JPEG or PNG), kept apart so customer rows stay small."""

    __tablename__ = "customer_photos"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), primary_key=True)
    image: Mapped[bytes] = mapped_column(LargeBinary)
    media_type: Mapped[str] = mapped_column(String(40))


class ChangeRow(Base):
    """The audit trail: every change to a customer, field by field (deleted with the customer)."""

    __tablename__ = "customer_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(20))
    field: Mapped[str | None] = mapped_column(String(200))
    old: Mapped[Any | None] = mapped_column(JSON)
    new: Mapped[Any | None] = mapped_column(JSON)
    batch_id: Mapped[int | None]
    by: Mapped[str | None] = mapped_column(String(80))  # who made the change (the current user)


from guestcard.storage import models_accounts as _models_accounts  # noqa: E402,F401  (corporate accounts)
from guestcard.storage import models_merging as _models_merging  # noqa: E402,F401  (merges, not-duplicate pairs)
from guestcard.storage import models_staff as _models_staff  # noqa: E402,F401  (staff, intent levels, register)
