"""Import and export speed against the bare libraries: ``python bench/bench_import.py [ROWS]``.

Prints, in one run, for a legacy-style workbook of ROWS (default 100,000) customers made by
``make_legacy_xlsx.py`` (kept in the system temp folder between runs); ``--db-url URL`` adds the
file → database figure on a PostgreSQL server (fresh schema ``bench``); ``--repeat N`` (default 3)
how many times each figure is taken (the best is kept):

- python-calamine merely reading every row of it, openpyxl read-only merely iterating it, and
  ``read_customers`` alone (safety scan, header detection, mapping, coercion, customers, issues);
- the whole ``guestcard import`` into a new SQLite file (and the server): reading, duplicate
  matching, insert, search index, audit, undo records, in one transaction;
- the same import into a SQLite database already holding as many other customers (a large file
  into a large database: the search index kept up row by row, every lookup against a full table);
- the peak memory (VmHWM) of a fresh process doing the whole import into SQLite;
- ``write_customers_xlsx`` of the imported customers against openpyxl write-only writing the same
  cells (same values, same columns, no styling).

Each figure is wall time and this process's CPU time (``time.process_time``), with the load
average beside it: the machine may be shared, and a loaded one stretches the wall clock.
Targets (issue 20): the whole import ≤ 4 x calamine's bare read and ≤ 0.25 x openpyxl's bare read,
peak ≤ 300 MB; on PostgreSQL ≤ 2 x the SQLite figure; export no slower than openpyxl's bare write.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from guestcard.domain import Customer, PartialDate  # noqa: E402
from guestcard.forms import FormLibrary, load_library  # noqa: E402
from guestcard.io import ParsedRow, read_customers, write_customers_xlsx  # noqa: E402
from guestcard.io.export import export_fields  # noqa: E402


class Figure:
    """The best wall and CPU time of a few runs (each best on its own)."""

    def __init__(self, wall: float, cpu: float) -> None:
        self.wall, self.cpu = wall, cpu

    def __truediv__(self, other: Figure) -> str:
        return f"{self.wall / other.wall:5.2f} (CPU {self.cpu / other.cpu:5.2f})"


def timed(label: str, run: Callable[[], Any], repeat: int = 1) -> tuple[Figure, Any]:
    wall = cpu = float("inf")
    result = None
    for _ in range(repeat):
        gc.collect()
        started, started_cpu = time.perf_counter(), time.process_time()
        result = run()
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"  {label:<46} {wall:8.2f} s  (CPU {cpu:6.2f} s; best of {repeat}; load {load:.1f})")
    return Figure(wall, cpu), result


def calamine_bare(path: Path) -> int:
    import python_calamine

    rows = 0
    with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
        for name in workbook.sheet_names:
            for _row in workbook.get_sheet_by_name(name).iter_rows():
                rows += 1
    return rows


def openpyxl_bare(path: Path) -> int:
    import openpyxl

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = sum(1 for ws in workbook.worksheets for _row in ws.iter_rows(values_only=True))
    workbook.close()
    return rows


def import_all(path: Path, library: FormLibrary) -> list[Customer]:
    return [item.customer for item in read_customers(path, library) if isinstance(item, ParsedRow)]


def import_streaming(path: Path, library: FormLibrary) -> int:
    """What the service does: take each row as it comes (nothing accumulates here)."""
    return sum(1 for item in read_customers(path, library) if isinstance(item, ParsedRow))


_PEAK_IMPORT = """
import sys, tempfile
from pathlib import Path
sys.path.insert(0, {src!r})
from guestcard.forms import load_library
from guestcard.services.importing import ImportOptions, import_file
from guestcard.storage import Database
library = load_library(Path({forms!r}))
with tempfile.TemporaryDirectory() as folder:
    db = Database.open(Path(folder) / "peak.sqlite3")
    import_file(db, library, Path({path!r}), ImportOptions(backup_dir=Path(folder) / "backups"))
    db.close()
