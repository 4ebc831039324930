"""Our export's visit and contact sheets (到店记录/Visits, 联系记录/Contacts) read back.

Each row names its customer by the exported id (系统编号/Record ID, the first column), which the
importer matches to the card the customers sheet's row of that id became. Columns are found by
their headers in either language (``io.export``'s words), so a sheet whose columns were moved or
partly deleted still reads. A row that cannot be read (no id, no date) is counted, not guessed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guestcard.domain import Contact, PartialDate, Visit
from guestcard.domain.values import parse_money, parse_partial_date
from guestcard.io.coerce import cell_text
from guestcard.io.export import WORDS as _WORDS
from guestcard.io.mapping import norm_header
from guestcard.io.readers import open_book

VISIT_KEYS = ("at", "party_size", "room", "occasion", "spend", "dishes", "notes")
CONTACT_KEYS = ("date", "channel", "key_points", "intent", "next_follow_up", "follow_up_done")


def _headers(kind: str, keys: tuple[str, ...]) -> dict[str, str]:
    found = {norm_header(words["id"]): "id" for words in _WORDS.values()}
    for words in _WORDS.values():
        found.update({norm_header(h): k for h, k in zip(words[kind], keys, strict=True)})
    return found


_VISIT_HEADERS = _headers("visit_cols", VISIT_KEYS)
_CONTACT_HEADERS = _headers("contact_cols", CONTACT_KEYS)
VISIT_SHEETS = {norm_header(w["visits"]) for w in _WORDS.values()}
CONTACT_SHEETS = {norm_header(w["contacts"]) for w in _WORDS.values()}


@dataclass
class HistorySheets:
    """The rows of the side sheets, each with the exported id of its customer (``customer_id`` 0)."""

    visits: list[tuple[str, Visit]] = field(default_factory=list)
    contacts: list[tuple[str, Contact]] = field(default_factory=list)
    unreadable: int = 0  # rows without an id or a date, or with a value that cannot be read

    @property
    def found(self) -> bool:
        return bool(self.visits or self.contacts or self.unreadable)


def _moment(value: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0)
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())
    text = cell_text(value).strip()
    with contextlib.suppress(ValueError):
        return dt.datetime.fromisoformat(text)
    day = parse_partial_date(text).to_date()
    if day is None:
        raise ValueError(f"{text} has no year")
    return dt.datetime.combine(day, dt.time())


def _day(value: Any) -> dt.date | None:
    if value in ("", None):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    parsed: PartialDate = parse_partial_date(cell_text(value))
    day = parsed.to_date()
    if day is None:
        raise ValueError(f"{value} has no year")
    return day


def _text(value: Any) -> str | None:
    return cell_text(value).strip() or None


def _int(value: Any) -> int | None:
    text = cell_text(value).strip()
    return int(float(text)) if text else None


def _visit(cells: dict[str, Any]) -> Visit:
    spend = cells.get("spend", "")
    return Visit(customer_id=0, at=_moment(cells["at"]), party_size=_int(cells.get("party_size", "")),
                 room=_text(cells.get("room", "")), occasion=_text(cells.get("occasion", "")),
                 spend=parse_money(spend if isinstance(spend, int | float) else cell_text(spend))
                 if cell_text(spend).strip() else None,
                 dishes=_text(cells.get("dishes", "")), notes=_text(cells.get("notes", "")))


def _contact(cells: dict[str, Any]) -> Contact:
    day = _day(cells["date"])
    if day is None:
        raise ValueError("no date")
    done = cell_text(cells.get("follow_up_done", "")).strip()
    return Contact(customer_id=0, date=day, channel=_text(cells.get("channel", "")),
                   key_points=_text(cells.get("key_points", "")), intent=_text(cells.get("intent", "")),
                   next_follow_up=_day(cells.get("next_follow_up", "")),
                   follow_up_done=done in ("✓", "是", "yes", "Yes", "TRUE", "1"))


def read_history_sheets(path: Path) -> HistorySheets:
    """The visits and contacts of our export's side sheets (none when the file has no such sheet)."""
    result = HistorySheets()
    book = open_book(Path(path))
    try:
        for name in book.sheet_names:
            normal = norm_header(name)
            if normal in VISIT_SHEETS:
                headers, make, into = _VISIT_HEADERS, _visit, result.visits
            elif normal in CONTACT_SHEETS:
                headers, make, into = _CONTACT_HEADERS, _contact, result.contacts
            else:
                continue
            rows = book.load(name).rows()
            first = next(rows, None)
            if first is None:
                continue
            columns = {col: headers[norm_header(cell_text(c))] for col, c in enumerate(first[1])
                       if norm_header(cell_text(c)) in headers}
            if "id" not in columns.values():
                continue
            for _number, cells in rows:
                values = {key: cells[col] if col < len(cells) else "" for col, key in columns.items()}
                source = cell_text(values.get("id", "")).strip()
                if not source and not any(cell_text(v).strip() for v in values.values()):
                    continue
                try:
                    if not source:
                        raise ValueError("no id")
                    into.append((source.removesuffix(".0"), make(values)))  # type: ignore[arg-type]
                except (ValueError, KeyError, ArithmeticError):
                    result.unreadable += 1
    finally:
        with contextlib.suppress(Exception):
            book.close()
    return result
