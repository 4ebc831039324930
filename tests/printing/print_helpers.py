"""PDF read-back helpers for the printing tests (pypdf, pdftotext, pdffonts): a module of its own
name, since every test folder has a conftest.py and ``from conftest import`` finds whichever came first."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from guestcard.forms import FormSpec
from guestcard.printing.strings import fmt_date, ui

HAVE_POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None
needs_poppler = pytest.mark.skipif(not HAVE_POPPLER, reason="poppler-utils (pdftotext, pdffonts) not installed")


def pdf_text(path: Path) -> str:
    """All text of the PDF, page by page in drawing order (pdftotext -raw, else pypdf)."""
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
        )
        return done.stdout
    return "\f".join(page.extract_text() or "" for page in PdfReader(path).pages)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def flowing_text(path: Path, form: FormSpec, lang: str, names: tuple[str, ...] = ()) -> str:
    """The PDF's text without whitespace and without what page breaks insert (footers, headers,
    "(cont.)" titles), so a value split over two pages reads as one string again."""
    text = squeeze(pdf_text(path))
    cont = squeeze(ui("continued", lang))
    clutter = [squeeze(f.label.text(lang)) + cont for f in form.fields()]
    clutter += [squeeze(s.title.text(lang)) + cont for s in form.sections]
    clutter += [squeeze(name) + cont for name in names]
    for item in sorted(clutter, key=len, reverse=True):
        text = text.replace(item, "")
    # Footers and the title strip of each page.
    text = re.sub(r"(第\d+/\d+页|Page\d+of\d+)", "", text)
    for day in (dt.date.today(), dt.date.today() - dt.timedelta(days=1)):  # a print just past midnight
        text = text.replace(squeeze(ui("printed", lang, date=fmt_date(day, lang))), "")
    for key in ("confidential", "staff_copy", "full_copy", "blank_copy"):
        text = text.replace(squeeze(ui(key, lang)), "")
    text = text.replace(squeeze(form.title.text(lang)), "")
    return text.replace("·", "")


def assert_printed(value: str, text: str, pieces: int, what: str = "") -> None:
    """``value`` occurs in ``text`` in order, cut into at most ``pieces`` runs.

    Two long texts side by side in one grid row both continue on the next page, so their
    halves interleave in the PDF; each page break may cut a value once.
    """
    rest, used = value, 0
    while rest:
        lo, hi = 0, len(rest)
        while lo < hi:  # the longest prefix of rest found in text (presence shrinks with length)
            mid = (lo + hi + 1) // 2
            if rest[:mid] in text:
                lo = mid
            else:
                hi = mid - 1
        assert lo > 0, f"{what}: {rest[:40]!r}… not printed"
        assert lo >= min(6, len(rest)), f"{what}: {rest[:40]!r}… printed only in scraps"
        rest = rest[lo:]
        used += 1
    assert used <= pieces, f"{what}: printed in {used} pieces over {pieces} pages"


def page_sizes(path: Path) -> list[tuple[float, float]]:
    return [(round(float(p.mediabox.width), 1), round(float(p.mediabox.height), 1)) for p in PdfReader(path).pages]


def pdffonts(path: Path) -> list[dict[str, str]]:
    """Rows of ``pdffonts``: name, type, emb, sub, uni."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    lines = out.splitlines()
    rows = []
    for line in lines[2:]:
        parts = line.split()
        if len(parts) < 7:
            continue
        # name, type (may be two words), encoding, emb, sub, uni, object, id
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3], "line": line})
    return rows


def outline(path: Path) -> list[tuple[str, int]]:
    reader = PdfReader(path)
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline]
