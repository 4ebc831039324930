"""Font discovery: system CJK TrueType fonts first, the bundled WenQuanYi Micro Hei always there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from guestcard.domain import Customer
from guestcard.printing import CardData, PrintError, PrintOptions, fonts, render_cards
from guestcard.printing.fonts import FontNotFound, FontSource, bundled_font, is_truetype, load_font


def test_bundled_font_is_shipped_with_its_licence():
    source = bundled_font()
    assert source.path.is_file()
    assert source.path.stat().st_size > 4_000_000
    assert is_truetype(source.path, 0)
    folder = source.path.parent
    licence = (folder / "LICENSE-Apache-2.0.txt").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "WenQuanYi" in readme and "Apache" in readme


def test_truetype_check_rejects_cff_and_junk(tmp_path):
    otf = tmp_path / "noto.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 100)
    junk = tmp_path / "junk.ttf"
    junk.write_bytes(b"hello")
    cff_collection = tmp_path / "cff.ttc"
    cff_collection.write_bytes(b"ttcf" + b"\0\1\0\0" + (1).to_bytes(4, "big") + (16).to_bytes(4, "big") + b"OTTO")
    assert not is_truetype(otf)
    assert not is_truetype(junk)
    assert not is_truetype(cff_collection, 0)
    assert not is_truetype(cff_collection, 3)  # no such face
    assert not is_truetype(tmp_path / "missing.ttf")


def test_falls_back_to_the_bundled_font(tmp_path):
    otf = tmp_path / "NotoSansCJK.otf"
    otf.write_bytes(b"OTTO" + b"\0" * 100)
    latin_only = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    candidates = [FontSource(otf), FontSource(tmp_path / "gone.ttc")]
    if latin_only.exists():
        candidates.append(FontSource(latin_only))  # TrueType, but no Chinese: skipped
    font = load_font([*candidates, bundled_font()])
    assert font.source.origin == "bundled"
    assert font.has_glyph("客") and font.has_glyph("A")


def test_latin_is_proportional_not_squeezed():
    font = load_font([bundled_font()])
    w, i, han = (font.width(c, 10) for c in ("W", "i", "客"))
    assert w > 2 * i  # proportional Latin
    assert 4.5 < font.width("0", 10) < 7  # digits about half an em, not a squeezed full-width cell
    assert han == pytest.approx(10, abs=0.5)


def test_no_font_at_all_is_a_clear_print_error(tmp_path, monkeypatch, print_library):
    monkeypatch.setattr(fonts, "candidate_fonts", lambda: [FontSource(tmp_path / "none.ttf")])
    with pytest.raises(FontNotFound):
        load_font(fonts.candidate_fonts())
    monkeypatch.setattr("guestcard.printing.render.load_font", lambda: load_font(fonts.candidate_fonts()))
    with pytest.raises(PrintError, match="no usable CJK TrueType font"):
        render_cards(tmp_path / "x.pdf", [CardData(Customer(name="甲"))], print_library, PrintOptions())
    assert not (tmp_path / "x.pdf").exists()


def test_environment_override_comes_first(monkeypatch):
    monkeypatch.setenv(fonts.ENV_FONT, f"{bundled_font().path}#0")
    first = fonts.candidate_fonts()[0]
    assert first.origin == "env" and first.path == bundled_font().path and first.index == 0


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="no fontconfig")
def test_fontconfig_is_asked_on_linux():
    found = fonts._fontconfig_font()
    assert found is not None and found.path.exists()


def test_windows_candidates(monkeypatch):
    monkeypatch.setattr(fonts.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", r"D:\Win")
    names = [source.path.name for source in fonts.system_fonts()]
    assert names[:2] == ["msyh.ttc", "msyh.ttf"] and "simsun.ttc" in names


def test_bundled_font_prints_when_forced(tmp_path, print_library, monkeypatch):
    monkeypatch.setenv(fonts.ENV_FONT, str(bundled_font().path))
    out = tmp_path / "x.pdf"
    render_cards(out, [CardData(Customer(name="王建国"))], print_library, PrintOptions())
    names = {
        str(f.get("/BaseFont"))
        for page in PdfReader(out).pages
        for f in page["/Resources"]["/Font"].values()
        for f in [f.get_object()]
    }
    # the body is the bundled face (the form's title may be in a system Song face)
    assert any("WenQuanYi" in name for name in names)
    assert all("WenQuanYi" in name or "UMing" in name for name in names)


def _covered(text: str) -> bool:
    from guestcard.printing.fonts import fallback_coverage, load_font

    return (load_font().coverage | fallback_coverage()).issuperset(text)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_rare_ideographs_print_through_a_fallback_font(tmp_path, print_library):
    """安康鱼 is 𩽾𩾌 (CJK Extension B), 䶮 is Extension A: copied back as themselves, drawn as glyphs."""
    if not _covered("𩽾𩾌䶮"):  # asked here, not at collection: finding the fonts' coverage costs ~2 s
        pytest.skip("no fallback font for CJK Extension A/B (Debian: fonts-hanazono)")
    import subprocess

    from guestcard.domain import Customer
    from guestcard.printing import CardData, PrintOptions, render_cards

    def card(name: str, dish: str) -> tuple[str, bytes]:
        out = tmp_path / f"{len(list(tmp_path.iterdir()))}.pdf"
        customer = Customer(id=1, name=name, allergies=dish)
        render_cards(out, [CardData(customer)], print_library, PrintOptions(size="A6"))
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        png = subprocess.run(["pdftoppm", "-png", "-r", "60", str(out)], capture_output=True, check=True).stdout
        return text, png

    text, png = card("王䶮", "不吃𩽾𩾌")
    assert "王䶮" in text and "不吃𩽾𩾌" in text
    _, boxes = card("王□", "不吃□□")
    assert png != boxes  # glyphs were drawn, not the boxes a missing glyph becomes


def _fonts_of(path: Path) -> list[str]:
    import subprocess

    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split()[0] for line in out.splitlines()[2:]]


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_the_title_is_set_in_song_when_there_is_one_and_in_the_body_font_when_not(tmp_path, print_library, monkeypatch):
    from guestcard.printing import layout

    if fonts.title_font() is None:
        pytest.skip("no Song face on this machine (Debian: fonts-arphic-uming)")
    song = tmp_path / "song.pdf"
    render_cards(song, [], print_library, PrintOptions(blank=True))
    names = _fonts_of(song)
    assert any("UMing" in n for n in names) and any("WenQuanYi" in n or "GC-" not in n for n in names)
    assert "客史档案卡" in squeeze_text(song)
    english = tmp_path / "english.pdf"  # Song's Latin letters are a typewriter's: English titles stay sans
    render_cards(english, [], print_library, PrintOptions(blank=True, lang="en"))
    assert not any("UMing" in n for n in _fonts_of(english))

    monkeypatch.setattr(layout, "title_font", lambda: None)  # no Song face: the body font for titles too
    plain = tmp_path / "plain.pdf"
    render_cards(plain, [], print_library, PrintOptions(blank=True))
    assert not any("UMing" in n for n in _fonts_of(plain))
    assert "客史档案卡" in squeeze_text(plain)


def squeeze_text(path: Path) -> str:
    import subprocess

    return "".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_emoji_print_through_a_fallback_face_when_the_system_has_one(tmp_path, print_library):
    if "🎂" not in fonts.fallback_coverage():
        pytest.skip("no TrueType emoji face on this machine (Debian: fonts-symbola)")
    out = tmp_path / "cake.pdf"
    render_cards(out, [CardData(Customer(id=1, name="吉祥", notes="生日蛋糕🎂要无糖"))], print_library, PrintOptions())
    assert "生日蛋糕🎂要无糖" in squeeze_text(out)
    assert any("Symbola" in n for n in _fonts_of(out))
