"""Interactivity principles I1-I6: is there someone behind each channel, not a billboard?"""

from audits.rubric import audit_plan
from audits.rubric.snapshot import ChannelFacts
from audits.tests.snapshots import (
    act,
    adding,
    assign,
    baseline,
    charged,
    findings,
    only,
    with_activity,
    with_assignment,
    with_channel,
    without_activities,
)


def test_i1_fires_on_a_micro_blog_without_reshares():
    """A micro-blog that plans no re-shares loses 12 points of I1."""
    plan = without_activities(baseline(), "tw", "retweet")
    finding = only(audit_plan(plan), "I1")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 12, "medium")
    assert finding.criterion == "interactivity"
    assert finding.message == "Acme on X plans no reposts of other people's posts."
    assert "Plan a few reposts a week on Acme on X" in finding.recommendation


def test_i1_fires_on_a_micro_blog_that_follows_nobody():
    """Following nobody (None or 0 accounts) costs 8 points: there is nobody to amplify."""
    for follows in (None, 0):
        plan = with_channel(baseline(), "tw", follows=follows)
        finding = only(audit_plan(plan), "I1")
        assert (finding.channel, finding.points) == ("tw", 8)
        assert "Acme on X follows no accounts" in finding.message
        assert "Have Acme on X follow or curate" in finding.recommendation


def test_i1_fires_on_a_community_page_without_reshares_or_outside_pointers():
    """Elsewhere, neither re-shares nor pointers to outside work costs all 20 points; it is the
    same fact as V2's missing outside pointers, so one finding carries both codes."""
    plan = without_activities(baseline(), "fb", "point_to_external")
    result = audit_plan(plan)
    finding = only(result, "I1")
    assert (finding.channel, finding.codes, finding.severity) == ("fb", ("V2", "I1"), "high")
    assert charged(result, "I1", "fb") == 20 and charged(result, "V2", "fb") == 25
    assert "Acme page only promotes the organization" in finding.message
    assert "on Acme page" in finding.recommendation


def test_i1_does_not_fire_with_reshares_instead_of_outside_pointers_on_a_community_page():
    """On a community page a re-share is as good as a pointer to outside work."""
    plan = without_activities(baseline(), "fb", "point_to_external")
    plan = adding(plan, activities=[act("fb", "retweet", 1, 2)])
    assert findings(audit_plan(plan), "I1") == []
    assert findings(audit_plan(baseline()), "I1") == []


def test_i2_fires_without_a_reply_activity():
    """No reply activity costs 10 points."""
    plan = without_activities(baseline(), "tw", "reply")
    finding = only(audit_plan(plan), "I2")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 10, "medium")
    assert "Acme on X plans no replies" in finding.message
    assert "Plan a reply activity on Acme on X" in finding.recommendation


def test_i2_fires_when_nobody_holds_the_respond_duty():
    """Nobody holding the respond duty costs 7 points under I2 and, with replies planned, 10
    under R3: one finding naming both; the advice names who could, with their spare hours."""
    plan = with_assignment(baseline(), "ana", "tw", duties=("post", "curate"))
    plan = with_assignment(plan, "ben", "tw", duties=())
    result = audit_plan(plan)
    finding = only(result, "I2")
    assert (finding.channel, finding.codes, finding.points) == ("tw", ("R3", "I2"), 17)
    assert charged(result, "I2", "tw") == 7 and charged(result, "R3", "tw") == 10
    assert finding.message == (
        "Acme on X plans 3 replies a week but nobody assigned to it holds the respond duty."
    )
    assert finding.recommendation == (
        "Give the respond duty on Acme on X to Ana Ruiz (6 h spare a week) or Ben Okafor "
        "(6 h spare a week)."
    )


def test_i2_respond_duty_alone_when_no_replies_are_planned():
    """Without replies planned, the unheld respond duty is I2's alone (7 points)."""
    plan = without_activities(baseline(), "tw", "reply")
    plan = with_assignment(plan, "ana", "tw", duties=("post", "curate"))
    plan = with_assignment(plan, "ben", "tw", duties=())
    finding = next(f for f in audit_plan(plan).findings if f.fact == "respond_duty")
    assert (finding.codes, finding.points) == (("I2",), 7)
    assert finding.message.startswith("Nobody assigned to Acme on X holds the respond duty")


