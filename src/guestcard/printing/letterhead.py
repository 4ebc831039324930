"""The stationery strip at the top of every card page: the hotel's letterhead, the form's name and
number, the customer's number.

Left: the logo (when the settings name a readable image), the restaurant's name, and under it the
address and phone. Right: the form's title, and under it the form number (``GC-10``, from the
form's place among the cards) and the customer number, so a filed card is found again.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from guestcard.printing.ops import IMAGE, INK, MUTED, TITLE
from guestcard.printing.text import ellipsize

if TYPE_CHECKING:
    from guestcard.printing.card_pages import CardPages

_WORDS = {"zh": ("表号", "客户编号"), "en": ("Form", "Customer no.")}


def form_number(order: int) -> str:
    return f"GC-{order:02d}"


def corner_text(pg: CardPages) -> str:
    L = pg.L
    form_word, customer_word = _WORDS["en" if L.lang == "en" else "zh"]
    parts = [f"{form_word} {form_number(L.form.order)}"]
    customer = pg.customer
    if customer is not None and customer.id is not None:
        parts.append(f"{customer_word} {customer.id:06d}")
    return "  ·  ".join(parts)


def draw_strip(pg: CardPages) -> None:
    m, L, o = pg.m, pg.L, pg.L.options
    top = pg.y
    name_size, small = m.title * 1.05, m.small
    lead1, lead2 = name_size * 1.4, small * 1.45
    h = lead1 + lead2
    x = L.left
    logo = o.logo
    if logo is not None and Path(logo).is_file():
        side = h * 0.95
        pg.ops.append((IMAGE, x, pg.H - top - side, side, side, Path(logo)))
        x += side + m.value * 0.5
    title = L.form.title.text(L.lang)
    title_size = m.title * 1.1
    # Song is a Chinese face: its Latin letters are a typewriter's, so an English title keeps the body font
    chinese = any(unicodedata.east_asian_width(ch) in "WF" for ch in title)
    song = L.title_face
    face = song if song is not None and chinese and song.coverage.issuperset(title) else None
    title_w = face.width(title, title_size) if face is not None else L.width(title, title_size)
    corner = corner_text(pg)
    right_w = max(title_w, L.width(corner, small))
    room = L.right - right_w - m.value * 1.5 - x
    restaurant = o.restaurant.strip()
    if restaurant:
        text = ellipsize(restaurant, room, L._widths, L._dw, name_size)
        pg.text(x, L.baseline(top, lead1, name_size), text, name_size, INK, bold=True)
    contact = "  ·  ".join(t for t in (o.hotel_address.strip(), o.hotel_phone.strip()) if t)
    if contact:
        text = ellipsize(contact, room, L._widths, L._dw, small)
        pg.text(x, L.baseline(top + lead1, lead2, small), text, small, MUTED)
    if face is not None:  # the title in Song over the sans body, as on printed stationery
        base = pg.H - L.baseline(top, lead1, title_size)
        pg.ops.append((TITLE, L.right - title_w, base, title, title_size * 1.08, INK, face.name))
    else:
        pg.text(L.right - title_w, L.baseline(top, lead1, title_size), title, title_size, INK, bold=True)
    pg.text(L.right - L.width(corner, small), L.baseline(top + lead1, lead2, small), corner, small, MUTED)
    pg.y = top + h + m.value * 0.15
    pg.line(L.left, pg.y, L.right, pg.y, width=0.8, gray=INK)
    pg.y += m.value * 0.7
