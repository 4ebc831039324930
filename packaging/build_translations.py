"""Update the window's translation sources and compile them.

    python packaging/build_translations.py           # lupdate → resources/translations/*.ts, lrelease → *.qm
    python packaging/build_translations.py --check   # exit 1 when a .ts or .qm is out of date

The English source texts are written in the code (``self.tr("…")``, ``QCoreApplication.translate("Ctx", "…")``,
``QT_TRANSLATE_NOOP("Ctx", "…")``). ``lupdate`` collects them from ``src/guestcard/gui/*.py`` and every other
module that uses them into ``guestcard_zh_CN.ts`` (the Chinese, written by a translator: open it in
``pyside6-linguist`` or any text editor) and ``guestcard_en.ts`` (the source is English, its translations stay
empty). Existing translations are kept, strings gone from the code are dropped. ``lrelease`` then builds the
``.qm`` files the application loads (``guestcard.gui.i18n.Languages``); both ``.ts`` and ``.qm`` are committed,
and the wheel and the frozen bundle carry ``resources/``.

A module may keep a shorthand ``def _tr(text): return QCoreApplication.translate("Ctx", text)``: lupdate cannot
see through it, so the script hands lupdate copies of the sources where each ``_tr("…")`` is spelled out as
``QCoreApplication.translate("Ctx", "…")`` (same lines, so the locations in the ``.ts`` stay right).

``--check`` changes nothing. It fails when the code has a string the ``.ts`` files lack (or the ``.ts`` keeps
one the code no longer has), when a Chinese string is untranslated, loses a ``%1`` placeholder or an ``&``
accelerator, or when a ``.qm`` is not exactly what ``lrelease`` makes of its ``.ts``.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE_DIR = ROOT / "src" / "guestcard"
TRANSLATIONS = ROOT / "resources" / "translations"
# language code of the .ts/.qm name → the target language lupdate writes into a new file
LANGUAGES = {"zh_CN": "zh_CN", "en": "en"}
TRANSLATED = ("zh_CN",)  # the files whose every string must have a translation

# Modules outside gui/ take part when they call one of these (QCoreApplication.translate, self.tr, the NOOPs).
USES_TR = re.compile(r"\bQCoreApplication\.translate\(|\bself\.tr\(|\bQT_TRANSLATE_NOOP3?\(|\bQT_TR_NOOP\(")
PLACEHOLDER = re.compile(r"%(?:L?\d+|n|[vmp](?![A-Za-z]))")  # %1, %n; %v %m %p of a QProgressBar format
ACCELERATOR = re.compile(r"&(?!&)(?=\S)")


class ToolMissing(RuntimeError):
    pass


def tool(name: str) -> Path:
    """``lupdate`` / ``lrelease``: next to the installed PySide6, else ``pyside6-<name>`` on the PATH."""
    try:
        import PySide6

        folder = Path(PySide6.__file__).parent
        for candidate in (folder / name, folder / f"{name}.exe"):
            if candidate.is_file():
                return candidate
    except ImportError:
        pass
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found:
        return Path(found)
    raise ToolMissing(f"{name} not found: install PySide6 (pip install pyside6-essentials)")


def sources(root: Path = SOURCE_DIR) -> list[Path]:
    """Every module with translatable strings: all of ``gui/`` and any other module that uses tr."""
    found = set((root / "gui").glob("*.py"))
    for path in root.rglob("*.py"):
        if path not in found and USES_TR.search(path.read_text(encoding="utf-8")):
            found.add(path)
    return sorted(found)


def ts_path(lang: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / f"guestcard_{lang}.ts"


def qm_path(lang: str, folder: Path = TRANSLATIONS) -> Path:
    return folder / f"guestcard_{lang}.qm"


def _run(command: Sequence[str | Path], cwd: Path = ROOT) -> None:
    result = subprocess.run([str(part) for part in command], capture_output=True, text=True, cwd=cwd)
    if result.returncode != 0:
        raise RuntimeError(f"{Path(command[0]).name} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    # lupdate reports strings it cannot read (a tr() of a variable, an f-string) as warnings: show them.
    for line in (result.stdout + result.stderr).splitlines():
        if "warning" in line.lower() or "error" in line.lower():
            print(line, file=sys.stderr)


def _is_translate_call(node: ast.AST, argument: str, constants: dict[str, str]) -> str | None:
    """The context of ``QCoreApplication.translate("Ctx", argument)`` (or of a module constant), else None."""
    if not (isinstance(node, ast.Call) and len(node.args) == 2 and not node.keywords):
        return None
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    context, text = node.args
    if name != "translate" or not (isinstance(text, ast.Name) and text.id == argument):
        return None
    if isinstance(context, ast.Constant) and isinstance(context.value, str):
        return context.value
    if isinstance(context, ast.Name):
        return constants.get(context.id)
    return None


def _string_constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"``."""
    constants: dict[str, str] = {}
    for node in tree.body:
        target, value = None, None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.value
        if isinstance(target, ast.Name) and isinstance(value, ast.Constant) and isinstance(value.value, str):
            constants[target.id] = value.value
    return constants


