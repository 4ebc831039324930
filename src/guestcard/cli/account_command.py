"""``guestcard account …`` and ``guestcard statement``: corporate accounts (挂账) from the command line.

    guestcard account open CORP --limit 20000 --terms monthly:10 --signer 王总 --signer-card 12
    guestcard account charge CORP 2680 --signer 王总 --bill N-1120 [--over-limit]
    guestcard account pay CORP 5000 --method 转账 --reference HX-0910 [--charges 3,4]
    guestcard account reverse CORP ENTRY --note "wrong bill"
    guestcard account show CORP / list / set CORP --limit 15000 / export OUT.xlsx
    guestcard visit 12 --date 2026-11-20 --spend 2680 --on-account CORP --signer 王总 --bill N-1120
    guestcard statement CORP --month 2026-11 OUT.pdf   (or --all, one file; --all --each FOLDER)

CORP is the corporate customer's id or exact name.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guestcard.cli import output
from guestcard.cli.context import LANG_HELP, AddCommand, CommandError, Context
from guestcard.domain.values import cents_to_money, parse_money

if TYPE_CHECKING:
    from guestcard.domain.model import Visit
    from guestcard.services.accounts import AccountView


def _money(text: str | None, what: str) -> Any:
    try:
        return parse_money(text)
    except ValueError as exc:
        raise CommandError.of(exc, what) from None


def _day(text: str | None, what: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"{what}: {text!r} is not a date like 2026-12-01") from None


def _ids(text: str | None, what: str) -> list[int]:
    if not text:
        return []
    try:
        return [int(part) for part in text.replace("，", ",").split(",") if part.strip()]
    except ValueError:
        raise CommandError(f"{what}: {text!r} is not a list of numbers like 3,4") from None


def yuan(fen: int) -> str:
    from guestcard.printing.statement import money  # lazy: --help skips reportlab (cli/main.py)

    return money(fen)


class _Intermixed(argparse.ArgumentParser):
    """A parser whose positionals may be split by options (argparse's intermixed parsing)."""

    _inside = False

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        if self._inside:  # parse_known_intermixed_args calls this itself
            return super().parse_known_args(args, namespace)
        self._inside = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._inside = False


def _plain(fen: int) -> str:
    return str(cents_to_money(fen))


def register(command: AddCommand) -> None:
    p = command("account", account, "corporate accounts (挂账): open, show, list, charge, pay, reverse, set, export")
    sub = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    a = sub.add_parser("open", help="open a corporate customer's credit account")
    a.add_argument("corp", metavar="CORP", help="the corporate customer's id or exact name")
    a.add_argument("--limit", required=True, help="credit limit in yuan, e.g. 20000")
    a.add_argument("--terms", default="monthly:10", help="monthly:N (by the Nth of the next month) or days:N")
    a.add_argument("--signer", action="append", default=[], metavar="NAME", help="who may sign (repeatable)")
    a.add_argument("--signer-card", action="append", default=[], type=int, metavar="ID",
                   help="a person card whose holder may sign (repeatable)")
    a.add_argument("--contract-start", metavar="YYYY-MM-DD")
    a.add_argument("--contract-end", metavar="YYYY-MM-DD")
    a.add_argument("--contact", help="who receives the statement (name, phone, address)")

    a = sub.add_parser("set", help="change an account's limit, terms, signers or statement contact")
    a.add_argument("corp", metavar="CORP")
    a.add_argument("--limit")
    a.add_argument("--terms")
    a.add_argument("--signer", action="append", default=None, metavar="NAME", help="the signers, all of them anew")
    a.add_argument("--signer-card", action="append", default=[], type=int, metavar="ID")
    a.add_argument("--contract-end", metavar="YYYY-MM-DD")
    a.add_argument("--contact")

    a = sub.add_parser("show", help="an account: standing, ageing, open bills and the ledger")
    a.add_argument("corp", metavar="CORP")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="as on this day (default today)")
    a.add_argument("--json", action="store_true")

    a = sub.add_parser("list", help="every account with its balance and ageing, and the total")
    a.add_argument("--date", metavar="YYYY-MM-DD")
    a.add_argument("--json", action="store_true")

    a = sub.add_parser("charge", help="put a signed bill on the account")
    a.add_argument("corp", metavar="CORP")
    a.add_argument("amount", help="yuan, e.g. 2680 or ¥2,680.50")
    a.add_argument("--signer", required=True, help="who signed (签单人)")
    a.add_argument("--bill", help="the bill number")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="default today")
    a.add_argument("--note")
    a.add_argument("--over-limit", action="store_true", help="confirm a charge past the credit limit")

    a = sub.add_parser("pay", help="record a payment (allocated to the oldest bills, or to --charges first)")
    a.add_argument("corp", metavar="CORP")
    a.add_argument("amount")
    a.add_argument("--method", required=True, help="转账, 支票, 现金 or 微信 (transfer, cheque, cash, wechat)")
    a.add_argument("--reference", help="transfer or cheque number")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="default today")
    a.add_argument("--charges", metavar="3,4", help="pay these charges first")
    a.add_argument("--note")

    a = sub.add_parser("reverse", help="cancel a charge or payment by a reversing entry (nothing is edited)")
    a.add_argument("corp", metavar="CORP")
    a.add_argument("entry", type=int, metavar="ENTRY", help="the entry number (account show lists them)")
    a.add_argument("--note", help="why")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="default today")

    a = sub.add_parser("suggestions", help="limits the credit rule would change: lower for late payers, higher "
                       "for reliable ones (nothing changes until accepted)")
    a.add_argument("--date", metavar="YYYY-MM-DD")
    a.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    a.add_argument("--json", action="store_true")

    a = sub.add_parser("accept", help="accept the suggested limit of an account (recorded in its history)")
    a.add_argument("corp", metavar="CORP")
    a.add_argument("--date", metavar="YYYY-MM-DD", help="the suggestion as on this day (default today)")

    a = sub.add_parser("export", help="the ledger and ageing of every account (or one) to an .xlsx")
    a.add_argument("out", type=Path, metavar="OUT.xlsx")
    a.add_argument("--account", metavar="CORP", help="only this account")
    a.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)

    p = command("statement", statement, "the monthly statement of an account (or of all) as a PDF")
    p.__class__ = _Intermixed  # CORP --month 2026-11 OUT.pdf: the options may stand between the two
    p.add_argument("targets", nargs="+", metavar="[CORP] OUT.pdf",
                   help="the corporate customer's id or name (not with --all), and the PDF (--all --each: a folder)")
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--all", action="store_true", help="every account with something in that month")
    p.add_argument("--each", action="store_true", help="with --all: one PDF per account in the folder OUT")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--restaurant", metavar="NAME", help="the letterhead (default: from the settings)")


