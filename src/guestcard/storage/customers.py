"""Customer rows in and out, always as ``Customer`` dataclasses. Functions take the caller's session."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from guestcard.domain.messages import Code, Refusal
from guestcard.domain.model import CORE_TEXT, IMPORTED_ATTRIBUTES, Customer
from guestcard.storage import audit
from guestcard.storage.convert import (
    CUSTOMER_VALUE_COLUMNS,
    customer_column_lists,
    customer_columns,
    row_to_customer,
    search_terms,
    terms_of,
    values_to_customer,
)
from guestcard.storage.fast_insert import insert_columns, insert_tuples, reserve_ids
from guestcard.storage.merge import VersionConflict, merged
from guestcard.storage.models import CustomerRow, ImportChangeRow, SearchTermRow, TagRow, customer_tags
from guestcard.storage.search import CustomerFilter, _filtered, name_order, search_ids


class NotFound(Refusal, LookupError):
    """No customer (visit, contact…) with that id (``Code.NO_CUSTOMER``…, the id)."""


def _tag_rows(session: Session, names: Iterable[str]) -> list[TagRow]:
    wanted = list(dict.fromkeys(n.strip() for n in names if n and n.strip()))
    if not wanted:
        return []
    existing = {t.name: t for t in session.scalars(select(TagRow).where(TagRow.name.in_(wanted)))}
    rows = []
    for name in wanted:
        row = existing.get(name)
        if row is None:
            row = TagRow(name=name)
            session.add(row)
        rows.append(row)
    return rows


def _row(session: Session, customer_id: int) -> CustomerRow:
    row = session.get(CustomerRow, customer_id)
    if row is None:
        raise NotFound(Code.NO_CUSTOMER, customer_id)
    return row


def _write_terms(session: Session, customer_id: int, customer: Customer, *, replacing: bool) -> None:
    if replacing:
        session.execute(delete(SearchTermRow).where(SearchTermRow.customer_id == customer_id))
    _insert_terms(session, [(t, customer_id) for t in search_terms(customer)])


def without_nul(customer: Customer) -> Customer:
    """The card without NUL characters in its text (PostgreSQL refuses them, SQLite keeps them:
    removed on both). An import removes and counts them as it reads; this catches the rest."""
    changes: dict[str, Any] = {}
    for attribute in CORE_TEXT:
        value = getattr(customer, attribute)
        if value.__class__ is str and "\x00" in value:
            changes[attribute] = value.replace("\x00", "")
    for name in ("fields", "extra", "raw"):
        values = getattr(customer, name)
        if any(v.__class__ is str and "\x00" in v for v in values.values()):
            changes[name] = {k: v.replace("\x00", "") if v.__class__ is str else v for k, v in values.items()}
    if any("\x00" in tag for tag in customer.tags):
        changes["tags"] = tuple(tag.replace("\x00", "") for tag in customer.tags)
    return replace(customer, **changes) if changes else customer


def insert_customer(session: Session, customer: Customer, *, action: str = "create") -> Customer:
    customer = without_nul(customer)
    row = CustomerRow(**customer_columns(customer))
    row.tags = _tag_rows(session, customer.tags)
    session.add(row)
    session.flush()
    _write_terms(session, row.id, customer, replacing=False)
    audit.record_created(session, [row.id], action)
    return row_to_customer(row)


def update_customer(
    session: Session,
    customer: Customer,
    *,
    expected_version: int | None = None,
    base: Customer | None = None,
    action: str = "edit",
    batch_id: int | None = None,
) -> Customer:
    """Write every field of ``customer`` over its row, recording each changed field in the audit
    trail under ``action``.

    ``base`` is the card as the caller read it (its version the one expected): if the row was
    saved elsewhere since, the caller's changes are merged into what is there now, and only a
    field changed on both sides is refused (``VersionConflict`` naming it). With only
    ``expected_version``, any change made elsewhere since is refused."""
    assert customer.id is not None
    customer = without_nul(customer)
    opened = expected_version if expected_version is not None else base.version if base is not None else None
    for _attempt in range(_MERGE_ATTEMPTS):
        row = _row(session, customer.id)
        before = row_to_customer(row)
        if opened is not None and row.version != opened:
            if base is None:
                raise VersionConflict(customer.id, opened, before)
            customer = merged(base, customer, before)
            base, opened = before, before.version
        try:  # (looking the tags up flushes the row already)
            for column, value in customer_columns(customer).items():
                if column != "created_at":
                    setattr(row, column, value)
            row.tags = _tag_rows(session, customer.tags)
            session.flush()
            _write_terms(session, customer.id, customer, replacing=True)
            audit.record_update(session, before, customer, action, batch_id)
        except StaleDataError:  # another writer saved between our read and our write
            session.rollback()
            if opened is None:  # the caller did not ask to be kept from overwriting: read afresh, write again
                base = before
            opened = before.version
            continue
        return row_to_customer(row)
    current = get_customer(session, customer.id)
    raise VersionConflict(customer.id, opened or 0, current)


_MERGE_ATTEMPTS = 5  # saves racing this one; each lost race merges afresh


def bulk_update_customers(
    session: Session,
    changes: Sequence[tuple[Customer, Customer]],
    *,
    action: str,
    batch_id: int | None = None,
    check_versions: bool = False,
) -> None:
    """Write many (as it was, as it becomes) cards at once: one executemany UPDATE (each row's
    version bumped), their search terms replaced, every changed field in the audit trail. For an
    import's updates: ``update_customer`` one by one costs a few milliseconds each.

    With ``check_versions`` a row is written only if its version is still the one read (``before``);
    if any was changed meanwhile by another writer, ``VersionConflict`` (the caller rolls back)."""
    plain = [(before, after) for before, after in changes if after.tags == before.tags]
    for before, after in (c for c in changes if c[1].tags != c[0].tags):  # rare: tags need their rows
        update_customer(session, after, action=action, batch_id=batch_id,
                        expected_version=before.version if check_versions else None)
    if not plain:
        return
    session.flush()
    table = cast(Table, CustomerRow.__table__)
    rows = []
    # Only the columns some card of the batch changes are set: a class accepted for 50,000 cards
    # then leaves the search columns alone, and the FTS5 triggers (AFTER UPDATE OF them) idle.
    changed: dict[str, None] = {"updated_at": None}
    for before, after in plain:
        columns = _table_row(customer_columns(after))
        was = _table_row(customer_columns(before, columns["updated_at"]))
        changed.update((name, None) for name, value in columns.items() if was[name] != value)
        # Parameters may not be named as the columns they set (SQLAlchemy keeps those names).
        values = {f"new_{name}": value for name, value in columns.items()}
        values["customer_id"] = after.id
        if check_versions:
            values["old_version"] = before.version
        rows.append(values)
    names = [name for name in changed if name not in ("created_at", "version")]
    wanted = {f"new_{name}" for name in names} | {"customer_id", "old_version"}
    rows = [{key: value for key, value in row.items() if key in wanted} for row in rows]
    statement = (
        update(table)
        .where(table.c.id == bindparam("customer_id"))
        .values({name: bindparam(f"new_{name}", type_=table.c[name].type) for name in names}
                | {"version": table.c.version + 1})
    )
    if check_versions:
        statement = statement.where(table.c.version == bindparam("old_version"))
        written = session.connection().execute(statement, rows).rowcount
        if written != len(rows):
            # Which card was it? Not the version (another writer bumps it alike): the time stamp
            # each row was given here is on the rows this UPDATE wrote, not on the other one.
            stamps = dict(session.execute(select(CustomerRow.id, CustomerRow.updated_at).where(
                CustomerRow.id.in_([before.id for before, _after in plain]))).all())
            stale = next((before for (before, _after), row in zip(plain, rows, strict=True)
                          if stamps.get(before.id) != row["new_updated_at"]), plain[0][0])
            assert stale.id is not None
            raise VersionConflict(stale.id, stale.version or 0, get_customer(session, stale.id))
    else:
        session.connection().execute(statement, rows)
    ids = [after.id for _before, after in plain]
    # The terms follow the name and the phones.
    retermed = [after for before, after in plain if search_terms(after) != search_terms(before)]
    for start in range(0, len(retermed), 500):
        chunk = [after.id for after in retermed[start : start + 500]]
        session.execute(delete(SearchTermRow).where(SearchTermRow.customer_id.in_(chunk)))
    _insert_terms(session, sorted((term, cast(int, after.id)) for after in retermed for term in search_terms(after)))
    audit.record_updates(session, plain, action, batch_id)
    # The session may hold these rows as they were: read them afresh when next asked for.
    for customer_id in ids:
        row = session.identity_map.get(session.identity_key(CustomerRow, customer_id))
        if row is not None:
            session.expire(row)


def delete_customer(session: Session, customer_id: int) -> None:
    """The customer and everything about them: visits, contacts, relations, tags, the audit
    trail (by cascade), the card as an import found it (kept for its undo), and — on SQLite —
    the words the search index still held ("forget this guest")."""
    session.delete(_row(session, customer_id))
    session.execute(delete(ImportChangeRow).where(ImportChangeRow.customer_id == customer_id))
    session.flush()
    _merge_search_index(session)


def _merge_search_index(session: Session) -> None:
    """FTS5 deletes by adding tombstones; the old terms stay in earlier segments until merged.
    'optimize' merges them away (0.1–0.3 s at 100,000 customers), and secure_delete zeroes the
    freed pages."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return
    for (index,) in connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%' "
        "AND sql LIKE '%content=''customers''%'"
    ).all():
        connection.exec_driver_sql(f"INSERT INTO \"{index}\"(\"{index}\") VALUES ('optimize')")


