"""The window's Qt item models, one per module:

- ``columns``: ``Column`` (a table's column description), the labels of coded values, item roles;
- ``customers``: the customer list (``ListFilter``, ``CustomerTableModel``, ``CustomerProxyModel``);
- ``records``: ``RecordsModel``, one generic table over a list of records;
- ``grid``: ``GridModel``, raw spreadsheet cells (the import preview).

Everything is importable from ``guestcard.gui.models`` as before.
"""

from PySide6.QtCore import QT_TRANSLATE_NOOP

from guestcard.gui.models.columns import (
    ALLERGY_COLOR,
    ID_ROLE,
    Column,
    class_label,
    format_phone,
    gender_label,
    kind_label,
    tr,
)
from guestcard.gui.models.customers import (
    CUSTOMER_COLUMNS,
    DEFAULT_VISIBLE,
    SORTABLE,
    CustomerProxyModel,
    CustomerTableModel,
    ListFilter,
)
from guestcard.gui.models.grid import GridModel
from guestcard.gui.models.records import RecordsModel

__all__ = [
    "ALLERGY_COLOR",
    "CUSTOMER_COLUMNS",
    "DEFAULT_VISIBLE",
    "ID_ROLE",
    "QT_TRANSLATE_NOOP",
    "SORTABLE",
    "Column",
    "CustomerProxyModel",
    "CustomerTableModel",
    "GridModel",
    "ListFilter",
    "RecordsModel",
    "class_label",
    "format_phone",
    "gender_label",
    "kind_label",
    "tr",
]
