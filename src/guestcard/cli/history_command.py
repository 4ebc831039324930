"""``guestcard history ID``: a customer's audit trail."""

from __future__ import annotations

from guestcard.cli import output
from guestcard.cli.context import AddCommand, Context


def register(command: AddCommand) -> None:
    """The audit trail."""
    p = command("history", history, "a customer's audit trail: every change, when, by which action")
    p.add_argument("id", type=int)
    p.add_argument("--json", action="store_true")


def history(ctx: Context) -> int:
    from guestcard.services import customers  # lazy: --help skips storage/services (cli/main.py)

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
