"""Guest files made once per test worker and copied for each test that starts from one (the
fixtures ``sqlite_db``, ``db``, ``db_args`` and the window tests' ``demo_db``)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

from guestcard.storage import Database


class GuestFileTemplates:
    """Guest files made once per test worker and copied for each test that starts from one.

    Creating the schema (every migration) costs ~0.1 s and the window tests' demo data ~0.4 s,
    in each of some thousand tests; a copy of the finished file costs ~2 ms and holds the same
    bytes. Only the file itself is copied: a template must leave nothing else beside it (no
    ``-wal``, no backup), or it could not be copied faithfully and says so.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[str, Path] = {}

    def copy_to(self, key: str, dest: Path, build: Callable[[Path], None]) -> Path:
        """``dest`` as ``build(path)`` makes it: built under ``key`` the first time, copied after."""
        template = self.made.get(key)
        if template is None:
            room = self.folder / f"t{len(self.made)}"
            room.mkdir()
            template = room / dest.name
            build(template)
            beside = sorted(p.name for p in room.iterdir() if p != template and p.suffix != ".inuse")
            assert not beside, f"template {key!r} left {beside} beside the file: it cannot be copied alone"
            self.made[key] = template
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(template, dest)
        return dest

    def empty(self, dest: Path) -> Path:
        """A new guest file at the current schema, as ``Database.open(dest)`` creates it."""
        return self.copy_to("empty", dest, lambda path: Database.open(path, create=True).close())


def dated(key: str) -> str:
    """A template key for contents that depend on today's date (demo birthdays): a run that goes
    past midnight makes it anew."""
    return f"{key}@{dt.date.today().isoformat()}"
