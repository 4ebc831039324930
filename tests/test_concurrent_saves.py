"""Two saves of one card at once: different fields are merged, the same field is refused naming
it and both values, and the refusal never contradicts itself ("version 12, you opened 12")."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from guestcard.domain.values import PartialDate
from guestcard.services import customers
from guestcard.storage import Database, VersionConflict
from guestcard.storage.merge import merged


def _card(db: Database) -> int:
    made = customers.create_customer(db, customers.build_customer(
        {"name": "王建国", "phone": "13812345678", "notes": "老客", "tags": ("VIP",)}))
    assert made.id is not None
    return made.id


def test_saves_to_different_fields_are_merged(db: Database) -> None:
    customer_id = _card(db)
    opened = customers.get_customer(db, customer_id)  # the window opens the card…
    customers.update_customer(db, customer_id, {"company": "招商银行", "tags": ("VIP", "常客")})  # …a set elsewhere
    mine = opened.with_values({"notes": "花生过敏", "preferred_seat": "牡丹厅", "birthday": PartialDate(3, 2)})
    saved = customers.save_customer(db, mine, expected_version=opened.version, base=opened)
    assert (saved.company, saved.notes, saved.get("preferred_seat")) == ("招商银行", "花生过敏", "牡丹厅")
    assert saved.tags == ("VIP", "常客") and saved.birthday == PartialDate(3, 2)
    assert saved.version == opened.version + 2
    changed = {c.field for c in customers.history_of(db, customer_id)}
    assert {"company", "notes", "preferred_seat", "birthday", "tags"} <= changed


def test_saves_to_the_same_field_are_refused_naming_it_and_both_values(db: Database) -> None:
    customer_id = _card(db)
    opened = customers.get_customer(db, customer_id)
    customers.update_customer(db, customer_id, {"notes": "不吃辣"})
    mine = opened.with_values({"notes": "花生过敏", "company": "华润"})
    with pytest.raises(VersionConflict) as caught:
        customers.save_customer(db, mine, expected_version=opened.version, base=opened)
    message = str(caught.value)
    assert message == (f"customer {customer_id}: changed elsewhere since you opened it, in the same field "
                       "(notes is now '不吃辣', yours '花生过敏'); nothing saved")
    assert caught.value.fields == (("notes", "不吃辣", "花生过敏"),)
    after = customers.get_customer(db, customer_id)
    assert (after.notes, after.company) == ("不吃辣", None)  # nothing of the refused save


def test_the_same_value_on_both_sides_is_no_conflict() -> None:
    base = replace(customers.build_customer({"name": "王建国"}), id=1, version=1)
    theirs = replace(base.with_values({"notes": "素食"}), version=2)
    mine = base.with_values({"notes": "素食", "company": "华润"})
    result = merged(base, mine, theirs)
    assert (result.notes, result.company, result.version) == ("素食", "华润", 2)


def test_without_the_card_as_opened_the_refusal_says_both_versions(db: Database) -> None:
    customer_id = _card(db)
    opened = customers.get_customer(db, customer_id)
    customers.update_customer(db, customer_id, {"company": "招商银行"})
    with pytest.raises(VersionConflict) as caught:
        customers.save_customer(db, opened.with_values({"notes": "x"}), expected_version=opened.version)
    assert str(caught.value) == (f"customer {customer_id} was changed elsewhere since you opened it "
                                 f"(version {opened.version} then, {opened.version + 1} now); nothing saved")


_LOOP = """
import sys
from guestcard.cli.main import main
db, field, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
codes = [main(["--db", db, "set", "1", f"{field}={field}-{i}"]) for i in range(rounds)]
sys.exit(max(codes))
"""


def _racers(db_path: Path, fields: list[str], rounds: int) -> list[subprocess.CompletedProcess[str]]:
    env = dict(os.environ)
    env.pop("GUESTCARD_DEBUG", None)
    children = [subprocess.Popen([sys.executable, "-c", _LOOP, str(db_path), field, str(rounds)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
                for field in fields]
    results = []
    for child in children:
        out, err = child.communicate(timeout=300)
        results.append(subprocess.CompletedProcess(child.args, child.returncode, out, err))
    return results


def test_concurrent_command_line_sets_of_different_fields_all_succeed(db_path: Path) -> None:
    with Database.open(db_path) as db:
        _card(db)
    fields = ["notes", "company", "position", "address"]
    rounds = 6
    for result in _racers(db_path, fields, rounds):
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        assert result.stdout.count("updated customer 1") == rounds
    with Database.open(db_path) as db:
        card = customers.get_customer(db, 1)
        assert [card.get(f) for f in fields] == [f"{f}-{rounds - 1}" for f in fields]
        history = customers.history_of(db, 1)
        assert sum(1 for c in history if c.field in fields) == len(fields) * rounds


def test_concurrent_command_line_sets_of_one_field_are_merged_or_refused_in_one_line(db_path: Path) -> None:
    with Database.open(db_path) as db:
        _card(db)
    results = _racers(db_path, ["notes", "notes", "notes"], 4)
    refusals = [line for r in results for line in r.stderr.splitlines()]
    for line in refusals:
        assert line.startswith("guestcard: customer 1: changed elsewhere since you opened it, in the same field "
                               "(notes is now 'notes-"), line
        assert "you opened" in line and "Traceback" not in line
    assert all(r.returncode in (0, 2) for r in results)
    with Database.open(db_path) as db:
        assert customers.get_customer(db, 1).notes.startswith("notes-")
