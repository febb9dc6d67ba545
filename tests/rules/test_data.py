"""DATA rules: integrity of the records and between records."""

from __future__ import annotations

from typing import Any

import attrs
import pendulum
import pytest

import maritime_crew as mc
from maritime_crew.rules import Config, check
from tests.pages import ROOT

from .builders import AS_OF, D, crew, fleet, messages, person, run, vessel


def work(who: str, start: int, end: int, **fields: str) -> mc.model.WorkPeriod:
    """A work period on 1 March 2021 from ``start`` to ``end`` o'clock, UTC."""
    day = pendulum.datetime(2021, 3, 1)
    return mc.model.WorkPeriod(who, day.add(hours=start), day.add(hours=end), **fields)


class TestDuplicateId:
    def test_fires_for_a_shared_id_with_both_places(self) -> None:
        text = (
            '[[person]]\nid = "BF1"\nname = "A"\ndiscipline = "deck"\n\n'
            '[[person]]\nid = "BF1"\nname = "B"\ndiscipline = "deck"\n'
        )
        data = mc.loads(text, name="people.toml")
        (finding,) = run(data, "DATA001")
        assert finding.message == (
            "person id 'BF1' is used by 2 records (people.toml:1, people.toml:6); "
            "lookups see only the first"
        )
        assert finding.source == mc.model.SourceLocation("people.toml", 6)

    def test_grades_findings_and_version_labels_must_be_unique(self) -> None:
        grade = mc.model.Grade("ab", "Able seaman")
        data = fleet(
            pathways=[
                mc.model.Pathway("deck", "Deck", mc.model.Discipline.DECK, (grade,)),
                mc.model.Pathway("eng", "Engineering", mc.model.Discipline.ENGINEERING, (grade,)),
            ],
            debriefs=[
                mc.model.Debrief(
                    "DB1", "OP1", D(2020, 1, 1), findings=(mc.model.DebriefFinding("F1", "x"),)
                ),
                mc.model.Debrief(
                    "DB2", "OP2", D(2020, 2, 1), findings=(mc.model.DebriefFinding("F1", "y"),)
                ),
            ],
            documents=[
                mc.model.Document(
                    "SOP1",
                    mc.model.DocumentKind.SOP,
                    "T",
                    "O",
                    versions=(
                        mc.model.DocumentVersion("1", mc.model.VersionStatus.SUPERSEDED),
                        mc.model.DocumentVersion("1", mc.model.VersionStatus.APPROVED),
                    ),
                )
            ],
        )
        assert messages(run(data, "DATA001")) == [
            "debrief finding id 'F1' is used in debrief 'DB1' and again in debrief 'DB2'",
            "document SOP1 has two versions labelled '1'",
            "grade id 'ab' is used on pathway 'deck' and again on pathway 'eng'; "
            "grade ids are unique across pathways",
        ]

    def test_unique_ids_pass(self) -> None:
        assert run(fleet(people=[person("BF1"), person("BF2")]), "DATA001") == []


