"""The duplicate scan made faster finds the very pairs it found before (issue 16): a seeded file of
cards, 5 % typed in again with variations (bench/bench_duplicates.py's), scanned; its pairs,
reasons, scores and groups hashed and compared with the hash the code before the speed work gave."""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

from guestcard.services.demo import fake_customers
from guestcard.services.duplicates import find_duplicates
from guestcard.storage import Database
from guestcard.storage import customers as store

BENCH = Path(__file__).resolve().parent.parent / "bench"
BEFORE = "e811d1998da8abdc5ac2e3307ab8456b1b64bcbf3e706af79c69fd9efc102344"  # from the code of 786cc11


def scan_digest(db: Database) -> str:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    from bench_duplicates import variant

    rng = random.Random(5)
    cards = list(fake_customers(4000, seed=21))
    cards += [variant(c, rng) for c in rng.sample(cards, 200)]
    with db.session() as session:
        store.bulk_insert_customers(session, cards)
    report = find_duplicates(db)
    blob = json.dumps([[p.to_json() for p in report.pairs], [list(g) for g in report.groups]], ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()


def test_the_scan_finds_the_pairs_it_found_before(sqlite_db: Database) -> None:
    assert scan_digest(sqlite_db) == BEFORE
