"""A custom rule, with a parameter, run together with the built-in rules.

The built-in rules warn when a certificate or course is about to lapse (``CERT002``,
``TRN002``), but not about the case a crew planner dreads most: a required certificate
or course that lapses **while its holder is at sea**. A medical or a certificate cannot
be renewed mid-patrol, so the person either sails unqualified for part of the
deployment or has to be relieved. This script defines that rule:

``PLAN001 lapses-during-deployment`` (warning): a certificate or course that a person's
grade or duty role requires is no longer valid on a day the person is deployed (their
own deployment or their crew's, including deployments already planned), within
``within-days`` (default 90) of the check date.

It shows how to

- write a rule with the public ``@mc.rule(...)`` decorator: code, name, severity,
  documentation and typed parameters (``mc.rules.Parameter``);
- run it on one person at a time (``each=mc.facts.PEOPLE_IN_SERVICE``) and build it on
  the facts of the check date, ``ctx.facts``: what the person's grade and duty roles
  require, the certificate or course valid on the date with nothing recorded after it, and
  whether it expires within the window (``ctx.facts.later(days).reached(expires)``).
  The deployments it lapses during are records, compared with each other. Because the
  rule asks the facts rather than reading ``ctx.as_of``, a timeline
  (``mc.timeline.timeline``) runs it again only for the people whose answers change
  (see docs/timeline.md);
- register it in a registry of its own (``maritime_crew.rules.Registry``) that also
  holds the built-in rules, so importing this file changes nothing for other code;
- set its parameter through ``mc.rules.Config`` (what ``[rules.PLAN001]`` in
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
        mc.rules.Parameter(
            "within-days", int, WITHIN_DAYS, "How far ahead of the check date to look, in days."
        ),
        mc.rules.Parameter(
            "include-training", bool, True, "Also check courses that have a refresher period."
        ),
    ],
    example="An ENG1 valid until 2021-05-20 and a patrol from 2021-05-20 to 2021-06-02.",
    fix="Renew before the deployment starts, or plan a relief for the days after the lapse.",
    source="good practice",
    registry=REGISTRY,
    each=mc.facts.PEOPLE_IN_SERVICE,
)
def lapses_during_deployment(
    person: mc.model.Person, ctx: mc.rules.Context
) -> Iterator[mc.rules.Finding]:
    view = ctx.facts  # the facts on the check date: the timeline follows what is asked
    fleet = view.fleet  # the records, the same on every date
    horizon = view.later(ctx.params["within-days"])  # the facts that many days on
    kinds: list[mc.facts.Kind] = ["certificates"]
    if ctx.params["include-training"]:
        kinds.append("training")
    for kind in kinds:
        for need in view.requirements(person, kind):
            # valid on the check date, expiring, and nothing recorded to follow it
            held = view.unrenewed(person, kind, need.type)
            if held is None or held.expires is None or not horizon.reached(held.expires):
                continue
            lapsed = held.expires.add(days=1)  # the first day without it
            aboard = [
                deployment
                for deployment in fleet.deployments_of(person.id)
                if deployment.start <= lapsed
                and (deployment.end is None or lapsed <= deployment.end)
            ]
            if not aboard:
                continue
            deployment = min(aboard, key=lambda d: d.start)
            vessel = fleet.vessel(deployment.vessel)
            record = held.record
            if isinstance(record, mc.model.Certificate):
                certificate_type = fleet.certificate_type(record.type)
                what = certificate_type.name if certificate_type else record.type
                what += f" {record.number}" if record.number else ""
            else:
                course = fleet.course(record.course)
                what = (course.name if course else record.course) + " training"
            until = deployment.end or "(no end recorded)"
            yield ctx.about_person(
                person,
                f"{what} of {person.id} lapses after {held.expires}, while aboard "
                f"{vessel.name if vessel else deployment.vessel} on deployment {deployment.id} "
                f"({deployment.start} to {until}); required by " + ", ".join(need.required_by),
                details={
                    "lapses": held.expires.isoformat(),
                    "deployment": deployment.id,
                    "vessel": deployment.vessel,
                    "required_by": list(need.required_by),
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
    config = mc.rules.Config(parameters={CODE: parameters})
    try:
        fleet = _cli.load(args.path)
        report = mc.check(fleet, args.as_of, config, registry=REGISTRY)
    except (
        _cli.BadInput,
        mc.rules.ConfigError,
        RegistrationError,
    ) as problem:  # bad --within-days too
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
