"""Writing a PDF in place safely: to a temporary file beside the target, renamed over it only when
complete, so a failed or interrupted print leaves no half-written file and never clobbers one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from guestcard.printing.options import PrintError


@contextmanager
def pdf_file(out: Path) -> Iterator[Path]:
    """Yields the temporary path to write; on success it becomes ``out``. ``PrintError`` in one
    line for a missing folder, a folder named like the file, or a file that cannot be replaced."""
    out = Path(out)
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise PrintError(f"cannot write {out}: folder {folder} does not exist")
    if out.is_dir():
        raise PrintError(f"cannot write {out}: it is a folder")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise PrintError(f"cannot write in {folder}: {exc.strerror or exc}") from None
    os.close(fd)
    temporary = Path(name)
    try:
        yield temporary
        with suppress(OSError):
            os.chmod(temporary, 0o644)
        try:
            os.replace(temporary, out)
        except OSError as exc:
            raise PrintError(f"cannot replace {out} (is it open in another program?): {exc.strerror or exc}") from None
    except BaseException:
        with suppress(OSError):
            temporary.unlink()
        raise
