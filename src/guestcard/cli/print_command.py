"""``guestcard print`` and ``guestcard photo``: the printed cards and the photo they show."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from guestcard.cli import output
from guestcard.cli.context import LANG_HELP, AddCommand, CommandError, Context, parse_day
from guestcard.domain.messages import Code


def register(command: AddCommand) -> None:
    """Printing cards and the photo printed on them."""
    p = command("print", print_cards, "print customers' cards to a PDF")
    p.add_argument("out", type=Path, metavar="OUT.pdf")
    p.add_argument("--form", default="guest_history", metavar="ID", help="the card form (default guest_history)")
    p.add_argument("--ids", metavar="1,2,3", help="these customers, in this order")
    p.add_argument("--query", "-q", metavar="TEXT", help="everyone a search finds")
    p.add_argument("--class", dest="customer_class", metavar="A|B|C", type=str.upper, choices=("A", "B", "C"))
    day = p.add_mutually_exclusive_group()
    day.add_argument("--date", metavar="YYYY-MM-DD", help="everyone with a reservation that day, in time order")
    day.add_argument("--today", action="store_true")
    day.add_argument("--tomorrow", action="store_true")
    p.add_argument("--blank", action="store_true", help="an empty form to fill in by hand")
    p.add_argument(
        "--include-confidential", action="store_true", help="the manager's copy: also the fields marked confidential"
    )
    p.add_argument("--full", dest="include_confidential", action="store_true", help=argparse.SUPPRESS)  # the old name
    p.add_argument(
        "--whole-file", action="store_true", help="every word of long notes, over as many pages as they need"
    )
    p.add_argument("--size", default="A4", choices=("A4", "A5", "A6", "A4-2up", "A4-4up"))
    p.add_argument("--landscape", action="store_true")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--restaurant", metavar="NAME", help="printed in the header (default: from the settings)")

    p = command("photo", photo, "keep a customer's photo (JPEG or PNG), printed on the card")
    p.add_argument("id", type=int)
    p.add_argument("file", type=Path, nargs="?")
    p.add_argument("--remove", action="store_true")


def print_cards(ctx: Context) -> int:
    from guestcard.printing import PrintError, PrintOptions  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services import printing
    from guestcard.storage import CustomerFilter

    args = ctx.args
    out = args.out
    if out.suffix.lower() != ".pdf":
        raise CommandError(f"{out}: cards are printed to a PDF file; name it ….pdf")
    if not out.parent.is_dir():
        raise CommandError(Code.FOLDER_MISSING, out, out.parent)
    day = None
    if args.today or args.tomorrow:
        day = dt.date.today() + dt.timedelta(days=1 if args.tomorrow else 0)
    elif args.date:
        day = parse_day(args.date, "--date")
    ids = None
    if args.ids:
        try:
            ids = [int(part) for part in args.ids.replace("，", ",").split(",") if part.strip()]
        except ValueError:
            raise CommandError(f"--ids: {args.ids!r} is not a list of numbers like 1,2,3") from None
    flt = (
        CustomerFilter(query=args.query or "", customer_class=args.customer_class)
        if (args.query or args.customer_class)
        else None
    )
    options = PrintOptions(
        form_id=args.form,
        size=args.size,
        landscape=args.landscape,
        lang=args.lang,
        full=args.include_confidential,
        blank=args.blank,
        whole_file=args.whole_file,
        restaurant=args.restaurant or ctx.settings.restaurant_name,
    )
    try:
        options.check()
        chosen = [] if args.blank else printing.choose_customers(ctx.db, ids=ids, flt=flt, day=day)
        if not args.blank and not chosen:
            what = f"with a reservation on {day}" if day else "matching"
            raise CommandError(f"no customers {what}: nothing to print")
        skipped: list = []
        pages = printing.print_cards(
            ctx.db, ctx.library, out, chosen, options,
            progress=lambda n: output.progress_line(f"printing: {n} cards"), on_skip=skipped.extend,
        )
        if skipped:
            chosen = [c for c in chosen if c not in skipped]
            output.end_progress()
            print(
                f"note: skipped {output.count(len(skipped), 'customer')} the form {args.form!r} is not for: "
                f"{printing.skipped_names(skipped)}",
                file=sys.stderr,
            )
    except PrintError as exc:
        raise CommandError.of(exc) from None
    except OSError as exc:
        raise CommandError(Code.CANNOT_BE_WRITTEN, out, exc.strerror or exc) from None
    finally:
        output.end_progress()
    who = "a blank form" if args.blank else output.count(len(chosen), "customer")
    print(f"printed {who} on {output.count(pages, 'page')} to {out}")
    return 0


def photo(ctx: Context) -> int:
    from guestcard.services import customers  # lazy: --help skips storage/services (cli/main.py)

    if ctx.args.remove:
        customers.set_photo(ctx.db, ctx.args.id, None)
        print(f"removed the photo of customer {ctx.args.id}")
        return 0
    if ctx.args.file is None:
        raise CommandError("photo: name a JPEG or PNG file, or --remove")
    try:
        image = ctx.args.file.read_bytes()
    except OSError as exc:
        raise CommandError(f"{ctx.args.file}: cannot be read ({exc.strerror or exc})") from None
    customers.set_photo(ctx.db, ctx.args.id, image)
    print(f"kept the photo for customer {ctx.args.id}; it is printed on the card")
    return 0
