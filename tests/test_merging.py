"""Merging two cards of one guest and undoing it: nothing lost, both cards back byte for byte."""

from __future__ import annotations

import datetime as dt
import json
import random
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from guestcard.cli.main import main
from guestcard.domain import Contact, Customer, Relation, Visit
from guestcard.domain.values import PartialDate
from guestcard.services import customers, merging
from guestcard.services.customers import InvalidInput
from guestcard.storage import CustomerFilter, Database, NotFound
from guestcard.storage.models import ChangeRow, ContactRow, CustomerRow, PhotoRow, RelationRow, VisitRow

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
JPEG = b"\xff\xd8\xff" + bytes(range(200))


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _show(capsys: pytest.CaptureFixture[str], db_args: list[str], customer_id: int) -> str:
    code, out, err = _cli(capsys, *db_args, "show", str(customer_id), "--json")
    assert code == 0, err
    return out


def _open(db_args: list[str]) -> Database:
    return Database.open(db_args[1])


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_merge_then_undo_gives_both_cards_back_byte_for_byte(
    capsys: pytest.CaptureFixture[str], db_args: list[str]
) -> None:
    run = lambda *args: _cli(capsys, *db_args, *args)  # noqa: E731
    run("add", "--name", "王建国", "--phone", "13812345678", "--company", "华润置地", "--class", "B", "--tags", "VIP")
    run("add", "--name", "王建囯", "--phone", "+86 139 0000 1111", "--birthday", "1970-05-06",
        "--class", "A", "--favorite-dishes", "北京烤鸭", "--tags", "常客", "--field", "preferred_seat=牡丹厅")
    run("add", "--name", "李四")
    run("visit", "1", "--date", "2026-01-05", "--spend", "880")
    run("visit", "2", "--date", "2026-02-06 19:00", "--spend", "1,280.50", "--party", "6")
    run("visit", "2", "--date", "2099-01-01 18:00", "--room", "牡丹厅")  # a reservation
    run("contact", "2", "--date", "2026-02-07", "--points", "订包房", "--next", "2026-03-01")
    run("relate", "3", "friend", "2")
    run("relate", "2", "spouse", "1")  # between the two: dropped by the merge
    with _open(db_args) as db:
        customers.set_photo(db, 2, PNG)
    before = {i: _show(capsys, db_args, i) for i in (1, 2, 3)}

    code, out, err = run("merge", "1", "2", "--take", "class", "--json")
    assert code == 0, err
    result = json.loads(out)
    took = "birthday, class, favorite_dishes, preferred_seat and photo"
    assert result["text"] == f"merged #2 into #1, took {took} from #2"
    assert result["moved"]["visits"] == 2 and result["moved"]["contacts"] == 1 and result["dropped_relations"] == 1
    merged = json.loads(_show(capsys, db_args, 1))
    assert merged["class"] == "A" and merged["birthday"] == "1970-05-06" and merged["company"] == "华润置地"
    assert merged["phone"] == "13812345678" and "13900001111" in merged["fields"]["other_phones"]
    assert sorted(merged["tags"]) == ["VIP", "常客"]
    assert len(merged["visits"]) == 3 and len(merged["contacts"]) == 1
    assert [(r["other_id"], r["kind"]) for r in merged["relations"]] == [(3, "friend")]
    assert run("show", "2")[0] == 2
    with _open(db_args) as db:
        assert customers.get_photo(db, 1) == PNG
        # The search sees the merged card at once, by the number it brought.
        assert [c.id for c in customers.list_customers(db, CustomerFilter(query="13900001111"))] == [1]
        history = customers.history_of(db, 1)
        entries = [c for c in history if c.action == "merge"]
        assert len(entries) == 1 and entries[0].new["text"] == result["text"]
        assert {c.action for c in history} >= {"create", "merge"}  # #2's trail came along
        assert sum(c.action == "create" for c in history) == 2
    code, out, _ = run("history", "1")
    assert result["text"] in out

    code, out, err = run("undo-merge", str(result["merge"]))
    assert code == 0, err
    for customer_id in (1, 2, 3):
        assert _show(capsys, db_args, customer_id) == before[customer_id]
    with _open(db_args) as db:
        assert customers.get_photo(db, 2) == PNG and customers.get_photo(db, 1) is None
        assert [c.id for c in customers.list_customers(db, CustomerFilter(query="13900001111"))] == [2]
        assert sum(c.action == "create" for c in customers.history_of(db, 2)) == 1
    code, _, err = run("undo-merge", str(result["merge"]))
    assert code == 2 and "already undone" in err and err.count("\n") == 1
    code, out, _ = run("undo-merge")
    assert "#2 into #1" in out and "undone" in out


