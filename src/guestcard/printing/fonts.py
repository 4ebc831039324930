"""Finding and registering one CJK TrueType font that prints Chinese and Latin on any machine.

Order of preference:

1. ``GUESTCARD_PRINT_FONT`` (``path`` or ``path#index`` for a collection), when set;
2. a system font: Microsoft YaHei or SimSun on Windows, fontconfig's Chinese sans on Linux,
   a few well-known TrueType files on macOS;
3. the bundled WenQuanYi Micro Hei (``resources/fonts``), so Chinese renders everywhere.

Only TrueType outlines are accepted (``.ttf``/``.ttc`` whose face is not CFF): reportlab cannot
embed CFF ``.otf`` fonts, and the PDF must embed every glyph it uses (subset), never point at a
viewer-side font such as STSong-Light.
"""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from guestcard.paths import shipped_dir

ENV_FONT = "GUESTCARD_PRINT_FONT"
BUNDLED_FONT = "wqy-microhei.ttc"

_WINDOWS_FONTS = ("msyh.ttc", "msyh.ttf", "simsun.ttc", "simhei.ttf")
_MAC_FONTS = (
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
)
_TRUETYPE_TAGS = (b"\x00\x01\x00\x00", b"true")


class FontNotFound(RuntimeError):
    """No usable CJK TrueType font, not even the bundled one."""


@dataclass(frozen=True, slots=True)
class FontSource:
    path: Path
    index: int = 0  # face in a .ttc collection
    origin: str = "system"  # "env", "system" or "bundled"


@dataclass(frozen=True)
class Font:
    """A registered reportlab font and what the layout needs to measure text fast."""

    name: str
    source: FontSource
    widths: dict[int, float]  # code point -> advance in 1/1000 em
    default_width: float
    ascent: float  # in em (0.77)
    descent: float  # in em, positive (0.24)

    @cached_property
    def coverage(self) -> frozenset[str]:
        """Every character the font has a glyph for."""
        return frozenset(map(chr, self.widths))

    def printable(self, text: str) -> str:
        """``text`` with characters neither this font nor a fallback has shown as □, never as an
        invisible blank."""
        if self.coverage.issuperset(text):
            return text
        coverage = self.coverage | fallback_coverage()
        return "".join(c if c in coverage or c in "\n\r" else "□" for c in text)

    def width(self, text: str, size: float) -> float:
        get, dw = self.widths.get, self.default_width
        return sum([get(ord(c), dw) for c in text]) * size / 1000.0

    def has_glyph(self, char: str) -> bool:
        return ord(char) in self.widths


def is_truetype(path: Path, index: int = 0) -> bool:
    """True when ``path`` holds TrueType (``glyf``) outlines at face ``index``."""
    try:
        with path.open("rb") as handle:
            tag = handle.read(4)
            if tag == b"ttcf":
                handle.seek(8)
                (count,) = struct.unpack(">I", handle.read(4))
                if not 0 <= index < count:
                    return False
                handle.seek(12 + 4 * index)
                (offset,) = struct.unpack(">I", handle.read(4))
                handle.seek(offset)
                tag = handle.read(4)
            return tag in _TRUETYPE_TAGS
    except (OSError, struct.error):
        return False


def _env_font() -> FontSource | None:
    value = os.environ.get(ENV_FONT, "").strip()
    if not value:
        return None
    path, _, index = value.partition("#")
    return FontSource(Path(path), int(index) if index.isdigit() else 0, "env")


