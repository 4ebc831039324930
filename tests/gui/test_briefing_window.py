"""The Today page's button writes the briefing sheet of the next service (on the runner)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from guestcard.domain import Customer, Visit
from guestcard.gui.main_window import MainWindow
from guestcard.services import customers as services


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_the_today_button_writes_the_briefing_sheet(qtbot: Any, window: MainWindow, answer: Any,
                                                    tmp_path: Path) -> None:
    guest = services.create_customer(window.db, Customer(name="简报客人", allergies="坚果"))
    today = dt.date.today()
    for hour in (12, 19):  # one in each service: whichever comes next has this guest
        services.add_visit(window.db, Visit(customer_id=guest.id, at=dt.datetime.combine(today, dt.time(hour)),
                                            party_size=3, room="竹韵"))
    qtbot.waitUntil(lambda: not window.runner.busy)
    with qtbot.waitSignal(window.today.refreshed, timeout=10_000):
        window.today.refresh()
    button = window.today.briefing_button
    assert button.isEnabled() and button.text() == "Briefing sheet…"
    answer("save_file", tmp_path / "briefing")
    with qtbot.waitSignal(window.staff.briefingWritten, timeout=20_000) as written:
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    path = written.args[0]
    assert path == tmp_path / "briefing.pdf"
    text = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "简报客人" in text and "坚果" in text and "Guest briefing" in text
