"""Argument parsing and dispatch for ``maritime-crew``.

Exit codes follow ruff and ESLint: 0 when no finding reaches the fail level, 1 when
findings do, 2 for bad input, bad configuration or bad usage. A user never sees a
Python traceback: every expected failure has a message, and anything unexpected is
reported as an internal error, with exit code 2.

Each command lives in its own module with ``add_parsers(commands)``, which sets the
function that runs it; those modules import the library lazily, inside ``run``, so
that ``--help`` and the commands that do not need everything start quickly.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

from .._version import __version__
from . import (
    _check,
    _diff,
    _due,
    _pathway,
    _register,
    _rules,
    _schema,
    _skills,
    _terms,
    _timeline,
)
from ._common import EXIT_OK, UsageError, cannot_load, collector_restored, error
from ._redaction import redacting

__all__ = ["main"]

_COMMANDS = (
    _check,
    _diff,
    _timeline,
    _rules,
    _pathway,
    _skills,
    _register,
    _due,
    _terms,
    _schema,
)
_DATASETS = frozenset({"path", "paths", "old", "new"})
"""Destinations of the arguments that name a dataset to read."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose messages (usage errors, help) are escaped for a terminal.

    A usage error quotes the arguments given, which a script may have taken from data;
    subcommands' parsers are of this class too.
    """

    _intermixing = False

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Parse a command's arguments with options and positionals in any order.

        ``terms PATH --format json tc-2021`` gives the optional ``SET`` after an option:
        plain argparse takes ``SET`` as missing when it meets ``PATH`` and then refuses
        ``tc-2021``. A command's parser (one without subcommands) parses intermixed.
        """
        if self._subparsers is not None or self._intermixing:
            return super().parse_known_args(args, namespace)
        self._intermixing = True
        try:
            return self.parse_known_intermixed_args(args, namespace)
        finally:
            self._intermixing = False

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        from ..report import escape_terminal

        super()._print_message(escape_terminal(message, multiline=True), file)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="maritime-crew",
        description="Crew, training, kit and SOP compliance for Border Force Maritime Command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in _COMMANDS:
        module.add_parsers(commands)
    for command in commands.choices.values():
        if any(action.dest in _DATASETS for action in command._actions):  # reads a dataset
            command.add_argument(
                "--follow-outside-links",
                action="store_true",
                help="follow symbolic links that lead out of the dataset directory "
                "(not followed by default: a dataset is untrusted input)",
            )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    arguments = _parser().parse_args(argv)
    with redacting(getattr(arguments, "redact", False)):
        return _run(arguments)


def _run(arguments: argparse.Namespace) -> int:
    """Run the command, every expected failure an error message and exit code 2."""
    from ..io import DataError
    from ..rules import ConfigError, RegistrationError

    try:
        with collector_restored():
            return int(arguments.run(arguments))
    except DataError as problem:
        return error(cannot_load(arguments, problem))
    except ConfigError as problem:
        return error(str(problem))
    except RegistrationError as problem:
        return error(str(problem))
    except UsageError as problem:
        return error(str(problem))
    except KeyboardInterrupt:
        return error("interrupted")
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # the last line of defence against a traceback
        # An unexpected error's text may quote data; redacted output must not.
        reason = "(details withheld by --redact)" if getattr(arguments, "redact", False) else exc
        return error(
            f"internal error: {type(exc).__name__}: {reason}\n"
            "This is a bug in maritime-crew; please report it with the command you ran."
        )
