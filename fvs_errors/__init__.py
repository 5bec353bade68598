"""The one shape of every FVS error: a stable code, Thai and English messages, details.

Each domain package keeps **one** :class:`Catalogue` of its codes (``code → (Thai, English)``,
messages may hold ``{placeholders}`` filled from the details) and raises
``CATALOGUE.error("CODE", **details)``.  The HTTP status of a code is decided at the HTTP edge
(``server/api``) alone; the CLI prints the same body; HTML pages render it their own way.

This package imports nothing outside the standard library, so every package may use it.
"""
from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Message:
    """A reason or an error text: a stable code with its Thai and English messages."""

    code: str
    message_th: str
    message_en: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message_th": self.message_th, "message_en": self.message_en}


class DomainError(Exception):
    """A broken rule of some domain.  ``code`` is stable; the messages come from the owning
    package's catalogue; ``details`` are machine-readable extras (never a face, a template or a
    full citizen ID)."""

    def __init__(self, code: str, message_th: str, message_en: str, details: Mapping[str, Any] | None = None):
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_th = message_th
        self.message_en = message_en
        self.details: dict[str, Any] = dict(details or {})

    def to_dict(self) -> dict[str, Any]:
        """The uniform error body: ``code``, ``message_th``, ``message_en`` and the details."""
        return {"code": self.code, "message_th": self.message_th, "message_en": self.message_en,
                **self.details}

    def as_message(self) -> Message:
        """The error as a reason (code and messages, without the details)."""
        return Message(self.code, self.message_th, self.message_en)


class _Empty:
    """What a placeholder without a value renders as: nothing, whatever its format spec."""

    def __format__(self, spec: str) -> str:
        return ""


class _Blank(dict):
    """``format_map`` helper: a placeholder without a value renders empty instead of failing."""

    def __missing__(self, key: str) -> _Empty:
        return _Empty()


class Catalogue(Mapping[str, tuple[str, str]]):
    """A package's codes and their (Thai, English) messages, and the errors it raises.

    ``error_class`` lets a package raise its own subclass of :class:`DomainError` (so callers can
    ``except FaceError``) while the shape stays the same.
    """

    def __init__(self, package: str, messages: Mapping[str, tuple[str, str]],
                 error_class: type[DomainError] = DomainError):
        for code, pair in messages.items():
            if not (code.isupper() and len(pair) == 2 and all(isinstance(m, str) and m for m in pair)):
                raise ValueError(f"{package}: bad catalogue entry {code!r}")
        self.package = package
        self._messages = dict(messages)
        self.error_class = error_class

    def __getitem__(self, code: str) -> tuple[str, str]:
        return self._messages[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._messages)

    def __len__(self) -> int:
        return len(self._messages)

    def messages(self, code: str, **values: Any) -> tuple[str, str]:
        """The (Thai, English) messages of ``code`` with ``values`` filled in."""
        if code not in self._messages:
            raise KeyError(f"{self.package} has no error code {code!r}")
        th, en = self._messages[code]
        return th.format_map(_Blank(values)), en.format_map(_Blank(values))

    def message(self, code: str, **values: Any) -> Message:
        """A reason (not an error): the code with its messages, ``values`` filled in."""
        th, en = self.messages(code, **values)
        return Message(code, th, en)

    def error(self, code: str, *, message_en: str | None = None, **details: Any) -> DomainError:
        """The error for ``code``; ``message_en`` may replace the English text with a more
        specific one (e.g. naming a file)."""
        th, en = self.messages(code, **details)
        error = self.error_class.__new__(self.error_class)  # the package's class, the one shape
        DomainError.__init__(error, code, th, message_en or en, details)
        return error
