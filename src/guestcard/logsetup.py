"""The log file: errors with their context, rotated, in the user log folder.

``configure_logging()`` is called once at start (the window calls it first thing; the command
line calls it when it has something to log) and returns the log file's path, to name in messages
("the details are in …"). The folder is platformdirs' user log folder, or ``GUESTCARD_HOME/logs``
when ``GUESTCARD_HOME`` is set (as ``guestcard.paths`` does for the data). Where no folder can be
made, the log goes to the temporary folder; logging never stops the program.

Messages go through ``logger(name)`` (``guestcard.NAME``). The log is a plain file, even when the
database is encrypted, so: it is readable by its owner only (0600, in a 0700 folder); nothing here
logs passwords; an error is logged with its traceback (code lines, no variables) and a *safe
description* (``safe_description``): for a database error the driver's first line, never the SQL
parameters or row values SQLAlchemy and the drivers put in their messages. Callers keep guests'
data out of their own messages.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import sys
import tempfile
import traceback
from pathlib import Path

from guestcard.paths import APP_NAME

LOG_NAME = "guestcard.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5  # guestcard.log.1 … .5: at most ~6 MB
FORMAT = "%(asctime)s %(levelname)s %(name)s [pid %(process)d]: %(message)s"

_handler: _RotatingFile | None = None


class _RotatingFile(logging.handlers.RotatingFileHandler):
    """A rotating log that keeps writing when it cannot rotate (on Windows another guestcard
    holding the file open makes the rename fail) instead of printing a logging error."""

    def _open(self):  # type: ignore[no-untyped-def]
        # Created 0600 (not per the umask, often 0644: anyone could read the guests' errors); one
        # left by an older guestcard is narrowed too.
        path = self.baseFilename
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        return os.fdopen(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def doRollover(self) -> None:
        try:
            super().doRollover()
        except OSError:
            if self.stream is None:
                self.stream = self._open()

    def handleError(self, record: logging.LogRecord) -> None:
        pass  # a full disk or a vanished folder: the program goes on without its log


def log_dir() -> Path:
    override = os.environ.get("GUESTCARD_HOME")
    if override:
        return Path(override) / "logs"
    import platformdirs  # lazy like paths.user_data_dir: ~20 ms the start saves under GUESTCARD_HOME (bench_gui)

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def logger(name: str = "") -> logging.Logger:
    return logging.getLogger(f"{APP_NAME}.{name}" if name else APP_NAME)


def configure_logging(level: int = logging.INFO) -> Path:
    """Attach the rotating log file to the ``guestcard`` logger (once; again if the folder
    changed) and return its path. The file is created when the first record is written."""
    global _handler
    folder = log_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.gettempdir()) / f"{APP_NAME}-logs"  # (the file itself is 0600)
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / LOG_NAME
    for old in (path, *(path.with_name(f"{LOG_NAME}.{n}") for n in range(1, BACKUP_COUNT + 1))):
        with contextlib.suppress(OSError):
            if old.exists() and old.stat().st_mode & 0o077:
                old.chmod(0o600)
    root = logger()
    if _handler is not None and Path(_handler.baseFilename) == path.absolute():
        return path
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    handler = _RotatingFile(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.setLevel(level)
    root.addHandler(handler)
    root.setLevel(level)
    _handler = handler
    return path


def safe_description(exc: BaseException) -> str:
    """``Type: message`` without guest data: for an SQLAlchemy/driver error the driver's first
    line (no SQL, no parameters, none of PostgreSQL's DETAIL lines, which quote key values);
    for anything else its first line, cut at 300 characters."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException) and type(exc).__module__.startswith("sqlalchemy"):
        return f"{type(exc).__name__}: {type(orig).__name__}: {_first_line(orig)}"
    return f"{type(exc).__name__}: {_first_line(exc)}"


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    if type(exc).__module__.startswith("sqlalchemy"):
        text = text.split("[SQL:", 1)[0]  # the statement and its parameters follow
    line = text.splitlines()[0].strip() if text else ""
    return (line[:300] + "…") if len(line) > 300 else line


def safe_traceback(exc: BaseException) -> str:
    """The traceback of ``exc`` and the exceptions it came from, each described safely."""
    chain: list[tuple[BaseException, str]] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    link = ""
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append((current, link))
        if current.__cause__ is not None:
            current, link = current.__cause__, "The above exception was the direct cause of the following:"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "During handling, another exception occurred:"
        else:
            current = None
    parts: list[str] = []
    for error, joined in reversed(chain):
        lines = ["Traceback (most recent call last):\n", *traceback.format_tb(error.__traceback__)]
        parts.append("".join(lines) + safe_description(error) + "\n")
        if joined:
            parts.append("\n" + joined + "\n\n")
    return "".join(parts).rstrip("\n")


def log_exception(exc: BaseException, context: str, name: str = "") -> Path:
    """Log an unexpected error with its traceback and what was being done; the log's path.
    Exception messages are described safely (``safe_traceback``): no SQL parameters, no rows."""
    path = configure_logging()
    from guestcard import __version__  # lazy: importlib.metadata (~20 ms), which the window's start skips

    logger(name).error(
        "unexpected error while %s (guestcard %s, Python %s, %s)\n%s",
        context,
        __version__,
        sys.version.split()[0],
        sys.platform,
        safe_traceback(exc),
    )
    return path
