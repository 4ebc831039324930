"""Render the application icon (resources/icons/guestcard.svg, the window's icon too) to the PNG
sizes the Linux icon theme wants and the Windows .ico (executable, installer, Start menu).

    /work/venv/bin/python packaging/make_icons.py

The outputs in packaging/icons/ are committed; run this again after the SVG changes. The .ico
holds PNG-compressed images (read by Windows Vista and later), written here byte by byte.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "icons"
SVG = HERE.parents[1] / "resources" / "icons" / "guestcard.svg"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def ico(images: dict[int, bytes]) -> bytes:
    """An ICONDIR with one PNG entry per size (0 in the width/height bytes means 256)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    offset = len(header) + 16 * len(images)
    entries, blobs = b"", b""
    for size, png in sorted(images.items()):
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (QImage/QPainter want an application)
    rendered = {size: render(size) for size in sorted(set(PNG_SIZES) | set(ICO_SIZES))}
    for size in PNG_SIZES:
        (HERE / f"guestcard-{size}.png").write_bytes(rendered[size])
    (HERE / "guestcard.ico").write_bytes(ico({size: rendered[size] for size in ICO_SIZES}))
    print(f"wrote {len(PNG_SIZES)} PNGs and guestcard.ico to {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
