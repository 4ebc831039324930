"""Running guestcard as a process on a folder it cannot write, for real (issue 23, item 10).

A root process writes through a folder's permissions, so ``chmod 0555`` proves nothing when the
tests run as root (as in the CI container). There the folder is made read-only for real instead:
a read-only bind mount in a mount namespace of the process's own (``unshare -m``: EROFS, as on a
write-protected stick or a CD), or the process runs as ``nobody`` on a folder it does not own
(``setpriv``: EACCES, as on a locked share). A test skips, saying why, when neither can be done.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from guestcard.settings import SETTINGS_FILE, Settings, save_settings

ROOT = os.geteuid() == 0 if hasattr(os, "geteuid") else False
NOBODY = 65534
_MOUNT_READ_ONLY = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"'


def _works(command: list[str]) -> bool:
    try:
        return subprocess.run(command, capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def can_mount_read_only(folder: Path) -> bool:
    return ROOT and shutil.which("unshare") is not None and _works(
        ["unshare", "-m", "sh", "-c", _MOUNT_READ_ONLY, str(folder), "true"])


def can_run_as_nobody() -> bool:
    return ROOT and shutil.which("setpriv") is not None and _works(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "true"])


class ReadOnlyRunner:
    """``run(*args)``: ``python -m guestcard *args`` with ``folder`` read-only for that process.

    ``how``: ``"read-only disk"`` (EROFS) or ``"locked folder"`` (EACCES). ``base`` holds the
    test's files (``folder``, ``home``): ``tmp_path``, or when the process runs as ``nobody`` a
    temporary folder of its own that ``nobody`` may enter (pytest's are the owner's alone)."""

    def __init__(self, tmp_path: Path, how: str) -> None:
        self.how = how
        self.base = tmp_path
        self.own_base = False
        if how == "read-only disk":
            if not can_mount_read_only(tmp_path):
                pytest.skip("a read-only mount needs root and unshare -m (mount namespaces); neither here")
        elif ROOT:
            if not can_run_as_nobody():
                pytest.skip("running as root, where chmod does not stop writes, and setpriv cannot drop to nobody")
            self.base = Path(tempfile.mkdtemp(prefix="guestcard-read-only-"))
            self.base.chmod(0o755)
            self.own_base = True
        elif os.name == "nt":
            pytest.skip("folder permissions are ACLs on Windows")
        self.folder = self.base / "guest files"
        self.folder.mkdir()
        self.home = self.base / "home"
        self.home.mkdir()
        self.home.chmod(0o777)  # the process (nobody, perhaps) writes its log there
        # The tests read the English lines; a fresh install's language is Chinese.
        (self.home / SETTINGS_FILE).unlink(missing_ok=True)
        save_settings(Settings(language="en"), self.home / SETTINGS_FILE).chmod(0o644)

    def cleanup(self) -> None:
        if self.own_base:
            shutil.rmtree(self.base, ignore_errors=True)

    def run(self, *args: str, env: dict[str, str] | None = None, timeout: float = 120
            ) -> subprocess.CompletedProcess[str]:
        command: Sequence[str] = [sys.executable, "-m", "guestcard", *args]
        environment = {**os.environ, "GUESTCARD_HOME": str(self.home), **(env or {})}
        if self.how == "read-only disk":
            command = ["unshare", "-m", "sh", "-c", _MOUNT_READ_ONLY, str(self.folder), *command]
        elif ROOT:
            command = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *command]
        mode = self.folder.stat().st_mode
        if self.how == "locked folder":
            self.folder.chmod(0o555)
        try:
            return subprocess.run(list(command), env=environment, capture_output=True, text=True, timeout=timeout)
        finally:
            self.folder.chmod(mode)

    def listing(self) -> list[str]:
        return sorted(p.name for p in self.folder.iterdir())
