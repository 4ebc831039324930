"""``guestcard duplicates``, ``not-duplicate``, ``merge`` and ``undo-merge``: one guest, one card."""

from __future__ import annotations

from guestcard.cli import output
from guestcard.cli.context import AddCommand, CommandError, Context


def register(command: AddCommand) -> None:
    p = command(
        "duplicates",
        duplicates,
        "list pairs of cards that are probably one guest, best first, each with why "
        "(same phone, e-mail, name and company, surname and birthday, pinyin)",
    )
    p.add_argument("--min-score", type=int, default=0, metavar="N", help="only pairs scoring N or more (0–100)")
    p.add_argument("--json", action="store_true")

    p = command("not-duplicate", not_duplicate, "mark two cards as different guests: never proposed again")
    p.add_argument("first", type=int)
    p.add_argument("second", type=int)
    p.add_argument("--undo", action="store_true", help="forget the mark: the pair may be proposed again")

    p = command(
        "merge",
        merge,
        "merge card OTHER into card KEEP: every visit, reservation, contact, relation, photo, tag and field "
        "of OTHER moves to KEEP (undo with guestcard undo-merge)",
    )
    p.add_argument("keep", type=int, metavar="KEEP")
    p.add_argument("other", type=int, metavar="OTHER")
    p.add_argument("--take", nargs="+", action="extend", default=[], metavar="FIELD",
                   help="fields whose value comes from OTHER (phone, birthday, class, photo, …); "
                   "by default KEEP's values stay and OTHER's only fill empty ones")
    p.add_argument("--both", nargs="+", action="extend", default=[], metavar="FIELD",
                   help="list fields keeping both values: favorite_dishes, favorite_drinks, allergies, notes, phone")
    p.add_argument("--dry-run", action="store_true", help="show what the merge would do, write nothing")
    p.add_argument("--json", action="store_true")

    p = command("undo-merge", undo_merge, "undo a merge: both cards back as they were (without ID: list the merges)")
    p.add_argument("merge", type=int, nargs="?", metavar="ID")


def duplicates(ctx: Context) -> int:
    from guestcard.services.duplicates import find_duplicates  # lazy: --help skips storage/services (cli/main.py)

    if not 0 <= ctx.args.min_score <= 100:
        raise CommandError(f"--min-score: {ctx.args.min_score} is not between 0 and 100")
    report = find_duplicates(ctx.db, min_score=ctx.args.min_score)
    if ctx.args.json:
        output.print_json(report.to_json())
        return 0
    if not report.pairs:
        print(f"no likely duplicates among {report.cards} cards")
        return 0
    for pair in report.pairs:
        print(f"{pair.score:3d}  #{pair.first} {pair.names[0]}  ⇄  #{pair.second} {pair.names[1]}")
        for reason in pair.reasons:
            print(f"       {reason.describe()}")
    for group in report.groups:
        print(f"group: {', '.join(f'#{i}' for i in group)} look like one guest")
    print(f"{len(report.pairs)} pairs among {report.cards} cards; merge one with `guestcard merge KEEP OTHER`, "
          "or `guestcard not-duplicate A B` if they are different guests")
    return 0


def not_duplicate(ctx: Context) -> int:
    from guestcard.services import duplicates as service  # lazy: --help skips storage/services (cli/main.py)

    first, second = ctx.args.first, ctx.args.second
    if first == second:
        raise CommandError(f"#{first} and #{second} are the same card")
    if ctx.args.undo:
        service.unmark_not_duplicate(ctx.db, first, second)
        print(f"#{first} and #{second} may be proposed as duplicates again")
    else:
        service.mark_not_duplicate(ctx.db, first, second)
        print(f"#{first} and #{second} are different guests: not proposed as duplicates again")
    return 0


def _refusal(exc: Exception) -> CommandError:
    return CommandError.of(exc)


def merge(ctx: Context) -> int:
    from guestcard.services import merging  # lazy: --help skips storage/services (cli/main.py)

    try:
        result = merging.merge_customers(ctx.db, ctx.args.keep, ctx.args.other, ctx.args.take, ctx.args.both,
                                         dry_run=ctx.args.dry_run)
    except merging.MergeRefused as exc:
        raise _refusal(exc) from None
    if ctx.args.json:
        data = result.to_json()
        data["customer"] = output.customer_json(result.customer, ctx.library)
        output.print_json(data)
        return 0
    moved = ", ".join(f"{count} {table}" for table, count in sorted(result.moved.items())) or "nothing else"
    prefix = "would have " if result.dry_run else ""
    print(f"{prefix}{result.text}")
    print(f"  {'would move' if result.dry_run else 'moved'}: {moved}")
    if result.dropped_relations:
        print(f"  {'would drop' if result.dry_run else 'dropped'} {result.dropped_relations} relation(s) "
              "between the two cards")
    if result.dry_run:
        print("dry run: nothing was written")
    else:
        print(f"merge {result.merge}: undo with `guestcard undo-merge {result.merge}`")
    return 0


def undo_merge(ctx: Context) -> int:
    from guestcard.services import merging  # lazy: --help skips storage/services (cli/main.py)

    if ctx.args.merge is None:
        merges = merging.list_merges(ctx.db)
        if not merges:
            print("no merges yet")
        for m in merges:
            state = f"undone {m.undone_at:%Y-%m-%d %H:%M}" if m.undone_at else "can be undone"
            took = f", took {', '.join(m.took)}" if m.took else ""
            print(f"{m.id}  {m.merged_at:%Y-%m-%d %H:%M}  #{m.other_id} into #{m.keep_id}{took}  ({state})")
        return 0
    try:
        result = merging.undo_merge(ctx.db, ctx.args.merge)
    except merging.MergeRefused as exc:
        raise _refusal(exc) from None
    print(f"undid merge {result.merge}: #{result.other_id} is a card of its own again, "
          f"{result.moved_back} records moved back from #{result.keep_id}")
    if result.kept:
        print(f"  kept as changed on #{result.keep_id} since the merge: {', '.join(result.kept)}")
    return 0
