""".xls files cut short or with flipped bits: python-calamine panics on some (a Rust panic is a
``BaseException`` in Python). Each must be read (by xlrd where it can) or refused in one line,
from the command line with exit 0 or 2, never a traceback or a panic report."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from guestcard.forms import FormLibrary
from guestcard.io import ImportRefused, read_customers

FIXTURE = Path(__file__).with_name("fixtures") / "legacy.xls"
REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "realworld"
# Offsets of legacy.xls where calamine panicked before the fix (in the directory and the last
# sectors), and where it did not (the whole first sectors are fine).
CUTS = (600, 2048, 4200, 4630, 5300, 5600)
SEED = 14


def _flipped(data: bytes, rng: random.Random, bits: int = 6) -> bytes:
    damaged = bytearray(data)
    for _ in range(bits):
        # Past the header where there is more (the file stays an OLE file and reaches calamine).
        where = rng.randrange(512 if len(damaged) > 1024 else 8, len(damaged))
        damaged[where] ^= 1 << rng.randrange(8)
    return bytes(damaged)


def _variants(source: Path, cuts: tuple[float, ...] | None = None, flips: int = 3) -> list[tuple[str, bytes]]:
    data = source.read_bytes()
    offsets = list(CUTS) if cuts is None else [int(len(data) * share) for share in cuts]
    rng = random.Random(f"{SEED}:{source.name}")
    found = [(f"cut{offset}", data[:offset]) for offset in offsets if offset < len(data)]
    found += [(f"flip{k}", _flipped(data, rng)) for k in range(flips)]
    return found


def _read_or_refuse(path: Path, library: FormLibrary) -> None:
    try:
        list(read_customers(path, library))
    except ImportRefused as refused:
        message = str(refused)
        assert message.startswith(f"{path}: ") and "\n" not in message


def test_damaged_copies_of_the_fixture_are_read_or_refused(
    tmp_path: Path, library: FormLibrary, capfd: pytest.CaptureFixture[str]
) -> None:
    # flip9 of this seed panicked inside calamine's sheet reader before the fix.
    for name, data in _variants(FIXTURE, flips=12):
        path = tmp_path / f"{name}.xls"
        path.write_bytes(data)
        _read_or_refuse(path, library)
    err = capfd.readouterr().err
    assert "panicked" not in err and "stack backtrace" not in err


@pytest.mark.usefixtures("english_settings")  # the English lines
def test_the_command_line_gives_one_line_for_a_damaged_xls(tmp_path: Path) -> None:
    env = dict(os.environ, RUST_BACKTRACE="1")  # the panic report would be a whole backtrace
    env.pop("GUESTCARD_DEBUG", None)
    outcomes = []
    for offset in (4200, 5300):
        path = tmp_path / f"cut{offset}.xls"
        path.write_bytes(FIXTURE.read_bytes()[:offset])
        done = subprocess.run(
            [sys.executable, "-m", "guestcard", "--db", str(tmp_path / "g.sqlite3"), "--create", "import", "--dry-run",
             str(path)],
            capture_output=True, text=True, env=env, timeout=120,
        )
        outcomes.append((done.returncode, done.stderr))
        assert done.returncode in (0, 2), done.stderr
        if done.returncode == 2:
            assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"guestcard: {path}: "), done.stderr
        assert "Traceback" not in done.stderr and "panicked" not in done.stderr
    assert any("is damaged" in err for _code, err in outcomes)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus of real files is not here")
def test_damaged_copies_of_real_xls_files(tmp_path: Path, library: FormLibrary,
                                          capfd: pytest.CaptureFixture[str]) -> None:
    sources = sorted(CORPUS.glob("*.xls"))
    if not sources:
        pytest.skip("no .xls in the corpus")
    for source in sources:
        for name, data in _variants(source, cuts=(0.3, 0.5, 0.7, 0.9)):
            path = tmp_path / f"{source.stem}.{name}.xls"
            path.write_bytes(data)
            _read_or_refuse(path, library)
            path.unlink()
    err = capfd.readouterr().err
    assert "panicked" not in err
