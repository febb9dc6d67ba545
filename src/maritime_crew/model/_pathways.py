"""Career pathways: ordered grades with entry requirements (seed commitment C4)."""

from __future__ import annotations

import attrs

from ._base import doc, non_negative
from ._people import Discipline
from ._provenance import Recorded, provenance_last

__all__ = ["Grade", "Pathway"]


@attrs.frozen(field_transformer=provenance_last)
class Grade(Recorded):
    """A grade on a pathway and what it takes to enter it."""

    id: str = attrs.field(
        metadata=doc("Unique grade id (across all pathways).", "deck-chief-officer")
    )
    name: str = attrs.field(metadata=doc("Grade name.", "Chief officer"))
    certificates: tuple[str, ...] = attrs.field(
        factory=tuple,
        metadata=doc("Certificate types required to enter the grade.", '["stcw-ii-2"]'),
    )
    courses: tuple[str, ...] = attrs.field(
        factory=tuple, metadata=doc("Courses required to enter the grade.", '["leadership"]')
    )
    sea_time_days: int = attrs.field(
        default=0,
        validator=non_negative,
        metadata=doc("Days of sea time required, counted from deployments.", "365"),
    )
    months_in_previous_grade: int = attrs.field(
        default=0,
        validator=non_negative,
        metadata=doc("Months to serve in the grade below before entering this one.", "24"),
    )


@attrs.frozen(field_transformer=provenance_last)
class Pathway(Recorded):
    """A career pathway, such as deck or engineering: grades from junior to senior."""

    id: str = attrs.field(metadata=doc("Unique pathway id.", "deck"))
    name: str = attrs.field(metadata=doc("Pathway name.", "Deck officer pathway"))
    discipline: Discipline = attrs.field(metadata=doc("Discipline it serves.", "deck"))
    grades: tuple[Grade, ...] = attrs.field(
        factory=tuple, metadata=doc("Grades in order, most junior first.")
    )

    def grade_index(self, grade_id: str) -> int | None:
        """Position of a grade on this pathway (0 = most junior), or ``None``."""
        for index, grade in enumerate(self.grades):
            if grade.id == grade_id:
                return index
        return None

    def grade_below(self, grade_id: str) -> Grade | None:
        """The grade just below ``grade_id``; ``None`` for the entry grade or one not here."""
        index = self.grade_index(grade_id)
        return self.grades[index - 1] if index else None