def test_undo_keeps_what_was_changed_on_the_kept_card_since(db: Database) -> None:
    keep = customers.create_customer(db, Customer(name="赵敏", phone="13700000001", notes="靠窗"))
    other = customers.create_customer(db, Customer(name="赵敏", phone="13700000001", email="zm@example.com",
                                                   birthday=PartialDate(3, 2, 1985), company="万科集团"))
    assert keep.id and other.id
    result = merging.merge_customers(db, keep.id, other.id)
    assert set(result.took) == {"email", "birthday", "company"}
    customers.update_customer(db, keep.id, {"email": "zhao@example.com", "notes": "不要靠门"})
    visit = customers.add_visit(db, Visit(customer_id=keep.id, at=dt.datetime(2026, 3, 1, 12), spend=Decimal(300)))
    undone = merging.undo_merge(db, result.merge or 0)
    assert undone.kept == ("email",)
    kept = customers.get_customer(db, keep.id)
    assert kept.email == "zhao@example.com"  # edited since: kept
    assert kept.birthday is None and kept.company is None  # came with the merge: gone again
    assert kept.notes == "不要靠门"
    assert customers.customer_file(db, keep.id).visits == [visit]  # logged after the merge: stays
    back = customers.get_customer(db, other.id)
    assert back.email == "zm@example.com" and back.company == "万科集团" and back.version == other.version


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_refusals_are_one_clear_line(capsys: pytest.CaptureFixture[str], db_args: list[str]) -> None:
    _cli(capsys, *db_args, "add", "--name", "甲")
    _cli(capsys, *db_args, "add", "--name", "乙")
    for args, words in (
        (("merge", "1", "1"), "into itself"),
        (("merge", "1", "7"), "no customer with id 7"),
        (("merge", "1", "2", "--take", "nonsense"), "nonsense"),
        (("merge", "1", "2", "--both", "birthday"), "birthday"),
        (("undo-merge", "5"), "no merge 5"),
    ):
        code, out, err = _cli(capsys, *db_args, *args)
        assert code == 2 and words in err and err.count("\n") == 1 and "Traceback" not in err
    code, out, _ = _cli(capsys, *db_args, "merge", "1", "2", "--dry-run")
    assert code == 0 and "nothing was written" in out
    assert _cli(capsys, *db_args, "show", "2")[0] == 0


def test_undoing_an_earlier_merge_of_a_card_merged_away_since_says_which_to_undo_first(db: Database) -> None:
    ids = [customers.create_customer(db, Customer(name=f"客{n}")).id for n in range(3)]
    first = merging.merge_customers(db, ids[0], ids[1]).merge
    second = merging.merge_customers(db, ids[2], ids[0]).merge
    with pytest.raises(merging.MergeRefused, match=f"undo merge {second} first"):
        merging.undo_merge(db, first or 0)
    merging.undo_merge(db, second or 0)
    merging.undo_merge(db, first or 0)
    assert [c.name for c in customers.get_customers(db, ids)] == ["客0", "客1", "客2"]


def test_a_card_changed_since_it_was_shown_refuses_the_merge(db: Database) -> None:
    from guestcard.storage import VersionConflict

    keep = customers.create_customer(db, Customer(name="甲"))
    other = customers.create_customer(db, Customer(name="乙"))
    customers.update_customer(db, other.id or 0, {"notes": "改过"})
    with pytest.raises(VersionConflict):
        merging.merge_customers(db, keep.id or 0, other.id or 0, expected_versions=(keep.version, other.version))
    with pytest.raises(InvalidInput):
        merging.plan_merge(db, keep.id or 0, keep.id or 0)
    with pytest.raises(NotFound):
        merging.plan_merge(db, keep.id or 0, 99)


# --- nothing lost, whatever the two cards' histories ----------------------------------------------


def _counts(db: Database) -> dict[str, int]:
    with db.session() as session:
        return {model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in (CustomerRow, VisitRow, ContactRow, RelationRow, PhotoRow, ChangeRow)}


