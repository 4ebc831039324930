"""``guestcard insights``: class suggestions, loyalty segments, churn alerts and occasions.

``--apply-classes`` accepts the class suggestions (all, or those of ``--ids``); each change goes
into the audit trail under the action ``insights`` (see ``guestcard history ID``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from guestcard.cli import output
from guestcard.cli.context import AddCommand, CommandError, Context
from guestcard.domain.messages import Code

if TYPE_CHECKING:
    from guestcard.services import insights as ins


def register(command: AddCommand) -> None:
    p = command(
        "insights",
        insights,
        "class suggestions from spending, loyalty segments, churn alerts and birthdays coming up; "
        "--apply-classes accepts the class suggestions (recorded in the audit trail)",
    )
    p.add_argument("--json", action="store_true", help="print everything as JSON")
    p.add_argument(
        "--apply-classes",
        action="store_true",
        help="set every suggested class (or only those of --ids); a hand-set class changes only this way",
    )
    p.add_argument("--ids", metavar="1,2,3", help="with --apply-classes: only these customers")
    p.add_argument(
        "--limit", type=int, default=20, help="suggestions, alerts and occasions listed (default 20; 0: all)"
    )
    p.add_argument("--days", type=int, default=14, help="birthdays and anniversaries this many days ahead")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="analyse as of the end of this day (default: now)")
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of the rules and reasons (default: the language of the settings)")


def _ids(text: str | None) -> list[int] | None:
    if text is None:
        return None
    try:
        ids = [int(part) for part in text.replace("，", ",").split(",") if part.strip()]
    except ValueError:
        raise CommandError(f"--ids: {text!r} is not a list of customer numbers like 1,2,3") from None
    if not ids:
        raise CommandError("--ids: no customer numbers given")
    return ids


def _as_of(text: str | None) -> dt.datetime:
    if not text:
        return dt.datetime.now()
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise CommandError(f"--date: {text!r} is not a date like 2026-11-23") from None
    return dt.datetime.combine(day, dt.time(23, 59, 59))


def _money(amount: Any) -> int | float | None:
    """As ``spend`` in the visit objects: a number, whole yuan as an integer."""
    return None if amount is None else float(amount) if amount % 1 else int(amount)


def insights(ctx: Context) -> int:
    from guestcard.services import insights as ins  # lazy: --help skips storage/services (cli/main.py)

    args = ctx.args
    if args.limit < 0:
        raise CommandError(Code.OPTION_NEGATIVE, "--limit")
    if args.days < 0:
        raise CommandError(Code.OPTION_NEGATIVE, "--days")
    if args.ids is not None and not args.apply_classes:
        raise CommandError("--ids: only with --apply-classes")
    settings = ins.InsightSettings.from_settings(ctx.settings)
    now = _as_of(args.date)
    if args.apply_classes:
        return _apply(ctx, ins, settings, now, _ids(args.ids))
    limit = args.limit or None
    result = ins.build_insights(
        ctx.db,
        settings,
        now,
        suggestion_limit=limit,
        alert_limit=limit,
        occasion_days=args.days,
        with_dashboard=False,
    )
    if args.json:
        output.print_json(_json(result, args.lang))
    else:
        _print(result, args.lang, limit)
    return 0


def _apply(ctx: Context, ins: Any, settings: ins.InsightSettings, now: dt.datetime, ids: list[int] | None) -> int:
    def progress(done: int, total: int) -> None:
        output.progress_line(f"setting classes: {done} of {total}")

    try:
        changes = ins.accept_class_suggestions(ctx.db, settings, now, ids=ids, progress=progress)
    finally:
        output.end_progress()
    if ctx.args.json:
        output.print_json(
            {
                "applied": [{"id": c.customer_id, "name": c.name, "old": c.old, "new": c.new} for c in changes.applied],
                "skipped": [{"id": s.customer_id, "name": s.name, "reason": why} for s, why in changes.skipped],
                "audit_action": ins.APPLY_ACTION,
            }
        )
        return 0
    for c in changes.applied:
        print(f"  {c.customer_id}  {c.name}  {c.old or '—'} → {c.new}")
    for s, why in changes.skipped:
        print(f"  skipped {s.customer_id} {s.name}: {why}")
    n = len(changes.applied)
    print(
        f"applied {n} class {'change' if n == 1 else 'changes'} "
        f"(in each card's history as “{ins.APPLY_ACTION}”: guestcard history ID)"
    )
    return 0


def _json(result: ins.Insights, lang: str) -> dict[str, Any]:
    from guestcard.services import insights as ins  # lazy: --help skips storage/services (cli/main.py)

    settings = result.settings
    classes = result.classes
    return {
        "as_of": result.as_of.isoformat(timespec="seconds"),
        "rules": {
            "classes": ins.class_rule_text(lang, settings),
            "segments": ins.segment_rule_text(lang, settings),
            "churn": ins.churn_rule_text(lang, settings),
            "credit": ins.credit_rule_text(lang),
        },
        "classes": {
            "would_change": classes.total,
            "matching": classes.matching,
            "nothing_to_go_on": classes.no_basis,
            "suggestions": [
                {
                    "id": s.customer_id,
                    "name": s.name,
                    "current": s.current,
                    "suggested": s.suggested,
                    "amount": _money(s.amount),
                    "visits": s.visits,
                    "basis": s.basis,
                    "reason": s.reason(lang),
                    "low_credit": s.credit is not None,
                }
                for s in classes.suggestions
            ],
        },
        "segments": [
            {"segment": key, "name": ins.segment_name(key, lang), "customers": count}
            for key, count in result.segments.items()
        ],
        "credit_segments": [
            {"segment": key, "name": ins.credit_segment_name(key, lang), "accounts": count}
            for key, count in result.credit_segments.items()
        ],
        "churn_alerts": [
            {
                "id": a.customer_id,
                "name": a.name,
                "honorific": a.honorific,
                "class": a.customer_class,
                "phone": a.phone,
                "last_visit": a.last_visit.isoformat(timespec="minutes"),
                "days_since": a.days_since,
                "recent_visits": a.recent_visits,
                "expected_visits": round(a.expected_visits, 1),
                "recent_spend": _money(a.recent_spend),
                "expected_spend": _money(a.expected_spend),
                "reasons": list(a.reasons),
                "why": a.why(lang),
            }
            for a in result.alerts
        ],
        "occasions": [
            {
                "date": o.occasion.date.isoformat(),
                "kind": o.occasion.kind,
                "years": o.occasion.years,
                "id": o.customer.id,
                "name": o.customer.display_name,
                "class": o.customer.customer_class,
                "dishes": o.dishes,
            }
            for o in result.occasions
        ],
    }


def _print(result: ins.Insights, lang: str, limit: int | None) -> None:
    from guestcard.services import insights as ins  # lazy: --help skips storage/services (cli/main.py)

    settings, classes = result.settings, result.classes
    print(f"as of {result.as_of:%Y-%m-%d %H:%M}")
    print("\n客户类别建议 class suggestions")
    print(f"  {ins.class_rule_text(lang, settings)}")
    print(
        f"  {classes.total} would change, {classes.matching} match the rule, {classes.no_basis} with nothing to go on"
    )
    if classes.suggestions:
        rows = [
            [str(s.customer_id), s.name, f"{s.current or '—'} → {s.suggested}", s.reason(lang)]
            for s in classes.suggestions
        ]
        output.print_table(["id", "姓名 name", "类 class", "依据 reason"], rows)
        _more(classes.total, len(classes.suggestions), limit)
        print("  accept with: guestcard insights --apply-classes [--ids 1,2,3]")
    print("\n忠诚度分群 loyalty segments")
    rows = [[ins.segment_name(key, lang), str(count)] for key, count in result.segments.items()]
    output.print_table(["分群 segment", "客户 customers"], rows)
    if result.credit_segments:
        print("\n信用分群 credit segments")
        rows = [[ins.credit_segment_name(key, lang), str(count)] for key, count in result.credit_segments.items()]
        output.print_table(["分群 segment", "账户 accounts"], rows)
    print("\n流失提醒 churn alerts")
    if not result.alerts:
        print("  none")
    else:
        rows = [
            [str(a.customer_id), a.display_name, a.customer_class or "", a.phone or "", a.why(lang)]
            for a in result.alerts
        ]
        output.print_table(["id", "姓名 name", "类", "手机 phone", "原因 why"], rows)
    print("\n生日与纪念日 birthdays and anniversaries")
    if not result.occasions:
        print("  none")
    shown = result.occasions[:limit] if limit is not None else result.occasions
    for o in shown:
        label = "生日" if o.occasion.kind == "birthday" else "纪念日"
        years = f" ({o.occasion.years})" if o.occasion.years else ""
        dishes = f"  {o.dishes}" if o.dishes else ""
        print(
            f"  {o.occasion.date:%m-%d}  {label}{years}  {o.customer.display_name}  "
            f"{o.customer.customer_class or ''}{dishes}"
        )
    _more(len(result.occasions), len(shown), limit)


def _more(total: int, shown: int, limit: int | None) -> None:
    if limit is not None and total > shown:
        print(f"  … and {total - shown} more (--limit 0 lists all)")
