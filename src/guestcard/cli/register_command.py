"""``guestcard register``: the walk-in and call register — add an entry (linked to the card with
the same phone, or ``--create-card``), list it, count it by source channel, export it."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from pathlib import Path

from guestcard.cli import output
from guestcard.cli.context import LANG_HELP, AddCommand, CommandError, Context
from guestcard.cli.staff_command import parse_day
from guestcard.domain.staff import RegisterEntry


def register(command: AddCommand) -> None:
    p = command("register", register_entry,
                "the walk-in and call register (来店(电)登记): add an entry, or list / count / export it")
    p.add_argument("action", nargs="?", choices=("add", "list", "count", "export"), default="add")
    p.add_argument("out", nargs="?", type=Path, metavar="OUT.xlsx", help="export: the workbook to write")
    p.add_argument("--at", metavar="'YYYY-MM-DD HH:MM'", help="when they came or phoned (default: now)")
    p.add_argument("--name", help="their name (none: 未留名)")
    p.add_argument("--phone")
    p.add_argument("--party", type=int, help="how many guests")
    p.add_argument("--purpose", default="booking", help="订餐/宴会/咨询/投诉 (booking, banquet, enquiry, complaint)")
    p.add_argument("--source", default="phone", help="来电/来店/介绍/网络/微信/市场活动/路过 "
                   "(phone, walk_in, referral, online, wechat, event, passing_by)")
    p.add_argument("--taken-by", metavar="NAME", help="who took it (default: the current user)")
    p.add_argument("--outcome", help="what came of it: booked, quote sent…")
    p.add_argument("--customer", type=int, metavar="ID", help="link to this card")
    p.add_argument("--create-card", action="store_true",
                   help="no card with this phone: make a prospect card and link it")
    p.add_argument("--owner", metavar="NAME", help="with --create-card: the new card's account manager")
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD", help="list, count, export: from this day")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="list, count, export: to this day (inclusive)")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--json", action="store_true")


def _at(text: str | None) -> dt.datetime:
    if not text:
        return dt.datetime.now().replace(second=0, microsecond=0)
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"--at: {text!r} is not a time like '2026-12-01 18:30'") from None


def _entry_json(entry: object) -> dict:
    data = asdict(entry)  # type: ignore[call-overload]
    data["at"] = data["at"].isoformat(timespec="minutes")
    return data


def register_entry(ctx: Context) -> int:
    from guestcard.services import register as service  # lazy: --help skips storage/services (cli/main.py)

    args = ctx.args
    start, end = parse_day(args.start, "--from"), parse_day(args.end, "--to")
    if args.action == "export":
        if args.out is None:
            raise CommandError("register export: give the workbook to write, e.g. register export 登记.xlsx")
        count = service.export_register(ctx.db, args.out, start, end, args.lang)
        print(f"wrote {count} register entries to {args.out}")
        return 0
    if args.action == "count":
        counts = service.count_by_source(ctx.db, start, end)
        if args.json:
            output.print_json(counts)
        else:
            output.print_table(("来源 source", "登记 entries"),
                               [[f"{service.label(k, 'zh')} {k}", str(n)] for k, n in counts.items()])
        return 0
    if args.action == "list":
        found = service.entries(ctx.db, start, end)
        if args.json:
            output.print_json([_entry_json(e) for e in found])
            return 0
        headers, rows = service.register_table(found, {}, args.lang)
        output.print_table([*headers[:8], "card"], [
            [f"{r[0]:%Y-%m-%d %H:%M}", *(str(v if v is not None else "") for v in r[1:8]),
             str(e.customer_id or "")] for r, e in zip(rows, found, strict=True)])
        return 0
    entry = RegisterEntry(at=_at(args.at), purpose=args.purpose, source=args.source, name=args.name,
                          phone=args.phone, party_size=args.party, taken_by=args.taken_by or ctx.db.user,
                          outcome=args.outcome, customer_id=args.customer)
    done = service.register(ctx.db, entry, create_card=args.create_card, owner=args.owner)
    if args.json:
        output.print_json({**_entry_json(done.entry), "card_created": done.created})
        return 0
    print(f"registered entry {done.entry.id}")
    if done.customer is not None:
        verb = "made a prospect card" if done.created else "linked to card"
        print(f"  {verb} {done.customer.id}: {done.customer.display_name}")
    return 0
