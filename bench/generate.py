"""Make a database of N synthetic customers with visits and contacts (for benchmarks and screenshots).

python bench/generate.py OUT.sqlite3 [N]
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

from guestcard.domain.model import Contact
from guestcard.services.demo import CHANNELS, KEY_POINTS, fake_customers, fake_visits
from guestcard.storage import Database, history
from guestcard.storage import customers as store


def generate(path: Path, count: int, *, visits_per_customer: int = 3, seed: int = 11) -> Database:
    db = Database.open(path)
    rng = random.Random(seed)
    today = dt.date.today()
    customers = list(fake_customers(count, seed))
    with db.session() as session:
        store.bulk_insert_customers(session, customers)
    chunk = 20_000
    for start in range(1, count + 1, chunk):
        with db.session() as session:
            ids = range(start, min(start + chunk, count + 1))
            history.bulk_insert_visits(
                session, [v for i in ids for v in fake_visits(rng, i, today, rng.randint(0, 2 * visits_per_customer))]
            )
            history.bulk_insert_contacts(
                session,
                [
                    Contact(
                        customer_id=i,
                        date=today - dt.timedelta(days=rng.randint(0, 90)),
                        channel=rng.choice(CHANNELS),
                        key_points=rng.choice(KEY_POINTS),
                    )
                    for i in ids
                    if rng.random() < 0.3
                ],
            )
    return db


if __name__ == "__main__":
    target = Path(sys.argv[1])
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    began = time.perf_counter()
    generate(target, n).close()
    print(f"{target}: {n} customers in {time.perf_counter() - began:.1f} s")
