"""The manager's settings: one small frozen dataclass kept as JSON in the user data folder.

Qt-free, so the command line reads the same file (``load_settings().restaurant_name`` is printed on
the cards). The window keeps only its geometry, splitters and table columns in ``QSettings``.

A missing, unreadable or damaged file gives the defaults (the window must always start); a value
of the wrong kind falls back to its default, unknown keys are ignored. Saving writes a temporary
file beside the real one and renames it into place, so a crash never leaves half a file.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from guestcard.paths import default_database_path, user_data_dir

SETTINGS_FILE = "settings.json"
LANGUAGES = ("zh", "en")
# The same as guestcard.printing.SIZES (a test checks it): importing printing would load reportlab.
PAGE_SIZES = ("A4", "A5", "A6", "A4-2up", "A4-4up")
# The classes whose guests the agenda lists at each festival (keys of guestcard.domain.festivals):
# every regular at the great family festivals, the VIPs at the others.
DEFAULT_FESTIVAL_CLASSES: dict[str, str] = {
    "new_year": "A", "spring": "AB", "lantern": "A", "womens_day": "A", "mothers_day": "A",
    "dragon_boat": "A", "fathers_day": "A", "teachers_day": "", "mid_autumn": "AB", "national_day": "A",
    "double_ninth": "A",
}

__all__ = ["LANGUAGES", "PAGE_SIZES", "Settings", "SettingsError", "load_settings", "save_settings", "settings_path"]


class SettingsError(RuntimeError):
    """The settings file cannot be written; one line naming the file and the reason."""


@dataclass(frozen=True)
class Settings:
    restaurant_name: str = ""  # printed in every card's header
    language: str = "zh"  # "zh" | "en": the window and the default for cards and exports
    default_form: str = "guest_history"
    default_page_size: str = "A4"  # one of PAGE_SIZES
    database_path: str = ""  # "" = guestcard.sqlite3 in the user data folder
    backup_folder: str = ""  # "" = backups/ in the user data folder
    class_a_from: str = "50000"  # yuan spent in 12 months for class A (insights' class suggestions)
    class_b_from: str = "10000"  # … for class B; below is C
    # The cards' letterhead under the restaurant's name, and the logo beside it (a PNG or JPEG file).
    hotel_address: str = ""
    hotel_phone: str = ""
    logo_path: str = ""
    show_spend_on_staff_copy: bool = False  # spend amounts on the staff copy (the full copy has them)
    # festival key → the classes greeted ("AB"); a festival not named keeps its default
    festival_classes: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FESTIVAL_CLASSES))
    manager_name: str = ""  # signs the greetings ({经理}) of a guest without an account manager
    custom_label_sheet: str = "8x3 10 7 2.5 0"  # labels --sheet custom: ROWSxCOLS TOP LEFT GAP_X GAP_Y (mm)

    def database_file(self) -> Path:
        return Path(self.database_path).expanduser() if self.database_path else default_database_path()

    def backup_dir(self) -> Path | None:
        """The chosen backup folder, or ``None`` for the services' default."""
        return Path(self.backup_folder).expanduser() if self.backup_folder else None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


_DEFAULTS = Settings()
_ALLOWED: dict[str, tuple[str, ...]] = {"language": LANGUAGES, "default_page_size": PAGE_SIZES}


def settings_path() -> Path:
    return user_data_dir() / SETTINGS_FILE


def _clean(data: Any) -> Settings:
    if not isinstance(data, dict):
        return _DEFAULTS
    values: dict[str, Any] = {}
    for item in fields(Settings):
        value = data.get(item.name)
        if item.name == "festival_classes":
            values[item.name] = _festival_classes(value)
            continue
        if item.name == "show_spend_on_staff_copy":
            if isinstance(value, bool):
                values[item.name] = value
            continue
        if not isinstance(value, str):
            continue
        value = value.strip()
        allowed = _ALLOWED.get(item.name)
        if allowed is not None and value not in allowed:
            continue
        if item.name == "default_form" and not value:
            continue
        values[item.name] = value
    return Settings(**values)


def _festival_classes(value: Any) -> dict[str, str]:
    """The saved choice over the defaults; anything but the festivals' keys and A/B/C is left out."""
    chosen = dict(DEFAULT_FESTIVAL_CLASSES)
    if isinstance(value, dict):
        for key, classes in value.items():
            if key in chosen and isinstance(classes, str):
                chosen[key] = "".join(c for c in "ABC" if c in classes.upper())
    return chosen


def load_settings(path: Path | None = None) -> Settings:
    """The saved settings; the defaults where the file is missing, damaged or a value is wrong."""
    path = path or settings_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return _DEFAULTS
    try:
        data = json.loads(text)
    except ValueError:
        return _DEFAULTS
    return _clean(data)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write the settings atomically (temporary file + ``os.replace``); returns the file."""
    path = path or settings_path()
    text = json.dumps(settings.to_json(), ensure_ascii=False, indent=2) + "\n"
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
        temporary = None
    except OSError as exc:
        raise SettingsError(f"{path}: the settings cannot be saved ({exc.strerror or exc})") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return path
