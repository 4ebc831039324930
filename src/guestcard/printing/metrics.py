"""The sizes of a card on one paper: margins, font sizes and everything derived from them."""

from __future__ import annotations

from dataclasses import dataclass

from guestcard.printing.ops import MM

PAPER_MM = {"A4": (210.0, 297.0), "A5": (148.0, 210.0), "A6": (105.0, 148.0)}


@dataclass(frozen=True, slots=True)
class Metrics:
    """Sizes for one card paper (points). Everything else is derived from the value font size."""

    width: float
    height: float
    margin: float
    value: float  # field values
    label: float  # field labels
    title: float  # section titles, form title
    name: float  # the customer's name in the header
    table: float  # visits and contacts
    small: float  # footer
    style: str = "A4"  # the card style: A4, A5 or A6 (pocket cards on n-up sheets have their own)

    @property
    def content_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def pad(self) -> float:
        return self.value * 0.42

    @property
    def lead(self) -> float:
        return self.value * 1.42

    @property
    def label_lead(self) -> float:
        return self.label * 1.28

    @property
    def gap(self) -> float:  # between a label and its value
        return self.value * 0.12

    @property
    def pitch(self) -> float:  # writing lines on a blank form: room for handwriting
        return self.value * 2.1

    @property
    def box(self) -> float:  # checkbox side
        return self.value * 0.82

    @property
    def min_col(self) -> float:  # narrowest grid column before a section loses columns
        return self.value * 10.5

    @property
    def band(self) -> float:  # section title band
        return self.title * 1.75

    @property
    def footer(self) -> float:
        return self.small * 2.6


def metrics_for(paper: str, landscape: bool, size_mm: tuple[float, float] | None = None) -> Metrics:
    """Sizes for a card of ``paper``'s style; ``size_mm`` (portrait) overrides its exact size."""
    w_mm, h_mm = size_mm or PAPER_MM[paper]
    if landscape:
        w_mm, h_mm = h_mm, w_mm
    w, h = w_mm * MM, h_mm * MM
    if paper == "A4":
        return Metrics(w, h, 12 * MM, value=10.0, label=7.0, title=10.0, name=22.0, table=8.5, small=7.0, style="A4")
    if paper == "A5":
        return Metrics(w, h, 9 * MM, value=9.0, label=6.5, title=9.0, name=17.0, table=7.5, small=6.3, style="A5")
    return Metrics(w, h, 6 * MM, value=8.0, label=6.0, title=8.0, name=14.0, table=6.6, small=5.6, style="A6")