def tr_wrappers(tree: ast.Module) -> dict[str, str]:
    """Module-level ``def NAME(text): return QCoreApplication.translate("Ctx", text)``: NAME → Ctx
    (the context may be a module-level string constant)."""
    constants = _string_constants(tree)
    found: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or len(node.args.args) != 1:
            continue
        body = [statement for statement in node.body
                if not (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant))]
        if len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is not None:
            context = _is_translate_call(body[0].value, node.args.args[0].arg, constants)
            if context is not None:
                found[node.name] = context
    return found


def spelled_out(text: str) -> str:
    """The module's source with its ``_tr("…")`` shorthands written as ``QCoreApplication.translate("Ctx", "…")``."""
    try:
        wrappers = tr_wrappers(ast.parse(text))
    except SyntaxError:
        return text
    for name, context in wrappers.items():
        text = re.sub(rf"(?<![\w.])(?<!def ){re.escape(name)}\(", f'QCoreApplication.translate("{context}", ', text)
    return text


def lupdate(ts: Path, lang: str, files: Iterable[Path] | None = None) -> None:
    """Merge the code's strings into ``ts`` (created when missing): translations kept, vanished ones dropped.

    lupdate reads copies of the sources (shorthands spelled out) laid out like the repository, so the
    locations it writes into the ``.ts`` name the real files."""
    files = list(files if files is not None else sources())
    with tempfile.TemporaryDirectory() as tmp:
        mirror = Path(tmp)
        copies = []
        for path in files:
            resolved = path.resolve()
            inside = resolved.relative_to(ROOT) if resolved.is_relative_to(ROOT) else Path("elsewhere", path.name)
            copy = mirror / inside
            copy.parent.mkdir(parents=True, exist_ok=True)
            copy.write_text(spelled_out(path.read_text(encoding="utf-8")), encoding="utf-8")
            copies.append(copy)
        work_ts = mirror / TRANSLATIONS.relative_to(ROOT) / ts.name
        work_ts.parent.mkdir(parents=True, exist_ok=True)
        if ts.is_file():
            shutil.copyfile(ts, work_ts)
        _run([tool("lupdate"), "-silent", "-no-obsolete", "-locations", "relative", "-source-language", "en",
              "-target-language", LANGUAGES[lang], *copies, "-ts", work_ts], cwd=mirror)
        shutil.copyfile(work_ts, ts)


def lrelease(ts: Path, qm: Path) -> None:
    _run([tool("lrelease"), "-silent", ts, "-qm", qm])


# --- reading .ts files ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    translation: str
    finished: bool  # translated and not marked unfinished/vanished/obsolete

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


def read_ts(ts: Path) -> list[Message]:
    messages: list[Message] = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None:
                text, kind = "", "unfinished"
            else:
                forms = translation.findall("numerusform")
                text = "".join(form.text or "" for form in forms) if forms else (translation.text or "")
                kind = translation.get("type", "")
            messages.append(Message(name, message.findtext("source") or "", message.findtext("comment") or "",
                                    text, bool(text) and kind not in ("unfinished", "vanished", "obsolete")))
    return messages


