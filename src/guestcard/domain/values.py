"""Value types and parsers for what managers type: partial dates, phones, classes, money, gender.

Every parser takes loose human input and returns a normalised value or raises ``ValueError``
with a message a manager can read. Nothing here guesses: an impossible date is an error.

One idea, kept in one file though it runs to ~500 lines: the readers of typed values, each
self-checking (``PartialDate`` checks itself when made, its parser and its stored form sit beside
it); the phone, class, gender, money and yes/no readers share its folding (``_fold``) and its
quoting of a bad value (``_shown``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from types import ModuleType

from guestcard.domain.messages import Code, Unreadable

__all__ = [
    "PartialDate",
    "format_phone",
    "normalize_phone",
    "parse_bool",
    "parse_class",
    "parse_gender",
    "parse_money",
    "parse_partial_date",
]


def _shown(value: object) -> str:
    """A value as quoted in a message: a long one (a 1 MB cell) by its start and its length."""
    text = str(value)
    if len(text) <= 60:
        return text
    return f"{text[:40]}… (a text of {len(text):,} characters)"


def _lunar() -> ModuleType:
    """The Chinese calendar (``domain/lunar``), imported on first use: its tables cost ~25 ms at
    import, which ``guestcard --help`` and every value read without a lunar date need not pay."""
    from guestcard.domain import lunar  # lazy at this one boundary (see above)

    return lunar


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A calendar date whose year may be unknown (a birthday written ``3月2日``).

    With ``lunar=True`` it is a date of the Chinese calendar (农历): ``month`` and ``day`` are the
    lunar month (1 = 正月 … 12 = 腊月) and day (1–30), ``leap_month`` says the month is the leap
    one (闰四月), and ``year``, when known, is the lunar year. A lunar date with a year must exist
    in that year (the library says which months it has and how long they are); without a year any
    month 1–12 and day 1–30 is accepted, and ``occurrence_in`` keeps a day that is missing in a
    given year on a documented day (see ``guestcard.domain.lunar``).

    ``about_year`` is a year alone, approximate (a birth year an age implies, or ``1968年``):
    month and day 0, shown ``约1978年`` / ``c. 1978``, stored ``1978~``, never a full date.
    """

    month: int
    day: int
    year: int | None = None
    lunar: bool = False
    leap_month: bool = False

    def __post_init__(self) -> None:
        if self.month == 0 and self.day == 0 and self.year is not None and not self.lunar:  # about_year
            if not 1 <= self.year <= 9999:
                raise Unreadable(Code.YEAR_OUT_OF_RANGE, self.year)
            return
        if not 1 <= self.month <= 12:
            raise Unreadable(Code.MONTH_NOT_EXIST, self.month)
        if self.lunar:
            self._check_lunar()
            return
        if self.leap_month:
            raise Unreadable(Code.LEAP_ONLY_LUNAR)
        # Without a year, 29 February is a real birthday; with one, it must be a leap year.
        year = self.year if self.year is not None else 2000
        if self.year is not None and not 1 <= self.year <= 9999:
            raise Unreadable(Code.YEAR_OUT_OF_RANGE, self.year)
        if not 1 <= self.day <= calendar.monthrange(year, self.month)[1]:
            raise Unreadable(Code.NOT_A_REAL_DATE, self.iso())

    def _check_lunar(self) -> None:
        lunar = _lunar()
        if not 1 <= self.day <= 30:
            raise Unreadable(Code.LUNAR_NO_DAY, self.day)
        if self.year is None:
            return
        if not lunar.FIRST_YEAR <= self.year <= lunar.LAST_YEAR:
            raise Unreadable(Code.LUNAR_YEAR_OUT_OF_RANGE, self.year)
        length = lunar.month_length(self.year, self.month, self.leap_month)
        if length is None:
            raise Unreadable(Code.LUNAR_NO_LEAP, self.year, self.month)
        if self.day > length:
            raise Unreadable(Code.LUNAR_MONTH_SHORT, self.words(), length)

    @classmethod
    def lunar_date(cls, month: int, day: int, year: int | None = None, leap: bool = False) -> PartialDate:
        return cls(month, day, year, lunar=True, leap_month=leap)

    @classmethod
    def about_year(cls, year: int) -> PartialDate:
        """A year alone, approximate (see the class doc)."""
        return cls(0, 0, year)

    @property
    def year_only(self) -> bool:
        return self.month == 0

    def iso(self) -> str:
        """The stored form: ``YYYY-MM-DD``, or ``--MM-DD`` when the year is unknown (ISO 8601
        truncated form); a lunar date ``YYYYLMM-DD`` / ``--LMM-DD`` with ``R`` instead of the
        second ``-`` for a leap month (``1958L08-15``, ``--L04R01``). At most ten characters (the
        column's width); lunar dates of a year sort in calendar order, a leap month after its
        ordinary namesake, and after the solar dates of that year."""
        if self.month == 0:  # about_year: ISO 8601-2's mark of an approximate value
            return f"{self.year:04d}~"
        if self.lunar:
            year = "--" if self.year is None else f"{self.year:04d}"
            return f"{year}L{self.month:02d}{'R' if self.leap_month else '-'}{self.day:02d}"
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.iso()

    @property
    def month_day(self) -> str:
        """The agenda's key (five characters): ``MM-DD``; lunar ``LMMDD``, leap month ``RMMDD``."""
        if self.lunar:
            return f"{'R' if self.leap_month else 'L'}{self.month:02d}{self.day:02d}"
        return f"{self.month:02d}-{self.day:02d}"

    def words(self, lang: str = "zh") -> str:
        """The date as written on a sheet: ``1985年3月2日`` / ``3月2日``; lunar ``农历三月初二``,
        ``1958年农历八月十五`` (English ``lunar 3/2``). ``parse_partial_date`` reads it back."""
        if self.month == 0:
            return f"c. {self.year}" if lang == "en" else f"约{self.year}年"
        if self.lunar:
            return _lunar().lunar_words(self.month, self.day, self.leap_month, self.year, lang)
        text = f"{self.month}月{self.day}日"
        return f"{self.year}年{text}" if self.year is not None else text

    def to_date(self) -> dt.date | None:
        """The solar day itself (a lunar date with a year: the day it was), ``None`` without a year."""
        if self.year is None or self.month == 0:
            return None
        if self.lunar:
            return _lunar().to_solar(self.year, self.month, self.day, self.leap_month)
        return dt.date(self.year, self.month, self.day)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.month, value.day, value.year)

    @classmethod
    def from_iso(cls, text: str) -> PartialDate:
        """Read the stored form back (``YYYY-MM-DD``, ``--MM-DD``, ``YYYYLMM-DD``, ``--LMMRDD``…)."""
        if len(text) == 5 and text.endswith("~") and text[:4].isdigit():
            return cls.about_year(int(text[:4]))
        m = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", text)
        if m:
            year = None if m.group(1) == "-" else int(m.group(1))
            return cls(int(m.group(2)), int(m.group(3)), year)
        m = re.fullmatch(r"(\d{4}|--)L(\d{2})([-R])(\d{2})", text)
        if m:
            year = None if m.group(1) == "--" else int(m.group(1))
            return cls(int(m.group(2)), int(m.group(4)), year, lunar=True, leap_month=m.group(3) == "R")
        raise ValueError(f"not a stored date: {text!r}")

    def occurrence_in(self, year: int) -> dt.date:
        """The day this anniversary falls on in solar ``year``; 29 February is kept on 28 February,
        a lunar date on the day ``guestcard.domain.lunar.solar_in_year`` gives."""
        if self.lunar:
            return _lunar().solar_in_year(self.month, self.day, self.leap_month, year)
        day = self.day
        if self.month == 2 and day == 29 and not calendar.isleap(year):
            day = 28
        return dt.date(year, self.month, day)

    def years_at(self, day: dt.date) -> int | None:
        """The age turned (years married) on ``day``, an occurrence of this date; ``None`` without
        a year. A lunar date counts lunar years (腊月 of lunar 2025 falls in January 2026)."""
        if self.year is None:
            return None
        if self.lunar:
            return _lunar().from_solar(day).year - self.year
        return day.year - self.year


