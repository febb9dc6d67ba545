"""Skills matrix, coverage, training needs analysis and trainer capacity (seed C3, C9).

Every function takes the fleet and an explicit date and returns a frozen attrs result
with ``to_records()`` for notebooks::

    import maritime_crew as mc

    fleet = mc.load("examples/fleet")
    matrix = mc.skills.skills_matrix(fleet, as_of, vessel="vigilant", within=90)
    cover = mc.skills.coverage(fleet, as_of, crew="alert-b")
    plan = mc.skills.training_needs(fleet, as_of)
    trainers = mc.skills.trainer_capacity(fleet, as_of)
"""

from ._coverage import Coverage, CrewCoverage, RoleCoverage, coverage
from ._matrix import CellState, SkillCell, SkillsMatrix, skills_matrix
from ._tna import Gap, TrainingAction, TrainingActionKind, TrainingNeeds, training_needs
from ._trainers import CourseTrainers, TrainerCapacity, trainer_capacity

__all__ = [
    "CellState",
    "CourseTrainers",
    "Coverage",
    "CrewCoverage",
    "Gap",
    "RoleCoverage",
    "SkillCell",
    "SkillsMatrix",
    "TrainerCapacity",
    "TrainingAction",
    "TrainingActionKind",
    "TrainingNeeds",
    "coverage",
    "skills_matrix",
    "trainer_capacity",
    "training_needs",
]
