"""The principles checked on what a channel actually published, beside its plan."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from audits.rubric import audit_plan
from audits.rubric.snapshot import ActualFacts
from audits.tests.snapshots import baseline, charged, findings, only


def with_actual(snapshot, key, **facts):
    base = {
        "weeks": Decimal(12),
        "period_end": date(2024, 3, 29),
        "items": 120,
        "content": 60,
        "replies": 36,
        "reshares": 24,
        "own_work": 24,
        "external": 36,
        "to_channels": {"fb": 24} if key == "tw" else {},
        "reply_delay_median_hours": Decimal(3),
        "reply_delay_p90_hours": Decimal(20),
    }
    return replace(snapshot, actual={**snapshot.actual, key: ActualFacts(**{**base, **facts})})


def test_evidence_that_keeps_the_plan_changes_nothing():
    """Acme on X posted 5 content posts a week, answered and re-shared: no finding."""
    assert audit_plan(with_actual(baseline(), "tw")).findings == ()


def test_a_missed_cadence_is_judged_on_what_was_posted_and_quotes_the_plan():
    """Planned 5 a week, posted 17 in 12 weeks (1.42 a week): V1 from the actual side only."""
    result = audit_plan(with_actual(baseline(), "tw", content=17, items=77))
    finding = only(result, "V1")
    assert (finding.side, finding.points) == ("actual", 29)
    assert finding.message == (
        "Acme on X posted 1.42 content posts a week in the 12 weeks to 29 Mar 2024 (planned 5 "
        "content posts a week); a micro-blog needs 5 content posts a week."
    )


def test_a_billboard_in_practice_breaks_the_interactivity_core():
    """The plan has replies and re-shares; the export shows none: interactivity 0."""
    result = audit_plan(with_actual(baseline(), "tw", replies=0, reshares=0, items=60))
    tw = result.channel("tw")
    assert tw.scores["interactivity"] == 0 and tw.verdict == "fix_or_retire"
    core = next(f for f in result.findings if f.core)
    assert (core.side, core.fact) == ("actual", "billboard")
    assert set(core.codes) == {"I6", "I1", "I2"}
    assert charged(result, "I1", "tw") == 12 and charged(result, "I2", "tw") == 10


def test_slow_replies_are_measured_against_the_response_target():
    result = audit_plan(
        with_actual(
            baseline(),
            "fb",
            reply_delay_median_hours=Decimal("30.5"),
            reply_delay_p90_hours=Decimal(70),
        )
    )
    finding = only(result, "I2", "fb")
    assert (finding.side, finding.points, finding.severity) == ("actual", 3, "low")
    assert finding.message == (
        "Acme page answered after 30 h 30 min (median; 90% within 70 h) in the 12 weeks to "
        "29 Mar 2024; the target is 24 h."
    )


def test_what_the_files_cannot_tell_is_left_to_the_plan():
    """A scheduler's CSV knows neither replies nor re-shares: the plan's I2 and I6 stand."""
    plan = with_actual(baseline(), "tw", replies=None, reshares=None, content=None)
    from audits.tests.snapshots import without_activities

    result = audit_plan(without_activities(plan, "tw", "reply"))
    finding = only(result, "I2", "tw")
    assert finding.side == "plan" and "plans no replies" in finding.message
    assert findings(result, "V1") == []


def test_pointing_only_to_its_own_work_in_practice_costs_v2():
    result = audit_plan(with_actual(baseline(), "tw", own_work=30, external=0))
    finding = only(result, "V2")
    assert (finding.side, finding.points) == ("actual", 25)
    assert "30 of its posts linked to its own site" in finding.message


def test_posts_planned_to_point_at_the_page_that_never_did_cost_g1():
    """Acme on X plans 2 posts a week linking to Acme page (its only way there); none did."""
    result = audit_plan(with_actual(baseline(), "tw", to_channels={}))
    finding = only(result, "G1", "tw")
    assert (finding.side, finding.points) == ("actual", 25)
    assert finding.message == (
        "Acme on X planned 2 posts a week pointing to Acme page, but none of its posts linked "
        "there in the 12 weeks to 29 Mar 2024."
    )
    assert findings(audit_plan(with_actual(baseline(), "tw", to_channels={"fb": 5})), "G1") == []


def test_nearly_all_posts_to_one_channel_cost_g2_on_what_was_posted():
    """54 of 60 own posts linked to Acme page: 90%, over 70%."""
    result = audit_plan(with_actual(baseline(), "tw", to_channels={"fb": 54}))
    finding = only(result, "G2")
    assert (finding.side, finding.points) == ("actual", 13)
