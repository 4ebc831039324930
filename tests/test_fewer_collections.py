"""The collector is held back during a bulk job and set back as it was after the last one."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook

from guestcard.forms import FormLibrary
from guestcard.services.fewer_collections import fewer_collections
from guestcard.services.importing import ImportOptions, import_file
from guestcard.storage import Database


@pytest.fixture(autouse=True)
def default_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


def test_thresholds_are_raised_inside_and_restored_after() -> None:
    with fewer_collections():
        inside = gc.get_threshold()
    assert inside[0] >= 10_000 and inside[2] >= 1_000
    assert gc.get_threshold() == (700, 10, 10)


def test_nested_and_concurrent_jobs_restore_only_at_the_last_end() -> None:
    started, release = threading.Event(), threading.Event()

    def other_job() -> None:
        with fewer_collections():
            started.set()
            release.wait(5)

    thread = threading.Thread(target=other_job)
    with fewer_collections():
        thread.start()
        assert started.wait(5)
    assert gc.get_threshold()[0] >= 10_000  # the other job still runs
    release.set()
    thread.join(5)
    assert gc.get_threshold() == (700, 10, 10)


def test_higher_thresholds_set_by_someone_else_are_kept() -> None:
    gc.set_threshold(50_000, 50, 5_000)
    with fewer_collections():
        assert gc.get_threshold() == (50_000, 50, 5_000)
    assert gc.get_threshold() == (50_000, 50, 5_000)


def test_an_error_inside_restores_them_too() -> None:
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("the job failed")
    assert gc.get_threshold() == (700, 10, 10)


def test_an_import_holds_the_collector_back_while_it_runs(library: FormLibrary, tmp_path: Path) -> None:
    path = tmp_path / "guests.xlsx"
    book = Workbook()
    book.active.append(["姓名", "手机"])
    book.active.append(["张三", "13800000001"])
    book.save(path)
    db = Database.open(tmp_path / "db.sqlite3")
    seen: list[int] = []
    report = import_file(db, library, path, ImportOptions(backup_dir=tmp_path / "bk"),
                         progress=lambda _step: seen.append(gc.get_threshold()[0]))
    db.close()
    assert report.imported == 1
    assert seen and min(seen) >= 10_000
    assert gc.get_threshold() == (700, 10, 10)
