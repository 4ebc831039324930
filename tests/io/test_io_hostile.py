"""Unusable and hostile input: refused with one clear line naming the file, never a crash or hang."""

from __future__ import annotations

import os
import random
import re
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from io_helpers import Result, patch_sheet_xml

from guestcard.forms import FormLibrary
from guestcard.io import ImportRefused, read_customers, safety

Xlsx = Callable[..., Path]
REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus" / "realworld"


def refused(path: Path, library: FormLibrary) -> str:
    with pytest.raises(ImportRefused) as caught:  # how fast: bench/bench_hostile.py
        list(read_customers(path, library))
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and "\n" not in message
    return message


def test_zero_bytes(tmp_path: Path, library: FormLibrary) -> None:
    for name in ("empty.xlsx", "empty.csv", "empty.xls"):
        path = tmp_path / name
        path.write_bytes(b"")
        assert "empty (0 bytes)" in refused(path, library)


def test_random_bytes(tmp_path: Path, library: FormLibrary) -> None:
    noise = random.Random(20261203)  # seeded: the same noise in every run
    path = tmp_path / "noise.xlsx"
    path.write_bytes(noise.randbytes(50_000))
    assert "not a spreadsheet" in refused(path, library)
    csv = tmp_path / "noise.csv"
    csv.write_bytes(noise.randbytes(50_000))
    assert "CSV" in refused(csv, library) or "text" in refused(csv, library)


def test_text_renamed_xlsx_and_html_renamed_xls(tmp_path: Path, library: FormLibrary) -> None:
    path = tmp_path / "guests.xlsx"
    path.write_text("姓名,手机\n张伟,13812345678\n", encoding="utf-8")
    assert "text file, not an Excel workbook" in refused(path, library)
    html = tmp_path / "export.xls"
    html.write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>", encoding="utf-8")
    assert "HTML" in refused(html, library)


def test_zip_that_is_not_a_workbook(tmp_path: Path, library: FormLibrary) -> None:
    path = tmp_path / "photos.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", "hello")
    assert "ZIP archive, not an Excel workbook" in refused(path, library)


def test_truncated_xlsx(xlsx: Xlsx, tmp_path: Path, library: FormLibrary) -> None:
    good = xlsx([["姓名", "手机"], ["甲", "13800000001"]])
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    refused(path, library)


def _bomb_zip(path: Path, inflated: int, *, declared: int | None = None) -> None:
    """A workbook whose sheet inflates to ``inflated`` bytes of blanks (optionally lying about it)."""
    body = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    body += b"<sheetData/>" + b" " * inflated + b"</worksheet>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
                                            "</workbook>")
        archive.writestr("xl/worksheets/sheet1.xml", body)
    if declared is not None:  # rewrite the sizes in both headers
        data = bytearray(path.read_bytes())
        for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
            start = 0
            while (start := data.find(signature, start)) >= 0:
                name_len = struct.unpack_from("<H", data, start + (26 if signature == b"PK\x03\x04" else 28))[0]
                name_at = start + (30 if signature == b"PK\x03\x04" else 46)
                if data[name_at:name_at + name_len] == b"xl/worksheets/sheet1.xml":
                    struct.pack_into("<I", data, start + offset, declared)
                start += 4
        path.write_bytes(bytes(data))


def test_zip_bomb_by_declared_size(tmp_path: Path, library: FormLibrary) -> None:
    path = tmp_path / "bomb.xlsx"
    _bomb_zip(path, 600 * safety.MiB)
    assert path.stat().st_size < 2 * safety.MiB
    assert "zip bomb" in refused(path, library)


def test_zip_bomb_that_lies_about_its_size(tmp_path: Path, library: FormLibrary,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "liar.xlsx"
    _bomb_zip(path, 40 * safety.MiB, declared=1000)
    assert "zip bomb" in refused(path, library)


def test_xml_entity_bomb(xlsx: Xlsx, library: FormLibrary) -> None:
    path = xlsx([["姓名", "手机"], ["甲", "13800000001"]])
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    patch_sheet_xml(path, lambda xml: xml.replace("<worksheet", laughs + "<worksheet", 1))
    assert "XML bomb" in refused(path, library)


def test_sparse_sheet_that_would_allocate_billions_of_cells(xlsx: Xlsx, library: FormLibrary) -> None:
    # Two cells, A1 and XFD1048576: calamine would allocate the whole grid and abort the process.
    path = xlsx([["姓名", "手机"], ["甲", "13800000001"]])
    patch_sheet_xml(path, lambda xml: xml.replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))
    assert "refused as unsafe" in refused(path, library)


def test_password_protected(tmp_path: Path, library: FormLibrary) -> None:
    # What Excel writes for a workbook with a password: an OLE2 file holding EncryptedPackage.
    path = tmp_path / "secret.xlsx"
    sector = bytearray(512)
    entry = "EncryptedPackage".encode("utf-16-le")
    sector[: len(entry)] = entry
    tail = random.Random(7).randbytes(4096)  # seeded noise
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + bytes(sector) + tail)
    assert "password-protected" in refused(path, library)
    real = CORPUS / "calamine_pass_protected.xlsx"
    if real.exists():
        assert "password-protected" in refused(real, library)


def test_a_word_document_and_a_pdf(tmp_path: Path, library: FormLibrary) -> None:
    doc = tmp_path / "letter.xls"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + "WordDocument".encode("utf-16-le") + bytes(600))
    assert "Word document" in refused(doc, library)
    pdf = tmp_path / "menu.xlsx"
    pdf.write_bytes(b"%PDF-1.4\n" + bytes(100))
    assert "PDF" in refused(pdf, library)


