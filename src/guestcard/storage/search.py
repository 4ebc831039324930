"""Finding customers by one query string: name, pinyin, initials, phone fragments, any text.

Ranking: exact name, then exact full pinyin, then names starting with the query, then names
(or their pinyin) containing it, then matches anywhere else. Every step is an indexed query with a
LIMIT, so a one-character query over 100,000 customers stays well under a millisecond or two.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, and_, column, exists, or_, select, table, text
from sqlalchemy.orm import Session

from guestcard.storage import search_index
from guestcard.storage.models import CustomerRow, TagRow, customer_tags


@dataclass(frozen=True)
class CustomerFilter:
    """What the customer list shows: a search query and the class/kind/tag filters."""

    query: str = ""
    customer_class: str | None = None
    kind: str | None = None
    tag: str | None = None

    @property
    def has_query(self) -> bool:
        return bool(self.query.strip())


def _filtered(statement: Select, flt: CustomerFilter) -> Select:
    if flt.customer_class:
        statement = statement.where(CustomerRow.customer_class == flt.customer_class)
    if flt.kind:
        statement = statement.where(CustomerRow.kind == flt.kind)
    if flt.tag:
        statement = statement.where(
            exists().where(
                customer_tags.c.customer_id == CustomerRow.id,
                customer_tags.c.tag_id == TagRow.id,
                TagRow.name == flt.tag,
            )
        )
    return statement


_FTS = table("customer_fts", column("rowid"))


def _fts_ids(session: Session, match: str, flt: CustomerFilter, limit: int) -> list[int]:
    # Newest first in FTS5's own rowid order: it stops after `limit` hits instead of sorting all.
    statement = select(_FTS.c.rowid).where(text("customer_fts MATCH :match"))
    if flt.customer_class or flt.kind or flt.tag:
        statement = _filtered(statement.join(CustomerRow, CustomerRow.id == _FTS.c.rowid), flt)
    statement = statement.order_by(_FTS.c.rowid.desc()).limit(limit)
    return list(session.scalars(statement, {"match": match}))


def _like_ids(session: Session, words: Sequence[str], flt: CustomerFilter, limit: int) -> list[int]:
    """The portable path (PostgreSQL until it has its own index): every word somewhere."""
    columns = (CustomerRow.search_name, CustomerRow.search_other, CustomerRow.search_pinyin, CustomerRow.search_phone)
    conditions = [or_(*(column.contains(word, autoescape=True) for column in columns)) for word in words]
    statement = select(CustomerRow.id).where(and_(*conditions)).order_by(CustomerRow.id.desc()).limit(limit)
    return list(session.scalars(_filtered(statement, flt)))


def search_ids(session: Session, flt: CustomerFilter, limit: int = 200) -> list[int]:
    """Ids of the customers matching ``flt.query``, best first, at most ``limit``."""
    query = unicodedata.normalize("NFKC", flt.query).strip()
    if not query:
        return []
    found: dict[int, None] = {}

    def take(ids: Sequence[int]) -> bool:
        for customer_id in ids:
            found.setdefault(customer_id, None)
        return len(found) >= limit

    by_name = _filtered(select(CustomerRow.id), flt)
    if take(session.scalars(by_name.where(CustomerRow.name == query).limit(limit)).all()):
        return list(found)[:limit]
    folded = query.lower().replace(" ", "")
    if (
        folded.isascii()
        and folded.isalpha()
        and take(session.scalars(by_name.where(CustomerRow.name_pinyin == folded).limit(limit)).all())
    ):
        return list(found)[:limit]
    prefix = by_name.where(CustomerRow.name >= query, CustomerRow.name < query + "\U0010ffff")
    if take(session.scalars(prefix.order_by(CustomerRow.name).limit(limit)).all()):
        return list(found)[:limit]

    sqlite = session.get_bind().dialect.name == "sqlite"
    phone = search_index.phone_query(query)
    if phone is not None:
        if sqlite:
            take(_fts_ids(session, f'search_phone : "{phone}"*', flt, limit))
        else:
            take(_like_ids(session, [phone], flt, limit))
        return list(found)[:limit]
    terms = search_index.fts_terms(query)
    if not terms:
        return list(found)[:limit]
    if sqlite:
        name_match = "{search_name search_pinyin} : (" + " AND ".join(terms) + ")"
        if take(_fts_ids(session, name_match, flt, limit)):
            return list(found)[:limit]
        take(_fts_ids(session, " AND ".join(terms), flt, limit))
    else:
        take(_like_ids(session, search_index.spaced(query).split(" "), flt, limit))
    return list(found)[:limit]