status = Path("/proc/self/status")
print(next(int(line.split()[1]) for line in status.read_text().splitlines() if line.startswith("VmHWM")))
"""

_PEAK = """
import resource, sys
from pathlib import Path
sys.path.insert(0, {src!r})
from guestcard.forms import load_library
from guestcard.io import ParsedRow, read_customers
library = load_library(Path({forms!r}))
kept = []
for item in read_customers(Path({path!r}), library):
    if {keep} and isinstance(item, ParsedRow):
        kept.append(item.customer)
# VmHWM is this process's own peak; ru_maxrss would include the parent's memory at fork time.
status = Path("/proc/self/status")
if status.exists():
    print(next(int(line.split()[1]) for line in status.read_text().splitlines() if line.startswith("VmHWM")))
else:
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_rss_mb(path: Path, keep: bool | None) -> float:
    """The peak memory of a fresh process reading (``keep``: holding every customer) or, with
    ``keep=None``, doing the whole import into a new SQLite file."""
    template = _PEAK_IMPORT if keep is None else _PEAK
    code = template.format(src=str(HERE.parent / "src"), forms=str(HERE.parent / "forms"), path=str(path), keep=keep)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024  # Linux reports KiB


def same_cells(customers: list[Customer], library: FormLibrary) -> tuple[list[str], list[list[Any]]]:
    """The values the export writes, as plain Python values, for openpyxl's bare write."""
    specs = export_fields(library, None, False)
    headers = [s.label.zh for s in specs]
    rows = []
    for c in customers:
        row: list[Any] = []
        for spec in specs:
            value = c.get(spec.key)
            if isinstance(value, PartialDate):
                value = value.to_date() or value.iso()
                if isinstance(value, dt.date):
                    value = dt.datetime(value.year, value.month, value.day)
            elif isinstance(value, Decimal):
                value = float(value)
            elif isinstance(value, list):
                value = "、".join(value)
            row.append(value)
        row.extend(c.extra.values())
        rows.append(row)
    return headers, rows


def openpyxl_write(path: Path, headers: list[str], rows: list[list[Any]]) -> None:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("客户")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)


def import_into_database(path: Path, library: FormLibrary, server: str | None = None) -> Any:
    """The whole job a manager runs: file → one transaction into a fresh SQLite database (or a fresh
    schema on a server)."""
    from guestcard.services.importing import ImportOptions, import_file
    from guestcard.storage import Database

    with tempfile.TemporaryDirectory() as folder:
        if server:
            from server import fresh_schema

            db = Database.open(fresh_schema(server))
        else:
            db = Database.open(Path(folder) / "bench.sqlite3")
        try:
            return import_file(db, library, path, ImportOptions(backup_dir=Path(folder) / "backups"))
        finally:
            db.close()


def large_database(folder: Path, count: int, library: FormLibrary) -> Path:
    """A SQLite database already holding ``count`` other customers (another seed's workbook
    imported), kept in the temp folder between runs like the workbooks."""
    from guestcard.services.importing import ImportOptions, import_file
    from guestcard.storage import Database
    from make_legacy_xlsx import make

    target = folder / f"guestcard_large_{count}.sqlite3"
    if not target.exists():
        other = folder / f"guestcard_legacy_{count}_other.xlsx"
        if not other.exists():
            make(other, count, seed=2016)
        partial = target.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        db = Database.open(partial)
        import_file(db, library, other, ImportOptions(backup_dir=folder / "guestcard_bench_backups"))
        db.close()
        partial.rename(target)
    return target


