"""A custom rule, with a parameter, run together with the built-in rules.

The built-in rules warn when a certificate or course is about to lapse (``CERT002``,
``TRN002``), but not about the case a crew planner dreads most: a required certificate
or course that lapses **while its holder is at sea**. A medical or a certificate cannot
be renewed mid-patrol, so the person either sails unqualified for part of the
deployment or has to be relieved. This script defines that rule:

``PLAN001 lapses-during-deployment`` (warning): a certificate or course that a person's
grade or duty role requires lapses on a day the person is deployed (their own
deployment or their crew's, including deployments already planned), within
``within-days`` (default 90) of the check date.

It shows how to

- write a rule with the public ``@mc.rule(...)`` decorator: code, name, severity,
  documentation and typed parameters (``mc.Parameter``);
- build it on the public API: ``mc.forecast`` gives the next expiry of every required
  certificate and course (renewals already recorded are left out), and
  ``fleet.deployments_of`` the days each person is aboard;
- register it in a registry of its own (``maritime_crew.rules.Registry``) that also
  holds the built-in rules, so importing this file changes nothing for other code;
- set its parameter through ``mc.Config`` (what ``[rules.PLAN001]`` in
  ``maritime-crew.toml`` does) and run it with the built-in rules.

Run it from anywhere; with no arguments it uses the bundled example fleet as of its
reference date, 31 March 2021::

    python examples/custom_rule.py
    python examples/custom_rule.py path/to/dataset --as-of 2021-06-30 --within-days 60

To ship such a rule to every user of ``maritime-crew check``, put it in a package and
declare the module under the entry-point group ``maritime_crew.rules`` (see
docs/configuration.md, "Rule plugins"); it then registers in the default registry.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterator

import _cli

import maritime_crew as mc
from maritime_crew.rules import RegistrationError, Registry

CODE = "PLAN001"
WITHIN_DAYS = 90

REGISTRY = Registry(load_builtins=True, load_plugins=False)
"""The built-in rules and this file's rule; the default registry is left alone."""


@mc.rule(
    code=CODE,
    name="lapses-during-deployment",
    severity="warning",
    summary="A required certificate or course lapses while its holder is deployed.",
    rationale="A certificate or medical cannot be renewed at sea: if it lapses during a "
    "deployment the person serves part of it unqualified for their grade or duty role, "
    "or has to be relieved. Renewals are planned around the rotation (seed C2, C3).",
    parameters=[
        mc.Parameter(
            "within-days", int, WITHIN_DAYS, "How far ahead of the check date to look, in days."
        ),
        mc.Parameter(
            "include-training", bool, True, "Also check courses that have a refresher period."
        ),
    ],
    example="An ENG1 valid until 2021-05-20 and a patrol from 2021-05-20 to 2021-06-02.",
    fix="Renew before the deployment starts, or plan a relief for the days after the lapse.",
    source="good practice",
    registry=REGISTRY,
)
def lapses_during_deployment(fleet: mc.Fleet, ctx: mc.Context) -> Iterator[mc.Finding]:
    kinds = {mc.DueKind.CERTIFICATE_EXPIRY}
    if ctx.params["include-training"]:
        kinds.add(mc.DueKind.TRAINING_EXPIRY)
    due = mc.forecast(fleet, ctx.as_of, ctx.params["within-days"])
    for item in due.items:
        if item.kind not in kinds or item.person is None or not item.details.get("required"):
            continue
        person = fleet.person(item.person)
        if person is None:
            continue
        lapsed = item.date.add(days=1)  # valid through `date`; the first day without it
        aboard = [
            deployment
            for deployment in fleet.deployments_of(person.id)
            if deployment.start <= lapsed and (deployment.end is None or lapsed <= deployment.end)
        ]
        if not aboard:
            continue
        deployment = min(aboard, key=lambda d: d.start)
        vessel = fleet.vessel(deployment.vessel)
        if item.kind is mc.DueKind.CERTIFICATE_EXPIRY:
            kind = fleet.certificate_type(item.details["certificate_type"])
            what = kind.name if kind else item.details["certificate_type"]
            number = item.details.get("number")
            what += f" {number}" if number else ""
        else:
            course = fleet.course(item.details["course"])
            what = (course.name if course else item.details["course"]) + " training"
        until = deployment.end or "(no end recorded)"
        yield ctx.about_person(
            person,
            f"{what} of {person.id} lapses after {item.date}, while aboard "
            f"{vessel.name if vessel else deployment.vessel} on deployment {deployment.id} "
            f"({deployment.start} to {until}); required by "
            + ", ".join(item.details.get("required_by", [])),
            details={
                "lapses": item.date.isoformat(),
                "deployment": deployment.id,
                "vessel": deployment.vessel,
                "required_by": list(item.details.get("required_by", [])),
            },
        )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = _cli.parser(
        __file__,
        f"Run the custom rule {CODE} (a required certificate or course lapses "
        "during a deployment) with the built-in rules, and print its findings.",
        "date to check as of",
    )
    parser.add_argument(
        "--within-days",
        type=int,
        metavar="DAYS",
        help=f"the rule's within-days parameter (default: {WITHIN_DAYS})",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    parameters = {} if args.within_days is None else {"within-days": args.within_days}
    config = mc.Config(parameters={CODE: parameters})
    try:
        fleet = _cli.load(args.path)
        report = mc.check(fleet, args.as_of, config, registry=REGISTRY)
    except (_cli.BadInput, mc.ConfigError, RegistrationError) as problem:  # bad --within-days too
        return _cli.fail(__file__, str(problem))

    rule = next(rule for rule in report.rules if rule.code == CODE)
    defaults = rule.defaults() | parameters
    settings = ", ".join(  # as they would be written in maritime-crew.toml
        f"{name} = {str(value).lower() if isinstance(value, bool) else value}"
        for name, value in defaults.items()
    )
    mine = [finding for finding in report.findings if finding.code == CODE]
    others = Counter(
        finding.code.rstrip("0123456789") for finding in report.findings if finding.code != CODE
    )
    print(f"{rule.code} {rule.name} ({rule.severity.value}): {rule.summary}")
    print(f"Parameters: {settings}")
    print(
        f"Checked {args.path.name} as of {report.as_of} with {len(report.rules)} rules: "
        f"{len(report.findings) - len(mine)} findings from the built-in rules "
        f"({', '.join(f'{family} {n}' for family, n in sorted(others.items())) or 'none'}), "
        f"{len(mine)} from {CODE}."
    )
    print()
    if not mine:
        print(f"{CODE}: nothing lapses during a deployment.")
        return 0
    print(f"{CODE} findings:")
    for finding in mine:
        crew = fleet.crew(finding.crew) if finding.crew else None
        where = f" ({crew.name})" if crew else ""
        print(f"  - {finding.subject.kind} {finding.subject.id}{where}: {finding.message}")
    print(f"Fix: {rule.fix}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
