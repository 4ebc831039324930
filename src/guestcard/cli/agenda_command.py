"""``guestcard agenda``: birthdays, anniversaries, festivals, reservations and follow-ups coming up."""

from __future__ import annotations

from guestcard.cli import output, staff_command
from guestcard.cli.context import LANG_HELP, AddCommand, CommandError, Context, parse_day
from guestcard.domain.messages import Code


def register(command: AddCommand) -> None:
    """The agenda."""
    p = command("agenda", agenda, "birthdays, anniversaries, reservations and follow-ups coming up")
    p.add_argument("--days", type=int, default=7, help="how many days ahead (default 7)")
    p.add_argument("--date", help="start day (default: today)")
    p.add_argument("--owner", metavar="NAME", help="only this account manager's guests: their overdue follow-ups")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--json", action="store_true")


def agenda(ctx: Context) -> int:
    from guestcard.services.agenda import agenda as build_agenda  # lazy: --help skips storage/services (cli/main.py)

    if ctx.args.days < 0:
        raise CommandError(Code.OPTION_NEGATIVE, "--days")
    start = parse_day(ctx.args.date, "--date") if ctx.args.date else None
    result = staff_command.agenda_of_owner(
        ctx, build_agenda(ctx.db, ctx.args.days, start, ctx.settings.festival_classes)
    )
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
                        "calendar": o.calendar,
                        "solar_date": o.date.isoformat(),
                        "kept": o.kept.iso() if o.kept else None,
                        "written": o.kept.words() if o.kept else None,
                        "customer": output.customer_json(o.customer, ctx.library),
                    }
                    for o in result.occasions
                ],
                "festivals": [
                    {
                        "date": f.date.isoformat(),
                        "festival": f.festival.key,
                        "name": f.festival.zh,
                        "name_en": f.festival.en,
                        "calendar": f.festival.calendar,
                        "classes": list(f.classes),
                        "customers": [
                            {"id": c.id, "name": c.display_name, "class": c.customer_class, "phone": c.phone}
                            for c in f.customers
                        ],
                    }
                    for f in result.festivals
                ],
                "reservations": [
                    {**output.visit_json(v), "customer": output.customer_json(c, ctx.library)}
                    for v, c in result.reservations
                ],
                "follow_ups": [
                    {**output.contact_json(k), "customer": output.customer_json(c, ctx.library)}
                    for k, c in result.follow_ups
                ],
                **staff_command.agenda_extras_json(ctx, result),
            }
        )
        return 0
    zh = ctx.args.lang != "en"

    def say(chinese: str, english: str) -> str:
        return chinese if zh else english

    print(f"{result.start} – {result.end}")
    print("\n" + say("生日与纪念日", "Birthdays and anniversaries"))
    for o in result.occasions:
        label = say("生日", "birthday") if o.kind == "birthday" else say("纪念日", "anniversary")
        years = f" ({o.years})" if o.years else ""
        lunar = f"  {o.kept.words(ctx.args.lang)}" if o.kept is not None and o.kept.lunar else ""
        print(f"  {o.date:%m-%d}  {label}{years}  {o.customer.display_name}  {o.customer.customer_class or ''}{lunar}")
    print("\n" + say("节日", "Festivals"))
    for f in result.festivals:
        who = say("、", ", ").join(c.display_name for c in f.customers[:8]) + (" …" if len(f.customers) > 8 else "")
        classes = "/".join(f.classes) or "-"
        print(f"  {f.date:%m-%d}  {f.festival.zh if zh else f.festival.en}  {classes}: {len(f.customers)}  {who}")
    print("\n" + say("预订", "Reservations"))
    for v, c in result.reservations:
        party = f"{v.party_size}{say('人', ' guests')}" if v.party_size else ""
        avoid = f"  {say('忌口', 'avoid')}: {c.allergies}" if c.allergies else ""
        print(f"  {v.at:%m-%d %H:%M}  {c.display_name}  {party}  {v.room or ''}{avoid}")
    print("\n" + say("待跟进", "Follow-ups due"))
    for k, c in result.follow_ups:
        print(f"  {k.next_follow_up}  {c.display_name}  {k.key_points or ''}")
    staff_command.print_agenda_extras(ctx, result)
    return 0
