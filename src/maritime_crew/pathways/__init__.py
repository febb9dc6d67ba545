"""Career pathways: eligibility for a grade, next steps, and CoC revalidation (seed C4, STCW I/11).

::

    import maritime_crew as mc

    mc.pathways.eligibility(fleet, "BF1003", "deck-chief-officer", "2021-03-31").eligible
    mc.pathways.next_steps(fleet, "BF1003", "2021-03-31").earliest

Sea time counts each calendar day aboard once (overlapping deployments are merged),
both the first and last day of a deployment, and only days up to the date asked about.
"""

from ._common import completed_months
from ._eligibility import Eligibility, Requirement, RequirementKind, eligibility
from ._next_steps import NextSteps, Transfer, next_steps
from ._revalidation import (
    CocRevalidation,
    Revalidation,
    RevalidationCondition,
    coc_revalidation,
    held_cocs,
    revalidation,
)

__all__ = [
    "CocRevalidation",
    "Eligibility",
    "NextSteps",
    "Requirement",
    "RequirementKind",
    "Revalidation",
    "RevalidationCondition",
    "Transfer",
    "coc_revalidation",
    "completed_months",
    "eligibility",
    "held_cocs",
    "next_steps",
    "revalidation",
]