def visit_options(p: argparse.ArgumentParser) -> None:
    """``visit … --on-account CORP --signer NAME --bill NO [--over-limit]``."""
    p.add_argument("--on-account", metavar="CORP", help="put the spend on this corporate account (签单)")
    p.add_argument("--signer", help="with --on-account: who signed")
    p.add_argument("--bill", help="with --on-account: the bill number")
    p.add_argument("--over-limit", action="store_true", help="with --on-account: confirm passing the credit limit")


def _customer_id(ctx: Context, ref: str) -> int:
    from guestcard.services import accounts as service  # lazy: --help skips storage/services (cli/main.py)

    customer = service.find_customer(ctx.db, ref)
    assert customer.id is not None
    return customer.id


def log_visit_on_account(ctx: Context, visit: Visit) -> int:
    """The visit command's ``--on-account``: the visit and its charge, both or neither."""
    from guestcard.services import accounts as service  # lazy: --help skips storage/services (cli/main.py)

    args = ctx.args
    if not args.signer:
        raise CommandError("--on-account: say who signed with --signer NAME")
    created, entry = service.log_visit_on_account(
        ctx.db, visit, _customer_id(ctx, args.on_account), signer=args.signer, bill_no=args.bill,
        over_limit=args.over_limit,
    )
    if args.json:
        output.print_json({**output.visit_json(created), "charge": _entry_json(entry)})
    else:
        print(f"logged visit {created.id} for customer {created.customer_id} at {created.at:%Y-%m-%d %H:%M}; "
              f"charged {yuan(entry.amount_fen)} to the account as entry {entry.id}")
    return 0


def _entry_json(entry: Any) -> dict[str, Any]:
    return {
        "id": entry.id, "kind": entry.kind, "date": entry.on.isoformat(),
        "amount": str(cents_to_money(entry.amount_fen)),
        "signer": entry.signer, "bill": entry.bill_no, "visit": entry.visit_id, "method": entry.method,
        "reference": entry.reference, "reverses": entry.reverses, "note": entry.note, "by": entry.by,
    }


def _standing_json(standing: Any) -> dict[str, Any]:
    ageing = standing.ageing
    return {
        "balance": str(cents_to_money(standing.balance_fen)),
        "available": str(cents_to_money(standing.available_fen)),
        "ageing": {name: str(cents_to_money(fen)) for name, fen in
                   zip(("current", "30", "60", "90+", "credit"), (*ageing.buckets(), ageing.credit), strict=True)},
        "days_overdue": standing.days_overdue,
        "overdue": str(cents_to_money(standing.overdue_fen)),
        "paid_on_time": standing.payments_on_time,
        "paid_late": standing.payments_late,
    }


