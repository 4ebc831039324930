"""Named steps of the work that must survive a crash: creating or upgrading the schema, replacing
a whole database file, writing a backup.

Each such piece of work calls ``reached(name)`` between its steps. Nothing happens there unless a
test has set a hook (``hooked``): the fault-injection tests fail (raise) or kill the program at one
chosen step, deterministically, and then check that opening the file finds it before or after the
work, never between. The names are stable: the tests list them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Hook = Callable[[str], None]
_hook: Hook | None = None


def reached(name: str) -> None:
    """The work has come to step ``name`` (everything before it done, nothing after it begun)."""
    if _hook is not None:
        _hook(name)


@contextmanager
def hooked(hook: Hook) -> Iterator[None]:
    """Call ``hook(name)`` at every step reached inside the block (tests only)."""
    global _hook
    previous, _hook = _hook, hook
    try:
        yield
    finally:
        _hook = previous
