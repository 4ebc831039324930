"""Importing a spreadsheet of guests as one transaction, with duplicates, dry run and undo.

``import_steps`` is a generator (the GUI runs it off the GUI thread): it yields ``Progress`` now
and then and, last, the ``ImportReport``. Nothing is written unless the whole file was read:
``ImportRefused`` (unusable file), ``ImportCancelled`` or any error rolls everything back.

Duplicates: an incoming row is the same customer as an existing one (or an earlier row of the
same file) when the normalised phones are equal, else when the names are identical and the
company or the birthday is too. ``update`` (default) fills in what the card lacks and keeps what
it says differently (the sheet's value noted in the card's history; ``services.import_merge``),
or, with ``overwrite``, lets the sheet's non-empty values replace the card's — nothing existing is
blanked either way —; ``skip`` leaves the card alone, ``new`` always creates. A matching row that
would change nothing is counted as skipped. Every field an update fills, replaces or keeps is in
``ImportReport.changes`` (old → new), for the dry run to show.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from guestcard.domain import Customer
from guestcard.domain.messages import Code
from guestcard.forms import FormLibrary
from guestcard.io import ImportRefused, ParsedRow, Progress, ReadSummary, RowIssue, read_customers
from guestcard.io.side_sheets import read_history_sheets
from guestcard.services.backup import backup_database
from guestcard.services.duplicates import ImportMatch, canonical, same_name_match
from guestcard.services.fewer_collections import fewer_collections
from guestcard.services.import_history import HistoryReport, restore_history
from guestcard.services.import_merge import (
    KEPT_ACTION,
    FieldChange,
    field_changes,
    merge_row,
    photo_action,
    photo_words,
    with_sheet_values,
)
from guestcard.storage import Database, NotFound, audit
from guestcard.storage import customers as store
from guestcard.storage import history as history_store
from guestcard.storage.busy import long_write
from guestcard.storage.convert import customer_from_snapshot, customer_snapshot
from guestcard.storage.import_photos import (
    PHOTO_ACTION,
    photos_of,
    showing_import_photo,
    undo_import_photos,
    write_import_photos,
)
from guestcard.storage.import_records import write_import_changes
from guestcard.storage.models import (
    ChangeRow,
    ContactRow,
    CustomerRow,
    ImportBatchRow,
    ImportChangeRow,
    PhotoRow,
    RelationRow,
    VisitRow,
)

DuplicatePolicy = Literal["update", "skip", "new"]
DUPLICATE_POLICIES: tuple[str, ...] = ("update", "skip", "new")
CHUNK = 2000
HISTORY_ACTION = "history"  # an import_changes row listing the visits and contacts an import added
_NOT_CARDS = (HISTORY_ACTION, PHOTO_ACTION)  # import_changes rows that are not a card created or updated

__all__ = [
    "DUPLICATE_POLICIES",
    "ImportCancelled",
    "ImportOptions",
    "ImportRefused",
    "ImportReport",
    "SheetReport",
    "import_file",
    "import_steps",
    "list_batches",
    "undo_import",
]


class ImportCancelled(Exception):
    """The user cancelled; nothing was written."""


@dataclass(frozen=True)
class ImportOptions:
    sheet: str | None = None
    mapping: Mapping[str, str | None] | None = None
    duplicates: DuplicatePolicy = "update"
    dry_run: bool = False
    backup_dir: Path | None = None  # where the backup before the import goes (default folder if None)
    header_row: int | None = None  # the row naming the columns (as Excel numbers it), instead of the one found
    overwrite: bool = False  # with "update": the sheet's values replace the card's where they differ


@dataclass
class SheetReport:
    name: str
    rows: int = 0
    imported: int = 0
    updated: int = 0
    skipped: int = 0


@dataclass(frozen=True)
class WeakMatch:
    """A row taken for an existing card by a weak rule only (the same name and birthday; a name
    spelt otherwise): the manager checks it, and merges or splits by hand if it was wrong."""

    sheet: str
    row: int
    customer_id: int
    reasons: tuple[str, ...]  # rule names of services.duplicates

    def to_json(self) -> dict[str, object]:
        return {"sheet": self.sheet, "row": self.row, "customer_id": self.customer_id, "reasons": list(self.reasons)}


@dataclass
class ImportReport:
    file: str
    rows: int = 0
    imported: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[RowIssue] = field(default_factory=list)
    batch: int | None = None
    sheets: list[SheetReport] = field(default_factory=list)
    summary: ReadSummary | None = None
    dry_run: bool = False
    changes: list[FieldChange] = field(default_factory=list)  # fields of existing cards, old → new
    # Rows matched to an existing card by a weak duplicate rule (services.duplicates): to check.
    weak_matches: list[WeakMatch] = field(default_factory=list)
    history: HistoryReport | None = None  # our export's visits and contacts, when the file has them

    @property
    def kept(self) -> int:
        """Values of existing cards kept although the sheet says otherwise."""
        return sum(1 for c in self.changes if c.action == "keep")

    def to_json(self) -> dict[str, object]:
        """The ``guestcard import --json`` contract."""
        return {
            "rows": self.rows,
            "imported": self.imported,
            "updated": self.updated,
            "skipped": self.skipped,
            "errors": [
                {"sheet": e.sheet, "row": e.row, "column": e.column, "level": e.level, "message": e.message}
                for e in self.errors
            ],
            "batch": self.batch,
            "kept": self.kept,
            "history": self.history.to_json() if self.history is not None else None,
            "changes": [c.to_json() for c in self.changes],
            "weak_matches": [m.to_json() for m in self.weak_matches],
            "sheets": [
                {"name": s.name, "rows": s.rows, "imported": s.imported, "updated": s.updated, "skipped": s.skipped}
                for s in self.sheets
            ],
        }


def _file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class _Matcher:
    """Finds the existing customer an incoming row is, in the database or earlier in the file.

    By phone, else by the very name with the duplicate rules (``same_name_match``): each name's
    cards are kept as (id, canonical company, ISO birthday)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_phone: dict[str, int] = {}
        self.by_name: dict[str, list[tuple[int, str, str | None]]] = {}
        self.provisional: list[Customer] = []  # remembered under a negative id, this chunk
        self.last_weak: ImportMatch | None = None

    def remember(self, customer_id: int, customer: Customer) -> None:
        if customer.phone:
            self.by_phone.setdefault(customer.phone, customer_id)
        birthday = customer.birthday.iso() if customer.birthday else None
        company = canonical(customer.company) if customer.company else ""
        self.by_name.setdefault(customer.name, []).append((customer_id, company, birthday))
        if customer_id < 0:
            self.provisional.append(customer)

    def settle(self, ids: Sequence[int]) -> None:
        """Replace the provisional ids (-1, -2, …) of a chunk's new customers by their real ids
        (only their entries: the whole index would be rewritten for every chunk otherwise)."""

        def real(customer_id: int) -> int:
            return ids[-customer_id - 1] if customer_id < 0 else customer_id

        for customer in self.provisional:
            if customer.phone and self.by_phone.get(customer.phone, 0) < 0:
                self.by_phone[customer.phone] = real(self.by_phone[customer.phone])
            entries = self.by_name.get(customer.name, [])
            if any(i < 0 for i, _c, _b in entries):
                self.by_name[customer.name] = [(real(i), c, b) for i, c, b in entries]
        self.provisional = []

    def preload(self, incoming: Sequence[Customer]) -> None:
        """Look the chunk's phones and names up in the database in two indexed queries."""
        phones = {c.phone for c in incoming if c.phone and c.phone not in self.by_phone}
        names = {c.name for c in incoming if c.name not in self.by_name}
        columns = (CustomerRow.id, CustomerRow.phone, CustomerRow.name, CustomerRow.company, CustomerRow.birthday)
        for chunk_values, column in ((phones, CustomerRow.phone), (names, CustomerRow.name)):
            values = list(chunk_values)
            for start in range(0, len(values), 500):
                statement = select(*columns).where(column.in_(values[start : start + 500])).order_by(CustomerRow.id)
                for customer_id, phone, name, company, birthday in self.session.execute(statement):
                    if phone:
                        self.by_phone.setdefault(phone, customer_id)
                    entries = self.by_name.setdefault(name, [])
                    if all(e[0] != customer_id for e in entries):
                        entries.append((customer_id, canonical(company) if company else "", birthday))

    def match(self, customer: Customer) -> int | None:
        self.last_weak = None  # the match just made, when only a weak rule made it
        if customer.phone and customer.phone in self.by_phone:
            return self.by_phone[customer.phone]
        # The same name: the duplicate rules decide (name and company; name and birthday, weak).
        entries = self.by_name.get(customer.name)
        if not entries:
            return None
        company = canonical(customer.company) if customer.company else ""
        birthday = customer.birthday.iso() if customer.birthday else None
        found = same_name_match(company, birthday, customer.name, entries)
        self.last_weak = found if found is not None and found.weak else None
        return found.customer_id if found is not None else None