class TestUnknownReference:
    def test_fires_with_the_field_and_a_suggestion(self) -> None:
        data = fleet(
            crews=[crew("vigilant-a", vessel="vigilant")],
            vessels=[vessel("vigilant")],
            people=[person("BF1", crew="vigilant-b")],
        )
        assert messages(run(data, "DATA002")) == [
            "person BF1 refers in `crew` to crew 'vigilant-b', which does not exist; "
            "did you mean 'vigilant-a'?"
        ]

    def test_nested_references_name_their_position(self) -> None:
        data = fleet(
            people=[
                person(
                    "BF1",
                    certificates=(mc.model.Certificate("eng1", D(2020, 1, 1)),),
                    issues=(mc.model.Issue("DS-9", D(2020, 1, 1)),),
                    terms=(mc.model.TermsAssignment("tc-1999", D(2000, 1, 1)),),
                )
            ]
        )
        assert messages(run(data, "DATA002")) == [
            "person BF1 refers in `certificates[0].type` to certificate type 'eng1', "
            "which does not exist",
            "person BF1 refers in `issues[0].item` to equipment item 'DS-9', which does not exist",
            "person BF1 refers in `terms[0].set` to terms 'tc-1999', which does not exist",
        ]

    def test_builtin_rest_profiles_and_document_labels_resolve(self) -> None:
        data = fleet(
            terms=[
                mc.model.TermsAndConditions(
                    "tc", "T", mc.model.TermsStatus.DRAFT, rest_profile="wtr-1998"
                )
            ],
            documents=[
                mc.model.Document(
                    "SOP1",
                    mc.model.DocumentKind.SOP,
                    "T",
                    "O",
                    versions=(
                        mc.model.DocumentVersion("1", mc.model.VersionStatus.SUPERSEDED),
                        mc.model.DocumentVersion(
                            "2", mc.model.VersionStatus.APPROVED, supersedes="1"
                        ),
                        mc.model.DocumentVersion(
                            "3", mc.model.VersionStatus.DRAFT, supersedes="2b"
                        ),
                    ),
                )
            ],
        )
        assert messages(run(data, "DATA002")) == [
            "document SOP1 refers in `versions[2].supersedes` to version of document SOP1 "
            "'2b', which does not exist"
        ]

    def test_every_kind_of_reference_is_followed(self) -> None:
        data = fleet(
            vessels=[vessel("v", complement=(mc.model.RoleCount("coxswain", 1),))],
            crews=[crew("c", vessel="w")],
            deployments=[mc.model.Deployment("d", "x", D(2020, 1, 1), crew="c2")],
            courses=[
                mc.model.Course("k", "K", trainer_courses=("k2",), trainer_certificates=("t2",))
            ],
            duty_roles=[
                mc.model.DutyRole("r", "R", certificates=("t3",), courses=("k3",), kit=("e3",))
            ],
            equipment_items=[mc.model.EquipmentItem("i", "e4")],
            operations=[mc.model.Operation("op", "y", "patrol", D(2020, 1, 1), crew="c3")],
            debriefs=[
                mc.model.Debrief(
                    "db",
                    "op2",
                    D(2020, 1, 2),
                    vessel="z",
                    led_by="BF9",
                    findings=(mc.model.DebriefFinding("f", "s", document="SOP9"),),
                )
            ],
            waivers=[
                mc.model.Waiver(
                    "w", "CERT001", mc.model.Subject("person", "BF8"), "r", "g", D(2020, 1, 1)
                )
            ],
            work_periods=[work("BF7", 6, 12, vessel="q")],
            certificate_types=[mc.model.CertificateType("t", "T", supersedes=("t4",))],
        )
        found = sorted((f.subject.kind, f.details["field"]) for f in run(data, "DATA002"))
        assert found == [
            ("certificate_type", "supersedes"),
            ("course", "trainer_certificates"),
            ("course", "trainer_courses"),
            ("crew", "vessel"),
            ("debrief", "findings[0].document"),
            ("debrief", "led_by"),
            ("debrief", "operation"),
            ("debrief", "vessel"),
            ("deployment", "crew"),
            ("deployment", "vessel"),
            ("duty_role", "certificates"),
            ("duty_role", "courses"),
            ("duty_role", "kit"),
            ("equipment_item", "type"),
            ("operation", "crew"),
            ("operation", "vessel"),
            ("person", "work_period[0].person"),
            ("person", "work_period[0].vessel"),
            ("vessel", "complement[0].role"),
            ("waiver", "subject"),
        ]

    def test_work_periods_of_an_unknown_person_are_one_finding_at_the_first(self) -> None:
        data = fleet(
            people=[person("BF1001")],
            vessels=[vessel("vigilant")],
            work_periods=[
                work("BF1001", 6, 12, vessel="vigilant"),
                work("BF1010", 6, 12),
                work("BF1010", 14, 18),
                work("BF1001", 14, 18, vessel="vigilant-x"),
            ],
        )
        assert messages(run(data, "DATA002")) == [
            "work period 2021-03-01T14:00:00+00:00 to 2021-03-01T18:00:00+00:00 of BF1001 "
            "refers in `vessel` to vessel 'vigilant-x', which does not exist; did you mean "
            "'vigilant'?",
            "work period 2021-03-01T06:00:00+00:00 to 2021-03-01T12:00:00+00:00 of BF1010 "
            "refers in `person` to person 'BF1010', which does not exist; did you mean "
            "'BF1001'?; 1 other work period names it too; the hours-of-rest rules skip them",
        ]
        (_, unknown) = run(data, "DATA002")
        assert unknown.details == {
            "field": "work_period[1].person",
            "kind": "person",
            "id": "BF1010",
            "work_periods": 2,
        }

    def test_work_periods_of_known_people_and_vessels_pass(self) -> None:
        data = fleet(
            people=[person("BF1001")],
            vessels=[vessel("vigilant")],
            work_periods=[work("BF1001", 6, 12, vessel="vigilant"), work("BF1001", 14, 18)],
        )
        assert run(data, "DATA002") == []

    def test_known_references_pass(self) -> None:
        data = fleet(
            crews=[crew("vigilant-a", vessel="vigilant")],
            vessels=[vessel("vigilant")],
            people=[person("BF1", crew="vigilant-a")],
        )
        assert run(data, "DATA002") == []

    def test_a_size_the_type_does_not_come_in_is_reported(self) -> None:
        suit = mc.model.EquipmentType(id="dry-suit", name="Dry suit", sizes=("S", "M", "L"))
        helmet = mc.model.EquipmentType(id="helmet", name="Helmet")  # one size fits all
        data = fleet(
            equipment_types=[suit, helmet],
            equipment_items=[
                mc.model.EquipmentItem(id="DS-1", type="dry-suit", size="XL"),
                mc.model.EquipmentItem(id="DS-2", type="dry-suit", size="M"),
                mc.model.EquipmentItem(id="H-1", type="helmet", size="58"),
            ],
            people=[
                person(
                    "BF1", sizes=(mc.model.Size("dry-suit", "l"), mc.model.Size("helmet", "58"))
                ),
                person("BF2", sizes=(mc.model.Size("dry-suit", "S"),)),
            ],
        )
        assert messages(run(data, "DATA002")) == [
            "equipment item DS-1 has size 'XL', which the type does not come in (its sizes: "
            "'S', 'M', 'L')",
            "person BF1 has size 'l' recorded for equipment type dry-suit, which the type does "
            "not come in (its sizes: 'S', 'M', 'L'); did you mean 'L'?",
        ]
        fields = sorted(f.details["field"] for f in run(data, "DATA002"))
        assert fields == ["size", "sizes[0].size"]

    def test_a_service_of_a_kind_the_type_does_not_schedule_is_reported(self) -> None:
        suit = mc.model.EquipmentType(
            id="dry-suit",
            name="Dry suit",
            services=(
                mc.model.ServiceSchedule("annual-service", mc.model.AgeSchedule.fixed("P12M")),
            ),
        )
        item = mc.model.EquipmentItem(
            id="DS-1",
            type="dry-suit",
            services=(
                mc.model.ServiceEvent("annual-service", D(2020, 6, 1)),
                mc.model.ServiceEvent("annual service", D(2020, 8, 11)),
            ),
        )
        data = fleet(equipment_types=[suit], equipment_items=[item])
        (finding,) = run(data, "DATA002")
        assert finding.message == (
            "equipment item DS-1 records a service of kind 'annual service' on 2020-08-11, "
            "which equipment type dry-suit does not schedule (it schedules 'annual-service'); "
            "did you mean 'annual-service'?"
        )
        assert finding.details["field"] == "services[1].kind"

    def test_a_misspelt_waiver_subject_kind_is_reported(self) -> None:
        waiver = mc.model.Waiver(
            id="W1",
            rule="EQP003",
            subject=mc.model.Subject("equipment item", "DS-1"),
            reason="Test booked",
            granted_by="Director",
            granted_on=D(2021, 1, 1),
            expires=D(2021, 6, 30),
        )
        assert messages(run(fleet(waivers=[waiver]), "DATA002")) == [
            "waiver W1 names subject kind 'equipment item', which is not a kind of record; "
            "did you mean 'equipment_item'?"
        ]
        # A kind unlike any record's may be a custom rule's own: it is left alone.
        own = mc.model.Waiver(
            **{**attrs.asdict(waiver, recurse=False), "subject": mc.model.Subject("port", "x")}
        )
        assert run(fleet(waivers=[own]), "DATA002") == []

    def test_an_unknown_type_in_supersedes_is_an_unknown_reference(self) -> None:
        data = fleet(
            certificate_types=[
                mc.model.CertificateType("stcw-ii-1", "II/1"),
                mc.model.CertificateType("stcw-ii-2-co", "II/2", supersedes=("stcw-ii-l",)),
            ]
        )
        (finding,) = run(data, "DATA002")
        assert finding.subject == mc.model.Subject("certificate_type", "stcw-ii-2-co")
        assert finding.message == (
            "certificate type stcw-ii-2-co refers in `supersedes` to certificate type "
            "'stcw-ii-l', which does not exist; did you mean 'stcw-ii-1'?"
        )


