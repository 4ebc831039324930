"""The installable application: packaging metadata, and the frozen bundle built and run for real.

The slow tests build ``dist/guestcard`` with ``packaging/build.py`` into a temporary folder (about
a minute and a half on two cores) and run the frozen program in a bare environment: no PATH, no
fontconfig fonts, its own HOME. They are skipped only when PyInstaller is not installed.
"""

from __future__ import annotations

import configparser
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
APP_ID = "com.example.guestcard"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
ISS = PACKAGING / "windows" / "guestcard.iss"
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
LINUX = sys.platform.startswith("linux")
EXE_NAME = "guestcard.exe" if sys.platform == "win32" else "guestcard"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


# --- metadata (fast) -------------------------------------------------------------------------


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive: Name[zh_CN]
    parser.read_string(DESKTOP.read_text(encoding="utf-8"))
    return parser["Desktop Entry"]


def test_desktop_file_parses_and_carries_the_version() -> None:
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "guestcard"
    assert entry["Name[zh_CN]"] == "客史档案"
    assert entry["Exec"].split()[0] == "guestcard"
    assert entry["Icon"] == APP_ID
    assert "Office" in entry["Categories"].rstrip(";").split(";")
    assert entry["Terminal"] == "false"
    assert entry["X-Guestcard-Version"] == VERSION


def test_appstream_metainfo_parses_and_carries_the_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    summaries = {s.get(XML_LANG): s.text for s in root.findall("summary")}
    assert summaries.get(None) and summaries.get("zh_CN")
    names = {n.get(XML_LANG): n.text for n in root.findall("name")}
    assert names["zh_CN"] == "客史档案"
    assert root.find("description/p") is not None
    assert root.find("content_rating").get("type", "").startswith("oars-")
    releases = root.findall("releases/release")
    assert releases, "metainfo lists no release"
    assert releases[0].get("version") == VERSION, "the newest <release> must be pyproject's version"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date", ""))
    assert root.findtext("provides/binary") == "guestcard"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils is not installed")
def test_desktop_file_validates() -> None:
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream is not installed")
def test_appstream_metainfo_validates() -> None:
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_inno_setup_script_keeps_the_data_folder_and_a_stable_app_id() -> None:
    text = ISS.read_text(encoding="utf-8")
    assert re.search(r"^AppId=\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$", text, re.M)
    assert "AppVersion={#AppVersion}" in text and "#ifndef AppVersion" in text
    assert "PrivilegesRequiredOverridesAllowed=dialog" in text
    assert re.search(r'^Name: "\{autoprograms\}\\', text, re.M), "no Start-menu entry"
    # The database lives in %LOCALAPPDATA%\guestcard (platformdirs): nothing may install there or delete it,
    # and the program folder must not be that folder.
    sections = re.split(r"^\[", text, flags=re.M)
    for section in sections:
        if section.startswith(("UninstallDelete]", "InstallDelete]", "Files]", "Dirs]")):
            assert "{localappdata}" not in section.lower() and "{userappdata}" not in section.lower(), section
    assert re.search(r"^DefaultDirName=\{autopf\}\\", text, re.M)


def test_install_script_is_valid_sh() -> None:
    done = subprocess.run(["sh", "-n", str(PACKAGING / "linux" / "install.sh")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# --- the frozen bundle (slow) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/guestcard built by packaging/build.py into a temporary folder, with its own PyInstaller cache."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is not installed (pip install -e '.[build]')")
    if LINUX and shutil.which("objdump") is None:
        pytest.fail("PyInstaller needs objdump on Linux: apt-get install binutils")
    base = tmp_path_factory.mktemp("bundle")
    env = {**os.environ, "PYINSTALLER_CONFIG_DIR": str(base / "cache")}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(PACKAGING / "build.py"), "--dist", str(base / "dist"), "--work", str(base / "work")],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        pytest.fail(f"build failed after {elapsed:.0f} s:\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}")
    print(f"\nbundle built in {elapsed:.0f} s: {done.stdout.strip().splitlines()[-1]}")
    return base / "dist" / "guestcard"


@pytest.fixture
def bare_env(tmp_path: Path) -> dict[str, str]:
    """Nothing from this machine but the kernel: no PATH (so no fc-match), fontconfig without fonts,
    a fresh HOME and data folder. Whatever the frozen program needs must come from the bundle."""
    (tmp_path / "empty-bin").mkdir()
    (tmp_path / "home").mkdir()
    fonts_conf = tmp_path / "fonts.conf"
    fonts_conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig></fontconfig>\n'
    )
    env = {
        "PATH": str(tmp_path / "empty-bin"),
        "HOME": str(tmp_path / "home"),
        "GUESTCARD_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
        "XDG_DATA_HOME": str(tmp_path / "home" / ".local" / "share"),
        "XDG_CACHE_HOME": str(tmp_path / "home" / ".cache"),
        "FONTCONFIG_FILE": str(fonts_conf),
        "LANG": "C.UTF-8",
        "QT_QPA_PLATFORM": "offscreen",
    }
    if sys.platform == "win32":  # Windows needs these to start a process at all
        env.update({k: os.environ[k] for k in ("SYSTEMROOT", "WINDIR", "TEMP", "TMP") if k in os.environ})
    return env