def _fill(db: Database, rng: random.Random, count: int) -> list[int]:
    ids = []
    for n in range(count):
        card = Customer(name=rng.choice("王李张") + rng.choice(("伟", "芳", "建国")),
                        phone=rng.choice((None, f"1380000{n:04d}")), tags=tuple(rng.sample(("VIP", "常客", "新"), 1)),
                        birthday=rng.choice((None, PartialDate(1, 2, 1980))), company=rng.choice((None, "万科")))
        ids.append(customers.create_customer(db, card).id or 0)
    for customer_id in ids:
        for _ in range(rng.randrange(4)):
            customers.add_visit(db, Visit(customer_id=customer_id, at=dt.datetime(2026, 1, rng.randint(1, 28), 12),
                                          spend=Decimal(rng.randrange(1, 900))))
        for _ in range(rng.randrange(3)):
            customers.add_contact(db, Contact(customer_id=customer_id, date=dt.date(2026, 2, rng.randint(1, 28))))
        if rng.random() < 0.4:
            customers.set_photo(db, customer_id, rng.choice((PNG, JPEG)))
        if rng.random() < 0.5:
            customers.update_customer(db, customer_id, {"notes": f"备注{rng.randrange(99)}"})
    for _ in range(rng.randrange(6)):
        first, second = rng.sample(ids, 2)
        customers.add_relation(db, Relation(customer_id=first, other_id=second, kind=rng.choice(("friend", "spouse"))))
    return ids


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), take=st.lists(st.sampled_from(("phone", "birthday", "company", "photo", "notes")),
                                                  unique=True, max_size=3))
def test_no_record_is_lost_by_a_merge_or_its_undo(tmp_path_factory: pytest.TempPathFactory, seed: int,
                                                   take: list[str]) -> None:
    path = tmp_path_factory.mktemp("merge") / "guests.sqlite3"
    with Database.open(path) as db:
        rng = random.Random(seed)
        ids = _fill(db, rng, 4)
        keep, other = rng.sample(ids, 2)
        cards = {i: customers.customer_file(db, i) for i in ids}
        photos = {i: customers.get_photo(db, i) for i in ids}
        before = _counts(db)
        between = sum({r.customer_id, r.other_id} == {keep, other} for r in cards[keep].relations)
        result = merging.merge_customers(db, keep, other, take)
        after = _counts(db)
        assert after["visits"] == before["visits"] and after["contacts"] == before["contacts"]
        assert after["relations"] == before["relations"] - between
        assert after["customers"] == before["customers"] - 1
        assert after["customer_changes"] == before["customer_changes"] + 1  # the merge's one entry
        merged = customers.customer_file(db, keep)
        assert len(merged.visits) == len(cards[keep].visits) + len(cards[other].visits)
        assert len(merged.contacts) == len(cards[keep].contacts) + len(cards[other].contacts)
        taken = photos[other] and ("photo" in take or not photos[keep])
        assert customers.get_photo(db, keep) == (photos[other] if taken else photos[keep])
        merging.undo_merge(db, result.merge or 0)
        undone = _counts(db)
        assert {k: v for k, v in undone.items() if k != "customer_changes"} == \
            {k: v for k, v in before.items() if k != "customer_changes"}
        assert undone["customer_changes"] == before["customer_changes"] + 2  # the merge and its undo
        for customer_id in ids:
            assert customers.customer_file(db, customer_id) == cards[customer_id]
            assert customers.get_photo(db, customer_id) == photos[customer_id]


def test_the_merge_tables_come_with_the_upgrade_from_0006(tmp_path: Path) -> None:
    import shutil

    from guestcard.services.duplicates import find_duplicates

    path = tmp_path / "old.sqlite3"
    shutil.copy(Path(__file__).parent / "data" / "schema_0006.sqlite3", path)
    with Database.open(path) as db:
        first, second = (c.id or 0 for c in customers.list_customers(db, limit=2))
        result = merging.merge_customers(db, first, second)
        assert merging.list_merges(db)[0].id == result.merge
        find_duplicates(db)


def test_insights_and_the_printed_card_see_the_merged_card_at_once(
    capsys: pytest.CaptureFixture[str], sqlite_db: Database, tmp_path: Path
) -> None:
    import shutil
    import subprocess

    from guestcard.services.insights import customer_scores

    db_args = ["--db", sqlite_db.url.removeprefix("sqlite:///")]
    keep = customers.create_customer(sqlite_db, Customer(name="孙悦", phone="13600000001"))
    other = customers.create_customer(sqlite_db, Customer(name="孙悦", phone="13600000002",
                                                         allergies="花生过敏"))
    assert keep.id and other.id
    now = dt.datetime.now()
    for customer_id, spend in ((keep.id, 300), (other.id, 500), (other.id, 700)):
        customers.add_visit(sqlite_db, Visit(customer_id=customer_id, at=now - dt.timedelta(days=10),
                                             spend=Decimal(spend), room="芙蓉厅"))
    merging.merge_customers(sqlite_db, keep.id, other.id)
    [score] = customer_scores(sqlite_db, ids=[keep.id])
    assert score.visits == 3 and score.spend == Decimal(1500)
    if shutil.which("pdftotext") is None:
        return
    pdf = tmp_path / "card.pdf"
    assert _cli(capsys, *db_args, "print", str(pdf), "--ids", str(keep.id), "--full")[0] == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "花生过敏" in text and "13600000002" in text.replace(" ", "")
