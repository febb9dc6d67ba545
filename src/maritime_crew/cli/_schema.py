"""``maritime-crew schema``: the JSON Schema of the dataset format."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ._common import EXIT_OK, write_output


def add_parsers(commands: Any) -> None:
    """Add the ``schema`` command."""
    schema = commands.add_parser(
        "schema",
        help="print the JSON Schema (draft 2020-12) of the dataset format",
        description="Print the JSON Schema of a dataset file, generated from the model: "
        "every table, every field with its type and whether it is required, and no "
        "unknown keys. Validate JSON datasets with it in any language, or point a TOML "
        "editor (Taplo / Even Better TOML) at it for completion and inline errors. Exit "
        "code 0; 2 if the output file cannot be written.",
    )
    schema.add_argument(
        "--output",
        metavar="FILE",
        help="write the schema to FILE instead of standard output (- means standard output)",
    )
    schema.set_defaults(run=run)


def run(arguments: argparse.Namespace) -> int:
    """Print (or write) the schema."""
    from ..io import dataset_schema

    text = json.dumps(dataset_schema(), indent=2, ensure_ascii=False) + "\n"
    if arguments.output is None:
        print(text, end="")
        return EXIT_OK
    write_output(arguments.output, text)
    return EXIT_OK
