"""Languages, translations, fonts, icons and locale-aware formatting of dates and money.

The window speaks Chinese or English. ``Languages`` installs our compiled translations
(``resources/translations/guestcard_zh_CN.qm`` / ``_en.qm``) and Qt's own (button texts of the
standard dialogs), and sets the default ``QLocale``; Qt then sends every widget a
``LanguageChange`` event and each widget's ``retranslate()`` sets its texts again: no restart.
The language of the card forms' labels (from the TOML) follows ``ui_lang()``, read from the
default locale, so nothing global of ours is needed.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QEvent, QLibraryInfo, QLocale, QTime, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from guestcard.paths import shipped_dir

if TYPE_CHECKING:
    from guestcard.domain.values import PartialDate

QM_NAMES = {"zh": "guestcard_zh_CN", "en": "guestcard_en"}


def resources_dir() -> Path:
    return shipped_dir("resources")


def translations_dir() -> Path:
    return resources_dir() / "translations"


def locale_for(lang: str) -> QLocale:
    if lang == "zh":
        return QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    system = QLocale.system()
    if system.language() == QLocale.Language.English:
        return system
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def ui_lang() -> str:
    """``"zh"`` or ``"en"``: the language the window currently speaks."""
    return "zh" if QLocale().language() == QLocale.Language.Chinese else "en"


_PLACEHOLDER = re.compile(r"%([1-9][0-9]?)")


def fill(text: str, *args: object) -> str:
    """``text`` with ``%1``, ``%2`` … replaced by ``args`` in one pass, as Qt's multi-argument
    ``QString.arg`` does: an argument that itself holds ``%2`` (a file name, a guest's note) is
    not replaced again, and a placeholder without an argument stays as written."""
    values = [str(arg) for arg in args]

    def value(match: re.Match[str]) -> str:
        number = int(match.group(1))
        return values[number - 1] if number <= len(values) else match.group(0)

    return _PLACEHOLDER.sub(value, text)


class Languages:
    """Installs and swaps the translators of one application."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.current: str | None = None
        self._installed: list[QTranslator] = []

    def apply(self, lang: str) -> bool:
        """Switch to ``lang``; returns False when our translation file is missing (texts stay English)."""
        lang = "en" if lang == "en" else "zh"
        for translator in self._installed:
            self.app.removeTranslator(translator)
        self._installed.clear()
        QLocale.setDefault(locale_for(lang))
        ours = QTranslator(self.app)
        found = ours.load(QM_NAMES[lang], str(translations_dir()))
        if found:
            self.app.installTranslator(ours)
            self._installed.append(ours)
        if lang == "zh":
            qt = QTranslator(self.app)
            if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self.app.installTranslator(qt)
                self._installed.append(qt)
        self.current = lang

        if self._installed:
            # Installing posted a LanguageChange: deliver it now, so every widget speaks the new
            # language when this returns (not at some later turn of the event loop).
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        else:
            # No translator changed: tell the widgets anyway (the forms' labels follow the locale).
            for widget in _top_level_widgets():
                QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
        return found


def _top_level_widgets() -> list:
    return list(QApplication.topLevelWidgets()) if isinstance(QApplication.instance(), QApplication) else []


def register_fonts() -> list[str]:
    """Register the bundled CJK font(s) so Chinese renders on a machine without Chinese fonts."""
    families: list[str] = []
    folder = resources_dir() / "fonts"
    for path in sorted([*folder.glob("*.ttc"), *folder.glob("*.ttf"), *folder.glob("*.otf")]):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def app_icon() -> QIcon:
    icon = QIcon()
    folder = resources_dir() / "icons"
    for size in (16, 32, 48, 256):
        path = folder / f"guestcard-{size}.png"
        if path.exists():
            icon.addFile(str(path))
    return icon


# --- formatting in the user's locale ------------------------------------------------------------


def fmt_date(value: dt.date | None, long: bool = False) -> str:
    if value is None:
        return ""
    fmt = QLocale.FormatType.LongFormat if long else QLocale.FormatType.ShortFormat
    return QLocale().toString(QDate(value.year, value.month, value.day), fmt)


def fmt_time(value: dt.datetime | dt.time | None) -> str:
    if value is None:
        return ""
    return QLocale().toString(QTime(value.hour, value.minute), QLocale.FormatType.ShortFormat)


def fmt_datetime(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    moment = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
    return QLocale().toString(moment, QLocale.FormatType.ShortFormat)


def fmt_weekday_date(value: dt.date) -> str:
    """``11月24日 星期二`` / ``Tue 24 Nov``: a date close at hand."""
    locale = QLocale()
    date = QDate(value.year, value.month, value.day)
    if locale.language() == QLocale.Language.Chinese:
        return locale.toString(date, "M月d日 dddd")
    return locale.toString(date, "ddd d MMM")


def fmt_partial_date(value: PartialDate | None) -> str:
    """A birthday in the locale; without a year only month and day; a lunar one in words."""
    if value is None:
        return ""
    if value.lunar:  # 农历三月初二（今年4月18日）: the words and this year's day
        from guestcard.forms.values import format_date  # lazy: forms (tomllib) load after the window shows

        return format_date(value, ui_lang())
    locale = QLocale()
    if value.year_only:
        return f"约{value.year}年" if locale.language() == QLocale.Language.Chinese else f"c. {value.year}"
    date = QDate(value.year or 2000, value.month, value.day)
    if value.year is None:
        return locale.toString(date, "M月d日" if locale.language() == QLocale.Language.Chinese else "d MMM")
    return locale.toString(date, QLocale.FormatType.ShortFormat)


def fmt_money(amount: Decimal | float | int | None) -> str:
    if amount is None:
        return ""
    value = Decimal(str(amount))
    digits = 0 if value == value.to_integral_value() else 2
    return QLocale().toCurrencyString(float(value), "¥", digits)
