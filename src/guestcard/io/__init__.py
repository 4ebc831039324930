"""Spreadsheet import and export of customers: no Qt, no database (only domain and forms).

- ``read_customers(path, library, sheet=, mapping=)``: a generator of ``Progress``, ``ParsedRow``
  and ``RowIssue``, then one ``ReadSummary`` (the ``SheetInfo`` of every sheet); raises
  ``ImportRefused`` ("FILE: reason") for unusable input. See ``customers`` and ``results``.
- ``load_mapping(path)``: a saved header → field-key mapping (JSON).
- ``write_customers_xlsx(path, customers, library, ...)``: the export, written atomically; it
  reads back through ``read_customers`` to the same values. See ``xlsx_writer``.

Modules: ``safety`` (format sniffing, zip/XML bomb and size checks), ``readers`` (calamine,
openpyxl, xlrd, csv → rows of cells), ``mapping`` (headers → field keys), ``coerce`` (cells →
values), ``customers`` (rows → customers and issues), ``export`` (customers → cells) and
``xlsx_writer`` (a small streaming writer).
"""

from guestcard.io.customers import read_customers
from guestcard.io.export import write_customers_xlsx
from guestcard.io.mapping import load_mapping
from guestcard.io.results import ImportRefused, ParsedRow, Progress, ReadSummary, RowIssue, SheetInfo

__all__ = [
    "ImportRefused",
    "ParsedRow",
    "Progress",
    "ReadSummary",
    "RowIssue",
    "SheetInfo",
    "load_mapping",
    "read_customers",
    "write_customers_xlsx",
]
