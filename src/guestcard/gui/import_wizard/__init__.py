"""The import wizard: file → sheet → preview with the header row → column mapping → dry run →
duplicate policy → import (progress, Cancel) → summary with "Undo this import".

Reading, matching and writing are the import service's (``services.importing.import_steps``: one
transaction, a backup first, nothing written unless the whole file was read); the wizard runs it off
the GUI thread through ``TaskRunner`` and shows what it yields (``jobs``). One module per page or pair
of pages; ``issues`` words the reader's row issues by their code. Mappings (header → field) can be
saved as JSON and loaded again (``io.load_mapping`` reads them, as ``guestcard import --mapping``).
"""

from __future__ import annotations

from guestcard.gui.import_wizard.issues import _csv_safe, issue_text
from guestcard.gui.import_wizard.jobs import mappings_dir
from guestcard.gui.import_wizard.mapping_page import EXTRA, IGNORE
from guestcard.gui.import_wizard.wizard import ImportWizard

__all__ = ["EXTRA", "IGNORE", "ImportWizard", "_csv_safe", "issue_text", "mappings_dir"]
