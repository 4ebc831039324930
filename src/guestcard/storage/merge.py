"""Two saves of one card at once: changes to different fields are merged, not refused.

A save knows the card as it was read (``base``) and as it should become (``mine``); the row may
have moved on meanwhile (``theirs``: another process saved). Field by field (core fields, form
fields, ``extra:``/``raw:`` columns and tags, as the audit trail counts them):

- changed only by me: my value, over theirs;
- changed only elsewhere: their value stays;
- changed on both sides to the same value: no conflict;
- changed on both sides to different values: ``VersionConflict`` naming each such field with
  both values (the message goes to the user who saved, never to the log).
"""

from __future__ import annotations

from dataclasses import fields as dataclass_fields
from dataclasses import replace
from typing import Any

from guestcard.domain.model import Customer
from guestcard.storage.audit import diff

_ATTRS = {f.name for f in dataclass_fields(Customer)} - {"fields", "extra", "raw", "tags", "id", "version",
                                                           "created_at", "updated_at"}


class VersionConflict(RuntimeError):
    """The card was changed elsewhere since it was opened; saving would overwrite that change.
    ``fields``: (field key, their value, my value) for each field changed on both sides (empty
    when the base of the save is unknown and nothing could be merged)."""

    def __init__(self, customer_id: int, expected: int, current: Customer,
                 fields: tuple[tuple[str, Any, Any], ...] = ()) -> None:
        self.customer_id, self.expected, self.current, self.fields = customer_id, expected, current, fields
        if fields:
            said = "; ".join(f"{key} is now {_shown(theirs)}, yours {_shown(mine)}" for key, theirs, mine in fields)
            text = (f"customer {customer_id}: changed elsewhere since you opened it, in the same "
                    f"field{'s' if len(fields) > 1 else ''} ({said}); nothing saved")
        else:
            text = (f"customer {customer_id} was changed elsewhere since you opened it (version {expected} then, "
                    f"{current.version} now); nothing saved")
        super().__init__(text)


def _shown(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, list | tuple):
        return repr(", ".join(str(v) for v in value))
    return repr(value)


def merged(base: Customer, mine: Customer, theirs: Customer) -> Customer:
    """``theirs`` with my changes (``base`` → ``mine``) applied; ``VersionConflict`` when a field
    was changed on both sides to different values."""
    assert theirs.id is not None
    my_changes = {key: new for key, _old, new in diff(base, mine)}
    their_changes = {key: new for key, _old, new in diff(base, theirs)}
    clashes = tuple((key, their_changes[key], new) for key, new in my_changes.items()
                    if key in their_changes and their_changes[key] != new)
    if clashes:
        raise VersionConflict(theirs.id, base.version, theirs, clashes)
    result = theirs
    form_fields, extra, raw = dict(theirs.fields), dict(theirs.extra), dict(theirs.raw)
    for key in my_changes:
        if key == "tags":
            result = replace(result, tags=mine.tags)
        elif key.startswith("extra:"):
            _copy(extra, mine.extra, key.removeprefix("extra:"))
        elif key.startswith("raw:"):
            _copy(raw, mine.raw, key.removeprefix("raw:"))
        elif (attr := "customer_class" if key == "class" else key) in _ATTRS:
            result = replace(result, **{attr: getattr(mine, attr)})
        else:
            _copy(form_fields, mine.fields, key)
    return replace(result, fields=form_fields, extra=extra, raw=raw)


def _copy(target: dict[str, Any], source: dict[str, Any], key: str) -> None:
    if key in source:
        target[key] = source[key]
    else:
        target.pop(key, None)