def get_customer(session: Session, customer_id: int) -> Customer:
    return row_to_customer(_row(session, customer_id))


def get_customers(session: Session, ids: Sequence[int]) -> list[Customer]:
    """Customers in the order of ``ids`` (missing ids are skipped): two plain queries per 500
    (the rows, their tags), no ORM objects — an import loads thousands at once."""
    table = cast(Table, CustomerRow.__table__)
    wanted = [table.c[name] for name in CUSTOMER_VALUE_COLUMNS]
    found: dict[int, Customer] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        tags: dict[int, list[str]] = {}
        for customer_id, tag in session.execute(
            select(customer_tags.c.customer_id, TagRow.name)
            .join(TagRow, TagRow.id == customer_tags.c.tag_id)
            .where(customer_tags.c.customer_id.in_(chunk))
            .order_by(customer_tags.c.customer_id, TagRow.name)
        ):
            tags.setdefault(customer_id, []).append(tag)
        for row in session.execute(select(*wanted).where(table.c.id.in_(chunk))).mappings():
            found[row["id"]] = values_to_customer(row, tuple(tags.get(row["id"], ())))
    return [found[i] for i in ids if i in found]


def list_customers(
    session: Session, flt: CustomerFilter = CustomerFilter(), *, limit: int | None = None, offset: int = 0
) -> list[Customer]:
    """Search results best first; without a query, every matching customer by name (pinyin order)."""
    if flt.has_query:
        ids = search_ids(session, flt, limit=(limit or 200) + offset)[offset:]
        return get_customers(session, ids)
    statement = _filtered(select(CustomerRow), flt).order_by(name_order(session), CustomerRow.name, CustomerRow.id)
    statement = statement.offset(offset).limit(limit)
    return [row_to_customer(row) for row in session.scalars(statement)]


