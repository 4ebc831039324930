"""The command line's words for what the lower layers say by code (``guestcard.domain.messages``):
in the command's ``--lang``, else in the settings' language, as the window is. ``str(exc)`` (the
English) stays what the log gets."""

from __future__ import annotations

from typing import Any

from guestcard.domain.messages import LANGUAGES, Message, message_of, said


def language(context: Any) -> str:
    """``--lang`` when the command has it, else the settings' language (English when the settings
    cannot be read: the line about that must still come)."""
    lang = getattr(context.args, "lang", None)
    if lang in LANGUAGES:
        return str(lang)
    try:
        lang = context.settings.language
    except Exception:  # a broken settings file is reported by its own line
        return "en"
    return str(lang) if lang in LANGUAGES else "en"


# What the command line adds after some refusals, in Chinese.
HINTS = {
    " (use --create to make a new one)": "（用 --create 新建一个）",
    " (--password-file FILE or GUESTCARD_PASSWORD)": "（--password-file 文件，或设置 GUESTCARD_PASSWORD）",
}


# The hint after a database that does not open (cli.main's _restore_hint): the path between them.
LATEST_BACKUP = "; the latest backup is "
RESTORE_HINT = " (guestcard restore FILE puts it back)"


def worded(exc: BaseException, line: str, lang: str) -> str:
    """The error line in ``lang``: the English of a coded ``exc`` in it replaced by its words,
    and the hints the line adds (``HINTS``); a hint to restore a backup names a file and a command."""
    message = message_of(exc)
    english = str(exc)
    if message is None or lang == "en" or english not in line:
        return line
    line = line.replace(english, said(message, lang), 1)
    for hint, chinese in HINTS.items():
        if line.endswith(hint):
            line = line[: -len(hint)] + chinese
    head, latest, backup = line.rpartition(LATEST_BACKUP)
    if latest and backup.endswith(RESTORE_HINT):
        line = f"{head}；最新的备份是 {backup[: -len(RESTORE_HINT)]}（guestcard restore 该文件 即可恢复）"
    return line


def say(message: Message, lang: str) -> str:
    return said(message, lang)
