"""What a refusal says, as a code and its pieces, worded by each shell in its language.

The lower layers (domain, io, storage, services) never word a message for a person: they raise
or report a ``Code`` and its arguments (``Message``). ``str(exc)`` stays English — the command
line's ``--lang en``, the log, the tests — and is made from ``WORDS``; the command line words a
message in Chinese from ``WORDS`` too (``said(message, "zh")``), the window from its translated
copy of the English (``guestcard.gui.messages``, Qt's translation files). A test holds every code
to a wording in both languages and both shells.

Templates put the arguments in as ``%1``, ``%2``… (any order, as a translation needs); an
argument may itself be a ``Message`` (a value's reason inside "kept as text"), worded in the same
language. Arguments never carry a guest's data into the log: the refusals that are logged
(database and backup files) name files, ids and counts only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Self, TypeVar

from guestcard.domain.codes import Code
from guestcard.domain.refusal_words import REFUSAL_WORDS

__all__ = ["LANGUAGES", "WORDS", "Code", "Message", "Refusal", "Unreadable", "fill", "message_of", "said"]

# code → (English, Chinese). The English is ``str(exc)`` and the source the window translates.
WORDS: dict[Code, tuple[str, str]] = {
    Code.NAME_REQUIRED: ("name: a customer needs a name", "姓名：客户必须有姓名"),
    Code.KIND_UNKNOWN: ("kind: %1 is not one of %2", "kind（类型）：%1 不是 %2 之一"),
    Code.CLASS_UNKNOWN: ("class: %1 is not A, B or C", "class（类别）：%1 不是 A、B 或 C"),
    Code.GENDER_UNKNOWN: ("gender: %1 is not male or female", "gender（性别）：%1 不是男或女"),
    Code.TOO_LONG: ("%1: %2 characters, at most %3", "%1：%2 个字符，最多 %3 个"),
    Code.FIELD_UNKNOWN: ("%1: no form has a field called %2", "%1：没有哪张表格有名为 %2 的栏目"),
    Code.FIELD_UNREADABLE: ("%1: %2", "%1：%2"),
    Code.PARTY_TOO_SMALL: ("party: the party size must be at least 1", "人数：至少 1 人"),
    Code.SPEND_NEGATIVE: ("spend: the amount cannot be negative", "消费：金额不能为负"),
    Code.FOLLOW_UP_BEFORE_CONTACT: ("next: the follow-up date is before the contact date",
                                    "下次跟进：跟进日期早于联系日期"),
    Code.RELATED_TO_SELF: ("a customer cannot be related to themselves", "客户不能与自己建立关系"),
    Code.PHOTO_KIND: ("photo: only JPEG and PNG pictures can be kept", "照片：只能保存 JPEG 和 PNG 图片"),
    Code.PHOTO_TOO_LARGE: ("photo: %1 KB is too large (at most 5 MB)", "照片：%1 KB 太大（最多 5 MB）"),
    Code.NO_CUSTOMER: ("no customer with id %1", "没有编号为 %1 的客户"),
    Code.NO_VISIT: ("no visit with id %1", "没有编号为 %1 的到店记录"),
    Code.NO_CONTACT: ("no contact record with id %1", "没有编号为 %1 的联系记录"),
    Code.NO_RELATION: ("no relation with id %1", "没有编号为 %1 的关系"),
    Code.NO_REGISTER_ENTRY: ("no register entry with id %1", "没有编号为 %1 的登记"),
    Code.NO_ACCOUNT: ("no account with id %1", "没有编号为 %1 的挂账账户"),
    Code.CUSTOMER_WITHOUT_ACCOUNT: ("customer %1 has no account (guestcard account open %1 --limit …)",
                                    "客户 %1 没有挂账账户（guestcard account open %1 --limit … 开户）"),
    Code.NO_ACCOUNT_ENTRY: ("no entry %1 on this account (guestcard account show %2)",
                            "该账户没有第 %1 笔记录（guestcard account show %2 查看）"),
    Code.NO_CORPORATE_NAMED: ("no corporate customer of that name (give its id: guestcard list --kind corporate)",
                              "没有这个名称的协议单位（请给出编号：guestcard list --kind corporate）"),
    Code.NO_IMPORT_BATCH: ("no import batch %1", "没有第 %1 批导入"),
    Code.IMPORT_BATCH_UNDONE: ("import batch %1 was already undone on %2", "第 %1 批导入已于 %2 撤销"),
    Code.NO_MERGE: ("no merge %1", "没有第 %1 次合并"),
    Code.NO_STAFF_NAMED: ("no staff member called %1 (guestcard staff list shows them)",
                          "没有名叫 %1 的员工（guestcard staff list 列出全部员工）"),
    Code.OVER_LIMIT: ("the charge of %1 would take the balance to %2, past the credit limit of %3: confirm it "
                      "(--over-limit) or take another payment",
                      "这笔 %1 的挂账将使余额达到 %2，超过信用额度 %3：请确认（--over-limit）或先收一笔款"),
    Code.AMOUNT_NOT_POSITIVE: ("%1: the amount must be more than 0", "%1：金额必须大于 0"),
    Code.AMOUNT_TOO_LARGE: ("%1: the amount is too large", "%1：金额过大"),
    Code.AMOUNT_TOO_FINE: ("%1: at most two decimals (fen)", "%1：最多两位小数（到分）"),
    Code.METHOD_UNKNOWN: ("method: %1 is not one of 转账/支票/现金/微信 (transfer, cheque, cash, wechat)",
                          "付款方式：%1 不是转账、支票、现金或微信之一"),
    Code.BUSY_IMPORT: ("%1: the guest file is busy: an import (process %2, since %3) is running; try again when "
                       "it ends",
                       "%1：客户档案正忙：一项导入正在进行（进程 %2，%3 开始）；请等它结束后再试"),
    Code.BUSY_RUNNING: ("%1: the guest file is busy: %2 is running; try again when it ends",
                        "%1：客户档案正忙：%2 正在进行；请等它结束后再试"),
    Code.BUSY_WRITING: ("%1: the guest file is busy: another guestcard is writing to it; try again in a moment",
                        "%1：客户档案正忙：另一个 guestcard 正在写入；请稍后再试"),
    Code.BUSY_WAITING_IMPORT: ("the guest file is busy: an import (process %1, since %2) is running; waiting for it "
                               "to end…",
                               "客户档案正忙：一项导入正在进行（进程 %1，%2 开始）；正在等它结束…"),
    Code.BUSY_WAITING: ("the guest file is busy: %1 is running; waiting for it to end…",
                        "客户档案正忙：%1 正在进行；正在等它结束…"),
    Code.CONNECTION_LOST: ("%1: the connection to the database server was lost; nothing of this command was saved "
                           "(try again when the server is back)",
                           "%1：与数据库服务器的连接已断开；这条命令什么也没有保存（服务器恢复后请再试）"),
    Code.EMPTY_DATE: ("empty date", "日期为空"),
    Code.EMPTY_PHONE: ("empty phone number", "电话号码为空"),
    Code.NOT_A_REAL_DATE: ("%1 is not a real date", "%1 不是有效日期"),
    Code.NOT_A_DATE: ("%1 is not a date", "%1 不是日期"),
    Code.DATE_UNREADABLE: ("cannot read %1 as a date", "无法将 %1 识别为日期"),
    Code.DATE_AMBIGUOUS: ("%1 is ambiguous: month/day or day/month (%2 or %3)", "%1 的月和日有歧义（%2 还是 %3）"),
    Code.NUMBER_AMBIGUOUS_DATE: ("%1 is ambiguous as a month and day (%2 or %3)", "%1 的月和日有歧义（%2 还是 %3）"),
    Code.EXCEL_SERIAL_60: ("Excel serial 60 is 29 February 1900, a day that never was",
                           "Excel 序号 60 是 1900 年 2 月 29 日，这一天并不存在"),
    Code.PHONE_DIGITS: ("%1 has %2 digits, not a phone number", "%1 有 %2 位数字，不是电话号码"),
    Code.PHONE_IMPOSSIBLE: ("%1 is not a possible phone number", "%1 不可能是电话号码"),
    Code.NOT_A_PHONE: ("%1 is not a phone number", "%1 不是电话号码"),
    Code.NOT_A_CLASS: ("%1 is not a customer class (A, B or C)", "%1 不是客户等级（A、B 或 C）"),
    Code.NOT_A_GENDER: ("%1 is not a gender (男/女, M/F)", "%1 不是性别（男/女、M/F）"),
    Code.AMOUNT_TOO_LARGE_VALUE: ("%1 is too large an amount", "%1 金额过大"),
    Code.AMOUNT_BAD_COMMAS: ("%1 is not an amount (commas must separate thousands)",
                             "%1 不是金额（逗号只能用作千位分隔符）"),
    Code.NOT_AN_AMOUNT: ("%1 is not an amount", "%1 不是金额"),
    Code.NOT_YES_OR_NO: ("%1 is not yes or no", "%1 不是“是”或“否”"),
    Code.NOT_A_CHOICE: ("%1 is not one of the choices (%2)", "%1 不是可选项之一（%2）"),
    Code.NOT_AN_EMAIL: ("%1 is not an email address", "%1 不是电子邮件地址"),
    Code.NOT_A_NUMBER: ("%1 is not a number", "%1 不是数字"),
    Code.NUMBER_TOO_LARGE: ("%1 is too large a number (at most %2 digits)", "%1 数字太大（最多 %2 位）"),
    Code.KEPT_AS_TEXT: ("%1; kept as text, the field left empty", "%1；已按原文保留，该栏目留空"),
    Code.ROW_WITHOUT_NAME: ("the row has no name; not imported", "该行没有姓名，未导入"),
    Code.CELL_ERROR: ("the cell shows the error %1; left empty", "单元格显示错误 %1，已留空"),
    Code.SHEET_HIDDEN: ("the sheet is hidden in the workbook; read anyway", "该工作表在工作簿中是隐藏的，仍已读取"),
    Code.NO_NAME_COLUMN: ("no column of the header row is the name; choose the name column",
                          "表头行中没有姓名列，请指定姓名所在的列"),
    Code.NAME_NOT_A_GUEST: ("the name “%1” is a date, a number, a section heading or a placeholder, not a guest; "
                            "row skipped",
                            "姓名“%1”是日期、数字、分段标题或占位符，不是客人；此行跳过"),
    Code.ROW_TOO_LONG: ("%1 characters, at most %2; row not imported", "%1 个字符，最多 %2 个；这一行未导入"),
    Code.NUL_REMOVED: ("%1 NUL character removed", "已删除 %1 个 NUL 字符"),
    Code.NUL_REMOVED_MANY: ("%1 NUL characters removed", "已删除 %1 个 NUL 字符"),
    Code.VCARD_PHOTO_NOT_A_PICTURE: ("vCard %1: the photo is not imported: it is not a JPEG or PNG picture",
                                     "第 %1 张名片：照片未导入：不是 JPEG 或 PNG 图片"),
    Code.VCARD_PHOTO_TOO_LARGE: ("vCard %1: the photo is not imported: %2 KB is too large (at most 5 MB)",
                                 "第 %1 张名片：照片未导入：%2 KB 太大（最多 5 MB）"),
    Code.VCARD_PHOTO_UNREADABLE: ("vCard %1: the photo is not imported: its data cannot be read",
                                  "第 %1 张名片：照片未导入：图片数据无法读取"),
    Code.VCARD_PHOTO_LINK: ("vCard %1: the photo is not imported: it is a link, not a picture in the file",
                            "第 %1 张名片：照片未导入：是一个链接，文件里没有图片"),
    Code.DATE_CELL_PHANTOM: ("the date cell holds %1, Excel's 29 February 1900, a day that never was; kept as text, "
                             "the field left empty",
                             "日期单元格存的是 %1，即 Excel 的 1900年2月29日（并不存在的一天）；"
                             "已按原文保留，该栏目留空"),
    Code.DATE_CELL_NOT_A_DAY: ("the date cell holds %1, which is no day; kept as text, the field left empty",
                               "日期单元格存的是 %1，不是任何一天；已按原文保留，该栏目留空"),
    Code.ENCODING_UNCERTAIN: ("the text encoding is not certain: read as %1; if names look wrong, save the file as "
                              "UTF-8 and import it again",
                              "文本编码无法确定：已按 %1 读取；如果姓名显示不对，请把文件另存为 UTF-8 后再导入"),
    Code.SHARED_STRING_MISSING: ("the cell points to shared string “%1”, which the workbook does not have; left empty",
                                 "单元格指向共享字符串“%1”，工作簿中没有这一项；已留空"),
    Code.NOT_A_FILE: ("%1 is not a file", "%1 不是文件"),
    Code.EMPTY: ("%1 is empty (0 bytes)", "%1 是空文件（0 字节）"),
    Code.HTML: ("%1 is a web page (HTML) saved with a spreadsheet name; open it in Excel and save it as .xlsx",
                "%1 是以表格名保存的网页（HTML），请用 Excel 打开后另存为 .xlsx"),
    Code.XML: ("%1 is an XML file, not a workbook; open it in Excel and save it as .xlsx",
               "%1 是 XML 文件，不是工作簿；请用 Excel 打开后另存为 .xlsx"),
    Code.PDF: ("%1 is a PDF document, not a spreadsheet", "%1 是 PDF 文档，不是表格"),
    Code.WORD: ("%1 is a Word document, not a spreadsheet", "%1 是 Word 文档，不是表格"),
    Code.POWERPOINT: ("%1 is a PowerPoint file, not a spreadsheet", "%1 是 PowerPoint 文件，不是表格"),
    Code.OFFICE_NO_WORKBOOK: ("%1 is an Office file without a workbook in it", "%1 是 Office 文件，但其中没有工作簿"),
    Code.ODF_NOT_SHEET: ("%1 is an OpenDocument file but not a spreadsheet", "%1 是 OpenDocument 文件，但不是电子表格"),
    Code.ZIP_NOT_WORKBOOK: ("%1 is a ZIP archive, not an Excel workbook", "%1 是 ZIP 压缩包，不是 Excel 工作簿"),
    Code.TEXT_NOT_EXCEL: ("%1 is a text file, not an Excel workbook (rename it to .csv if it is comma- or "
                          "tab-separated)",
                          "%1 是文本文件，不是 Excel 工作簿（如果以逗号或制表符分隔，请改名为 .csv）"),
    Code.TEXT_UNKNOWN: ("%1 is a text file of unknown kind; save it as .csv or .xlsx",
                        "%1 是未知格式的文本文件，请另存为 .csv 或 .xlsx"),
    Code.NOT_SPREADSHEET: ("%1 is not a spreadsheet (neither .xlsx, .xls nor .csv)",
                           "%1 不是表格（不是 .xlsx、.xls 或 .csv）"),
    Code.PASSWORD: ("%1: the workbook is password-protected; remove the password in Excel (File > Info > Protect "
                    "Workbook) and import it again",
                    "%1：工作簿有密码保护，请在 Excel 中取消密码（文件 > 信息 > 保护工作簿）后再导入"),
    Code.CANNOT_BACK_UP: ("%1 cannot be backed up to %2 (%3)", "%1 无法备份到 %2（%3）"),
    Code.BACKUP_NEEDS_PASSWORD: ("%1: encrypted — give the password", "%1：已加密，请给出密码"),
    Code.BACKUP_WRONG_PASSWORD: ("%1: wrong password", "%1：密码错误"),
    Code.BACKUP_OTHER_PASSWORD: ("%1: wrong password (the backup was made with another one?)",
                                 "%1：密码错误（这份备份是用另一个密码做的？）"),
    Code.BACKUP_FOLDER: ("%1: cannot make the backup folder (%2)", "%1：无法建立备份文件夹（%2）"),
    Code.NO_SUCH_BACKUP: ("%1: no such backup file", "%1：没有这个备份文件"),
    Code.CANNOT_REPLACE: ("%1: cannot be replaced (%2)", "%1：无法替换（%2）"),
    Code.ALREADY_OPEN: ("%1 is already open in guestcard (%2)", "%1 已在 guestcard 中打开（%2）"),
    Code.FILE_BUSY_REPLACING: ("%1 is being replaced (a password change or a restore); try again when it ends",
                               "%1 正在被替换（更改密码或恢复备份），请稍后再试"),
    Code.FILE_BUSY_IN_USE: ("%1 is in use by another guestcard (a window or a command still running); close it or "
                            "try again when it ends",
                            "%1 正被另一个 guestcard 使用（窗口或仍在运行的命令），请关闭它或稍后再试"),
    Code.CANNOT_CREATE_THERE: ("%1: cannot make a new guest file there (%2)", "%1：无法在那里新建客史档案文件（%2）"),
    Code.FOLDER_READ_ONLY: ("the folder of %1 is read-only (%2); nothing was changed",
                            "%1 所在的文件夹是只读的（%2），没有做任何修改"),
    Code.READ_ONLY_PENDING_WAL: ("%1 cannot be read: its folder is read-only and its -wal file holds changes not yet "
                                 "in it; open it once where its folder can be written",
                                 "无法读取 %1：所在文件夹是只读的，而旁边的 -wal 文件里还有尚未写入的修改；"
                                 "请在可以写入的文件夹里打开一次"),
    Code.READ_ONLY_NOT_CURRENT: ("%1 must be brought up to date by this guestcard and its folder is read-only; open "
                                 "it once where its folder can be written",
                                 "%1 需要由本版本 guestcard 升级，但所在文件夹是只读的；"
                                 "请在可以写入的文件夹里打开一次"),
    # a guest file that cannot be opened (storage.database)
    Code.CANNOT_USE_GUEST_FILE: (
        "%1: cannot use the guest file (%2)",
        "%1：无法使用这个客史档案文件（%2）"),
    Code.CANNOT_BE_REACHED: (
        "%1: cannot be reached (%2)",
        "%1：无法访问（%2）"),
    Code.REPLACEMENT_UNFINISHED: (
        "%1: an interrupted replacement cannot be finished (%2)",
        "%1：一次被中断的替换无法完成（%2）"),
    Code.LEFTOVER_BESIDE: (
        "%1: missing, and %2 beside it may hold its customers (an interrupted password "
        "change or restore of an older guestcard); nothing was created — move it back in "
        "place, or restore a backup",
        "%1：文件不见了，旁边的 %2 可能还保存着它的客户（旧版 guestcard "
        "被中断的改密码或恢复）；什么也没有新建——请把它移回原处，或恢复一份备份"),
    Code.PASSWORD_FOR_SQLITE_ONLY: (
        "%1: a password is for an SQLite file; a server database has its own",
        "%1：密码只用于 SQLite 文件；服务器数据库有它自己的密码"),
    Code.CANNOT_OPEN_DATABASE: (
        "%1: cannot open database (%2)",
        "%1：无法打开数据库（%2）"),
    Code.NOT_ENCRYPTED: (
        "%1: not encrypted — open it without a password",
        "%1：没有加密，请不用密码打开"),
    Code.WRONG_PASSWORD: (
        "%1: wrong password",
        "%1：密码错误"),
    Code.PASSWORD_REQUIRED: (
        "%1: encrypted — give the password",
        "%1：已加密，请给出密码"),
    Code.NOT_USABLE: (
        "%1: not a usable guestcard database (%2)",
        "%1：不是可用的 guestcard 数据库（%2）"),
    Code.DAMAGED: (
        "%1: damaged (%2)",
        "%1：文件已损坏（%2）"),
    Code.NEWER_SCHEMA: (
        "%1: made by a newer guestcard (schema %2); update guestcard to open it",
        "%1：由更新版本的 guestcard 建立（结构 %2）；请更新 "
        "guestcard 后再打开"),
    Code.FOREIGN_DATABASE: (
        "%1: not a guestcard database (it has other tables)",
        "%1：不是 guestcard 的数据库（里面有其他程序的表）"),
    Code.UNFINISHED_SCHEMA_WITH_DATA: (
        "%1: an unfinished guestcard schema that holds data; restore a backup",
        "%1：guestcard 的结构没有建完，却已有数据；请恢复一份备份"),
    # passwords (storage.cipher, storage.rekey, services.password)
    Code.PASSWORD_EMPTY: (
        "the password is empty",
        "密码为空"),
    Code.PASSWORD_NUL: (
        "the password contains a NUL character",
        "密码里有 NUL 字符"),
    Code.FILE_SAYS: (
        "%1: %2",
        "%1：%2"),
    Code.NO_SUCH_DATABASE: (
        "%1: no such database",
        "%1：没有这个数据库"),
    Code.ALREADY_HAS_PASSWORD: (
        "%1: already has a password (change or remove it)",
        "%1：已经有密码了（请更改或去掉它）"),
    Code.IS_NOT_A_DATABASE: (
        "%1: is not a database",
        "%1：不是数据库"),
    Code.HAS_NO_PASSWORD: (
        "%1: has no password",
        "%1：没有密码"),
    Code.SAME_PASSWORD: (
        "%1: the new password is the same as the current one",
        "%1：新密码和现在的密码相同"),
    Code.REKEYED_DOES_NOT_OPEN: (
        "%1: re-encrypted, but it does not open (%2)",
        "%1：已重新加密，却打不开（%2）"),
    Code.NOTHING_CHANGED: (
        "%1; nothing was changed",
        "%1；没有做任何修改"),
    Code.OLD_FILE_BACK: (
        "%1; the old file is back",
        "%1；原来的文件已放回"),
    Code.REKEY_IN_USE: (
        "%1: in use by another program; close it and try again",
        "%1：正被另一个程序使用；请关闭它后再试"),
    Code.REKEY_FAILED: (
        "%1: cannot be re-encrypted (%2); nothing was changed",
        "%1：无法重新加密（%2）；没有做任何修改"),
    Code.REKEY_CHECK_FAILED: (
        "%1: the re-encrypted copy failed its check",
        "%1：重新加密的副本没有通过检查"),
    Code.REKEY_COPY_DOES_NOT_OPEN: (
        "%1: the re-encrypted copy does not open (%2)",
        "%1：重新加密的副本打不开（%2）"),
    Code.REKEY_COUNT: (
        "%1: the re-encrypted copy holds %2 customers, not %3",
        "%1：重新加密的副本里有 %2 位客户，而不是 %3 位"),
    Code.NO_SQLCIPHER: (
        "a password needs the SQLCipher driver: pip install 'guestcard[encryption]' "
        "(sqlcipher3-wheels)",
        "使用密码需要 SQLCipher 驱动：pip install "
        "'guestcard[encryption]'（"
        "sqlcipher3-wheels）"),
    # waiting for a file, backups (storage.lock, services.backup)
    Code.WAITING_REPLACEMENT: (
        "%1: waiting for a password change or a restore to finish…",
        "%1：正在等待更改密码或恢复备份结束…"),
    Code.WAITING_OTHERS: (
        "%1: waiting for the other guestcard commands on this file to finish…",
        "%1：正在等待这个文件上的其他 guestcard 命令结束…"),
    Code.BACKUP_FOR_SQLITE_ONLY: (
        "%1: backups here are for SQLite files; back up a server database with its own "
        "tools (pg_dump)",
        "%1：这里的备份只用于 SQLite 文件；服务器数据库请用它自己的工具备份（"
        "pg_dump）"),
    Code.NOT_A_BACKUP: (
        "%1: not a guestcard backup (%2)",
        "%1：不是 guestcard 的备份（%2）"),
    Code.NOT_RESTORED: (
        "%1: not restored: it does not open (%2); the file is as it was",
        "%1：没有恢复：它打不开（%2）；文件保持原样"),
    # spreadsheets that cannot be imported (io.customers, io.readers, io.mapping)
    Code.HEADER_ROW_FROM_1: (
        "%1: header row %2: rows are numbered from 1",
        "%1：标题行 %2：行号从 1 开始"),
    Code.NO_SHEET_NAMED: (
        "%1: has no sheet named %2 (sheets: %3)",
        "%1：没有名为 %2 的工作表（工作表：%3）"),
    Code.HEADER_ROW_EMPTY_SHEET: (
        "%1: row %2 of sheet %3 is empty: it cannot name the columns",
        "%1：工作表 %3 的第 %2 行是空的，不能作为列名"),
    Code.HEADER_ROW_EMPTY_FILE: (
        "%1: row %2 of the file is empty: it cannot name the columns",
        "%1：文件的第 %2 行是空的，不能作为列名"),
    Code.NO_HEADER_IN_SHEET: (
        "%1: no customer header found in sheet %2 (a row naming columns such as 姓名/Name "
        "and 手机/Phone within the first 30 rows)",
        "%1：工作表 %2 里找不到客户资料的标题行（即前 30 "
        "行中写有“姓名/Name”“手机/Phone”等列名的一行）"),
    Code.NO_HEADER_ANYWHERE: (
        "%1: no customer header found in any sheet (a row naming columns such as 姓名/Name "
        "and 手机/Phone within the first 30 rows)",
        "%1：所有工作表里都找不到客户资料的标题行（即前 30 "
        "行中写有“姓名/Name”“手机/Phone”等列名的一行）"),
    Code.CANNOT_BE_READ: (
        "%1: cannot be read (%2)",
        "%1：无法读取（%2）"),
    Code.WORKBOOK_PASSWORD: (
        "%1: the workbook is password-protected",
        "%1：工作簿有密码保护"),
    Code.XLS_PASSWORD: (
        "%1: the workbook is password-protected; remove the password in Excel and import "
        "it again",
        "%1：工作簿有密码保护，请在 Excel 中取消密码后再导入"),
    Code.SHEET_UNREADABLE: (
        "%1: sheet %2 cannot be read (%3)",
        "%1：工作表 %2 无法读取（%3）"),
    Code.SHEET_DAMAGED: (
        "%1: is damaged: sheet %2 cannot be read (%3)",
        "%1：文件已损坏：工作表 %2 无法读取（%3）"),
    Code.NOT_EXCEL_WORKBOOK: (
        "%1: cannot be read as an Excel workbook (%2)",
        "%1：无法作为 Excel 工作簿读取（%2）"),
    Code.NOT_XLS_WORKBOOK: (
        "%1: cannot be read as an Excel 97-2003 workbook (%2)",
        "%1：无法作为 Excel 97-2003 工作簿读取（%2）"),
    Code.XLS_DAMAGED: (
        "%1: is damaged: %2 (cut short or corrupted; open it in Excel and save it again, "
        "or import an undamaged copy)",
        "%1：文件已损坏：%2（被截断或已损坏；请在 Excel 中打开并重新保存，"
        "或导入一份完好的副本）"),
    Code.BINARY_NOT_CSV: (
        "%1: is not a text file (it holds binary data); not a CSV",
        "%1：不是文本文件（里面是二进制数据），不是 CSV"),
    Code.NOT_READABLE_TEXT: (
        "%1: is not readable %2 text",
        "%1：不是可读的 %2 文本"),
    Code.MAPPING_NOT_JSON: (
        "%1: is not a valid JSON mapping (%2)",
        "%1：不是有效的 JSON 列对应表（%2）"),
    Code.MAPPING_NOT_OBJECT: (
        "%1: must be a JSON object like {\"客户姓名\": \"name\", \"序号\": null}",
        "%1：必须是 JSON 对象，如 {\"客户姓名\": \"name\", \"序号\": "
        "null}"),
}
WORDS.update(REFUSAL_WORDS)  # the services' refusals, worded in their own file

LANGUAGES = ("en", "zh")
_E = TypeVar("_E", bound=BaseException)
_PLACE = re.compile(r"%(\d+)")


@dataclass(frozen=True, slots=True)
class Message:
    """A code and its arguments: what a refusal or a row issue says, before any language."""

    code: Code
    args: tuple[str | Message, ...] = ()

    def __str__(self) -> str:
        return said(self, "en")


def fill(template: str, args: tuple[str | Message, ...], word: Callable[[Message], str]) -> str:
    """``template`` with ``%1``… replaced by ``args`` (a nested ``Message`` worded by ``word``);
    one pass, so an argument that itself contains ``%2`` is left as it is."""

    def piece(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        if not 0 <= index < len(args):
            return match.group(0)
        arg = args[index]
        return word(arg) if isinstance(arg, Message) else str(arg)

    return _PLACE.sub(piece, template)


def said(message: Message, lang: str = "en") -> str:
    """``message`` worded for the command line (and the log) in ``lang`` (``"zh"`` or ``"en"``)."""
    english, chinese = WORDS[message.code]
    return fill(chinese if lang == "zh" else english, message.args, lambda inner: said(inner, lang))


def message_of(exc: BaseException) -> Message | None:
    """What an exception says as a ``Message``: its own (``Refusal``), else from the ``code``,
    ``file``/``source`` and ``args_`` of the older coded exceptions (file first); ``None`` when
    it has no known code (it is then shown as written)."""
    message = getattr(exc, "message", None)
    if isinstance(message, Message):
        return message
    code = getattr(exc, "code", None)
    if not isinstance(code, str) or code not in Code.__members__.values():
        return None
    file = str(getattr(exc, "source", "") or getattr(exc, "file", "") or "")
    return Message(Code(code), (file, *(str(a) for a in getattr(exc, "args_", ()) or ())))


class FileCoded:
    """A mixin for the older errors that name a file first: ``Kind.of(Code.X, file, …)`` raises
    one carrying ``code``, ``file`` and ``args_`` (read by ``message_of``, worded by each shell);
    ``str()`` is the English."""

    @classmethod
    def of(cls, code: Code, file: object, *args: object) -> Self:
        pieces = tuple(str(a) for a in args)
        exc = cls(said(Message(code, (str(file), *pieces))))  # type: ignore[call-arg]
        exc.code = code.value  # type: ignore[attr-defined]
        exc.file = str(file)  # type: ignore[attr-defined]
        exc.args_ = pieces  # type: ignore[attr-defined]
        return exc


def raised(kind: type[_E], code: Code, *args: object) -> _E:
    """An exception of ``kind`` saying ``Message(code, args)`` (``str()`` the English): an
    argument that is a coded exception is nested as its message, so each shell words it too."""

    def piece(arg: object) -> str | Message:
        if isinstance(arg, Message):
            return arg
        if isinstance(arg, BaseException):
            return message_of(arg) or str(arg)
        return str(arg)

    message = Message(code, tuple(piece(a) for a in args))
    exc = kind(said(message))
    exc.message = message  # type: ignore[attr-defined]
    return exc


def retold(kind: type[_E], exc: BaseException) -> _E:
    """``exc``'s refusal as one of ``kind`` (a service's own error): its code kept when it has
    one, so each shell still words it; else its text."""
    message = message_of(exc)
    return raised(kind, message.code, *message.args) if message is not None else kind(str(exc))


class Refusal(Exception):
    """An exception that says a ``Message``: raised as ``Error(Code.X, arg, …)``; ``str()`` is the
    English. Raised with a plain string it is an uncoded message, shown as written everywhere."""

    message: Message | None

    def __init__(self, what: str | Code, *args: str | Message | int) -> None:
        if isinstance(what, Code):
            self.message = Message(what, tuple(a if isinstance(a, Message) else str(a) for a in args))
            super().__init__(said(self.message))
        else:
            self.message = None
            super().__init__(what, *args)

    @property
    def code(self) -> Code | None:
        return None if self.message is None else self.message.code

    @property
    def args_(self) -> tuple[str | Message, ...]:
        return () if self.message is None else self.message.args


class Unreadable(Refusal, ValueError):
    """A value a parser cannot read (``domain.values``): its ``Message`` names the value and why."""
