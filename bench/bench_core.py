"""Core benchmark: bulk insert of 100,000 customers and search latency at that size.

    python bench/bench_core.py [N] [--db-url postgresql+psycopg://…]

With ``--db-url`` guestcard's insert and the searches run on that server (in a fresh schema
``bench``); the sqlite3 baselines stay local.

Prints, in one run: guestcard's bulk insert (search material, pinyin, FTS5 index and all) against
plain sqlite3 executemany of the same rows into a table of the same columns (no index at all), and
against plain sqlite3 executemany of the same rows, search material precomputed, into guestcard's own
schema (its FTS5 triggers and B-tree indexes do their work): the first ratio is the target's, the
second shows what guestcard itself adds on top of the index it needs. Then the median and p99
latency of 100 varied queries of each kind. Targets: insert within 3x; median <= 1 ms and p99 <= 5 ms for every kind.
"""

from __future__ import annotations

import json
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from guestcard.services import customers as service
from guestcard.services.demo import DISHES, fake_customers
from guestcard.storage import CustomerFilter, Database
from guestcard.storage import customers as store
from guestcard.storage.convert import customer_columns, search_terms
from guestcard.storage.search import search_ids
from guestcard.storage.search_index import name_pinyin


def bare_executemany(path: Path, rows: list[dict]) -> float:
    """The same rows through plain sqlite3: no ORM, no indexes, no search material computed."""
    columns = list(rows[0])
    values = [
        tuple(json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v for v in (r[c] for c in columns))
        for r in rows
    ]
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    names = ", ".join(f'"{c}"' for c in columns)
    connection.execute(f"CREATE TABLE customers (id INTEGER PRIMARY KEY, {names})")
    began = time.perf_counter()
    with connection:
        connection.executemany(
            f"INSERT INTO customers ({names}) VALUES ({', '.join('?' * len(columns))})",
            values,
        )
    elapsed = time.perf_counter() - began
    connection.close()
    return elapsed


def schema_executemany(path: Path, customers: list) -> float:
    """The same rows, search columns and search terms precomputed (outside the timing), through plain
    sqlite3 into a database made by guestcard: what the indexes alone cost."""
    Database.open(path).close()
    rows = []
    for number, customer in enumerate(customers, start=1):
        row = store._table_row(customer_columns(customer))
        row["id"] = number
        rows.append(row)
    columns = list(rows[0])
    values = [
        tuple(json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v for v in (r[c] for c in columns))
        for r in rows
    ]
    terms = [(term, number) for number, c in enumerate(customers, start=1) for term in search_terms(c)]
    connection = sqlite3.connect(path)
    names = ", ".join(f'"{c}"' for c in columns)
    began = time.perf_counter()
    with connection:
        connection.executemany(
            f"INSERT INTO customers ({names}) VALUES ({', '.join('?' * len(columns))})",
            values,
        )
        connection.executemany("INSERT INTO search_terms (term, customer_id) VALUES (?, ?)", terms)
    elapsed = time.perf_counter() - began
    connection.close()
    return elapsed


def queries(customers: list, rng: random.Random) -> dict[str, list[str]]:
    people = [c for c in customers if c.kind == "individual"]
    sample = rng.sample(people, 100)
    return {
        "1 Chinese char": [c.name[rng.randrange(len(c.name))] for c in sample],
        "2 Chinese chars": [c.name[:2] for c in sample],
        "full name (3+)": [c.name for c in sample if len(c.name) >= 3][:100] or [c.name for c in sample],
        "full pinyin": [name_pinyin(c.name)[1][0] for c in sample],
        "pinyin prefix": [name_pinyin(c.name)[1][0][:4] for c in sample],
        "initials": [name_pinyin(c.name)[1][1] for c in sample],
        "phone fragment": [c.phone[rng.randrange(0, 7) :][: rng.randint(4, 8)] for c in sample],
        "company/dish": [rng.choice((c.company or "", rng.choice(DISHES)))[: rng.randint(2, 4)] for c in sample],
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    args = sys.argv[1:]
    server = None
    if "--db-url" in args:
        at = args.index("--db-url")
        server = args[at + 1]
        del args[at : at + 2]
    count = int(args[0]) if args else 100_000
    customers = list(fake_customers(count, seed=5))
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        if server:
            from server import fresh_schema

            db = Database.open(fresh_schema(server))
            print(f"guestcard on {db.engine.url.render_as_string()}")
        else:
            db = Database.open(base / "guestcard.sqlite3")
        began = time.perf_counter()
        with db.session() as session:
            store.bulk_insert_customers(session, customers)
        ours = time.perf_counter() - began
        rows = [store._table_row(customer_columns(c)) for c in customers]
        bare = bare_executemany(base / "bare.sqlite3", rows)
        print(f"bulk insert of {count:,} customers")
        print(f"  guestcard bulk_insert_customers  {ours:7.2f} s")
        print(f"  sqlite3 executemany, same rows   {bare:7.2f} s")
        print(f"  ratio                            {ours / bare:7.2f}x   (target <= 3x)")
        indexed = schema_executemany(base / "schema.sqlite3", customers)
        print(f"  sqlite3 executemany into guestcard's schema (FTS5, indexes) {indexed:7.2f} s")
        print(f"  ratio against that                                         {ours / indexed:7.2f}x")

        rng = random.Random(3)
        print(f"\nsearch latency over {count:,} customers, 100 queries each (ms)")
        print(f"  {'kind':<18} {'ids med':>8} {'ids p99':>8} {'list20 med':>11} {'list20 p99':>11}  hits(avg)")
        with db.session() as session:
            for kind, texts in queries(customers, rng).items():
                id_times, list_times, hits = [], [], []
                for text in texts:
                    flt = CustomerFilter(query=text)
                    t0 = time.perf_counter()
                    found = search_ids(session, flt, limit=200)
                    id_times.append((time.perf_counter() - t0) * 1000)
                    hits.append(len(found))
                for text in texts:
                    t0 = time.perf_counter()
                    service.list_customers(db, CustomerFilter(query=text), limit=20)
                    list_times.append((time.perf_counter() - t0) * 1000)
                print(
                    f"  {kind:<18} {statistics.median(id_times):8.2f} {percentile(id_times, 0.99):8.2f} "
                    f"{statistics.median(list_times):11.2f} {percentile(list_times, 0.99):11.2f}  "
                    f"{sum(hits) / len(hits):.0f}"
                )
        db.close()


if __name__ == "__main__":
    main()
