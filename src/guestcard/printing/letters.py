"""Letters and envelopes (mail merge): one A4 letter per guest on the hotel's letterhead, and
envelopes in the usual Chinese sizes with the six postcode boxes (邮政编码) top left.

A letter template is a TOML file (see ``forms/letters/invitation.toml``):

    title = "中秋佳节邀请函"          # centred under the letterhead (optional)
    body = \"\"\"
    {称呼}：
    　　月圆之际，……（a blank line starts a new paragraph）
    \"\"\"
    closing = "{酒店} {经理}"        # right-aligned under the body (optional)

with the placeholders of the greetings (``guestcard.forms.greetings``) and its ``[optional]``
parts. The text is wrapped with Chinese line-breaking rules; a letter too long for a page goes on
to a second one, never out of the page. Fonts are embedded (the CJK TrueType font of the cards).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from guestcard.forms.greetings import TemplateError, check_text, fill
from guestcard.printing.fonts import Font, load_font
from guestcard.printing.output import pdf_file
from guestcard.printing.text import wrap

# Chinese envelope sizes (GB/T 1416): width × height in mm.
ENVELOPES: dict[str, tuple[float, float]] = {
    "DL": (220, 110), "5": (220, 110), "C5": (229, 162), "7": (229, 162), "6": (230, 120), "C6": (162, 114),
}


@dataclass(frozen=True)
class Letterhead:
    name: str = ""
    address: str = ""
    phone: str = ""
    postcode: str = ""
    logo: Path | None = None


@dataclass(frozen=True)
class LetterTemplate:
    title: str
    body: str
    closing: str = ""


def load_letter(path: Path) -> LetterTemplate:
    """A letter template; ``TemplateError`` naming the file and what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{path}: cannot be read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{path}: not valid TOML ({exc})") from None
    unknown = set(data) - {"title", "body", "closing"}
    if unknown:
        raise TemplateError(f"{path}: unknown key {sorted(unknown)[0]!r} (title, body, closing)")
    if not isinstance(data.get("body"), str) or not data["body"].strip():
        raise TemplateError(f"{path}: body is missing (the letter's text)")
    for key in ("title", "body", "closing"):
        value = data.get(key, "")
        if not isinstance(value, str):
            raise TemplateError(f"{path}: {key} must be text")
        check_text(value, f"{path}: {key}")
    return LetterTemplate(data.get("title", ""), data["body"], data.get("closing", ""))


@dataclass(frozen=True)
class Letter:
    """One guest's letter, filled."""

    title: str
    paragraphs: tuple[str, ...]
    closing: str
    date: str


def fill_letter(template: LetterTemplate, values: Mapping[str, str | None], date: str) -> Letter:
    body = fill(template.body, values).strip("\n")
    paragraphs = tuple(p.strip("\n") for p in body.replace("\r\n", "\n").split("\n\n") if p.strip())
    return Letter(fill(template.title, values), paragraphs, fill(template.closing, values), date)


MARGIN = 22 * mm
BODY_SIZE = 12.0
LEADING = 1.7


def _letterhead(canvas: Canvas, font: Font, head: Letterhead) -> float:
    """Draw the letterhead; returns the y under it."""
    width, height = A4
    top = height - 16 * mm
    x = MARGIN
    if head.logo is not None and head.logo.is_file():
        try:
            canvas.drawImage(str(head.logo), MARGIN, top - 16 * mm, width=16 * mm, height=16 * mm,
                             preserveAspectRatio=True, mask="auto")
            x = MARGIN + 20 * mm
        except Exception:  # a damaged image: the letter goes out without it
            x = MARGIN
    if head.name:
        canvas.setFont(font.name, 18)
        canvas.drawString(x, top - 7 * mm, font.printable(head.name))
    details = "  ".join(p for p in (head.address, head.postcode, head.phone) if p)
    if details:
        canvas.setFont(font.name, 9)
        canvas.drawString(x, top - 13 * mm, font.printable(details))
    rule = top - 18 * mm
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN, rule, width - MARGIN, rule)
    return rule - 10 * mm


def render_letters(letters: Sequence[Letter], head: Letterhead, out: Path, *, font: Font | None = None) -> int:
    """One letter per guest (each starting a page) into the PDF ``out``; returns the pages written."""
    font = font or load_font()
    with pdf_file(out) as temporary:
        return _letters(letters, head, font, Canvas(str(temporary), pagesize=A4, pageCompression=1))