class TestCertificateLadderLoop:
    @staticmethod
    def types(**supersedes: tuple[str, ...]) -> mc.model.Fleet:
        return fleet(
            certificate_types=[
                mc.model.CertificateType(type_id.replace("_", "-"), type_id, supersedes=lower)
                for type_id, lower in supersedes.items()
            ]
        )

    def test_two_types_that_supersede_each_other(self) -> None:
        data = self.types(ii_1=("ii-2",), ii_2=("ii-1",))
        (finding,) = run(data, "DATA011")
        assert finding.subject == mc.model.Subject("certificate_type", "ii-1")
        assert finding.message == (
            "certificate types ii-1 and ii-2 supersede each other in a loop: ii-1 supersedes "
            "ii-2, which supersedes ii-1; each type of the loop counts for every other, so "
            "none is higher"
        )
        assert finding.details == {"types": ["ii-1", "ii-2"], "loop": ["ii-1", "ii-2", "ii-1"]}

    def test_a_longer_loop_is_one_finding_with_its_shortest_way_round(self) -> None:
        data = self.types(a=("b",), b=("c", "x"), c=("a", "b"), x=(), top=("a",))
        (finding,) = run(data, "DATA011")
        assert finding.details == {"types": ["a", "b", "c"], "loop": ["a", "b", "c", "a"]}
        assert "a supersedes b, which supersedes c, which supersedes a;" in finding.message

    def test_a_type_that_supersedes_itself(self) -> None:
        (finding,) = run(self.types(ii_1=("ii-1",)), "DATA011")
        assert finding.message == (
            "certificate type ii-1 lists itself in `supersedes`: a type cannot be above itself"
        )

    def test_two_separate_loops_are_two_findings(self) -> None:
        data = self.types(a=("b",), b=("a",), c=("c",))
        assert [f.subject.id for f in run(data, "DATA011")] == ["a", "c"]

    def test_a_ladder_without_a_loop_passes(self) -> None:
        data = self.types(
            ii_3=(), ii_1=("ii-3",), ii_2_co=("ii-1",), ii_2_master=("ii-2-co", "ii-1")
        )
        assert run(data, "DATA011") == []

    def test_the_example_fleet_ladder_has_no_loop(self) -> None:
        assert run(_EXAMPLE, "DATA011") == []


