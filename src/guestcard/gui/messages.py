"""Messages in the window's language, by the code the lower layers give them.

The domain, readers, storage and services raise or report a ``Code`` and its arguments
(``guestcard.domain.messages``; ``str(exc)`` is the English of the command line and the log).
Here each code has its English again, as the source Qt translates (``guestcard_zh_CN.ts``); a
test holds this table to the codes and to the same English. A message without a code is shown as
written — so an uncoded refusal shows English, never nothing.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from guestcard.domain.messages import Code, Message, fill, message_of
from guestcard.gui.refusal_words import REFUSAL_WORDS

# code → the English the window translates, with %1, %2… for the message's arguments.
WORDS: dict[Code, str] = {
    Code.NAME_REQUIRED: QT_TRANSLATE_NOOP("Messages", "name: a customer needs a name"),
    Code.KIND_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "kind: %1 is not one of %2"),
    Code.CLASS_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "class: %1 is not A, B or C"),
    Code.GENDER_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "gender: %1 is not male or female"),
    Code.TOO_LONG: QT_TRANSLATE_NOOP("Messages", "%1: %2 characters, at most %3"),
    Code.FIELD_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "%1: no form has a field called %2"),
    Code.FIELD_UNREADABLE: QT_TRANSLATE_NOOP("Messages", "%1: %2"),
    Code.PARTY_TOO_SMALL: QT_TRANSLATE_NOOP("Messages", "party: the party size must be at least 1"),
    Code.SPEND_NEGATIVE: QT_TRANSLATE_NOOP("Messages", "spend: the amount cannot be negative"),
    Code.FOLLOW_UP_BEFORE_CONTACT: QT_TRANSLATE_NOOP("Messages", "next: the follow-up date is before the contact date"),
    Code.RELATED_TO_SELF: QT_TRANSLATE_NOOP("Messages", "a customer cannot be related to themselves"),
    Code.PHOTO_KIND: QT_TRANSLATE_NOOP("Messages", "photo: only JPEG and PNG pictures can be kept"),
    Code.PHOTO_TOO_LARGE: QT_TRANSLATE_NOOP("Messages", "photo: %1 KB is too large (at most 5 MB)"),
    Code.NO_CUSTOMER: QT_TRANSLATE_NOOP("Messages", "no customer with id %1"),
    Code.NO_VISIT: QT_TRANSLATE_NOOP("Messages", "no visit with id %1"),
    Code.NO_CONTACT: QT_TRANSLATE_NOOP("Messages", "no contact record with id %1"),
    Code.NO_RELATION: QT_TRANSLATE_NOOP("Messages", "no relation with id %1"),
    Code.NO_REGISTER_ENTRY: QT_TRANSLATE_NOOP("Messages", "no register entry with id %1"),
    Code.NO_ACCOUNT: QT_TRANSLATE_NOOP("Messages", "no account with id %1"),
    Code.CUSTOMER_WITHOUT_ACCOUNT: QT_TRANSLATE_NOOP("Messages", "customer %1 has no account (guestcard account open "
                                                                 "%1 --limit …)"),
    Code.NO_ACCOUNT_ENTRY: QT_TRANSLATE_NOOP("Messages", "no entry %1 on this account (guestcard account show %2)"),
    Code.NO_CORPORATE_NAMED: QT_TRANSLATE_NOOP("Messages", "no corporate customer of that name (give its id: "
                                                           "guestcard list --kind corporate)"),
    Code.NO_IMPORT_BATCH: QT_TRANSLATE_NOOP("Messages", "no import batch %1"),
    Code.IMPORT_BATCH_UNDONE: QT_TRANSLATE_NOOP("Messages", "import batch %1 was already undone on %2"),
    Code.NO_MERGE: QT_TRANSLATE_NOOP("Messages", "no merge %1"),
    Code.NO_STAFF_NAMED: QT_TRANSLATE_NOOP("Messages", "no staff member called %1 (guestcard staff list shows them)"),
    Code.OVER_LIMIT: QT_TRANSLATE_NOOP("Messages", "the charge of %1 would take the balance to %2, past the credit "
                                                   "limit of %3: confirm it (--over-limit) or take another payment"),
    Code.AMOUNT_NOT_POSITIVE: QT_TRANSLATE_NOOP("Messages", "%1: the amount must be more than 0"),
    Code.AMOUNT_TOO_LARGE: QT_TRANSLATE_NOOP("Messages", "%1: the amount is too large"),
    Code.AMOUNT_TOO_FINE: QT_TRANSLATE_NOOP("Messages", "%1: at most two decimals (fen)"),
    Code.METHOD_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "method: %1 is not one of 转账/支票/现金/微信 "
                                                       "(transfer, cheque, cash, wechat)"),
    Code.BUSY_IMPORT: QT_TRANSLATE_NOOP("Messages", "%1: the guest file is busy: an import (process %2, since %3) is "
                                                    "running; try again when it ends"),
    Code.BUSY_RUNNING: QT_TRANSLATE_NOOP("Messages", "%1: the guest file is busy: %2 is running; try again when it "
                                                     "ends"),
    Code.BUSY_WRITING: QT_TRANSLATE_NOOP("Messages", "%1: the guest file is busy: another guestcard is writing to it; "
                                                     "try again in a moment"),
    Code.BUSY_WAITING_IMPORT: QT_TRANSLATE_NOOP("Messages", "the guest file is busy: an import (process %1, since %2) "
                                                            "is running; waiting for it to end…"),
    Code.BUSY_WAITING: QT_TRANSLATE_NOOP("Messages", "the guest file is busy: %1 is running; waiting for it to end…"),
    Code.CONNECTION_LOST: QT_TRANSLATE_NOOP("Messages", "%1: the connection to the database server was lost; nothing "
                                                        "of this command was saved (try again when the server is "
                                                        "back)"),
    Code.EMPTY_DATE: QT_TRANSLATE_NOOP("Messages", "empty date"),
    Code.EMPTY_PHONE: QT_TRANSLATE_NOOP("Messages", "empty phone number"),
    Code.NOT_A_REAL_DATE: QT_TRANSLATE_NOOP("Messages", "%1 is not a real date"),
    Code.NOT_A_DATE: QT_TRANSLATE_NOOP("Messages", "%1 is not a date"),
    Code.DATE_UNREADABLE: QT_TRANSLATE_NOOP("Messages", "cannot read %1 as a date"),
    Code.DATE_AMBIGUOUS: QT_TRANSLATE_NOOP("Messages", "%1 is ambiguous: month/day or day/month (%2 or %3)"),
    Code.NUMBER_AMBIGUOUS_DATE: QT_TRANSLATE_NOOP("Messages", "%1 is ambiguous as a month and day (%2 or %3)"),
    Code.EXCEL_SERIAL_60: QT_TRANSLATE_NOOP("Messages", "Excel serial 60 is 29 February 1900, a day that never was"),
    Code.PHONE_DIGITS: QT_TRANSLATE_NOOP("Messages", "%1 has %2 digits, not a phone number"),
    Code.PHONE_IMPOSSIBLE: QT_TRANSLATE_NOOP("Messages", "%1 is not a possible phone number"),
    Code.NOT_A_PHONE: QT_TRANSLATE_NOOP("Messages", "%1 is not a phone number"),
    Code.NOT_A_CLASS: QT_TRANSLATE_NOOP("Messages", "%1 is not a customer class (A, B or C)"),
    Code.NOT_A_GENDER: QT_TRANSLATE_NOOP("Messages", "%1 is not a gender (男/女, M/F)"),
    Code.AMOUNT_TOO_LARGE_VALUE: QT_TRANSLATE_NOOP("Messages", "%1 is too large an amount"),
    Code.AMOUNT_BAD_COMMAS: QT_TRANSLATE_NOOP("Messages", "%1 is not an amount (commas must separate thousands)"),
    Code.NOT_AN_AMOUNT: QT_TRANSLATE_NOOP("Messages", "%1 is not an amount"),
    Code.NOT_YES_OR_NO: QT_TRANSLATE_NOOP("Messages", "%1 is not yes or no"),
    Code.NOT_A_CHOICE: QT_TRANSLATE_NOOP("Messages", "%1 is not one of the choices (%2)"),
    Code.NOT_AN_EMAIL: QT_TRANSLATE_NOOP("Messages", "%1 is not an email address"),
    Code.NOT_A_NUMBER: QT_TRANSLATE_NOOP("Messages", "%1 is not a number"),
    Code.NUMBER_TOO_LARGE: QT_TRANSLATE_NOOP("Messages", "%1 is too large a number (at most %2 digits)"),
    Code.KEPT_AS_TEXT: QT_TRANSLATE_NOOP("Messages", "%1; kept as text, the field left empty"),
    Code.ROW_WITHOUT_NAME: QT_TRANSLATE_NOOP("Messages", "the row has no name; not imported"),
    Code.CELL_ERROR: QT_TRANSLATE_NOOP("Messages", "the cell shows the error %1; left empty"),
    Code.SHEET_HIDDEN: QT_TRANSLATE_NOOP("Messages", "the sheet is hidden in the workbook; read anyway"),
    Code.NO_NAME_COLUMN: QT_TRANSLATE_NOOP("Messages", "no column of the header row is the name; choose the name "
                                                       "column"),
    Code.NAME_NOT_A_GUEST: QT_TRANSLATE_NOOP("Messages", "the name “%1” is a date, a number, a section heading or a "
                                                         "placeholder, not a guest; row skipped"),
    Code.ROW_TOO_LONG: QT_TRANSLATE_NOOP("Messages", "%1 characters, at most %2; row not imported"),
    Code.NUL_REMOVED: QT_TRANSLATE_NOOP("Messages", "%1 NUL character removed"),
    Code.NUL_REMOVED_MANY: QT_TRANSLATE_NOOP("Messages", "%1 NUL characters removed"),
    Code.VCARD_PHOTO_NOT_A_PICTURE: QT_TRANSLATE_NOOP("Messages", "vCard %1: the photo is not imported: it is not "
                                                                  "a JPEG or PNG picture"),
    Code.VCARD_PHOTO_TOO_LARGE: QT_TRANSLATE_NOOP("Messages", "vCard %1: the photo is not imported: %2 KB is too "
                                                              "large (at most 5 MB)"),
    Code.VCARD_PHOTO_UNREADABLE: QT_TRANSLATE_NOOP("Messages", "vCard %1: the photo is not imported: its data "
                                                               "cannot be read"),
    Code.VCARD_PHOTO_LINK: QT_TRANSLATE_NOOP("Messages", "vCard %1: the photo is not imported: it is a link, not "
                                                         "a picture in the file"),
    Code.DATE_CELL_PHANTOM: QT_TRANSLATE_NOOP("Messages", "the date cell holds %1, Excel's 29 February 1900, a day "
                                                          "that never was; kept as text, the field left empty"),
    Code.DATE_CELL_NOT_A_DAY: QT_TRANSLATE_NOOP("Messages", "the date cell holds %1, which is no day; kept as text, "
                                                            "the field left empty"),
    Code.ENCODING_UNCERTAIN: QT_TRANSLATE_NOOP("Messages", "the text encoding is not certain: read as %1; if names "
                                                           "look wrong, save the file as UTF-8 and import it again"),
    Code.SHARED_STRING_MISSING: QT_TRANSLATE_NOOP("Messages", "the cell points to shared string “%1”, which the "
                                                              "workbook does not have; left empty"),
    Code.NOT_A_FILE: QT_TRANSLATE_NOOP("Messages", "%1 is not a file"),
    Code.EMPTY: QT_TRANSLATE_NOOP("Messages", "%1 is empty (0 bytes)"),
    Code.HTML: QT_TRANSLATE_NOOP("Messages", "%1 is a web page (HTML) saved with a spreadsheet name; open it in Excel "
                                             "and save it as .xlsx"),
    Code.XML: QT_TRANSLATE_NOOP("Messages", "%1 is an XML file, not a workbook; open it in Excel and save it as .xlsx"),
    Code.PDF: QT_TRANSLATE_NOOP("Messages", "%1 is a PDF document, not a spreadsheet"),
    Code.WORD: QT_TRANSLATE_NOOP("Messages", "%1 is a Word document, not a spreadsheet"),
    Code.POWERPOINT: QT_TRANSLATE_NOOP("Messages", "%1 is a PowerPoint file, not a spreadsheet"),
    Code.OFFICE_NO_WORKBOOK: QT_TRANSLATE_NOOP("Messages", "%1 is an Office file without a workbook in it"),
    Code.ODF_NOT_SHEET: QT_TRANSLATE_NOOP("Messages", "%1 is an OpenDocument file but not a spreadsheet"),
    Code.ZIP_NOT_WORKBOOK: QT_TRANSLATE_NOOP("Messages", "%1 is a ZIP archive, not an Excel workbook"),
    Code.TEXT_NOT_EXCEL: QT_TRANSLATE_NOOP("Messages", "%1 is a text file, not an Excel workbook (rename it to .csv "
                                                       "if it is comma- or tab-separated)"),
    Code.TEXT_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "%1 is a text file of unknown kind; save it as .csv or .xlsx"),
    Code.NOT_SPREADSHEET: QT_TRANSLATE_NOOP("Messages", "%1 is not a spreadsheet (neither .xlsx, .xls nor .csv)"),
    Code.PASSWORD: QT_TRANSLATE_NOOP("Messages", "%1: the workbook is password-protected; remove the password in "
                                                 "Excel (File > Info > Protect Workbook) and import it again"),
    Code.CANNOT_BACK_UP: QT_TRANSLATE_NOOP("Messages", "%1 cannot be backed up to %2 (%3)"),
    Code.BACKUP_NEEDS_PASSWORD: QT_TRANSLATE_NOOP("Messages", "%1: encrypted — give the password"),
    Code.BACKUP_WRONG_PASSWORD: QT_TRANSLATE_NOOP("Messages", "%1: wrong password"),
    Code.BACKUP_OTHER_PASSWORD: QT_TRANSLATE_NOOP("Messages", "%1: wrong password (the backup was made with another "
                                                              "one?)"),
    Code.BACKUP_FOLDER: QT_TRANSLATE_NOOP("Messages", "%1: cannot make the backup folder (%2)"),
    Code.NO_SUCH_BACKUP: QT_TRANSLATE_NOOP("Messages", "%1: no such backup file"),
    Code.CANNOT_REPLACE: QT_TRANSLATE_NOOP("Messages", "%1: cannot be replaced (%2)"),
    Code.ALREADY_OPEN: QT_TRANSLATE_NOOP("Messages", "%1 is already open in guestcard (%2)"),
    Code.FILE_BUSY_REPLACING: QT_TRANSLATE_NOOP("Messages", "%1 is being replaced (a password change or a restore); "
                                                            "try again when it ends"),
    Code.FILE_BUSY_IN_USE: QT_TRANSLATE_NOOP("Messages", "%1 is in use by another guestcard (a window or a command "
                                                         "still running); close it or try again when it ends"),
    Code.CANNOT_CREATE_THERE: QT_TRANSLATE_NOOP("Messages", "%1: cannot make a new guest file there (%2)"),
    Code.FOLDER_READ_ONLY: QT_TRANSLATE_NOOP("Messages", "the folder of %1 is read-only (%2); nothing was changed"),
    Code.READ_ONLY_PENDING_WAL: QT_TRANSLATE_NOOP("Messages", "%1 cannot be read: its folder is read-only and its "
                                                              "-wal file holds changes not yet in it; open it once "
                                                              "where its folder can be written"),
    Code.READ_ONLY_NOT_CURRENT: QT_TRANSLATE_NOOP("Messages", "%1 must be brought up to date by this guestcard and "
                                                              "its folder is read-only; open it once where its "
                                                              "folder can be written"),
    # a guest file that cannot be opened (storage.database)
    Code.CANNOT_USE_GUEST_FILE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: cannot use the guest file (%2)"),
    Code.CANNOT_BE_REACHED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: cannot be reached (%2)"),
    Code.REPLACEMENT_UNFINISHED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: an interrupted replacement cannot be finished (%2)"),
    Code.LEFTOVER_BESIDE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: missing, and %2 beside it may hold its customers (an interrupted password "
        "change or restore of an older guestcard); nothing was created — move it back in "
        "place, or restore a backup"),
    Code.PASSWORD_FOR_SQLITE_ONLY: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: a password is for an SQLite file; a server database has its own"),
    Code.CANNOT_OPEN_DATABASE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: cannot open database (%2)"),
    Code.NOT_ENCRYPTED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: not encrypted — open it without a password"),
    Code.WRONG_PASSWORD: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: wrong password"),
    Code.PASSWORD_REQUIRED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: encrypted — give the password"),
    Code.NOT_USABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: not a usable guestcard database (%2)"),
    Code.DAMAGED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: damaged (%2)"),
    Code.NEWER_SCHEMA: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: made by a newer guestcard (schema %2); update guestcard to open it"),
    Code.FOREIGN_DATABASE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: not a guestcard database (it has other tables)"),
    Code.UNFINISHED_SCHEMA_WITH_DATA: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: an unfinished guestcard schema that holds data; restore a backup"),
    # passwords (storage.cipher, storage.rekey, services.password)
    Code.PASSWORD_EMPTY: QT_TRANSLATE_NOOP(
        "Messages",
        "the password is empty"),
    Code.PASSWORD_NUL: QT_TRANSLATE_NOOP(
        "Messages",
        "the password contains a NUL character"),
    Code.FILE_SAYS: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: %2"),
    Code.NO_SUCH_DATABASE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: no such database"),
    Code.ALREADY_HAS_PASSWORD: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: already has a password (change or remove it)"),
    Code.IS_NOT_A_DATABASE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: is not a database"),
    Code.HAS_NO_PASSWORD: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: has no password"),
    Code.SAME_PASSWORD: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: the new password is the same as the current one"),
    Code.REKEYED_DOES_NOT_OPEN: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: re-encrypted, but it does not open (%2)"),
    Code.NOTHING_CHANGED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1; nothing was changed"),
    Code.OLD_FILE_BACK: QT_TRANSLATE_NOOP(
        "Messages",
        "%1; the old file is back"),
    Code.REKEY_IN_USE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: in use by another program; close it and try again"),
    Code.REKEY_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: cannot be re-encrypted (%2); nothing was changed"),
    Code.REKEY_CHECK_FAILED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: the re-encrypted copy failed its check"),
    Code.REKEY_COPY_DOES_NOT_OPEN: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: the re-encrypted copy does not open (%2)"),
    Code.REKEY_COUNT: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: the re-encrypted copy holds %2 customers, not %3"),
    Code.NO_SQLCIPHER: QT_TRANSLATE_NOOP(
        "Messages",
        "a password needs the SQLCipher driver: pip install 'guestcard[encryption]' "
        "(sqlcipher3-wheels)"),
    # waiting for a file, backups (storage.lock, services.backup)
    Code.WAITING_REPLACEMENT: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: waiting for a password change or a restore to finish…"),
    Code.WAITING_OTHERS: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: waiting for the other guestcard commands on this file to finish…"),
    Code.BACKUP_FOR_SQLITE_ONLY: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: backups here are for SQLite files; back up a server database with its own "
        "tools (pg_dump)"),
    Code.NOT_A_BACKUP: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: not a guestcard backup (%2)"),
    Code.NOT_RESTORED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: not restored: it does not open (%2); the file is as it was"),
    # spreadsheets that cannot be imported (io.customers, io.readers, io.mapping)
    Code.HEADER_ROW_FROM_1: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: header row %2: rows are numbered from 1"),
    Code.NO_SHEET_NAMED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: has no sheet named %2 (sheets: %3)"),
    Code.HEADER_ROW_EMPTY_SHEET: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: row %2 of sheet %3 is empty: it cannot name the columns"),
    Code.HEADER_ROW_EMPTY_FILE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: row %2 of the file is empty: it cannot name the columns"),
    Code.NO_HEADER_IN_SHEET: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: no customer header found in sheet %2 (a row naming columns such as 姓名/Name "
        "and 手机/Phone within the first 30 rows)"),
    Code.NO_HEADER_ANYWHERE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: no customer header found in any sheet (a row naming columns such as 姓名/Name "
        "and 手机/Phone within the first 30 rows)"),
    Code.CANNOT_BE_READ: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: cannot be read (%2)"),
    Code.WORKBOOK_PASSWORD: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: the workbook is password-protected"),
    Code.XLS_PASSWORD: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: the workbook is password-protected; remove the password in Excel and import "
        "it again"),
    Code.SHEET_UNREADABLE: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: sheet %2 cannot be read (%3)"),
    Code.SHEET_DAMAGED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: is damaged: sheet %2 cannot be read (%3)"),
    Code.NOT_EXCEL_WORKBOOK: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: cannot be read as an Excel workbook (%2)"),
    Code.NOT_XLS_WORKBOOK: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: cannot be read as an Excel 97-2003 workbook (%2)"),
    Code.XLS_DAMAGED: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: is damaged: %2 (cut short or corrupted; open it in Excel and save it again, "
        "or import an undamaged copy)"),
    Code.BINARY_NOT_CSV: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: is not a text file (it holds binary data); not a CSV"),
    Code.NOT_READABLE_TEXT: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: is not readable %2 text"),
    Code.MAPPING_NOT_JSON: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: is not a valid JSON mapping (%2)"),
    Code.MAPPING_NOT_OBJECT: QT_TRANSLATE_NOOP(
        "Messages",
        "%1: must be a JSON object like {\"客户姓名\": \"name\", \"序号\": null}"),
}
WORDS.update(REFUSAL_WORDS)  # the services' refusals, in their own file


def word(message: Message) -> str:
    """``message`` in the window's language (a nested message in it too)."""
    return fill(QCoreApplication.translate("Messages", WORDS[message.code]), message.args, word)


