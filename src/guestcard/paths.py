"""Where things live: shipped data (forms, fonts) and the user's folders."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

APP_NAME = "guestcard"


def shipped_dir(name: str) -> Path:
    """``forms`` or ``resources``: inside the installed package, or at the top of a source checkout."""
    packaged = resources.files("guestcard") / "data" / name
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / name


def user_data_dir() -> Path:
    override = os.environ.get("GUESTCARD_HOME")
    if override:
        return Path(override)
    import platformdirs  # lazy: ~20 ms guestcard --help and GUESTCARD_HOME (bench_gui) need not pay

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_forms_dir() -> Path:
    return user_data_dir() / "forms"


def default_database_path() -> Path:
    return user_data_dir() / "guestcard.sqlite3"


def is_default_database(target: str | Path) -> bool:
    """Whether ``target`` is the default guest file (made on first start without asking)."""
    if "://" in str(target):
        return False
    return Path(target).expanduser().resolve() == default_database_path().expanduser().resolve()
