"""Entry script of the frozen program: the same ``guestcard`` command as ``pip install`` makes.

A windowed Windows build has no console: ``sys.stdout``/``sys.stderr`` are ``None`` there, and a
stray ``print`` (a library's warning, argparse's ``--help``) must not kill the window.
"""

import os
import sys

for _name in ("stdout", "stderr"):
    if getattr(sys, _name) is None:
        setattr(sys, _name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115

from guestcard.cli.main import main  # noqa: E402

raise SystemExit(main())