def translation_problems(message: Message) -> list[str]:
    """What is wrong with one translated message (placeholders, accelerator)."""
    problems = []
    if sorted(PLACEHOLDER.findall(message.source)) != sorted(PLACEHOLDER.findall(message.translation)):
        problems.append("placeholders differ")
    if bool(ACCELERATOR.search(message.source)) != bool(ACCELERATOR.search(message.translation)):
        problems.append("the & accelerator is lost" if ACCELERATOR.search(message.source) else "an & too many")
    return problems


def _describe(key: tuple[str, str, str]) -> str:
    context, source, comment = key
    return f"{context}: {source!r}" + (f" ({comment})" if comment else "")


def check(folder: Path = TRANSLATIONS) -> list[str]:
    """Everything out of date, as sentences; empty when the committed files are right."""
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        for lang in LANGUAGES:
            ts = ts_path(lang, folder)
            if not ts.is_file():
                errors.append(f"{ts.name} is missing: run python packaging/build_translations.py")
                continue
            fresh = ts_path(lang, scratch)
            shutil.copyfile(ts, fresh)
            lupdate(fresh, lang)
            committed = {m.key for m in read_ts(ts)}
            current = read_ts(fresh)
            for key in sorted({m.key for m in current} - committed):
                errors.append(f"{ts.name} lacks {_describe(key)}: run python packaging/build_translations.py")
            if lang in TRANSLATED:
                errors.extend(f"{_describe(message.key)}: a tr() outside a class has no context and is never "
                              "translated; write QCoreApplication.translate(\"Context\", \"…\")"
                              for message in current if not message.context)
            for key in sorted(committed - {m.key for m in current}):
                errors.append(f"{ts.name} keeps {_describe(key)}, gone from the code: "
                              "run python packaging/build_translations.py")
            if lang in TRANSLATED:
                for message in read_ts(ts):
                    if not message.finished:
                        errors.append(f"{ts.name}: no translation for {_describe(message.key)}")
                    else:
                        errors.extend(f"{ts.name}: {problem} in {_describe(message.key)} → {message.translation!r}"
                                      for problem in translation_problems(message))
            qm = qm_path(lang, folder)
            built = qm_path(lang, scratch)
            lrelease(ts, built)
            if not qm.is_file():
                errors.append(f"{qm.name} is missing: run python packaging/build_translations.py")
            elif qm.read_bytes() != built.read_bytes():
                older = " (older than its .ts)" if qm.stat().st_mtime < ts.stat().st_mtime else ""
                errors.append(f"{qm.name} is not what lrelease makes of {ts.name}{older}: "
                              "run python packaging/build_translations.py")
    return errors


def build(folder: Path = TRANSLATIONS) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    files = sources()
    for lang in LANGUAGES:
        lupdate(ts_path(lang, folder), lang, files)
        lrelease(ts_path(lang, folder), qm_path(lang, folder))
    untranslated = [m for lang in TRANSLATED for m in read_ts(ts_path(lang, folder)) if not m.finished]
    total = {lang: len(read_ts(ts_path(lang, folder))) for lang in LANGUAGES}
    print(f"{len(files)} source files, {total['zh_CN']} strings; "
          f"{len(untranslated)} without a Chinese translation" + (":" if untranslated else "."))
    for message in untranslated:
        print(f"  {_describe(message.key)}")
    for message in read_ts(ts_path(TRANSLATED[0], folder)):
        if not message.context:
            print(f"warning: {message.source!r} is a tr() outside a class (no context): it is never translated; "
                  'write QCoreApplication.translate("Context", "…")', file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Update resources/translations/*.ts from the code and build *.qm.")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when a string is missing or untranslated or a .qm is stale")
    args = parser.parse_args(argv)
    try:
        if args.check:
            errors = check()
            for error in errors:
                print(error, file=sys.stderr)
            if not errors:
                print("translations up to date")
            return 1 if errors else 0
        build()
    except (ToolMissing, RuntimeError) as error:
        print(error, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
