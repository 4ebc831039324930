"""How long a value may be: one limit for SQLite and PostgreSQL alike.

PostgreSQL refuses a name of 201 characters (``character varying(200)``) and any NUL character in
text; SQLite takes both. So every way in (add, set, the card, an import, copy-db) checks these
limits before writing, naming the field (or the file, row and column), and NUL characters are
removed on both databases. The lengths are the columns' (storage/models.py).
"""

from __future__ import annotations

from typing import Any

# Customer attribute → the most characters its column holds (the others are unlimited text).
CUSTOMER_LIMITS: dict[str, int] = {
    "name": 200,
    "honorific": 200,
    "email": 200,
    "company": 200,
    "position": 200,
    "owner": 80,
    "phone": 32,
}
TAG_LIMIT = 80


def field_key(attribute: str) -> str:
    return "class" if attribute == "customer_class" else attribute


def too_long(customer: Any) -> list[tuple[str, int, int]]:
    """(field key, length, limit) for each value of ``customer`` over its column's limit (tags as
    ``tags``)."""
    found = []
    for attribute, limit in CUSTOMER_LIMITS.items():
        value = getattr(customer, attribute, None)
        if value.__class__ is str and len(value) > limit:
            found.append((field_key(attribute), len(value), limit))
    for tag in getattr(customer, "tags", ()) or ():
        if len(tag) > TAG_LIMIT:
            found.append(("tags", len(tag), TAG_LIMIT))
            break
    return found


def describe_too_long(key: str, length: int, limit: int) -> str:
    """The reason, without the value (it is a guest's)."""
    return f"{length} characters, at most {limit}"


def without_nul(text: str) -> tuple[str, int]:
    """``text`` without NUL characters, and how many there were."""
    count = text.count("\x00")
    return (text.replace("\x00", ""), count) if count else (text, 0)
