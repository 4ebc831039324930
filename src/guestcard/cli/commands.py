"""The command handlers: each parses its arguments, calls one service, prints the result."""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from guestcard.cli import output
from guestcard.cli.main import CommandError

if TYPE_CHECKING:
    import argparse

    from guestcard.cli.main import Context


def _parse_day(text: str, what: str) -> dt.date:
    from guestcard.domain.values import parse_partial_date

    try:
        date = parse_partial_date(text).to_date()
    except ValueError as exc:
        raise CommandError(f"{what}: {exc}") from None
    if date is None:
        raise CommandError(f"{what}: {text!r} needs a year")
    return date


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
    from guestcard.services import customers

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
    from guestcard.services import customers

    raw = _assignments(ctx.args.assignments, "set")
    updated = customers.update_customer(ctx.db, ctx.args.id, customers.parse_values(ctx.library, raw))
    if ctx.args.json:
        output.print_json(output.customer_json(updated, ctx.library))
    else:
        print(f"updated customer {updated.id}: {', '.join(raw)}")
    return 0


def delete(ctx: Context) -> int:
    from guestcard.services import customers

    customer = customers.get_customer(ctx.db, ctx.args.id)
    customers.delete_customer(ctx.db, ctx.args.id)
    print(f"deleted customer {customer.id} ({customer.name}) and all their visits, contacts and relations")
    return 0


def show(ctx: Context) -> int:
    from guestcard.services import customers

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
    from guestcard.services import customers
    from guestcard.storage import CustomerFilter

    flt = CustomerFilter(
        query=ctx.args.query, customer_class=ctx.args.customer_class, kind=ctx.args.kind, tag=ctx.args.tag
    )
    found = customers.list_customers(ctx.db, flt, limit=ctx.args.limit)
    if ctx.args.json:
        output.print_json([output.customer_json(c, ctx.library) for c in found])
    elif found:
        output.print_table(output.CUSTOMER_HEADERS, output.customer_rows(found))
    else:
        print("no customers found", file=sys.stderr)
    return 0


def _money(text: str | None, what: str) -> Any:
    from guestcard.domain.values import parse_money

    if text is None:
        return None
    try:
        return parse_money(text)
    except ValueError as exc:
        raise CommandError(f"{what}: {exc}") from None


def visit(ctx: Context) -> int:
    from guestcard.domain.model import Visit
    from guestcard.services import customers

    text = ctx.args.date.strip()
    time_text = ctx.args.time
    if m := re.fullmatch(r"(.+?)[T\s]+(\d{1,2}:\d{2})", text):
        text, time_text = m.group(1), time_text or m.group(2)
    day = _parse_day(text, "--date")
    try:
        at_time = dt.time.fromisoformat(time_text.zfill(5)) if time_text else dt.time(12, 0)
    except ValueError:
        raise CommandError(f"--time: {time_text!r} is not HH:MM") from None
    created = customers.add_visit(
        ctx.db,
        Visit(
            customer_id=ctx.args.id,
            at=dt.datetime.combine(day, at_time),
            party_size=ctx.args.party,
            room=ctx.args.room,
            occasion=ctx.args.occasion,
            spend=_money(ctx.args.spend, "--spend"),
            dishes=ctx.args.dishes,
            notes=ctx.args.notes,
        ),
    )
    if ctx.args.json:
        output.print_json(output.visit_json(created))
    else:
        kind = "reservation" if created.is_reservation() else "visit"
        print(f"logged {kind} {created.id} for customer {created.customer_id} at {created.at:%Y-%m-%d %H:%M}")
    return 0


def contact(ctx: Context) -> int:
    from guestcard.domain.model import Contact
    from guestcard.services import customers

    created = customers.add_contact(
        ctx.db,
        Contact(
            customer_id=ctx.args.id,
            date=_parse_day(ctx.args.date, "--date") if ctx.args.date else dt.date.today(),
            channel=ctx.args.channel,
            key_points=ctx.args.points,
            intent=ctx.args.intent,
            next_follow_up=_parse_day(ctx.args.next_follow_up, "--next") if ctx.args.next_follow_up else None,
        ),
    )
    if ctx.args.json:
        output.print_json(output.contact_json(created))
    else:
        print(f"logged contact {created.id} for customer {created.customer_id}")
    return 0