def count_customers(session: Session, flt: CustomerFilter = CustomerFilter()) -> int:
    if flt.has_query:
        return len(search_ids(session, flt, limit=10_000))
    return session.scalar(_filtered(select(func.count(CustomerRow.id)), flt)) or 0


def find_by_phone(session: Session, phone: str) -> list[Customer]:
    rows = session.scalars(select(CustomerRow).where(CustomerRow.phone == phone).order_by(CustomerRow.id))
    return [row_to_customer(row) for row in rows]


def _table_row(columns: dict[str, Any]) -> dict[str, Any]:
    """ORM attribute names to table column names (``customer_class`` is the column ``class``)."""
    columns["class"] = columns.pop("customer_class")
    columns["version"] = 1
    return columns


_TERMS = cast(Table, SearchTermRow.__table__)


def bulk_insert_customers(
    session: Session,
    customers: Sequence[Customer],
    *,
    chunk: int = 5000,
    action: str = "create",
    batch_id: int | None = None,
) -> list[int]:
    """Insert many customers fast (one executemany per chunk; no ORM objects). Returns their ids."""
    now = dt.datetime.now()
    table = cast(Table, CustomerRow.__table__)
    sqlite = session.get_bind().dialect.name == "sqlite"
    ids: list[int] = []
    terms: list[tuple[str, int]] = []
    deferred = search_index_deferred(session) if worth_rebuilding(session, len(customers)) else nullcontext()
    with deferred:
        for start in range(0, len(customers), chunk):
            batch = customers[start : start + chunk]
            ids.extend(_insert_chunk(session, table, batch, now, sqlite, action, batch_id, terms))
        # All at once, in key order: the terms' primary key is their B-tree, filled front to back.
        terms.sort()
        _insert_terms(session, terms)
    return ids


