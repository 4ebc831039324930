"""The command handlers: each parses its arguments, calls one service, prints the result."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guestcard.cli import account_command, insights_command, merge_command, output, reach_command, staff_command
from guestcard.cli.main import LANG_HELP, CommandError

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
    visit = Visit(
        customer_id=ctx.args.id,
        at=dt.datetime.combine(day, at_time),
        party_size=ctx.args.party,
        room=ctx.args.room,
        occasion=ctx.args.occasion,
        spend=_money(ctx.args.spend, "--spend"),
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
    from guestcard.domain.model import Contact
    from guestcard.services.intent import log_contact

    created, proposed = log_contact(
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
        if proposed:
            print(f"next follow-up {created.next_follow_up} (the rule of intent level {created.intent})")
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


def demo(ctx: Context) -> int:
    from guestcard.services.demo import fill_demo

    if ctx.args.count < 1:
        raise CommandError("--count: must be at least 1")
    count = fill_demo(ctx.db, ctx.args.count, duplicates=True)
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
        _print_header_conflicts(ctx.library, form)
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


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _progress_line(text: str) -> None:
    """A one-line progress display, only on a terminal (never in pipes or logs)."""
    if sys.stderr.isatty():
        sys.stderr.write("\r" + text + "\033[K")
        sys.stderr.flush()


def _end_progress() -> None:
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def _print_header_conflicts(library: Any, form: Any) -> None:
    """Every spreadsheet header two fields answer to (with the checked form among the cards)."""
    from guestcard.forms import FormLibrary
    from guestcard.io.mapping import header_conflicts

    forms = {**{i: f for i, f in library.forms.items() if i != form.id}, form.id: form}
    forms = dict(sorted(forms.items(), key=lambda item: (item[1].order, item[0])))
    fields = {**library.fields, **{s.key: s for s in form.fields() if s.key not in library.fields}}
    conflicts = header_conflicts(FormLibrary(core=library.core, forms=forms, fields=fields))
    if conflicts:
        print(f"headers two fields answer to ({len(conflicts)}): the first field gets the column")
    for c in conflicts:
        print(f"  {c.header!r} → {c.winner}, not {', '.join(c.losers)}: {c.reason}")


_CHANGE_WORDS = {"fill": "filled in", "replace": "replaced", "keep": "kept the card's; the sheet says"}


def _print_changes(report: Any, dry_run: bool) -> None:
    """Every field of an existing card the import changes or keeps, old → new (the first 50)."""
    if not report.changes:
        return
    would = "would change or keep" if dry_run else "changed or kept"
    hint = f"; {report.kept} kept as the card has them, --overwrite replaces them" if report.kept else ""
    print(f"  fields of existing cards the import {would} ({len(report.changes)}{hint}):")
    for c in report.changes[:50]:
        print(f"    customer {c.customer_id} ({c.sheet} row {c.row}) {c.field}: {c.old!r} → {c.new!r}"
              f"  [{_CHANGE_WORDS[c.action]}]")
    if len(report.changes) > 50:
        print(f"    … and {len(report.changes) - 50} more (use --json for all)")


def _print_weak_matches(report: Any) -> None:
    """Rows taken for an existing card by a weak rule only: the manager checks them."""
    if not report.weak_matches:
        return
    print(f"  rows matched to an existing card by a weak rule — please check ({len(report.weak_matches)}):")
    for m in report.weak_matches[:50]:
        print(f"    {m.sheet} row {m.row} → customer {m.customer_id} ({', '.join(m.reasons)})")


def import_file(ctx: Context) -> int:
    from guestcard.io import ImportRefused, load_mapping
    from guestcard.services.importing import ImportOptions
    from guestcard.services.importing import import_file as run_import

    path = ctx.args.file
    try:
        mapping = load_mapping(ctx.args.mapping) if ctx.args.mapping else None
        options = ImportOptions(
            sheet=ctx.args.sheet,
            mapping=mapping,
            duplicates=ctx.args.duplicates,
            overwrite=ctx.args.overwrite,
            dry_run=ctx.args.dry_run,
            backup_dir=ctx.settings.backup_dir(),
        )
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        if path.is_dir():
            raise CommandError(f"{path}: is a folder, not a spreadsheet")

        def show(progress: Any) -> None:
            total = f"/{progress.total:,}" if progress.total else ""
            _progress_line(f"reading {path.name}: {progress.done:,}{total} rows")

        report = run_import(ctx.db, ctx.library, path, options, progress=None if ctx.args.json else show)
    except ImportRefused as exc:
        raise CommandError(str(exc)) from None
    finally:
        _end_progress()
    if ctx.args.json:
        output.print_json(report.to_json())
        return 0
    verb = "would import" if options.dry_run else "imported"
    print(
        f"{path.name}: {report.rows} rows — {verb} {report.imported} new, updated {report.updated}, "
        f"skipped {report.skipped}" + (" (dry run: nothing written)" if options.dry_run else "")
    )
    for sheet in report.sheets:
        print(
            f"  sheet {sheet.name}: {sheet.rows} rows, {sheet.imported} new, {sheet.updated} updated, "
            f"{sheet.skipped} skipped"
        )
    errors = [e for e in report.errors if e.level == "error"]
    warnings = [e for e in report.errors if e.level == "warning"]
    for issue in [*errors, *warnings][:50]:
        where = (
            f"{issue.sheet}"
            + (f" row {issue.row}" if issue.row else "")
            + (f" column {issue.column}" if issue.column else "")
        )
        print(f"  {issue.level}: {where}: {issue.message}")
    if len(report.errors) > 50:
        print(f"  … and {len(report.errors) - 50} more (use --json for all)")
    _print_changes(report, options.dry_run)
    _print_weak_matches(report)
    if report.history is not None:  # our own export: its visits and contacts, and what it cannot carry
        h = report.history
        print(f"  visits and contacts of the export: {'would add' if options.dry_run else 'added'} {h.visits} "
              f"visits and {h.contacts} contacts; {h.present} already on the cards, {h.unmatched} of rows not "
              f"imported, {h.unreadable} unreadable; not in the export, not restored: {', '.join(h.left_out)}")
    if report.batch is not None:
        print(f"batch {report.batch}: undo with `guestcard undo-import {report.batch}`")
    return 0


def undo_import(ctx: Context) -> int:
    from guestcard.services.importing import list_batches
    from guestcard.services.importing import undo_import as undo

    if ctx.args.batch is None:
        batches = list_batches(ctx.db)
        if not batches:
            print("no imports yet")
        for b in batches:
            state = f"undone {b.undone_at:%Y-%m-%d %H:%M}" if b.undone_at else "can be undone"
            print(
                f"{b.id}  {b.imported_at:%Y-%m-%d %H:%M}  {b.file_name}  {b.imported} new, {b.updated} updated"
                f"  ({state})"
            )
        return 0
    result = undo(ctx.db, ctx.args.batch, backup_dir=ctx.settings.backup_dir())
    print(f"undid import {result.batch}: removed {result.removed} customers, restored {result.restored}")
    if result.kept:
        shown = ", ".join(map(str, result.kept[:20])) + (" …" if len(result.kept) > 20 else "")
        print(f"kept {len(result.kept)} worked on since the import as they are (ids {shown}); "
              "delete or edit them by hand if they should go")
    return 0


def export(ctx: Context) -> int:
    from guestcard.services.exporting import export_customers
    from guestcard.storage import CustomerFilter

    out = ctx.args.out
    if out.suffix.lower() not in (".xlsx", ".vcf"):
        raise CommandError(f"{out}: the export is an .xlsx workbook or .vcf phone contacts; name the file "
                           "….xlsx or ….vcf")
    if not out.parent.is_dir():
        raise CommandError(f"{out}: the folder {out.parent} does not exist")
    flt = CustomerFilter(query=ctx.args.query, customer_class=ctx.args.customer_class)
    if out.suffix.lower() == ".vcf":
        from guestcard.services.exporting import export_vcards

        try:
            count = export_vcards(ctx.db, out, flt)
        except OSError as exc:
            raise CommandError(f"{out}: cannot be written ({exc.strerror or exc})") from None
        print(f"exported {_count(count, 'customer')} as phone contacts to {out}")
        return 0
    try:
        count = export_customers(
            ctx.db,
            ctx.library,
            out,
            flt,
            form_id=ctx.args.form,
            lang=ctx.args.lang,
            include_confidential=ctx.args.include_confidential,
        )
    except KeyError as exc:
        raise CommandError(str(exc.args[0])) from None
    except OSError as exc:
        raise CommandError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    print(f"exported {_count(count, 'customer')} to {out}")
    return 0


def print_cards(ctx: Context) -> int:
    from guestcard.printing import PrintError, PrintOptions
    from guestcard.services import printing
    from guestcard.storage import CustomerFilter

    args = ctx.args
    out = args.out
    if out.suffix.lower() != ".pdf":
        raise CommandError(f"{out}: cards are printed to a PDF file; name it ….pdf")
    if not out.parent.is_dir():
        raise CommandError(f"{out}: the folder {out.parent} does not exist")
    day = None
    if args.today or args.tomorrow:
        day = dt.date.today() + dt.timedelta(days=1 if args.tomorrow else 0)
    elif args.date:
        day = _parse_day(args.date, "--date")
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
            progress=lambda n: _progress_line(f"printing: {n} cards"), on_skip=skipped.extend,
        )
        if skipped:
            chosen = [c for c in chosen if c not in skipped]
            _end_progress()
            print(
                f"note: skipped {_count(len(skipped), 'customer')} the form {args.form!r} is not for: "
                f"{printing.skipped_names(skipped)}",
                file=sys.stderr,
            )
    except PrintError as exc:
        raise CommandError(str(exc)) from None
    except OSError as exc:
        raise CommandError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    finally:
        _end_progress()
    who = "a blank form" if args.blank else _count(len(chosen), "customer")
    print(f"printed {who} on {_count(pages, 'page')} to {out}")
    return 0


def photo(ctx: Context) -> int:
    from guestcard.services import customers

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


def _database_file(ctx: Context) -> Path:
    from guestcard.storage.database import database_url

    if ctx.args.db_url:
        raise CommandError("backup and restore are for SQLite files; use the server's own tools (pg_dump)")
    return Path(database_url(ctx.database_target).removeprefix("sqlite:///"))


def backup(ctx: Context) -> int:
    from guestcard.services.backup import backup_database, rotate_backups

    source = _database_file(ctx)
    if not source.exists():
        raise CommandError(f"{source}: no such database")
    folder = ctx.args.dest or ctx.settings.backup_dir()
    path = backup_database(source, folder, password=ctx.password)
    if ctx.args.dest is None:
        rotate_backups(folder)
    print(f"backed up {source} to {path}")
    return 0


def restore(ctx: Context) -> int:
    from guestcard.services.backup import backup_info, restore_database

    target = _database_file(ctx)
    info = backup_info(ctx.args.file, ctx.password)
    print(f"{info.path.name}: taken {info.taken_at:%Y-%m-%d %H:%M} ({info.reason}), {info.customers} customers")
    if not ctx.args.yes:
        if not sys.stdin.isatty():
            raise CommandError("restore: add --yes to replace the database (no terminal to ask on)")
        answer = input(f"replace {target} with this backup? [y/N] ").strip().lower()
        if answer not in ("y", "yes", "是"):
            print("nothing changed")
            return 0
    safety, aside = restore_database(target, ctx.args.file, ctx.settings.backup_dir(), password=ctx.password)
    if safety:
        print(f"the database as it was is backed up to {safety}")
    print(f"restored; the replaced file was moved aside to {aside}")
    return 0


def history(ctx: Context) -> int:
    from guestcard.services import customers

    changes = customers.history_of(ctx.db, ctx.args.id)
    if ctx.args.json:
        output.print_json(
            [
                {
                    "at": c.at.isoformat(timespec="seconds"),
                    "action": c.action,
                    "field": c.field,
                    "old": c.old,
                    "new": c.new,
                    "batch": c.batch_id,
                    "by": c.by,
                }
                for c in changes
            ]
        )
        return 0
    for c in changes:
        what = f"{c.field}: {c.old!r} → {c.new!r}" if c.field else "card created"
        if c.action == "import-kept":
            what = f"{c.field}: kept {c.old!r}; the sheet said {c.new!r}"
        if isinstance(c.new, dict) and "text" in c.new:  # one entry for a whole action (a merge)
            what = c.new["text"]
        batch = f" (import {c.batch_id})" if c.batch_id else ""
        by = f"  [{c.by}]" if c.by else ""
        print(f"{c.at:%Y-%m-%d %H:%M}  {c.action}{batch}  {what}{by}")
    return 0


def copy_db(ctx: Context) -> int:
    from guestcard.services.copying import CopyError, copy_database
    from guestcard.storage import Database

    target = Database.open(ctx.args.to)
    removed: dict[str, int] = {}
    try:
        counts = copy_database(ctx.db, target, progress=lambda t, n: _progress_line(f"copying {t}: {n:,} rows"),
                               nul_removed=removed)
    except CopyError as exc:
        raise CommandError(str(exc)) from None
    finally:
        _end_progress()
        target.close()
    print(
        f"copied {counts['customers']} customers, {counts['visits']} visits and {counts['contacts']} contacts "
        f"to {target.display_name} (all {len(counts)} tables counted and checked)"
    )
    if removed:
        print(f"warning: {sum(removed.values())} NUL characters removed from text "
              f"({', '.join(f'{t}: {n}' for t, n in removed.items())})")
    return 0


def password(ctx: Context) -> int:
    """``password set|change|remove``: re-encrypt the database file (and the backups)."""
    from guestcard.cli.main import ask_password, read_password
    from guestcard.services import password as service

    target = _database_file(ctx)
    if not target.exists():
        raise CommandError(f"{target}: no such database")
    action = ctx.args.action
    current = None
    if action in ("change", "remove"):
        current = ctx.password
        if current is None:
            if not sys.stdin.isatty():
                raise CommandError(
                    f"password {action}: give the current password (--password-file or GUESTCARD_PASSWORD)"
                )
            current = ask_password("current password: ")
    new = None
    if action in ("set", "change"):
        new = read_password(ctx.args.new_password_file, "GUESTCARD_NEW_PASSWORD")
        if new is None:
            if not sys.stdin.isatty():
                raise CommandError(
                    f"password {action}: give the new password (--new-password-file or GUESTCARD_NEW_PASSWORD)"
                )
            new = ask_password("new password: ")
            if ask_password("the new password again: ") != new:
                raise CommandError("the two passwords differ; nothing changed")
    folder = ctx.settings.backup_dir()
    if action == "set":
        report = service.set_password(target, new, backups=folder)  # type: ignore[arg-type]
        print(f"{target} is now encrypted; keep the password safe: without it the guest files cannot be opened")
    elif action == "change":
        report = service.change_password(target, current, new, backups=folder)  # type: ignore[arg-type]
        print(f"changed the password of {target}")
    else:
        report = service.remove_password(target, current, backups=folder)  # type: ignore[arg-type]
        print(f"{target} is no longer encrypted")
    if report.backups_updated:
        print(f"{len(report.backups_updated)} backups in {report.backups_updated[0].parent} were re-encrypted too")
    for left in report.backups_left:
        print(f"  left as it was (another password?): {left}")
    for missing in report.backups_missing:
        print(f"  not found, so not re-encrypted (written elsewhere: a USB stick not plugged in?): {missing}")
    return 0


def register_more(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Import/export, printing, photos, backups, the audit trail and moving to a server."""
    p = command("copy-db", copy_db, "copy the whole database into another, e.g. a PostgreSQL server, and check it")
    p.add_argument(
        "--to",
        required=True,
        metavar="URL_OR_PATH",
        help="postgresql+psycopg://user:password@host/dbname, or a SQLite file path (must be empty)",
    )

    p = command("backup", backup, "back up the database (consistent even while guestcard runs)")
    p.add_argument("dest", type=Path, nargs="?", help="a folder or file (default: the backup folder)")

    p = command("restore", restore, "put a backup in place of the database (the current one is kept aside)")
    p.add_argument("file", type=Path)
    p.add_argument("--yes", action="store_true", help="do not ask")

    p = command(
        "password",
        password,
        "set, change or remove the database password (the file and its backups are re-encrypted)",
    )
    p.add_argument("action", choices=("set", "change", "remove"))
    p.add_argument(
        "--new-password-file",
        type=Path,
        metavar="FILE",
        help="the new password, the first line of FILE (or set GUESTCARD_NEW_PASSWORD); asked for on a terminal",
    )

    p = command("history", history, "a customer's audit trail: every change, when, by which action")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")

    p = command("import", import_file, "import customers from a spreadsheet (.xlsx, .xlsm, .xls, .csv, .txt)")
    p.add_argument("file", type=Path)
    p.add_argument("--sheet", metavar="NAME", help="import only this sheet")
    p.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE.json",
        help='saved column mapping: {"header": "field_key" or null to ignore}',
    )
    p.add_argument(
        "--duplicates",
        choices=("update", "skip", "new"),
        default="update",
        help="a row matching an existing customer (same phone; or same name and company or "
        "birthday): update it (default: fill in what the card lacks, keep what it says differently, "
        "the sheet's value noted in its history), skip it, or add a new customer",
    )
    p.add_argument("--overwrite", action="store_true",
                   help="with update: the sheet's values replace the card's where they differ (nothing is blanked)")
    p.add_argument("--dry-run", action="store_true", help="check everything, write nothing")
    p.add_argument("--json", action="store_true")

    p = command("undo-import", undo_import, "undo an import (without a batch number: list the imports)")
    p.add_argument("batch", type=int, nargs="?")

    p = command("export", export, "export customers to an .xlsx workbook")
    p.add_argument("out", type=Path, metavar="OUT.xlsx")
    p.add_argument("--query", "-q", default="", metavar="TEXT")
    p.add_argument("--class", dest="customer_class", metavar="A|B|C", type=str.upper, choices=("A", "B", "C"))
    p.add_argument("--form", metavar="ID", help="only this form's fields (default: every form's)")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--include-confidential", action="store_true", help="also the fields marked confidential")

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

    insights_command.register(command)
    merge_command.register(command)
    staff_command.register(command)
    account_command.register(command)
    reach_command.register(command)
