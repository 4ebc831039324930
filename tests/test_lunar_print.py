"""A printed card of a lunar-birthday guest shows the lunar date and this year's solar day, on
the staff copy and the manager's, in Chinese and in English (read back with pdftotext)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from guestcard.domain import Customer, PartialDate
from guestcard.forms import FormLibrary
from guestcard.printing.options import PrintOptions
from guestcard.services import customers
from guestcard.services.printing import print_cards
from guestcard.storage import Database

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")


def _text(path: Path) -> str:
    done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True)
    return re.sub(r"\s+", "", done.stdout)


@pytest.mark.parametrize("full", [False, True])
@pytest.mark.parametrize("form_id", ["guest_history", "deep_profile"])
def test_a_lunar_birthday_prints_both_dates(tmp_path: Path, sqlite_db: Database, library: FormLibrary,
                                            full: bool, form_id: str) -> None:
    birthday = PartialDate.lunar_date(3, 2, 1958)
    guest = customers.create_customer(sqlite_db, Customer(name="王建国", birthday=birthday,
                                                          anniversary=PartialDate.lunar_date(4, 1, leap=True)))
    solar = birthday.occurrence_in(dt.date.today().year)
    wedding = guest.anniversary.occurrence_in(dt.date.today().year)  # type: ignore[union-attr]
    zh = tmp_path / "zh.pdf"
    print_cards(sqlite_db, library, zh, [guest], PrintOptions(form_id=form_id, full=full))
    text = _text(zh)
    assert f"1958年农历三月初二（今年{solar.month}月{solar.day}日）" in text
    if form_id == "guest_history":
        assert f"农历闰四月初一（今年{wedding.month}月{wedding.day}日）" in text
    en = tmp_path / "en.pdf"
    print_cards(sqlite_db, library, en, [guest], PrintOptions(form_id=form_id, full=full, lang="en"))
    month = dt.date(2000, solar.month, 1).strftime("%b")
    assert f"lunar3/2/1958({month}{solar.day}thisyear)" in _text(en)