def _fontconfig_font() -> FontSource | None:
    exe = shutil.which("fc-match")
    if not exe:
        return None
    try:
        done = subprocess.run(
            [exe, "-f", "%{file}\n%{index}", "sans:lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    file, _, index = done.stdout.partition("\n")
    if done.returncode != 0 or not file.strip():
        return None
    return FontSource(Path(file.strip()), int(index) if index.strip().isdigit() else 0, "system")


def system_fonts() -> list[FontSource]:
    """System CJK font candidates for this platform, best first (not yet checked)."""
    found: list[FontSource] = []
    if sys.platform == "win32":
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        found += [FontSource(folder / name) for name in _WINDOWS_FONTS]
    elif sys.platform == "darwin":
        found += [FontSource(Path(name)) for name in _MAC_FONTS]
    else:
        if (fc := _fontconfig_font()) is not None:
            found.append(fc)
    return found


def bundled_font() -> FontSource:
    return FontSource(shipped_dir("resources") / "fonts" / BUNDLED_FONT, 0, "bundled")


def candidate_fonts() -> list[FontSource]:
    env = _env_font()
    return [*([env] if env else []), *system_fonts(), bundled_font()]


def usable(source: FontSource) -> bool:
    return (
        source.path.suffix.lower() in (".ttf", ".ttc")
        and source.path.is_file()
        and is_truetype(source.path, source.index)
    )


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap with each character as UTF-16 (a surrogate pair beyond U+FFFF):
    reportlab writes ``<29F7E>`` for 𩽾, which readers take for two other characters, so copied or
    searched text of rare ideographs came out wrong."""
    head = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        f"/CIDSystemInfo << /Registry ({fontname}) /Ordering ({fontname}) /Supplement 0 >> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
    ]
    body = [f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)]
    tail = ["endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(head + body + tail)


_lock = threading.Lock()
_registered: dict[tuple[str, int], Font] = {}


def register(source: FontSource) -> Font:
    """Register ``source`` with reportlab (once per process) and return its metrics."""
    key = (str(source.path), source.index)
    with _lock:
        if key in _registered:
            return _registered[key]

        ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # looked up when the PDF is saved

        name = f"GC-{source.path.stem}-{source.index}".replace(" ", "")
        ttf = TTFont(name, str(source.path), subfontIndex=source.index)
        pdfmetrics.registerFont(ttf)
        face = ttf.face
        font = Font(
            name=name,
            source=source,
            widths=dict(face.charWidths),
            default_width=float(face.defaultWidth),
            ascent=face.ascent / 1000.0,
            descent=-face.descent / 1000.0,
        )
        _registered[key] = font
        return font


def load_font(candidates: list[FontSource] | None = None) -> Font:
    """The first candidate that is a TrueType CJK font reportlab accepts."""
    problems: list[str] = []
    for source in candidates if candidates is not None else candidate_fonts():
        if not usable(source):
            problems.append(f"{source.path}: not a TrueType .ttf/.ttc")
            continue
        try:
            font = register(source)
        except Exception as exc:  # reportlab raises TTFError, struct.error, KeyError…
            problems.append(f"{source.path}: {exc}")
            continue
        if not font.has_glyph("客"):
            problems.append(f"{source.path}: has no Chinese glyphs")
            continue
        return font
    raise FontNotFound("no usable CJK TrueType font (" + "; ".join(problems) + ")")


# --- fallback faces: characters the main font lacks --------------------------------------------

ENV_FALLBACK = "GUESTCARD_PRINT_FALLBACK_FONTS"  # more fallback files, separated by os.pathsep
# Code points a fallback is looked for by: CJK Extension A (䶮) and B (𩽾𩾌), and emoji.
_PROBES = ("4dae", "29f7e", "1f382")
_fallbacks: list[Font] | None = None


def _fontconfig_covering(probe: str) -> list[FontSource]:
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        done = subprocess.run(
            [exe, f":charset={probe}", "file", "index"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in sorted(done.stdout.splitlines()):
        file, _, rest = line.partition(":")
        index = "".join(ch for ch in rest.split("=")[-1] if ch.isdigit()) if "index" in rest else "0"
        if file.strip():
            found.append(FontSource(Path(file.strip()), int(index or 0), "system"))
    return found


_fallback_coverage: frozenset[str] | None = None


def fallback_coverage() -> frozenset[str]:
    global _fallback_coverage
    if _fallback_coverage is None:
        _fallback_coverage = frozenset().union(*(f.coverage for f in fallback_fonts()))
    return _fallback_coverage


def fallback_fonts() -> list[Font]:
    """TrueType faces for what the main font lacks (rare ideographs, emoji), found once per process:
    the files in ``GUESTCARD_PRINT_FALLBACK_FONTS``, then fontconfig's fonts covering the probes
    (on Debian ``fonts-hanazono`` gives HanaMinA/B, Extensions A and B)."""
    global _fallbacks
    if _fallbacks is not None:
        return _fallbacks
    sources = [FontSource(Path(p)) for p in os.environ.get(ENV_FALLBACK, "").split(os.pathsep) if p.strip()]
    if sys.platform not in ("win32", "darwin"):
        for probe in _PROBES:
            sources += _fontconfig_covering(probe)
    fonts, seen = [], set()
    for source in sources:
        key = (str(source.path), source.index)
        if key in seen or not usable(source):
            continue
        seen.add(key)
        try:
            fonts.append(register(source))
        except Exception:  # a damaged or unsupported file: not a fallback
            continue
    _fallbacks = fonts
    return fonts


# --- the title face: a Song (serif) over the sans body, when the system has one ----------------

ENV_TITLE = "GUESTCARD_PRINT_TITLE_FONT"  # path or path#index; "none": the body font for titles too
_SONG_FAMILIES = ("AR PL UMing CN", "SimSun", "NSimSun", "Songti SC", "STSong")
_title: list[Font | None] = []


def _fontconfig_family(family: str) -> list[FontSource]:
    exe = shutil.which("fc-list")
    if not exe:
        return []
    try:
        done = subprocess.run(
            [exe, f":family={family}", "file", "index"], capture_output=True, text=True, timeout=5, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return []
    found = []
    for line in sorted(done.stdout.splitlines()):
        file, _, rest = line.partition(":")
        index = "".join(ch for ch in rest.split("=")[-1] if ch.isdigit()) if "index" in rest else "0"
        if file.strip():
            found.append(FontSource(Path(file.strip()), int(index or 0), "system"))
    return found


def title_font() -> Font | None:
    """A Song (serif) TrueType face for the form's title (Debian: fonts-arphic-uming), found once
    per process; None when there is none, and the title keeps the body font."""
    if _title:
        return _title[0]
    sources: list[FontSource] = []
    value = os.environ.get(ENV_TITLE, "").strip()
    if value.lower() == "none":
        _title.append(None)
        return None
    if value:
        path, _, index = value.partition("#")
        sources.append(FontSource(Path(path), int(index) if index.isdigit() else 0, "env"))
    if sys.platform == "win32":
        folder = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
        sources.append(FontSource(folder / "simsun.ttc"))
    elif sys.platform != "darwin":
        for family in _SONG_FAMILIES:
            sources += _fontconfig_family(family)
    found: Font | None = None
    for source in sources:
        if not usable(source):
            continue
        try:
            font = register(source)
        except Exception:  # a damaged or unsupported file: not a title face
            continue
        if font.has_glyph("客"):
            found = font
            break
    _title.append(found)
    return found
