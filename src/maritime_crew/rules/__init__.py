"""The rule engine: rules, findings, configuration, and ``check``.

A rule is a function of ``(fleet, ctx)`` that yields :class:`Finding` records; it is
registered with the :func:`rule` decorator (or by an installed plugin, through the
entry-point group ``maritime_crew.rules``) and documented with a code, a name, a
severity, a summary, a rationale that names its source, parameters and an example.
"""

from ._changes import (
    ASPECTS,
    ChangeDays,
    fleet_dates,
    holder_change_points,
    record_change_points,
    record_change_points_in,
    state_change_points,
)
from ._config import Config, ConfigError, EnabledRule, find_config
from ._engine import as_date, check
from ._finding import Finding
from ._partition import Partition, Parts, by_crew, by_equipment_item, by_person
from ._plugins import GROUP, PluginError
from ._report import Report
from ._rule import (
    ChangePoints,
    Context,
    Parameter,
    RegistrationError,
    Registry,
    Rule,
    RuleCheck,
    default_registry,
    rule,
)
from ._severity import Severity

__all__ = [
    "ASPECTS",
    "GROUP",
    "ChangeDays",
    "ChangePoints",
    "Config",
    "ConfigError",
    "Context",
    "EnabledRule",
    "Finding",
    "Parameter",
    "Partition",
    "Parts",
    "PluginError",
    "RegistrationError",
    "Registry",
    "Report",
    "Rule",
    "RuleCheck",
    "Severity",
    "as_date",
    "by_crew",
    "by_equipment_item",
    "by_person",
    "check",
    "default_registry",
    "find_config",
    "fleet_dates",
    "holder_change_points",
    "record_change_points",
    "record_change_points_in",
    "rule",
    "state_change_points",
]
