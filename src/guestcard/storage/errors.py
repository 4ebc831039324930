"""The error of a database that cannot be used (the storage layer's own kinds derive from it)."""

from __future__ import annotations


class DatabaseError(RuntimeError):
    """The database cannot be used; the message says which one and why, in one line."""
