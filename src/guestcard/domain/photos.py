"""Which pictures a card keeps as its photo: JPEG or PNG, at most 5 MB.

One rule for every way a photo comes in (the card's photo button, ``guestcard photo``, a vCard's
PHOTO on import), so the window, the command line and an import refuse the same pictures.
"""

from __future__ import annotations

IMAGE_TYPES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
MAX_PHOTO_BYTES = 5 * 1024 * 1024
NOT_A_PICTURE = "only JPEG and PNG pictures can be kept"


def photo_media_type(image: bytes) -> str | None:
    """``image/jpeg`` or ``image/png`` from the picture's first bytes; ``None`` for anything else."""
    return next((media for magic, media in IMAGE_TYPES.items() if image.startswith(magic)), None)


def too_large(size: int) -> str:
    return f"{size // 1024} KB is too large (at most {MAX_PHOTO_BYTES // (1024 * 1024)} MB)"


def photo_problem(image: bytes) -> str | None:
    """Why ``image`` cannot be a card's photo (one English phrase), or ``None`` when it can."""
    if photo_media_type(image) is None:
        return NOT_A_PICTURE
    if len(image) > MAX_PHOTO_BYTES:
        return too_large(len(image))
    return None
