"""The customer database: typed models, sessions, migrations, search. Returns plain dataclasses."""

from guestcard.storage.customers import NotFound, VersionConflict
from guestcard.storage.database import Database, DatabaseError
from guestcard.storage.search import CustomerFilter

__all__ = ["CustomerFilter", "Database", "DatabaseError", "NotFound", "VersionConflict"]
