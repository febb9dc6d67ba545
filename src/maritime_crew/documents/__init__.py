"""The SEMS register, document histories and the debrief loop (seed C5, C7, C8).

::

    import maritime_crew as mc

    mc.documents.register(fleet, "2021-03-31", kind="sop").overdue
    mc.documents.in_force(fleet, "SOP-BRD-01", on="2020-09-14").label
    mc.documents.history(fleet, "SOP-BRD-01", as_of="2020-03-14").versions
    mc.documents.debrief_loop(fleet, "2021-03-31").vessel("vigilant")

A version's status on a date follows from its dates (a draft until its effective date,
in force until a later version takes effect, withdrawn from its withdrawal date), not
from the status recorded with it. Reviews due and actions closed follow the ``DOC``
rules: a review is overdue after its due date, and a debrief action closes on the
effective date of the first version that lists the finding in ``addresses`` and takes
effect.
"""

from ._history import AddressedFinding, History, VersionEntry, history, in_force
from ._loop import (
    ActionState,
    DebriefAction,
    DebriefLoop,
    DebriefState,
    LoopMetrics,
    OperationDebrief,
    debrief_actions,
    debrief_loop,
)
from ._register import Register, RegisterEntry, register

__all__ = [
    "ActionState",
    "AddressedFinding",
    "DebriefAction",
    "DebriefLoop",
    "DebriefState",
    "History",
    "LoopMetrics",
    "OperationDebrief",
    "Register",
    "RegisterEntry",
    "VersionEntry",
    "debrief_actions",
    "debrief_loop",
    "history",
    "in_force",
    "register",
]
