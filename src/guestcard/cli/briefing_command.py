"""``guestcard briefing``: the pre-shift briefing sheet of a service as a PDF; ``guestcard review``:
the periodic review of the account managers' work."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from guestcard.cli.main import LANG_HELP, CommandError
from guestcard.cli.staff_command import parse_day

if TYPE_CHECKING:
    import argparse

    from guestcard.cli.main import Context


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("briefing", briefing,
                "the pre-shift briefing sheet (顾客信息传递表): every booked guest of a service, landscape A4")
    p.add_argument("out", type=Path, metavar="OUT.pdf")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="the day (default today)")
    p.add_argument("--service", choices=("lunch", "dinner"),
                   help="lunch (before 15:00) or dinner; default: the whole day")
    p.add_argument("--full", action="store_true", help="the manager's copy: include confidential fields")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--restaurant", metavar="NAME", help="printed in the header (default: from the settings)")


def briefing(ctx: Context) -> int:
    from guestcard.printing.options import PrintError
    from guestcard.services.briefing import print_briefing

    args = ctx.args
    day = parse_day(args.date, "--date") or dt.date.today()
    restaurant = args.restaurant if args.restaurant is not None else ctx.settings.restaurant_name
    try:
        count = print_briefing(ctx.db, ctx.library, args.out, day, args.service, lang=args.lang,
                               restaurant=restaurant or "", full=args.full)
    except PrintError as exc:
        raise CommandError(str(exc)) from None
    print(f"wrote the briefing of {count} booked guests to {args.out}")
    return 0
