"""Pictures of the staff's sheets for the README: the pre-shift briefing sheet (顾客信息传递表, the PDF
drawn by pdftoppm), the periodic review (定期盘点) as the dashboard's page and as its PDF, with the demo data.

    xvfb-run -a python packaging/screenshots_staff.py [--out build/screenshots] [--docs]

With ``--docs`` the README's pictures (``docs/print-briefing-zh.png``, ``docs/guestcard-review-zh.png``,
``docs/print-review-zh.png``) are written to docs/ (PNG at 70 dpi for the PDFs: a page is ~800 px wide).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import ROOT, SIZE, settle, wait_for  # the window helpers of the main script

DOCS = {"zh-briefing.png": "print-briefing-zh.png", "zh-review.png": "guestcard-review-zh.png",
        "zh-review-pdf.png": "print-review-zh.png"}
RESTAURANT = {"zh": "牡丹大酒店 · 中餐厅", "en": "Peony Hotel · Chinese Restaurant"}
DPI = 70


def pdf_page(pdf: Path, png: Path) -> None:
    """The PDF's first page as ``png`` (pdftoppm, ``DPI``)."""
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(png.with_suffix(""))], check=True)


def sheets(db: Any, library: Any, out: Path, lang: str, shots: list[Path]) -> None:
    from guestcard.services import review
    from guestcard.services.briefing import print_briefing

    today = dt.date.today()
    pdf = out / f"{lang}-briefing.pdf"
    print_briefing(db, library, pdf, today, None, lang=lang, restaurant=RESTAURANT[lang])
    pdf_page(pdf, out / f"{lang}-briefing.png")
    shots.append(out / f"{lang}-briefing.png")
    result = review.review(db, today.replace(day=1) - dt.timedelta(days=60), today)
    pdf = out / f"{lang}-review.pdf"
    review.print_review(result, pdf, lang, RESTAURANT[lang])
    pdf_page(pdf, out / f"{lang}-review-pdf.png")
    shots.append(out / f"{lang}-review-pdf.png")


def window_review(app: Any, languages: Any, library: Any, db: Any, tmp: Path, lang: str, out: Path,
                  shots: list[Path]) -> None:
    from PySide6.QtCore import QDate, QSettings

    from guestcard.gui.main_window import MainWindow
    from guestcard.settings import Settings

    languages.apply(lang)
    window = MainWindow(Settings(language=lang, restaurant_name=RESTAURANT[lang]), languages=languages,
                        qsettings=QSettings(str(tmp / f"{lang}.ini"), QSettings.Format.IniFormat),
                        settings_file=tmp / f"{lang}.json")
    window.resize(*SIZE)
    window.show()
    window.set_database(db, library)
    wait_for(app, lambda: window.today.board is not None and bool(window.staff.owners))
    window.show_page("dashboard")  # the review as the dashboard's page (also Staff ▸ Periodic review…)
    board = window.dashboard
    board.tabs.setCurrentWidget(board.review_tab)
    dialog = board.review
    seen: list[Any] = []
    dialog.reviewed.connect(seen.append)
    start = dt.date.today().replace(day=1) - dt.timedelta(days=60)
    dialog.start.setDate(QDate(start.year, start.month, start.day))
    wait_for(app, lambda: any(r.start == start for r in seen) and not window.runner.busy)
    dialog.figures_view.setFocus()
    settle(app, 20)
    shot = out / f"{lang}-review.png"
    window.grab().save(str(shot))
    shots.append(shot)
    window.runner.cancel_all()
    window.runner.wait(10_000)
    window.close_database()
    window.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--docs", action="store_true")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("GUESTCARD_HOME", tempfile.mkdtemp(prefix="guestcard-home-"))

    from guestcard.forms import load_library
    from guestcard.gui.app import prepare_application
    from guestcard.gui.i18n import Languages
    from guestcard.paths import shipped_dir
    from guestcard.services.demo import fill_demo
    from guestcard.storage import Database

    app = prepare_application([sys.argv[0]])
    languages = Languages(app)
    library = load_library(shipped_dir("forms"))
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "guestcard.sqlite3"
        db = Database.open(path)
        fill_demo(db)
        for lang in ("zh", "en"):
            sheets(db, library, args.out, lang, shots)
            window_review(app, languages, library, db, Path(tmp), lang, args.out, shots)
            db = Database.open(path)
        db.close()
    if args.docs:
        for source, target in DOCS.items():
            shutil.copyfile(args.out / source, ROOT / "docs" / target)
    for shot in shots:
        print(shot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
