"""The window's translations: resources/translations/*.ts hold every string of the code, the Chinese
is complete and keeps its placeholders and accelerators, the .qm files are built from the .ts and
load, Qt's own Chinese is found, and the wheel carries them.

``packaging/build_translations.py`` is the tool under test: its lupdate run over the current sources
is compared with the committed files, so a string added to the code without running the script (or
without a Chinese translation) fails here with the string named.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
HOW = "run: python packaging/build_translations.py (then translate the new strings in guestcard_zh_CN.ts)"


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_translations", ROOT / "packaging" / "build_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # the dataclass looks its module up
    spec.loader.exec_module(module)
    return module


bt = _load_script()


def _fresh(lang: str, tmp_path: Path) -> list:
    """The .ts of ``lang`` as lupdate makes it from the code now (committed translations merged in)."""
    fresh = tmp_path / f"guestcard_{lang}.ts"
    shutil.copyfile(bt.ts_path(lang), fresh)
    bt.lupdate(fresh, lang)
    return bt.read_ts(fresh)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_ts_files_hold_exactly_the_strings_of_the_code(lang: str, tmp_path: Path) -> None:
    committed = {message.key for message in bt.read_ts(bt.ts_path(lang))}
    current = {message.key for message in _fresh(lang, tmp_path)}
    missing = sorted(current - committed)
    gone = sorted(committed - current)
    assert not missing, f"{len(missing)} strings of the code are not in guestcard_{lang}.ts, e.g. {missing[:5]}; {HOW}"
    assert not gone, f"guestcard_{lang}.ts keeps {len(gone)} strings the code no longer has, e.g. {gone[:5]}; {HOW}"
    assert len(current) > 300


def test_every_chinese_string_is_translated_with_its_placeholders_and_accelerator() -> None:
    messages = bt.read_ts(bt.ts_path("zh_CN"))
    untranslated = [message.key for message in messages if not message.finished]
    assert not untranslated, f"no Chinese for {untranslated}"
    wrong = [(message.key, message.translation, bt.translation_problems(message))
             for message in messages if bt.translation_problems(message)]
    assert not wrong, wrong


def test_the_chinese_is_chinese() -> None:
    """A translation that merely repeats the English slipped through (allowed: file filters, paper sizes…)."""
    same = [message.key for message in bt.read_ts(bt.ts_path("zh_CN"))
            if message.translation == message.source and any(c.isalpha() and c.isascii() for c in message.source)
            and message.source not in {"Ctrl+F", "A5"}]
    assert not same, same


def test_translation_problems_are_caught() -> None:
    def problems(source: str, translation: str) -> list[str]:
        return bt.translation_problems(bt.Message("ctx", source, "", translation, True))

    assert problems("Delete %1?", "删除 %1？") == []
    assert problems("%1 cards on %2 pages.", "%1 张卡，共 %2 页。") == []
    assert problems("%1 cards on %2 pages.", "%1 张卡。") == ["placeholders differ"]
    assert problems("Delete %1?", "删除 %2？") == ["placeholders differ"]
    assert problems("row %v of %m", "第 %v / %m 行") == []
    assert problems("row %v of %m", "第 %v 行") == ["placeholders differ"]
    assert problems("&File", "文件(&F)") == []
    assert problems("&File", "文件") == ["the & accelerator is lost"]
    assert problems("Search && replace", "查找和替换") == []
    assert problems("Save", "保存(&S)") == ["an & too many"]


def test_check_reports_a_missing_translation_and_a_stale_qm(tmp_path: Path) -> None:
    folder = tmp_path / "translations"
    shutil.copytree(bt.TRANSLATIONS, folder)
    assert bt.check(folder) == [], "the committed translations are not up to date: " + HOW

    ts = folder / "guestcard_zh_CN.ts"
    tree = ET.parse(ts)
    for context in tree.getroot().iter("context"):
        if context.findtext("name") == "MainWindow":
            for message in context.iter("message"):
                if message.findtext("source") == "&File":
                    translation = message.find("translation")
                    assert translation is not None
                    translation.text = ""
                    translation.set("type", "unfinished")
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    errors = bt.check(folder)
    assert any("no translation for MainWindow: '&File'" in error for error in errors), errors
    assert any("guestcard_zh_CN.qm is not what lrelease makes" in error for error in errors), errors
    assert not any("guestcard_en" in error for error in errors), errors


def test_check_reports_a_string_the_code_has_but_the_ts_lacks(tmp_path: Path) -> None:
    folder = tmp_path / "translations"
    shutil.copytree(bt.TRANSLATIONS, folder)
    ts = folder / "guestcard_en.ts"
    tree = ET.parse(ts)
    root = tree.getroot()
    main = next(c for c in root.iter("context") if c.findtext("name") == "MainWindow")
    message = next(m for m in main.iter("message") if m.findtext("source") == "&Help")
    main.remove(message)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    errors = bt.check(folder)
    assert any(error.startswith("guestcard_en.ts lacks MainWindow: '&Help'") for error in errors), errors


def test_shorthand_wrappers_are_read_through() -> None:
    """``_tr("…")`` over ``QCoreApplication.translate("Ctx", text)`` reaches lupdate with its context."""
    source = (
        "from PySide6.QtCore import QCoreApplication\n\n\n"
        "def _tr(text: str) -> str:\n"
        '    """Shorthand."""\n'
        '    return QCoreApplication.translate("safety", text)\n\n\n'
        'LABEL = _tr("Back up now")\n'
        'OTHER = obj._tr("not ours")\n'
    )
    spelled = bt.spelled_out(source)
    assert 'LABEL = QCoreApplication.translate("safety", "Back up now")' in spelled
    assert "def _tr(text: str)" in spelled
    assert 'obj._tr("not ours")' in spelled
    assert spelled.count("\n") == source.count("\n"), "line numbers must stay"

    with_constant = (
        'CONTEXT = "DashboardCharts"\n\n\n'
        "def tr(text: str) -> str:\n"
        "    return QCoreApplication.translate(CONTEXT, text)\n\n\n"
        'TITLE = tr("Churn alerts")\n'
        'OURS = self.tr("Left alone")\n'
    )
    spelled = bt.spelled_out(with_constant)
    assert 'TITLE = QCoreApplication.translate("DashboardCharts", "Churn alerts")' in spelled
    assert 'self.tr("Left alone")' in spelled


def test_check_refuses_a_tr_without_context(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A module-level ``tr("…")`` lupdate files under no context: PySide never translates it."""
    module = tmp_path / "src" / "guestcard" / "gui" / "stray.py"
    module.parent.mkdir(parents=True)
    module.write_text('def tr(text, n):\n    return text\n\n\nLABEL = tr("Stray label", 1)\n', encoding="utf-8")
    code = bt.sources()
    monkeypatch.setattr(bt, "sources", lambda: [*code, module])
    folder = tmp_path / "translations"
    shutil.copytree(bt.TRANSLATIONS, folder)
    errors = bt.check(folder)
    assert any("'Stray label': a tr() outside a class has no context" in error for error in errors), errors


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_qm_files_are_what_lrelease_makes_of_the_ts(lang: str, tmp_path: Path) -> None:
    built = tmp_path / f"guestcard_{lang}.qm"
    bt.lrelease(bt.ts_path(lang), built)
    assert bt.qm_path(lang).read_bytes() == built.read_bytes(), f"guestcard_{lang}.qm is stale; {HOW}"


