"""``guestcard import/undo-import/export``: spreadsheets in and out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guestcard.cli import output
from guestcard.cli.context import LANG_HELP, AddCommand, CommandError, Context
from guestcard.cli.import_words import issue_line, word
from guestcard.cli.messages import language
from guestcard.domain.messages import Code


def register(command: AddCommand) -> None:
    """Import, undo an import, export."""
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


def _print_changes(report: Any, dry_run: bool, lang: str) -> None:
    """Every field of an existing card the import changes or keeps, old → new (the first 50)."""
    if not report.changes:
        return
    hint = word("kept_hint", lang, report.kept) if report.kept else ""
    print(word("changes_dry" if dry_run else "changes", lang, len(report.changes), hint))
    for c in report.changes[:50]:
        print(word("change", lang, c.customer_id, c.sheet, c.row, c.field, repr(c.old), repr(c.new),
                   word(c.action, lang)))
    if len(report.changes) > 50:
        print(word("more_changes", lang, len(report.changes) - 50))


def _print_weak_matches(report: Any, lang: str) -> None:
    """Rows taken for an existing card by a weak rule only: the manager checks them."""
    if not report.weak_matches:
        return
    print(word("weak", lang, len(report.weak_matches)))
    for m in report.weak_matches[:50]:
        print(word("weak_row", lang, m.sheet, m.row, m.customer_id, ", ".join(m.reasons)))


def import_file(ctx: Context) -> int:
    from guestcard.io import ImportRefused, load_mapping  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services.importing import ImportOptions
    from guestcard.services.importing import import_file as run_import

    path = ctx.args.file
    lang = language(ctx)
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
            raise CommandError(Code.NO_SUCH_FILE, path)
        if path.is_dir():
            raise CommandError(f"{path}: is a folder, not a spreadsheet")

        def show(progress: Any) -> None:
            total = f"/{progress.total:,}" if progress.total else ""
            output.progress_line(word("reading", lang, path.name, f"{progress.done:,}", total))

        report = run_import(ctx.db, ctx.library, path, options, progress=None if ctx.args.json else show)
    except ImportRefused as exc:
        raise CommandError.of(exc) from None
    finally:
        output.end_progress()
    if ctx.args.json:
        output.print_json(report.to_json())
        return 0
    print(word("summary_dry" if options.dry_run else "summary", lang, path.name, report.rows, report.imported,
               report.updated, report.skipped))
    for sheet in report.sheets:
        print(word("sheet", lang, sheet.name, sheet.rows, sheet.imported, sheet.updated, sheet.skipped))
    errors = [e for e in report.errors if e.level == "error"]
    warnings = [e for e in report.errors if e.level == "warning"]
    for issue in [*errors, *warnings][:50]:
        print(issue_line(issue, lang))
    if len(report.errors) > 50:
        print(word("more", lang, len(report.errors) - 50))
    _print_changes(report, options.dry_run, lang)
    _print_weak_matches(report, lang)
    if report.history is not None:  # our own export: its visits and contacts, and what it cannot carry
        h = report.history
        print(word("history_dry" if options.dry_run else "history", lang, h.visits, h.contacts, h.present,
                   h.unmatched, h.unreadable, ", ".join(h.left_out)))
    if report.batch is not None:
        print(word("batch", lang, report.batch))
    return 0


def undo_import(ctx: Context) -> int:
    from guestcard.services.importing import list_batches  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.services.importing import undo_import as undo

    lang = language(ctx)
    if ctx.args.batch is None:
        batches = list_batches(ctx.db)
        if not batches:
            print(word("no_imports", lang))
        for b in batches:
            state = word("undone_at", lang, f"{b.undone_at:%Y-%m-%d %H:%M}") if b.undone_at else word("can_undo", lang)
            print(word("batch_line", lang, b.id, f"{b.imported_at:%Y-%m-%d %H:%M}", b.file_name, b.imported,
                       b.updated, state))
        return 0
    result = undo(ctx.db, ctx.args.batch, backup_dir=ctx.settings.backup_dir())
    print(word("undid", lang, result.batch, result.removed, result.restored))
    if result.kept:
        shown = ", ".join(map(str, result.kept[:20])) + (" …" if len(result.kept) > 20 else "")
        print(word("kept_since", lang, len(result.kept), shown))
    return 0


def export(ctx: Context) -> int:
    from guestcard.services.exporting import export_customers  # lazy: --help skips storage/services (cli/main.py)
    from guestcard.storage import CustomerFilter

    out = ctx.args.out
    if out.suffix.lower() not in (".xlsx", ".vcf"):
        raise CommandError(f"{out}: the export is an .xlsx workbook or .vcf phone contacts; name the file "
                           "….xlsx or ….vcf")
    if not out.parent.is_dir():
        raise CommandError(Code.FOLDER_MISSING, out, out.parent)
    flt = CustomerFilter(query=ctx.args.query, customer_class=ctx.args.customer_class)
    if out.suffix.lower() == ".vcf":
        from guestcard.services.exporting import export_vcards  # lazy: --help skips storage/services (cli/main.py)

        try:
            count = export_vcards(ctx.db, out, flt)
        except OSError as exc:
            raise CommandError(Code.CANNOT_BE_WRITTEN, out, exc.strerror or exc) from None
        print(f"exported {output.count(count, 'customer')} as phone contacts to {out}")
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
        raise CommandError(Code.CANNOT_BE_WRITTEN, out, exc.strerror or exc) from None
    print(f"exported {output.count(count, 'customer')} to {out}")
    return 0