def keep_statistics_fresh(session: Session, added: int) -> None:
    """On PostgreSQL, ANALYZE the customers table each time one transaction has doubled it: the
    planner still takes a table filled since its last statistics for nearly empty, and an import's
    lookups (phones and names IN …, chunk after chunk) become sequential scans (74% of a 100k
    import's time). ANALYZE runs inside the transaction and counts its own new rows."""
    if session.get_bind().dialect.name != "postgresql" or not added:
        return
    grown = session.info.get("grown_since_analyze", 0) + added
    known = session.info.get("analyzed_rows")
    if known is None:
        known = session.execute(select(func.count(CustomerRow.id))).scalar_one() - added
    if grown >= max(known, 1000):
        session.execute(text("ANALYZE customers"))
        known, grown = known + grown, 0
    session.info["grown_since_analyze"], session.info["analyzed_rows"] = grown, known


def _insert_terms(session: Session, pairs: list[tuple[str, int]]) -> None:
    """Rows of ``search_terms`` as (term, customer id) pairs."""
    insert_tuples(session, _TERMS, ("term", "customer_id"), pairs)  # nothing to convert


# The indexes an import reads as it writes: its duplicate lookups by phone and name, and its
# updates replacing a card's search terms. The other secondary indexes can wait for its end.
LOOKUP_INDEXES = frozenset({"ix_customers_name", "ix_customers_phone", "ix_search_terms_customer_id"})

# Below this many new rows the triggers index each row as it comes: a rebuild reads every customer.
_REBUILD_AT_LEAST = 2000


def worth_rebuilding(session: Session, adding: int) -> bool:
    """Whether ``adding`` new customers are better indexed by one rebuild afterwards than row by
    row: on SQLite, for a batch at least as large as what is there already."""
    connection = session.connection()
    if connection.dialect.name != "sqlite" or adding < _REBUILD_AT_LEAST or session.info.get("search_deferred"):
        return False
    return adding >= connection.exec_driver_sql("SELECT COUNT(*) FROM customers").scalar_one()


