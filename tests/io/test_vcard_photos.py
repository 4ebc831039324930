"""A vCard's PHOTO (issue 17): imported by the import's rules, undone with it, exported back."""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest

from guestcard.domain import Customer
from guestcard.forms import FormLibrary
from guestcard.services import customers
from guestcard.services.exporting import export_vcards
from guestcard.services.importing import ImportOptions, ImportReport, import_file, undo_import
from guestcard.storage import Database


def png(width: int = 2, height: int = 2, rgb: tuple[int, int, int] = (192, 57, 43)) -> bytes:
    """A real PNG, written by hand (signature, IHDR, one zlib IDAT, IEND)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


# A real 2×2 baseline JPEG (633 bytes; written once by an image library, kept as text).
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEAZABkAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSop"
    "GR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgo"
    "KCj/wAARCAACAAIDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQID"
    "AAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlq"
    "c3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3"
    "+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEI"
    "FEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImK"
    "kpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDl"
    "KKKK+dP08//Z")


def folded(text: str, width: int = 74) -> str:
    """A long base64 value folded as phones write it (continuation lines start with a space)."""
    return "\r\n ".join(text[i:i + width] for i in range(0, len(text), width))


def card(version: str, name: str, phone: str, photo_line: str | None) -> str:
    lines = ["BEGIN:VCARD", f"VERSION:{version}", f"FN:{name}", f"TEL;TYPE=CELL:{phone}"]
    if photo_line is not None:
        lines.append(photo_line)
    return "\r\n".join([*lines, "END:VCARD"]) + "\r\n"


def b64(image: bytes) -> str:
    return folded(base64.b64encode(image).decode())


def write(tmp_path: Path, *cards: str, name: str = "contacts.vcf") -> Path:
    path = tmp_path / name
    path.write_text("".join(cards), encoding="utf-8")
    return path


def photo_by_name(db: Database) -> dict[str, bytes | None]:
    return {c.name: customers.get_photo(db, c.id) for c in customers.list_customers(db) if c.id is not None}


def warnings(report: ImportReport) -> list[str]:
    return [issue.message for issue in report.errors if issue.level == "warning"]


def test_photos_of_the_three_versions_are_imported(db: Database, tmp_path: Path, library: FormLibrary) -> None:
    path = write(
        tmp_path,
        card("2.1", "王建国", "13812345678", f"PHOTO;ENCODING=BASE64;TYPE=JPEG:{b64(JPEG)}\r\n"),
        card("3.0", "李娜", "13900001111", f"PHOTO;ENCODING=b;TYPE=PNG:{b64(png())}"),
        card("4.0", "Anna Smith", "+14155550199", "PHOTO:data:image/png;base64," + b64(png(3, 1, (0, 0, 255)))),
        card("3.0", "欧阳明", "13700002222", None),
    )
    report = import_file(db, library, path)
    assert (report.imported, warnings(report)) == (4, [])
    assert photo_by_name(db) == {"王建国": JPEG, "李娜": png(), "Anna Smith": png(3, 1, (0, 0, 255)), "欧阳明": None}


def test_a_photo_round_trips_through_an_exported_vcf(db: Database, tmp_path: Path, library: FormLibrary) -> None:
    for name, phone, photo in (("王建国", "13812345678", JPEG), ("李娜", "13900001111", png()), ("欧阳明", "", None)):
        created = customers.create_customer(db, Customer(name=name, phone=phone or None))
        if photo is not None:
            customers.set_photo(db, created.id, photo)
    out = tmp_path / "guests.vcf"
    assert export_vcards(db, out) == 3
    text = out.read_text(encoding="utf-8")
    assert text.count("PHOTO;ENCODING=b;TYPE=JPEG:") == 1 and text.count("PHOTO;ENCODING=b;TYPE=PNG:") == 1
    target = Database.open(tmp_path / "phone.sqlite3")
    try:
        report = import_file(target, library, out)
        assert (report.imported, warnings(report)) == (3, [])
        assert photo_by_name(target) == {"王建国": JPEG, "李娜": png(), "欧阳明": None}
    finally:
        target.close()


@pytest.mark.parametrize(("photo_line", "reason"), [
    ("PHOTO;ENCODING=b;TYPE=JPEG:" + b64(b"\x00garbage, not a picture" * 40), "not a JPEG or PNG picture"),
    ("PHOTO;ENCODING=b;TYPE=PNG:!!!*** not base64 ***", "its data cannot be read"),
    ("PHOTO;VALUE=uri:https://example.com/face.jpg", "is a link"),
    ("PHOTO:data:image/png;base64,%%%%", "its data cannot be read"),
    ("PHOTO;ENCODING=b;TYPE=GIF:" + b64(b"GIF89a" + bytes(50)), "not a JPEG or PNG picture"),
])
def test_a_photo_that_cannot_be_kept_is_a_warning_naming_the_vcard(
    db: Database, tmp_path: Path, library: FormLibrary, photo_line: str, reason: str
) -> None:
    path = write(tmp_path, card("3.0", "王建国", "13812345678", None), card("3.0", "李娜", "13900001111", photo_line))
    report = import_file(db, library, path)
    assert report.imported == 2
    [message] = warnings(report)
    assert message.startswith("vCard 2: the photo is not imported") and reason in message
    assert "李娜" not in message  # the card is named by its number, never by the guest
    [issue] = [i for i in report.errors if i.level == "warning"]
    assert (issue.row, issue.column, issue.code is not None) == (3, "PHOTO", True)
    assert photo_by_name(db) == {"王建国": None, "李娜": None}


def test_a_huge_photo_is_a_warning_and_is_not_decoded(db: Database, tmp_path: Path, library: FormLibrary) -> None:
    huge = png() + bytes(6 * 1024 * 1024)  # a PNG of 6 MB: over the card's 5 MB
    path = write(tmp_path, card("3.0", "李娜", "13900001111", f"PHOTO;ENCODING=b;TYPE=PNG:{b64(huge)}"),
                 card("4.0", "王建国", "13812345678", "PHOTO:data:image/png;base64," + b64(huge)))
    report = import_file(db, library, path)
    assert report.imported == 2
    messages = warnings(report)
    assert len(messages) == 2 and all("too large (at most 5 MB)" in m for m in messages)
    assert messages[0].startswith("vCard 1:") and messages[1].startswith("vCard 2:")
    assert photo_by_name(db) == {"李娜": None, "王建国": None}


def test_an_update_fills_a_missing_photo_and_keeps_one_unless_overwrite(
    db: Database, tmp_path: Path, library: FormLibrary
) -> None:
    with_photo = customers.create_customer(db, Customer(name="王建国", phone="13812345678"))
    customers.set_photo(db, with_photo.id, JPEG)
    without = customers.create_customer(db, Customer(name="李娜", phone="13900001111"))
    path = write(tmp_path, card("3.0", "王建国", "13812345678", f"PHOTO;ENCODING=b;TYPE=PNG:{b64(png())}"),
                 card("3.0", "李娜", "13900001111", f"PHOTO;ENCODING=b;TYPE=PNG:{b64(png(1, 1))}"))

    trial = import_file(db, library, path, ImportOptions(dry_run=True))
    photo_changes = {(c.customer_id, c.action, c.old, c.new) for c in trial.changes if c.field == "photo"}
    assert photo_changes == {(with_photo.id, "keep", "JPEG, 1 KB", "PNG, 1 KB"),
                             (without.id, "fill", None, "PNG, 1 KB")}
    assert photo_by_name(db) == {"王建国": JPEG, "李娜": None}  # a trial run writes nothing

    report = import_file(db, library, path)
    assert (report.updated, report.skipped) == (1, 1)  # 王建国's row changes nothing: his photo is kept
    assert photo_by_name(db) == {"王建国": JPEG, "李娜": png(1, 1)}

    replaced = import_file(db, library, path, ImportOptions(overwrite=True))
    assert [(c.customer_id, c.action) for c in replaced.changes if c.field == "photo"] == [(with_photo.id, "replace")]
    assert photo_by_name(db) == {"王建国": png(), "李娜": png(1, 1)}

    undo_import(db, replaced.batch, backup_dir=tmp_path / "backups")
    assert photo_by_name(db) == {"王建国": JPEG, "李娜": png(1, 1)}  # the photo it replaced is back
    undo_import(db, report.batch, backup_dir=tmp_path / "backups")
    assert photo_by_name(db) == {"王建国": JPEG, "李娜": None}  # the photo it filled in is gone


def test_undo_removes_the_cards_it_created_with_their_photos(db: Database, tmp_path: Path,
                                                           library: FormLibrary) -> None:
    path = write(tmp_path, card("3.0", "王建国", "13812345678", f"PHOTO;ENCODING=b;TYPE=PNG:{b64(png())}"),
                 card("3.0", "李娜", "13900001111", f"PHOTO;ENCODING=b;TYPE=JPEG:{b64(JPEG)}"))
    report = import_file(db, library, path)
    li = next(c for c in customers.list_customers(db) if c.name == "李娜")
    customers.set_photo(db, li.id, png(4, 4))  # the manager took a new photo of 李娜 since
    undone = undo_import(db, report.batch, backup_dir=tmp_path / "backups")
    assert (undone.removed, undone.kept) == (1, (li.id,))
    assert photo_by_name(db) == {"李娜": png(4, 4)}


def test_a_repeated_card_in_one_file_gives_its_photo_once(db: Database, tmp_path: Path,
                                                        library: FormLibrary) -> None:
    path = write(tmp_path, card("3.0", "王建国", "13812345678", None),
                 card("3.0", "王建国", "13812345678", f"PHOTO;ENCODING=b;TYPE=PNG:{b64(png())}"),
                 card("3.0", "王建国", "13812345678", f"PHOTO;ENCODING=b;TYPE=JPEG:{b64(JPEG)}"))
    report = import_file(db, library, path)
    assert report.imported == 1
    assert photo_by_name(db) == {"王建国": png()}  # the first photo; the later one kept out, as a field is
