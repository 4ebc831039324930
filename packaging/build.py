"""Build the one-folder application: ``python packaging/build.py`` → ``dist/guestcard/``.

Runs PyInstaller on packaging/guestcard.spec with the Python that runs this script (it needs
guestcard installed, e.g. ``pip install -e '.[build]'``). Then, by platform:

- Linux: adds ``share/`` (the .desktop file, AppStream metadata, icons) and ``install.sh`` to the
  folder, so ``dist/guestcard/install.sh`` installs it for the user (or, as root, for everyone);
  ``--archive`` also writes ``dist/guestcard-VERSION-linux-ARCH.tar.gz``.
- Windows: ``--installer`` compiles packaging/windows/guestcard.iss with Inno Setup's ``ISCC``
  (on PATH or in its usual folder) into ``dist/guestcard-VERSION-setup.exe``.

Prints the build time and the folder's size at the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "guestcard.spec"
APP_ID = "com.example.guestcard"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
# Drivers guestcard imports only when needed; the bundle has them if this Python has them.
OPTIONAL_DRIVERS = {
    "psycopg": "open PostgreSQL databases (--db-url postgresql+psycopg://…)",
    "sqlcipher3": "open password-protected database files",
}


def project_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def numeric_version(version: str) -> str:
    """Four numbers for Windows' file version: 1.2.3rc1 → 1.2.3.0."""
    numbers = []
    for part in version.split(".")[:4]:
        digits = ""
        for char in part:
            if not char.isdigit():
                break
            digits += char
        numbers.append(digits or "0")
    return ".".join((numbers + ["0"] * 4)[:4])


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def run_pyinstaller(dist: Path, work: Path, clean: bool) -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
    ]
    if clean:
        command.append("--clean")
    subprocess.run([*command, str(SPEC)], check=True, cwd=ROOT)


def add_linux_files(bundle: Path) -> None:
    """share/ as an XDG prefix expects it, and the install script beside the executable."""
    share = bundle / "share"
    linux = PACKAGING / "linux"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy2(linux / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    shutil.copy2(linux / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    icons = share / "icons" / "hicolor"
    for size in ICON_SIZES:
        target = icons / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PACKAGING / "icons" / f"guestcard-{size}.png", target / f"{APP_ID}.png")
    svg = ROOT / "resources" / "icons" / "guestcard.svg"
    if svg.is_file():
        (icons / "scalable" / "apps").mkdir(parents=True, exist_ok=True)
        shutil.copy2(svg, icons / "scalable" / "apps" / f"{APP_ID}.svg")
    shutil.copy2(linux / "install.sh", bundle / "install.sh")
    (bundle / "install.sh").chmod(0o755)


def linux_archive(bundle: Path, version: str) -> Path:
    archive = bundle.parent / f"guestcard-{version}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(bundle, arcname=f"guestcard-{version}")
    return archive


def find_iscc() -> str | None:
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES"), os.environ.get("LOCALAPPDATA")):
        if base:
            for candidate in Path(base).glob("Inno Setup*/ISCC.exe"):
                return str(candidate)
            candidate = Path(base) / "Programs" / "Inno Setup 6" / "ISCC.exe"
            if candidate.is_file():
                return str(candidate)
    return None


def windows_installer(bundle: Path, version: str) -> Path:
    iscc = find_iscc()
    if iscc is None:
        raise SystemExit("build: Inno Setup's ISCC.exe not found (install Inno Setup 6, or put ISCC on PATH)")
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={version}",
            f"/DNumericVersion={numeric_version(version)}",
            f"/DBundleDir={bundle}",
            f"/DIconFile={PACKAGING / 'icons' / 'guestcard.ico'}",
            f"/O{bundle.parent}",
            str(PACKAGING / "windows" / "guestcard.iss"),
        ],
        check=True,
    )
    return bundle.parent / f"guestcard-{version}-setup.exe"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build guestcard's one-folder application with PyInstaller.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where dist/guestcard/ goes (default: dist)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    parser.add_argument("--archive", action="store_true", help="Linux: also write a .tar.gz of the folder")
    parser.add_argument("--installer", action="store_true", help="Windows: also compile the Inno Setup installer")
    args = parser.parse_args(argv)

    version = project_version()
    for module, what in OPTIONAL_DRIVERS.items():
        if importlib.util.find_spec(module) is None:
            print(f"build: note: {module} is not installed here, so the bundle will not {what}", file=sys.stderr)
    started = time.perf_counter()
    run_pyinstaller(args.dist.resolve(), args.work.resolve(), args.clean)
    bundle = args.dist.resolve() / "guestcard"
    if sys.platform.startswith("linux"):
        add_linux_files(bundle)
    elapsed = time.perf_counter() - started
    size = folder_size(bundle)
    print(f"built guestcard {version} in {elapsed:.0f} s: {bundle} ({size / 1e6:.0f} MB)")
    if args.archive and sys.platform.startswith("linux"):
        print(f"archive: {linux_archive(bundle, version)}")
    if args.installer and sys.platform == "win32":
        print(f"installer: {windows_installer(bundle, version)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
