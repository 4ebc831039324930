"""``guestcard staff`` and ``guestcard handover``: the staff list and moving guests between owners.

Every change is recorded with the current user (``--user NAME`` or ``GUESTCARD_USER``; on a server
the staff member whose login is the connection's user).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from guestcard.cli import output
from guestcard.cli.main import CommandError

if TYPE_CHECKING:
    import argparse

    from guestcard.cli.main import Context


def register(command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("staff", staff, "the staff list: guestcard staff add NAME --role account_manager; list; leave NAME")
    p.add_argument("action", choices=("list", "add", "leave"), nargs="?", default="list")
    p.add_argument("name", nargs="?", help="the staff member's name (add, leave)")
    p.add_argument("--role", default="account_manager",
                   help="manager, account_manager, front_desk or waiter (经理/客户经理/前台/服务员)")
    p.add_argument("--login", metavar="USER", help="their database login on a server: who is working is known by it")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="leave: the day they left (default today)")
    p.add_argument("--json", action="store_true")

    p = command("handover", handover,
                "give a leaving account manager's guests to another, each change in the card's history")
    p.add_argument("from_owner", metavar="FROM", help="whose guests")
    p.add_argument("to_owner", metavar="TO", help="the staff member who takes them over")
    p.add_argument("--class", dest="customer_class", metavar="A|B|C", type=str.upper, choices=("A", "B", "C"),
                   help="only the guests of this class")
    p.add_argument("--ids", metavar="1,2,3", help="only these guests")
    p.add_argument("--dry-run", action="store_true", help="list who would move, change nothing")
    p.add_argument("--json", action="store_true")


def parse_day(text: str | None, what: str) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"{what}: {text!r} is not a date like 2026-12-01") from None


def owner_filter(ctx: Context) -> str | None:
    """``list --owner NAME`` or ``--mine`` (the current user's guests)."""
    if getattr(ctx.args, "mine", False):
        user = ctx.db.user
        if not user:
            raise CommandError("--mine: say who you are with --user NAME (or GUESTCARD_USER)")
        return user
    return getattr(ctx.args, "owner", None) or None


def staff(ctx: Context) -> int:
    from guestcard.services import staff as service

    action, name = ctx.args.action, ctx.args.name
    if action in ("add", "leave") and not name:
        raise CommandError(f"staff {action}: give the staff member's name")
    if action == "add":
        member = service.add_staff(ctx.db, name, ctx.args.role, login=ctx.args.login)
        print(f"added {member.name} ({member.role})")
        return 0
    if action == "leave":
        member = service.leave(ctx.db, name, parse_day(ctx.args.date, "--date"))
        owned = {s.member.name: s.customers for s in service.staff_overview(ctx.db)[0]}.get(member.name, 0)
        print(f"{member.name} left on {member.left_on}")
        if owned:
            print(f"  {owned} guests still belong to them: guestcard handover {member.name} NEW_OWNER")
        return 0
    summaries, strangers = service.staff_overview(ctx.db)
    if ctx.args.json:
        output.print_json({
            "staff": [
                {"name": s.member.name, "role": s.member.role, "active": s.member.active,
                 "left_on": s.member.left_on.isoformat() if s.member.left_on else None,
                 "login": s.member.login, "customers": s.customers}
                for s in summaries
            ],
            "owners_not_on_staff_list": strangers,
        })
        return 0
    rows = [
        [s.member.name, service.ROLE_LABELS[s.member.role][0] + " " + s.member.role,
         "在职 active" if s.member.active else f"离职 left {s.member.left_on or ''}".rstrip(), str(s.customers)]
        for s in summaries
    ]
    if rows:
        output.print_table(("姓名 name", "岗位 role", "状态 status", "客户 guests"), rows)
    else:
        print("no staff yet: guestcard staff add NAME --role account_manager")
    for owner, count in strangers.items():
        print(f"not on the staff list: {owner} ({count} guests) — guestcard staff add {owner}")
    return 0


def handover(ctx: Context) -> int:
    from guestcard.cli.insights_command import _ids
    from guestcard.services import staff as service

    result = service.handover(
        ctx.db, ctx.args.from_owner, ctx.args.to_owner, customer_class=ctx.args.customer_class,
        ids=_ids(ctx.args.ids), dry_run=ctx.args.dry_run,
    )
    if ctx.args.json:
        output.print_json({"from": result.from_owner, "to": result.to_owner, "dry_run": result.dry_run,
                           "customers": result.customer_ids})
        return 0
    verb = "would move" if result.dry_run else "moved"
    print(f"{verb} {len(result.customer_ids)} guests from {result.from_owner} to {result.to_owner}")
    if result.dry_run:
        for customer_id, name in zip(result.customer_ids, result.names, strict=True):
            print(f"  {customer_id}  {name}")
    return 0
