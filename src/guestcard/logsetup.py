"""The log file: errors with their context, rotated, in the user log folder.

``configure_logging()`` is called once at start (the window calls it first thing; the command
line calls it when it has something to log) and returns the log file's path, to name in messages
("the details are in …"). The folder is platformdirs' user log folder, or ``GUESTCARD_HOME/logs``
when ``GUESTCARD_HOME`` is set (as ``guestcard.paths`` does for the data). Where no folder can be
made, the log goes to the temporary folder; logging never stops the program.

Messages go through ``logger(name)`` (``guestcard.NAME``). Nothing here logs passwords; callers
keep guests' data out of messages where they can (the log is a plain file, even when the database
is encrypted).
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
import tempfile
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
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def logger(name: str = "") -> logging.Logger:
    return logging.getLogger(f"{APP_NAME}.{name}" if name else APP_NAME)


def configure_logging(level: int = logging.INFO) -> Path:
    """Attach the rotating log file to the ``guestcard`` logger (once; again if the folder
    changed) and return its path. The file is created when the first record is written."""
    global _handler
    folder = log_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.gettempdir()) / f"{APP_NAME}-logs"
        folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOG_NAME
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


def log_exception(exc: BaseException, context: str, name: str = "") -> Path:
    """Log an unexpected error with its traceback and what was being done; the log's path."""
    path = configure_logging()
    from guestcard import __version__

    logger(name).error(
        "unexpected error while %s (guestcard %s, Python %s, %s)",
        context,
        __version__,
        sys.version.split()[0],
        sys.platform,
        exc_info=(type(exc), exc, exc.__traceback__),
    )
    return path
