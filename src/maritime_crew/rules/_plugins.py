"""Rules from installed packages, through the entry-point group ``maritime_crew.rules``.

A plugin declares, in its ``pyproject.toml``::

    [project.entry-points."maritime_crew.rules"]
    my-rules = "my_package.rules"

Loading the entry point imports the module, whose ``@maritime_crew.rule`` decorators
register its rules. An entry point may instead name a :class:`Rule` or a list of them.

Plugins come only from installed distributions, never from the current working
directory: a dataset is untrusted, and ``python -m maritime_crew check .`` run inside
one puts that directory first on ``sys.path``. While plugins are found and imported,
the entries of ``sys.path`` that stand for the working directory (``''``, ``'.'`` or
its own path) are set aside, so a ``*.dist-info`` directory or a module in it is
neither discovered nor imported.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
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


@contextlib.contextmanager
def _without_working_directory() -> Iterator[None]:
    """Set aside the entries of ``sys.path`` that lead to the working directory.

    They are put back in their places afterwards. (Another thread that imports a
    module from the working directory meanwhile does not find it there.)
    """
    try:
        here = os.path.realpath(os.getcwd())
    except OSError:  # the working directory was removed: nothing can be found in it
        here = None
    removed = [
        (index, entry)
        for index, entry in enumerate(sys.path)
        if isinstance(entry, str)
        and (entry in ("", ".") or (here is not None and os.path.realpath(entry) == here))
    ]
    for index, _ in reversed(removed):
        del sys.path[index]
    try:
        yield
    finally:
        for index, entry in removed:
            sys.path.insert(index, entry)


def load_plugins(registry: Registry) -> None:
    """Load every plugin of the entry-point group into ``registry``.

    Plugins are found among installed distributions only: nothing in the current
    working directory is discovered or imported (see the module's documentation). Each
    rule a plugin registers is noted as coming with the plugin's distribution and
    version (:meth:`Registry.package_of`).
    """
    with _without_working_directory():
        _load_plugins(registry)


def _load_plugins(registry: Registry) -> None:
    for entry in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        dist = entry.dist
        package = (dist.name, dist.version) if dist is not None else (entry.name, "?")
        before = {rule.code for rule in registry.rules()}
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
        registry._came_with({rule.code for rule in registry.rules()} - before, package)
