"""``i18n.fill``: the one way the window puts values into its translated texts (the rule of Qt's
multi-argument ``QString.arg``)."""

from __future__ import annotations

from guestcard.gui.i18n import fill


def test_each_placeholder_takes_its_argument_in_one_pass() -> None:
    # A file name holding "%2" is not replaced again, as the old .replace chains did.
    written = fill("%1 could not be written: %2", "/tmp/100%2.pdf", "disk full")
    assert written == "/tmp/100%2.pdf could not be written: disk full"
    # A translation may put the placeholders in another order.
    assert fill("%2 的 %1", "生日", "张三") == "张三 的 生日"
    assert fill("%1 and %1", 3) == "3 and 3"


def test_a_placeholder_without_an_argument_stays() -> None:
    assert fill("%1 of %2", 5) == "5 of %2"
    assert fill("50% off, %1", "today") == "50% off, today"
