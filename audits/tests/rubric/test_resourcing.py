"""Resourcing principles R1-R5: is there a person, with the time, behind each channel?"""

from dataclasses import replace

from audits.rubric import audit_plan
from audits.tests.snapshots import (
    baseline,
    charged,
    findings,
    only,
    person,
    with_activity,
    with_assignment,
    without_activities,
    without_assignments,
)


def test_r1_nobody_assigned_breaks_the_resourcing_core():
    """No assignment on Acme page: resourcing 0, in one finding that also names the hours (R2),
    the duties (R3, and I2's and I3's) and the backup (R4) it leaves uncovered; the advice
    names people with spare hours and the time needed, said as people say it."""
    result = audit_plan(without_assignments(baseline(), "fb"))
    finding = only(result, "R1")
    assert (finding.channel, finding.severity, finding.fact) == ("fb", "high", "unstaffed")
    assert finding.criterion == "resourcing" and finding.core
    assert [(c.code, c.points) for c in finding.charges] == [
        ("R1", 40),
        ("I2", 7),
        ("I3", 7),
        ("R2", 25),
        ("R3", 20),
        ("R4", 15),
    ]
    assert finding.message.startswith("Nobody is assigned to Acme page")
    assert finding.recommendation == (
        "Assign Acme page to Ben Okafor (9 h spare a week) or Ana Ruiz (7 h spare a week), "
        "with the 1 h 17 min a week its activities need, or retire the channel."
    )
    assert result.channel("fb").scores["resourcing"] == 0
    assert [f.channel for f in result.findings] == ["fb"]


def test_r1_says_to_free_time_when_nobody_has_any():
    """Everyone booked to capacity: the advice does not hand the channel to any of them."""
    plan = without_assignments(baseline(), "fb")
    plan = replace(plan, staff=(person("ana", "Ana Ruiz", 3), person("ben", "Ben Okafor", 1)))
    finding = only(audit_plan(plan), "R1")
    assert "Ana Ruiz" not in finding.recommendation
    assert "free someone's time" in finding.recommendation


def test_r1_does_not_fire_when_someone_is_assigned():
    """One assignment, even of 0 hours, names someone responsible."""
    plan = without_assignments(baseline(), "fb", "ana")
    plan = with_assignment(plan, "ben", "fb", hours_per_week=0)
    assert findings(audit_plan(plan), "R1") == []


def test_r2_costs_the_uncovered_share_of_the_hours():
    """3 h assigned of 5 h needed leaves 40% uncovered: 10 points."""
    plan = with_activity(baseline(), "tw", "point_to_own_work", minutes_each=122)
    plan = with_assignment(plan, "ana", "tw", hours_per_week=2)
    finding = only(audit_plan(plan), "R2")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 10, "medium")
    assert (
        finding.message
        == "The activities planned on Acme on X need 5 h a week, but only 3 h is assigned."
    )
    assert finding.recommendation.startswith(
        "Assign 2 h more a week on Acme on X to Ana Ruiz (7 h spare a week) or Ben Okafor"
    )


def test_r2_does_not_fire_when_the_hours_match():
    """5 h assigned for 5 h needed is enough; so is a channel with nothing planned."""
    plan = with_activity(baseline(), "tw", "point_to_own_work", minutes_each=122)
    plan = with_assignment(plan, "ana", "tw", hours_per_week=4)
    assert findings(audit_plan(plan), "R2") == []
    assert findings(audit_plan(without_activities(baseline(), "tw")), "R2") == []


def test_r3_fires_for_replies_without_the_respond_duty():
    """3 replies a week but no respond duty on Acme on X: 10 points, with I2's 7 in one finding."""
    plan = with_assignment(baseline(), "ana", "tw", duties=("post",))
    plan = with_assignment(plan, "ben", "tw", duties=())
    result = audit_plan(plan)
    finding = only(result, "R3")
    assert (finding.channel, finding.codes, finding.severity) == ("tw", ("R3", "I2"), "high")
    assert charged(result, "R3", "tw") == 10
    assert (
        finding.message == "Acme on X plans 3 replies a week but nobody assigned to it holds the "
        "respond duty."
    )
    assert finding.recommendation == (
        "Give the respond duty on Acme on X to Ana Ruiz (6 h spare a week) or Ben Okafor "
        "(6 h spare a week)."
    )


