"""The window never reaches the database on the GUI thread (issue 21): a guard for the tests.

While a test runs, every SQL statement and every connection taken from a pool on the main thread
(the Qt GUI thread) is looked at: when code of the window (a frame in ``src/guestcard/gui``) is on
the stack, the innermost such frame is named (``card_editor.py:load``) and, unless the name is on
``STILL_ON_THE_GUI_THREAD``, the test fails at its end. Test code calling a service itself (to set
up or check the database) is not the window and is not counted; the runner's pool threads are
where the window's database work belongs.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from types import FrameType
from typing import Any

GUI_SOURCE = str(Path(__file__).resolve().parents[2] / "src" / "guestcard" / "gui") + "/"

# The window's database calls still made on the GUI thread (issue 21 debt): each one a place in
# the window's code. The list may only shrink; a new place fails its test.
STILL_ON_THE_GUI_THREAD: frozenset[str] = frozenset()


def gui_caller(frame: FrameType | None) -> str | None:
    """The innermost frame of the window's own code on the stack, as ``file.py:function``."""
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(GUI_SOURCE):
            return f"{filename[len(GUI_SOURCE):]}:{frame.f_code.co_name}"
        frame = frame.f_back
    return None

class GuiThreadGuard:
    """Listens to SQLAlchemy while installed; ``seen`` holds every window place that used the
    database on the GUI thread, ``violations()`` those not on the allow-list."""

    def __init__(self, allowed: frozenset[str] = STILL_ON_THE_GUI_THREAD) -> None:
        self.allowed = allowed
        self.seen: set[str] = set()

    def _look(self, *_args: Any, **_kwargs: Any) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        place = gui_caller(sys._getframe(1))
        if place is not None:
            self.seen.add(place)

    def install(self) -> GuiThreadGuard:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
        from sqlalchemy.pool import Pool

        event.listen(Engine, "before_cursor_execute", self._look)
        event.listen(Pool, "checkout", self._look)
        return self

    def uninstall(self) -> None:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
        from sqlalchemy.pool import Pool

        event.remove(Engine, "before_cursor_execute", self._look)
        event.remove(Pool, "checkout", self._look)

    def violations(self) -> list[str]:
        return sorted(self.seen - self.allowed)