def account(ctx: Context) -> int:
    from guestcard.services import accounts as service  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services import statements

    args = ctx.args
    action = args.action
    if action == "list":
        return _list(ctx, _day(args.date, "--date"))
    if action == "export":
        customer_id = _customer_id(ctx, args.account) if args.account else None
        count = statements.export_ledger(ctx.db, args.out, customer_id=customer_id, lang=args.lang)
        print(f"exported {count} ledger entries to {args.out}")
        return 0
    if action == "suggestions":
        return _suggestions(ctx)
    customer_id = _customer_id(ctx, args.corp)
    if action == "accept":
        from guestcard.services import credit  # lazy: --help skips storage/services (cli/main.py)

        accepted = credit.accept(ctx.db, customer_id, on=_day(args.date, "--date"))
        print(f"limit of account {accepted.account.id} changed from {yuan(accepted.account.limit_fen)} "
              f"to {yuan(accepted.suggested_fen)}")
        return 0
    if action == "open":
        opened = service.open_account(
            ctx.db, customer_id, _money(args.limit, "--limit"), args.terms, signers=args.signer,
            signer_cards=args.signer_card, contract_start=_day(args.contract_start, "--contract-start"),
            contract_end=_day(args.contract_end, "--contract-end"), statement_contact=args.contact,
        )
        print(f"opened account {opened.id} for customer {customer_id}: limit {yuan(opened.limit_fen)}, "
              f"terms {opened.terms}, {len(opened.signers) or 'anyone'} signers")
    elif action == "set":
        changed = service.change_account(
            ctx.db, customer_id, limit=_money(args.limit, "--limit") if args.limit else None, terms=args.terms,
            signers=args.signer, signer_cards=args.signer_card, statement_contact=args.contact,
            contract_end=_day(args.contract_end, "--contract-end"),
        )
        print(f"account {changed.id}: limit {yuan(changed.limit_fen)}, terms {changed.terms}")
    elif action == "show":
        _show(ctx, service.account_view(ctx.db, customer_id, _day(args.date, "--date")))
    elif action == "charge":
        entry = service.charge(ctx.db, customer_id, _money(args.amount, "amount"), signer=args.signer,
                               bill_no=args.bill, on=_day(args.date, "--date"), over_limit=args.over_limit,
                               note=args.note)
        print(f"charged {yuan(entry.amount_fen)} as entry {entry.id}")
    elif action == "pay":
        entry = service.pay(ctx.db, customer_id, _money(args.amount, "amount"), method=args.method,
                            reference=args.reference, on=_day(args.date, "--date"),
                            charge_ids=_ids(args.charges, "--charges"), note=args.note)
        print(f"recorded payment {entry.id} of {yuan(entry.amount_fen)} ({entry.method})")
    elif action == "reverse":
        entry = service.reverse(ctx.db, customer_id, args.entry, note=args.note, on=_day(args.date, "--date"))
        print(f"entry {args.entry} reversed by entry {entry.id} ({yuan(entry.amount_fen)})")
    if action in ("charge", "pay", "reverse"):
        view = service.account_view(ctx.db, customer_id)
        print(f"balance {yuan(view.standing.balance_fen)} of limit {yuan(view.account.limit_fen)}")
    return 0


def _show(ctx: Context, view: AccountView) -> None:
    account, standing = view.account, view.standing
    if ctx.args.json:
        output.print_json({
            "account": account.id, "customer": account.customer_id, "name": view.name,
            "limit": _plain(account.limit_fen), "terms": str(account.terms),
            "signers": [{"name": s.name, "card": s.customer_id} for s in account.signers],
            "contract": [d.isoformat() if d else None for d in (account.contract_start, account.contract_end)],
            "statement_contact": account.statement_contact,
            **_standing_json(standing),
            "entries": [_entry_json(e) for e in view.entries],
        })
        return
    print(f"{view.name} — account {account.id}, terms {account.terms}, limit {yuan(account.limit_fen)}")
    signers = ", ".join(s.name + (f" (card {s.customer_id})" if s.customer_id else "") for s in account.signers)
    print(f"  signers: {signers or 'anyone'}")
    if account.contract_start or account.contract_end:
        print(f"  contract: {account.contract_start or '?'} – {account.contract_end or '?'}")
    if account.statement_contact:
        print(f"  statements to: {account.statement_contact}")
    ageing = standing.ageing
    print(f"  balance {yuan(standing.balance_fen)}, available {yuan(standing.available_fen)}")
    print(f"  ageing: current {yuan(ageing.current)} · 30 {yuan(ageing.d30)} · 60 {yuan(ageing.d60)} · "
          f"90+ {yuan(ageing.d90)}" + (f" · credit {yuan(ageing.credit)}" if ageing.credit else ""))
    if standing.days_overdue:
        print(f"  OVERDUE 逾期 {standing.days_overdue} days: {yuan(standing.overdue_fen)}")
    print(f"  paid on time {standing.payments_on_time}, late {standing.payments_late}")
    if view.entries:
        rows = [
            [str(e.id), e.on.isoformat(), e.kind + (f" ↺{e.reverses}" if e.reverses else ""), yuan(e.amount_fen),
             e.signer or e.method or "", e.bill_no or e.reference or "", e.note or ""]
            for e in view.entries
        ]
        print()
        output.print_table(
            ("#", "日期 date", "类别 kind", "金额 amount", "签单/方式 by", "单号 bill/ref", "备注 note"), rows
        )


