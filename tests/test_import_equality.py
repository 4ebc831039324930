"""Speed never costs a value (issue 20): the varied import scenario and the shared corpus leave
exactly what the import left before the speed work (same customers, audit, undo records, search
index, warnings) — compared part by part with ``tests/data/import_golden.json``.

When a part differs, the test names it; ``python tests/import_scenario.py OUT.json --full`` on
both versions gives the content to compare by hand.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from guestcard.forms import FormLibrary
from guestcard.storage import Database
from import_scenario import CORPUS, GOLDEN, digest, run_corpus, run_scenario


def _differing(found: dict[str, list[Any]], prefix: str = "") -> list[str]:
    golden = {k: v for k, v in json.loads(GOLDEN.read_text()).items() if k.startswith(prefix)}
    mine = digest(found)
    if prefix == "":
        golden = {k: v for k, v in golden.items() if not k.startswith("corpus:")}
    return sorted(k for k in set(golden) | set(mine) if golden.get(k) != mine.get(k))


@pytest.mark.slow  # a big corpus: thousands of rows imported in several rounds, compared part by part
def test_the_scenario_leaves_what_it_left_before(sqlite_db: Database, library: FormLibrary, tmp_path: Path) -> None:
    parts = run_scenario(sqlite_db, library, tmp_path)
    assert _differing(parts) == []


@pytest.mark.slow  # a big corpus: every real-world file imported and compared
@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/realworld is not there")
def test_the_corpus_imports_as_before(library: FormLibrary, tmp_path: Path) -> None:
    assert _differing(run_corpus(library, tmp_path), "corpus:") == []


def test_the_fast_same_name_match_is_import_match() -> None:
    """The import's name matching (``same_name_match``) answers as ``import_match`` does for
    candidates of the row's name (random companies, birthdays with and without a year, ids)."""
    import random

    from guestcard.domain import Customer, PartialDate
    from guestcard.services.duplicates import canonical, import_match, same_name_match
    from guestcard.storage.duplicates import CardKeys

    rng = random.Random(16)
    companies = [None, "", "华润置地", "華潤置地", "ＡＢＣ", "abc", "远航物流"]
    days = [None, PartialDate(3, 2), PartialDate(3, 2, 1985), PartialDate(3, 2, 1986), PartialDate(4, 1)]
    for _ in range(3000):
        name = rng.choice(["王建国", "張偉", "Li Na"])
        row = Customer(name=name, company=rng.choice(companies), birthday=rng.choice(days))
        entries = []
        for _c in range(rng.randint(0, 5)):
            day = rng.choice(days)
            card_id = rng.choice([-3, -2, -1, 1, 2, 5, 9, 12])
            entries.append((card_id, rng.choice(companies), day.iso() if day else None))
        expected = import_match(row, [CardKeys(i, name, c, None, b, None) for i, c, b in entries])
        found = same_name_match(canonical(row.company) if row.company else "",
                                row.birthday.iso() if row.birthday else None, name,
                                [(i, canonical(c) if c else "", b) for i, c, b in entries])
        assert found == expected, (row, entries)
