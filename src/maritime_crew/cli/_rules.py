"""``maritime-crew rules`` and ``maritime-crew explain``: the rule catalogue."""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from ._common import EXIT_OK, UsageError, emit


def add_parsers(commands: Any) -> None:
    """Add the ``rules`` and ``explain`` commands."""
    rules = commands.add_parser(
        "rules",
        help="list every rule",
        description="List every rule: built-in ones and those of installed plugins.",
    )
    rules.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    rules.set_defaults(run=run_rules)
    explain = commands.add_parser(
        "explain",
        help="explain one rule",
        description="Explain one rule: what it checks, why (with its source), its "
        "parameters and their defaults, an example, and how to fix a finding.",
    )
    explain.add_argument("rule", metavar="CODE|NAME", help="rule code or name, e.g. CERT001")
    explain.set_defaults(run=run_explain)


def run_rules(arguments: argparse.Namespace) -> int:
    """Print the catalogue as a table or as JSON."""
    from ..rules import default_registry

    registry = default_registry()
    catalogue = registry.rules()
    packages = {rule.code: registry.package_of(rule.code) for rule in catalogue}
    plugins = {rule.code: registry.plugin_of(rule.code) for rule in catalogue}
    if arguments.format == "json":
        records = [
            {**rule.to_record(), **_package_record(packages[rule.code])} for rule in catalogue
        ]
        emit(json.dumps(records, indent=2, ensure_ascii=False) + "\n", "json")
        return EXIT_OK
    width = max((len(rule.name) for rule in catalogue), default=4)
    emit(
        "".join(
            f"{rule.code:<8} {rule.name:<{width}}  {rule.severity.value:<7}  {rule.summary}"
            + (f" [from {plugin[0]}]" if (plugin := plugins[rule.code]) else "")
            + "\n"
            for rule in catalogue
        )
    )
    return EXIT_OK


def _package_record(package: tuple[str, str] | None) -> dict[str, str | None]:
    """The distribution a rule came with, for JSON: ``package`` and ``package_version``."""
    name, version = package if package is not None else (None, None)
    return {"package": name, "package_version": version}


def run_explain(arguments: argparse.Namespace) -> int:
    """Print one rule's documentation."""
    from ..io import did_you_mean, nearest
    from ..rules import default_registry

    registry = default_registry()
    rule = registry.get(arguments.rule) or registry.get(arguments.rule.upper())
    if rule is None:
        words = [r.code for r in registry.rules()] + [r.name for r in registry.rules()]
        hints = nearest(arguments.rule, words)
        raise UsageError(
            f"unknown rule {arguments.rule!r}; "
            + (did_you_mean(hints) if hints else "`maritime-crew rules` lists them")
        )

    def paragraph(title: str, text: str) -> str:
        body = textwrap.fill(text, width=88, initial_indent="  ", subsequent_indent="  ")
        return f"{title}\n{body}\n"

    plugin = registry.plugin_of(rule.code)
    if plugin is not None:
        came = f", from plugin {plugin[0]} {plugin[1]}"
    else:  # built in (its version is maritime-crew --version), or registered in code
        came = "" if registry.package_of(rule.code) else ", registered in code"
    parts = [
        f"{rule.code} {rule.name} ({rule.severity.value}){came}\n",
        paragraph("What it checks", rule.summary),
        paragraph("Why", rule.rationale + (f" [Source: {rule.source}]" if rule.source else "")),
    ]
    if rule.parameters:
        lines = ["Parameters"]
        for parameter in rule.parameters:
            record = parameter.to_record()
            default = record["default"]
            shown = (  # as in TOML
                str(default).lower()
                if isinstance(default, bool)
                else json.dumps(default)
                if isinstance(default, list)
                else default
            )
            lines.append(
                f"  {parameter.name} ({record['type']}, default {shown}): {parameter.description}"
            )
        parts.append("\n".join(lines) + "\n")
    else:
        parts.append("Parameters\n  none\n")
    if rule.example:
        parts.append(paragraph("Example", rule.example))
    if rule.fix:
        parts.append(paragraph("How to fix", rule.fix))
    emit("\n".join(parts).rstrip() + "\n")
    return EXIT_OK
