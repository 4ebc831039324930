"""Line breaking for mixed Chinese and Latin text, with the Chinese kinsoku rules.

Chinese may break between any two characters, Latin only at spaces (a word longer than the line
is cut). A line never starts with closing punctuation (，。、；：？！）」』…) and never ends with
opening punctuation (（「『《“); when the greedy break would do that, the break moves back one
opportunity, taking the last character of the line along (oidashi).
"""

from __future__ import annotations

from collections.abc import Callable

# Characters that may not begin a line.
NO_START = frozenset(
    "，。、；：？！）」』】》〉〕］｝〗〙”’…‥—～·・．％‰℃"
    ",.;:?!)]}>%"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー々ゝゞ"
)
# Characters that may not end a line.
NO_END = frozenset("（「『【《〈〔［｛〖〘“‘([{<¥￥$#")


def _wide(ch: str) -> bool:
    """CJK ideographs, kana, full-width forms and CJK punctuation: a break may fall beside them."""
    return ord(ch) >= 0x2E80


def wrap(text: str, limit: float, widths: dict[int, float], default: float, size: float) -> list[str]:
    """Break ``text`` into lines no wider than ``limit`` points at font ``size``.

    ``widths`` maps code points to advances in 1/1000 em. Newlines in the text are kept.
    """
    if not text:
        return []
    # Work in font units: a line may hold ``room`` thousandths of an em.
    room = limit * 1000.0 / size if size > 0 else float("inf")
    out: list[str] = []
    get = widths.get
    for para in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        para = para.rstrip()
        if not para:
            out.append("")
            continue
        advances = [get(ord(c), default) for c in para]
        if sum(advances) <= room:
            out.append(para)
            continue
        _wrap_para(para, advances, room, out.append)
    # Drop blank lines at the end; keep blank lines inside (paragraph breaks).
    while out and not out[-1]:
        out.pop()
    return out


def _can_break(para: str, i: int) -> bool:
    """May a line break fall before ``para[i]``?"""
    prev, ch = para[i - 1], para[i]
    if ch in NO_START or prev in NO_END:
        return False
    if prev == " ":
        return ch != " "
    if ch == " ":
        return False
    if _wide(ch) or _wide(prev):
        return True
    return prev in "-/@." and ch.isalpha()  # "e-mail", "and/or", "name@|example.|com"


def _wrap_para(para: str, advances: list[float], room: float, emit: Callable[[str], None]) -> None:
    n = len(para)
    start = 0
    while start < n:
        # Skip spaces at the start of a continued line.
        while start < n and para[start] == " ":
            start += 1
        if start >= n:
            return
        width = 0.0
        last_break = -1  # best break opportunity so far (index of the next line's first char)
        i = start
        while i < n:
            w = advances[i]
            if i > start and _can_break(para, i):
                last_break = i
            if width + w > room and i > start:
                break
            width += w
            i += 1
        if i >= n:
            emit(para[start:].rstrip())
            return
        # Overflow at i: break before i if allowed, else at the last opportunity, else force.
        if _can_break(para, i) or para[i] == " ":
            cut = i
        elif last_break > start:
            cut = last_break
        else:
            cut = i  # a word or run longer than the line: cut it
            # Still keep closing punctuation off the next line's start when possible.
            if para[cut] in NO_START and cut - 1 > start:
                cut -= 1
        emit(para[start:cut].rstrip())
        start = cut


def ellipsize(text: str, limit: float, widths: dict[int, float], default: float, size: float) -> str:
    """``text`` cut to fit one line of ``limit`` points, ending in ``…`` when cut."""
    get = widths.get
    room = limit * 1000.0 / size
    total = 0.0
    for i, ch in enumerate(text):
        total += get(ord(ch), default)
        if total > room:
            dots = get(ord("…"), default)
            k, width = i, total - get(ord(ch), default)
            while k > 0 and width + dots > room:
                k -= 1
                width -= get(ord(text[k]), default)
            return text[:k].rstrip() + "…"
    return text
