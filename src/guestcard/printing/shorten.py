"""Cutting long text where a reader expects a pause: after a sentence or a list item, never inside one.

Two uses: a note shortened to fit the one-page card ends at a sentence with "…（全文见电脑）", and a
whole-file print that must continue a note on the next page breaks it between sentences.
"""

from __future__ import annotations

from collections.abc import Callable

# After these a sentence (or a list item written as a sentence) is over.
SENTENCE_ENDS = frozenset("。！？；!?;\n")
# After these a list item or a clause is over: the next-best place to cut.
ITEM_ENDS = frozenset("、，,：:")
_CLOSERS = frozenset("）」』】》”’)]\"'")


def _after_closers(text: str, i: int) -> int:
    """Index just past punctuation ``text[i]`` and any closing brackets/quotes right after it."""
    j = i + 1
    while j < len(text) and text[j] in _CLOSERS:
        j += 1
    return j


def cut_points(text: str) -> tuple[list[int], list[int]]:
    """Offsets where ``text`` may be cut: ends of sentences, and ends of list items or clauses."""
    sentences: list[int] = []
    items: list[int] = []
    n = len(text)
    for i, ch in enumerate(text):
        if ch in SENTENCE_ENDS or (ch == "." and (i + 1 == n or text[i + 1] == " ")):
            sentences.append(_after_closers(text, i))
        elif ch in ITEM_ENDS:
            items.append(_after_closers(text, i))
    return sentences, items


def located(lines: list[str], text: str, count: int) -> int:
    """Offset in ``text`` just after the first ``count`` wrapped ``lines`` (lines are its pieces)."""
    pos = 0
    for line in lines[:count]:
        found = text.find(line, pos) if line else pos
        if found < 0:  # the wrapper changed the text (it never should): fall back to a proportion
            return min(len(text), pos + len(line))
        pos = found + len(line)
    return pos


def shorten(text: str, max_lines: int, wrap: Callable[[str], list[str]], suffix: str, keep: int = 0) -> list[str]:
    """``text`` wrapped into at most ``max_lines`` lines, ending in ``suffix`` when cut.

    The cut falls after the last sentence that fits; failing one in the second half of the room,
    after a list item or clause; failing that, between characters (a single endless sentence).
    The first ``keep`` characters (an inline label) always stay whole.
    """
    lines = wrap(text)
    if len(lines) <= max_lines:
        return lines
    room = located(lines, text, max_lines)
    sentences, items = cut_points(text)
    half = max(keep + 1, (room + keep) // 2)
    candidates = [p for p in reversed(sentences) if half <= p <= room]
    candidates += [p for p in reversed(items) if keep < p <= room][:4]
    # One endless sentence: cut after a word (Latin) or anywhere (Chinese).
    candidates += [p for p in range(room, max(keep, room - 40), -1) if text[p - 1 : p] == " "][:3]
    candidates += list(range(room, max(keep, room - 40), -2))
    for cut in candidates:
        head = text[:cut].rstrip(" ，、,：:")
        if not head:
            continue
        shortened = wrap(head + suffix)
        if len(shortened) <= max_lines:
            return shortened
    return wrap(text[:keep] + suffix.lstrip())[:max_lines]


def sentence_split(
    text: str, max_lines: int, wrap: Callable[[str], list[str]], *, items: bool = False
) -> tuple[str, str] | None:
    """``text`` cut into a head that wraps to at most ``max_lines`` lines and the rest, the cut
    falling after a sentence (with ``items``, else after a list item); ``None`` when not even one
    sentence fits (the text then starts on the next page)."""
    lines = wrap(text)
    if len(lines) <= max_lines:
        return None
    room = located(lines, text, max_lines)
    sentences, item_ends = cut_points(text)
    for points in (sentences, item_ends) if items else (sentences,):
        for cut in reversed(points):
            if cut > room or cut >= len(text):
                continue
            head, tail = text[:cut].rstrip(), text[cut:].lstrip(" \n")
            if head and tail and len(wrap(head)) <= max_lines:
                return head, tail
    return None
