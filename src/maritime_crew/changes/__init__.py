"""Changes: what changed between two versions of a dataset, and in what the rules find.

Two checkouts, two monthly exports: the records added, removed and changed, field by
field, with who recorded each change where the data says; and the findings of ``check``
on both, as of one date, that appeared, were resolved or persisted::

    import maritime_crew as mc

    old, new = mc.load("exports/2021-02"), mc.load("exports/2021-03")
    changes = mc.diff(old, new, as_of="2021-03-31")
    changes.changed, changes.records, changes.appeared, changes.to_data()

``mc.diff`` is :func:`diff`. See ``docs/diff.md``.
"""

from __future__ import annotations

from ._diff import WITHHELD, Diff, diff
from ._findings import Persisted
from ._provenance import PROVENANCE, Provenance
from ._records import Change, FieldChange, RecordChange

__all__ = [
    "PROVENANCE",
    "WITHHELD",
    "Change",
    "Diff",
    "FieldChange",
    "Persisted",
    "Provenance",
    "RecordChange",
    "diff",
]
