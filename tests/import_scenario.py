"""A varied import scenario and a dump of everything it leaves in the database (issue 20).

Speed must never cost a value: ``test_import_equality.py`` runs this scenario and compares the
dump, part by part, to the one the code before the speed work produced (``tests/data/
import_golden.json``: a count and a hash per part). ``python tests/import_scenario.py OUT.json``
writes the golden file (or a full dump with ``--full``, to compare by hand).

The scenario: existing cards (some tagged), a legacy sheet larger than the database (crossing the
import's chunks; title rows, subtotals, repeated headers), a second sheet repeating guests of both
with variations (new phones, formatting, traditional characters, name and company only, name and
birthday only, tags, other phones, an extra column, values that cannot be read,
rows without a name), the same sheet again with ``overwrite``, a dry run, ``skip`` and ``new``
policies, an undo, and our own export (with visits and contacts) into an empty database.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import sys
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from sqlalchemy import text

from guestcard.domain import Contact, Customer, PartialDate, Visit
from guestcard.forms import FormLibrary
from guestcard.io import ImportRefused
from guestcard.services import customers
from guestcard.services.exporting import export_customers
from guestcard.services.importing import ImportOptions, import_file, undo_import
from guestcard.storage import CustomerFilter, Database

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CORPUS = REPO.parent / "shared" / "corpus" / "realworld"
GOLDEN = HERE / "data" / "import_golden.json"

# Columns whose value is the clock's, not the import's (and the hash of a file openpyxl stamps).
_CLOCK = {"created_at", "updated_at", "at", "imported_at", "undone_at", "marked_at", "merged_at", "file_hash"}
_TABLES = {  # table → its order
    "customers": "id",
    "search_terms": "term, customer_id",
    "customer_tags": "customer_id, tag_id",
    "tags": "id",
    "customer_changes": "id",
    "import_batches": "id",
    "import_changes": "id",
    "visits": "id",
    "contacts": "id",
}
_FTS = ("customer_name_fts", "customer_other_fts", "customer_phone_fts")
QUERIES = ("王", "张伟", "zw", "wangjian", "1380", "5678", "华润", "茅台", "海鲜", "牡丹", "VIP", "lao", "張")


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime, Decimal)):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)  # a server's JSON column: as SQLite keeps it
    return value


def dump_database(db: Database, prefix: str) -> dict[str, list[Any]]:
    """Every table an import writes, without the clock's columns; the search indexes' content."""
    parts: dict[str, list[Any]] = {}
    with db.session() as session:
        connection = session.connection()
        for table, order in _TABLES.items():
            result = connection.execute(text(f"SELECT * FROM {table} ORDER BY {order}"))
            names = list(result.keys())
            keys = [k for k in names if k not in _CLOCK]
            rows = [dict(zip(names, row, strict=True)) for row in result]
            parts[f"{prefix}{table}"] = [[_plain(row[k]) for k in keys] for row in rows]
        if db.is_sqlite:
            for index in _FTS:
                vocabulary = f"CREATE VIRTUAL TABLE temp.v_{index} USING fts5vocab(main, {index}, instance)"
                connection.execute(text(vocabulary))
                parts[f"{prefix}{index}"] = [list(r) for r in connection.execute(
                    text(f"SELECT term, doc, col, offset FROM temp.v_{index} ORDER BY term, doc, col, offset"))]
                connection.execute(text(f"DROP TABLE temp.v_{index}"))
                connection.execute(text(f"INSERT INTO {index}({index}) VALUES ('integrity-check')"))
    parts[f"{prefix}searches"] = [
        [q, [c.id for c in customers.list_customers(db, CustomerFilter(query=q), limit=50)]] for q in QUERIES
    ]
    return parts


def _report(report: Any) -> list[Any]:
    data = report.to_json()
    return [data]


def _write(path: Path, header: list[str], rows: Iterable[list[Any]], title: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "客户"
    if title:
        sheet.append([title])
        sheet.append([])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


SECOND_HEADER = ["姓名", "称呼", "手机", "其他电话", "生日", "单位", "职务", "类别", "标签", "邮箱", "备注",
                 "年消费额", "纪念日", "家庭成员", "会员卡号"]
TRADITIONAL = str.maketrans("张刘陈杨黄赵吴郭罗郑谢韩冯邓国华丽军杰涛伟", "張劉陳楊黃趙吳郭羅鄭謝韓馮鄧國華麗軍傑濤偉")


def _legacy() -> Any:
    """bench/make_legacy_xlsx.py: the legacy sheet's generator."""
    if str(REPO / "bench") not in sys.path:
        sys.path.insert(0, str(REPO / "bench"))
    import make_legacy_xlsx

    return make_legacy_xlsx


