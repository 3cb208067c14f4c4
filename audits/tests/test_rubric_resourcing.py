"""Resourcing principles R1-R5: is there a person, with the time, behind each channel?"""

from dataclasses import replace

from audits.rubric import audit_plan
from audits.tests.snapshots import (
    baseline,
    findings,
    only,
    person,
    with_activity,
    with_assignment,
    without_activities,
    without_assignments,
)


def test_r1_fires_on_a_channel_nobody_is_assigned_to():
    """No assignment on Acme page costs 30 points; the advice gives the hours needed."""
    finding = only(audit_plan(without_assignments(baseline(), "fb")), "R1")
    assert (finding.channel, finding.points, finding.severity) == ("fb", 30, "high")
    assert finding.criterion == "resourcing"
    assert finding.message == "Nobody is assigned to Acme page."
    assert "Assign a staff member to Acme page with the 1.29 h a week" in (finding.recommendation)


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
        == "The activities planned on @acme need 5 h a week, but only 3 h is assigned."
    )
    assert "Assign 2 h more a week to @acme" in finding.recommendation


def test_r2_does_not_fire_when_the_hours_match():
    """5 h assigned for 5 h needed is enough; so is a channel with nothing planned."""
    plan = with_activity(baseline(), "tw", "point_to_own_work", minutes_each=122)
    plan = with_assignment(plan, "ana", "tw", hours_per_week=4)
    assert findings(audit_plan(plan), "R2") == []
    assert findings(audit_plan(without_activities(baseline(), "tw")), "R2") == []


def test_r3_fires_for_replies_without_the_respond_duty():
    """3 replies a week but no respond duty on @acme: 10 points."""
    plan = with_assignment(baseline(), "ana", "tw", duties=("post",))
    plan = with_assignment(plan, "ben", "tw", duties=())
    finding = only(audit_plan(plan), "R3")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 10, "medium")
    assert (
        finding.message == "@acme plans 3 replies a week but nobody assigned to it holds the "
        "respond duty."
    )
    assert finding.recommendation == "Give the respond duty on @acme to Ana Ruiz or Ben Okafor."


def test_r3_fires_for_discussions_without_the_moderate_duty():
    """1 discussion a week but no moderator on Acme page: 10 points."""
    plan = with_assignment(baseline(), "ben", "fb", duties=("post", "respond"))
    finding = only(audit_plan(plan), "R3")
    assert (finding.channel, finding.points) == ("fb", 10)
    assert "Acme page plans 1 discussion a week" in finding.message
    assert "moderate duty" in finding.message


def test_r3_does_not_fire_when_the_interaction_is_not_planned():
    """No replies planned: a missing respond duty is not a resourcing gap (I2 notes it)."""
    plan = without_activities(baseline(), "tw", "reply")
    plan = with_assignment(plan, "ana", "tw", duties=("post",))
    plan = with_assignment(plan, "ben", "tw", duties=())
    assert findings(audit_plan(plan), "R3") == []
    assert findings(audit_plan(baseline()), "R3") == []


def test_r4_fires_when_one_person_runs_a_channel_without_backup():
    """Only Ana on @acme and no backup: a single point of failure, 15 points."""
    plan = without_assignments(baseline(), "tw", "ben")
    finding = only(audit_plan(plan), "R4")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 15, "high")
    assert finding.message.startswith("Only Ana Ruiz works on @acme and no backup is named")
    assert "Name a backup for @acme" in finding.recommendation


def test_r4_fires_on_a_channel_nobody_runs():
    """A channel with nobody has no backup either: R4 fires beside R1."""
    finding = only(audit_plan(without_assignments(baseline(), "fb")), "R4")
    assert (finding.channel, finding.points) == ("fb", 15)
    assert finding.message.startswith("Nobody works on Acme page")


def test_r4_follows_the_minimum_people_threshold():
    """With 3 people required, two without a named backup are not enough."""
    plan = with_assignment(baseline(), "ben", "tw", backup=False)
    assert findings(audit_plan(plan), "R4") == []
    strict = replace(plan, thresholds={"min_people_per_channel": 3})
    finding = only(audit_plan(strict), "R4", "tw")
    assert "Only Ana Ruiz and Ben Okafor work on @acme" in finding.message
    assert "3 people or a named backup" in finding.message


def test_r4_does_not_fire_with_a_named_backup():
    """Ana plus Ben marked as backup covers @acme."""
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
        "Ana Ruiz is booked for 4 h a week across @acme and Acme page but can give 3 h."
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