def _letters(letters: Sequence[Letter], head: Letterhead, font: Font, canvas: Canvas) -> int:
    canvas.setTitle(head.name or "guestcard")
    width, _height = A4
    room = width - 2 * MARGIN
    pages = 0
    for letter in letters:
        y = _letterhead(canvas, font, head)
        pages += 1
        canvas.setFont(font.name, 10)
        canvas.drawRightString(width - MARGIN, y, letter.date)
        y -= 12 * mm
        if letter.title:
            canvas.setFont(font.name, 16)
            canvas.drawCentredString(width / 2, y, font.printable(letter.title))
            y -= 14 * mm
        canvas.setFont(font.name, BODY_SIZE)
        for paragraph in letter.paragraphs:
            for line in wrap(font.printable(paragraph), room, font.widths, font.default_width, BODY_SIZE):
                if y < MARGIN + 20 * mm:  # the page is full: the letter goes on on the next one
                    canvas.showPage()
                    pages += 1
                    y = A4[1] - MARGIN
                    canvas.setFont(font.name, BODY_SIZE)
                canvas.drawString(MARGIN, y, line)
                y -= BODY_SIZE * LEADING
            y -= BODY_SIZE * 0.6
        if letter.closing:
            y -= 6 * mm
            for line in wrap(font.printable(letter.closing), room, font.widths, font.default_width, BODY_SIZE):
                canvas.drawRightString(width - MARGIN, max(y, MARGIN), line)
                y -= BODY_SIZE * LEADING
        canvas.showPage()
    canvas.save()
    return pages


@dataclass(frozen=True)
class Envelope:
    postcode: str
    address: str
    name: str  # with the honorific and 收
    company: str = ""


def render_envelopes(envelopes: Sequence[Envelope], size: str, sender: Letterhead, out: Path, *,
                     font: Font | None = None) -> int:
    """One envelope per guest, page size the envelope's; returns how many."""
    if size not in ENVELOPES:
        raise ValueError(f"{size}: not an envelope size ({', '.join(ENVELOPES)})")
    font = font or load_font()
    with pdf_file(out) as temporary:
        _envelopes(envelopes, ENVELOPES[size], sender, font, temporary)
    return len(envelopes)


def _envelopes(envelopes: Sequence[Envelope], size_mm: tuple[float, float], sender: Letterhead, font: Font,
               target: Path) -> None:
    w, h = size_mm[0] * mm, size_mm[1] * mm
    canvas = Canvas(str(target), pagesize=(w, h), pageCompression=1)
    for envelope in envelopes:
        # The six postcode boxes, 8 × 10 mm, 2 mm apart, 10 mm from the top-left corner.
        canvas.setLineWidth(0.8)
        canvas.setStrokeColorRGB(0.75, 0.1, 0.1)
        for i in range(6):
            x, y = 12 * mm + i * 10 * mm, h - 20 * mm
            canvas.rect(x, y, 8 * mm, 10 * mm)
            digit = envelope.postcode[i] if i < len(envelope.postcode) else ""
            if digit:
                canvas.setFont(font.name, 16)
                canvas.drawCentredString(x + 4 * mm, y + 2.5 * mm, digit)
        canvas.setStrokeColorRGB(0, 0, 0)
        room = w * 0.75
        y = h - 34 * mm
        canvas.setFont(font.name, 11)
        for text in (envelope.address, envelope.company):
            for line in wrap(font.printable(text), room, font.widths, font.default_width, 11)[:3]:
                canvas.drawString(20 * mm, y, line)
                y -= 6 * mm
        canvas.setFont(font.name, 18)
        canvas.drawCentredString(w / 2, max(y - 8 * mm, 28 * mm), font.printable(envelope.name))
        sender_lines = [p for p in (sender.address, sender.name) if p]
        canvas.setFont(font.name, 9)
        base = 10 * mm
        if sender.postcode:
            canvas.drawRightString(w - 12 * mm, base, f"邮政编码：{sender.postcode}")
            base += 5 * mm
        for line in reversed(sender_lines):
            canvas.drawRightString(w - 12 * mm, base, font.printable(line))
            base += 5 * mm
        canvas.showPage()
    canvas.save()
