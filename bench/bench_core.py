"""Core benchmark: bulk insert of 100,000 customers and search latency at that size.

    python bench/bench_core.py [N] [--db-url postgresql+psycopg://…]

With ``--db-url`` guestcard's insert and the searches run on that server (in a fresh schema
``bench``); the sqlite3 baselines stay local.

Prints, in one run: guestcard's bulk insert (search material, pinyin, FTS5 index and all) against
plain sqlite3 doing the same work — executemany of the same rows (customers, search terms, audit
trail; search material precomputed outside the timing) into guestcard's schema, as fast as plain
sqlite3 can (``bare_same_work``): that ratio is what guestcard's Python adds, the target's. Then
against executemany of the customers rows alone into a table without any index, which shows what
the search index itself costs. Then the median and p99 latency of 100 varied queries of each kind.
Targets: insert within 3x; median <= 1 ms and p99 <= 5 ms for every kind.
"""

from __future__ import annotations

import datetime as dt
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


def bare_same_work(path: Path, customers: list) -> float:
    """The same work done by plain sqlite3 as fast as it can: the same rows — customers (search
    columns included), search terms, audit trail — precomputed outside the timing, into a database
    made by guestcard, with guestcard's pragmas (foreign keys checked), in one transaction: search
    triggers and secondary indexes dropped first, rows in key order, the FTS5 indexes rebuilt and
    the indexes made again at the end (what guestcard's bulk insert does)."""
    Database.open(path).close()
    rows = []
    for number, customer in enumerate(customers, start=1):
        row = store._table_row(customer_columns(customer))
        row["id"] = number
        rows.append(row)
    columns = list(rows[0])

    def plain(value: object) -> object:
        if isinstance(value, dict | list):
            return json.dumps(value, ensure_ascii=False)
        return value.isoformat(" ") if isinstance(value, dt.datetime) else value

    values = [tuple(plain(r[c]) for c in columns) for r in rows]
    terms = sorted((term, number) for number, c in enumerate(customers, start=1) for term in search_terms(c))
    now = dt.datetime.now().isoformat(" ")
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=NORMAL", "secure_delete=ON"):
        connection.execute(f"PRAGMA {pragma}")
    names = ", ".join(f'"{c}"' for c in columns)
    began = time.perf_counter()
    connection.execute("BEGIN")
    dropped = connection.execute(
        "SELECT type, name, sql FROM sqlite_master WHERE (type = 'trigger' AND tbl_name = 'customers') "
        "OR (type = 'index' AND tbl_name IN ('customers', 'search_terms') AND sql IS NOT NULL "
        "AND sql NOT LIKE 'CREATE UNIQUE%')"
    ).fetchall()
    for kind, name, _sql in dropped:
        connection.execute(f'DROP {kind.upper()} "{name}"')
    connection.executemany(f"INSERT INTO customers ({names}) VALUES ({', '.join('?' * len(columns))})", values)
    connection.executemany("INSERT INTO search_terms (term, customer_id) VALUES (?, ?)", terms)
    connection.execute(
        "INSERT INTO customer_changes (customer_id, at, action, old, new) "
        "SELECT id, ?, 'create', 'null', 'null' FROM customers",
        (now,),
    )
    for (index,) in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
    ).fetchall():
        connection.execute(f"INSERT INTO \"{index}\"(\"{index}\") VALUES ('rebuild')")
    for _kind, _name, sql in dropped:
        connection.execute(sql)
    connection.execute("COMMIT")
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
        same = bare_same_work(base / "same.sqlite3", customers)
        print(f"bulk insert of {count:,} customers")
        print(f"  guestcard bulk_insert_customers (search material computed)  {ours:7.2f} s")
        print(f"  bare sqlite3, the same work (same rows, schema and indexes) {same:7.2f} s")
        print(f"  ratio                                                       {ours / same:7.2f}x   (target <= 3x)")
        print(f"  bare sqlite3, the customers rows alone, table without index {bare:7.2f} s")
        print(f"  ratio                                                       {ours / bare:7.2f}x")
        print(f"  (the index the searches below need, written by bare sqlite3: {same / bare:.2f}x of that alone)")

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
