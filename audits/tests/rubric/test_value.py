"""Value principles V1-V5: does each channel give people a reason to follow it?"""

from audits.rubric import audit_plan
from audits.rubric.snapshot import ChannelFacts
from audits.tests.snapshots import (
    act,
    adding,
    baseline,
    findings,
    only,
    with_activity,
    with_channel,
    without_activities,
)


def test_v1_fires_with_a_proportional_share_of_40_points():
    """3 of the 5 content posts a micro-blog needs cost round(40 * 2/5) = 16 points."""
    plan = with_activity(baseline(), "tw", "point_to_external", per_week=1)
    finding = only(audit_plan(plan), "V1")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 16, "high")
    assert finding.criterion == "value"
    assert finding.affects == {"tw": 16}
    assert "Acme on X plans 3 content posts a week" in finding.message
    assert "a micro-blog needs 5" in finding.message
    assert "Plan 2 more content posts a week on Acme on X" in finding.recommendation


def test_v1_without_any_content_breaks_the_value_core():
    """No content posts at all: one core finding takes the whole value criterion (V1 the rest,
    V2 and V4 their own points, charged once), and the channel is fix or retire."""
    plan = without_activities(baseline(), "fb", "point_to_own_work", "point_to_external", "photo")
    result = audit_plan(plan)
    finding = only(result, "V1", "fb")
    assert finding.codes == ("V1", "V2") and finding.core and finding.severity == "high"
    assert [(c.code, c.points) for c in finding.charges] == [("V1", 75), ("V2", 25)]
    assert finding.fact == "no_content"
    assert "Acme page plans no content posts" in finding.message
    assert "a community page needs 2 content posts a week" in finding.message
    assert result.channel("fb").scores["value"] == 0
    assert result.channel("fb").verdict == "fix_or_retire"


def test_v1_does_not_fire_when_the_platform_target_is_met():
    """Exactly 5 posts on the micro-blog and 2 on the community page meet the targets."""
    assert findings(audit_plan(baseline()), "V1") == []


def test_v1_counts_photos_as_content_posts():
    """Photos are content: a community page with 2 photos a week and no pointers meets V1."""
    plan = without_activities(baseline(), "fb", "point_to_own_work", "point_to_external")
    plan = with_activity(plan, "fb", "photo", per_week=2)
    assert findings(audit_plan(plan), "V1") == []


def test_v2_fires_in_full_without_pointers_to_outside_work():
    """A channel that only points to its own work loses all 25 points of V2."""
    plan = without_activities(baseline(), "tw", "point_to_external")
    finding = only(audit_plan(plan), "V2")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 25, "high")
    assert "Acme on X only promotes the organization" in finding.message
    assert "2 own-work posts a week" in finding.message
    assert "Acme on X" in finding.recommendation and "others" in finding.recommendation


def test_v2_fires_in_full_without_posts_about_own_work():
    """A channel that never points to the organization's own work loses all 25 points."""
    plan = without_activities(baseline(), "fb", "point_to_own_work")
    finding = only(audit_plan(plan), "V2")
    assert (finding.channel, finding.points) == ("fb", 25)
    assert "Acme page plans about 2 pointers a month to outside work" in finding.message
    assert "Plan at least 1 post a week on Acme page" in finding.recommendation


def test_v2_costs_in_proportion_to_the_excess_share():
    """9 of 10 posts on own work is half-way from 80% to 100%: round(25 / 2) = 13 points."""
    plan = with_activity(baseline(), "tw", "point_to_own_work", per_week=9)
    plan = with_activity(plan, "tw", "point_to_external", per_week=1)
    finding = only(audit_plan(plan), "V2")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 13, "medium")
    assert (
        "9 of 10 content posts a week on Acme on X point to its own work (90%); at most 80% should"
        in finding.message
    )
    assert "Turn about 1 of them a week on Acme on X into pointers to outside work" in (
        finding.recommendation
    )


def test_v2_does_not_fire_at_exactly_the_maximum_share():
    """8 of 10 content posts on own work is 80%, which is allowed."""
    plan = with_activity(baseline(), "tw", "point_to_own_work", per_week=8)
    plan = with_activity(plan, "tw", "point_to_external", per_week=2)
    assert findings(audit_plan(plan), "V2") == []


