"""``guestcard briefing``: the pre-shift briefing sheet of a service as a PDF; ``guestcard review``:
the periodic review of the account managers' work."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from guestcard.cli import output
from guestcard.cli.context import LANG_HELP, AddCommand, CommandError, Context
from guestcard.cli.staff_command import parse_day


def register(command: AddCommand) -> None:
    p = command("briefing", briefing,
                "the pre-shift briefing sheet (顾客信息传递表): every booked guest of a service, landscape A4")
    p.add_argument("out", type=Path, metavar="OUT.pdf")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default today)")
    p.add_argument("--service", choices=("lunch", "dinner"),
                   help="lunch (before 15:00) or dinner; default: the whole day")
    p.add_argument("--full", action="store_true", help="the manager's copy: include confidential fields")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--restaurant", metavar="NAME", help="printed in the header (default: from the settings)")
    _register_review(command)


def briefing(ctx: Context) -> int:
    from guestcard.printing.options import PrintError  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services.briefing import print_briefing

    args = ctx.args
    day = parse_day(args.date, "--date") or dt.date.today()
    restaurant = args.restaurant if args.restaurant is not None else ctx.settings.restaurant_name
    try:
        count = print_briefing(ctx.db, ctx.library, args.out, day, args.service, lang=args.lang,
                               restaurant=restaurant or "", full=args.full)
    except PrintError as exc:
        raise CommandError.of(exc) from None
    print(f"wrote the briefing of {count} booked guests to {args.out}")
    return 0


def _register_review(command: AddCommand) -> None:
    p = command("review", review,
                "the periodic review (定期盘点) per account manager: customers, new, contacts, follow-ups on time / "
                "late / missed, converted, visits and spend, lost, by source channel")
    p.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD")
    p.add_argument("--owner", metavar="NAME", help="only this account manager")
    p.add_argument("--lost-months", type=int, default=6, help="lost: no visit in this many months (default 6)")
    p.add_argument("--xlsx", type=Path, metavar="OUT.xlsx", help="also write the review to a workbook")
    p.add_argument("--pdf", type=Path, metavar="OUT.pdf", help="also write the review to a PDF")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--json", action="store_true")


def review(ctx: Context) -> int:
    from guestcard.printing.options import PrintError  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services import review as service

    args = ctx.args
    start, end = parse_day(args.start, "--from"), parse_day(args.end, "--to")
    assert start is not None and end is not None
    result = service.review(ctx.db, start, end, owner=args.owner, lost_months=args.lost_months)
    if args.xlsx:
        service.export_review(result, args.xlsx, args.lang)
    if args.pdf:
        try:
            service.print_review(result, args.pdf, args.lang, ctx.settings.restaurant_name or "")
        except PrintError as exc:
            raise CommandError.of(exc) from None
    if args.json:
        output.print_json(result.as_json())
        return 0
    print(f"{start} – {end}")
    output.print_table(service.COLUMNS[args.lang], [[str(v) for v in row] for row in service.figure_rows(
        result, args.lang)])
    print()
    output.print_table(service.SOURCE_COLUMNS[args.lang], [[str(v) for v in row] for row in service.source_rows(
        result, args.lang)])
    for path in (args.xlsx, args.pdf):
        if path:
            print(f"wrote {path}")
    return 0