def relate(ctx: Context) -> int:
    from guestcard.domain.model import Relation
    from guestcard.services import customers

    created = customers.add_relation(
        ctx.db, Relation(customer_id=ctx.args.id, other_id=ctx.args.other, kind=ctx.args.kind, note=ctx.args.note)
    )
    print(f"recorded: customer {created.customer_id} is {created.kind} of customer {created.other_id}")
    return 0


def agenda(ctx: Context) -> int:
    from guestcard.services.agenda import agenda as build_agenda

    if ctx.args.days < 0:
        raise CommandError("--days: cannot be negative")
    start = _parse_day(ctx.args.date, "--date") if ctx.args.date else None
    result = build_agenda(ctx.db, ctx.args.days, start)
    if ctx.args.json:
        output.print_json(
            {
                "start": result.start.isoformat(),
                "end": result.end.isoformat(),
                "occasions": [
                    {
                        "date": o.date.isoformat(),
                        "kind": o.kind,
                        "years": o.years,
                        "customer": output.customer_json(o.customer, ctx.library),
                    }
                    for o in result.occasions
                ],
                "reservations": [
                    {**output.visit_json(v), "customer": output.customer_json(c, ctx.library)}
                    for v, c in result.reservations
                ],
                "follow_ups": [
                    {**output.contact_json(k), "customer": output.customer_json(c, ctx.library)}
                    for k, c in result.follow_ups
                ],
            }
        )
        return 0
    print(f"{result.start} – {result.end}")
    print("\n生日与纪念日 birthdays and anniversaries")
    for o in result.occasions:
        label = "生日" if o.kind == "birthday" else "纪念日"
        years = f" ({o.years})" if o.years else ""
        print(f"  {o.date:%m-%d}  {label}{years}  {o.customer.display_name}  {o.customer.customer_class or ''}")
    print("\n预订 reservations")
    for v, c in result.reservations:
        print(
            f"  {v.at:%m-%d %H:%M}  {c.display_name}  {v.party_size or ''}人  {v.room or ''}"
            f"{'  忌口: ' + c.allergies if c.allergies else ''}"
        )
    print("\n待跟进 follow-ups due")
    for k, c in result.follow_ups:
        print(f"  {k.next_follow_up}  {c.display_name}  {k.key_points or ''}")
    return 0


def demo(ctx: Context) -> int:
    from guestcard.services.demo import fill_demo

    if ctx.args.count < 1:
        raise CommandError("--count: must be at least 1")
    count = fill_demo(ctx.db, ctx.args.count)
    print(f"added {count} demo customers with visits and contacts to {ctx.db.display_name}")
    return 0


def forms(ctx: Context) -> int:
    from guestcard.forms import check_form_file

    if ctx.args.action == "check":
        if ctx.args.file is None:
            raise CommandError("forms check: name the form file to check")
        form = check_form_file(ctx.args.file, ctx.library)
        print(
            f"{ctx.args.file}: ok — form {form.id!r} ({form.title.zh} / {form.title.en}), "
            f"{len(form.sections)} sections, {form.field_count} fields"
        )
        return 0
    rows = [
        {
            "id": f.id,
            "title": {"zh": f.title.zh, "en": f.title.en},
            "kind": f.kind,
            "sections": len(f.sections),
            "fields": f.field_count,
            "source": f.source,
        }
        for f in ctx.library.forms.values()
    ]
    if ctx.args.json:
        output.print_json(rows)
    else:
        output.print_table(
            ("id", "title", "kind", "fields"),
            [[r["id"], f"{r['title']['zh']} {r['title']['en']}", r["kind"], str(r["fields"])] for r in rows],
        )
    return 0


def open_gui(args: argparse.Namespace) -> int:
    print("guestcard: the desktop window is not built yet; see `guestcard --help` for the commands", file=sys.stderr)
    return 0


def register_more(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Commands contributed by the import/export and printing parts."""