class TestDatesOutOfOrder:
    def test_fires_for_an_end_before_a_start(self) -> None:
        data = fleet(
            deployments=[mc.model.Deployment("d1", "v", D(2020, 5, 14), D(2020, 5, 1), crew="c")],
            people=[person("BF1", issues=(mc.model.Issue("DS-1", D(2020, 6, 1), D(2020, 5, 1)),))],
        )
        assert messages(run(data, "DATA003")) == [
            "deployment d1: end 2020-05-01 is before start 2020-05-14",
            "person BF1: issues[0].returned 2020-05-01 is before issues[0].issued 2020-06-01",
        ]

    def test_every_pair_of_dates_is_compared(self) -> None:
        early, late = D(2020, 5, 14), D(2020, 5, 1)  # each pair below: second before first
        data = fleet(
            people=[
                person(
                    "BF1",
                    joined=early,
                    left=late,
                    grade_since=D(2020, 4, 1),
                    previous_grades=(
                        mc.model.GradeHeld("g1", early),
                        mc.model.GradeHeld("g2", late),
                    ),
                    terms=(mc.model.TermsAssignment("tc", early, late),),
                    certificates=(mc.model.Certificate("eng1", early, expires=late),),
                    training=(mc.model.TrainingRecord("sea-survival", early, expires=late),),
                    issues=(mc.model.Issue("DS-1", early, late),),
                )
            ],
            deployments=[mc.model.Deployment("d1", "v", early, late, crew="c")],
            operations=[mc.model.Operation("op1", "v", "patrol", early, late)],
            debriefs=[mc.model.Debrief("db1", "op1", late)],
            equipment_items=[
                mc.model.EquipmentItem(
                    "DS-1",
                    "dry-suit",
                    manufactured=early,
                    status=mc.model.ItemStatus.WITHDRAWN,
                    status_date=late,
                    services=(mc.model.ServiceEvent("annual", late, mc.model.ServiceResult.PASS),),
                )
            ],
            terms=[
                mc.model.TermsAndConditions(
                    "tc",
                    "T",
                    mc.model.TermsStatus.SUPERSEDED,
                    consultation=mc.model.Consultation(early, late),
                    effective=early,
                    superseded=late,
                )
            ],
            waivers=[
                mc.model.Waiver(
                    "w", "CERT001", mc.model.Subject("person", "BF1"), "r", "g", early, late
                )
            ],
        )
        found = sorted((f.subject.kind, *sorted(f.details)) for f in run(data, "DATA003"))
        assert found == [
            ("debrief", "date", "operation op1 start"),
            ("deployment", "end", "start"),
            ("equipment_item", "manufactured", "services[0].date"),
            ("equipment_item", "manufactured", "status_date"),
            ("operation", "end", "start"),
            ("person", "certificates[0].expires", "certificates[0].issued"),
            ("person", "grade_since", "previous_grades[1].since"),
            ("person", "issues[0].issued", "issues[0].returned"),
            ("person", "joined", "left"),
            ("person", "previous_grades[0].since", "previous_grades[1].since"),
            ("person", "terms[0].end", "terms[0].start"),
            ("person", "training[0].completed", "training[0].expires"),
            ("terms", "consultation.closes", "consultation.opens"),
            ("terms", "effective", "superseded"),
            ("waiver", "expires", "granted_on"),
        ]

    def test_the_same_day_is_in_order(self) -> None:
        data = fleet(
            deployments=[mc.model.Deployment("d1", "v", D(2020, 5, 1), D(2020, 5, 1), crew="c")]
        )
        assert run(data, "DATA003") == []

    def test_every_dated_entry_and_an_earlier_crew_ending_after_the_current_began(
        self,
    ) -> None:
        early, late = D(2020, 5, 14), D(2020, 5, 1)
        data = fleet(
            people=[
                person(
                    "BF1",
                    crew="a",
                    crew_since=early,
                    previous_crews=(mc.model.CrewSpell("b", D(2020, 1, 1), early),),
                    duty_roles=("coxswain", mc.model.RoleHeld("medic", early, late)),
                    sizes=(mc.model.Size("dry-suit", "L", early, late),),
                    absences=(
                        mc.model.Absence(mc.model.AbsenceKind.SICKNESS, early, early),
                        mc.model.Absence(mc.model.AbsenceKind.SICKNESS, early, late),
                    ),
                )
            ],
            vessels=[
                mc.model.Vessel(
                    "v",
                    "V",
                    mc.model.VesselType.CPV,
                    status=(mc.model.StatusSpell(mc.model.VesselStatus.REFIT, early, late),),
                )
            ],
        )
        found = sorted((f.subject.kind, *sorted(f.details)) for f in run(data, "DATA003"))
        assert found == [
            ("person", "absences[1].end", "absences[1].start"),
            ("person", "crew_since", "previous_crews[0].end"),
            ("person", "duty_roles[1].end", "duty_roles[1].start"),
            ("person", "sizes[0].end", "sizes[0].start"),
            ("vessel", "status[0].end", "status[0].start"),
        ]

    def test_work_periods_must_end_after_they_start(self) -> None:
        import pendulum

        start = pendulum.datetime(2021, 2, 1, 6)
        data = fleet(work_periods=[mc.model.WorkPeriod("BF1", start, start)])
        assert messages(run(data, "DATA003")) == [
            "work period of BF1 from 2021-02-01T06:00:00+00:00 ends at "
            "2021-02-01T06:00:00+00:00, not after it starts"
        ]

    def test_practice_recorded_before_the_day_it_took_place(self) -> None:
        practice = (
            mc.model.PracticeEvent("boat-launch", D(2021, 3, 2), recorded_on=D(2021, 3, 1)),
            mc.model.PracticeEvent("boat-launch", D(2021, 3, 2), recorded_on=D(2021, 3, 2)),
            mc.model.PracticeEvent("boat-launch", D(2021, 3, 3)),
        )
        (finding,) = run(fleet(people=[person("BF1", practice=practice)]), "DATA003")
        assert finding.message == (
            "person BF1: practice[0].recorded_on 2021-03-01 is before practice[0].date 2021-03-02"
        )


