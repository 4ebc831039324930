"""CSV files that are not UTF-8: Big5 (Taiwan, Hong Kong), GBK and UTF-16 without a BOM are
detected (charset-normalizer), never read as another encoding's garbage; a weak guess is said,
naming the encoding used."""

from __future__ import annotations

from pathlib import Path

import pytest
from io_helpers import Result

from guestcard.forms import FormLibrary
from guestcard.io import read_customers

ROWS = "Name,Phone,Company\n王建國,0912345678,台灣積體電路\n李美玲,0922333444,鴻海精密\n張志明,0933444555,中華電信\n"


@pytest.mark.parametrize(("encoding", "detected"), [("big5", "cp950"), ("gbk", "gb18030"),
                                                     ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be")])
def test_a_csv_in_a_chinese_encoding_reads_right(tmp_path: Path, library: FormLibrary, encoding: str,
                                                 detected: str) -> None:
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(ROWS.encode(encoding))
    result = Result(read_customers(path, library))
    assert [c.name for c in result.customers] == ["王建國", "李美玲", "張志明"]
    assert result.customers[1].company == "鴻海精密"
    assert result.summary is not None and result.summary.encoding == detected
    assert not result.warnings()  # a sure guess: nothing to say


def test_a_weak_guess_is_said_naming_the_encoding(tmp_path: Path, library: FormLibrary) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(b"Name,Phone\n" + bytes(range(0x81, 0xFF)) + b",13812345678\n")
    result = Result(read_customers(path, library))
    said = [w.message for w in result.warnings()]
    assert any(m.startswith("the text encoding is not certain: read as ") for m in said), said
    assert result.summary is not None and result.summary.encoding is not None