def test_duties_are_never_handed_to_someone_overbooked():
    """Ana is booked past capacity: the respond duty goes to Ben, who has hours to spare."""
    plan = with_assignment(baseline(), "ana", "tw", duties=("post",))
    plan = with_assignment(plan, "ben", "tw", duties=())
    plan = replace(plan, staff=(person("ana", "Ana Ruiz", 2), person("ben", "Ben Okafor", 10)))
    finding = only(audit_plan(plan), "R3")
    assert finding.recommendation == (
        "Give the respond duty on Acme on X to Ben Okafor (6 h spare a week)."
    )


def test_r3_fires_for_discussions_without_the_moderate_duty():
    """1 discussion a week but no moderator on Acme page: 10 points."""
    plan = with_assignment(baseline(), "ben", "fb", duties=("post", "respond"))
    result = audit_plan(plan)
    finding = only(result, "R3")
    assert (finding.channel, finding.codes) == ("fb", ("R3", "I3"))
    assert charged(result, "R3", "fb") == 10
    assert finding.message == (
        "Acme page plans 1 discussion a week but nobody assigned to it holds the moderate duty."
    )


def test_r3_does_not_fire_when_the_interaction_is_not_planned():
    """No replies planned: a missing respond duty is not a resourcing gap (I2 notes it)."""
    plan = without_activities(baseline(), "tw", "reply")
    plan = with_assignment(plan, "ana", "tw", duties=("post",))
    plan = with_assignment(plan, "ben", "tw", duties=())
    assert findings(audit_plan(plan), "R3") == []
    assert findings(audit_plan(baseline()), "R3") == []


def test_r4_fires_when_one_person_runs_a_channel_without_backup():
    """Only Ana on Acme on X and no backup: a single point of failure, 15 points."""
    plan = without_assignments(baseline(), "tw", "ben")
    finding = only(audit_plan(plan), "R4")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 15, "high")
    assert finding.message.startswith("Only Ana Ruiz works on Acme on X and no backup is named")
    assert "Name a backup for Acme on X" in finding.recommendation


def test_r4_on_a_channel_nobody_runs_is_part_of_the_r1_finding():
    """A channel with nobody has no backup either: charged under R4 in R1's finding, not
    reported a second time."""
    result = audit_plan(without_assignments(baseline(), "fb"))
    finding = only(result, "R4")
    assert finding.code == "R1" and charged(result, "R4", "fb") == 15
    assert "Nobody works on" not in " ".join(f.message for f in result.findings)


def test_r4_follows_the_minimum_people_threshold():
    """With 3 people required, two without a named backup are not enough."""
    plan = with_assignment(baseline(), "ben", "tw", backup=False)
    assert findings(audit_plan(plan), "R4") == []
    strict = replace(plan, thresholds={"min_people_per_channel": 3})
    finding = only(audit_plan(strict), "R4", "tw")
    assert "Only Ana Ruiz and Ben Okafor work on Acme on X" in finding.message
    assert "3 people or a named backup" in finding.message


def test_r4_does_not_fire_with_a_named_backup():
    """Ana plus Ben marked as backup covers Acme on X."""
    assert findings(audit_plan(baseline()), "R4") == []


def test_r5_fires_once_for_an_overbooked_person():
    """Ana books 4 h against 3 h: a quarter of it cannot happen, 3 points on each channel."""
    plan = baseline()
    plan = replace(plan, staff=(person("ana", "Ana Ruiz", 3), plan.staff[1]))
    finding = only(audit_plan(plan), "R5")
    assert finding.channel is None
    assert finding.affects == {"tw": 3, "fb": 3}
    assert (finding.points, finding.severity) == (6, "low")
    assert finding.message == (
        "Ana Ruiz is booked for 4 h a week across Acme on X and Acme page but can give 3 h."
    )
    assert "Move 1 h a week of Ana Ruiz's work" in finding.recommendation


def test_r5_never_costs_a_channel_more_than_10_points():
    """Two badly overbooked people on the same channels share R5's 10 points per channel."""
    plan = baseline()
    plan = replace(plan, staff=(person("ana", "Ana Ruiz", 1), person("ben", "Ben Okafor", 1)))
    found = findings(audit_plan(plan), "R5")
    assert [f.affects for f in found] == [{"tw": 8, "fb": 8}, {"tw": 2, "fb": 2}]


def test_r5_does_not_fire_at_exactly_the_capacity():
    """Booked 4 h against a capacity of 4 h is fine."""
    plan = baseline()
    plan = replace(plan, staff=(person("ana", "Ana Ruiz", 4), plan.staff[1]))
    assert findings(audit_plan(plan), "R5") == []
