"""DATA009: overlapping or duplicate work periods of one person."""

from __future__ import annotations

import pendulum

import maritime_crew as mc

from .builders import AS_OF, D, crew, fleet, messages, person, run, vessel


def at(day: int, hour: int, minute: int = 0, *, tz: str = "UTC") -> pendulum.DateTime:
    return pendulum.datetime(2021, 2, day, hour, minute, tz=tz)


def work(who: str, start: pendulum.DateTime, end: pendulum.DateTime) -> mc.model.WorkPeriod:
    return mc.model.WorkPeriod(who, start, end)


def worked(
    *periods: mc.model.WorkPeriod, waivers: tuple[mc.model.Waiver, ...] = ()
) -> mc.model.Fleet:
    """BF1 in crew vigilant-a, BF2 in no crew, and the work periods."""
    return fleet(
        vessels=[vessel("vigilant")],
        crews=[crew("vigilant-a")],
        people=[person("BF1", crew="vigilant-a"), person("BF2")],
        work_periods=periods,
        waivers=waivers,
    )


def test_overlapping_periods_give_one_finding_with_both_periods() -> None:
    data = worked(work("BF1", at(1, 6), at(1, 12)), work("BF1", at(1, 10), at(1, 14)))
    (finding,) = run(data, "DATA009")
    assert finding.message == (
        "work periods of BF1 overlap: 2021-02-01T06:00:00+00:00 to 2021-02-01T12:00:00+00:00 "
        "and 2021-02-01T10:00:00+00:00 to 2021-02-01T14:00:00+00:00 both cover "
        "2021-02-01T10:00:00+00:00 to 2021-02-01T12:00:00+00:00"
    )
    assert finding.severity is mc.rules.Severity.WARNING
    assert finding.subject == mc.model.Subject("person", "BF1")
    assert (finding.vessel, finding.crew) == ("vigilant", "vigilant-a")
    assert finding.details == {
        "duplicate": False,
        "first_start": "2021-02-01T06:00:00+00:00",
        "first_end": "2021-02-01T12:00:00+00:00",
        "second_start": "2021-02-01T10:00:00+00:00",
        "second_end": "2021-02-01T14:00:00+00:00",
    }


def test_a_period_recorded_twice_is_a_duplicate() -> None:
    data = worked(work("BF2", at(1, 6), at(1, 12)), work("BF2", at(1, 6), at(1, 12)))
    (finding,) = run(data, "DATA009")
    assert finding.message == (
        "duplicate work period of BF2: 2021-02-01T06:00:00+00:00 to "
        "2021-02-01T12:00:00+00:00 is recorded again"
    )
    assert finding.details["duplicate"] is True
    assert (finding.vessel, finding.crew) == (None, None)


def test_the_same_moments_written_with_other_offsets_are_a_duplicate() -> None:
    london = work("BF1", at(1, 6, tz="Europe/London"), at(1, 12, tz="Europe/London"))
    paris = work("BF1", at(1, 7, tz="Europe/Paris"), at(1, 13, tz="Europe/Paris"))
    (finding,) = run(worked(london, paris), "DATA009")
    assert finding.details["duplicate"] is True
    assert finding.details["second_start"] == "2021-02-01T07:00:00+01:00"


def test_periods_that_only_touch_or_belong_to_others_do_not_overlap() -> None:
    data = worked(
        work("BF1", at(1, 6), at(1, 12)),
        work("BF1", at(1, 12), at(1, 18)),  # starts as the first ends
        work("BF2", at(1, 8), at(1, 10)),  # someone else
        work("BF1", at(2, 6), at(2, 12)),
    )
    assert run(data, "DATA009") == []


def test_every_overlapping_pair_is_one_finding_in_time_order() -> None:
    data = worked(
        work("BF1", at(1, 9), at(1, 10)),  # inside the long one, and overlaps the next
        work("BF1", at(1, 6), at(1, 18)),  # long: overlaps both others
        work("BF1", at(1, 9, 30), at(1, 11)),
    )
    pairs = [
        (f.details["first_start"][11:16], f.details["second_start"][11:16])
        for f in run(data, "DATA009")
    ]
    assert sorted(pairs) == [("06:00", "09:00"), ("06:00", "09:30"), ("09:00", "09:30")]


def test_the_rule_leaves_backwards_periods_to_data003() -> None:
    data = worked(work("BF1", at(1, 12), at(1, 6)), work("BF1", at(1, 7), at(1, 8)))
    assert run(data, "DATA009") == []
    assert len(run(data, "DATA003")) == 1


def test_findings_point_at_the_later_record_and_name_both_places() -> None:
    text = (
        '[[person]]\nid = "BF1"\nname = "Al"\ndiscipline = "deck"\n\n'
        '[[work_period]]\nperson = "BF1"\nstart = 2021-02-01T06:00:00Z\n'
        "end = 2021-02-01T12:00:00Z\n\n"
        '[[work_period]]\nperson = "BF1"\nstart = 2021-02-01T06:00:00Z\n'
        "end = 2021-02-01T12:00:00Z\n"
    )
    (finding,) = run(mc.loads(text, name="hours.toml"), "DATA009")
    assert finding.source == mc.model.SourceLocation("hours.toml", 11)
    assert finding.message == (
        "duplicate work period of BF1: 2021-02-01T06:00:00+00:00 to 2021-02-01T12:00:00+00:00 "
        "(hours.toml:6) is recorded again (hours.toml:11)"
    )


def test_findings_do_not_depend_on_the_date() -> None:
    data = worked(work("BF1", at(1, 6), at(1, 12)), work("BF1", at(1, 10), at(1, 14)))
    early, late = run(data, "DATA009", as_of=D(2000, 1, 1)), run(data, "DATA009", as_of=AS_OF)
    assert messages(early) == messages(late)
    assert early[0].details == late[0].details
    # the rule asks nothing that turns with the date: a timeline runs it once
    result = mc.timeline.timeline(
        data, "2021-01-01", "2021-03-31", config=mc.rules.Config(select=("DATA009",))
    )
    assert result.evaluations == 1
    assert result.change_points == (D(2021, 1, 1),)


def test_the_timeline_shows_one_interval_over_the_whole_range() -> None:
    data = worked(work("BF1", at(1, 6), at(1, 12)), work("BF1", at(1, 6), at(1, 12)))
    result = mc.timeline.timeline(
        data, "2021-01-01", "2021-03-31", config=mc.rules.Config(select=("DATA009",))
    )
    (history,) = result.findings
    assert [(i.start, i.end) for i in history.intervals] == [(D(2021, 1, 1), D(2021, 3, 31))]


def test_a_waiver_can_accept_a_known_duplicate() -> None:
    waiver = mc.model.Waiver(
        "W1",
        "DATA009",
        mc.model.Subject("person", "BF1"),
        "known double booking",
        "Master",
        D(2021, 1, 1),
        D(2021, 12, 31),
    )
    twice = (work("BF1", at(1, 6), at(1, 12)), work("BF1", at(1, 6), at(1, 12)))
    (finding,) = run(worked(*twice, waivers=(waiver,)), "DATA009")
    assert finding.waived_by == "W1"
