"""An import's batch row (its file, when, its counts) and the lookups an import's matching makes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from guestcard.storage.models import CustomerRow, ImportBatchRow

_LOOKUP_CHUNK = 500  # values per IN (...): well under SQLite's bound-parameter limit


@dataclass(frozen=True)
class BatchInfo:
    id: int
    file_name: str
    imported_at: dt.datetime
    rows: int
    imported: int
    updated: int
    skipped: int
    undone_at: dt.datetime | None


class CandidateCard(NamedTuple):
    """An existing card an incoming row may be: what the duplicate rules compare (a tuple: one
    is made for every card a chunk's lookups find)."""

    id: int
    phone: str | None
    name: str
    company: str | None
    birthday: str | None  # ISO, as stored


def start_batch(session: Session, file_name: str, file_hash: str) -> int:
    """A new batch row (its counts zero until ``finish_batch``); its id."""
    batch = ImportBatchRow(file_name=file_name, file_hash=file_hash, imported_at=dt.datetime.now(),
                           rows=0, imported=0, updated=0, skipped=0)
    session.add(batch)
    session.flush()
    return batch.id


def finish_batch(session: Session, batch_id: int, *, rows: int, imported: int, updated: int, skipped: int) -> None:
    """The batch's counts, once its rows are written."""
    batch = session.get(ImportBatchRow, batch_id)
    assert batch is not None
    batch.rows, batch.imported, batch.updated, batch.skipped = rows, imported, updated, skipped


def list_batches(session: Session) -> list[BatchInfo]:
    """Every import, the newest first."""
    rows = session.scalars(select(ImportBatchRow).order_by(ImportBatchRow.id.desc()))
    return [BatchInfo(r.id, r.file_name, r.imported_at, r.rows, r.imported, r.updated, r.skipped, r.undone_at)
            for r in rows]


def cards_with_phone_or_name(session: Session, phones: Iterable[str], names: Iterable[str]) -> Iterator[CandidateCard]:
    """The cards having one of the phones, then those having one of the names (indexed queries,
    in chunks; each by id). A card may come twice."""
    columns = (CustomerRow.id, CustomerRow.phone, CustomerRow.name, CustomerRow.company, CustomerRow.birthday)
    for wanted, column in ((phones, CustomerRow.phone), (names, CustomerRow.name)):
        values = list(wanted)
        for start in range(0, len(values), _LOOKUP_CHUNK):
            chunk = values[start : start + _LOOKUP_CHUNK]
            statement = select(*columns).where(column.in_(chunk)).order_by(CustomerRow.id)
            for customer_id, phone, name, company, birthday in session.execute(statement):
                yield CandidateCard(customer_id, phone, name, company, birthday)
