"""Importing guestcard's own export restores its visits and contacts (到店记录/联系记录 sheets).

Each visit or contact names its card by the exported id (系统编号); the customers sheet's row of
that id became a card (new, or matched and updated), and the visit goes to that card. One the card
already has (a visit at the same time; a contact of the same day, channel and points) is not added
twice, so importing an export into the database it came from adds nothing. Relations between
guests are not in the export: the report says they are left out. The ids added are kept with the
import, so undoing it removes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any  # (the session: services speak no SQLAlchemy of their own)

from guestcard.io.side_sheets import HistorySheets
from guestcard.storage import history

LEFT_OUT = ("relations",)  # what an export does not carry, so its import cannot restore


@dataclass
class HistoryReport:
    visits: int = 0  # added
    contacts: int = 0
    present: int = 0  # already on the card
    unmatched: int = 0  # their id names no row of the customers sheet that was imported
    unreadable: int = 0
    left_out: tuple[str, ...] = LEFT_OUT
    visit_ids: list[int] = field(default_factory=list)
    contact_ids: list[int] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"visits": self.visits, "contacts": self.contacts, "already_there": self.present,
                "unmatched": self.unmatched, "unreadable": self.unreadable, "left_out": list(self.left_out)}


def restore_history(session: Any, sheets: HistorySheets, cards: Mapping[str, int]) -> HistoryReport:
    """Add the sheets' visits and contacts to the cards their exported ids became (see the module doc)."""
    report = HistoryReport(unreadable=sheets.unreadable)
    visits_known: dict[int, set[Any]] = {}
    for source, visit in sheets.visits:
        customer_id = cards.get(source)
        if customer_id is None:
            report.unmatched += 1
            continue
        known = visits_known.get(customer_id)
        if known is None:
            known = visits_known[customer_id] = {v.at for v in history.visits_of(session, customer_id)}
        if visit.at in known:
            report.present += 1
            continue
        known.add(visit.at)
        report.visit_ids.append(history.insert_visit(session, replace(visit, customer_id=customer_id)).id or 0)
        report.visits += 1
    contacts_known: dict[int, set[Any]] = {}
    for source, contact in sheets.contacts:
        customer_id = cards.get(source)
        if customer_id is None:
            report.unmatched += 1
            continue
        seen = contacts_known.get(customer_id)
        if seen is None:
            seen = contacts_known[customer_id] = {(c.date, c.channel, c.key_points)
                                                  for c in history.contacts_of(session, customer_id)}
        key = (contact.date, contact.channel, contact.key_points)
        if key in seen:
            report.present += 1
            continue
        seen.add(key)
        report.contact_ids.append(history.insert_contact(session, replace(contact, customer_id=customer_id)).id or 0)
        report.contacts += 1
    return report
