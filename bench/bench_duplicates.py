"""The duplicate scan over 100,000 cards against a plain SQL self-join doing the phone step alone.

    python bench/bench_duplicates.py [N]

Fills a fresh SQLite file with N fabricated cards (services.demo), 1 % of them typed in a second
time with a variation (another formatting of the phone, a character in traditional script, the
e-mail only…). Then times ``find_duplicates`` (reading every card's keys, five rules by blocking
keys, scoring, groups) against the floor: bare sqlite3 joining ``customers`` to itself on the
indexed phone column — one rule of five, exact equality only, nothing scored. Target: the scan
under 3 s at 100,000 cards.
"""

from __future__ import annotations

import random
import sqlite3
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from guestcard.services.demo import fake_customers
from guestcard.services.duplicates import find_duplicates
from guestcard.storage import Database
from guestcard.storage import customers as store

TRADITIONAL = str.maketrans("张刘陈杨黄赵吴郭罗郑谢韩冯邓国华丽军杰涛", "張劉陳楊黃趙吳郭羅鄭謝韓馮鄧國華麗軍傑濤")


def variant(customer, rng: random.Random):
    """The same guest typed in again, as staff do."""
    phone = customer.phone or ""
    choice = rng.randrange(5)
    if choice == 4:
        return replace(customer, honorific=None, company=None)  # the same number as it was
    if choice == 0 and len(phone) == 11:
        return replace(customer, phone=f"+86 {phone[:3]}-{phone[3:7]}-{phone[7:]}", notes=None)
    if choice == 1:
        return replace(customer, name=customer.name.translate(TRADITIONAL), phone=None)
    if choice == 2:
        return replace(customer, phone=None, email=None, birthday=customer.birthday)
    return replace(customer, phone=None, fields={"other_phones": phone})


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    rng = random.Random(5)
    cards = list(fake_customers(count, seed=21))
    cards += [variant(c, rng) for c in rng.sample(cards, count // 100)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        db = Database.open(path)
        began = time.perf_counter()
        with db.session() as session:
            store.bulk_insert_customers(session, cards)
        print(f"{len(cards):,} cards written in {time.perf_counter() - began:.1f} s")
        timings, cpu = [], []
        for _ in range(3):
            began, began_cpu = time.perf_counter(), time.process_time()
            report = find_duplicates(db)
            timings.append(time.perf_counter() - began)
            cpu.append(time.process_time() - began_cpu)
        scan = min(timings)
        strong = sum(p.strong for p in report.pairs)
        # CPU time beside the wall clock: on a shared machine the wall clock waits for other processes.
        print(f"guestcard duplicate scan: {scan:.2f} s (best of 3; CPU {min(cpu):.2f} s) — {len(report.pairs):,} pairs "
              f"({strong:,} by a strong rule), {len(report.groups)} groups")
        db.close()
        connection = sqlite3.connect(path)
        floor, floor_cpu = [], []
        for _ in range(3):
            began, began_cpu = time.perf_counter(), time.process_time()
            joined = connection.execute(
                "SELECT a.id, b.id FROM customers a JOIN customers b ON b.phone = a.phone AND b.id > a.id "
                "WHERE a.phone IS NOT NULL"
            ).fetchall()
            floor.append(time.perf_counter() - began)
            floor_cpu.append(time.process_time() - began_cpu)
        connection.close()
        print(f"plain SQL self-join, the phone step alone: {min(floor):.3f} s (CPU {min(floor_cpu):.3f} s) "
              f"({len(joined):,} pairs)")
        print(f"ratio: {scan / min(floor):.1f}x the floor (CPU {min(cpu) / min(floor_cpu):.1f}x); "
              "target: scan under 3 s — "
              f"{'met' if scan < 3 else 'NOT met'}")


if __name__ == "__main__":
    main()