class TestItemIssuedTwice:
    def test_fires_when_issued_before_it_came_back(self) -> None:
        data = fleet(
            people=[
                person("BF1", issues=(mc.model.Issue("DS-1", D(2020, 1, 1), D(2020, 6, 30)),)),
                person("BF2", issues=(mc.model.Issue("DS-1", D(2020, 6, 29)),)),
            ]
        )
        assert messages(run(data, "DATA004")) == [
            "item DS-1 is issued to BF2 on 2020-06-29 while still with BF1 "
            "(issued 2020-01-01, returned 2020-06-30)"
        ]

    def test_a_same_day_hand_over_is_fine(self) -> None:
        data = fleet(
            people=[
                person("BF1", issues=(mc.model.Issue("DS-1", D(2020, 1, 1), D(2020, 6, 30)),)),
                person("BF2", issues=(mc.model.Issue("DS-1", D(2020, 6, 30)),)),
            ]
        )
        assert run(data, "DATA004") == []

    def test_an_item_never_returned_blocks_every_later_issue(self) -> None:
        data = fleet(
            people=[
                person("BF1", issues=(mc.model.Issue("DS-1", D(2019, 1, 1)),)),
                person("BF2", issues=(mc.model.Issue("DS-1", D(2020, 1, 1), D(2020, 2, 1)),)),
                person("BF3", issues=(mc.model.Issue("DS-1", D(2021, 1, 1)),)),
            ]
        )
        assert [f.details["second_holder"] for f in run(data, "DATA004")] == ["BF2", "BF3"]


class TestPersonInTwoPlaces:
    def test_fires_for_overlapping_deployments_on_two_vessels(self) -> None:
        data = fleet(
            people=[person("BF1")],
            deployments=[
                mc.model.Deployment("d1", "seeker", D(2020, 9, 1), D(2020, 9, 14), person="BF1"),
                mc.model.Deployment("d2", "valiant", D(2020, 9, 10), D(2020, 9, 23), person="BF1"),
            ],
        )
        assert messages(run(data, "DATA005")) == [
            "BF1 is deployed on seeker (d1) and on valiant (d2) from 2020-09-10 to 2020-09-14"
        ]

    def test_crew_deployments_count_from_joining_the_crew(self) -> None:
        data = fleet(
            crews=[crew("seeker-a", vessel="seeker")],
            people=[person("BF1", crew="seeker-a", crew_since=D(2020, 9, 15))],
            deployments=[
                mc.model.Deployment("d1", "seeker", D(2020, 9, 1), D(2020, 9, 20), crew="seeker-a"),
                mc.model.Deployment("d2", "valiant", D(2020, 9, 1), D(2020, 9, 14), person="BF1"),
            ],
        )
        assert run(data, "DATA005") == []
        moved = fleet(
            crews=data.crews,
            people=[person("BF1", crew="seeker-a", crew_since=D(2020, 9, 14))],
            deployments=data.deployments,
        )
        assert [f.details["from"] for f in run(moved, "DATA005")] == ["2020-09-14"]

    def test_back_to_back_deployments_are_fine(self) -> None:
        data = fleet(
            people=[person("BF1")],
            deployments=[
                mc.model.Deployment("d1", "seeker", D(2020, 9, 1), D(2020, 9, 14), person="BF1"),
                mc.model.Deployment("d2", "valiant", D(2020, 9, 15), D(2020, 9, 23), person="BF1"),
            ],
        )
        assert run(data, "DATA005") == []


