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


def test_the_scenario_leaves_what_it_left_before(sqlite_db: Database, library: FormLibrary, tmp_path: Path) -> None:
    parts = run_scenario(sqlite_db, library, tmp_path)
    assert _differing(parts) == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/realworld is not there")
def test_the_corpus_imports_as_before(library: FormLibrary, tmp_path: Path) -> None:
    assert _differing(run_corpus(library, tmp_path), "corpus:") == []

