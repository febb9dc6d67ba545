"""How serious a finding is: error, warning or info."""

from __future__ import annotations

import enum

__all__ = ["Severity"]


class Severity(enum.Enum):
    """Severity of a finding. Severities order: ``INFO < WARNING < ERROR``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANKS[self]

    @classmethod
    def parse(cls, text: str) -> Severity:
        """The severity named ``text`` (``error``, ``warning`` or ``info``)."""
        try:
            return cls(text)
        except ValueError:
            raise ValueError(
                f"unknown severity {text!r}: expected 'error', 'warning' or 'info'"
            ) from None

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __str__(self) -> str:
        return self.value


_RANKS = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}
