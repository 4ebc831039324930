"""The accounts' paperwork: the monthly statement PDF (one account, or all of them in one file or
one file each) and the ledger workbook."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from guestcard.domain import ledger
from guestcard.io.ledger_export import LedgerOfAccount, write_ledger_xlsx
from guestcard.printing.statement import Letterhead, render_statements
from guestcard.services import accounts
from guestcard.settings import load_settings
from guestcard.storage import Database
from guestcard.storage import accounts as store
from guestcard.storage import customers as customer_store


def letterhead_from_settings(restaurant: str | None = None) -> Letterhead:
    """The hotel's name (and the lines under it, when the settings have them) for the top of a statement."""
    settings = load_settings()
    name = restaurant if restaurant is not None else settings.restaurant_name
    # The cards' letterhead settings: the address and phone under the name.
    contact = "  ·  ".join(t.strip() for t in (settings.hotel_address, settings.hotel_phone) if t.strip())
    lines = (contact,) if contact else ()
    return Letterhead(name=name or "", lines=lines)


def print_statement(db: Database, customer_id: int, month: dt.date, out: Path, *, lang: str = "zh",
                    letterhead: Letterhead | None = None) -> int:
    """One account's statement of ``month`` into ``out``; the pages written."""
    statement = accounts.statement(db, customer_id, month)
    return render_statements(out, [statement], letterhead or letterhead_from_settings(), lang=lang)


def _file_name(statement: ledger.MonthStatement) -> str:
    safe = re.sub(r'[\\/:*?"<>|\s]+', "_", statement.customer_name).strip("._") or "account"
    return f"{statement.month:%Y-%m}_{statement.account.customer_id}_{safe[:60]}.pdf"


def print_all_statements(db: Database, month: dt.date, out: Path, *, each: bool = False, lang: str = "zh",
                         letterhead: Letterhead | None = None) -> list[Path]:
    """Every account with something in ``month``: into the one PDF ``out``, or with ``each`` one
    PDF per account in the folder ``out``. The files written."""
    found = accounts.statements(db, month)
    head = letterhead or letterhead_from_settings()
    if not each:
        render_statements(out, found, head, lang=lang)
        return [out]
    out.mkdir(parents=True, exist_ok=True)
    if not found:
        render_statements(out / "none.pdf", found, head, lang=lang)  # raises "nothing to print"
    written = []
    for statement in found:
        target = out / _file_name(statement)
        render_statements(target, [statement], head, lang=lang)
        written.append(target)
    return written


def export_ledger(db: Database, out: Path, *, customer_id: int | None = None, lang: str = "zh",
                  on: dt.date | None = None) -> int:
    """Every entry (of one account, or of all) and the ageing into an .xlsx; the entries written."""
    day = on or dt.date.today()
    with db.session() as session:
        found = ([store.get_account(session, customer_id)] if customer_id is not None
                 else store.list_accounts(session))
        names = {c.id: c.name for c in customer_store.get_customers(session, [a.customer_id for a in found])}
        entries, allocations = store.all_entries(session), store.all_allocations(session)
    ledgers = [
        LedgerOfAccount(a, names.get(a.customer_id, ""), entries.get(a.id or 0, []),
                        ledger.standing(a, entries.get(a.id or 0, []), allocations.get(a.id or 0, []), day))
        for a in found
    ]
    write_ledger_xlsx(out, ledgers, lang=lang)
    return sum(len(item.entries) for item in ledgers)
