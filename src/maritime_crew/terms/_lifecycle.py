"""A terms set's lifecycle: draft, consultation, agreed, in force, superseded."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

import attrs
import pendulum

from ..facts import Facts
from ..model import Fleet, TermsAndConditions, TermsStatus
from ..rules import as_date

__all__ = ["Lifecycle", "Step", "lifecycle"]

_ORDER = (
    TermsStatus.DRAFT,
    TermsStatus.CONSULTATION,
    TermsStatus.AGREED,
    TermsStatus.IN_FORCE,
    TermsStatus.SUPERSEDED,
)


@attrs.frozen
class Step:
    """One step of the lifecycle and the day it was (or is planned to be) reached."""

    status: TermsStatus
    """The stage the set enters."""
    date: pendulum.Date | None
    """The first day of the stage; ``None`` when not recorded."""
    recorded_as: str
    """The field the date comes from (``drafted``, ``consultation.opens`` ...)."""


@attrs.frozen
class Lifecycle:
    """The dated steps of a terms set and its stage on a date.

    The stage follows the dates, not the recorded ``status``: it is the latest step
    whose date has come, so a set is in consultation from the day its consultation
    opens, agreed from its agreement date, in force from its effective date and
    superseded from the first day it no longer applies. Before any of these it is a
    draft. In force therefore means what ``View.terms_in_force`` of
    :mod:`maritime_crew.facts` means.
    """

    terms: str
    """Id of the set."""
    title: str
    on: pendulum.Date
    """The date the stage is worked out for."""
    steps: tuple[Step, ...]
    """Draft, consultation, agreed, in force and superseded, in that order."""
    stage: TermsStatus
    """The stage on ``on``, from the dates."""
    recorded: TermsStatus
    """The status recorded in the data."""
    out_of_order: tuple[str, ...]
    """Each pair of recorded steps whose dates run backwards, in words."""

    @property
    def in_force(self) -> bool:
        """True when the set applies on ``on`` (from its effective date until superseded)."""
        return self.stage is TermsStatus.IN_FORCE

    def to_record(self) -> dict[str, Any]:
        """The lifecycle as plain data."""
        return {
            "terms": self.terms,
            "title": self.title,
            "on": self.on.isoformat(),
            "stage": self.stage.value,
            "recorded_status": self.recorded.value,
            "steps": [
                {
                    "status": step.status.value,
                    "date": step.date.isoformat() if step.date else None,
                    "recorded_as": step.recorded_as,
                }
                for step in self.steps
            ],
            "out_of_order": list(self.out_of_order),
        }


def lifecycle(
    fleet: Fleet,
    terms: str | TermsAndConditions,
    on: pendulum.Date | datetime.date | str,
) -> Lifecycle:
    """The lifecycle of a terms set (by id or record) and its stage on ``on``.

    Raises :class:`KeyError` for an unknown set id.
    """
    record = _set(fleet, terms)
    view = Facts.of(fleet).on(as_date(on))
    consultation = record.consultation
    steps = (
        Step(TermsStatus.DRAFT, record.drafted, "drafted"),
        Step(
            TermsStatus.CONSULTATION,
            consultation.opens if consultation else None,
            "consultation.opens",
        ),
        Step(TermsStatus.AGREED, record.agreed, "agreed"),
        Step(TermsStatus.IN_FORCE, record.effective, "effective"),
        Step(TermsStatus.SUPERSEDED, record.superseded, "superseded"),
    )
    stage = TermsStatus.DRAFT
    for step in steps:
        if view.reached(step.date):
            stage = max(stage, step.status, key=_ORDER.index)
    dated = [step for step in steps if step.date is not None]
    backwards = tuple(
        f"{later.recorded_as} {later.date} is before {earlier.recorded_as} {earlier.date}"
        for earlier, later in itertools.pairwise(dated)
        if later.date is not None and earlier.date is not None and later.date < earlier.date
    )
    if consultation is not None and consultation.closes < consultation.opens:
        backwards += (
            f"consultation.closes {consultation.closes} is before "
            f"consultation.opens {consultation.opens}",
        )
    return Lifecycle(
        terms=record.id,
        title=record.title,
        on=view.date,
        steps=steps,
        stage=stage,
        recorded=record.status,
        out_of_order=backwards,
    )


def _set(fleet: Fleet, terms: str | TermsAndConditions) -> TermsAndConditions:
    if isinstance(terms, TermsAndConditions):
        return terms
    found = fleet.terms_set(terms)
    if found is None:
        known = ", ".join(t.id for t in fleet.terms) or "none"
        raise KeyError(f"no terms set {terms!r} (known: {known})")
    return found