def _seed_cards(rng: random.Random) -> list[Customer]:
    legacy = _legacy()
    cards = []
    for i in range(300):
        name = rng.choice(legacy.SURNAMES) + rng.choice(legacy.GIVEN) + rng.choice(["", rng.choice(legacy.GIVEN)])
        digits = "139" + f"{rng.randrange(10**8):08d}"
        cards.append(Customer(
            name=name, phone=digits if i % 3 else None, company=rng.choice(legacy.COMPANIES) if i % 2 else None,
            birthday=PartialDate(rng.randint(1, 12), rng.randint(1, 28), rng.choice([None, 1970, 1985])),
            notes="老客户" if i % 5 == 0 else None, allergies="花生" if i % 7 == 0 else None,
            customer_class=rng.choice(["A", "B", None]), tags=("常客",) if i % 11 == 0 else (),
            fields={"other_phones": f"0571-8{i:07d}"} if i % 13 == 0 else {},
        ))
    return cards


def _second_rows(rng: random.Random, first: list[list[Any]], seeded: list[Customer]) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for i in range(2600):
        choice = rng.random()
        row: list[Any] = [None] * len(SECOND_HEADER)
        if choice < 0.35 and first:  # a guest of the legacy sheet again
            old = rng.choice(first)
            name, phone, birthday, company = old[1], old[3], old[4], old[5]
            how = rng.randrange(6)
            if how == 0:
                phone = f"+86 {phone}" if isinstance(phone, str) and phone.isdigit() else phone
            elif how == 1:
                name, phone = str(name).translate(TRADITIONAL), None
            elif how == 2:
                phone = None  # name and company only
            elif how == 3:
                phone, company = None, None  # name and birthday only
            elif how == 4:
                phone = "1" + "".join(rng.choice("0123456789") for _ in range(10))  # a new number
            row[0:7] = [name, rng.choice([None, "先生", "女士", "王总"]), phone, None, birthday, company,
                        rng.choice(["总经理", "处长", None])]
        elif choice < 0.55 and seeded:  # an existing card again
            card = rng.choice(seeded)
            row[0] = card.name
            row[2] = card.phone if rng.random() < 0.6 else None
            row[4] = card.birthday.iso() if card.birthday and card.birthday.year and rng.random() < 0.5 else None
            row[5] = card.company if rng.random() < 0.7 else rng.choice(["远航物流", None])
        else:  # someone new
            name = rng.choice("王李张刘陈") + rng.choice("建国志红玉梅晓东") + rng.choice(["", "华", "涛"])
            row[0] = name if rng.random() > 0.01 else None
            row[2] = rng.choice([f"13{rng.randrange(10**9):09d}", f"0{rng.randint(10, 99)}-{rng.randint(10**6, 10**7)}",
                                 "无", None])
            row[4] = rng.choice([dt.datetime(1980, 5, 6), "1975年13月2日", "农历三月初三", "5/6", None, 29000])
            row[5] = rng.choice(["华润置地", "新世纪传媒", None, "江城市财政局"])
        row[3] = rng.choice([None, None, "0571-87654321", "13900000000、0571-1234567"])
        row[7] = rng.choice(["VIP", "A类", "散客", "B", None, "？"])
        row[8] = rng.choice([None, None, "常客", "常客、宴请", "素食"])
        row[9] = rng.choice([None, None, f"guest{i % 97}@example.com", "不是邮箱"])
        row[10] = rng.choice([None, "喜欢安静", "带\t制表符 ", "生日送长寿面"])
        row[11] = rng.choice([None, 12800, "¥3,000.00", "1.2万", "不详"])
        row[12] = rng.choice([None, None, "2010-10-01", "10月1日"])
        row[13] = rng.choice([None, "妻子：李娜", None])
        row[14] = rng.choice([None, f"V{i:04d}"])
        rows.append(row)
    return rows


