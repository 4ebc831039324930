"""``guestcard forms [list|check FILE]``: the card forms."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guestcard.cli import output
from guestcard.cli.context import AddCommand, CommandError, Context
from guestcard.forms import FormLibrary, check_form_file


def register(command: AddCommand) -> None:
    """The card forms."""
    p = command("forms", forms, "list the card forms, or check a form file: guestcard forms check FILE")
    p.add_argument("action", nargs="?", choices=("list", "check"), default="list")
    p.add_argument("file", nargs="?", type=Path)
    p.add_argument("--json", action="store_true")


def forms(ctx: Context) -> int:
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


def _print_header_conflicts(library: Any, form: Any) -> None:
    """Every spreadsheet header two fields answer to (with the checked form among the cards)."""
    from guestcard.io.mapping import header_conflicts  # lazy: --help skips io (~50 ms; cli/main.py)

    forms = {**{i: f for i, f in library.forms.items() if i != form.id}, form.id: form}
    forms = dict(sorted(forms.items(), key=lambda item: (item[1].order, item[0])))
    fields = {**library.fields, **{s.key: s for s in form.fields() if s.key not in library.fields}}
    conflicts = header_conflicts(FormLibrary(core=library.core, forms=forms, fields=fields))
    if conflicts:
        print(f"headers two fields answer to ({len(conflicts)}): the first field gets the column")
    for c in conflicts:
        print(f"  {c.header!r} → {c.winner}, not {', '.join(c.losers)}: {c.reason}")
