"""Row issues of the reader in the window's language (by their code), and the issues table's
columns."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QColor

from guestcard.gui.models import Column

ERROR_COLOR = QColor("#b3261e")
WARNING_COLOR = QColor("#8a5a00")


# The reader's messages (English, the command line's too) → translatable templates, matched whole;
# %1… are the pieces the reader put in. A message not listed here is shown as it is.
_ISSUE_TEMPLATES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.DOTALL), template) for pattern, template in (
        (r"(.+); kept as text, the field left empty", QT_TRANSLATE_NOOP("ImportIssues",
                                                                        "%1; kept as text, the field left empty")),
        (r"the row has no name; not imported", QT_TRANSLATE_NOOP("ImportIssues", "the row has no name; not imported")),
        (r"the cell shows the error (.+); left empty",
         QT_TRANSLATE_NOOP("ImportIssues", "the cell shows the error %1; left empty")),
        (r"the sheet is hidden in the workbook; read anyway",
         QT_TRANSLATE_NOOP("ImportIssues", "the sheet is hidden in the workbook; read anyway")),
        (r"no column of the header row is the name; choose the name column",
         QT_TRANSLATE_NOOP("ImportIssues", "no column of the header row is the name; choose the name column")),
        (r"(.+) is not a real date", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a real date")),
        (r"(.+) is not a date", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a date")),
        (r"cannot read (.+) as a date", QT_TRANSLATE_NOOP("ImportIssues", "cannot read %1 as a date")),
        (r"(.+) is ambiguous as a month and day \((.+) or (.+)\)",
         QT_TRANSLATE_NOOP("ImportIssues", "%1 is ambiguous as a month and day (%2 or %3)")),
        (r"(.+) has (\d+) digits, not a phone number",
         QT_TRANSLATE_NOOP("ImportIssues", "%1 has %2 digits, not a phone number")),
        (r"(.+) is not a possible phone number",
         QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a possible phone number")),
        (r"(.+) is not a phone number", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a phone number")),
        (r"(.+) is not a customer class \(A, B or C\)",
         QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a customer class (A, B or C)")),
        (r"(.+) is not a gender \(男/女, M/F\)", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not a gender (男/女, M/F)")),
        (r"(.+) is too large an amount", QT_TRANSLATE_NOOP("ImportIssues", "%1 is too large an amount")),
        (r"(.+) is not an amount \(commas must separate thousands\)",
         QT_TRANSLATE_NOOP("ImportIssues", "%1 is not an amount (commas must separate thousands)")),
        (r"(.+) is not an amount", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not an amount")),
        (r"(.+) is not yes or no", QT_TRANSLATE_NOOP("ImportIssues", "%1 is not yes or no")),
    )
)


def issue_message(text: str) -> str:
    """A reader's message in the window's language (its first piece may itself be a known reason)."""
    for pattern, template in _ISSUE_TEMPLATES:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        translated = QCoreApplication.translate("ImportIssues", template)
        pieces = list(match.groups())
        if pieces and template.startswith("%1;"):
            pieces[0] = issue_message(pieces[0])
        for number, piece in enumerate(pieces, start=1):
            translated = translated.replace(f"%{number}", piece)
        return translated
    return text


# Issues the reader gives a code are translated by it, with its pieces (no English to match).
_ISSUE_CODES = {
    "name_not_a_guest": QT_TRANSLATE_NOOP("ImportIssues", "the name “%1” is a date, a number, a section heading or "
                                                          "a placeholder, not a guest; row skipped"),
    "vcard_photo_not_a_picture": QT_TRANSLATE_NOOP("ImportIssues", "vCard %1: the photo is not imported: it is not "
                                                                   "a JPEG or PNG picture"),
    "vcard_photo_too_large": QT_TRANSLATE_NOOP("ImportIssues", "vCard %1: the photo is not imported: %2 KB is too "
                                                               "large (at most 5 MB)"),
    "vcard_photo_unreadable": QT_TRANSLATE_NOOP("ImportIssues", "vCard %1: the photo is not imported: its data "
                                                                "cannot be read"),
    "vcard_photo_link": QT_TRANSLATE_NOOP("ImportIssues", "vCard %1: the photo is not imported: it is a link, not "
                                                          "a picture in the file"),
    "date_cell_phantom": QT_TRANSLATE_NOOP("ImportIssues", "the date cell holds %1, Excel's 29 February 1900, a day "
                                                           "that never was; kept as text, the field left empty"),
    "date_cell_not_a_day": QT_TRANSLATE_NOOP("ImportIssues", "the date cell holds %1, which is no day; kept as text, "
                                                             "the field left empty"),
    "shared_string_missing": QT_TRANSLATE_NOOP("ImportIssues", "the cell points to shared string “%1”, which the "
                                                               "workbook does not have; left empty"),
}


def issue_text(issue: Any) -> str:
    """An issue in the window's language: by its code when it has one, else by its message."""
    template = _ISSUE_CODES.get(issue.code) if getattr(issue, "code", None) else None
    if template is None:
        return issue_message(issue.message)
    text = QCoreApplication.translate("ImportIssues", template)
    for number, piece in enumerate(issue.args, start=1):
        text = text.replace(f"%{number}", piece)
    return text


ISSUE_COLUMNS = (
    Column("sheet", QT_TRANSLATE_NOOP("models", "Sheet"), lambda i: i.sheet),
    Column("row", QT_TRANSLATE_NOOP("models", "Row"), lambda i: "" if i.row is None else i.row, align_right=True),
    Column("column", QT_TRANSLATE_NOOP("models", "Column"), lambda i: i.column or ""),
    Column("level", QT_TRANSLATE_NOOP("models", "Level"),
           lambda i: QCoreApplication.translate("ImportWizard", "Error") if i.level == "error"
           else QCoreApplication.translate("ImportWizard", "Warning")),
    Column("message", QT_TRANSLATE_NOOP("models", "Message"), issue_text, tooltip=True),
)


def _csv_safe(text: str) -> str:
    """Text Excel shows as text: a leading = + - @ would start a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _issue_color(issue: Any) -> QColor:
    return ERROR_COLOR if issue.level == "error" else WARNING_COLOR

