"""The error of a database that cannot be used (the storage layer's own kinds derive from it)."""

from __future__ import annotations

from guestcard.domain.messages import FileCoded


class DatabaseError(FileCoded, RuntimeError):
    """The database cannot be used; the message says which one and why, in one line. Raised
    ``Kind.of(Code.X, file, …)`` it is worded in each shell's language (``FileCoded``)."""