def import_into_large(path: Path, library: FormLibrary, large: Path, repeat: int) -> tuple[Figure, Any]:
    """The whole import into a copy of ``large`` (the copy made before the clock starts)."""
    import shutil

    from guestcard.services.importing import ImportOptions, import_file
    from guestcard.storage import Database

    wall = cpu = float("inf")
    report = None
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as folder:
            copy = Path(folder) / "large.sqlite3"
            shutil.copyfile(large, copy)
            db = Database.open(copy)
            gc.collect()
            started, started_cpu = time.perf_counter(), time.process_time()
            report = import_file(db, library, path, ImportOptions(backup_dir=Path(folder) / "backups"))
            wall = min(wall, time.perf_counter() - started)
            cpu = min(cpu, time.process_time() - started_cpu)
            db.close()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"  {'into a SQLite database of as many customers':<46} {wall:8.2f} s  (CPU {cpu:6.2f} s; best of {repeat};"
          f" load {load:.1f})")
    return Figure(wall, cpu), report


def main() -> None:
    args = sys.argv[1:]
    server = None
    repeat = 3
    if "--db-url" in args:  # the file → database figure on a PostgreSQL server as well
        at = args.index("--db-url")
        server = args[at + 1]
        del args[at : at + 2]
    if "--repeat" in args:
        at = args.index("--repeat")
        repeat = int(args[at + 1])
        del args[at : at + 2]
    count = int(args[0]) if args else 100_000
    from make_legacy_xlsx import make

    folder = Path(tempfile.gettempdir())
    source = folder / f"guestcard_legacy_{count}.xlsx"
    if not source.exists():
        started = time.perf_counter()
        make(source, count)
        print(f"generated {source} in {time.perf_counter() - started:.0f} s")
    library = load_library(HERE.parent / "forms")
    print(f"{source.name}: {source.stat().st_size / 1e6:.1f} MB, {count:,} customers")

    print("reading")
    t_cal, rows = timed("python-calamine bare read (all rows)", lambda: calamine_bare(source), repeat=repeat)
    t_opx, _ = timed("openpyxl read-only bare iteration", lambda: openpyxl_bare(source), repeat=min(repeat, 2))
    t_read, produced = timed("read_customers alone (streamed)", lambda: import_streaming(source, library),
                             repeat=repeat)
    print(f"  rows {rows:,}, customers {produced:,}; read_customers / calamine bare = {t_read / t_cal}")

    print("guestcard import (the whole job, one transaction)")
    t_db, report = timed("into a new SQLite database", lambda: import_into_database(source, library), repeat=repeat)
    print(f"  {report.imported:,} new, {report.updated:,} updated, {report.skipped:,} skipped, "
          f"{len(report.errors):,} warnings")
    print(f"  import / calamine bare = {t_db / t_cal}   (target <= 4)")
    print(f"  import / openpyxl bare = {t_db / t_opx}   (target <= 0.25)")
    t_large, report = import_into_large(source, library, large_database(folder, count, library), repeat)
    print(f"  {report.imported:,} new, {report.updated:,} updated, {report.skipped:,} skipped; "
          f"large database / new database = {t_large / t_db}")
    peak = peak_rss_mb(source, None)
    print(f"  peak memory of the whole import (VmHWM of a fresh process): {peak:.0f} MB   (target <= 300 MB)")
    if server:
        t_pg, report = timed("into PostgreSQL (fresh schema)", lambda: import_into_database(source, library, server),
                             repeat=repeat)
        print(f"  {report.imported:,} new; PostgreSQL / SQLite = {t_pg / t_db}   (target <= 2)")

    print("export")
    customers = import_all(source, library)
    out = folder / "guestcard_export_bench.xlsx"
    bare = folder / "guestcard_export_bare.xlsx"
    headers, cells = same_cells(customers, library)
    t_bare, _ = timed("openpyxl write-only, same cells", lambda: openpyxl_write(bare, headers, cells))
    t_exp, written = timed("write_customers_xlsx", lambda: write_customers_xlsx(out, customers, library),
                           repeat=min(repeat, 2))
    print(f"  {written:,} customers, {out.stat().st_size / 1e6:.1f} MB (bare: {bare.stat().st_size / 1e6:.1f} MB)")
    print(f"  export / openpyxl bare write = {t_exp / t_bare}   (target <= 1.0)")
    out.unlink()
    bare.unlink()


if __name__ == "__main__":
    main()
