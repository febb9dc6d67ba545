"""maritime-crew: crew compliance for Border Force Maritime Command vessels.

Load a dataset, check it as of a date, and write it back unchanged::

    import maritime_crew as mc

    fleet = mc.load("examples/fleet")
    report = mc.check(fleet, as_of="2021-03-31")
    mc.dump(fleet, "out.toml")

Everything else lives in public subpackages, each importable on its own and reachable as
an attribute of this package: :mod:`~maritime_crew.model` (the records),
:mod:`~maritime_crew.io`, :mod:`~maritime_crew.facts`, :mod:`~maritime_crew.rules`,
:mod:`~maritime_crew.report` and the analyses :mod:`~maritime_crew.changes`,
:mod:`~maritime_crew.documents`, :mod:`~maritime_crew.forecast`,
:mod:`~maritime_crew.pathways`, :mod:`~maritime_crew.skills`, :mod:`~maritime_crew.terms`
and :mod:`~maritime_crew.timeline`. ``mc.diff(old, new, as_of="2021-03-31")`` is
:func:`maritime_crew.changes.diff`.

Importing this package imports none of them: a name is imported the first time it is
used. That is the one lazy import here, and it pays: ``import maritime_crew`` costs the
interpreter's start-up plus about 12 ms, where importing the rules costs about 200 ms
(docs/architecture.md, "Layers").
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .changes import diff
    from .io import DataError, dump, dumps, from_data, load, loads, validate
    from .rules import PluginError, RegistrationError, check, rule

__all__ = [
    "DataError",
    "PluginError",
    "RegistrationError",
    "__version__",
    "check",
    "diff",
    "dump",
    "dumps",
    "from_data",
    "load",
    "loads",
    "rule",
    "validate",
]

_HOMES = {"DataError": "io", "dump": "io", "dumps": "io", "load": "io", "loads": "io"}
_HOMES |= {"from_data": "io", "validate": "io"}
_HOMES |= {"check": "rules", "rule": "rules", "diff": "changes"}
_HOMES |= {"PluginError": "rules", "RegistrationError": "rules"}
_SUBPACKAGES = frozenset(
    {"changes", "documents", "facts", "forecast", "io", "model", "pathways", "report", "rules"}
    | {"skills", "synth", "terms", "timeline"}
)


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _HOMES:
        return getattr(importlib.import_module(f"{__name__}.{_HOMES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public names and the subpackages, not what this module imports for itself."""
    dunders = {name for name in globals() if name.startswith("__") and name.endswith("__")}
    return sorted(dunders | set(__all__) | _SUBPACKAGES)
