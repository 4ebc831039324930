"""Phone contacts: vCard files (.vcf, versions 2.1, 3.0 and 4.0) in and out, through vobject.

In: the cards of a file become one sheet whose header row names guestcard's columns (姓名, 手机,
其他电话, 邮箱, 单位, 职务, 地址, 生日, 备注, and each ``X-`` property under its own name, kept as an
extra field), so a vCard import goes through the same mapping, duplicate matching, dry run and
undo as a spreadsheet. Quoted-printable and UTF-8 names, several cards in one file, a birthday
without a year (``--0302``) are read. A PHOTO (base64 in 3.0's ``ENCODING=b`` and 2.1's
``ENCODING=BASE64``, or 4.0's ``data:`` URI) comes with its row (``ParsedRow.photo``) when it is a
JPEG or PNG the card may keep (``domain.photos``); any other photo — a link, unreadable data,
another kind of picture, too large — is a warning naming the vCard by its number in the file
(never the guest), and the card is imported without it. A file that is not a readable vCard is
refused in one line.

Out: ``write_vcards`` — one card per customer, the honorific in the name (``王建国（王总）``) so
the manager's phone shows who is calling, company, title, phones, email, birthday, a note with
the favourite dishes and what they must not eat, and the photo when the card has one.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import vobject
from vobject import base, vcard

from guestcard.domain.model import Customer
from guestcard.domain.photos import MAX_PHOTO_BYTES, NOT_A_PICTURE, photo_media_type, photo_problem
from guestcard.io.book import Book, RawSheet
from guestcard.io.results import ImportRefused, RowIssue

MAX_BYTES = 64 * 1024 * 1024  # a phone's whole address book is a few MB
SHEET = "vCards"
COLUMNS = ("姓名", "称呼", "手机", "其他电话", "邮箱", "单位", "职务", "地址", "生日",
           "喜好菜品", "酒水", "忌口", "备注")
# The labelled parts of the note guestcard writes, read back into their columns.
NOTE_PARTS = {"喜好菜品": "喜好菜品", "酒水": "酒水", "忌口": "忌口"}
_SHOWN_NAME = re.compile(r"^(?P<name>.+?)（(?P<honorific>[^（）]+)）$")


def looks_like_vcard(head: bytes) -> bool:
    """The first bytes of a file start a vCard (after a BOM and blank lines)."""
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text[:11].upper() == b"BEGIN:VCARD"


def open_vcards(path: Path) -> Book:
    """The vCards of ``path`` as one sheet (see the module doc); ``ImportRefused`` in one line."""
    _read_photos_leniently()
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportRefused(path, f"the file is too large for a vCard file ({size // (1024 * 1024)} MB)")
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(path, f"cannot be read ({exc.strerror or exc})") from None
    if b"\x00" in raw:
        raise ImportRefused(path, "is not a vCard file (it holds binary data)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("gb18030", errors="replace")
    cards: list[dict[str, Any]] = []
    extras: dict[str, None] = {}
    photos: dict[int, bytes] = {}
    warnings: dict[int, list[RowIssue]] = {}
    try:
        for number, component in enumerate(vobject.readComponents(text, ignoreUnreadable=True), start=1):
            if component.name.upper() != "VCARD":
                continue
            card = _card(component)
            card["_number"] = number
            cards.append(card)
            photo, issue = _photo(component, number)
            if photo is not None:
                photos[number + 1] = photo
            if issue is not None:
                warnings[number + 1] = [issue]
            extras.update(dict.fromkeys(k for k in card if k.startswith("X-")))
    except Exception as exc:  # vobject raises its own ParseError and plain ValueErrors alike
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        raise ImportRefused(path, f"is not a readable vCard file ({reason})") from None
    if not cards:
        raise ImportRefused(path, "holds no vCard (BEGIN:VCARD … END:VCARD)")
    header = [*COLUMNS, *extras]

    def rows() -> Iterator[tuple[int, list[Any]]]:
        yield 1, list(header)
        for card in cards:
            yield card["_number"] + 1, [card.get(column, "") for column in header]

    sheet = RawSheet(SHEET, rows, height=len(cards) + 1, photos=photos, row_warnings=warnings)
    return Book(path, "vcard", "vobject", [SHEET], lambda _name: sheet)


_LENIENT = False


def _read_photos_leniently() -> None:
    """vobject decodes a PHOTO's base64 as it reads the card and, on bad data, gives up on the
    whole file: a behaviour of our own (registered first, once) leaves a photo it cannot decode,
    or one too large to keep (not decoded at all), as a mark for ``_photo`` to warn about."""
    global _LENIENT
    if _LENIENT:
        return

    class LenientPhoto(vcard.Photo):  # type: ignore[misc]
        @classmethod
        def decode(cls, line: Any) -> None:
            if line.encoded and isinstance(line.value, str) and line.value[:5].lower() == "data:":
                line.encoded = False  # 4.0's data: URI, taken whole (a text value would split at its comma)
                return
            if line.encoded and len(line.value) // 4 * 3 > MAX_PHOTO_BYTES + 3:
                line.value, line.encoded = _TOO_LARGE + str(len(line.value) // 4 * 3), False
                return
            try:
                super().decode(line)
            except (binascii.Error, ValueError, TypeError):
                line.value, line.encoded = _UNREADABLE, False

    base.registerBehavior(LenientPhoto, "PHOTO", default=True)
    _LENIENT = True


_TOO_LARGE = "\x00too-large:"  # marks no vCard value can hold (NUL is refused in a file)
_UNREADABLE = "\x00unreadable"


def _photo(component: Any, number: int) -> tuple[bytes | None, RowIssue | None]:
    """The card's first photo, or why it is not imported (a warning naming the vCard by number)."""
    values = [v for v in _values(component, "photo") if v]
    if not values:
        return None, None
    value = values[0]

    def warning(code: str, reason: str, *args: str) -> tuple[None, RowIssue]:
        return None, RowIssue(SHEET, number + 1, "PHOTO", "warning",
                              f"vCard {number}: the photo is not imported: {reason}", code=code,
                              args=(str(number), *args))

    if isinstance(value, str):
        if value.startswith(_TOO_LARGE):
            size = int(value[len(_TOO_LARGE):])
            return warning("vcard_photo_too_large", f"{size // 1024} KB is too large (at most "
                           f"{MAX_PHOTO_BYTES // (1024 * 1024)} MB)", str(size // 1024))
        if value == _UNREADABLE:
            return warning("vcard_photo_unreadable", "its data cannot be read")
        if value[:5].lower() != "data:" or "," not in value:
            return warning("vcard_photo_link", "it is a link, not a picture in the file")
        head, _comma, data = value.partition(",")
        try:
            if head.lower().endswith(";base64"):
                if len(data) // 4 * 3 > MAX_PHOTO_BYTES + 3:
                    return warning("vcard_photo_too_large", f"{len(data) // 4 * 3 // 1024} KB is too large "
                                   f"(at most {MAX_PHOTO_BYTES // (1024 * 1024)} MB)", str(len(data) // 4 * 3 // 1024))
                value = base64.b64decode(re.sub(r"\s+", "", data), validate=True)
            else:
                value = urllib.parse.unquote_to_bytes(data)
        except (binascii.Error, ValueError):
            return warning("vcard_photo_unreadable", "its data cannot be read")
    problem = photo_problem(bytes(value))
    if problem == NOT_A_PICTURE:
        return warning("vcard_photo_not_a_picture", "it is not a JPEG or PNG picture")
    if problem is not None:
        return warning("vcard_photo_too_large", problem, str(len(value) // 1024))
    return bytes(value), None


def _values(component: Any, key: str) -> list[Any]:
    return [line.value for line in component.contents.get(key, [])]


def _text(value: Any) -> str:
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value if v)
    return str(value or "").strip()


def _card(component: Any) -> dict[str, Any]:
    card: dict[str, Any] = {}
    name = _text(next(iter(_values(component, "fn")), ""))
    if not name:
        for value in _values(component, "n"):
            family, given = _text(getattr(value, "family", "")), _text(getattr(value, "given", ""))
            joined = family + given
            name = joined if joined and not joined.isascii() else f"{given} {family}".strip()
    shown = _SHOWN_NAME.match(name)
    if shown:  # 王建国（王总）, as guestcard writes it
        name, card["称呼"] = shown.group("name"), shown.group("honorific")
    card["姓名"] = name
    phones = [re.sub(r"^tel:", "", _text(v), flags=re.IGNORECASE) for v in _values(component, "tel")]
    phones = [p for p in phones if p]
    if phones:
        card["手机"] = phones[0]
        if phones[1:]:
            card["其他电话"] = "、".join(phones[1:])
    emails = [_text(v) for v in _values(component, "email") if _text(v)]
    if emails:
        card["邮箱"] = emails[0]
    for value in _values(component, "org")[:1]:
        parts = [p for p in (value if isinstance(value, list) else [value]) if p]
        card["单位"] = " ".join(str(p) for p in parts)
    titles = [_text(v) for v in _values(component, "title") if _text(v)]
    if titles:
        card["职务"] = "\n".join(titles)
    rest = []
    for note in (_text(v) for v in _values(component, "note")):
        for part in re.split(r"[；\n]", note):
            label, colon, value = part.partition("：")
            if colon and label in NOTE_PARTS:
                card[NOTE_PARTS[label]] = value.strip()
            elif colon and label == "生日":  # a lunar birthday, which BDAY cannot hold
                card.setdefault("生日", value.strip())
            elif part.strip():
                rest.append(part.strip())
    if rest:
        card["备注"] = "；".join(rest)
    for value in _values(component, "adr")[:1]:
        parts = [getattr(value, part, "") for part in ("country", "region", "city", "street", "code")]
        card["地址"] = " ".join(_text(p) for p in parts if _text(p))
    for value in _values(component, "bday")[:1]:
        card["生日"] = _birthday(_text(value))
    for key, lines in component.contents.items():
        if key.upper().startswith("X-"):
            card[key.upper()] = "、".join(_text(line.value) for line in lines if _text(line.value))
    return card


def _birthday(text: str) -> str:
    """vCard birthdays in the forms guestcard reads: ``--0302`` → ``--03-02``, ``19800615`` →
    ``1980-06-15``; a time part dropped."""
    text = text.split("T", 1)[0].strip()
    if re.fullmatch(r"--\d{4}", text):
        return f"--{text[2:4]}-{text[4:]}"
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text


PhotoOf = Callable[[int], bytes | None]


def write_vcards(customers: Iterable[Customer], path: Path, photo_of: PhotoOf = lambda _id: None) -> int:
    """One vCard 3.0 per customer into ``path`` (written to a temporary file, then renamed);
    ``photo_of(customer id)`` gives the card's photo, if any."""
    count = 0
    temporary = path.with_name(f".{path.name}.partial")
    try:
        with open(temporary, "w", encoding="utf-8", newline="") as handle:
            for customer in customers:
                card = _vcard(vobject, customer)
                photo = photo_of(customer.id) if customer.id is not None else None
                media_type = photo_media_type(photo) if photo else None
                if photo and media_type:
                    line = card.add("photo")
                    line.value = photo
                    line.encoding_param = "b"
                    line.type_param = "JPEG" if media_type == "image/jpeg" else "PNG"
                handle.write(card.serialize())
                count += 1
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return count


def _vcard(vobject: Any, customer: Customer) -> Any:
    card = vobject.vCard()
    shown = customer.name + (f"（{customer.honorific}）" if customer.honorific else "")
    card.add("fn").value = shown
    if customer.name.isascii() and " " in customer.name:
        given, family = customer.name.rsplit(" ", 1)
    else:
        family, given = (customer.name[:1], customer.name[1:]) if customer.name else ("", "")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    if customer.phone:
        tel = card.add("tel")
        tel.value = customer.phone
        tel.type_param = "CELL"
    for other in re.split(r"[、,，;；\s]+", str(customer.get("other_phones") or "")):
        if other:
            card.add("tel").value = other
    if customer.email:
        card.add("email").value = customer.email
    if customer.company:
        card.add("org").value = [customer.company]
    if customer.position:
        card.add("title").value = customer.position
    birthday = customer.birthday
    if birthday is not None and not birthday.lunar and birthday.month and birthday.day:
        year = f"{birthday.year:04d}-" if birthday.year else "--"
        card.add("bday").value = f"{year}{birthday.month:02d}-{birthday.day:02d}"
    note = []
    if customer.favorite_dishes:
        note.append(f"喜好菜品：{customer.favorite_dishes}")
    if customer.favorite_drinks:
        note.append(f"酒水：{customer.favorite_drinks}")
    if customer.allergies:
        note.append(f"忌口：{customer.allergies}")
    if birthday is not None and birthday.lunar:
        note.append(f"生日：{birthday.words()}")
    if note:
        card.add("note").value = "；".join(note)
    return card