def test_i2_fires_low_without_a_response_target():
    """A missing response-time target is a 3-point, low-severity finding."""
    plan = with_channel(baseline(), "fb", response_target_hours=None)
    finding = only(audit_plan(plan), "I2")
    assert (finding.channel, finding.points, finding.severity) == ("fb", 3, "low")
    assert "Acme page sets no target" in finding.message
    assert "Set a response target for Acme page" in finding.recommendation


def test_i2_does_not_fire_with_replies_a_responder_and_a_target():
    """The baseline plans replies, has responders and targets on both channels."""
    assert findings(audit_plan(baseline()), "I2") == []


def test_i3_fires_on_a_community_page_without_discussions():
    """No discussions on a community page cost 8 points."""
    plan = without_activities(baseline(), "fb", "discussion")
    finding = only(audit_plan(plan), "I3")
    assert (finding.channel, finding.points, finding.severity) == ("fb", 8, "medium")
    assert finding.message == "Acme page plans no discussions."
    assert "Plan at least 1 discussion a week on Acme page" in finding.recommendation


def test_i3_fires_on_a_community_page_without_a_moderator():
    """Nobody holding the moderate duty on a community page costs 7 points (and R3's 10 for
    its planned discussions, in the same finding)."""
    plan = with_assignment(baseline(), "ben", "fb", duties=("post", "respond"))
    result = audit_plan(plan)
    finding = only(result, "I3")
    assert (finding.channel, finding.codes) == ("fb", ("R3", "I3"))
    assert charged(result, "I3", "fb") == 7
    assert "nobody assigned to it holds the moderate duty" in finding.message
    assert "Ben Okafor (6 h spare a week) or Ana Ruiz" in finding.recommendation


def test_i3_does_not_fire_on_micro_blogs():
    """A micro-blog without discussions or a moderator is not checked for I3."""
    plan = with_assignment(baseline(), "ana", "tw", duties=("post",))
    assert findings(audit_plan(plan), "I3") == []


def test_i4_fires_once_for_a_family_without_polls_or_events():
    """No poll or event on any micro-blog: one org-wide finding costing each of them 10."""
    plan = without_activities(baseline(), "tw", "poll")
    plan = adding(
        plan,
        channels=[ChannelFacts("ma", "mastodon", "Acme on Mastodon", handle="Acme on Mastodon")],
        activities=[act("ma", "reply", 2)],
    )
    finding = only(audit_plan(plan), "I4")
    assert finding.channel is None
    assert finding.affects == {"tw": 10, "ma": 10}
    # Its severity is what it costs the channel it hurts most, not the sum over channels.
    assert (finding.points, finding.severity) == (20, "medium")
    assert finding.message == (
        "None of the micro-blogs (Acme on X and Acme on Mastodon) plans a poll or an event."
    )
    assert finding.recommendation == (
        "Plan a poll or an event now and then on a micro-blog, for instance a monthly poll on "
        "Acme on X."
    )


def test_i4_leaves_billboards_to_their_own_finding():
    """A micro-blog that plans nothing interactive is not named again under I4."""
    plan = without_activities(baseline(), "tw", "poll")
    plan = adding(
        plan, channels=[ChannelFacts("ma", "mastodon", "Acme on Mastodon", handle="@m@social")]
    )
    assert only(audit_plan(plan), "I4").affects == {"tw": 10}


def test_i4_fires_for_a_single_community_page():
    """A family with one channel and no poll or event gives a 10-point finding."""
    plan = without_activities(baseline(), "fb", "event")
    finding = only(audit_plan(plan), "I4")
    assert (finding.channel, finding.points, finding.affects) == (None, 10, {"fb": 10})
    assert finding.message == "None of the community pages (Acme page) plans a poll or an event."


def test_i4_does_not_fire_when_one_channel_of_the_family_has_a_poll():
    """One poll on Acme on X covers every micro-blog; blogs are not checked for I4."""
    plan = adding(
        baseline(),
        channels=[
            ChannelFacts("ma", "mastodon", "Acme on Mastodon"),
            ChannelFacts("bl", "blog", "Acme blog"),
        ],
    )
    assert findings(audit_plan(plan), "I4") == []


