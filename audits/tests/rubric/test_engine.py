"""The audit as a whole: scores from findings, verdicts, the organization's score, output."""

import json
from collections import defaultdict
from dataclasses import replace

import pytest

from audits.rubric import CRITERIA, PRINCIPLES, audit_plan
from audits.rubric.principles import severity_for
from audits.rubric.snapshot import ChannelFacts, LinkFacts, PlanSnapshot
from audits.rubric.verdicts import channel_verdict
from audits.tests.snapshots import (
    act,
    adding,
    assign,
    baseline,
    findings,
    person,
    with_activity,
    with_assignment,
    with_channel,
    without_activities,
    without_assignments,
)


def messy() -> PlanSnapshot:
    """The baseline with a bit of everything wrong, over five active channels and one inactive."""
    plan = with_channel(baseline(), "fb", presence="static", objective="thought_leadership")
    plan = with_activity(plan, "tw", "point_to_external", links_to="fb")
    plan = without_activities(plan, "tw", "poll")
    plan = replace(plan, staff=(person("ana", "Ana Ruiz", 2), person("ben", "Ben Okafor", 3)))
    plan = with_assignment(replace(plan, links=()), "ben", "fb", duties=("post", "respond"))
    return adding(
        plan,
        channels=[
            ChannelFacts("labs", "twitter", "Labs", handle="@acmelabs", identity="acme"),
            ChannelFacts("yt", "youtube", "Acme TV", objective="feedback", audience="all"),
            ChannelFacts("bl", "blog", "Acme blog"),
            ChannelFacts("li", "linkedin", "Acme on LinkedIn", presence="static"),
            ChannelFacts("old", "facebook", "Old page", active=False),
        ],
        activities=[
            act("labs", "point_to_own_work", 9, 30, links_to="tw"),
            act("labs", "point_to_external", 1),
            act("yt", "point_to_own_work", 9, 30),
            act("yt", "point_to_external", 1),
            act("old", "point_to_own_work", 3, links_to="bl"),
        ],
        assignments=[assign("ana", "labs", 6), assign("ben", "yt", 1), assign("ana", "old", 9)],
        links=[LinkFacts("old", "li", "embed")],
    )


def test_the_baseline_is_healthy_with_full_marks_and_no_findings():
    """A well-planned, linked and staffed pair of channels scores 100 on everything."""
    result = audit_plan(baseline())
    assert result.findings == ()
    assert result.score == 100
    assert [c.key for c in result.channels] == ["tw", "fb"]
    for channel in result.channels:
        assert channel.scores == dict.fromkeys((*CRITERIA, "overall"), 100)
        assert channel.verdict == "healthy"


def test_the_messy_plan_breaks_every_principle():
    """The plan the invariants below are checked on charges every code."""
    result = audit_plan(messy())
    assert {c.code for f in result.findings for c in f.charges} == set(PRINCIPLES)


def test_each_score_is_100_minus_the_points_affecting_it():
    """Over a messy plan, every criterion score is 100 less the points of its findings."""
    result = audit_plan(messy())
    taken = defaultdict(int)
    for finding in result.findings:
        for charge in finding.charges:
            for key, points in charge.affects.items():
                taken[key, charge.criterion] += points
    assert result.findings
    for channel in result.channels:
        for criterion in CRITERIA:
            expected = max(0, 100 - taken[channel.key, criterion])
            assert channel.scores[criterion] == expected, (channel.key, criterion)


def test_no_principle_costs_a_channel_more_than_its_maximum():
    """The parts of a principle, and org-wide findings, stay within its maximum per channel;
    only a broken core takes more: what was left of the whole criterion."""
    result = audit_plan(messy())
    per_code = defaultdict(int)
    cores = set()
    for finding in result.findings:
        for charge in finding.charges:
            for key, points in charge.affects.items():
                per_code[key, charge.code] += points
                if charge.core:
                    cores.add((key, charge.code))
    assert cores == {
        ("bl", "I6"),
        ("bl", "R1"),
        ("bl", "V1"),
        ("labs", "I6"),
        ("li", "I5"),
        ("li", "I6"),
        ("li", "R1"),
        ("li", "V1"),
        ("yt", "I6"),
    }
    for (key, code), points in per_code.items():
        limit = 100 if (key, code) in cores else PRINCIPLES[code].max_points
        assert points <= limit, (key, code)


