"""CSV and text files → one sheet of rows: the encoding detected (UTF-8 with or without BOM, UTF-16
with BOM, else charset-normalizer: GB18030 which covers GBK/GB2312, Big5…), then the delimiter
(comma, tab, semicolon), then the csv module. ``readers.open_book`` calls ``open_text`` for a file
``safety`` sniffed as text that is no vCard.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from guestcard.domain.messages import Code, Message
from guestcard.io.book import Book, RawSheet, Row
from guestcard.io.results import ImportRefused

CSV_FIELD_LIMIT = 16 * 1024 * 1024  # characters in one CSV field
_DELIMITERS = (",", "\t", ";")


def decode_text(path: Path, data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in; ``ImportRefused`` when it is not text."""
    text, encoding, _note = decode_text_noting(path, data)
    return text, encoding


# charset-normalizer's names → the codec that reads the most of that family.
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "gb18030": "gb18030", "big5": "cp950", "cp950": "cp950",
          "big5hkscs": "big5hkscs", "utf_16_le": "utf-16-le", "utf_16_be": "utf-16-be", "utf_16": "utf-16",
          "utf_8": "utf-8", "ascii": "utf-8"}
_SURE_CHAOS = 0.05  # charset-normalizer's "mess" of its best guess; above this the guess is said to be weak


def decode_text_noting(path: Path, data: bytes) -> tuple[str, str, Message | None]:
    """``decode_text`` and a note for the user when the encoding is only a weak guess (it names
    the encoding used). UTF-8 (with or without BOM) and UTF-16 with BOM are certain; anything
    else is detected by charset-normalizer (Big5, GBK/GB18030, UTF-16 without BOM…)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _decoded(path, data, "utf-8-sig"), "utf-8-sig", None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(path, data, "utf-16"), "utf-16", None
    sample = data[:65536]
    nuls = sample.count(0)
    try:
        if nuls <= max(8, len(sample) // 1000):
            return _decoded(path, data, "utf-8"), "utf-8", None
    except ImportRefused:
        pass
    import charset_normalizer

    best = charset_normalizer.from_bytes(data[: 2 * 1024 * 1024]).best()
    encoding = _WIDER.get(best.encoding) if best is not None else None
    if encoding is None or (nuls > max(8, len(sample) // 1000) and not encoding.startswith("utf-16")):
        if nuls > max(8, len(sample) // 1000):
            raise ImportRefused.of(path, Code.BINARY_NOT_CSV)
        encoding = "gb18030"  # the old default of Chinese Windows: said below as a guess
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        best = None
    _check_controls(path, text)
    note = None
    if best is None or best.chaos > _SURE_CHAOS:
        label = {"gb18030": "GBK/GB18030", "cp950": "Big5"}.get(encoding, encoding)
        note = Message(Code.ENCODING_UNCERTAIN, (label,))
    return text, encoding, note


def _decoded(path: Path, data: bytes, encoding: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise ImportRefused.of(path, Code.NOT_READABLE_TEXT, encoding) from None
    _check_controls(path, text)
    return text


def _check_controls(path: Path, text: str) -> None:
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\t\r\n\x0c\x00")
    if controls > 8:
        raise ImportRefused(path, "is not readable text (neither UTF-8 nor GBK/GB18030 nor Big5); not a CSV")


def sniff_delimiter(text: str) -> str:
    """Comma, tab or semicolon: the one splitting the first lines into the most consistent columns."""
    lines = [line for line in text.splitlines()[:50] if line.strip()][:30]
    best, best_score = ",", -1.0
    for delimiter in _DELIMITERS:
        try:
            counts = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        if not counts:
            continue
        common = max(set(counts), key=counts.count)
        if common < 2:
            continue
        score = counts.count(common) / len(counts) * 10 + min(common, 50) / 50
        if score > best_score:
            best, best_score = delimiter, score
    return best


def open_text(path: Path) -> Book:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(path, f"cannot be read ({exc.strerror or exc})") from None
    text, encoding, note = decode_text_noting(path, data)
    del data
    delimiter = sniff_delimiter(text)
    name = path.stem

    def load(_name: str) -> RawSheet:
        def rows() -> Iterator[tuple[int, Row]]:
            # The csv module refuses fields over 128 KiB; a note pasted into a cell can be longer.
            # (The limit is process-wide; the text is in memory already, its size bounded.)
            csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            try:
                yield from enumerate(reader, start=1)
            except csv.Error as exc:
                raise ImportRefused(path, f"is not a well-formed CSV ({exc})") from None

        return RawSheet(name, rows, height=text.count("\n") + 1)

    return Book(path, "csv", "csv", [name], load, encoding=encoding, delimiter=delimiter, has_nul="\x00" in text,
                encoding_note=note)


