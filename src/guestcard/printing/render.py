"""Draw laid-out cards with reportlab: sheets, n-up imposition, outline, metadata, atomic write."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from guestcard.forms import FormLibrary, FormSpec
from guestcard.printing.card_pages import add_footers
from guestcard.printing.fonts import Font, FontNotFound, fallback_fonts, load_font
from guestcard.printing.layout import CardLayout
from guestcard.printing.metrics import metrics_for
from guestcard.printing.ops import CHECK, IMAGE, INK, LINE, MM, RECT, TEXT, TITLE, Op
from guestcard.printing.options import CardData, PrintError, PrintOptions
from guestcard.printing.output import pdf_file
from guestcard.printing.strings import fmt_date, ui

# Style of one card, cards per sheet and the card's exact portrait size in mm, by PrintOptions.size.
# Pocket cards split A4 exactly (148.5 mm, where ISO rounds A5/A6 to 148 mm).
LAYOUTS: dict[str, tuple[str, int, tuple[float, float] | None]] = {
    "A4": ("A4", 1, None),
    "A5": ("A5", 1, None),
    "A6": ("A6", 1, None),
    "A4-2up": ("A5", 2, (148.5, 210.0)),
    "A4-4up": ("A6", 4, (105.0, 148.5)),
}
CREATOR = "guestcard"

Trace = list[tuple[int, float, float, str, float]]  # (sheet, x, y, text, size) of every string drawn


def _round_rect(x: float, y: float, w: float, h: float, r: float) -> str:
    """Path of a rectangle with rounded corners (Bezier quarter circles)."""
    k = r * 0.4477  # 1 - 0.5523: control point inset for a quarter circle
    x2, y2 = x + w, y + h

    def p(*xy: float) -> str:
        return " ".join(f"{v:.2f}" for v in xy)

    return (
        f"{p(x + r, y)} m {p(x2 - r, y)} l {p(x2 - k, y, x2, y + k, x2, y + r)} c "
        f"{p(x2, y2 - r)} l {p(x2, y2 - k, x2 - k, y2, x2 - r, y2)} c "
        f"{p(x + r, y2)} l {p(x + k, y2, x, y2 - k, x, y2 - r)} c "
        f"{p(x, y + r)} l {p(x, y + k, x + k, y, x + r, y)} c h"
    )


def sheet_cells(card_w: float, card_h: float, nup: int) -> tuple[float, float, list[tuple[float, float]]]:
    """Sheet size and the lower-left corner of each card on it, in reading order."""
    if nup == 1:
        return card_w, card_h, [(0.0, 0.0)]
    if nup == 2:
        if card_w < card_h:  # portrait cards side by side on a landscape sheet
            return 2 * card_w, card_h, [(0.0, 0.0), (card_w, 0.0)]
        return card_w, 2 * card_h, [(0.0, card_h), (0.0, 0.0)]
    return 2 * card_w, 2 * card_h, [(0.0, card_h), (card_w, card_h), (0.0, 0.0), (card_w, 0.0)]


class Emitter:
    """Writes drawing operations as PDF page operators, skipping state changes that change nothing.

    Text and rules are emitted straight into the canvas's page stream (reportlab's own
    ``drawString`` formats every number through a slow pure-Python path and opens a text object
    per call); the font still goes through reportlab's TrueType subsetting, so every glyph used
    is embedded and mapped back to Unicode. Images, outline and pages use the canvas API.
    """

    def __init__(self, canvas: Any, font: Font, trace: Trace | None = None) -> None:
        self.c = canvas
        self.ttf = pdfmetrics.getFont(font.name)
        self.doc = canvas._doc
        self.split = self.ttf.splitString
        self.coverage = font.coverage
        self._fallbacks: list[tuple[Font, Any]] | None = None  # loaded at the first rare character
        self.subset_names: dict[int, str] = {}
        self.trace = trace
        self.sheet = 0
        self.reset()

    def reset(self) -> None:
        """Forget the graphics state (a new page starts from the defaults)."""
        self.subset: int | None = None
        self.size: float | None = None
        self.mode = 0
        self.fill: float | None = 0.0
        self.stroke: float | None = 0.0
        self.width: float | None = 1.0
        self.dotted = False
        self.fresh = True  # round caps and joins are set with the page's first drawing

    def _fill(self, out: list[str], gray: float) -> None:
        if gray != self.fill:
            out.append(f"{gray:.3g} g")
            self.fill = gray

    def _stroke(self, out: list[str], gray: float, width: float, dotted: bool = False) -> None:
        if gray != self.stroke:
            out.append(f"{gray:.3g} G")
            self.stroke = gray
        if width != self.width:
            out.append(f"{width:.3f} w")
            self.width = width
        if dotted != self.dotted:
            out.append(f"[0.1 {width * 3.2:.2f}] 0 d" if dotted else "[] 0 d")
            self.dotted = dotted

    def _subset_name(self, subset: int) -> str:
        name = self.subset_names.get(subset)
        if name is None:
            name = self.subset_names[subset] = self.ttf.getSubsetInternalName(subset, self.doc)
        return name

    def draw(self, ops: list[Op], ox: float = 0.0, oy: float = 0.0) -> None:
        out: list[str] = []
        add = out.append
        trace = self.trace
        if self.fresh:
            add("1 J 1 j")
            self.fresh = False
        for op in ops:
            kind = op[0]
            if kind == TEXT:
                _, x, y, text, size, gray, bold = op
                x += ox
                y += oy
                if gray != self.fill:
                    add(f"{gray:.3g} g")
                    self.fill = gray
                add(f"BT 1 0 0 1 {x:.2f} {y:.2f} Tm")
                if bold:  # one face only: embolden by stroking the outline with the fill colour
                    self._stroke(out, gray, size * 0.035)
                    if self.mode != 2:
                        add("2 Tr")
                        self.mode = 2
                elif self.mode:
                    add("0 Tr")
                    self.mode = 0
                if self.coverage.issuperset(text):
                    for subset, chunk in self.split(text, self.doc):
                        if subset != self.subset or size != self.size:
                            add(f"{self._subset_name(subset)} {size:g} Tf")
                            self.subset, self.size = subset, size
                        add(f"<{chunk.hex()}> Tj")
                else:
                    self._mixed(out, text, size)
                add("ET")
                if trace is not None:
                    trace.append((self.sheet, x, y, text, size))
            elif kind == LINE:
                _, x1, y1, x2, y2, width, gray, dotted = op
                self._stroke(out, gray, width, dotted)
                add(f"{x1 + ox:.2f} {y1 + oy:.2f} m {x2 + ox:.2f} {y2 + oy:.2f} l S")
            elif kind == RECT:
                _, x, y, w, h, width, stroke, fill, radius = op
                if stroke is not None:
                    self._stroke(out, stroke, width)
                if fill is not None:
                    self._fill(out, fill)
                paint = "B" if stroke is not None and fill is not None else ("S" if stroke is not None else "f")
                if radius:
                    add(_round_rect(x + ox, y + oy, w, h, radius) + f" {paint}")
                else:
                    add(f"{x + ox:.2f} {y + oy:.2f} {w:.2f} {h:.2f} re {paint}")
            elif kind == CHECK:
                _, x, y, s, checked = op
                x += ox
                y += oy
                self._stroke(out, INK, max(0.5, s * 0.075))
                add(f"{x:.2f} {y:.2f} {s:.2f} {s:.2f} re S")
                if checked:
                    self._stroke(out, INK, s * 0.16)
                    add(
                        f"{x + s * 0.2:.2f} {y + s * 0.52:.2f} m {x + s * 0.42:.2f} {y + s * 0.26:.2f} l "
                        f"{x + s * 0.84:.2f} {y + s * 0.82:.2f} l S"
                    )
            elif kind == TITLE:
                _, x, y, text, size, gray, name = op
                x += ox
                y += oy
                self._fill(out, gray)
                self._stroke(out, gray, size * 0.025)  # the light Song face, a touch heavier
                if self.mode != 2:
                    add("2 Tr")
                    self.mode = 2
                add(f"BT 1 0 0 1 {x:.2f} {y:.2f} Tm")
                face = self._face(name)
                for subset, chunk in face.splitString(text, self.doc):
                    add(f"{face.getSubsetInternalName(subset, self.doc)} {size:g} Tf <{chunk.hex()}> Tj")
                add("ET")
                self.subset = self.size = None  # the next string sets the body font again
                if trace is not None:
                    trace.append((self.sheet, x, y, text, size))
            elif kind == IMAGE:
                self.c._code.append(" ".join(out))
                out.clear()
                _, x, y, w, h, image = op
                self._image(image, x + ox, y + oy, w, h)
        if out:
            self.c._code.append(" ".join(out))

    def _face(self, name: str) -> Any:
        return pdfmetrics.getFont(name)

    @property
    def fallbacks(self) -> list[tuple[Font, Any]]:
        if self._fallbacks is None:
            self._fallbacks = [(f, pdfmetrics.getFont(f.name)) for f in fallback_fonts()]
        return self._fallbacks

    def _mixed(self, out: list[str], text: str, size: float) -> None:
        """A string some of whose characters only a fallback face has: drawn run by run, each in
        the face that has it (Tj moves the pen by each glyph's own advance)."""
        runs: list[tuple[Any, str]] = []
        for ch in text:
            face = self.ttf
            if ch not in self.coverage:
                face = next((f for font, f in self.fallbacks if font.has_glyph(ch)), self.ttf)
            if runs and runs[-1][0] is face:
                runs[-1] = (face, runs[-1][1] + ch)
            else:
                runs.append((face, ch))
        for face, run in runs:
            for subset, chunk in face.splitString(run, self.doc):
                name = face.getSubsetInternalName(subset, self.doc)
                out.append(f"{name} {size:g} Tf <{chunk.hex()}> Tj")
        self.subset = self.size = None  # the next string sets its font again

    def _image(self, image: bytes | str | Path, x: float, y: float, w: float, h: float) -> None:
        try:
            source = io.BytesIO(image) if isinstance(image, bytes | bytearray) else str(image)
            self.c.drawImage(ImageReader(source), x, y, w, h, preserveAspectRatio=True, anchor="c", mask="auto")
        except Exception:  # an unreadable photo leaves its frame empty; the card still prints
            return

    def cut_marks(self, sheet_w: float, sheet_h: float, cells: list[tuple[float, float]]) -> None:
        """Short marks in the sheet margins and small crosses where cards meet."""
        if self.fresh:
            return
        xs = sorted({x for x, _ in cells if 0 < x < sheet_w})
        ys = sorted({y for _, y in cells if 0 < y < sheet_h})
        near, far, arm = 3 * MM, 8 * MM, 2.5 * MM
        ops: list[Op] = []
        for x in xs:
            ops.append((LINE, x, sheet_h - near, x, sheet_h - far, 0.3, 0.35, False))
            ops.append((LINE, x, near, x, far, 0.3, 0.35, False))
        for y in ys:
            ops.append((LINE, near, y, far, y, 0.3, 0.35, False))
            ops.append((LINE, sheet_w - near, y, sheet_w - far, y, 0.3, 0.35, False))
        for x in xs:
            for y in ys:
                ops.append((LINE, x - arm, y, x + arm, y, 0.3, 0.35, False))
                ops.append((LINE, x, y - arm, x, y + arm, 0.3, 0.35, False))
        self.draw(ops)


class Renderer:
    """One print run onto one canvas; ``render_cards`` wraps it with the file handling."""

    def __init__(
        self,
        path: Path,
        form: FormSpec,
        library: FormLibrary,
        options: PrintOptions,
        font: Font,
        *,
        title: str | None = None,
        trace: Trace | None = None,
        now: dt.datetime | None = None,
    ) -> None:
        self.options = options
        self.now = now or dt.datetime.now()
        paper, self.nup, size_mm = LAYOUTS[options.size]
        self.metrics = metrics_for(paper, options.landscape, size_mm)
        self.layout = CardLayout(form, library, options, font, self.metrics, now=self.now)
        m = self.metrics
        self.sheet_w, self.sheet_h, self.cells = sheet_cells(m.width, m.height, self.nup)
        self.canvas = Canvas(
            str(path), pagesize=(self.sheet_w, self.sheet_h), invariant=0, initialFontName=font.name, initialFontSize=10
        )
        lang = options.lang
        form_title = form.title.text(lang)
        default = " · ".join(t for t in (form_title, options.restaurant.strip(), fmt_date(self.now.date(), lang)) if t)
        c = self.canvas
        c.setTitle(title or default)
        c.setAuthor(CREATOR)
        c.setCreator(CREATOR)
        c.setSubject(f"{form_title} ({form.id})")
        c.setKeywords(["guestcard", form.id, options.size, lang])
        self.emitter = Emitter(c, font, trace)
        self.cell = 0  # next free card position on the current sheet
        self.sheets = 0
        self.sheet_dirty = False
        self.cards = 0

    def add_card(self, card: CardData | None, *, copies: int = 1) -> None:
        """Lay out and draw one customer's card (``None``: the blank form) on fresh card pages."""
        pages = self.layout.layout(card)
        add_footers(self.layout, pages, self.now.date(), card is None)
        self.cards += 1
        key = f"card{self.cards}"
        if card is None:
            outline = f"{self.layout.form.title.text(self.options.lang)} · {ui('blank_copy', self.options.lang)}"
        else:
            outline = card.customer.display_name or "?"
        for copy in range(copies):
            for i, ops in enumerate(pages):
                ox, oy = self._next_cell()
                if i == 0 and copy == 0:
                    self.canvas.bookmarkPage(key, fit="XYZ", left=ox, top=oy + self.metrics.height)
                    self.canvas.addOutlineEntry(outline, key, level=0)
                self.emitter.draw(ops, ox, oy)
                self.sheet_dirty = True

    def blank_copies(self) -> int:
        """On n-up sheets a blank form is repeated to fill the sheet (pocket cards to cut)."""
        pages = len(self.layout.layout(None))
        return max(1, self.nup // pages) if pages <= self.nup else 1

    def _next_cell(self) -> tuple[float, float]:
        if self.cell >= self.nup:
            self._finish_sheet()
        pos = self.cells[self.cell]
        self.cell += 1
        return pos

    def _finish_sheet(self) -> None:
        if not self.sheet_dirty:
            return
        if self.nup > 1:
            self.emitter.cut_marks(self.sheet_w, self.sheet_h, self.cells)
        self.canvas.showPage()
        self.emitter.reset()
        self.sheets += 1
        self.emitter.sheet = self.sheets
        self.cell = 0
        self.sheet_dirty = False

    def save(self) -> int:
        self._finish_sheet()
        if self.sheets:
            self.canvas.showOutline()
        self.canvas.save()
        return self.sheets


@contextmanager
def binary_streams() -> Iterator[None]:
    """Compressed streams without the ASCII85 layer reportlab adds by default (a quarter smaller,
    and its encoder is pure Python without the optional rl_accel extension)."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _describe(card: CardData) -> str:
    customer = card.customer
    ident = f" (id {customer.id})" if customer.id is not None else ""
    return f"{customer.name}{ident}"


def render_cards(
    out: Path,
    cards: Iterable[CardData],
    library: FormLibrary,
    options: PrintOptions,
    *,
    progress: Callable[[int], None] | None = None,
    title: str | None = None,
    font: Font | None = None,
    trace: Trace | None = None,
) -> int:
    """Print ``cards`` with form ``options.form_id`` into one PDF at ``out``; returns the pages written.

    Every customer starts on a new page (or a new pocket card on n-up sheets) and gets an outline
    entry. With ``options.blank`` one empty form is printed and ``cards`` is ignored. The PDF is
    written through ``output.pdf_file`` (a temporary file beside ``out``, renamed into place), so a
    failed print leaves no file behind and never clobbers an existing one. ``progress`` gets the number of cards done.
    Raises ``PrintError`` with a one-line reason.
    """
    options.check()
    try:
        form = library.form(options.form_id)
    except KeyError as exc:
        raise PrintError(str(exc.args[0])) from None
    with pdf_file(Path(out)) as temporary:
        if font is None:
            try:
                font = load_font()
            except FontNotFound as exc:
                raise PrintError(str(exc)) from None
        with binary_streams():
            pages = _write(temporary, Path(out), form, cards, library, options, font, progress, title, trace)
    return pages


def _write(
    tmp: Path,
    out: Path,
    form: FormSpec,
    cards: Iterable[CardData],
    library: FormLibrary,
    options: PrintOptions,
    font: Font,
    progress: Callable[[int], None] | None,
    title: str | None,
    trace: Trace | None,
) -> int:
    renderer = Renderer(tmp, form, library, options, font, title=title, trace=trace)
    if options.blank:
        renderer.add_card(None, copies=renderer.blank_copies())
        if progress is not None:
            progress(1)
    else:
        for done, card in enumerate(cards, 1):
            try:
                renderer.add_card(card)
            except PrintError:
                raise
            except Exception as exc:
                raise PrintError(f"cannot print the card of {_describe(card)}: {exc}") from exc
            if progress is not None:
                progress(done)
        if not renderer.cards:
            raise PrintError("nothing to print: no customers were given")
    try:
        return renderer.save()
    except OSError as exc:
        raise PrintError(f"cannot write {out}: {exc.strerror or exc}") from exc
