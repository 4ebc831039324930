"""Make tests/data/schema_NNNN.sqlite3: a database of today's newest schema with demo data.

Run it once whenever a migration is added (before the next one lands), and commit the file:
the migration tests open every saved schema with the newest program.
"""

import sys
from pathlib import Path

from guestcard.services.demo import fill_demo
from guestcard.storage import Database
from guestcard.storage.database import SCHEMA_HEAD

target = Path(__file__).with_name(f"schema_{SCHEMA_HEAD}.sqlite3")
if target.exists():
    sys.exit(f"{target} exists already")
db = Database.open(target)
fill_demo(db, 20, seed=3)
with db.engine.connect() as connection:
    connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.exec_driver_sql("PRAGMA journal_mode=DELETE")
db.close()
print(target)
