"""Plain, Qt-free and database-free types of the guest file."""

from guestcard.domain.model import (
    CORE_FIELDS,
    CUSTOMER_CLASSES,
    CUSTOMER_KINDS,
    Contact,
    Customer,
    Relation,
    Visit,
)
from guestcard.domain.values import PartialDate

__all__ = [
    "CORE_FIELDS",
    "CUSTOMER_CLASSES",
    "CUSTOMER_KINDS",
    "Contact",
    "Customer",
    "PartialDate",
    "Relation",
    "Visit",
]