def import_steps(
    db: Database,
    library: FormLibrary,
    path: Path,
    options: ImportOptions = ImportOptions(),
    *,
    cancelled: Callable[[], bool] = lambda: False,
) -> Iterator[Progress | ImportReport]:
    path = Path(path)
    if options.duplicates not in DUPLICATE_POLICIES:
        raise ValueError(f"duplicates: {options.duplicates!r} is not one of {', '.join(DUPLICATE_POLICIES)}")
    report = ImportReport(file=str(path), dry_run=options.dry_run)
    sheets: dict[str, SheetReport] = {}
    if not options.dry_run and db.is_sqlite and path.is_file():
        backup_database(db, options.backup_dir, reason="before-import")
    # Marked as a long write: other writers wait for its end (with a note) rather than fail.
    with fewer_collections(), long_write(db, "an import"), db.session() as session:
        batch = ImportBatchRow(
            file_name=path.name,
            file_hash=_file_hash(path) if path.is_file() else "",
            imported_at=dt.datetime.now(),
            rows=0,
            imported=0,
            updated=0,
            skipped=0,
        )
        session.add(batch)
        session.flush()
        matcher = _Matcher(session)
        cards: dict[str, int] = {}  # exported id (系统编号) → the card its row became
        pending: list[ParsedRow] = []
        total_rows: int | None = None
        deferred = ExitStack()  # a large file into a small database: the search index rebuilt once, at the end

        def flush() -> None:
            if report.rows == 0 and total_rows is not None and store.worth_rebuilding(session, total_rows):
                deferred.enter_context(store.search_index_deferred(session, keep=store.LOOKUP_INDEXES))
            _write_chunk(session, batch.id, pending, matcher, options, report, sheets, cards)
            pending.clear()

        with deferred:
            for item in read_customers(path, library, sheet=options.sheet, mapping=options.mapping,
                                       header_row=options.header_row):
                if cancelled():
                    raise ImportCancelled(f"{path}: import cancelled; nothing was written")
                if isinstance(item, ParsedRow):
                    pending.append(item)
                    if len(pending) >= CHUNK:
                        flush()
                elif isinstance(item, RowIssue):
                    report.errors.append(item)
                elif isinstance(item, Progress):
                    total_rows = item.total if total_rows is None else total_rows
                    yield item
                else:
                    report.summary = item
            flush()
        side_sheets = [s for s in (report.summary.sheets if report.summary else ())
                       if s.header_row is None and (s.note or "").startswith("visits or contacts")]
        if options.sheet is None and side_sheets:
            _restore_history(session, batch.id, path, cards, report)
        for info in report.summary.sheets if report.summary else ():
            if info.header_row is not None:
                report.sheets.append(sheets.get(info.name, SheetReport(info.name)))
        batch.rows, batch.imported = report.rows, report.imported
        batch.updated, batch.skipped = report.updated, report.skipped
        if options.dry_run:
            session.rollback()
        else:
            report.batch = batch.id
    yield report