@contextmanager
def search_index_deferred(session: Session, *, drop_indexes: bool = True,
                          keep: Collection[str] = ()) -> Iterator[None]:
    """On SQLite: drop the search triggers (and, with ``drop_indexes``, the secondary B-tree
    indexes but those named in ``keep``), let the caller write, then rebuild the FTS5 indexes from
    the table and put everything back. All in the caller's transaction (SQLite's DDL is
    transactional): a crash midway rolls back to the old schema and index. An import keeps the
    indexes it looks phones and names up by as it goes (``LOOKUP_INDEXES``)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite" or session.info.get("search_deferred"):
        yield
        return
    # The search triggers, and the secondary B-tree indexes of the tables filled: one CREATE
    # INDEX sorts once, where row-by-row upkeep writes pages all over the file.
    # (Unique indexes stay: they check what comes in.)
    indexes_too = (
        " OR (type = 'index' AND tbl_name IN ('customers', 'search_terms') AND sql IS NOT NULL "
        "AND sql NOT LIKE 'CREATE UNIQUE%')"
        if drop_indexes
        else ""
    )
    dropped = connection.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE (type = 'trigger' AND tbl_name = 'customers' "
        f"AND name LIKE 'customers_search_%'){indexes_too}"
    ).all()
    dropped = [(kind, name, sql) for kind, name, sql in dropped if name not in keep]
    fts = [
        name
        for (name,) in connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%' "
            "AND sql LIKE '%content=''customers''%'"
        )
    ]
    driver = connection.connection.dbapi_connection
    if driver is not None and not driver.in_transaction:
        # The sqlite3 module opens its transaction only before a DML statement: DROP TRIGGER
        # would commit on its own. Open it now, so that all below commits or rolls back as one.
        connection.exec_driver_sql("BEGIN")
    for kind, name, _sql in dropped:
        connection.exec_driver_sql(f'DROP {kind.upper()} "{name}"')
    session.info["search_deferred"] = True
    try:
        yield
    except BaseException:
        # The caller rolls back (and the triggers come back with it); should it not, the index
        # must still follow later edits.
        for _kind, _name, sql in dropped:
            connection.exec_driver_sql(sql)
        raise
    finally:
        session.info.pop("search_deferred", None)
    for index in fts:
        connection.exec_driver_sql(f"INSERT INTO \"{index}\"(\"{index}\") VALUES ('rebuild')")
    for _kind, _name, sql in dropped:
        connection.exec_driver_sql(sql)


def _insert_chunk(
    session: Session,
    table: Table,
    batch: Sequence[Customer],
    now: dt.datetime,
    sqlite: bool,
    action: str,
    batch_id: int | None,
    terms: list[tuple[str, int]],
) -> list[int]:
    """One chunk in one executemany; its new ids. Its search terms are added to ``terms``."""
    if sqlite:
        # Ids handed out here keep SQLite on its fastest path (a plain executemany).
        first = (session.scalar(select(func.max(CustomerRow.id))) or 0) + 1
        new_ids = list(range(first, first + len(batch)))
    elif session.get_bind().dialect.name == "postgresql":  # ids from the sequence, the rows by COPY
        new_ids = reserve_ids(session, table, len(batch))
    else:  # a server database hands out ids itself, in parameter order
        rows = [_table_row(customer_columns(c, now)) for c in batch]
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        new_ids = list(session.execute(statement, rows).scalars())
        audit.record_created(session, new_ids, action, batch_id)
        for customer_id, row in zip(new_ids, rows, strict=True):
            terms.extend((term, customer_id) for term in terms_of(row["name"], row["search_phones"]))
        return new_ids
    columns = {"id": new_ids, **customer_column_lists(batch, now)}
    insert_columns(session, table, columns)
    if sqlite:
        audit.record_created_range(session, first, new_ids[-1], action, batch_id)
    else:
        audit.record_created(session, new_ids, action, batch_id)
    for customer_id, name, phones in zip(new_ids, columns["name"], columns["search_phones"], strict=True):
        terms.extend((term, customer_id) for term in terms_of(name, phones))
    for customer_id, customer in zip(new_ids, batch, strict=True):
        if customer.tags:  # rare in bulk input
            for tag in _tag_rows(session, customer.tags):
                session.flush()
                session.connection().execute(insert(customer_tags), {"customer_id": customer_id, "tag_id": tag.id})
    return new_ids


def all_tags(session: Session) -> list[str]:
    return list(session.scalars(select(TagRow.name).order_by(TagRow.name)))


def delete_unused_tags(session: Session) -> None:
    used = select(customer_tags.c.tag_id)
    session.execute(delete(TagRow).where(TagRow.id.not_in(used)))


def merge_values(existing: Customer, incoming: Customer) -> Customer:
    """Incoming non-empty values fill and update the existing card; nothing existing is blanked."""
    changes = {}
    for attr in IMPORTED_ATTRIBUTES:
        value = getattr(incoming, attr)
        if value not in (None, ""):
            changes[attr] = value
    return replace(
        existing,
        **changes,
        tags=tuple(dict.fromkeys((*existing.tags, *incoming.tags))),
        fields={**existing.fields, **{k: v for k, v in incoming.fields.items() if v not in (None, "", [])}},
        extra={**existing.extra, **{k: v for k, v in incoming.extra.items() if v not in (None, "")}},
        raw={**existing.raw, **incoming.raw},
    )
