"""Career pathways: eligibility for a grade, next steps, and CoC revalidation (seed C4, STCW I/11).

::

    import maritime_crew as mc

    mc.eligibility(fleet, "BF1003", "deck-chief-officer", "2021-03-31").eligible
    mc.next_steps(fleet, "BF1003", "2021-03-31").earliest

Sea time counts each calendar day aboard once (overlapping deployments are merged),
both the first and last day of a deployment, and only days up to the date asked about.
"""

from ._eligibility import Eligibility, Requirement, RequirementKind, eligibility
from ._next_steps import NextSteps, Transfer, next_steps
from ._revalidation import CocRevalidation, Revalidation, RevalidationCondition, revalidation

__all__ = [
    "CocRevalidation",
    "Eligibility",
    "NextSteps",
    "Requirement",
    "RequirementKind",
    "Revalidation",
    "RevalidationCondition",
    "Transfer",
    "eligibility",
    "next_steps",
    "revalidation",
]
