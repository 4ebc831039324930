"""Where the backups of each guest file were written: the backup folder, and anywhere else (a USB
stick, a folder chosen once). ``password set`` re-encrypts every backup it knows of, and names
those it cannot reach (a USB stick not plugged in): a copy in clear is never forgotten.

The record is a small JSON file in the user data folder (paths only, never guest data):
``{database file: [backup, …]}``. A backup whose folder is still there but that is gone (rotated
out, deleted by hand) is forgotten; one whose folder is missing (an unplugged stick) is kept.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from guestcard.paths import user_data_dir
from guestcard.storage.lock import DatabaseLocked, UseLock

KEPT_PER_FILE = 500  # the newest; older ones have long been rotated or replaced


def _record_file() -> Path:
    return user_data_dir() / "backup-places.json"


def _key(database_file: Path) -> str:
    return os.path.normcase(str(Path(database_file).expanduser().resolve()))


def _read() -> dict[str, list[str]]:
    try:
        data = json.loads(_record_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def record_written(database_file: Path, backup: Path) -> None:
    """Remember that a backup of ``database_file`` was written at ``backup``. Never fails the
    backup: a record that cannot be written is only a weaker promise."""
    record = _record_file()
    with contextlib.suppress(OSError, DatabaseLocked):
        record.parent.mkdir(parents=True, exist_ok=True)
        guard = UseLock(record).acquire_exclusive(wait=5, on_wait=None)  # two processes at once
        try:
            data = _read()
            paths = [p for p in data.get(_key(database_file), []) if p != str(backup.resolve())]
            paths.append(str(backup.resolve()))
            data[_key(database_file)] = _still_known(paths)[-KEPT_PER_FILE:]
            temporary = record.with_name(record.name + ".new")
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, record)
        finally:
            guard.release()


def _still_known(paths: list[str]) -> list[str]:
    return [p for p in paths if Path(p).exists() or not Path(p).parent.is_dir()]


def written_backups(database_file: Path) -> list[Path]:
    """The backups of ``database_file`` written anywhere that may still exist (see above)."""
    return [Path(p) for p in _still_known(_read().get(_key(database_file), []))]