def _restore_history(session: Session, batch_id: int, path: Path, cards: dict[str, int],
                     report: ImportReport) -> None:
    """Our export's visits and contacts onto the cards their ids became; their ids kept for undo."""
    report.history = restore_history(session, read_history_sheets(path), cards)
    if report.history.visit_ids or report.history.contact_ids:
        session.add(ImportChangeRow(batch_id=batch_id, customer_id=0, action=HISTORY_ACTION,
                                    before={"visits": report.history.visit_ids,
                                            "contacts": report.history.contact_ids}))
        session.flush()


def _write_chunk(
    session: Session,
    batch_id: int,
    rows: list[ParsedRow],
    matcher: _Matcher,
    options: ImportOptions,
    report: ImportReport,
    sheets: dict[str, SheetReport],
    cards: dict[str, int],
) -> None:
    """Write one chunk of parsed rows. A row repeating a customer created earlier in the same
    chunk updates that pending card (matched through a provisional negative id)."""
    if not rows:
        return
    policy = options.duplicates
    provisional: list[tuple[str, int]] = []  # (exported id, index in ``new``): its id known once inserted
    kept: list[tuple[Customer, Customer]] = []  # (card, card as the sheet has it in the fields kept)
    if policy != "new":
        matcher.preload([r.customer for r in rows])
    new: list[tuple[ParsedRow, Customer]] = []
    updated: dict[int, tuple[Customer, Customer]] = {}  # id → (as it was, as it becomes)
    card_photos: dict[int, bytes] = {}  # the photos of the cards rows with a photo match
    new_photos: dict[int, bytes] = {}  # card id → the photo a row gives it
    if policy == "update":  # the cards this chunk may update, in one query rather than one each
        wanted = {i for i in (matcher.match(r.customer) for r in rows) if i is not None and i > 0}
        for current in store.get_customers(session, sorted(wanted)):
            assert current.id is not None
            updated[current.id] = (current, current)
        if any(r.photo is not None for r in rows):
            card_photos = photos_of(session, wanted)
    for parsed in rows:
        sheet = sheets.setdefault(parsed.sheet, SheetReport(parsed.sheet))
        sheet.rows += 1
        report.rows += 1
        existing_id = matcher.match(parsed.customer) if policy != "new" else None
        if existing_id is not None and existing_id > 0 and matcher.last_weak is not None:
            report.weak_matches.append(WeakMatch(parsed.sheet, parsed.row, existing_id,
                                                 tuple(r.rule for r in matcher.last_weak.reasons)))
        if existing_id is None:
            new.append((parsed, parsed.customer))
            matcher.remember(-len(new), parsed.customer)
            if parsed.source_id is not None:
                provisional.append((parsed.source_id, len(new) - 1))
            continue
        if parsed.source_id is not None:
            if existing_id > 0:
                cards[parsed.source_id] = existing_id
            else:
                provisional.append((parsed.source_id, -existing_id - 1))
        if policy == "skip":
            sheet.skipped += 1
            report.skipped += 1
            continue
        if existing_id < 0:
            earlier, now = new[-existing_id - 1]
        else:
            if existing_id not in updated:
                current = store.get_customer(session, existing_id)
                updated[existing_id] = (current, current)
            before, now = updated[existing_id]
        merged, notes = merge_row(now, parsed.customer, overwrite=options.overwrite)
        takes_photo = False
        if parsed.photo is not None and existing_id < 0:  # a card of this file: its first photo, or the last
            takes_photo = earlier.photo is None or (options.overwrite and earlier.photo != parsed.photo)
            if takes_photo:
                earlier.photo = parsed.photo
        elif parsed.photo is not None:
            card_photo = new_photos.get(existing_id, card_photos.get(existing_id))
            action = photo_action(card_photo, parsed.photo, overwrite=options.overwrite)
            if action is not None:
                report.changes.append(FieldChange(parsed.sheet, parsed.row, existing_id, now.name, "photo",
                                                  photo_words(card_photo), photo_words(parsed.photo), action))
            takes_photo = action in ("fill", "replace")
            if takes_photo:
                new_photos[existing_id] = parsed.photo
        if existing_id > 0 and notes:
            report.changes.extend(field_changes(parsed.sheet, parsed.row, existing_id, now.name, notes))
            keeps = [note for note in notes if note[3] == "keep"]
            if keeps:
                kept.append((now, with_sheet_values(now, keeps, parsed.customer)))
        if merged == now and not takes_photo:  # the row says nothing the card does not already say
            sheet.skipped += 1
            report.skipped += 1
            continue
        if existing_id < 0:
            new[-existing_id - 1] = (earlier, merged)
        else:
            updated[existing_id] = (before, merged)
        sheet.updated += 1
        report.updated += 1
    changed = [(before, after) for before, after in updated.values() if after != before]
    store.bulk_update_customers(session, changed, action="import", batch_id=batch_id)
    audit.record_updates(session, kept, action=KEPT_ACTION, batch_id=batch_id)
    changes = [
        {"batch_id": batch_id, "customer_id": before.id, "action": "updated", "before": customer_snapshot(before)}
        for before, _after in changed
    ]
    customers = [customer for _, customer in new]
    ids = store.bulk_insert_customers(session, customers, action="import", batch_id=batch_id) if new else []
    store.keep_statistics_fresh(session, len(ids))  # the next chunk's lookups planned for the table as it is
    matcher.settle(ids)
    for source, position in provisional:
        cards[source] = ids[position]
    for customer_id, (parsed, _) in zip(ids, new, strict=True):
        sheets[parsed.sheet].imported += 1
        report.imported += 1
        changes.append({"batch_id": batch_id, "customer_id": customer_id, "action": "created", "before": None})
    write_import_changes(session, changes)  # one executemany for the chunk
    session.flush()
    placements = [(customer_id, photo, card_photos.get(customer_id)) for customer_id, photo in new_photos.items()]
    placements += [(customer_id, parsed.photo, None) for customer_id, (parsed, _) in zip(ids, new, strict=True)
                   if parsed.photo is not None]
    write_import_photos(session, batch_id, placements)


