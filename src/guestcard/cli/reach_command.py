"""Reaching the guests from the command line: ``guestcard greetings`` (who to greet, the filled
text, logging it as sent; the templates) and ``guestcard labels`` (address labels)."""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import tempfile
from pathlib import Path

from guestcard.cli import output
from guestcard.cli.context import LANG_HELP, AddCommand, CommandError, Context
from guestcard.domain.messages import Code
from guestcard.forms.greetings import TemplateError, load_templates, save_template
from guestcard.paths import user_forms_dir


def register(command: AddCommand) -> None:
    p = command("greetings", greetings,
                "greetings to send (birthdays, lunar birthdays, festivals, regulars missed, banquet hosts), "
                "with the text filled from each card; templates: guestcard greetings templates / set / check")
    p.add_argument("action", nargs="?", choices=("list", "templates", "set", "check"), default="list")
    p.add_argument("what", nargs="*", metavar="ARG",
                   help="set: OCCASION TEXT (e.g. birthday '{称呼}，生日快乐！'); check: FILE")
    p.add_argument("--days", type=int, default=7, help="how many days ahead (default 7)")
    p.add_argument("--date", help="the first day (default: today)")
    p.add_argument("--occasion", help="only this kind: birthday, anniversary, festival, festival.mid_autumn, "
                                      "miss_you, thank_you")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)
    p.add_argument("--all", action="store_true", help="also the greetings already logged as sent")
    p.add_argument("--log", metavar="CHANNEL", nargs="?", const="微信",
                   help="log every greeting listed as sent (a contact on the card; channel 微信 unless named)")
    p.add_argument("--json", action="store_true")

    p = command("labels", labels, "address labels of the chosen customers on a sticker sheet (PDF)")
    p.add_argument("out", type=Path, metavar="OUT.pdf")
    p.add_argument("--sheet", default="A4-3x8",
                   help="A4-2x7, A4-3x7, A4-3x8 (default), custom (from the settings) "
                        "or ROWSxCOLS TOP LEFT GAP_X GAP_Y")
    p.add_argument("--class", dest="customer_class", metavar="A|B|C", type=str.upper, choices=("A", "B", "C"))
    p.add_argument("--query", "-q", default="", metavar="TEXT", help="only the customers this search finds")
    p.add_argument("--ids", metavar="1,2,3", help="these customers, in this order")
    p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)

    p = command("letters", letters, "one letter per chosen customer from a template, on the letterhead (PDF)")
    p.add_argument("out", type=Path, metavar="OUT.pdf")
    p.add_argument("--template", type=Path, required=True, metavar="FILE",
                   help="a TOML with title, body and closing (see forms/letters/invitation.toml)")
    _choice_options(p)

    p = command("envelopes", envelopes, "envelopes of the chosen customers, postcode boxes top left (PDF)")
    p.add_argument("out", type=Path, metavar="OUT.pdf")
    p.add_argument("--size", default="DL", help="DL/5 (220×110), C5/7 (229×162), 6 (230×120), C6 (162×114)")
    _choice_options(p, lang=False)


def _choice_options(p: argparse.ArgumentParser, *, lang: bool = True) -> None:
    p.add_argument("--class", dest="customer_class", metavar="A|B|C", type=str.upper, choices=("A", "B", "C"))
    p.add_argument("--query", "-q", default="", metavar="TEXT", help="only the customers this search finds")
    p.add_argument("--ids", metavar="1,2,3", help="these customers, in this order")
    if lang:
        p.add_argument("--lang", choices=("zh", "en"), default=None, help=LANG_HELP)


def _pdf_out(out: Path, what: str) -> None:
    if out.suffix.lower() != ".pdf":
        raise CommandError(f"{out}: {what} are printed to a PDF file; name it ….pdf")
    if not out.parent.is_dir():
        raise CommandError(Code.FOLDER_MISSING, out, out.parent)


def _chosen(ctx: Context) -> dict[str, object]:
    from guestcard.storage import CustomerFilter  # lazy: --help skips storage/services (cli/main.py)

    args = ctx.args
    try:
        ids = [int(part) for part in args.ids.split(",") if part.strip()] if args.ids else None
    except ValueError:
        raise CommandError(f"--ids: {args.ids!r} is not a list of customer ids (1,2,3)") from None
    if ids:
        return {"ids": ids}
    return {"flt": CustomerFilter(query=args.query, customer_class=args.customer_class)}


def letters(ctx: Context) -> int:
    from guestcard.printing import PrintError  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services.mailing import MailingError, letterhead_from, print_letters

    _pdf_out(ctx.args.out, "letters")
    if not ctx.args.template.is_file():
        raise CommandError(f"{ctx.args.template}: no such template file")
    try:
        count, pages = print_letters(ctx.db, ctx.args.out, ctx.args.template, letterhead_from(ctx.settings),
                                     lang=ctx.args.lang, manager=ctx.settings.manager_name, **_chosen(ctx))
    except (TemplateError, MailingError, PrintError) as exc:
        raise CommandError.of(exc) from None
    except OSError as exc:
        raise CommandError(Code.CANNOT_BE_WRITTEN, ctx.args.out, exc.strerror or exc) from None
    print(f"printed {count} letters ({pages} pages) to {ctx.args.out}")
    return 0


