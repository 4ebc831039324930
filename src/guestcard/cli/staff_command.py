"""``guestcard staff`` and ``guestcard handover``: the staff list and moving guests between owners.

Every change is recorded with the current user (``--user NAME`` or ``GUESTCARD_USER``; on a server
the staff member whose login is the connection's user).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from guestcard.cli import output
from guestcard.cli.context import AddCommand, CommandError, Context
from guestcard.cli.insights_command import _ids


def register(command: AddCommand) -> None:
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
    _register_intent(command)


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
    from guestcard.services import staff as service  # lazy: --help skips storage/services (cli/main.py)

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
    from guestcard.services import staff as service  # lazy: --help skips storage/services (cli/main.py)

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


# --- agenda: one owner's, overdue follow-ups per owner, prospects left too long -----------------


def agenda_of_owner(ctx: Context, result: Any) -> Any:
    """``agenda --owner NAME``: only that account manager's guests."""
    owner = getattr(ctx.args, "owner", None)
    if not owner:
        return result
    return replace(
        result,
        occasions=[o for o in result.occasions if o.customer.owner == owner],
        reservations=[(v, c) for v, c in result.reservations if c.owner == owner],
        follow_ups=[(k, c) for k, c in result.follow_ups if c.owner == owner],
        festivals=[replace(f, customers=[c for c in f.customers if c.owner == owner])
                   for f in getattr(result, "festivals", [])],
    )


def _extras(ctx: Context, result: Any) -> tuple[dict, list]:
    # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services.intent import overdue_by_owner, stale_prospects

    owner = getattr(ctx.args, "owner", None)
    return overdue_by_owner(ctx.db, result.start, owner), stale_prospects(ctx.db, result.start, owner)


def agenda_extras_json(ctx: Context, result: Any) -> dict[str, Any]:
    overdue, stale = _extras(ctx, result)
    return {
        "overdue_by_owner": [
            {"owner": owner, "follow_ups": [{**output.contact_json(k), "customer_id": c.id, "name": c.name}
                                            for k, c in pairs]}
            for owner, pairs in overdue.items()
        ],
        "stale_prospects": [
            {"customer_id": s.customer.id, "name": s.customer.name, "owner": s.customer.owner,
             "level": s.level.code, "last_contact": s.last_contact.isoformat(), "days_since": s.days_since,
             "allowed_days": s.level.follow_up_days}
            for s in stale
        ],
    }


def print_agenda_extras(ctx: Context, result: Any) -> None:
    overdue, stale = _extras(ctx, result)
    print("\n逾期未跟进 overdue follow-ups, by account manager")
    for owner, pairs in overdue.items():
        print(f"  {owner or '(无归属 no owner)'}: {len(pairs)}")
        for k, c in pairs:
            print(f"    {k.next_follow_up}  {c.display_name}  {k.intent or ''}")
    print("\n久未联系的意向客户 prospects not contacted for longer than their level allows")
    for s in stale:
        print(f"  {s.customer.display_name}  {s.level.code}  {s.days_since} 天 days (≤ {s.level.follow_up_days})"
              f"  {s.customer.owner or ''}".rstrip())


# --- intent levels ---------------------------------------------------------------------------


def _register_intent(command: AddCommand) -> None:
    p = command("intent", intent, "the intent levels (O H A B C D) and their follow-up rules: list, or set one")
    p.add_argument("action", choices=("list", "set"), nargs="?", default="list")
    p.add_argument("code", nargs="?", help="set: the level's code, e.g. B")
    p.add_argument("--days", help="days until the next follow-up; 'none' for no rule")
    p.add_argument("--label-zh", help="the Chinese label")
    p.add_argument("--label-en", help="the English label")
    p.add_argument("--color", help="a colour like #f9a825")
    p.add_argument("--json", action="store_true")


def intent(ctx: Context) -> int:
    from guestcard.services import intent as service  # lazy: --help skips storage/services (cli/main.py)

    if ctx.args.action == "set":
        if not ctx.args.code:
            raise CommandError("intent set: give the level's code, e.g. guestcard intent set B --days 7")
        changes: dict[str, Any] = {}
        if ctx.args.days is not None:
            text = ctx.args.days.strip().lower()
            if text in ("none", "-", ""):
                changes["follow_up_days"] = None
            elif text.isdigit():
                changes["follow_up_days"] = int(text)
            else:
                raise CommandError(f"--days: {ctx.args.days!r} is not a number of days (or none)")
        for key in ("label_zh", "label_en", "color"):
            if getattr(ctx.args, key) is not None:
                changes[key] = getattr(ctx.args, key)
        levels = service.set_level(ctx.db, ctx.args.code, **changes)
    else:
        levels = service.levels(ctx.db)
    if ctx.args.json:
        output.print_json([{"code": lv.code, "label_zh": lv.label_zh, "label_en": lv.label_en, "color": lv.color,
                            "follow_up_days": lv.follow_up_days} for lv in levels])
        return 0
    output.print_table(
        ("级别 level", "中文", "English", "颜色 colour", "回访间隔 follow up after"),
        [[lv.code, lv.label_zh, lv.label_en, lv.color,
          f"{lv.follow_up_days} 天 days" if lv.follow_up_days else "—"] for lv in levels],
    )
    return 0