def _fold(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII; trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


_YMD = re.compile(r"(\d{2}|\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_MD = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TIME_TAIL = re.compile(r"[T\s]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")
# A year alone: 1968年, 约1968年, 1968年左右, c. 1968, ca.1968, 1968~ (a four-digit number alone is
# not one here: 19850302 and Excel serials are numbers too; io.coerce decides for cells).
_YEAR_ALONE = re.compile(r"(?:约|大约|大概|c\.?|ca\.?|circa|about|~)?\s*(\d{4})\s*(?:年(?:左右|前后)?|~)")
_ABOUT_YEAR = re.compile(r"(?:约|大约|大概|c\.|ca\.|circa|about|~)\s*(\d{4})")
# Month/day/year as the US writes it: accepted when the day (> 12) shows the order.
_US_MDY = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")


class _Ambiguous(Unreadable):
    pass


def _expand_year(two_digits: int, today: dt.date | None = None) -> int:
    """Two-digit years: the most recent such year not in the future (birthdays are in the past)."""
    this_year = (today or dt.date.today()).year
    year = this_year // 100 * 100 + two_digits
    return year - 100 if year > this_year else year


def _lunar_or_none(text: str) -> PartialDate | None:
    if m := re.fullmatch(r"(\d{4}|--)L(\d{2})([-R])(\d{2})", text):
        return PartialDate.from_iso(m.group())
    if (found := _lunar().parse_lunar_words(text)) is None:
        return None
    year, month, day, leap = found
    return PartialDate(month, day, year, lunar=True, leap_month=leap)


def parse_partial_date(value: object, *, today: dt.date | None = None) -> PartialDate:
    """Parse a date the way managers write them.

    Accepts date/datetime objects, ``1985-03-02``, ``1985/3/2``, ``1985.03.02``, ``19850302``,
    ``1985年3月2日``, two-digit years (``85-3-2``), and month-day only (``3月2日``, ``03-02``,
    ``--03-02``), which keeps no year. Lunar dates say so: ``农历3月2日``, ``阴历三月初二``,
    ``农历腊月初八``, ``1958年农历八月十五``, ``闰四月初一``, ``lunar 3/2`` (and the stored forms
    ``1958L08-15``, ``--L04R01``); what is shown after them in brackets (``（今年4月10日）``) is
    left aside. A year alone (``1968年``, ``约1968年``, ``c. 1968``) is an approximate year; US
    ``6/15/1980`` is read when the day shows the order (``6/5/1980`` is refused: 5 June or 6 May?).
    """
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, PartialDate):
        return value
    text = _fold(str(value))
    if not text:
        raise Unreadable(Code.EMPTY_DATE)
    text = _TIME_TAIL.sub("", text)
    try:
        if lunar := _lunar_or_none(text):
            return lunar
        if m := re.fullmatch(r"--(\d{2})-(\d{2})", text):
            return PartialDate(int(m.group(1)), int(m.group(2)))
        if m := _YMD.fullmatch(text):
            year = int(m.group(1))
            if len(m.group(1)) == 2:
                year = _expand_year(year, today)
            return PartialDate(int(m.group(2)), int(m.group(3)), year)
        if m := _COMPACT.fullmatch(text):
            return PartialDate(int(m.group(2)), int(m.group(3)), int(m.group(1)))
        if m := _MD.fullmatch(text):
            return PartialDate(int(m.group(1)), int(m.group(2)))
        if m := _YEAR_ALONE.fullmatch(text) or _ABOUT_YEAR.fullmatch(text):
            return PartialDate.about_year(int(m.group(1)))
        if m := _US_MDY.fullmatch(text):
            first, second, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if first <= 12 < second:
                return PartialDate(first, second, year)
            if second <= 12 < first:
                return PartialDate(second, first, year)
            if first == second:
                return PartialDate(first, first, year)
            if first <= 12:
                raise _Ambiguous(Code.DATE_AMBIGUOUS, _shown(value), f"{year}-{first:02d}-{second:02d}",
                                 f"{year}-{second:02d}-{first:02d}")
    except _Ambiguous:
        raise
    except ValueError:
        raise Unreadable(Code.NOT_A_REAL_DATE, _shown(value)) from None
    raise Unreadable(Code.DATE_UNREADABLE, _shown(value))


# --- phones -------------------------------------------------------------------------------

_PHONE_JUNK = re.compile(r"[\s\-()（）.·/_]")
_EXTENSION = re.compile(r"(转|ext\.?|x)\s*(\d+)$", re.IGNORECASE)
# The stored form with an extension (``01012345678-808``, ``+442079460958-12``): a whole number,
# then ``-`` and at most six digits. ``010-12345678`` is an area code and a local number instead.
_STORED_EXTENSION = re.compile(r"(\+?\d{7,})-(\d{1,6})")
# A mainland mobile, possibly with its country code: ``1381234-5678`` is one cut in two, not a
# seven-digit number with an extension.
_MOBILE = re.compile(r"(?:\+?86|0086)?1[3-9]\d{9}")
# A landline written area-local-extension: ``0755-88888888-808``. An area code never starts
# with 00: ``0086 1381234 5678`` is a mobile with its country code, cut in three.
_AREA_LOCAL_EXTENSION = re.compile(r"(0[1-9]\d{1,2})[-\s]+(\d{7,8})[-\s]+(\d{1,6})")


def _float_text_to_digits(text: str) -> str | None:
    """``1.3812345678E10`` or ``13812345678.0`` (numbers Excel stored as floats) to digits."""
    if re.fullmatch(r"\d+(\.\d+)?[eE]\+?\d+|\d+\.0+", text):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
        if number == number.to_integral_value():
            return str(int(number))
    return None


def normalize_phone(value: object) -> str:
    """Store phones as digits: mainland ``+86``/``0086`` removed, landlines keep their area code.

    Foreign numbers keep a leading ``+`` and their country code. An extension is kept after
    ``-`` (``01012345678-808``). Raises ``ValueError`` for text that holds no phone number.
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _fold(str(value))
    if not text:
        raise Unreadable(Code.EMPTY_PHONE)
    extension = ""
    if m := _EXTENSION.search(text):
        extension = "-" + m.group(2)
        text = text[: m.start()].strip()
    elif (m := _STORED_EXTENSION.fullmatch(text)) and not _MOBILE.fullmatch(m.group(1) + m.group(2)):
        extension = "-" + m.group(2)
        text = m.group(1)
    elif m := _AREA_LOCAL_EXTENSION.fullmatch(text):
        extension = "-" + m.group(3)
        text = m.group(1) + m.group(2)
    if (digits := _float_text_to_digits(text)) is not None:
        text = digits
    # Brackets and separators go first: ``(+86) 138…`` is as international as ``+86 138…``.
    compact = _PHONE_JUNK.sub("", text)
    international = compact.startswith("+")
    compact = compact.lstrip("+")
    if not compact.isdigit():
        raise Unreadable(Code.NOT_A_PHONE, _shown(value))
    if international or compact.startswith("00"):
        if not international:
            compact = compact[2:]
        if compact.startswith("86"):
            national = compact[2:]
            # A landline dialled from abroad loses its trunk 0: put it back.
            is_mobile = len(national) == 11 and national.startswith("1")
            if not is_mobile and not national.startswith("0"):
                national = "0" + national
            compact = national
        else:
            return _foreign_phone("+" + compact) + extension
    if not 5 <= len(compact) <= 13:
        raise Unreadable(Code.PHONE_DIGITS, _shown(value), len(compact))
    return compact + extension


@lru_cache(maxsize=1024)
def _foreign_phone(text: str) -> str:
    import phonenumbers  # imported lazily: rare path, and a large module

    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        raise Unreadable(Code.NOT_A_PHONE, _shown(text)) from None
    if not phonenumbers.is_possible_number(number):
        raise Unreadable(Code.PHONE_IMPOSSIBLE, _shown(text))
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


_AREA3 = ("010", "020", "021", "022", "023", "024", "025", "027", "028", "029")


def format_phone(digits: str) -> str:
    """Show a stored phone the way it is read aloud: ``138 1234 5678``, ``010 1234 5678``."""
    if not digits:
        return ""
    number, sep, extension = digits.partition("-")
    tail = f" 转 {extension}" if sep else ""
    if number.startswith("+"):
        return number + tail
    if len(number) == 11 and number.startswith("1"):
        return f"{number[:3]} {number[3:7]} {number[7:]}{tail}"
    if number.startswith("0") and len(number) >= 10:
        area = 3 if number[:3] in _AREA3 else 4
        local = number[area:]
        half = len(local) // 2
        return f"{number[:area]} {local[:half]} {local[half:]}{tail}"
    return number + tail


# --- classes, gender, money, yes/no ---------------------------------------------------------

_CLASS_WORDS: dict[str, str] = {}
for _cls, _words in {
    "A": ("a", "a类", "a级", "vip", "贵宾", "大客户", "重要客户", "重点客户", "a类客户", "重要", "重要客人",
          "贵宾客户"),
    "B": ("b", "b类", "b级", "单位客户", "普通客户", "协议客户", "政府客户", "b类客户"),
    "C": ("c", "c类", "c级", "散客", "普通散客", "新客户", "新客", "c类客户", "普通", "普通客人", "一般",
          "一般客户"),
}.items():
    for _word in _words:
        _CLASS_WORDS[_word] = _cls


def parse_class(value: object) -> str:
    """``A``/``A类``/``VIP``/``大客户`` → ``A``; ``单位客户`` → ``B``; ``散客``/``新客户`` → ``C``."""
    text = _fold(str(value)).lower().replace(" ", "")
    if text in _CLASS_WORDS:
        return _CLASS_WORDS[text]
    raise Unreadable(Code.NOT_A_CLASS, _shown(value))


_GENDER_WORDS = {
    "男": "male",
    "m": "male",
    "male": "male",
    "先生": "male",
    "man": "male",
    "女": "female",
    "f": "female",
    "female": "female",
    "女士": "female",
    "小姐": "female",
    "woman": "female",
}


def parse_gender(value: object) -> str:
    text = _fold(str(value)).lower()
    if text in _GENDER_WORDS:
        return _GENDER_WORDS[text]
    raise Unreadable(Code.NOT_A_GENDER, _shown(value))


_MONEY_JUNK = re.compile(r"[¥￥$\s]|rmb|cny|元|人民币", re.IGNORECASE)
# Thousands separators where they belong (``12,800.50``); ``1,5`` (a decimal comma) or ``12,80``
# would otherwise be read as 15 and 1280.
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d*)?")
# Amounts beyond this are not a restaurant's (and keep Decimal's 28 digits exact).
MAX_AMOUNT = Decimal("1e15")


def parse_money(value: object) -> Decimal:
    """``¥12,800.00``, ``12800元``, ``1.28万`` → ``Decimal('12800')`` (two decimals at most,
    rounded half up — 四舍五入). Commas must group thousands; amounts of 10^15 or more are refused."""
    if isinstance(value, bool):
        raise Unreadable(Code.NOT_AN_AMOUNT, _shown(value))
    try:
        if isinstance(value, int | float | Decimal):
            number = Decimal(str(value))
        else:
            text = _MONEY_JUNK.sub("", _fold(str(value)).replace("，", ","))
            factor = Decimal(1)
            if text.endswith("万"):
                factor, text = Decimal(10000), text[:-1]
            elif text.endswith("千"):
                factor, text = Decimal(1000), text[:-1]
            if "," in text:
                if not _GROUPED.fullmatch(text):
                    raise Unreadable(Code.AMOUNT_BAD_COMMAS, _shown(value))
                text = text.replace(",", "")
            number = Decimal(text) * factor
        if not number.is_finite():
            raise Unreadable(Code.NOT_AN_AMOUNT, _shown(value))
        if abs(number) >= MAX_AMOUNT:
            raise Unreadable(Code.AMOUNT_TOO_LARGE_VALUE, _shown(value))
        number = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    except ArithmeticError:  # InvalidOperation (not a number), Overflow
        raise Unreadable(Code.NOT_AN_AMOUNT, _shown(value)) from None
    return Decimal(int(number)) if number == number.to_integral_value() else number


def money_to_cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


def cents_to_money(cents: int) -> Decimal:
    amount = Decimal(cents) / 100
    return amount.quantize(Decimal(1)) if cents % 100 == 0 else amount.quantize(Decimal("0.01"))


_TRUE = {"是", "有", "y", "yes", "true", "1", "√", "✓", "✔", "对"}
_FALSE = {"否", "无", "没有", "n", "no", "false", "0", "×", "✗", "不"}


def parse_bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = _fold(str(value)).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise Unreadable(Code.NOT_YES_OR_NO, _shown(value))
