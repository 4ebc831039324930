"""The error of a database that cannot be used (the storage layer's own kinds derive from it)."""

from __future__ import annotations

from typing import Self

from guestcard.domain.codes import Code
from guestcard.domain.messages import Message, said


class DatabaseError(RuntimeError):
    """The database cannot be used; the message says which one and why, in one line.
    Raised ``Kind.of(Code.X, file, …)`` it carries the code, the file and the arguments
    (``code``, ``file``, ``args_``) each shell words in its language (``domain.messages.message_of``);
    ``str()`` is the English."""

    @classmethod
    def of(cls, code: Code, file: object, *args: object) -> Self:
        pieces = tuple(str(a) for a in args)
        exc = cls(said(Message(code, (str(file), *pieces))))
        exc.code = code.value  # type: ignore[attr-defined]
        exc.file = str(file)  # type: ignore[attr-defined]
        exc.args_ = pieces  # type: ignore[attr-defined]
        return exc
