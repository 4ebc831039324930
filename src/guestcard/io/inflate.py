"""Inflating one member of a ZIP (an .xlsx/.ods part) ourselves, in ``CHUNK`` steps under hard caps.

A member's declared size can lie: calamine inflates the whole compressed stream whatever was
declared, so ``inflate`` does the same and refuses (``ImportRefused``) past the member's declared
size, ``MAX_MEMBER_INFLATED`` or the caller's budget. ``check_declared`` refuses what the central
directory already says is too large or compressed too well. Used by ``safety`` (the inspection
before any reader) and ``xlsx_cells`` (the date cells' second look at a sheet part); its own file
so neither imports the other for it.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from guestcard.io.results import ImportRefused

MiB = 1 << 20
MAX_MEMBER_INFLATED = 400 * MiB
MAX_TOTAL_INFLATED = 800 * MiB
BOMB_RATIO = 200  # inflated / compressed, for members above BOMB_MIN_SIZE
BOMB_MIN_SIZE = 16 * MiB
CHUNK = MiB


def check_declared(path: Path, info: zipfile.ZipInfo) -> None:
    if info.file_size > MAX_MEMBER_INFLATED:
        raise ImportRefused(path, f"part {info.filename} would inflate to {info.file_size / MiB:.0f} MB: "
                                  "refused as a possible zip bomb")
    if info.file_size > BOMB_MIN_SIZE and info.file_size > BOMB_RATIO * max(info.compress_size, 1):
        ratio = info.file_size // max(info.compress_size, 1)
        raise ImportRefused(path, f"part {info.filename} is compressed {ratio}:1: refused as a possible zip bomb")


def inflate(path: Path, raw: BinaryIO, info: zipfile.ZipInfo, sink: Callable[[bytes], None],
             budget: int) -> int:
    """Inflate the member's whole compressed stream, as calamine would, with hard caps."""
    raw.seek(info.header_offset)
    header = raw.read(30)
    if len(header) != 30 or header[:4] != b"PK\x03\x04":
        raise ImportRefused(path, f"is a damaged xlsx/ZIP file (bad header of {info.filename})")
    name_len, extra_len = struct.unpack_from("<HH", header, 26)
    raw.seek(info.header_offset + 30 + name_len + extra_len)
    left = info.compress_size
    limit = min(MAX_MEMBER_INFLATED, budget, max(info.file_size, 0) + CHUNK)
    out = 0

    def emit(data: bytes) -> None:
        nonlocal out
        out += len(data)
        if out > limit:
            raise ImportRefused(path, f"part {info.filename} inflates beyond {limit / MiB:.0f} MB "
                                      f"(declared {info.file_size / MiB:.1f} MB): refused as a possible zip bomb")
        sink(data)

    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ImportRefused(path, f"part {info.filename} uses an unsupported compression ({info.compress_type})")
    for piece in _pieces(raw, info.compress_type, left):
        emit(piece)
    return out


def _pieces(raw: BinaryIO, method: int, left: int) -> Iterator[bytes]:
    """The inflated bytes of a member's whole compressed stream, at most ``CHUNK`` at a time."""
    if method == zipfile.ZIP_STORED:
        while left > 0:
            data = raw.read(min(CHUNK, left))
            if not data:
                return
            left -= len(data)
            yield data
        return
    inflater = zlib.decompressobj(-15)
    while left > 0 and not inflater.eof:
        data = raw.read(min(256 * 1024, left))
        if not data:
            break
        left -= len(data)
        while data and not inflater.eof:
            piece = inflater.decompress(data, CHUNK)
            data = inflater.unconsumed_tail
            if piece:
                yield piece
    while not inflater.eof:
        piece = inflater.decompress(b"", CHUNK)
        if not piece:
            break
        yield piece
