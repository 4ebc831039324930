"""The waiter's header of a filled card: who the guest is and what must never go wrong.

Name, honorific and class are always there (a long name wraps, and what does not fit beside it
moves to the next line, never off the card); then company and position; then the 忌口 band in
large bold type ("无忌口" when the guest has none); one line of favourites; today's occasion and
the next reservation.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from guestcard.printing.ops import IMAGE, INK, MUTED, RULE, WHITE
from guestcard.printing.strings import ui
from guestcard.printing.text import ellipsize

if TYPE_CHECKING:
    from guestcard.printing.card_pages import CardPages

# Size of the 忌口 band's text, by card style: read at arm's length on a tray.
AVOID_SIZE = {"A4": 13.0, "A5": 12.0, "A6": 11.0}
_ITEM_SPLIT = re.compile(r"[、，,；;/]+")


def top_items(text: str, n: int, lang: str) -> str:
    """The first ``n`` items of a list written as text ("佛跳墙、清蒸东星斑、…")."""
    items = [t.strip() for t in _ITEM_SPLIT.split(text or "") if t.strip()]
    return ("、" if lang == "zh" else ", ").join(items[:n])


def favourites(pg: CardPages) -> tuple[str, frozenset[str]]:
    """One line of favourite dishes and drinks, and the fields it shows whole."""
    L, c = pg.L, pg.customer
    assert c is not None
    parts, whole = [], set()
    for key in ("favorite_dishes", "favorite_drinks"):
        value = c.get(key) or ""
        if not value or not L.printable_key(key):
            continue
        parts.append(top_items(value, 3, L.lang))
        if len([t for t in _ITEM_SPLIT.split(value) if t.strip()]) <= 3:  # the line shows them all
            whole.add(key)
    return ("  |  ".join(parts), frozenset(whole))


def todays_occasion(pg: CardPages) -> str:
    L, c = pg.L, pg.customer
    assert c is not None
    today = L.now.date()
    found = []
    for key, word in (("birthday", "birthday_today"), ("anniversary", "anniversary_today")):
        value: Any = c.get(key)
        if value is not None and L.printable_key(key):
            month, day = getattr(value, "month", None), getattr(value, "day", None)
            if (month, day) == (today.month, today.day):
                found.append(ui(word, L.lang))
    if pg.card is not None:
        for v in pg.card.visits:
            if v.at.date() == today and v.occasion and v.occasion not in found:
                found.append(v.occasion)
    return "  ·  ".join(found)


def draw_header(pg: CardPages) -> frozenset[str]:
    """Draw the header at ``pg.y``; returns the field keys it showed (the grid leaves them out)."""
    m, L, c = pg.m, pg.L, pg.customer
    assert c is not None
    top = pg.y
    photo = pg.card.photo if pg.card is not None else None
    ph_h = m.name * 3.1 if photo else 0.0
    ph_w = ph_h * 0.78
    text_right = L.right - (ph_w + m.value if photo else 0)
    lead = m.name * 1.25
    y = top
    name_lines = L.wrap(c.name, text_right - L.left, m.name) or [""]
    x_end = L.left
    for line in name_lines:
        pg.text(L.left, L.baseline(y, lead, m.name), line, m.name, INK, bold=True)
        x_end = L.left + L.width(line, m.name)
        y += lead
    # Honorific and class badge beside the name, or on a line of their own when they do not fit.
    honorific = c.honorific if c.honorific and L.printable_key("honorific") else ""
    klass = c.customer_class if c.customer_class and L.printable_key("class") else ""
    hon_size = m.value * 1.35
    gap = m.value * 0.8
    need = (L.width(honorific, hon_size) + gap if honorific else 0) + (pg.badge_width(klass) if klass else 0)
    if honorific or klass:
        if x_end + gap + need > text_right:
            x, base = L.left, L.baseline(y, lead * 0.9, m.name)
            y += lead * 0.9
        else:
            x, base = x_end + gap, L.baseline(y - lead, lead, m.name)
        if honorific:
            honorific = ellipsize(honorific, text_right - x, L._widths, L._dw, hon_size)
            pg.text(x, base, honorific, hon_size, MUTED)
            x += L.width(honorific, hon_size) + m.value * 0.9
        if klass:
            if x + pg.badge_width(klass) > text_right and x > L.left:  # the badge alone on a line
                x, base = L.left, L.baseline(y, lead * 0.9, m.name)
                y += lead * 0.9
            pg.badge(x, base, klass, text_right)
    shown = {"name"} | ({"honorific"} if honorific else set()) | ({"class"} if klass else set())
    # Company and position, tags.
    sub = []
    for key in ("company", "position"):
        value = c.get(key)
        if value and L.printable_key(key):
            sub.append(str(value))
            shown.add(key)
    if c.tags:
        sub.append(" ".join(f"#{t}" for t in c.tags))
    size = m.value * 1.05
    slead = size * 1.45
    y += m.value * 0.15
    for line in L.wrap("  ·  ".join(sub), text_right - L.left, size)[:2]:
        pg.text(L.left, L.baseline(y, slead, size), line, size, MUTED)
        y += slead
    y += m.value * 0.3
    # The 忌口 band: always there, so "nothing to avoid" is a fact, not a forgotten field.
    if L.printable_key("allergies") and L.form.kind != "corporate":  # a guest's, not a company's
        y = avoid_band(pg, y, text_right, (c.allergies or "").strip())
        shown.add("allergies")
    likes, whole = favourites(pg)
    shown |= whole
    if likes:
        y = pg.flag(ui("likes", L.lang), likes, y, slead, size, text_right, lines=1)
    occasion = todays_occasion(pg)
    if occasion:
        y = pg.flag(ui("today", L.lang), occasion, y, slead, size, text_right)
    booked = L.next_reservation(pg.card.visits) if pg.card is not None else ""
    if booked:
        y = pg.flag(ui("booked", L.lang), booked, y, slead, size, text_right)
    if photo:
        pg.ops.append((IMAGE, L.right - ph_w, pg.H - top - ph_h, ph_w, ph_h, photo))
        pg.rect(L.right - ph_w, top, ph_w, ph_h, width=0.4, stroke=RULE)
        y = max(y, top + ph_h)
    pg.y = y + m.value * 0.6
    return frozenset(shown)


def avoid_band(pg: CardPages, y: float, right: float, allergies: str) -> float:
    """A framed band: 忌口 white on black, then what to avoid in large bold type."""
    m, L = pg.m, pg.L
    size = AVOID_SIZE.get(m.style, 11.0)
    lead = size * 1.3
    pad = m.value * 0.35
    tag = ui("avoid", L.lang)
    tag_size = size * 0.8
    tag_w = L.width(tag, tag_size) + m.value * 0.9
    text = allergies or ui("no_allergies", L.lang)
    lines = L.wrap(text, right - L.left - tag_w - 3 * pad, size) or [""]
    h = len(lines) * lead + 2 * pad
    pg.rect(L.left, y, right - L.left, h, width=1.2, stroke=INK)
    pg.rect(L.left, y, tag_w, h, width=0, stroke=None, fill=INK)
    pg.text(L.left + m.value * 0.45, L.baseline(y, h, tag_size), tag, tag_size, WHITE, bold=True)
    ly = y + pad
    for line in lines:
        pg.text(L.left + tag_w + pad * 1.5, L.baseline(ly, lead, size), line, size, INK, bold=bool(allergies))
        ly += lead
    return y + h + m.value * 0.45
