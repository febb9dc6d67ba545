"""The rule engine: rules, findings, configuration, and ``check``.

A rule is a function of ``(fleet, ctx)``, or with ``each`` of ``(subject, ctx)``, that
yields :class:`Finding` records; it is registered with the :func:`rule` decorator (or
by an installed plugin, through the entry-point group ``maritime_crew.rules``) and
documented with a code, a name, a severity, a summary, a rationale that names its
source, parameters and an example. It asks :attr:`Context.facts` about the date.
"""

from ._config import Config, ConfigError, EnabledRule, Selection, find_config
from ._context import Context
from ._engine import Evaluation, Waivers, as_date, check
from ._finding import Finding, plain_details
from ._plugins import GROUP, PluginError
from ._report import Report
from ._rule import (
    Each,
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
    "GROUP",
    "Config",
    "ConfigError",
    "Context",
    "Each",
    "EnabledRule",
    "Evaluation",
    "Finding",
    "Parameter",
    "PluginError",
    "RegistrationError",
    "Registry",
    "Report",
    "Rule",
    "RuleCheck",
    "Selection",
    "Severity",
    "Waivers",
    "as_date",
    "check",
    "default_registry",
    "find_config",
    "plain_details",
    "rule",
]
