"""Fixtures of the printing tests (the PDF read-back helpers are in print_helpers)."""

from __future__ import annotations

import pytest
from print_samples import library as build_library

from guestcard.forms import FormLibrary
from guestcard.printing import load_font
from guestcard.printing.fonts import Font


@pytest.fixture(scope="session")
def print_library() -> FormLibrary:
    """The shipped forms plus tests/printing/forms (a form with every field type)."""
    return build_library()


@pytest.fixture(scope="session")
def font() -> Font:
    return load_font()
