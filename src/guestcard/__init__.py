"""guestcard: guest history cards for small hotel restaurants."""

from typing import Any


def __getattr__(name: str) -> Any:
    # ``__version__`` is read from the installed metadata when first asked for: importing
    # importlib.metadata costs about 0.1 s, which the window's start must not pay.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            value = version("guestcard")
        except PackageNotFoundError:  # running from a source tree that was never installed
            value = "0.0.0+source"
        globals()["__version__"] = value
        return value
    raise AttributeError(f"module 'guestcard' has no attribute {name!r}")
