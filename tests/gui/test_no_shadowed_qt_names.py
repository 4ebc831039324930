"""No widget of ours keeps an attribute under the name of a Qt method.

Shiboken looks a virtual method up by name on the Python object: a dialog holding a check box in
``self.done`` made ``QDialog.accept()`` call the check box as ``done(int)`` and crash the process.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QObject

from guestcard import gui

# Every module of the window's package.
MODULES = tuple(sorted(p.stem for p in (Path(gui.__file__).parent).glob("*.py") if p.stem != "__init__"))
ASSIGNED = re.compile(r"self\.(\w+)\s*(?::[^=\n]+)?=[^=]")


@pytest.mark.parametrize("module", MODULES)
def test_no_attribute_hides_a_qt_method(module: str) -> None:
    mod = importlib.import_module(f"guestcard.gui.{module}")
    found = []
    for name, cls in inspect.getmembers(mod, inspect.isclass):
        if not issubclass(cls, QObject) or cls.__module__ != mod.__name__:
            continue
        qt_base = next(base for base in cls.__mro__ if base.__module__.startswith("PySide6"))
        attributes = set(ASSIGNED.findall(inspect.getsource(cls)))
        found += [f"{name}.{attr}" for attr in sorted(attributes) if hasattr(qt_base, attr)]
    assert found == []
