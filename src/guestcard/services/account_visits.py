"""Which corporate accounts a guest's visit can be put on (签单), for the window's visit dialog:
every open account, those the guest has to do with first — the company itself, an account the
guest may sign for (by card or by name), the company the guest works for (a relation, or the
card's company) — each with who may sign, the balance and the limit, and the signer to propose."""

from __future__ import annotations

from dataclasses import dataclass

from guestcard.domain.model import Customer
from guestcard.services import accounts
from guestcard.storage import CustomerFilter, Database, history
from guestcard.storage import customers as customer_store


@dataclass(frozen=True)
class AccountChoice:
    customer_id: int  # the company's card
    name: str
    signers: tuple[str, ...]  # empty: anyone may sign
    balance_fen: int
    limit_fen: int
    related: bool  # the guest is the company, signs for it or works there
    signer: str | None  # whom to propose as the signer: the guest, when they may sign

    @property
    def available_fen(self) -> int:
        return self.limit_fen - self.balance_fen

    def passes_limit(self, amount_fen: int) -> bool:
        return self.balance_fen + amount_fen > self.limit_fen


def accounts_for(db: Database, customer_id: int) -> list[AccountChoice]:
    """The open accounts, the guest's own first (then by name); empty when there are none."""
    summaries, _total = accounts.overview(db)
    summaries = [s for s in summaries if s.account.closed_on is None]
    if not summaries:
        return []
    with db.session() as session:
        guest = customer_store.get_customer(session, customer_id)
        employers = {r.other_id for r in history.relations_of(session, customer_id)
                     if r.kind == "works_for" and not r.inverse}
    names = {n for n in (guest.name, guest.honorific) if n}
    choices = []
    for summary in summaries:
        account = summary.account
        by_card = next((s.name for s in account.signers if s.customer_id == customer_id), None)
        by_name = next((s.name for s in account.signers if s.name in names), None)
        signer = by_card or by_name
        if signer is None and not account.signers and guest.kind == "individual":
            signer = guest.honorific or guest.name  # anyone may sign: the guest did
        related = (account.customer_id == customer_id or by_card is not None or by_name is not None
                   or account.customer_id in employers
                   or bool(guest.company and guest.company.strip() == summary.name))
        choices.append(AccountChoice(account.customer_id, summary.name, tuple(s.name for s in account.signers),
                                     summary.standing.balance_fen, account.limit_fen, related, signer))
    choices.sort(key=lambda c: (not c.related, c.name))
    return choices


def company_people(db: Database, company_id: int, limit: int = 60) -> list[Customer]:
    """The person cards of a company's people: those who work for it (a relation), and those
    whose card names it as their company — the signers to offer for its account."""
    with db.session() as session:
        company = customer_store.get_customer(session, company_id)
        ids = [r.other_id for r in history.relations_of(session, company_id)
               if r.kind == "works_for" and r.inverse]
        found = {c.id: c for c in customer_store.get_customers(session, ids) if c.kind == "individual"}
        for person in customer_store.list_customers(
                session, CustomerFilter(query=company.name, kind="individual"), limit=limit):
            if person.company and person.company.strip() == company.name.strip():
                found.setdefault(person.id, person)
    return list(found.values())[:limit]


def find_people(db: Database, text: str, limit: int = 20) -> list[Customer]:
    """Person cards for a search (name, pinyin, phone), to pick a signer from."""
    if not text.strip():
        return []
    with db.session() as session:
        return customer_store.list_customers(session, CustomerFilter(query=text, kind="individual"), limit=limit)