def say(exc: BaseException, name: str | None = None) -> str:
    """``exc`` in the window's language: by its code when it has one, else as written.
    ``name``: how to call the file of a file's refusal (default: the path the error gives)."""
    message = message_of(exc)
    if message is None:
        return str(exc)
    if name is not None and message.args and message.code in FILE_FIRST:
        message = Message(message.code, (name, *message.args[1:]))
    return word(message)


# The codes whose first argument is the file (import refusals, files in use, backups).
FILE_FIRST = frozenset({
    Code.NOT_A_FILE, Code.EMPTY, Code.HTML, Code.XML, Code.PDF, Code.WORD, Code.POWERPOINT, Code.OFFICE_NO_WORKBOOK,
    Code.ODF_NOT_SHEET, Code.ZIP_NOT_WORKBOOK, Code.TEXT_NOT_EXCEL, Code.TEXT_UNKNOWN, Code.NOT_SPREADSHEET,
    Code.PASSWORD, Code.CANNOT_BACK_UP, Code.BACKUP_NEEDS_PASSWORD, Code.BACKUP_WRONG_PASSWORD, Code.ALREADY_OPEN,
    Code.BACKUP_OTHER_PASSWORD, Code.BACKUP_FOLDER, Code.NO_SUCH_BACKUP, Code.CANNOT_REPLACE,
    Code.FILE_BUSY_REPLACING, Code.FILE_BUSY_IN_USE, Code.CANNOT_CREATE_THERE, Code.FOLDER_READ_ONLY,
    Code.READ_ONLY_PENDING_WAL, Code.READ_ONLY_NOT_CURRENT,
    Code.HEADER_ROW_FROM_1, Code.NO_SHEET_NAMED, Code.HEADER_ROW_EMPTY_SHEET, Code.HEADER_ROW_EMPTY_FILE,
    Code.NO_HEADER_IN_SHEET, Code.NO_HEADER_ANYWHERE, Code.CANNOT_BE_READ, Code.WORKBOOK_PASSWORD,
    Code.XLS_PASSWORD, Code.SHEET_UNREADABLE, Code.SHEET_DAMAGED, Code.NOT_EXCEL_WORKBOOK,
    Code.NOT_XLS_WORKBOOK, Code.XLS_DAMAGED, Code.BINARY_NOT_CSV, Code.NOT_READABLE_TEXT,
    Code.MAPPING_NOT_JSON, Code.MAPPING_NOT_OBJECT,
    Code.CANNOT_USE_GUEST_FILE, Code.CANNOT_BE_REACHED, Code.REPLACEMENT_UNFINISHED, Code.LEFTOVER_BESIDE,
    Code.PASSWORD_FOR_SQLITE_ONLY, Code.CANNOT_OPEN_DATABASE, Code.NOT_ENCRYPTED, Code.WRONG_PASSWORD,
    Code.PASSWORD_REQUIRED, Code.NOT_USABLE, Code.DAMAGED, Code.NEWER_SCHEMA, Code.FOREIGN_DATABASE,
    Code.UNFINISHED_SCHEMA_WITH_DATA,
})


def busy_text(exc: BaseException, db: object | None) -> str | None:
    """A guest file another writer holds (an import running, "database is locked"), said in
    the window's language with what runs when known; ``None`` for any other error."""
    from guestcard.storage.busy import FileBusy, busy_said, is_busy, sqlite_file

    if isinstance(exc, FileBusy) and message_of(exc) is not None:
        return say(exc)
    if not isinstance(exc, FileBusy) and not is_busy(exc):
        return None
    display = getattr(db, "display_name", None)
    if not isinstance(display, str):
        return word(Message(Code.BUSY_WRITING, (QCoreApplication.translate("Messages", "the guest file"),)))
    return word(busy_said(sqlite_file(db), display))  # type: ignore[arg-type]