def run_scenario(db: Database, library: FormLibrary, folder: Path) -> dict[str, list[Any]]:
    make_legacy_xlsx = _legacy()
    rng = random.Random(20)
    parts: dict[str, list[Any]] = {}
    backups = folder / "backups"
    seeded = [customers.create_customer(db, card) for card in _seed_cards(rng)]
    legacy = make_legacy_xlsx.make(folder / "legacy.xlsx", 4500, seed=7)
    first = [r for r in make_legacy_xlsx.rows(4500, seed=7) if len(r) > 5 and isinstance(r[0], int)]
    parts["legacy"] = _report(import_file(db, library, legacy, ImportOptions(backup_dir=backups)))
    second = _write(folder / "second.xlsx", SECOND_HEADER, _second_rows(rng, first, seeded), title="补充名单")
    parts["dry"] = _report(import_file(db, library, second, ImportOptions(dry_run=True, backup_dir=backups)))
    parts["second"] = _report(import_file(db, library, second, ImportOptions(backup_dir=backups)))
    parts.update(dump_database(db, "after_second:"))
    overwrite = import_file(db, library, second, ImportOptions(overwrite=True, backup_dir=backups))
    parts["overwrite"] = _report(overwrite)
    small = _write(folder / "small.xlsx", SECOND_HEADER, _second_rows(random.Random(3), first, seeded)[:300])
    parts["skip"] = _report(import_file(db, library, small, ImportOptions(duplicates="skip", backup_dir=backups)))
    parts["new"] = _report(import_file(db, library, small, ImportOptions(duplicates="new", backup_dir=backups)))
    parts.update(dump_database(db, "imported:"))
    undone = undo_import(db, overwrite.batch or 0, backup_dir=backups)
    parts["undo"] = [[undone.batch, undone.removed, undone.restored, list(undone.kept)]]
    parts.update(dump_database(db, "undone:"))
    # Our own export, with visits and contacts, into an empty database.
    for card in seeded[:40]:
        assert card.id is not None
        customers.add_visit(db, Visit(customer_id=card.id, at=dt.datetime(2026, 11, 1, 18, 30), party_size=4,
                                      spend=Decimal("1280.50"), dishes="红烧肉"))
        customers.add_contact(db, Contact(customer_id=card.id, date=dt.date(2026, 11, 2), channel="微信",
                                          key_points="生日宴"))
    exported = folder / "export.xlsx"
    export_customers(db, library, exported)
    target = Database.open(folder / "restored.sqlite3")
    try:
        parts["restore"] = _report(import_file(target, library, exported, ImportOptions(backup_dir=backups)))
        parts.update(dump_database(target, "restored:"))
    finally:
        target.close()
    return parts


def run_corpus(library: FormLibrary, folder: Path) -> dict[str, list[Any]]:
    """Every shared corpus file into an empty database: what it imports and warns, or its refusal."""
    parts: dict[str, list[Any]] = {}
    files = sorted(p for p in CORPUS.glob("*") if p.is_file() and p.suffix.lower() != ".md") if CORPUS.is_dir() else []
    for number, path in enumerate(files):
        db = Database.open(folder / f"corpus{number}.sqlite3")
        try:
            try:
                parts[f"corpus:{path.name}"] = _report(import_file(db, library, path,
                                                                   ImportOptions(backup_dir=folder / "b")))
            except ImportRefused as refused:
                parts[f"corpus:{path.name}"] = [["refused", str(refused).replace(str(path), path.name)]]
                continue
            with db.session() as session:
                result = session.connection().execute(text("SELECT * FROM customers ORDER BY id"))
                names = list(result.keys())
                parts[f"corpus:{path.name}:customers"] = [
                    [_plain(v) for k, v in zip(names, row, strict=True) if k not in _CLOCK] for row in result]
        finally:
            db.close()
    return parts


def digest(parts: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """A count and a hash per part (the golden file keeps these, not the content)."""
    out = {}
    for key, rows in parts.items():
        blob = json.dumps(rows, ensure_ascii=False, default=str, sort_keys=True)
        out[key] = [len(rows), hashlib.sha256(blob.encode()).hexdigest()[:20]]
    return out


def main() -> None:
    import tempfile

    from guestcard.forms import load_library

    out = Path(sys.argv[1])
    full = "--full" in sys.argv
    server = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--db-url=")), None)
    library = load_library(REPO / "forms")
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = Database.open(server) if server else Database.open(folder / "scenario.sqlite3")
        try:
            parts = run_scenario(db, library, folder)
        finally:
            db.close()
        if not server:
            parts.update(run_corpus(library, folder))
    data = parts if full else digest(parts)
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
