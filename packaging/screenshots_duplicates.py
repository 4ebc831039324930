"""The README's screenshots of "Possible duplicates" and of the side-by-side merge, in Chinese,
over the demo data (which holds a few guests typed in twice).

    xvfb-run -a python packaging/screenshots_duplicates.py [--out docs]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import settle, wait_for

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs")
    parser.add_argument("--lang", choices=("zh", "en"), default="zh")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("GUESTCARD_HOME", tempfile.mkdtemp(prefix="guestcard-home-"))
    from guestcard.gui.app import prepare_application

    app = prepare_application([sys.argv[0]])
    from guestcard.forms import load_library
    from guestcard.gui.duplicates_page import DuplicatesPage
    from guestcard.gui.i18n import Languages
    from guestcard.gui.worker import TaskRunner
    from guestcard.paths import shipped_dir
    from guestcard.services.demo import fill_demo
    from guestcard.storage import Database

    languages = Languages(app)
    languages.apply(args.lang)
    library = load_library(shipped_dir("forms"))
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "guestcard.sqlite3")
        fill_demo(db, duplicates=True)
        runner = TaskRunner()
        page = DuplicatesPage(db, runner, library)
        page.resize(1000, 420)
        page.show()
        wait_for(app, lambda: page.model.rowCount() > 0)
        page.table.resizeColumnsToContents()
        settle(app)
        shots = [args.out / f"guestcard-duplicates-{args.lang}.png", args.out / f"guestcard-merge-{args.lang}.png"]
        page.grab().save(str(shots[0]))
        # The pair with the most to choose between: one name and company, the rest typed anew.
        records = page.model.records
        page.table.selectRow(next((n for n, pair in enumerate(records)
                                   if any(r.rule == "name_company" for r in pair.reasons)), 0))
        page.merge_selected()
        dialog = page.merge_dialog
        assert dialog is not None
        wait_for(app, lambda: dialog.plan is not None)
        dialog.resize(820, 380)
        settle(app)
        dialog.grab().save(str(shots[1]))
        dialog.reject()
        page.close()
        runner.wait(10_000)
        db.close()
    for shot in shots:
        print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