# On Windows the window's executable has no console; guestcard-cli.exe beside it has one.
CLI_NAME = "guestcard-cli.exe" if sys.platform == "win32" else "guestcard"


def frozen(bundle: Path, env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bundle / CLI_NAME), *args], capture_output=True, text=True, env=env, timeout=timeout, check=False
    )


def run_cli(bundle: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = frozen(bundle, env, *args)
    assert done.returncode == 0, f"guestcard {' '.join(args)} → {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def write_sheet(path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "手机", "公司", "生日", "喜爱菜品", "过敏忌口"])
    sheet.append(["张伟", "13812345678", "东方饭店集团", "1985-03-02", "清蒸石斑鱼", "花生"])
    sheet.append(["李娜", "13987654321", "华夏贸易有限公司", "3月8日", "北京烤鸭", ""])
    sheet.append(["欧阳明", "+86 139 1111 2222", "", "", "佛跳墙", "海鲜"])
    book.save(path)


@pytest.mark.slow
def test_bundle_layout(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (bundle / EXE_NAME).is_file()
    # importlib.resources finds the package data where the wheel puts it.
    assert (internal / "guestcard" / "data" / "forms" / "guest_history.toml").is_file()
    assert (internal / "guestcard" / "data" / "resources" / "fonts" / "wqy-microhei.ttc").is_file()
    assert (internal / "guestcard" / "data" / "resources" / "translations" / "guestcard_zh_CN.qm").is_file()
    # Alembic loads the migration scripts by path.
    assert (internal / "guestcard" / "storage" / "migrations" / "env.py").is_file()
    assert list((internal / "guestcard" / "storage" / "migrations" / "versions").glob("0001_*.py"))
    assert list(internal.glob("guestcard-*.dist-info")), "no metadata: __version__ would be 0.0.0+source"
    assert (internal / "pypinyin" / "pinyin_dict.json").is_file()
    if LINUX:
        plugins = internal / "PySide6" / "Qt" / "plugins"
        for plugin in ("platforms/libqoffscreen.so", "platforms/libqxcb.so", "printsupport/libcupsprintersupport.so"):
            assert (plugins / plugin).is_file(), plugin
        libs = {p.name for p in (internal / "PySide6" / "Qt" / "lib").iterdir()}
        assert not {lib for lib in libs if re.match(r"libQt6(Quick|Qml|WebEngine|3D|Multimedia)", lib)}, libs
        assert (bundle / "install.sh").is_file()
        assert (bundle / "share" / "applications" / DESKTOP.name).is_file()
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"\nbundle size: {size / 1e6:.0f} MB")
    assert size < 260e6, f"the bundle grew to {size / 1e6:.0f} MB"


@pytest.mark.slow
def test_frozen_version(bundle: Path, bare_env: dict[str, str]) -> None:
    started = time.perf_counter()
    done = run_cli(bundle, bare_env, "--version")
    elapsed = time.perf_counter() - started
    assert done.stdout.strip() == f"guestcard {VERSION}"
    print(f"\nfrozen --version: {elapsed:.2f} s")


@pytest.mark.slow
def test_frozen_import_search_and_print_with_the_bundled_font(
    bundle: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    sheet, db, pdf = tmp_path / "客人.xlsx", tmp_path / "guests.sqlite3", tmp_path / "cards.pdf"
    write_sheet(sheet)
    run_cli(bundle, bare_env, "--db", str(db), "--create", "import", str(sheet))
    found = run_cli(bundle, bare_env, "--db", str(db), "list", "-q", "zw")  # pinyin initials: pypinyin's data
    assert "张伟" in found.stdout and "李娜" not in found.stdout
    customer_id = re.search(r"^(\d+)\s+张伟", found.stdout, re.M).group(1)

    # With no PATH there is no fc-match, and fontconfig knows no font: the bundled font is the only one.
    assert "GUESTCARD_PRINT_FONT" not in bare_env
    run_cli(bundle, bare_env, "--db", str(db), "print", str(pdf), "--ids", customer_id)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdffonts") and shutil.which("pdftotext"):
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        rows = [line.split() for line in fonts.splitlines()[2:] if line.strip()]
        assert rows and all(row[-5] == "yes" for row in rows), fonts  # the "emb" column
        assert any("WenQuanYi" in row[0] for row in rows), fonts
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    else:
        from pypdf import PdfReader

        reader = PdfReader(pdf)
        text = "".join(page.extract_text() for page in reader.pages)
        fonts = repr([page["/Resources"]["/Font"] for page in reader.pages])
    assert "张伟" in text and "东方饭店集团" in text and "清蒸石斑鱼" in text

    # And the font it found is the one inside the bundle: without it, printing names that very file.
    font = bundle / "_internal" / "guestcard" / "data" / "resources" / "fonts" / "wqy-microhei.ttc"
    hidden = font.with_name("hidden.bin")
    font.rename(hidden)
    try:
        failed = frozen(bundle, bare_env, "--db", str(db), "print", str(tmp_path / "none.pdf"), "--ids", customer_id)
    finally:
        hidden.rename(font)
    assert failed.returncode != 0
    assert str(font) in failed.stderr, failed.stderr


@pytest.mark.slow
def test_frozen_upgrades_a_database_from_every_older_schema(
    bundle: Path, bare_env: dict[str, str], tmp_path: Path
) -> None:
    """Migrations run inside the bundle (Alembic loads them by path) from each earlier revision to head."""
    from sqlalchemy import create_engine

    from guestcard.storage import migrate

    head = migrate.head()
    older = sorted(migrate.known_revisions() - {head})
    for revision in older:
        db = tmp_path / f"at-{revision}.sqlite3"
        engine = create_engine(f"sqlite:///{db}")
        migrate.upgrade(engine, revision)
        engine.dispose()
        run_cli(bundle, bare_env, "--db", str(db), "add", "--name", "欧阳娜娜", "--phone", "13700001111")
        listed = run_cli(bundle, bare_env, "--db", str(db), "list", "-q", "欧阳")
        assert "欧阳娜娜" in listed.stdout
        with closing(sqlite3.connect(db)) as connection:
            assert connection.execute("select version_num from alembic_version").fetchone()[0] == head


@pytest.mark.slow
def test_frozen_window_starts_offscreen(bundle: Path, bare_env: dict[str, str], tmp_path: Path) -> None:
    """The window opens a database and fills its Today page inside the bundle: the start-up probe
    prints shown, ready (database open, first page of customers) and today, then quits."""
    db = tmp_path / "guests.sqlite3"
    run_cli(bundle, bare_env, "--db", str(db), "demo", "--count", "30")
    env = {**bare_env, "GUESTCARD_STARTUP_PROBE": "1"}
    done = subprocess.run([str(bundle / EXE_NAME), "--db", str(db)], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.split() == ["shown", "ready", "today"], done.stdout + done.stderr
    bad = [line for line in done.stderr.splitlines() if re.search(r"Traceback|Error|Could not|cannot", line)]
    assert not bad, done.stderr


@pytest.mark.slow
@pytest.mark.skipif(not LINUX, reason="install.sh is the Linux installer")
def test_install_script_installs_upgrades_and_uninstalls(bundle: Path, tmp_path: Path) -> None:
    prefix, home = tmp_path / "prefix", tmp_path / "home"
    data = home / ".local" / "share" / "guestcard"
    data.mkdir(parents=True)
    (data / "guestcard.sqlite3").write_bytes(b"the guests")
    env = {**os.environ, "PREFIX": str(prefix), "HOME": str(home)}
    for _ in range(2):  # install, then upgrade over it
        done = subprocess.run([str(bundle / "install.sh")], capture_output=True, text=True, env=env, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    version = subprocess.run(
        [str(prefix / "bin" / "guestcard"), "--version"], capture_output=True, text=True, check=False
    )
    assert version.stdout.strip() == f"guestcard {VERSION}", version.stderr
    installed = prefix / "share" / "applications" / DESKTOP.name
    assert f'Exec="{prefix / "bin" / "guestcard"}"' in installed.read_text(encoding="utf-8")
    assert (prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    assert (prefix / "share" / "metainfo" / METAINFO.name).is_file()
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr

    done = subprocess.run(
        [str(bundle / "install.sh"), "--uninstall"], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (prefix / "lib" / "guestcard").exists() and not (prefix / "bin" / "guestcard").exists()
    assert not installed.exists()
    assert (data / "guestcard.sqlite3").read_bytes() == b"the guests"
