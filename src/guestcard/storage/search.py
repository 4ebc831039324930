"""Finding customers by one query string: name, pinyin, initials, phone fragments, any text.

Ranking: exact name; for digits, the exact phone number, then numbers ending in the digits, then
numbers holding them anywhere; for other text, exact pinyin or initials, names starting with the
query, pinyin terms starting with it, names containing it, then matches anywhere else. Every step
is an indexed query with a LIMIT.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, exists, or_, select
from sqlalchemy.orm import Session

from guestcard.storage import search_index
from guestcard.storage.models import CustomerRow, SearchTermRow, TagRow, customer_tags


def name_sort_key(name: str) -> str:
    """A key ordering names as a Chinese address book does, the order of the list's name column
    (for the services that sort what they list; the pinyin itself is ``search_index``'s)."""
    return search_index.name_sort_key(name)


@dataclass(frozen=True)
class CustomerFilter:
    """What the customer list shows: a search query and the class/kind/tag filters."""

    query: str = ""
    customer_class: str | None = None
    kind: str | None = None
    tag: str | None = None
    owner: str | None = None  # one account manager's guests ("my guests")

    @property
    def has_query(self) -> bool:
        return bool(self.query.strip())


def name_order(session: Session) -> Any:
    """``name_sort`` compared bytewise, as its key is made to be (PostgreSQL's locale collations
    would skip its separators)."""
    column = CustomerRow.name_sort
    return column.collate("C") if session.get_bind().dialect.name == "postgresql" else column


def _filtered(statement: Select, flt: CustomerFilter) -> Select:
    if flt.customer_class:
        statement = statement.where(CustomerRow.customer_class == flt.customer_class)
    if flt.kind:
        statement = statement.where(CustomerRow.kind == flt.kind)
    if flt.owner:
        statement = statement.where(CustomerRow.owner == flt.owner)
    if flt.tag:
        statement = statement.where(
            exists().where(
                customer_tags.c.customer_id == CustomerRow.id,
                customer_tags.c.tag_id == TagRow.id,
                TagRow.name == flt.tag,
            )
        )
    return statement


def _filtered_ids(statement: Select, id_column: Any, flt: CustomerFilter) -> Select:
    """Apply the class/kind/tag filters to a select of ids from a table other than customers."""
    if flt.customer_class or flt.kind or flt.tag or flt.owner:
        statement = _filtered(statement.join(CustomerRow, CustomerRow.id == id_column), flt)
    return statement


def search_ids(session: Session, flt: CustomerFilter, limit: int = 200) -> list[int]:
    """Ids of the customers matching ``flt.query``, best first, at most ``limit``."""
    query = unicodedata.normalize("NFKC", flt.query).strip()
    if not query:
        return []
    if session.get_bind().dialect.name == "sqlite":
        return _sqlite_search(session, query, flt, limit)
    return _portable_search(session, query, flt, limit)


def _filter_sql(flt: CustomerFilter) -> tuple[str, list[Any]]:
    sql, params = "", []
    if flt.customer_class:
        sql, params = sql + " AND c.class = ?", [*params, flt.customer_class]
    if flt.kind:
        sql, params = sql + " AND c.kind = ?", [*params, flt.kind]
    if flt.owner:
        sql, params = sql + " AND c.owner = ?", [*params, flt.owner]
    if flt.tag:
        sql += (
            " AND EXISTS (SELECT 1 FROM customer_tags ct JOIN tags t ON t.id = ct.tag_id"
            " WHERE ct.customer_id = c.id AND t.name = ?)"
        )
        params.append(flt.tag)
    return sql, params


def _sqlite_search(session: Session, query: str, flt: CustomerFilter, limit: int) -> list[int]:
    """The ranked steps as plain SQL on the driver's cursor, stopping as soon as ``limit`` ids are
    found: search-as-you-type runs this on every keystroke, and SQLAlchemy's statement building
    would cost more than SQLite's own work here."""
    where, params = _filter_sql(flt)
    join = " JOIN customers c ON c.id = {0}" if where else ""
    steps: list[tuple[str, list[Any]]] = [
        (f"SELECT c.id FROM customers c WHERE c.name = ?{where} LIMIT ?", [query, *params]),
    ]
    phone = search_index.phone_query(query)
    if phone is not None:
        steps.append((f"SELECT c.id FROM customers c WHERE c.phone = ?{where} LIMIT ?", [phone, *params]))
        steps.append(
            (
                f"SELECT s.customer_id FROM search_terms s{join.format('s.customer_id')} "
                f"WHERE s.term >= ? AND s.term < ?{where} LIMIT ?",
                [*search_index.ending_range(phone), *params],
            )
        )
    term = search_index.term_query(query)
    if term is not None:
        steps.append(
            (
                f"SELECT s.customer_id FROM search_terms s{join.format('s.customer_id')} "
                f"WHERE s.term = ?{where} LIMIT ?",
                [term, *params],
            )
        )
    steps.append(
        (
            f"SELECT c.id FROM customers c WHERE c.name >= ? AND c.name < ?{where} ORDER BY c.name LIMIT ?",
            [query, query + "\U0010ffff", *params],
        )
    )
    if term is not None:
        # "{" sorts right after the last letter: [term, term + "{") is the prefix.
        steps.append(
            (
                f"SELECT s.customer_id FROM search_terms s{join.format('s.customer_id')} "
                f"WHERE s.term >= ? AND s.term < ?{where} LIMIT ?",
                [term, term + "{", *params],
            )
        )
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    found: dict[int, None] = {}
    try:
        for sql, step_params in steps:
            for (customer_id,) in cursor.execute(sql, (*step_params, limit)):
                found.setdefault(customer_id, None)
            if len(found) >= limit:
                return list(found)[:limit]
        if phone is not None:
            # The trigram index finds the digits anywhere in a number.
            in_phones = (f"SELECT f.rowid FROM customer_phone_fts f{join.format('f.rowid')} "
                         f"WHERE customer_phone_fts MATCH ?{where} ORDER BY f.rowid DESC LIMIT ?")
            for (customer_id,) in cursor.execute(in_phones, (search_index.quote(phone), *params, limit)):
                found.setdefault(customer_id, None)
        else:
            fts_terms = search_index.fts_terms(query)
            if fts_terms:
                _fts_steps(cursor, fts_terms, join, where, params, limit, found)
    finally:
        cursor.close()
    return list(found)[:limit]


def _fts_steps(
    cursor: Any, terms: list[str], join: str, where: str, params: list[Any], limit: int, found: dict[int, None]
) -> None:
    """Matches anywhere, the ones whose name (or its pinyin) matches first. Names have an FTS5
    index of their own, the other text another: each step reads only the posting lists it needs,
    in FTS5's own rowid order (newest first), stopping after ``limit`` hits instead of sorting."""
    match = " AND ".join(terms)
    in_names = (f"SELECT f.rowid FROM customer_name_fts f{join.format('f.rowid')} "
                f"WHERE customer_name_fts MATCH ?{where} ORDER BY f.rowid DESC LIMIT ?")
    for (customer_id,) in cursor.execute(in_names, (match, *params, limit)):
        found.setdefault(customer_id, None)
    if len(found) >= limit:
        return
    if len(terms) == 1:
        elsewhere = (f"SELECT f.rowid FROM customer_other_fts f{join.format('f.rowid')} "
                     f"WHERE customer_other_fts MATCH ?{where} ORDER BY f.rowid DESC LIMIT ?")
        rows = cursor.execute(elsewhere, (match, *params, limit))
    else:  # every word somewhere: in the name or in the other text
        each = " AND ".join(
            "(c.id IN (SELECT rowid FROM customer_name_fts WHERE customer_name_fts MATCH ?)"
            " OR c.id IN (SELECT rowid FROM customer_other_fts WHERE customer_other_fts MATCH ?))"
            for _term in terms
        )
        anywhere = f"SELECT c.id FROM customers c WHERE {each}{where} ORDER BY c.id DESC LIMIT ?"
        rows = cursor.execute(anywhere, (*(t for term in terms for t in (term, term)), *params, limit))
    for (customer_id,) in rows:
        found.setdefault(customer_id, None)


def _portable_search(session: Session, query: str, flt: CustomerFilter, limit: int) -> list[int]:
    """Other databases (PostgreSQL until it has its own index): the same ranking with LIKE."""
    steps: list[Select] = []
    ids = _filtered(select(CustomerRow.id), flt)
    steps.append(ids.where(CustomerRow.name == query).limit(limit))
    phone = search_index.phone_query(query)
    terms = SearchTermRow.__table__.c
    if phone is not None:
        steps.append(ids.where(CustomerRow.phone == phone).limit(limit))
        start, end = search_index.ending_range(phone)
        ending = select(terms.customer_id).where(terms.term >= start, terms.term < end)
        steps.append(_filtered_ids(ending, terms.customer_id, flt).limit(limit))
    term = search_index.term_query(query)
    if term is not None:
        steps.append(
            _filtered_ids(select(terms.customer_id).where(terms.term == term), terms.customer_id, flt).limit(limit)
        )
    steps.append(
        ids.where(CustomerRow.name >= query, CustomerRow.name < query + "\U0010ffff")
        .order_by(CustomerRow.name)
        .limit(limit)
    )
    if term is not None:
        prefix = select(terms.customer_id).where(terms.term >= term, terms.term < term + "{")
        steps.append(_filtered_ids(prefix, terms.customer_id, flt).limit(limit))
    found: dict[int, None] = {}
    for statement in steps:
        for customer_id in session.scalars(statement):
            found.setdefault(customer_id, None)
        if len(found) >= limit:
            return list(found)[:limit]
    if phone is not None:  # pg_trgm's index answers the LIKE
        in_phones = ids.where(CustomerRow.search_phones.contains(phone, autoescape=True))
        for customer_id in session.scalars(in_phones.order_by(CustomerRow.id.desc()).limit(limit)):
            found.setdefault(customer_id, None)
    else:
        for customer_id in session.scalars(_like(ids, search_index.spaced(query).split(" ")).limit(limit)):
            found.setdefault(customer_id, None)
    return list(found)[:limit]


def _like(statement: Select, words: Sequence[str]) -> Select:
    """The portable path (PostgreSQL until it has its own index): every word somewhere."""
    columns = (CustomerRow.search_name, CustomerRow.search_other, CustomerRow.search_pinyin)
    conditions = [or_(*(c.contains(word, autoescape=True) for c in columns)) for word in words if word]
    return statement.where(and_(*conditions)).order_by(CustomerRow.id.desc())
