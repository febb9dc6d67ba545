"""Rules from installed packages, through the entry-point group ``maritime_crew.rules``.

A plugin declares, in its ``pyproject.toml``::

    [project.entry-points."maritime_crew.rules"]
    my-rules = "my_package.rules"

Loading the entry point imports the module, whose ``@maritime_crew.rule`` decorators
register its rules. An entry point may instead name a :class:`Rule` or a list of them.
"""

from __future__ import annotations

from importlib.metadata import entry_points
from typing import TYPE_CHECKING

from ._rule import RegistrationError, Rule

if TYPE_CHECKING:
    from ._rule import Registry

__all__ = ["GROUP", "PluginError", "load_plugins"]

GROUP = "maritime_crew.rules"
"""The entry-point group third-party packages register rule modules in."""


class PluginError(RegistrationError):
    """An installed rule plugin could not be loaded."""


def load_plugins(registry: Registry) -> None:
    """Load every plugin of the entry-point group into ``registry``."""
    for entry in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        try:
            loaded = entry.load()
        except Exception as exc:  # a broken plugin must not look like a crash of ours
            raise PluginError(
                f"rule plugin {entry.name!r} ({entry.value}) failed to load: "
                f"{type(exc).__name__}: {exc}"
            ) from exc
        if isinstance(loaded, Rule):
            registry.register(loaded)
        elif isinstance(loaded, (list, tuple)):
            for item in loaded:
                if not isinstance(item, Rule):
                    raise PluginError(
                        f"rule plugin {entry.name!r} ({entry.value}) lists {item!r}, "
                        "which is not a Rule"
                    )
                registry.register(item)
