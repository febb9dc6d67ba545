"""Scale of the skills matrix and training needs analysis: 1,000 against 10,000 people.

Run: ``python benchmarks/skills_scale.py``. Builds two synthetic fleets in memory
(seeded, so every run builds the same ones) with 20 duty roles, crews of 12 and one
vessel per two crews, then times ``skills_matrix``, ``training_needs`` and
``trainer_capacity`` over the whole fleet (what ``maritime-crew skills`` and ``tna`` work
out), with the garbage collector on as a program would have it. Prints the median of
several runs in this one process, in elapsed time and in CPU time (which the other work
on a shared machine disturbs less), and the 10k/1k ratios; linear work in people by
roles gives about 10x (the goal is at most 11x).
"""

from __future__ import annotations

import random
import statistics
import time

import pendulum

import maritime_crew as mc

AS_OF = pendulum.Date(2021, 3, 31)
ROLES = 20
CREW_SIZE = 12
REPEATS = 7


def build(people: int, seed: int = 4) -> mc.model.Fleet:
    """A fleet of ``people`` in crews of 12, with 20 roles and a mix of gaps."""
    rng = random.Random(seed)
    # In-house courses; every other one names a trainer course (the next course), so the
    # analysis works out who can deliver them.
    courses = [
        mc.model.Course(
            f"c{n}",
            f"Course {n}",
            validity=mc.model.AgeSchedule.fixed("P3Y"),
            trainer_courses=(f"c{(n + 1) % 30}",) if n % 2 == 0 else (),
        )
        for n in range(30)
    ]
    certificates = [
        mc.model.CertificateType(
            f"g{n}", f"Certificate {n}", validity=mc.model.AgeSchedule.fixed("P5Y")
        )
        for n in range(8)
    ]
    kit = [f"k{n}" for n in range(5)]
    roles = [
        mc.model.DutyRole(
            f"r{n}",
            f"Role {n}",
            courses=tuple(rng.sample([c.id for c in courses], 2)),
            certificates=tuple(rng.sample([g.id for g in certificates], rng.randint(0, 1))),
            kit=tuple(rng.sample(kit, rng.randint(0, 1))),
        )
        for n in range(ROLES)
    ]
    crews = people // CREW_SIZE
    vessels = [
        mc.model.Vessel(
            f"v{n}",
            f"HMC V{n}",
            mc.model.VesselType.CUTTER,
            complement=tuple(
                mc.model.RoleCount(r.id, rng.randint(1, 2)) for r in rng.sample(roles, 8)
            ),
        )
        for n in range((crews + 1) // 2)
    ]
    items: list[mc.model.EquipmentItem] = []
    staff: list[mc.model.Person] = []
    for n in range(people):
        pid = f"BF{n:05d}"
        held = rng.sample(roles, 3)
        training = []
        certs = []
        issues = []
        for role in held:
            for course in role.courses:
                if rng.random() < 0.9:
                    done = AS_OF.subtract(days=rng.randint(1, 1300))
                    training.append(mc.model.TrainingRecord(course, done))
            for kind in role.certificates:
                if rng.random() < 0.95:
                    certs.append(
                        mc.model.Certificate(kind, AS_OF.subtract(days=rng.randint(1, 2000)))
                    )
            for kind in role.kit:
                item = f"{pid}-{kind}"
                items.append(mc.model.EquipmentItem(item, kind))
                issues.append(mc.model.Issue(item, pendulum.Date(2020, 1, 1)))
        staff.append(
            mc.model.Person(
                pid,
                f"Person {n}",
                mc.model.Discipline.DECK,
                crew=f"crew{n % max(crews, 1)}",
                duty_roles=tuple(r.id for r in held),
                training=tuple(training),
                certificates=tuple(certs),
                issues=tuple(issues),
            )
        )
    return mc.model.Fleet(
        vessels=tuple(vessels),
        crews=tuple(
            mc.model.Crew(f"crew{n}", f"Crew {n}", vessel=f"v{n // 2}") for n in range(crews)
        ),
        people=tuple(staff),
        courses=tuple(courses),
        certificate_types=tuple(certificates),
        duty_roles=tuple(roles),
        equipment_items=tuple(items),
    )


def median_seconds(fleet: mc.model.Fleet) -> tuple[float, float, int, int]:
    """Median elapsed and CPU time of matrix, TNA and trainer capacity, with counts."""
    elapsed = []
    cpu = []
    cells = actions = 0
    for _ in range(REPEATS):
        # A fresh fleet object each run, so the lazily built indexes are part of the time.
        fresh = mc.model.Fleet(
            **{
                f: getattr(fleet, f)
                for f in (
                    "vessels",
                    "crews",
                    "people",
                    "courses",
                    "certificate_types",
                    "duty_roles",
                    "equipment_items",
                )
            }
        )
        start, start_cpu = time.perf_counter(), time.process_time()
        matrix = mc.skills.skills_matrix(fresh, AS_OF)
        needs = mc.skills.training_needs(fresh, AS_OF)
        mc.skills.trainer_capacity(fresh, AS_OF)
        elapsed.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        cells, actions = len(matrix.people) * len(matrix.roles), len(needs.actions)
    return statistics.median(elapsed), statistics.median(cpu), cells, actions


def main() -> None:
    small = median_seconds(build(1_000))
    large = median_seconds(build(10_000))
    for label, (seconds, cpu, cells, actions) in (("1k", small), ("10k", large)):
        print(
            f"{label:>4} people: {seconds:6.3f} s elapsed, {cpu:6.3f} s CPU  "
            f"({cells} matrix cells, {actions} TNA actions)"
        )
    ratio, ratio_cpu = large[0] / small[0], large[1] / small[1]
    print(f"ratio 10k/1k: {ratio:.1f}x elapsed, {ratio_cpu:.1f}x CPU (goal: at most 11x)")


if __name__ == "__main__":
    main()
