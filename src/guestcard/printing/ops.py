"""The drawing operations a card page is made of (small tuples in PDF points, origin at the card's
lower-left corner) and the grays they are drawn in; ``render`` draws them."""

from __future__ import annotations

from typing import Any

MM = 72.0 / 25.4

# Drawing operations, PDF coordinates of the card page (points, origin lower left).
TEXT = 0  # (TEXT, x, y, text, size, gray, bold)
LINE = 1  # (LINE, x1, y1, x2, y2, width, gray, dotted)
RECT = 2  # (RECT, x, y, w, h, line_width, stroke_gray | None, fill_gray | None, radius)
CHECK = 3  # (CHECK, x, y, size, checked)  lower-left corner of the box
IMAGE = 4  # (IMAGE, x, y, w, h, image)  image: bytes or a path, drawn fitted and centred
TITLE = 5  # (TITLE, x, y, text, size, gray, font_name)  text in another registered face (the Song title)

Op = tuple[Any, ...]

INK = 0.1
MUTED = 0.4
RULE = 0.55
FAINT = 0.7
BAND = 0.88
SHADE = 0.95
WHITE = 1.0
