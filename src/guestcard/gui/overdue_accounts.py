"""The Today page's line of corporate accounts past their terms (issue 19), read on the runner."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QLabel, QWidget

from guestcard.gui.i18n import fill
from guestcard.gui.operations import call_job
from guestcard.gui.payment_dialog import yuan
from guestcard.gui.worker import TaskRunner

if TYPE_CHECKING:
    from guestcard.storage import Database


class OverdueAccountsBar(QLabel):
    """The Today page's line of accounts past their terms (longest first); a link opens the card."""

    openCustomer = Signal(int)
    loaded = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.late: list[Any] = []
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020")
        self.linkActivated.connect(lambda link: self.openCustomer.emit(int(link)))
        self.hide()

    def refresh(self, db: Database | None) -> None:
        if db is None:
            return

        def read() -> Any:
            from guestcard.services import accounts  # lazy: the window shows before this loads (bench_gui start)

            return accounts.overdue(db)

        self.runner.start(call_job(read), on_result=self.show_late, reading_only=True)

    def show_late(self, late: list[Any]) -> None:
        self.late = late
        self.retranslate()
        self.loaded.emit()

    def retranslate(self) -> None:
        shown = self.late[:6]
        links = "、".join(
            f'<a href="{s.account.customer_id}">{escape(s.name)}</a> '
            + fill(self.tr("%1 days, %2"), str(s.standing.days_overdue), yuan(s.standing.overdue_fen))
            for s in shown
        )
        left = len(self.late) - len(shown)
        more = fill(self.tr(" and %1 more"), str(left)) if left > 0 else ""
        self.setText(fill(self.tr("Accounts overdue: %1"), links + more) if shown else "")
        self.setVisible(bool(shown))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