def test_i5_fires_on_a_static_community_page():
    """A community page marked static costs 15 points."""
    plan = with_channel(baseline(), "fb", presence="static")
    finding = only(audit_plan(plan), "I5")
    assert (finding.channel, finding.points, finding.severity) == ("fb", 15, "high")
    assert "Acme page is run as a static page" in finding.message
    assert "Turn Acme page into a presence" in finding.recommendation


def test_i5_does_not_fire_on_a_presence_or_off_community_pages():
    """An empty presence means the default; a micro-blog's presence is not checked."""
    plan = with_channel(baseline(), "fb", presence="")
    plan = with_channel(plan, "tw", presence="static")
    assert findings(audit_plan(plan), "I5") == []


def test_i6_costs_the_shortfall_below_the_interactive_share():
    """20% interactive against 40% is half-way: 10 points, and advice on how many to add."""
    plan = without_activities(baseline(), "tw", "poll")
    plan = with_activity(plan, "tw", "retweet", per_week=1)
    plan = with_activity(plan, "tw", "reply", per_week=0.25)
    finding = only(audit_plan(plan), "I6")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 10, "medium")
    assert finding.message == (
        "Only 20% of what Acme on X plans is interactive (1.25 of 6.25 activities a week); at "
        "least 40% should be."
    )
    assert "Plan about 3 more interactive activities a week on Acme on X" in (
        finding.recommendation
    )


def test_nothing_planned_breaks_the_interactivity_core():
    """A channel with no activity is a billboard: one finding takes all of interactivity,
    naming I1's missing re-shares and I2's missing replies with their own points."""
    plan = without_activities(baseline(), "tw")
    result = audit_plan(plan)
    finding = only(result, "I6")
    assert (finding.channel, finding.fact, finding.core) == ("tw", "billboard", True)
    assert [(c.code, c.points) for c in finding.charges] == [("I6", 78), ("I1", 12), ("I2", 10)]
    assert "Acme on X plans no activity at all" in finding.message
    assert result.channel("tw").scores["interactivity"] == 0
    assert result.channel("tw").verdict == "fix_or_retire"


def test_pure_broadcast_breaks_the_interactivity_core():
    """Content posts only: nothing interactive, so interactivity is 0 whatever else holds."""
    plan = adding(
        baseline(),
        channels=[ChannelFacts("bl", "blog", "Acme blog", handle="blog.acme.org")],
        activities=[act("bl", "point_to_own_work", 2, links_to="tw")],
        assignments=[assign("ana", "bl", 1)],
    )
    result = audit_plan(plan)
    finding = only(result, "I6")
    assert (finding.channel, finding.codes) == ("bl", ("I6", "I1", "I2"))
    assert "Acme blog plans nothing interactive" in finding.message
    assert result.channel("bl").scores["interactivity"] == 0


def test_a_static_page_without_dialogue_breaks_the_core_even_with_a_poll():
    """Static, a poll a month, no replies or discussions: I5 takes the whole criterion."""
    plan = with_channel(baseline(), "fb", presence="static")
    plan = without_activities(plan, "fb", "reply", "discussion")
    result = audit_plan(plan)
    finding = only(result, "I5")
    assert (finding.code, finding.core, finding.codes) == ("I5", True, ("I5", "I2", "I3"))
    assert "plans no replies and no discussions" in finding.message
    assert result.channel("fb").scores["interactivity"] == 0


def test_a_static_page_with_dialogue_costs_i5_only():
    """Static but answering people: the 15 points of I5, not the core."""
    plan = with_channel(baseline(), "fb", presence="static")
    result = audit_plan(plan)
    assert not only(result, "I5").core
    assert result.channel("fb").scores["interactivity"] == 85


def test_i6_does_not_fire_at_exactly_the_minimum_share():
    """2 interactive occurrences out of 5 is exactly 40%, which is enough."""
    plan = without_activities(baseline(), "tw", "poll")
    plan = with_activity(plan, "tw", "point_to_external", per_week=1)
    plan = with_activity(plan, "tw", "retweet", per_week=1)
    plan = with_activity(plan, "tw", "reply", per_week=1)
    assert findings(audit_plan(plan), "I6") == []