def test_the_safety_scan_reads_deflate_itself(tmp_path: Path) -> None:
    """The inflate check follows the compressed stream, not the declared size."""
    data = zlib.compress(b"x" * 1000)
    assert zlib.decompress(data) == b"x" * 1000  # the premise of _bomb_zip(declared=…)


# --- every real-world file: read or refused, in a separate process, within 60 s --------------------

CORPUS_FILES = sorted(p for p in CORPUS.glob("*") if p.is_file() and p.suffix.lower() != ".md") \
    if CORPUS.is_dir() else []
# A new process costs ~1 s a file: every file runs in CI (slow); the everyday suite keeps an .xls
# that once asked for a huge allocation, a password-protected book, a damaged .xls and two that
# import, beside the spot checks below (test_import_equality, slow too, reads every file in-process).
EVERYDAY_CORPUS = {"calamine_OOM_alloc.xls", "calamine_pass_protected.xlsx", "xlrd_corrupted_error.xls",
                   "calamine_date.xls", "easyexcel_demo_demo.xlsx"}
CORPUS_PARAMS = [pytest.param(p, id=p.name, marks=() if p.name in EVERYDAY_CORPUS else pytest.mark.slow)
                 for p in CORPUS_FILES]

@pytest.mark.skipif(not CORPUS_FILES, reason="../shared/corpus/realworld is not there")
@pytest.mark.parametrize("path", CORPUS_PARAMS)
def test_realworld_corpus_imports_or_is_refused(path: Path, tmp_path: Path) -> None:
    """The user's command, as a new process: exit 0 (imported) or exit 2 with one line (the
    timeout only stops a hang; how fast: bench/bench_hostile.py)."""
    child = subprocess.run([sys.executable, "-m", "guestcard", "--db", str(tmp_path / "c.sqlite3"), "--create",
                            "import", str(path), "--lang", "en"], capture_output=True, text=True, timeout=60,
                           env={**os.environ, "PYTHONPATH": str(REPO / "src"), "GUESTCARD_HOME": str(tmp_path)})
    assert "Traceback" not in child.stderr
    assert child.returncode in (0, 2), f"{path.name}: exit {child.returncode}\n{child.stderr[-2000:]}"
    if child.returncode == 2:
        assert child.stderr.count("\n") == 1 and child.stderr.startswith(f"guestcard: {path}: "), child.stderr
    else:
        assert f"{path.name}: " in child.stdout and " rows" in child.stdout, child.stdout


def test_corpus_spot_checks(library: FormLibrary) -> None:
    if not CORPUS_FILES:
        pytest.skip("../shared/corpus/realworld is not there")
    assert "password-protected" in refused(CORPUS / "calamine_pass_protected.xlsx", library)
    assert "no customer header" in refused(CORPUS / "calamine_errors.xlsx", library)


def test_result_helper_rejects_strangers() -> None:
    with pytest.raises(AssertionError):
        Result([object()])


def test_empty_styled_cells_far_away_are_no_grid(xlsx: Xlsx) -> None:
    """Gnumeric styles empty cells down to XFD1048576; calamine ignores them, so do we."""
    path = xlsx([["姓名", "手机"], ["甲", "13800000001"]])
    patch_sheet_xml(path, lambda xml: xml.replace(
        "</sheetData>", '<row r="1048576"><c r="A1048576" s="0"/><c r="XFD1048576" s="0"/></row></sheetData>'))
    safety.inspect_zip(path)  # no refusal


def test_cells_without_references_in_a_far_row(xlsx: Xlsx, library: FormLibrary) -> None:
    path = xlsx([["姓名", "手机"], ["甲", "13800000001"]])
    far = '<row r="1048576">' + "<c><v>1</v></c>" * 2000 + "</row>"
    patch_sheet_xml(path, lambda xml: xml.replace("</sheetData>", far + "</sheetData>"))
    assert "refused as unsafe" in refused(path, library)


def test_a_row_of_cells_without_references(xlsx: Xlsx, library: FormLibrary) -> None:
    # Row 99,999 (five digits) and 16,384 cells placed by counting: a grid of 1.6 billion cells.
    path = xlsx([["姓名", "手机"], ["甲", "13800000001"]])
    wide = "<row>" + "<c><v>1</v></c>" * 16384 + '</row><row r="99999"><c r="A99999"><v>1</v></c></row>'
    patch_sheet_xml(path, lambda xml: xml.replace("</sheetData>", wide + "</sheetData>"))
    assert "refused as unsafe" in refused(path, library)


@pytest.mark.parametrize(
    ("target", "said"),
    [("worksheets/nothere.xml", "not in the workbook"), ("../../x.xml", "outside the workbook"),
     ("/x.xml", "not in the workbook"), ("file:///etc/passwd", "outside the workbook")],
)
def test_a_sheet_relationship_to_a_missing_part_or_outside(xlsx: Xlsx, tmp_path: Path, library: FormLibrary,
                                                            target: str, said: str) -> None:
    path = xlsx([["姓名", "手机"], ["王建国", "13812345678"]])
    patch_sheet_xml(path, lambda rels: re.sub(r'Target="[^"]*sheet1\.xml"', f'Target="{target}"', rels),
                    member="xl/_rels/workbook.xml.rels")
    message = refused(path, library)
    assert "is damaged: sheet 'Sheet1' points" in message and said in message
    child = subprocess.run([sys.executable, "-m", "guestcard", "--db", str(tmp_path / "r.sqlite3"), "--create",
                            "import", "--dry-run", str(path)], capture_output=True, text=True, timeout=120)
    assert child.returncode == 2 and child.stderr.count("\n") == 1, child.stderr