def envelopes(ctx: Context) -> int:
    from guestcard.printing import PrintError  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services.mailing import MailingError, letterhead_from, print_envelopes

    _pdf_out(ctx.args.out, "envelopes")
    try:
        count, missing = print_envelopes(ctx.db, ctx.args.out, ctx.args.size, letterhead_from(ctx.settings),
                                         **_chosen(ctx))
    except (MailingError, PrintError) as exc:
        raise CommandError.of(exc) from None
    except OSError as exc:
        raise CommandError(Code.CANNOT_BE_WRITTEN, ctx.args.out, exc.strerror or exc) from None
    left = f"; {len(missing)} without an address left out" if missing else ""
    print(f"printed {count} envelopes ({ctx.args.size}) to {ctx.args.out}{left}")
    return 0


def labels(ctx: Context) -> int:
    from guestcard.printing import PrintError  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services.mailing import MailingError, parse_sheet, print_labels
    from guestcard.storage import CustomerFilter

    args = ctx.args
    out: Path = args.out
    if out.suffix.lower() != ".pdf":
        raise CommandError(f"{out}: labels are printed to a PDF file; name it ….pdf")
    if not out.parent.is_dir():
        raise CommandError(Code.FOLDER_MISSING, out, out.parent)
    try:
        sheet = parse_sheet(ctx.settings.custom_label_sheet if args.sheet == "custom" else args.sheet)
        ids = [int(part) for part in args.ids.split(",") if part.strip()] if args.ids else None
    except ValueError as exc:
        raise CommandError.of(exc, "--sheet/--ids") from None
    flt = CustomerFilter(query=args.query, customer_class=args.customer_class)
    try:
        report = print_labels(ctx.db, out, sheet, ids=ids, flt=None if ids else flt, lang=args.lang)
    except (MailingError, PrintError) as exc:
        raise CommandError.of(exc) from None
    except OSError as exc:
        raise CommandError(Code.CANNOT_BE_WRITTEN, out, exc.strerror or exc) from None
    left = f"; {len(report.without_address)} without an address left out" if report.without_address else ""
    print(f"printed {report.labels} labels ({sheet.rows}×{sheet.cols} a page) to {out}{left}")
    return 0


def greetings(ctx: Context) -> int:
    action = ctx.args.action
    try:
        if action == "templates":
            return _templates(ctx)
        if action == "set":
            return _set(ctx)
        if action == "check":
            return _check(ctx)
    except TemplateError as exc:
        raise CommandError.of(exc) from None
    return _list(ctx)


def _list(ctx: Context) -> int:
    from guestcard.services import greetings as service  # lazy: --help skips storage/services (cli/main.py)

    args = ctx.args
    if args.what:
        raise CommandError(f"greetings: unexpected {args.what[0]!r} (greetings list takes options only)")
    if args.days < 0:
        raise CommandError(Code.OPTION_NEGATIVE, "--days")
    start = _day(args.date) if args.date else None
    settings = ctx.settings
    found = service.greetings(
        ctx.db, args.days, start, occasion=args.occasion, lang=args.lang, hotel=settings.restaurant_name,
        manager=settings.manager_name, festival_classes=settings.festival_classes,
        include_sent=args.all,
    )
    logged = service.mark_sent(ctx.db, found, args.log) if args.log else 0
    if args.json:
        output.print_json({
            "greetings": [
                {"date": g.date.isoformat(), "occasion": g.occasion, "label": g.label, "sent": g.sent or bool(args.log),
                 "text": g.text, "customer": {"id": g.customer.id, "name": g.customer.name,
                                             "honorific": g.customer.honorific, "phone": g.customer.phone}}
                for g in found
            ],
            "logged": logged,
        })
        return 0
    zh = args.lang != "en"
    if not found:
        print("没有要发送的祝福" if zh else "no greetings to send")
    for g in found:
        done = ("（已发）" if zh else " (sent)") if g.sent else ""
        print(f"{g.date:%m-%d}  {g.label}{done}  #{g.customer.id} {g.customer.display_name}  {g.customer.phone or ''}")
        print(f"    {g.text}")
    if args.log:
        print(f"已记录 {logged} 条祝福（{args.log}）" if zh else f"logged {logged} greetings as sent ({args.log})")
    return 0


def _templates(ctx: Context) -> int:
    from guestcard.services.greetings import templates  # lazy: --help skips storage/services (cli/main.py)

    found = templates()
    if ctx.args.json:
        output.print_json({k: {"zh": t.zh, "en": t.en} for k, t in sorted(found.items())})
        return 0
    for key, template in sorted(found.items()):
        print(f"[{key}]\n  zh: {template.zh}\n  en: {template.en}")
    return 0


def _set(ctx: Context) -> int:
    if len(ctx.args.what) != 2:
        raise CommandError("greetings set: give OCCASION and TEXT, e.g. greetings set birthday '{称呼}，生日快乐！'")
    occasion, text = ctx.args.what
    path = save_template(user_forms_dir() / "greetings", occasion, ctx.args.lang or "zh", text)
    print(f"saved the {occasion} greeting ({ctx.args.lang or 'zh'}) in {path}")
    return 0


def _check(ctx: Context) -> int:
    if len(ctx.args.what) != 1:
        raise CommandError("greetings check: give the FILE")
    path = Path(ctx.args.what[0])
    if not path.is_file():
        raise CommandError(Code.NO_SUCH_FILE, path)
    with tempfile.TemporaryDirectory() as folder:  # the loader reads folders
        shutil.copy(path, Path(folder) / path.name)
        found = load_templates(Path(folder))
    print(f"{path}: {len(found)} greetings, all placeholders known")
    return 0


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--date: {text!r} is not a date (YYYY-MM-DD)") from None