class TestWaivers:
    def waiver(self, **changes: object) -> mc.model.Waiver:
        fields: dict[str, object] = {
            "id": "W1",
            "rule": "DATA005",
            "subject": mc.model.Subject("person", "BF1"),
            "reason": "Relief posting being corrected",
            "granted_by": "Director",
            "granted_on": D(2021, 1, 1),
            "expires": D(2021, 3, 30),
        }
        fields.update(changes)
        return mc.model.Waiver(**fields)  # type: ignore[arg-type]

    def test_expired_waivers_are_reported_from_the_day_after_expiry(self) -> None:
        data = fleet(waivers=[self.waiver()])
        assert messages(run(data, "DATA006")) == [
            "waiver W1 (DATA005 for person:BF1) expired at the end of 2021-03-30, 1 day before "
            "2021-03-31"
        ]
        assert run(data, "DATA006", as_of=D(2021, 3, 30)) == []

    def test_waivers_without_expiry_are_reported(self) -> None:
        data = fleet(waivers=[self.waiver(expires=None)])
        assert messages(run(data, "DATA007")) == [
            "waiver W1 (DATA005 for person:BF1), granted on 2021-01-01 by Director, "
            "has no expiry date"
        ]

    def test_waivers_with_an_expiry_are_not_reported_as_open_ended(self) -> None:
        assert run(fleet(waivers=[self.waiver()]), "DATA007") == []

    def test_a_waiver_that_covers_nothing_or_names_no_rule_is_reported(self) -> None:
        data = fleet(
            people=[person("BF1")],
            waivers=[self.waiver(expires=D(2021, 12, 31)), self.waiver(id="W2", rule="DATA055")],
        )
        report = check(data, AS_OF, Config(select=("DATA005", "DATA008")))
        assert messages(list(report.findings)) == [
            "waiver W1 (DATA005 for person:BF1) is in force on 2021-03-31 but covers no finding",
            "waiver W2 names rule 'DATA055', which does not exist; did you mean 'DATA005'?",
        ]

    def test_a_waiver_for_a_rule_that_did_not_run_is_not_judged(self) -> None:
        data = fleet(people=[person("BF1")], waivers=[self.waiver(expires=D(2021, 12, 31))])
        report = check(data, AS_OF, Config(select=("DATA008",)))
        assert report.findings == ()
        from_timeline = mc.timeline.timeline(
            data, AS_OF, AS_OF.add(days=1), config=Config(select=("DATA008",))
        )
        assert from_timeline.findings == ()

    def test_a_waiver_in_use_is_not_reported(self) -> None:
        data = fleet(
            people=[person("BF1")],
            deployments=[
                mc.model.Deployment("d1", "seeker", D(2021, 3, 1), D(2021, 3, 14), person="BF1"),
                mc.model.Deployment("d2", "valiant", D(2021, 3, 10), D(2021, 3, 23), person="BF1"),
            ],
            waivers=[self.waiver(expires=D(2021, 12, 31))],
        )
        report = check(data, AS_OF, Config(select=("DATA005", "DATA008")))
        assert [(f.code, f.waived_by) for f in report.findings] == [("DATA005", "W1")]
        assert report.ok


_EXAMPLE = mc.load(ROOT / "examples" / "fleet")


def _one_dangling(kind: str) -> mc.model.Person:
    """The example's first person with every kind of reference, with one of ``kind`` broken."""
    first = next(p for p in _EXAMPLE.people if p.training and p.issues and p.sizes and p.terms)
    bad = "no-such-id"

    def first_of(records: tuple[Any, ...], **change: str) -> tuple[Any, ...]:
        return (attrs.evolve(records[0], **change), *records[1:])

    changes: dict[str, dict[str, object]] = {
        "grade": {"grade": bad},
        "crew": {"crew": bad},
        "duty_roles": {"duty_roles": (*first.duty_roles, bad)},
        "terms": {"terms": first_of(first.terms, set=bad)},
        "sizes": {"sizes": first_of(first.sizes, equipment=bad)},
        "certificates": {"certificates": first_of(first.certificates, type=bad)},
        "training": {"training": first_of(first.training, course=bad)},
        "trainer": {"training": first_of(first.training, trainer=bad)},
        "issues": {"issues": first_of(first.issues, item=bad)},
    }
    return attrs.evolve(first, **changes[kind])  # type: ignore[arg-type]


_KINDS = ["grade", "crew", "duty_roles", "terms", "sizes", "certificates", "training"]


@pytest.mark.parametrize("kind", [*_KINDS, "trainer", "issues"])
def test_one_broken_reference_among_a_clean_fleets_people_is_found(kind: str) -> None:
    """A clean fleet is not read person by person; one bad id anywhere still is found."""
    assert run(_EXAMPLE, "DATA002") == []
    broken = _one_dangling(kind)
    people = tuple(broken if p.id == broken.id else p for p in _EXAMPLE.people)
    (finding,) = run(attrs.evolve(_EXAMPLE, people=people), "DATA002")
    assert finding.subject == mc.model.Subject("person", broken.id)
    assert finding.details["id"] == "no-such-id"


@pytest.mark.parametrize(
    ("kind", "vessel", "field"),
    [
        ("no-such-id", "vigilant", "practice[0].kind"),
        ("boat-launch", "no-such-id", "practice[0].vessel"),
    ],
)
def test_practice_of_an_unknown_kind_or_on_an_unknown_vessel_is_found(
    kind: str, vessel: str, field: str
) -> None:
    launches = mc.model.PracticeKind("boat-launch", "Boat launch")
    first = _EXAMPLE.people[0]
    logged = attrs.evolve(
        first, practice=(mc.model.PracticeEvent(kind, D(2021, 3, 1), vessel=vessel),)
    )
    data = attrs.evolve(_EXAMPLE, people=(logged, *_EXAMPLE.people[1:]), practice_kinds=(launches,))
    (finding,) = run(data, "DATA002")
    assert finding.subject == mc.model.Subject("person", first.id)
    assert (finding.details["field"], finding.details["id"]) == (field, "no-such-id")


