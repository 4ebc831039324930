"""Screenshots of every main screen of the window, in Chinese and in English, with the demo data and
with a large file (100,000 customers), to look at before a release and for the README.

    xvfb-run -a python packaging/screenshots.py [--out build/screenshots] [--big big.sqlite3] [--count 100000]

Without ``--big`` the large file is made with ``bench/generate.py`` (about 40 s) in the output
folder and kept for the next run. The large file gets a few reservations for today and tomorrow
(the generator makes only past visits) so its Today page is not empty. Each PNG is named
``<data>-<lang>-<screen>.png``; the script prints the list.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1366, 768)  # the common laptop screen of a restaurant office
DOCS = {"demo-zh-today.png": "guestcard-today-zh.png", "demo-en-customers.png": "guestcard-customers-en.png"}
RESTAURANT = {"zh": "牡丹大酒店 · 中餐厅", "en": "Peony Hotel · Chinese Restaurant"}


def wait_for(app: Any, condition: Callable[[], bool], timeout: float = 30.0) -> None:
    import time

    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there in time")
        app.processEvents()
        time.sleep(0.01)


def settle(app: Any, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def big_database(out: Path, given: Path | None, count: int) -> Path:
    if given is not None:
        return given
    path = out / f"big-{count}.sqlite3"
    if not path.exists():
        print(f"making {path} with {count} customers…", flush=True)
        subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(path), str(count)], check=True)
    return path


def add_reservations(db: Any, count: int = 12) -> None:
    """A few guests booked for today and tomorrow, some with a follow-up due (idempotent)."""
    from guestcard.domain import Contact, Visit
    from guestcard.services import customers as services

    today = dt.date.today()
    if services.reservations_on(db, today):
        return
    rng = random.Random(5)
    total = services.count_customers(db)
    picked = [c for c in services.get_customers(db, rng.sample(range(1, total + 1), count * 2))
              if c.kind == "individual"][:count]
    rooms = ["牡丹厅", "兰花厅", "国宾厅", "大厅12桌", "荷花厅"]
    for n, customer in enumerate(picked):
        day = today + dt.timedelta(days=n % 2)
        at = dt.datetime.combine(day, dt.time(rng.choice((11, 12, 17, 18)), rng.choice((0, 30))))
        services.add_visit(db, Visit(customer_id=customer.id, at=at, party_size=rng.randint(2, 16),
                                     room=rooms[n % len(rooms)], occasion=rng.choice(("商务宴请", "生日宴", "家宴")),
                                     notes="预订"))
        if n % 3 == 0:
            services.add_contact(db, Contact(customer_id=customer.id, date=today - dt.timedelta(days=7),
                                             channel="电话", key_points="确认菜单和酒水",
                                             next_follow_up=today - dt.timedelta(days=n % 2)))


def showcase_guest(db: Any) -> Any:
    """A VIP with a full card: visits, a contact, notes, and a relation (one is added if none)."""
    from guestcard.domain import Relation
    from guestcard.services import customers as services
    from guestcard.storage import CustomerFilter

    vip = services.list_customers(db, CustomerFilter(customer_class="A"), limit=80)

    def richness(customer: Any) -> int:
        file = services.customer_file(db, customer.id, history_limit=20)
        keys = ("allergies", "birthday", "anniversary", "notes", "favorite_dishes")
        filled = sum(bool(customer.get(k)) for k in keys)
        return filled + 2 * min(len(file.visits), 3) + 3 * min(len(file.contacts), 1)

    guest = max(vip, key=richness)
    if not services.customer_file(db, guest.id).relations:
        spouse = next(c for c in vip if c.id != guest.id and c.gender != guest.gender and c.kind == "individual")
        services.add_relation(db, Relation(customer_id=spouse.id, other_id=guest.id, kind="spouse"))
    return guest


def shoot(widget: Any, path: Path, shots: list[Path]) -> None:
    widget.grab().save(str(path))
    shots.append(path)


def screens(app: Any, languages: Any, data: str, db: Any, library: Any, lang: str, out: Path,
            shots: list[Path]) -> None:
    """Every main screen of one window over ``db`` in ``lang``."""
    from PySide6.QtCore import QSettings

    from guestcard.gui.dialogs import ContactDialog, NewCustomerDialog, VisitDialog
    from guestcard.gui.main_window import MainWindow
    from guestcard.gui.settings_dialog import SettingsDialog
    from guestcard.services import customers as services
    from guestcard.settings import Settings
    from guestcard.storage import CustomerFilter

    languages.apply(lang)
    workdir = Path(tempfile.mkdtemp(prefix="guestcard-shots-"))
    settings = Settings(language=lang, restaurant_name=RESTAURANT[lang])
    window = MainWindow(settings, languages=languages, qsettings=QSettings(str(workdir / "window.ini"),
                                                                           QSettings.Format.IniFormat),
                        settings_file=workdir / "settings.json")
    window.resize(*SIZE)
    window.show()
    window.set_database(db, library)
    name = f"{data}-{lang}"

    if window.current_page() == "welcome":
        settle(app)
        shoot(window, out / f"{name}-welcome.png", shots)
        window.close_database()
        window.close()
        return

    wait_for(app, lambda: window.today.board is not None)
    settle(app)
    shoot(window, out / f"{name}-today.png", shots)

    # The list with a VIP guest's card open, then a search by initials.
    window.show_page("customers")
    guest = showcase_guest(db)
    window.open_customer(guest.id)
    settle(app)
    shoot(window, out / f"{name}-customers.png", shots)
    card = window.customers.card
    assert card is not None
    for index in range(card.tabs.count()):
        card.tabs.setCurrentIndex(index)
        settle(app)
        widget = card.tabs.widget(index)
        forms = card.form_ids()
        others = {id(card.visits): "visits", id(card.contacts): "contacts", id(card.relations): "relations"}
        key = forms[index] if index < len(forms) else others.get(id(widget), f"tab{index}")
        shoot(window, out / f"{name}-card-{key}.png", shots)
    card.tabs.setCurrentIndex(0)

    firm = services.list_customers(db, CustomerFilter(kind="corporate"), limit=1)
    if firm:
        window.open_customer(firm[0].id)
        settle(app)
        shoot(window, out / f"{name}-card-organisation.png", shots)

    from guestcard.storage.search_index import name_pinyin

    page = window.customers
    initials = name_pinyin(guest.name)[1][1]  # 卢勇嘉 → lyj
    page.search.setText(initials)
    page.apply_filter()
    wait_for(app, lambda: page.model.filter.query == initials)
    settle(app)
    page.view.selectRow(0)
    settle(app)
    shoot(window, out / f"{name}-search.png", shots)

    for dialog, screen in (
        (SettingsDialog(window.settings, library, window), "settings"),
        (NewCustomerDialog(parent=window), "new-customer"),
        (VisitDialog(guest.id, None, window), "visit"),
        (ContactDialog(guest.id, None, window), "contact"),
    ):
        dialog.show()
        settle(app)
        shoot(dialog, out / f"{name}-dialog-{screen}.png", shots)
        dialog.close()
        dialog.deleteLater()

    window.close_database()
    window.close()
    shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "screenshots")
    parser.add_argument("--big", type=Path, help="a large database (default: made with bench/generate.py)")
    parser.add_argument("--count", type=int, default=100_000, help="customers in the large database")
    parser.add_argument("--only", choices=("demo", "big", "empty"), action="append",
                        help="just these data sets (repeatable)")
    parser.add_argument("--docs", action="store_true",
                        help=f"also copy the README's two screenshots to docs/ ({', '.join(DOCS.values())})")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("GUESTCARD_HOME", tempfile.mkdtemp(prefix="guestcard-home-"))

    from guestcard.gui.app import prepare_application

    app = prepare_application([sys.argv[0]])
    from guestcard.gui.i18n import Languages

    languages = Languages(app)  # one for the application: it swaps the installed translators
    from guestcard.forms import load_library
    from guestcard.paths import shipped_dir
    from guestcard.services.demo import fill_demo
    from guestcard.storage import Database

    library = load_library(shipped_dir("forms"))
    only = set(args.only or ("demo", "big", "empty"))
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        if "empty" in only:
            for lang in ("zh", "en"):
                db = Database.open(Path(tmp) / f"empty-{lang}.sqlite3")
                screens(app, languages, "empty", db, library, lang, args.out, shots)
        if "demo" in only:
            db = Database.open(Path(tmp) / "guestcard.sqlite3")
            fill_demo(db)
            for lang in ("zh", "en"):
                screens(app, languages, "demo", db, library, lang, args.out, shots)
                db = Database.open(Path(tmp) / "guestcard.sqlite3")  # the window closed it
        if "big" in only:
            path = big_database(args.out, args.big, args.count)
            for lang in ("zh", "en"):
                db = Database.open(path)
                add_reservations(db)
                screens(app, languages, "big", db, library, lang, args.out, shots)
    for shot in shots:
        print(shot)
    if args.docs:
        (ROOT / "docs").mkdir(exist_ok=True)
        for source, target in DOCS.items():
            shutil.copyfile(args.out / source, ROOT / "docs" / target)
            print(ROOT / "docs" / target)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