def _list(ctx: Context, on: dt.date | None) -> int:
    from guestcard.services import accounts as service  # lazy: --help skips storage/services (cli/main.py)

    summaries, total = service.overview(ctx.db, on)
    if ctx.args.json:
        output.print_json({
            "accounts": [{"account": s.account.id, "customer": s.account.customer_id, "name": s.name,
                          "limit": _plain(s.account.limit_fen), **_standing_json(s.standing)}
                         for s in summaries],
            "ageing": {name: _plain(fen) for name, fen in
                       zip(("current", "30", "60", "90+", "credit"), (*total.buckets(), total.credit), strict=True)},
        })
        return 0
    if not summaries:
        print("no accounts yet: guestcard account open CORP --limit 20000 --terms monthly:10")
        return 0
    rows = [
        [str(s.account.customer_id), s.name, yuan(s.account.limit_fen), yuan(s.standing.balance_fen),
         *(yuan(b) for b in s.standing.ageing.buckets()), str(s.standing.days_overdue or "")]
        for s in summaries
    ]
    rows.append(["", "合计 total", "", yuan(total.total), *(yuan(b) for b in total.buckets()), ""])
    output.print_table(("id", "单位 company", "额度 limit", "结欠 balance", "current", "30", "60", "90+",
                        "逾期 overdue"), rows)
    return 0


def statement(ctx: Context) -> int:
    from guestcard.printing.options import PrintError  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services import accounts as service
    from guestcard.services import statements

    args = ctx.args
    month = service.parse_month(args.month)
    if len(args.targets) != (1 if args.all else 2):
        raise CommandError("statement: give CORP OUT.pdf, or --all OUT.pdf")
    args.corp, args.out = (None, *args.targets) if args.all else args.targets
    args.out = Path(args.out)
    if args.each and not args.all:
        raise CommandError("--each goes with --all")
    head = statements.letterhead_from_settings(args.restaurant)
    try:
        if args.all:
            written = statements.print_all_statements(ctx.db, month, args.out, each=args.each, lang=args.lang,
                                                      letterhead=head)
            print(f"wrote {len(written)} file(s): " + (str(args.out) if not args.each else f"{args.out}/"))
            return 0
        pages = statements.print_statement(ctx.db, _customer_id(ctx, args.corp), month, args.out, lang=args.lang,
                                           letterhead=head)
    except PrintError as exc:
        raise CommandError.of(exc) from None
    except OSError as exc:
        raise CommandError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"wrote the statement of {args.month} ({pages} page{'s' if pages != 1 else ''}) to {args.out}")
    return 0


def _suggestions(ctx: Context) -> int:
    from guestcard.services import credit  # lazy: --help skips storage/services (cli/main.py)

    found = credit.limit_suggestions(ctx.db, _day(ctx.args.date, "--date"))
    if ctx.args.json:
        output.print_json([
            {"customer": s.account.customer_id, "name": s.name, "limit": _plain(s.account.limit_fen),
             "suggested": _plain(s.suggested_fen), "reason": s.reason, "why": s.why(ctx.args.lang)}
            for s in found
        ])
        return 0
    if not found:
        print("no limit to change: every account pays as its limit expects")
        return 0
    rows = [[str(s.account.customer_id), s.name, yuan(s.account.limit_fen), yuan(s.suggested_fen), s.why(ctx.args.lang)]
            for s in found]
    output.print_table(("id", "单位 company", "额度 limit", "建议 suggested", "原因 why"), rows)
    print("accept one with: guestcard account accept CORP")
    return 0