def test_qm_loads_and_translates(qapp: object) -> None:
    from PySide6.QtCore import QTranslator

    from guestcard.gui.i18n import QM_NAMES, translations_dir

    zh = QTranslator()
    assert zh.load(QM_NAMES["zh"], str(translations_dir()))
    assert zh.translate("MainWindow", "&File") == "文件(&F)"
    assert zh.translate("MainWindow", "New customer") == "新建客户"
    assert zh.translate("CustomersPage", "%1 customers") == "%1 位客户"
    assert zh.translate("models", "Favourite dishes") == "喜好菜品"
    en = QTranslator()
    assert en.load(QM_NAMES["en"], str(translations_dir()))


def test_qt_own_chinese_is_found(qapp: object) -> None:
    """The standard buttons (OK, Cancel, Save, Discard) of Qt's dialogs in Chinese: PySide6 ships qtbase_zh_CN."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    qt = QTranslator()
    assert qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert qt.translate("QPlatformTheme", "Cancel") == "取消"
    assert qt.translate("QPlatformTheme", "Save") == "保存"


def test_languages_switch_both_translators(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication, QLocale

    from guestcard.gui.i18n import Languages

    languages = Languages(qapp)  # type: ignore[arg-type]
    try:
        assert languages.apply("zh") is True
        assert QCoreApplication.translate("MainWindow", "&Customer") == "客户(&C)"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
        assert languages.apply("en") is True
        assert QCoreApplication.translate("MainWindow", "&Customer") == "&Customer"
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        languages.apply("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def test_the_wheel_carries_the_translations() -> None:
    """pyproject puts resources/ into the wheel at guestcard/data/resources, where shipped_dir looks first."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include["resources"] == "guestcard/data/resources"
    from guestcard.gui.i18n import translations_dir

    for lang in ("zh_CN", "en"):
        assert (translations_dir() / f"guestcard_{lang}.qm").is_file()
