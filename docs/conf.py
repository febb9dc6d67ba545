"""Sphinx configuration for the maritime-crew documentation (furo theme, MyST Markdown).

Build with ``tox -e docs`` (warnings are errors), or
``sphinx-build -W --keep-going -b html docs docs/_build/html``.
"""

from __future__ import annotations

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
]