def test_every_finding_is_consistent():
    """Points are positive and add up the charges; each charge's criterion is its code's; the
    severity is what the finding costs the channel it hurts most (high for a broken core)."""
    result = audit_plan(messy())
    for finding in result.findings:
        assert finding.points > 0
        assert finding.points == sum(finding.affects.values())
        assert finding.points == sum(c.points for c in finding.charges)
        assert finding.code == finding.codes[0]
        assert len(set(finding.codes)) == len(finding.codes)
        assert finding.criterion == PRINCIPLES[finding.code].criterion
        assert all(c.criterion == PRINCIPLES[c.code].criterion for c in finding.charges)
        assert finding.message and finding.recommendation
        if finding.channel is not None:
            assert set(finding.affects) == {finding.channel}
        if finding.core:
            assert finding.severity == "high"
        elif finding.codes in {("V5",)} or (finding.codes == ("I2",) and finding.points == 3):
            assert finding.severity == "low"
        else:
            assert finding.severity == severity_for(max(finding.affects.values()))


def test_severity_levels():
    """High from 15 points, medium from 7, low below."""
    assert [severity_for(p) for p in (25, 15, 14, 7, 6, 1)] == [
        "high",
        "high",
        "medium",
        "medium",
        "low",
        "low",
    ]


def test_findings_are_sorted_by_points_then_code():
    """The costliest findings come first; equal points are ordered by code."""
    result = audit_plan(messy())
    keys = [(-f.points, f.code) for f in result.findings]
    assert keys == sorted(keys)
    assert result.top_findings() == result.findings[:3]
    assert result.top_findings(5) == result.findings[:5]


def scores(overall, **criteria):
    return {**dict.fromkeys(CRITERIA, 100), **criteria, "overall": overall}


def verdict(scores, thresholds, high=False):
    return channel_verdict(scores, thresholds, high_finding_standing=high)


@pytest.mark.parametrize(
    ("overall", "expected"),
    [(39, "fix_or_retire"), (40, "needs_work"), (69, "needs_work"), (70, "healthy")],
)
def test_verdict_boundaries_on_the_overall_score(overall, expected):
    """Below 40 fix or retire, 40-69 needs work, 70 and above healthy."""
    thresholds = audit_plan(baseline()).thresholds
    assert verdict(scores(overall, value=overall), thresholds) == expected


def test_a_criterion_below_the_floor_means_fix_or_retire_whatever_the_overall():
    """A criterion at 19 fails the channel even at 80 overall; at 20 it does not."""
    thresholds = audit_plan(baseline()).thresholds
    assert verdict(scores(80, resourcing=19), thresholds) == "fix_or_retire"
    assert verdict(scores(80, resourcing=20), thresholds) == "healthy"


def test_an_unstaffed_channel_is_fix_or_retire_despite_a_healthy_overall():
    """Acme page without people: resourcing 0 (nobody is there), overall 72."""
    result = audit_plan(without_assignments(baseline(), "fb"))
    fb = result.channel("fb")
    assert fb.scores == {
        "value": 100,
        "interactivity": 86,  # I2 respond duty 7, I3 moderate duty 7
        "integration": 100,
        "resourcing": 0,
        "overall": 72,
    }
    assert fb.verdict == "fix_or_retire"
    assert result.channel("tw").verdict == "healthy"


def test_the_verdict_thresholds_apply_at_their_boundaries_in_a_full_audit():
    """Acme on X without a response target scores 99 overall; the tuned boundaries decide."""
    plan = with_channel(baseline(), "tw", response_target_hours=None)
    assert audit_plan(plan).channel("tw").scores["overall"] == 99

    def tw_verdict(**overrides):
        return audit_plan(replace(plan, thresholds=overrides)).channel("tw").verdict

    assert tw_verdict(healthy_from=99) == "healthy"
    assert tw_verdict(healthy_from=100) == "needs_work"
    assert tw_verdict(healthy_from=100, fix_or_retire_below=99) == "needs_work"
    assert tw_verdict(healthy_from=100, fix_or_retire_below=100) == "fix_or_retire"
    assert tw_verdict(criterion_floor=97) == "healthy"
    assert tw_verdict(criterion_floor=98) == "fix_or_retire"


