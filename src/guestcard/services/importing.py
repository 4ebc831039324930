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

import hashlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from guestcard.domain import Customer
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
from guestcard.storage import Database, audit
from guestcard.storage import customers as store
from guestcard.storage import import_batches as batches
from guestcard.storage.busy import long_write
from guestcard.storage.import_batches import BatchInfo
from guestcard.storage.import_photos import photos_of, write_import_photos
from guestcard.storage.import_records import record_history, record_import_changes, update_changes
from guestcard.storage.import_undo import undo_batch

DuplicatePolicy = Literal["update", "skip", "new"]
DUPLICATE_POLICIES: tuple[str, ...] = ("update", "skip", "new")
CHUNK = 2000

__all__ = [
    "DUPLICATE_POLICIES",
    "BatchInfo",
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

    def __init__(self, session: Any) -> None:  # (the session: services speak no SQLAlchemy of their own)
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
        found = batches.cards_with_phone_or_name(self.session, phones, names)
        for customer_id, phone, name, company, birthday in found:
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
        batch_id = batches.start_batch(session, path.name, _file_hash(path) if path.is_file() else "")
        matcher = _Matcher(session)
        cards: dict[str, int] = {}  # exported id (系统编号) → the card its row became
        pending: list[ParsedRow] = []
        total_rows: int | None = None
        deferred = ExitStack()  # a large file into a small database: the search index rebuilt once, at the end

        def flush() -> None:
            if report.rows == 0 and total_rows is not None and store.worth_rebuilding(session, total_rows):
                deferred.enter_context(store.search_index_deferred(session, keep=store.LOOKUP_INDEXES))
            _write_chunk(session, batch_id, pending, matcher, options, report, sheets, cards)
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
            _restore_history(session, batch_id, path, cards, report)
        for info in report.summary.sheets if report.summary else ():
            if info.header_row is not None:
                report.sheets.append(sheets.get(info.name, SheetReport(info.name)))
        batches.finish_batch(session, batch_id, rows=report.rows, imported=report.imported,
                             updated=report.updated, skipped=report.skipped)
        if options.dry_run:
            session.rollback()
        else:
            report.batch = batch_id
    yield report


def _restore_history(session: Any, batch_id: int, path: Path, cards: dict[str, int],
                     report: ImportReport) -> None:
    """Our export's visits and contacts onto the cards their ids became; their ids kept for undo."""
    report.history = restore_history(session, read_history_sheets(path), cards)
    if report.history.visit_ids or report.history.contact_ids:
        record_history(session, batch_id, report.history.visit_ids, report.history.contact_ids)


def _write_chunk(
    session: Any,
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
    changes = update_changes(batch_id, [before for before, _after in changed])  # as they were, before the inserts
    customers = [customer for _, customer in new]
    ids = store.bulk_insert_customers(session, customers, action="import", batch_id=batch_id) if new else []
    store.keep_statistics_fresh(session, len(ids))  # the next chunk's lookups planned for the table as it is
    matcher.settle(ids)
    for source, position in provisional:
        cards[source] = ids[position]
    for parsed, _ in new:
        sheets[parsed.sheet].imported += 1
        report.imported += 1
    record_import_changes(session, changes, batch_id, ids)
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


def list_batches(db: Database) -> list[BatchInfo]:
    with db.session() as session:
        return batches.list_batches(session)


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
        undone = undo_batch(session, batch_id)
    return UndoReport(batch_id, undone.removed, undone.restored, undone.kept)
