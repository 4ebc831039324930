"""The services' refusals (``guestcard.domain.refusal_words``) in the English the window
translates (context ``Messages`` of ``guestcard_zh_CN.ts``); ``guestcard.gui.messages`` merges
them into its ``WORDS``. A test holds this table to the codes and to the same English."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from guestcard.domain.codes import Code

REFUSAL_WORDS: dict[Code, str] = {
    Code.AMOUNT_NOT_DECIMAL: QT_TRANSLATE_NOOP("Messages", "%1: an amount is a Decimal, not %2"),
    Code.TERMS_UNREADABLE: QT_TRANSLATE_NOOP("Messages", "%1 is not terms like monthly:10 or days:30"),
    Code.TERMS_MONTHLY_DAY: QT_TRANSLATE_NOOP("Messages", "monthly:N needs a day of the month from 1 to 28"),
    Code.TERMS_DAYS: QT_TRANSLATE_NOOP("Messages", "days:N needs 0 to 365 days"),
    Code.TEXT_AT_MOST: QT_TRANSLATE_NOOP("Messages", "%1: at most %2 characters"),
    Code.TWO_CORPORATES_NAMED: QT_TRANSLATE_NOOP("Messages", "two corporate customers have that name: give the id "
                                                             "(guestcard list --kind corporate)"),
    Code.SIGNERS_AT_MOST: QT_TRANSLATE_NOOP("Messages", "signers: at most %1"),
    Code.CONTRACT_END_BEFORE_START: QT_TRANSLATE_NOOP("Messages", "contract: the end is before the start"),
    Code.NOT_CORPORATE: QT_TRANSLATE_NOOP("Messages", "customer %1 is not a corporate customer: only a company has "
                                                      "an account"),
    Code.ACCOUNT_EXISTS: QT_TRANSLATE_NOOP("Messages", "customer %1 has an account already (guestcard account show "
                                                       "%1)"),
    Code.ACCOUNT_CLOSED: QT_TRANSLATE_NOOP("Messages", "the account is closed: nothing more can be charged to it"),
    Code.SIGNER_REQUIRED: QT_TRANSLATE_NOOP("Messages", "signer: a charge needs who signed for it (签单人)"),
    Code.SIGNER_NOT_ALLOWED: QT_TRANSLATE_NOOP("Messages", "signer: not one of the people who may sign for this "
                                                           "account (guestcard account show %1 lists them)"),
    Code.BILL_TAKEN: QT_TRANSLATE_NOOP("Messages", "bill: this bill number is charged to the account already"),
    Code.SPEND_REQUIRED: QT_TRANSLATE_NOOP("Messages", "spend: a visit put on an account needs what was spent "
                                                       "(--spend)"),
    Code.NOT_AN_OPEN_CHARGE: QT_TRANSLATE_NOOP("Messages", "charge %1: not an open charge of this account"),
    Code.ENTRY_IS_REVERSAL: QT_TRANSLATE_NOOP("Messages", "entry %1 is a reversal itself: charge or pay anew instead"),
    Code.ENTRY_REVERSED: QT_TRANSLATE_NOOP("Messages", "entry %1 is reversed already"),
    Code.CHARGE_PAID: QT_TRANSLATE_NOOP("Messages", "charge %1 is paid (in part) by payment %2: reverse the payment "
                                                    "first"),
    Code.MONTH_UNREADABLE: QT_TRANSLATE_NOOP("Messages", "month: %1 is not a month like 2026-11"),
    Code.NO_LIMIT_SUGGESTED: QT_TRANSLATE_NOOP("Messages", "account of customer %1: no change of limit is suggested"),
    Code.LIMIT_CHANGED_MEANWHILE: QT_TRANSLATE_NOOP("Messages", "the limit was changed meanwhile: look at the "
                                                                "suggestion again"),
    Code.CHOICE_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "%1: %2 is not one of %3 (%4)"),
    Code.PARTY_RANGE: QT_TRANSLATE_NOOP("Messages", "party: the party size is 1 to 10000"),
    Code.MERGE_NO_FIELD: QT_TRANSLATE_NOOP("Messages", "take: neither card has a field %1"),
    Code.MERGE_ONE_VALUE: QT_TRANSLATE_NOOP("Messages", "both: %1 keeps one value (both: %2)"),
    Code.MERGE_ITSELF: QT_TRANSLATE_NOOP("Messages", "#%1 cannot be merged into itself"),
    Code.MERGE_TABLE_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "table %1 holds customers' rows this version cannot move"),
    Code.MERGE_BOTH_HAVE_ROW: QT_TRANSLATE_NOOP("Messages", "#%1 and #%2 both have a row of %3 (one per card): they "
                                                            "cannot be merged until one of them goes"),
    Code.MERGE_ALREADY_UNDONE: QT_TRANSLATE_NOOP("Messages", "merge %1 was already undone on %2"),
    Code.MERGE_KEEP_GONE: QT_TRANSLATE_NOOP("Messages", "merge %1: card #%2 was merged away or deleted; undo merge "
                                                        "%3 first"),
    Code.MERGE_KEEP_GONE_SINCE: QT_TRANSLATE_NOOP("Messages", "merge %1: card #%2 was merged away or deleted since"),
    Code.MERGE_OTHER_EXISTS: QT_TRANSLATE_NOOP("Messages", "merge %1: a card #%2 exists already"),
    Code.REVIEW_ENDS_BEFORE: QT_TRANSLATE_NOOP("Messages", "to: the review ends before it starts"),
    Code.LOST_MONTHS_RANGE: QT_TRANSLATE_NOOP("Messages", "lost months: 1 to 120"),
    Code.ROLE_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "role: %1 is not one of %2 (经理/客户经理/前台/服务员)"),
    Code.STAFF_NAME_REQUIRED: QT_TRANSLATE_NOOP("Messages", "%1: a staff member needs a name"),
    Code.STAFF_NAME_TAKEN: QT_TRANSLATE_NOOP("Messages", "name: %1 is on the staff list already"),
    Code.LOGIN_TAKEN: QT_TRANSLATE_NOOP("Messages", "login: %1 belongs to another staff member"),
    Code.STAFF_LEFT_ALREADY: QT_TRANSLATE_NOOP("Messages", "%1 has left already (on %2)"),
    Code.HANDOVER_SAME_OWNER: QT_TRANSLATE_NOOP("Messages", "to: the guests already belong to this owner"),
    Code.HANDOVER_TO_LEFT: QT_TRANSLATE_NOOP("Messages", "to: %1 has left; choose someone still working here"),
    Code.HANDOVER_NOT_THEIRS: QT_TRANSLATE_NOOP("Messages", "ids: customer %1 is not a guest of %2"),
    Code.USER_LEFT: QT_TRANSLATE_NOOP("Messages", "user: %1 has left"),
    Code.LEVEL_WHERE: QT_TRANSLATE_NOOP("Messages", "level %1 (%2)"),
    Code.LEVEL_CODE_FORM: QT_TRANSLATE_NOOP("Messages", "%1: the code is 1 to 4 letters or digits, like A"),
    Code.LEVEL_CODE_TWICE: QT_TRANSLATE_NOOP("Messages", "%1: the code %2 is used twice"),
    Code.LEVEL_LABELS: QT_TRANSLATE_NOOP("Messages", "%1: a level needs a Chinese and an English label"),
    Code.LEVEL_COLOUR: QT_TRANSLATE_NOOP("Messages", "%1: the colour %2 is not like #c62828"),
    Code.LEVEL_FOLLOW_UP: QT_TRANSLATE_NOOP("Messages", "%1: the follow-up interval is 1 to 3660 days (or none)"),
    Code.LEVELS_NONE: QT_TRANSLATE_NOOP("Messages", "levels: at least one level is needed"),
    Code.MONTHS_RANGE: QT_TRANSLATE_NOOP("Messages", "months: %1 is not between 1 and 120"),
    Code.SEGMENT_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "segment: %1 is not one of %2"),
    Code.DAYS_NEGATIVE: QT_TRANSLATE_NOOP("Messages", "days: cannot be negative"),
    Code.CLASS_THRESHOLDS: QT_TRANSLATE_NOOP("Messages", "class thresholds: A (%1) must be above B (%2), B not "
                                                         "negative"),
    Code.CORPORATE_CLASS_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "corporate class: %1 is not A, B or C"),
    Code.BOUNDS_RISING: QT_TRANSLATE_NOOP("Messages", "%1: four different non-negative bounds, rising"),
    Code.BOUNDS_FALLING: QT_TRANSLATE_NOOP("Messages", "%1: four different non-negative bounds, falling"),
    Code.CHURN_AT_LEAST_ONE: QT_TRANSLATE_NOOP("Messages", "churn: the window, baseline and minimum visits must be "
                                                           "at least 1"),
    Code.CHURN_RATIO: QT_TRANSLATE_NOOP("Messages", "churn: the ratio is between 0 and 1, the expected visits above 0"),
    Code.INSIGHT_SETTINGS_UNKNOWN: QT_TRANSLATE_NOOP("Messages", "insight settings: unknown %1"),
    Code.INSIGHT_SETTINGS_BAD: QT_TRANSLATE_NOOP("Messages", "insight settings: %1"),
    Code.NOT_A_LABEL_SHEET: QT_TRANSLATE_NOOP("Messages", "%1: not a label sheet (%2 or ROWSxCOLS TOP LEFT GAP_X "
                                                          "GAP_Y)"),
    Code.NO_ADDRESS: QT_TRANSLATE_NOOP("Messages", "none of the chosen customers has an address"),
    Code.NO_CUSTOMER_CHOSEN: QT_TRANSLATE_NOOP("Messages", "no customer chosen"),
    Code.NOTHING_TO_PRINT: QT_TRANSLATE_NOOP("Messages", "no customers to print"),
    Code.NO_RESERVATIONS: QT_TRANSLATE_NOOP("Messages", "no reservations on %1: nothing to brief"),
    Code.NO_RESERVATIONS_FOR: QT_TRANSLATE_NOOP("Messages", "no reservations on %1 (%2): nothing to brief"),
    Code.FORM_NOT_FOR_ORGANISATIONS: QT_TRANSLATE_NOOP("Messages", "form %1 is not for organisations (customer %2); "
                                                                   "choose another form with --form"),
    Code.FORM_NOT_FOR_INDIVIDUALS: QT_TRANSLATE_NOOP("Messages", "form %1 is not for individuals (customer %2); "
                                                                 "choose another form with --form"),
    Code.FILE_BUSY_REPLACED_BY_OTHER: QT_TRANSLATE_NOOP("Messages", "%1: the guest file is being replaced by another "
                                                                    "guestcard; try again when it ends"),
    Code.NO_SUCH_GUEST_FILE: QT_TRANSLATE_NOOP("Messages", "%1: no such guest file"),
    Code.OPTION_NEGATIVE: QT_TRANSLATE_NOOP("Messages", "%1: cannot be negative"),
    Code.NO_SUCH_FILE: QT_TRANSLATE_NOOP("Messages", "%1: no such file"),
    Code.FOLDER_MISSING: QT_TRANSLATE_NOOP("Messages", "%1: the folder %2 does not exist"),
    Code.CANNOT_BE_WRITTEN: QT_TRANSLATE_NOOP("Messages", "%1: cannot be written (%2)"),
    Code.YEAR_OUT_OF_RANGE: QT_TRANSLATE_NOOP("Messages", "year %1 is out of range"),
    Code.MONTH_NOT_EXIST: QT_TRANSLATE_NOOP("Messages", "month %1 does not exist"),
    Code.LEAP_ONLY_LUNAR: QT_TRANSLATE_NOOP("Messages", "only a lunar date has a leap month"),
    Code.LUNAR_NO_DAY: QT_TRANSLATE_NOOP("Messages", "a lunar month has no day %1"),
    Code.LUNAR_YEAR_OUT_OF_RANGE: QT_TRANSLATE_NOOP("Messages", "lunar year %1 is out of range"),
    Code.LUNAR_NO_LEAP: QT_TRANSLATE_NOOP("Messages", "lunar year %1 has no leap month %2 (闰%2月)"),
    Code.LUNAR_MONTH_SHORT: QT_TRANSLATE_NOOP("Messages", "%1 is not a real date: that month has %2 days"),
}
