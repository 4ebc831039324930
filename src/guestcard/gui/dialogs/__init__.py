"""Small dialogs: a visit, a contact, a relation, a new customer, and a card changed elsewhere.

Each dialog validates what was typed with the same parsers as the rest of the program and shows
the reason under the field. They are opened with ``open()`` + ``accepted`` or ``exec()`` by the
widgets; tests fill them and call ``accept()`` directly. One file each (``visit``, ``contact``,
``relation``, ``new_customer``, ``conflict``; what they share is ``fields``); the package exports them.
"""

from __future__ import annotations

from guestcard.gui.dialogs.conflict import ConflictDialog, ask_conflict
from guestcard.gui.dialogs.contact import ContactDialog
from guestcard.gui.dialogs.new_customer import NewCustomerDialog
from guestcard.gui.dialogs.relation import RelationDialog, relation_kind_label, relation_text
from guestcard.gui.dialogs.visit import VisitDialog

__all__ = [
    "ConflictDialog",
    "ContactDialog",
    "NewCustomerDialog",
    "RelationDialog",
    "VisitDialog",
    "ask_conflict",
    "relation_kind_label",
    "relation_text",
]
