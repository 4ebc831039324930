"""A section's grid: cells (a label and text, writing lines or checkboxes) in rows, the plan of
which field sits where, made once per print (``CardLayout``), and the titled boxes (``Block``)
the rows are shown in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from guestcard.forms import FieldSpec, SectionSpec
from guestcard.printing.ops import INK

# Cell body kinds.
K_TEXT = 0  # lines: list[str]
K_WRITE = 1  # lines: list[None], one writing line each
K_CHOICE = 2  # lines: list[list[(dx, text, checked | None)]]; checked None = no box (wrapped text)


class Cell:
    __slots__ = (
        "align",
        "bold",
        "gray",
        "hint",
        "kind",
        "label",
        "label_text",
        "lead",
        "lead_in",
        "lines",
        "pad",
        "shade",
        "size",
        "source",
        "vpad",
        "w",
        "x",
    )

    def __init__(
        self,
        x: float,
        w: float,
        label: list[str],
        label_text: str,
        kind: int,
        lines: list[Any],
        size: float,
        lead: float,
        pad: float,
        *,
        gray: float = INK,
        bold: bool = False,
        shade: bool = False,
        align: str = "l",
        hint: str = "",
        source: str = "",
        lead_in: str = "",
        vpad: float | None = None,
    ) -> None:
        self.x, self.w, self.label, self.label_text = x, w, label, label_text
        self.vpad = pad if vpad is None else vpad  # above and below the lines (a blank's rows: none)
        self.source = source  # the whole text of a value cell: cut at sentence ends, never mid-sentence
        self.lead_in = lead_in  # an inline label: the first characters of the text, printed muted
        self.kind, self.lines, self.size, self.lead, self.pad = kind, lines, size, lead, pad
        self.gray, self.bold, self.shade, self.align, self.hint = gray, bold, shade, align, hint

    def copy(self, lines: list[Any], label: list[str] | None = None) -> Cell:
        return Cell(
            self.x,
            self.w,
            self.label if label is None else label,
            self.label_text,
            self.kind,
            lines,
            self.size,
            self.lead,
            self.pad,
            gray=self.gray,
            bold=self.bold,
            shade=self.shade,
            align=self.align,
            hint=self.hint,
            source=self.source,
            lead_in=self.lead_in,
            vpad=self.vpad,
        )


class Row:
    __slots__ = ("cells", "height", "keep", "plain")

    def __init__(self, cells: list[Cell], height: float, keep: bool = False) -> None:
        self.cells, self.height = cells, height
        self.keep = keep  # a table row: moves to the next page whole unless taller than a page
        self.plain = False  # a blank form's row: its writing rules are its lines, no grid around it


Item = tuple[float, str, str | None]  # a checkbox: (dx, text, choice value); value None: wrapped text


@dataclass(slots=True)
class Slot:
    """Where one field sits in its section's grid, and what does not depend on the customer."""

    spec: FieldSpec
    x: float
    w: float
    label: list[str]
    options: list[list[Item]]  # checkbox rows


@dataclass(slots=True)
class SectionPlan:
    section: SectionSpec
    title: str
    rows: list[list[Slot]]


@dataclass(slots=True)
class Column:
    key: str
    x: float
    w: float
    align: str = "l"


@dataclass(slots=True)
class Block:
    """One titled box of the card: a section of fields or a table of visits or contacts."""

    title: str
    rows: list[Row]
    header: Row | None = None
    note: Callable[[int], str] | None = None  # the note beside the title, given the rows shown
    make_rows: Callable[[int], list[Row]] | None = None  # a table: its newest n rows
    records: int = 0
    shown: int = 0
    cells: list[tuple[int, int]] = field(default_factory=list)  # (row, cell) of shortenable cells

    def note_text(self) -> str:
        return self.note(self.shown) if self.note is not None else ""
