"""How fast hostile and real-world files are refused or read: ``python bench/bench_hostile.py``.

The tests (tests/io/test_io_hostile.py) say *that* a file is refused in one line; this says how
long it takes, against the bare library doing the least of the same work in the same run:

- a zip bomb (600 MiB of blanks in a 0.6 MiB file; and one lying about its size) and a sparse
  sheet naming cell XFD1048576: guestcard's refusal against ``zipfile`` merely listing the
  archive (the floor: any refusal must at least read the central directory);
- every file of ``../shared/corpus/realworld`` (when it is there): ``read_customers`` (read or
  refused) against python-calamine merely reading the workbook's rows (xlsx/xls/ods).
"""

from __future__ import annotations

import struct
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))

from guestcard.forms import load_library  # noqa: E402
from guestcard.io import ImportRefused, read_customers  # noqa: E402
from guestcard.paths import shipped_dir  # noqa: E402

MiB = 1024 * 1024
CORPUS = HERE.parent.parent / "shared" / "corpus" / "realworld"


def best_of(run: Callable[[], Any], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - started)
    return best


def bomb(path: Path, inflated: int, *, declared: int | None = None) -> Path:
    body = b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    body += b"<sheetData/>" + b" " * inflated + b"</worksheet>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
                                            "</workbook>")
        archive.writestr("xl/worksheets/sheet1.xml", body)
    if declared is not None:
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
    return path


def sparse(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "手机"])
    sheet.append(["甲", "13800000001"])
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = xml.replace(
        "</sheetData>", '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
        "</sheetData>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def read_or_refuse(path: Path, library: Any) -> str:
    try:
        for _ in read_customers(path, library):
            pass
    except ImportRefused:
        return "refused"
    return "read"


def calamine_rows(path: Path) -> int:
    import python_calamine

    rows = 0
    try:
        with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
            for name in workbook.sheet_names:
                for _row in workbook.get_sheet_by_name(name).iter_rows():
                    rows += 1
    except BaseException:  # the bare library may fail (or panic: a BaseException) where guestcard refuses
        return -1
    return rows


def main() -> None:
    library = load_library(shipped_dir("forms"))
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        files = {
            "zip bomb (600 MiB inflated)": bomb(base / "bomb.xlsx", 600 * MiB),
            "zip bomb lying about its size": bomb(base / "liar.xlsx", 40 * MiB, declared=1000),
            "sparse sheet (XFD1048576)": sparse(base / "sparse.xlsx"),
        }
        print(f"{'hostile file':<34} {'guestcard':>10} {'zipfile list':>13} {'ratio':>8}")
        for label, path in files.items():
            ours = best_of(lambda p=path: read_or_refuse(p, library))
            floor = best_of(lambda p=path: zipfile.ZipFile(p).infolist())
            print(f"{label:<34} {ours * 1000:8.1f} ms {floor * 1000:10.2f} ms {ours / floor:7.0f}x")
    if not CORPUS.is_dir():
        print(f"\n{CORPUS} is not there: corpus figures skipped")
        return
    print(f"\n{'real-world file':<44} {'guestcard':>10} {'calamine':>10}  outcome")
    total_ours = total_bare = 0.0
    for path in sorted(p for p in CORPUS.iterdir() if p.is_file() and p.suffix.lower() != ".md"):
        outcome: list[str] = []
        ours = best_of(lambda p=path, seen=outcome: seen.append(read_or_refuse(p, library)), repeat=1)
        bare = best_of(lambda p=path: calamine_rows(p), repeat=1) if path.suffix.lower() in (
            ".xlsx", ".xlsm", ".xls", ".ods") else float("nan")
        total_ours += ours
        total_bare += 0 if bare != bare else bare
        print(f"{path.name[:44]:<44} {ours * 1000:8.1f} ms {bare * 1000:8.1f} ms  {outcome[-1]}")
    print(f"{'all':<44} {total_ours:8.2f} s  {total_bare:8.2f} s")


if __name__ == "__main__":
    main()
