"""What the Print dialog says about a drawing: how many cards on how many pages, and, when it
failed, the dialog's own words for the two failures a choice in it can fix (nobody to print, a
card of the wrong kind). Words only; the dialog (``print_dialog``) shows them. Translated in the
dialog's context (``PrintDialog``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from guestcard.gui.i18n import fill
from guestcard.gui.messages import say
from guestcard.gui.print_pages import Rendered, Who


def _tr(text: str) -> str:
    return QCoreApplication.translate("PrintDialog", text)


def preview_text(rendered: Rendered) -> str:
    if rendered.blank:
        return fill(_tr("A blank form on %1 pages."), rendered.pages)
    if rendered.total > rendered.cards:
        return (fill(
            _tr("The first %1 of %2 cards (%3 pages); printing and saving take them all."),
            rendered.cards,
            rendered.total,
            rendered.pages,
        ))
    return fill(_tr("%1 cards on %2 pages."), rendered.cards, rendered.pages)


def failure_text(exc: BaseException, who: Who) -> tuple[str, bool]:
    """The words for a failed drawing, and whether the preview is to be cleared (it shows the cards
    of another choice)."""
    from guestcard.services.printing import FormNotForKind, NothingToPrint  # loaded by the job that failed

    if isinstance(exc, NothingToPrint):
        if who.day is not None:
            return fill(
                _tr("Nobody is booked on %1."),
                QLocale().toString(QDate(who.day.year, who.day.month, who.day.day), QLocale.FormatType.LongFormat),
            ), True
        return _tr("No customers to print: choose some in the list first."), True
    if isinstance(exc, FormNotForKind):  # the command line's words name --form
        return (_tr("This card is not for organisations: choose another card, e.g. the corporate card.")
                if exc.kind == "corporate"
                else _tr("This card is for organisations: choose another card for a person.")), True
    return say(exc), False
