"""Printable guest cards: any card form drawn to PDF with reportlab, Chinese embedded everywhere.

    from guestcard.printing import CardData, PrintOptions, render_cards
    pages = render_cards(Path("banquet.pdf"), cards, library, PrintOptions(size="A6", lang="zh"))

Imports only ``guestcard.domain``, ``guestcard.forms`` and ``guestcard.paths`` (no Qt, no database).
"""

from guestcard.printing.fonts import Font, FontSource, candidate_fonts, load_font
from guestcard.printing.options import LANGS, SIZES, CardData, PrintError, PrintOptions
from guestcard.printing.render import render_cards

__all__ = [
    "LANGS",
    "SIZES",
    "CardData",
    "Font",
    "FontSource",
    "PrintError",
    "PrintOptions",
    "candidate_fonts",
    "load_font",
    "render_cards",
]
