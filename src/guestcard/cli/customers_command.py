"""``guestcard add/set/delete/show/list/visit/contact/relate``: a customer's card and its records."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys

from guestcard.cli import account_command, output, staff_command
from guestcard.cli.context import LANG_HELP, AddCommand, CommandError, Context, parse_day, parse_money
from guestcard.domain.model import Contact, Relation, Visit


def register(command: AddCommand) -> None:
    """The card commands: a customer, their visits, contacts and relations."""
    p = command("add", add, "add a customer")
    p.add_argument("--name", required=True, help="the customer's name (a company's full name for corporate)")
    _core_options(p)
    p.add_argument("--json", action="store_true", help="print the created customer as JSON")

    p = command("set", set_fields, "change fields of a customer: guestcard set 12 phone=13812345678 class=A")
    p.add_argument("id", type=int)
    p.add_argument("assignments", nargs="+", metavar="FIELD=VALUE", help="FIELD= (empty) clears the field")
    p.add_argument("--json", action="store_true")

    p = command("delete", delete, "delete a customer and everything about them")
    p.add_argument("id", type=int)

    p = command("show", show, "show a customer's whole file")
    p.add_argument("id", type=int)
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--json", action="store_true")

    p = command("list", list_customers, "list or search customers")
    p.add_argument("words", nargs="*", metavar="TEXT", help="what to search for, as with --query")
    p.add_argument(
        "--query",
        "-q",
        metavar="TEXT",
        default="",
        help="name, pinyin (zhangsan, zs), phone digits, company, dishes, notes…",
    )
    p.add_argument("--class", dest="customer_class", metavar="A|B|C", type=str.upper, choices=("A", "B", "C"))
    p.add_argument("--kind", choices=("individual", "corporate"))
    p.add_argument("--tag")
    p.add_argument("--owner", metavar="NAME", help="only this account manager's guests (归属)")
    p.add_argument("--mine", action="store_true", help="only the guests of the current user (--user)")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--json", action="store_true")

    p = command("visit", visit, "log a visit (or a reservation, when in the future)")
    p.add_argument("id", type=int)
    p.add_argument("--date", required=True, help="YYYY-MM-DD, optionally with HH:MM")
    p.add_argument("--time", help="HH:MM")
    p.add_argument("--spend", help="amount spent, e.g. 3680 or ¥3,680")
    p.add_argument("--party", type=int, help="number of guests")
    p.add_argument("--room", help="room or table")
    p.add_argument("--occasion")
    p.add_argument("--dishes")
    p.add_argument("--notes")
    p.add_argument("--json", action="store_true")
    account_command.visit_options(p)  # --on-account CORP --signer --bill --over-limit

    p = command("contact", contact, "log a contact with the customer and the next follow-up")
    p.add_argument("id", type=int)
    p.add_argument("--date", help="YYYY-MM-DD (default: today)")
    p.add_argument("--channel", help="电话, 微信, 到店, …")
    p.add_argument("--points", help="key points of the conversation")
    p.add_argument("--intent", help="intent level or what the customer wants")
    p.add_argument("--next", dest="next_follow_up", help="date of the next follow-up")
    p.add_argument("--json", action="store_true")

    p = command("relate", relate, "record a relation: guestcard relate 3 spouse 4 (3 is the spouse of 4)")
    p.add_argument("id", type=int)
    p.add_argument("kind", help="spouse, child, parent, assistant, colleague, works_for, friend, other")
    p.add_argument("other", type=int)
    p.add_argument("--note")


def _core_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("core fields")
    for key, help_text in (
        ("honorific", "how staff address the guest, e.g. 王总, 李女士"),
        ("gender", "男/女, M/F"),
        ("phone", "mobile; spaces, dashes and +86 are fine"),
        ("email", None),
        ("birthday", "1985-03-02, 1985年3月2日, or month-day only: 3月2日, 03-02"),
        ("anniversary", "a date, like --birthday"),
        ("company", None),
        ("position", None),
        ("address", None),
        ("class", "A (VIP), B (corporate, regular) or C (walk-in, new); A类, VIP… also understood"),
        ("annual-spend", "e.g. 12800, ¥12,800.00, 1.28万"),
        ("favorite-dishes", None),
        ("favorite-drinks", None),
        ("allergies", "allergies and dietary taboos (忌口)"),
        ("notes", None),
        ("owner", "the account manager whose guest this is (归属): a name of guestcard staff list"),
        ("kind", "individual (default) or corporate"),
    ):
        group.add_argument(f"--{key}", dest=f"core_{key.replace('-', '_')}", metavar="VALUE", help=help_text)
    parser.add_argument("--tags", metavar="A,B", help="comma-separated tags")
    parser.add_argument(
        "--field",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any other form field, e.g. --field preferred_seat=牡丹厅 (repeatable)",
    )


def _core_values(args: argparse.Namespace) -> dict[str, str]:
    values = {}
    for name, value in vars(args).items():
        if name.startswith("core_") and value is not None:
            key = name.removeprefix("core_")
            values["class" if key == "class" else key] = value
    return values


def _assignments(items: list[str], what: str) -> dict[str, str]:
    values = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise CommandError(f"{what}: {item!r} is not KEY=VALUE")
        values[key.strip().replace("-", "_")] = value
    return values


def add(ctx: Context) -> int:
    from guestcard.services import customers  # lazy: --help skips storage/services (cli/main.py)

    raw = {"name": ctx.args.name, **_core_values(ctx.args), **_assignments(ctx.args.field, "--field")}
    if ctx.args.tags:
        raw["tags"] = ctx.args.tags
    customer = customers.build_customer(customers.parse_values(ctx.library, raw))
    duplicates = customers.find_duplicates(ctx.db, customer)
    created = customers.create_customer(ctx.db, customer)
    if ctx.args.json:
        output.print_json(output.customer_json(created, ctx.library))
    else:
        print(f"added customer {created.id}: {created.display_name}")
    for other in duplicates:
        print(f"note: customer {other.id} ({other.name}) has the same phone", file=sys.stderr)
    return 0


def set_fields(ctx: Context) -> int:
    from guestcard.services import customers  # lazy: --help skips storage/services (cli/main.py)

    raw = _assignments(ctx.args.assignments, "set")
    updated = customers.update_customer(ctx.db, ctx.args.id, customers.parse_values(ctx.library, raw))
    if ctx.args.json:
        output.print_json(output.customer_json(updated, ctx.library))
    else:
        print(f"updated customer {updated.id}: {', '.join(raw)}")
    return 0


def delete(ctx: Context) -> int:
    from guestcard.services import customers  # lazy: --help skips storage/services (cli/main.py)

    customer = customers.get_customer(ctx.db, ctx.args.id)
    customers.delete_customer(ctx.db, ctx.args.id)
    print(f"deleted customer {customer.id} ({customer.name}) and all their visits, contacts and relations")
    return 0


def show(ctx: Context) -> int:
    from guestcard.services import customers  # lazy: --help skips storage/services (cli/main.py)

    file = customers.customer_file(ctx.db, ctx.args.id)
    if ctx.args.json:
        data = output.customer_json(file.customer, ctx.library)
        data["visits"] = [output.visit_json(v) for v in file.visits]
        data["contacts"] = [output.contact_json(c) for c in file.contacts]
        data["relations"] = [output.relation_json(r) for r in file.relations]
        output.print_json(data)
        return 0
    output.print_customer(file.customer, ctx.library, ctx.args.lang)
    if file.visits:
        print("\n[来访 visits]")
        output.print_table(
            ("id", "时间 at", "人数", "包房 room", "场合", "消费 spend"),
            [
                [
                    str(v.id),
                    v.at.strftime("%Y-%m-%d %H:%M"),
                    str(v.party_size or ""),
                    v.room or "",
                    v.occasion or "",
                    f"¥{v.spend:,}" if v.spend is not None else "",
                ]
                for v in file.visits
            ],
        )
    if file.contacts:
        print("\n[联系记录 contacts]")
        output.print_table(
            ("id", "日期 date", "方式", "要点 key points", "意向", "下次跟进 next"),
            [
                [
                    str(c.id),
                    c.date.isoformat(),
                    c.channel or "",
                    c.key_points or "",
                    c.intent or "",
                    c.next_follow_up.isoformat() if c.next_follow_up else "",
                ]
                for c in file.contacts
            ],
        )
    if file.relations:
        print("\n[关系 relations]")
        for r in file.relations:
            arrow = (
                f"{r.other_name} (#{r.other_id}) → {r.kind} of this customer"
                if r.inverse
                else f"{r.kind} of {r.other_name} (#{r.other_id})"
            )
            print(f"  {arrow}")
    return 0


def list_customers(ctx: Context) -> int:
    from guestcard.services import customers  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.storage import CustomerFilter

    query = " ".join((ctx.args.query, *ctx.args.words)).strip()  # `guestcard list 5678` is a search too
    flt = CustomerFilter(query=query, customer_class=ctx.args.customer_class, kind=ctx.args.kind, tag=ctx.args.tag,
                         owner=staff_command.owner_filter(ctx))
    found = customers.list_customers(ctx.db, flt, limit=ctx.args.limit)
    if ctx.args.json:
        output.print_json([output.customer_json(c, ctx.library) for c in found])
    elif found:
        output.print_table(output.CUSTOMER_HEADERS, output.customer_rows(found))
    else:
        print("no customers found", file=sys.stderr)
    return 0


def visit(ctx: Context) -> int:
    from guestcard.services import customers  # lazy: --help skips storage/services (cli/main.py)

    text = ctx.args.date.strip()
    time_text = ctx.args.time
    if m := re.fullmatch(r"(.+?)[T\s]+(\d{1,2}:\d{2})", text):
        text, time_text = m.group(1), time_text or m.group(2)
    day = parse_day(text, "--date")
    try:
        at_time = dt.time.fromisoformat(time_text.zfill(5)) if time_text else dt.time(12, 0)
    except ValueError:
        raise CommandError(f"--time: {time_text!r} is not HH:MM") from None
    visit = Visit(
        customer_id=ctx.args.id,
        at=dt.datetime.combine(day, at_time),
        party_size=ctx.args.party,
        room=ctx.args.room,
        occasion=ctx.args.occasion,
        spend=parse_money(ctx.args.spend, "--spend"),
        dishes=ctx.args.dishes,
        notes=ctx.args.notes,
    )
    if ctx.args.on_account:
        return account_command.log_visit_on_account(ctx, visit)
    created = customers.add_visit(ctx.db, visit)
    if ctx.args.json:
        output.print_json(output.visit_json(created))
    else:
        kind = "reservation" if created.is_reservation() else "visit"
        print(f"logged {kind} {created.id} for customer {created.customer_id} at {created.at:%Y-%m-%d %H:%M}")
    return 0


def contact(ctx: Context) -> int:
    from guestcard.services.intent import log_contact  # lazy: --help skips storage/services (cli/main.py)

    created, proposed = log_contact(
        ctx.db,
        Contact(
            customer_id=ctx.args.id,
            date=parse_day(ctx.args.date, "--date") if ctx.args.date else dt.date.today(),
            channel=ctx.args.channel,
            key_points=ctx.args.points,
            intent=ctx.args.intent,
            next_follow_up=parse_day(ctx.args.next_follow_up, "--next") if ctx.args.next_follow_up else None,
        ),
    )
    if ctx.args.json:
        output.print_json(output.contact_json(created))
    else:
        print(f"logged contact {created.id} for customer {created.customer_id}")
        if proposed:
            print(f"next follow-up {created.next_follow_up} (the rule of intent level {created.intent})")
    return 0


def relate(ctx: Context) -> int:
    from guestcard.services import customers  # lazy: --help skips storage/services (cli/main.py)

    created = customers.add_relation(
        ctx.db, Relation(customer_id=ctx.args.id, other_id=ctx.args.other, kind=ctx.args.kind, note=ctx.args.note)
    )
    print(f"recorded: customer {created.customer_id} is {created.kind} of customer {created.other_id}")
    return 0
