"""Sphinx configuration for the maritime-crew documentation (furo theme, MyST Markdown).

Build with ``tox -e docs`` (warnings are errors), or
``sphinx-build -W --keep-going -b html docs docs/_build/html``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import maritime_crew

project = "maritime-crew"
author = "maritime-crew developers"
copyright = "maritime-crew developers"
release = maritime_crew.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "rule-examples", "Thumbs.db", ".DS_Store"]

myst_enable_extensions = ["colon_fence", "deflist", "attrs_inline"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True, "show-inheritance": False}
autodoc_preserve_defaults = False

html_theme = "furo"
html_title = f"maritime-crew {release}"
html_static_path: list[str] = []

# Type hints such as ``type[Any]`` are cross-referenced by a fuzzy search that also finds
# the model's fields named ``type`` (Vessel.type, Certificate.type …) and warns that the
# target is ambiguous. The builtin is meant; nothing is lost by not linking it.
suppress_warnings = ["ref.python"]

# Nitpicky mode checks every cross-reference. The build has no network access for
# intersphinx inventories, so references into the standard library and the dependencies
# cannot be resolved and are not links; everything of maritime-crew's own must resolve.
nitpick_ignore_regex = [
    (
        r"py:.*",
        r"(pendulum|datetime|collections\.abc|enum|decimal|os|pathlib|statistics|typing)\..*",
    ),
    # The private alias of the private field that holds a skills matrix's verdicts, shown
    # in the class's signature; the fields that matter are documented on the class.
    (r"py:class", r"Verdict"),
    # Private classes in public signatures (the mixins a facts view is made of, type
    # variables, the store of caches): documented where they matter, not linkable.
    (r"py:.*", r"maritime_crew(\.\w+)*\._\w+(\..+)?"),
    (r"py:class", r"(Core|Store|T)"),
    (r"py:class", r"tomli\..*"),
]


def _rules_page() -> str:
    """The rule reference, made from the rule registry and ``docs/rule-examples/``."""
    tool = Path(__file__).resolve().parent.parent / "tools" / "update_docs.py"
    spec = importlib.util.spec_from_file_location("update_docs", tool)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page: str = module.rules_page()
    return page


def _generate(app: Any, docname: str, source: list[str]) -> None:
    if docname == "rules":
        source[0] = _rules_page()


def _factory_defaults(
    app: Any, what: str, name: str, obj: Any, options: Any, signature: str | None, returns: Any
) -> tuple[str | None, Any] | None:
    """Show an attrs field's factory default as its value (``()``), not as ``NOTHING``.

    attrs writes ``field=NOTHING`` in the signature of a class whose field has a
    ``factory``; the reader wants the empty value the field starts with.
    """
    import attrs

    if not signature or "NOTHING" not in signature or not attrs.has(obj):
        return None
    for field in attrs.fields(obj):
        if isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            factory = field.default.factory
            empty = repr(factory()) if factory in (tuple, list, dict, frozenset) else "<factory>"
            signature = signature.replace(f"{field.alias}=NOTHING", f"{field.alias}={empty}")
    return signature, returns


def setup(app: Any) -> None:
    """Make the rule reference as the documentation is built (it is not kept on disk)."""
    app.connect("source-read", _generate)
    app.connect("autodoc-process-signature", _factory_defaults)
