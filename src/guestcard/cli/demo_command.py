"""``guestcard demo``: fabricated customers to try the program on."""

from __future__ import annotations

from guestcard.cli.context import AddCommand, CommandError, Context


def register(command: AddCommand) -> None:
    """The demo data."""
    p = command("demo", demo, "fill the database with about 200 fabricated customers to try the program")
    p.add_argument("--count", type=int, default=200)


def demo(ctx: Context) -> int:
    from guestcard.services.demo import fill_demo  # lazy: --help skips storage/services (cli/main.py)

    if ctx.args.count < 1:
        raise CommandError("--count: must be at least 1")
    count = fill_demo(ctx.db, ctx.args.count, duplicates=True)
    print(f"added {count} demo customers with visits and contacts to {ctx.db.display_name}")
    return 0
