"""Terms and conditions: lifecycle, who is on which set, and consultations (seed C1).

::

    import maritime_crew as mc

    mc.terms.lifecycle(fleet, "tc-2021", "2021-03-31").stage  # TermsStatus.AGREED
    mc.terms.terms_for(fleet, "BF1003", "2021-04-01").why
    mc.terms.consultation_summary(fleet, "tc-2021").answered_share

The stage of a set follows its dates; a set applies to a person when an assignment
covers the date and the set is in force that day. See ``docs/terms.md``.
"""

from ._applies import TermsApplied, terms_for
from ._consultation import ConsultationSummary, consultation_summary
from ._lifecycle import Lifecycle, Step, lifecycle

__all__ = [
    "ConsultationSummary",
    "Lifecycle",
    "Step",
    "TermsApplied",
    "consultation_summary",
    "lifecycle",
    "terms_for",
]