def test_a_currency_requirement_of_an_unknown_practice_kind_is_found() -> None:
    coxswain = mc.model.DutyRole(
        "coxswain",
        "Coxswain",
        currency=(mc.model.Currency("boat-lanch", mc.model.Period(months=3)),),
    )
    data = fleet(
        duty_roles=[coxswain],
        practice_kinds=[mc.model.PracticeKind("boat-launch", "Boat launch")],
    )
    assert messages(run(data, "DATA002")) == [
        "duty role coxswain refers in `currency[0].practice` to practice kind 'boat-lanch', "
        "which does not exist; did you mean 'boat-launch'?"
    ]


def _item_changed(**change: Any) -> mc.model.Fleet:
    """The example fleet with its first serviced, sized item changed."""
    items = _EXAMPLE.equipment_items
    at = next(i for i, item in enumerate(items) if item.services and item.size)
    changed = attrs.evolve(items[at], **change)
    return attrs.evolve(_EXAMPLE, equipment_items=(*items[:at], changed, *items[at + 1 :]))


def test_a_wrong_size_or_service_among_a_clean_fleets_records_is_found() -> None:
    """Sizes and service kinds are checked once per distinct pair; one wrong one is found."""
    first = next(p for p in _EXAMPLE.people if p.sizes)
    sized = attrs.evolve(first, sizes=(attrs.evolve(first.sizes[0], size="XXXL"), *first.sizes[1:]))
    people = tuple(sized if p is first else p for p in _EXAMPLE.people)
    (finding,) = run(attrs.evolve(_EXAMPLE, people=people), "DATA002")
    assert (finding.subject, finding.details["kind"]) == (
        mc.model.Subject("person", first.id),
        "size",
    )
    (finding,) = run(_item_changed(size="XXXL"), "DATA002")
    assert (finding.details["kind"], finding.details["id"]) == ("size", "XXXL")
    item = next(i for i in _EXAMPLE.equipment_items if i.services and i.size)
    services = (attrs.evolve(item.services[0], kind="polishing"), *item.services[1:])
    (finding,) = run(_item_changed(services=services), "DATA002")
    assert (finding.details["kind"], finding.details["id"]) == ("service", "polishing")


