"""Messages in the window's language, by the code the lower layers give them.

The services, storage and readers raise with an English message (for the command line and the
log) and a code naming the case (``ImportRefused.code``, ``DatabaseLocked.code``…); here each code
has its words, translated like every window string. A message without a code, or with one not
listed here, is shown as written — so a new code shows English until it is added, never nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# code → the text, with %1 for the file (and %2… for the code's arguments).
REFUSALS: dict[str, str] = {
    "not_a_file": QT_TRANSLATE_NOOP("Messages", "%1 is not a file"),
    "empty": QT_TRANSLATE_NOOP("Messages", "%1 is empty (0 bytes)"),
    "html": QT_TRANSLATE_NOOP("Messages", "%1 is a web page (HTML) saved with a spreadsheet name; open it in Excel "
                                          "and save it as .xlsx"),
    "xml": QT_TRANSLATE_NOOP("Messages", "%1 is an XML file, not a workbook; open it in Excel and save it as .xlsx"),
    "pdf": QT_TRANSLATE_NOOP("Messages", "%1 is a PDF document, not a spreadsheet"),
    "word": QT_TRANSLATE_NOOP("Messages", "%1 is a Word document, not a spreadsheet"),
    "powerpoint": QT_TRANSLATE_NOOP("Messages", "%1 is a PowerPoint file, not a spreadsheet"),
    "office_no_workbook": QT_TRANSLATE_NOOP("Messages", "%1 is an Office file without a workbook in it"),
    "odf_not_sheet": QT_TRANSLATE_NOOP("Messages", "%1 is an OpenDocument file but not a spreadsheet"),
    "zip_not_workbook": QT_TRANSLATE_NOOP("Messages", "%1 is a ZIP archive, not an Excel workbook"),
    "text_not_excel": QT_TRANSLATE_NOOP("Messages", "%1 is a text file, not an Excel workbook (rename it to .csv "
                                                    "if it is comma- or tab-separated)"),
    "text_unknown": QT_TRANSLATE_NOOP("Messages", "%1 is a text file of unknown kind; save it as .csv or .xlsx"),
    "not_spreadsheet": QT_TRANSLATE_NOOP("Messages", "%1 is not a spreadsheet (neither .xlsx, .xls nor .csv)"),
    "password": QT_TRANSLATE_NOOP("Messages", "%1: the workbook is password-protected; remove the password in "
                                              "Excel (File > Info > Protect Workbook) and import it again"),
    "cannot_back_up": QT_TRANSLATE_NOOP("Messages", "%1 cannot be backed up to %2 (%3)"),
    "already_open": QT_TRANSLATE_NOOP("Messages", "%1 is already open in guestcard (%2)"),
    "file_busy_replacing": QT_TRANSLATE_NOOP("Messages", "%1 is being replaced (a password change or a restore); "
                                                         "try again when it ends"),
    "file_busy_in_use": QT_TRANSLATE_NOOP("Messages", "%1 is in use by another guestcard (a window or a command "
                                                      "still running); close it or try again when it ends"),
}


def say(exc: BaseException, name: str | None = None) -> str:
    """``exc`` in the window's language: by its code when it has one listed, else as written.
    ``name``: how to call the file (default: the path the error gives)."""
    code = getattr(exc, "code", None)
    template = REFUSALS.get(code) if isinstance(code, str) else None
    if template is None:
        return str(exc)
    source = name or str(getattr(exc, "source", "") or getattr(exc, "file", ""))
    text = QCoreApplication.translate("Messages", template).replace("%1", source)
    for number, value in enumerate(getattr(exc, "args_", ()) or (), start=2):
        text = text.replace(f"%{number}", str(value))
    return text