def test_v3_fires_for_a_missing_objective_and_a_missing_audience():
    """No objective costs 12 points and no audience 8, as two findings on the channel."""
    plan = with_channel(baseline(), "fb", objective="", audience="  ")
    found = findings(audit_plan(plan), "V3", "fb")
    assert [f.points for f in found] == [12, 8]
    objective, audience = found
    assert objective.message == "Acme page has no stated objective."
    assert "Decide what Acme page is for" in objective.recommendation
    assert audience.message == "Acme page names no audience."
    assert "Name the people Acme page is for" in audience.recommendation


def test_v3_does_not_fire_when_objective_and_audience_are_stated():
    """The baseline channels both state an objective and an audience."""
    assert findings(audit_plan(baseline()), "V3") == []


def test_v4_fires_on_a_community_page_without_photos_or_events():
    """No photo or event on a community page costs all 10 points of V4."""
    plan = without_activities(baseline(), "fb", "photo", "event")
    finding = only(audit_plan(plan), "V4")
    assert (finding.channel, finding.points, finding.severity) == ("fb", 10, "medium")
    assert "Acme page plans no photos or events" in finding.message
    assert "at least 1 photo or event item a month" in finding.message
    assert "Plan photos or events on Acme page at least once a month" in finding.recommendation


def test_v4_costs_in_proportion_below_the_monthly_target():
    """0.1 photos a week is 0.43 a month, said as about every 2 months: round(10 * 0.57) = 6."""
    plan = without_activities(baseline(), "fb", "event")
    plan = with_activity(plan, "fb", "photo", per_week=0.1)
    finding = only(audit_plan(plan), "V4")
    assert (finding.channel, finding.points) == ("fb", 6)
    assert "plans photos or events only about every 2 months" in finding.message


def test_v4_does_not_fire_with_one_event_a_month_or_on_micro_blogs():
    """An event every four weeks is enough; a micro-blog without photos is not checked."""
    plan = without_activities(baseline(), "fb", "photo")
    assert findings(audit_plan(plan), "V4") == []
    assert "photo" not in {a.kind for a in baseline().activities if a.channel == "tw"}
    assert findings(audit_plan(baseline()), "V4") == []


def test_v5_fires_low_when_the_objective_does_not_suit_the_platform():
    """Community-building on a micro-blog is a 5-point, low-severity mismatch."""
    plan = with_channel(baseline(), "tw", objective="community")
    finding = only(audit_plan(plan), "V5")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 5, "low")
    assert finding.message == (
        "Acme on X aims at community, which is not where a micro-blog (X / Twitter) is strongest."
    )
    assert finding.recommendation == (
        "Give Acme on X an objective that suits it (thought leadership or feedback and support), "
        "or pursue community on a community page."
    )


def test_v5_fires_for_thought_leadership_on_a_community_page():
    """Thought leadership suits micro-blogs better than a community page."""
    plan = with_channel(baseline(), "fb", objective="thought_leadership")
    finding = only(audit_plan(plan), "V5")
    assert (finding.channel, finding.points, finding.severity) == ("fb", 5, "low")
    assert "Acme page aims at thought leadership" in finding.message


def test_v5_does_not_fire_for_fitting_or_missing_objectives():
    """Feedback fits a micro-blog, awareness a community page; no objective is V3's business."""
    plan = with_channel(baseline(), "tw", objective="feedback")
    plan = with_channel(plan, "fb", objective="awareness")
    assert findings(audit_plan(plan), "V5") == []
    plan = with_channel(baseline(), "tw", objective="")
    assert findings(audit_plan(plan), "V5") == []


def test_v5_judges_blogs_and_media_by_their_own_strengths():
    """A blog announcing news fits; a YouTube channel for support feedback does not."""
    plan = adding(
        baseline(),
        channels=[
            ChannelFacts("bl", "blog", "Acme blog", objective="announcements"),
            ChannelFacts("yt", "youtube", "Acme TV", objective="feedback"),
        ],
        activities=[act("bl", "point_to_own_work", 1, links_to="tw")],
    )
    found = findings(audit_plan(plan), "V5")
    assert [(f.channel, f.points) for f in found] == [("yt", 5)]
    assert "Acme TV aims at feedback and support" in found[0].message