def test_the_overall_score_is_the_weighted_mean():
    """Equal weights by default (72 for 100/86/100/0); weights from the thresholds otherwise."""
    plan = without_assignments(baseline(), "fb")
    assert audit_plan(plan).channel("fb").scores["overall"] == 72
    tuned = replace(plan, thresholds={"weight_resourcing": 0})
    assert audit_plan(tuned).channel("fb").scores["overall"] == 95  # (100 + 86 + 100) / 3
    all_zero = {f"weight_{c}": 0 for c in CRITERIA}
    assert audit_plan(replace(plan, thresholds=all_zero)).channel("fb").scores["overall"] == 72


def test_the_organization_score_is_the_mean_of_its_active_channels():
    """Acme on X at 100 and Acme page at 72 give the organization 86."""
    result = audit_plan(without_assignments(baseline(), "fb"))
    assert [c.scores["overall"] for c in result.channels] == [100, 72]
    assert result.score == 86


def test_a_plan_without_active_channels_scores_0():
    """No channel to audit: score 0, no findings, no division by zero."""
    plan = PlanSnapshot(
        organization="acme", channels=(ChannelFacts("x", "blog", "x", active=False),)
    )
    result = audit_plan(plan)
    assert (result.score, result.channels, result.findings) == (0, (), ())


def test_inactive_channels_are_not_audited():
    """An inactive, empty, unlinked and unstaffed channel adds no result and no finding."""
    plan = adding(
        baseline(),
        channels=[ChannelFacts("old", "linkedin", "Old page", active=False)],
        activities=[act("old", "point_to_own_work", 1, links_to="tw")],
        assignments=[assign("ana", "old", 20)],
    )
    result = audit_plan(plan)
    assert [c.key for c in result.channels] == ["tw", "fb"]
    assert result.findings == ()
    assert result.score == 100


def test_organization_overrides_change_the_audit_and_are_recorded():
    """With posts_per_week_twitter at 3, 3 posts on Acme on X are enough, and the audit says so."""
    plan = with_activity(baseline(), "tw", "point_to_external", per_week=1)
    assert [f.points for f in findings(audit_plan(plan), "V1")] == [16]
    tuned = replace(plan, thresholds={"posts_per_week_twitter": 3})
    result = audit_plan(tuned)
    assert findings(result, "V1") == []
    assert result.thresholds["posts_per_week_twitter"] == 3
    assert result.thresholds["posts_per_week_facebook"] == 2
    assert audit_plan(plan).thresholds["posts_per_week_twitter"] == 5


def test_a_channel_with_nothing_planned_breaks_two_cores():
    """An empty channel gives nothing to follow and nobody to talk to: value and interactivity
    are 0, each explained by one core finding, and the channel is fix or retire."""
    result = audit_plan(without_activities(baseline(), "fb"))
    fb = result.channel("fb")
    assert (fb.scores["value"], fb.scores["interactivity"]) == (0, 0)
    assert fb.verdict == "fix_or_retire"
    cores = [f for f in result.findings if f.channel == "fb" and f.core]
    assert sorted(f.fact for f in cores) == ["billboard", "no_content"]


def test_to_dict_is_json_ready():
    """The whole result survives json.dumps with its ints, strings, lists and nulls."""
    result = audit_plan(messy())
    data = json.loads(json.dumps(result.to_dict()))
    assert data["score"] == result.score
    assert [c["key"] for c in data["channels"]] == ["tw", "fb", "labs", "yt", "bl", "li"]
    assert data["channels"][0]["scores"] == result.channels[0].scores
    assert len(data["findings"]) == len(result.findings)
    org_wide = [f for f in data["findings"] if f["channel"] is None]
    assert [f["code"] for f in org_wide] == ["R5", "I4", "R5"]
    first = data["findings"][0]
    assert set(first) == {
        "code",
        "codes",
        "charges",
        "side",
        "criterion",
        "channel",
        "points",
        "severity",
        "message",
        "recommendation",
        "affects",
    }
    assert data["thresholds"]["self_promotion_max_share"] == 0.8
    assert data["thresholds"]["posts_per_week_twitter"] == 5
