"""Moving a whole guest database to another (SQLite file → PostgreSQL server, and back).

The copy is table by table, rows as they are, so it is storage's work (``storage.copying``); this
is the entry the shells use.
"""

from __future__ import annotations

from guestcard.storage.copying import CHUNK, CopyError, copy_database

__all__ = ["CHUNK", "CopyError", "copy_database"]
