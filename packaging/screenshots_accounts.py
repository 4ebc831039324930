"""Screenshots of the corporate accounts in the window (the Account tab of the demo's late payer,
the payment dialog, the statement preview), in Chinese and English, for the README.

    xvfb-run -a python packaging/screenshots_accounts.py [--out build/screenshots] [--docs]

With ``--docs`` the README's three (``docs/guestcard-account-zh.png``, ``docs/guestcard-statement-en.png``,
``docs/guestcard-payment-zh.png``)
are copied to docs/.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import ROOT, SIZE, settle, wait_for  # the window helpers of the main script

DOCS = {"zh-account.png": "guestcard-account-zh.png", "en-statement.png": "guestcard-statement-en.png",
        "zh-payment.png": "guestcard-payment-zh.png"}
RESTAURANT = {"zh": "牡丹大酒店 · 中餐厅", "en": "Peony Hotel · Chinese Restaurant"}


def shoot_language(app: Any, languages: Any, library: Any, db: Any, tmp: Path, lang: str, out: Path,
                   shots: list[Path]) -> None:
    from PySide6.QtCore import QSettings

    from guestcard.gui.main_window import MainWindow
    from guestcard.gui.payment_dialog import PaymentDialog
    from guestcard.services import accounts
    from guestcard.settings import Settings, save_settings

    languages.apply(lang)
    settings = Settings(language=lang, restaurant_name=RESTAURANT[lang])
    save_settings(settings)  # the statement's letterhead comes from the settings
    window = MainWindow(settings, languages=languages,
                        qsettings=QSettings(str(tmp / f"{lang}.ini"), QSettings.Format.IniFormat),
                        settings_file=tmp / f"{lang}.json")
    window.resize(*SIZE)
    window.show()
    window.set_database(db, library)
    wait_for(app, lambda: window.today.board is not None)
    wait_for(app, lambda: window.today.overdue_accounts.late != [])
    settle(app)
    window.today.grab().save(str(out / f"{lang}-today-accounts.png"))
    late = accounts.overdue(db)[0]
    window.show_page("customers")
    window.open_customer(late.account.customer_id)
    card = window.customers.card
    assert card is not None
    card.tabs.setCurrentWidget(card.account)
    wait_for(app, lambda: card.account.view_data is not None)
    settle(app, 20)
    shot = out / f"{lang}-account.png"
    window.grab().save(str(shot))
    shots.append(shot)

    dialog = PaymentDialog(card.account.view_data.open_items(), window)
    dialog.amount.setText("5000")
    dialog.reference.setText("HX-20261205")
    dialog.show()
    settle(app)
    shot = out / f"{lang}-payment.png"
    dialog.grab().save(str(shot))
    shots.append(shot)
    dialog.close()

    card.account.preview_statement()
    preview = card.account.preview
    wait_for(app, lambda: preview.pdf is not None)
    for _ in range(30):  # QPdfView draws its pages on a thread of its own: give it a moment
        settle(app)
        time.sleep(0.1)
    shot = out / f"{lang}-statement.png"
    preview.grab().save(str(shot))
    shots.append(shot)
    preview.close()
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
            shoot_language(app, languages, library, db, Path(tmp), lang, args.out, shots)
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