class TestVersionStatusContradictsDates:
    APPROVED = mc.model.VersionStatus.APPROVED
    SUPERSEDED = mc.model.VersionStatus.SUPERSEDED
    DRAFT = mc.model.VersionStatus.DRAFT
    WITHDRAWN = mc.model.VersionStatus.WITHDRAWN

    @staticmethod
    def sop(*versions: mc.model.DocumentVersion, **fields: Any) -> mc.model.Fleet:
        return fleet(
            documents=[
                mc.model.Document(
                    "SOP-BRD-01",
                    mc.model.DocumentKind.SOP,
                    "Boarding of non-compliant vessels",
                    "Maritime Operations Lead",
                    versions=versions,
                    **fields,
                )
            ]
        )

    @staticmethod
    def v(
        label: str,
        status: mc.model.VersionStatus,
        effective: pendulum.Date | None = None,
        **fields: Any,
    ) -> mc.model.DocumentVersion:
        return mc.model.DocumentVersion(label, status, effective, **fields)

    def test_an_old_version_still_recorded_approved(self) -> None:
        data = self.sop(
            self.v("1.0", self.APPROVED, D(2019, 1, 1), approved_on=D(2018, 12, 10)),
            self.v("2.0", self.APPROVED, D(2020, 9, 1), approved_on=D(2020, 8, 20)),
        )
        (finding,) = run(data, "DATA010")
        assert finding.message == (
            "SOP-BRD-01 (Boarding of non-compliant vessels) version 1.0 is recorded as "
            "approved, but on 2020-09-01, the earliest day the record can have been written "
            "(version 2.0 is recorded as approved, in force from 2020-09-01), its dates make "
            "it superseded: version 2.0 took effect on 2020-09-01"
        )
        assert finding.details == {
            "version": "1.0",
            "recorded": "approved",
            "status": "superseded",
            "written_from": "2020-09-01",
        }
        assert finding.severity is mc.rules.Severity.WARNING
        assert finding.subject == mc.model.Subject("document", "SOP-BRD-01")

    def test_it_does_not_depend_on_the_date_checked(self) -> None:
        data = self.sop(
            self.v("1.0", self.APPROVED, D(2019, 1, 1)),
            self.v("2.0", self.APPROVED, D(2020, 9, 1)),
        )
        for day in (D(2018, 1, 1), D(2020, 8, 31), D(2020, 9, 1), AS_OF):
            assert [f.details["version"] for f in run(data, "DATA010", as_of=day)] == ["1.0"]

    def test_superseded_but_no_later_version_ever_takes_effect(self) -> None:
        data = self.sop(
            self.v("1.0", self.SUPERSEDED, D(2019, 1, 1)),
            self.v("2.0", self.DRAFT, supersedes="1.0"),
        )
        assert messages(run(data, "DATA010")) == [
            "SOP-BRD-01 (Boarding of non-compliant vessels) version 1.0 is recorded as "
            "superseded, but its dates never make it superseded: no later version takes effect"
        ]

    def test_approved_with_no_effective_date(self) -> None:
        data = self.sop(self.v("1.0", self.APPROVED, approved_on=D(2021, 1, 5)))
        (finding,) = run(data, "DATA010")
        assert finding.message.endswith(
            "version 1.0 is recorded as approved, but its dates never put it in force: it "
            "has no effective date"
        )
        assert finding.details["status"] is None

    def test_a_draft_the_record_says_has_taken_effect(self) -> None:
        """A review held after the effective date: the record was written after it."""
        data = self.sop(
            self.v("1.0", self.DRAFT, D(2019, 1, 1)),
            reviews=(mc.model.DocumentReview(D(2020, 2, 1)),),
        )
        assert messages(run(data, "DATA010")) == [
            "SOP-BRD-01 (Boarding of non-compliant vessels) version 1.0 is recorded as a "
            "draft, but on 2020-02-01, the earliest day the record can have been written (the "
            "document was reviewed on 2020-02-01), its dates make it in force: it took effect "
            "on 2019-01-01"
        ]

    def test_the_boundary_is_the_effective_date(self) -> None:
        """The record can be written on the day before a draft takes effect, not on it."""

        def approved_on(day: pendulum.Date) -> mc.model.Fleet:
            return self.sop(
                self.v("1.0", self.APPROVED, D(2019, 1, 1), approved_on=D(2018, 12, 1)),
                self.v("2.0", self.DRAFT, D(2021, 6, 1), approved_on=day),
            )

        assert run(approved_on(D(2021, 5, 31)), "DATA010") == []
        found = run(approved_on(D(2021, 6, 1)), "DATA010")
        assert [
            (f.details["version"], f.details["recorded"], f.details["status"]) for f in found
        ] == [
            ("1.0", "approved", "superseded"),
            ("2.0", "draft", "approved"),
        ]
        assert {f.details["written_from"] for f in found} == {"2021-06-01"}

    def test_a_planned_version_recorded_as_a_draft_is_consistent(self) -> None:
        data = self.sop(
            self.v("1.0", self.SUPERSEDED, D(2017, 1, 1)),
            self.v("1.1", self.APPROVED, D(2020, 7, 1), approved_on=D(2020, 6, 22)),
            self.v("2.0", self.DRAFT, D(2021, 6, 1), approved_on=D(2021, 3, 20)),
        )
        assert run(data, "DATA010") == []

    def test_a_version_approved_ahead_of_its_effective_date_is_still_a_draft(self) -> None:
        """Recorded approved means in force: the version it will replace is blamed too."""
        data = self.sop(
            self.v("1.1", self.APPROVED, D(2020, 7, 1)),
            self.v("2.0", self.APPROVED, D(2021, 6, 1), approved_on=D(2021, 3, 20)),
        )
        (finding,) = run(data, "DATA010")
        assert (finding.details["version"], finding.details["status"]) == ("1.1", "superseded")

    def test_withdrawal(self) -> None:
        withdrawn = self.v("1.0", self.WITHDRAWN, D(2019, 1, 1), withdrawn=D(2020, 1, 1))
        assert run(self.sop(withdrawn), "DATA010") == []
        undated = self.v("1.0", self.WITHDRAWN, D(2019, 1, 1))
        assert run(self.sop(undated), "DATA010") == []
        still = attrs.evolve(withdrawn, status=self.APPROVED)
        reviewed = (mc.model.DocumentReview(D(2020, 1, 1)),)
        assert messages(run(self.sop(still, reviews=reviewed), "DATA010")) == [
            "SOP-BRD-01 (Boarding of non-compliant vessels) version 1.0 is recorded as "
            "approved, but on 2020-01-01, the earliest day the record can have been written "
            "(the document was reviewed on 2020-01-01), its dates make it withdrawn from "
            "2020-01-01"
        ]
        dropped = self.v("2.0", self.SUPERSEDED, D(2020, 6, 1), withdrawn=D(2020, 6, 1))
        assert messages(run(self.sop(dropped), "DATA010")) == [
            "SOP-BRD-01 (Boarding of non-compliant vessels) version 2.0 is recorded as "
            "superseded, but its dates never make it superseded: it is withdrawn on "
            "2020-06-01, before it takes effect"
        ]

    def test_located_at_the_version(self) -> None:
        text = (
            '[[document]]\nid = "SOP-BRD-01"\nkind = "sop"\ntitle = "Boarding"\n'
            'owner = "Ops"\n\n[[document.versions]]\nlabel = "1.0"\nstatus = "approved"\n'
            'effective = 2019-01-01\n\n[[document.versions]]\nlabel = "2.0"\n'
            'status = "approved"\neffective = 2020-01-01\n'
        )
        (finding,) = run(mc.loads(text, name="documents.toml"), "DATA010")
        assert finding.source == mc.model.SourceLocation("documents.toml", 7)

    def test_the_example_fleet_records_statuses_its_dates_give(self) -> None:
        assert run(_EXAMPLE, "DATA010") == []