def import_file(
    db: Database,
    library: FormLibrary,
    path: Path,
    options: ImportOptions = ImportOptions(),
    *,
    progress: Callable[[Progress], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ImportReport:
    """Run an import to the end (see ``import_steps``)."""
    for item in import_steps(db, library, path, options, cancelled=cancelled):
        if isinstance(item, ImportReport):
            return item
        if progress is not None:
            progress(item)
    raise AssertionError("import_steps ended without a report")


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


def list_batches(db: Database) -> list[BatchInfo]:
    with db.session() as session:
        rows = session.scalars(select(ImportBatchRow).order_by(ImportBatchRow.id.desc()))
        return [
            BatchInfo(r.id, r.file_name, r.imported_at, r.rows, r.imported, r.updated, r.skipped, r.undone_at)
            for r in rows
        ]


@dataclass(frozen=True)
class UndoReport:
    batch: int
    removed: int
    restored: int
    # Cards worked on since the import (edited; or, for a new one, given a visit, contact,
    # relation or photo): left as they are, not removed or put back — that work is not lost.
    kept: tuple[int, ...] = ()


def undo_import(db: Database, batch_id: int, *, backup_dir: Path | None = None) -> UndoReport:
    """Remove the customers an import created and restore the ones it updated, as they were —
    except the cards worked on since the import, which are kept as they are (``UndoReport.kept``)."""
    if db.is_sqlite:
        backup_database(db, backup_dir, reason="before-undo")
    with db.session() as session:
        batch = session.get(ImportBatchRow, batch_id)
        if batch is None:
            raise NotFound(Code.NO_IMPORT_BATCH, batch_id)
        if batch.undone_at is not None:
            raise NotFound(Code.IMPORT_BATCH_UNDONE, batch_id, f"{batch.undone_at:%Y-%m-%d %H:%M}")
        changes = session.scalars(
            select(ImportChangeRow).where(ImportChangeRow.batch_id == batch_id).order_by(ImportChangeRow.id.desc())
        ).all()
        for change in changes:
            if change.action == HISTORY_ACTION and change.before:
                for visit_id in change.before.get("visits", ()):
                    if session.get(VisitRow, visit_id) is not None:
                        history_store.delete_visit(session, visit_id)
                for contact_id in change.before.get("contacts", ()):
                    if session.get(ContactRow, contact_id) is not None:
                        history_store.delete_contact(session, contact_id)
        session.flush()
        worked_on = _worked_on_since(session, batch_id, [c for c in changes if c.action not in _NOT_CARDS],
                                     showing_import_photo(session, changes))
        undo_import_photos(session, changes, worked_on)
        removed = restored = 0
        kept: list[int] = []
        for change in changes:
            if change.action == PHOTO_ACTION:
                continue
            row = session.get(CustomerRow, change.customer_id)
            if row is None:
                continue  # deleted by hand since: nothing to undo
            if change.customer_id in worked_on:
                kept.append(change.customer_id)
            elif change.action == "created":
                session.delete(row)
                removed += 1
            elif change.before is not None:
                before = customer_from_snapshot(change.before)
                store.update_customer(
                    session, replace(before, id=change.customer_id), action="undo-import", batch_id=batch_id
                )
                restored += 1
        session.flush()
        store.delete_unused_tags(session)
        batch.undone_at = dt.datetime.now()
        return UndoReport(batch_id, removed, restored, tuple(sorted(set(kept))))


def _worked_on_since(session: Session, batch_id: int, changes: Sequence[ImportChangeRow],
                     own_photos: set[int]) -> set[int]:
    """The customers of an import worked on after it: a change in their audit trail made after the
    import's last one by anything but this import; and, for the customers it created, any visit,
    contact, relation or photo (the import makes none but the photos ``own_photos`` still show)."""
    last = session.scalar(select(func.max(ChangeRow.id)).where(ChangeRow.batch_id == batch_id)) or 0
    ids = [change.customer_id for change in changes]
    created = [change.customer_id for change in changes if change.action == "created"]
    found: set[int] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        found.update(session.scalars(select(ChangeRow.customer_id).where(
            ChangeRow.customer_id.in_(chunk), ChangeRow.id > last,
            or_(ChangeRow.batch_id.is_(None), ChangeRow.batch_id != batch_id))))
    for start in range(0, len(created), 500):
        chunk = created[start : start + 500]
        for column in (VisitRow.customer_id, ContactRow.customer_id, RelationRow.customer_id,
                       RelationRow.other_id, PhotoRow.customer_id):
            ids_found = session.scalars(select(column).where(column.in_(chunk)).distinct())
            found.update(i for i in ids_found if column is not PhotoRow.customer_id or i not in own_photos)
    return found
