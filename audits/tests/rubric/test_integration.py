"""Integration principles G1-G5: do the channels work as one strategy?"""

from dataclasses import replace

from audits.rubric import audit_plan
from audits.rubric.snapshot import ChannelFacts, LinkFacts
from audits.tests.snapshots import (
    act,
    adding,
    baseline,
    charged,
    findings,
    only,
    with_activity,
)

LABS = ChannelFacts(
    "labs",
    "twitter",
    "Acme Labs on X",
    handle="@acmelabs",
    identity="Acme Labs",
    objective="thought_leadership",
    audience="researchers",
    follows=50,
)


def without_links(plan):
    return replace(plan, links=())


def test_g1_fires_on_the_community_page_that_never_points_back():
    """Without the profile link, nothing leads from Acme page to Acme on X: 25 points on fb."""
    finding = only(audit_plan(without_links(baseline())), "G1")
    assert (finding.channel, finding.points, finding.severity) == ("fb", 25, "high")
    assert finding.criterion == "integration"
    assert finding.message.startswith("Acme page never points to Acme on X")
    assert "Plan posts on Acme page that announce new material on Acme on X" in (
        finding.recommendation
    )


def test_g1_fires_on_the_micro_blog_that_never_points_to_the_page():
    """Without posts linking to the page, Acme on X gets the G1 finding."""
    plan = with_activity(baseline(), "tw", "point_to_own_work", links_to=None)
    finding = only(audit_plan(plan), "G1")
    assert (finding.channel, finding.points) == ("tw", 25)
    assert finding.message.startswith("Acme on X never points to Acme page")


def test_g1_counts_a_planned_post_as_a_link():
    """A post on the page that links to Acme on X covers that direction without a plan link."""
    plan = with_activity(without_links(baseline()), "fb", "point_to_own_work", links_to="tw")
    assert findings(audit_plan(plan), "G1") == []


def test_g1_checks_the_busiest_community_page():
    """The main community page is the one with the most planned occurrences."""
    busy = ChannelFacts("li", "linkedin", "Acme on LinkedIn", handle="acme-li")
    plan = adding(baseline(), channels=[busy], activities=[act("li", "reply", 10, 2)])
    result = audit_plan(plan)
    found = findings(result, "G1")
    assert {f.channel for f in found} == {"tw", "li"}
    assert charged(result, "G1", "tw") == charged(result, "G1", "li") == 25
    # Acme on LinkedIn is linked to nothing: its missing pointer is part of its island finding.
    assert only(result, "G1", "li").codes == ("G4", "G1")
    assert (
        "Acme on X never points to Acme on LinkedIn" in only(audit_plan(plan), "G1", "tw").message
    )


def test_g1_takes_the_first_community_page_on_a_tie():
    """A second page as busy as Acme page is not the main one, so it needs no link to Acme on X."""
    same = ChannelFacts("li", "linkedin", "Acme on LinkedIn")
    busy = [act("li", "reply", 5.25, 2)]
    assert findings(audit_plan(adding(baseline(), channels=[same], activities=busy)), "G1") == []


def test_g1_does_not_fire_without_a_community_page():
    """With only micro-blogs there is no pair to check."""
    plan = replace(baseline(), channels=baseline().channels[:1])
    assert findings(audit_plan(plan), "G1") == []


def test_g2_fires_when_every_content_post_goes_to_one_channel():
    """5 of 5 content posts to Acme page is 100%: all 20 points."""
    plan = with_activity(baseline(), "tw", "point_to_external", links_to="fb")
    finding = only(audit_plan(plan), "G2")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 20, "high")
    assert (
        "5 of 5 content posts a week on Acme on X point to Acme page (100%); at most 70% should"
        in finding.message
    )
    assert "Point 2 posts a week on Acme on X elsewhere than Acme page" in finding.recommendation


def test_g2_costs_in_proportion_to_the_excess_share():
    """4 of 5 (80%) is a third of the way from 70% to 100%: round(20 / 3) = 7 points."""
    plan = with_activity(baseline(), "tw", "point_to_external", per_week=2, links_to="fb")
    plan = adding(plan, activities=[act("tw", "point_to_external", 1)])
    finding = only(audit_plan(plan), "G2")
    assert (finding.channel, finding.points, finding.severity) == ("tw", 7, "medium")
    assert "4 of 5 content posts a week on Acme on X point to Acme page (80%)" in finding.message


def test_g2_does_not_fire_at_the_maximum_share_or_for_interactive_links():
    """3.5 of 5 content posts is exactly 70%; a poll linking to the page is not a content post."""
    plan = with_activity(baseline(), "tw", "point_to_external", per_week=1.5, links_to="fb")
    plan = adding(plan, activities=[act("tw", "point_to_external", 1.5)])
    plan = with_activity(plan, "tw", "poll", links_to="fb")
    assert findings(audit_plan(plan), "G2") == []


def test_g3_fires_on_a_second_account_with_the_same_identity_and_audience():
    """Acme Labs on X repeats Acme on X's identity and audience (ignoring case and spaces):
    10 + 10."""
    twin = replace(LABS, identity=" acme ", audience="l&d LEADS")
    found = findings(audit_plan(adding(baseline(), channels=[twin])), "G3")
    assert [(f.channel, f.points) for f in found] == [("labs", 10), ("labs", 10)]
    identity, audience = found
    assert "Acme Labs on X is another X / Twitter channel beside Acme on X" in identity.message
    assert "shares its identity 'acme' with Acme on X" in identity.message
    assert "shares its audience 'l&d LEADS' with Acme on X" in audience.message
    assert "Merge Acme Labs on X into Acme on X" in identity.recommendation


def test_g3_fires_on_a_second_account_without_an_identity():
    """An extra same-platform channel must name the identity it keeps."""
    plan = adding(baseline(), channels=[replace(LABS, identity="")])
    finding = only(audit_plan(plan), "G3")
    assert (finding.channel, finding.points) == ("labs", 10)
    assert "names no identity of its own" in finding.message


def test_g3_does_not_fire_for_a_distinct_initiative_or_different_platforms():
    """A second X account with its own identity and audience is fine; X plus Facebook is too."""
    assert findings(audit_plan(adding(baseline(), channels=[LABS])), "G3") == []
    assert findings(audit_plan(baseline()), "G3") == []


def test_g4_fires_on_an_island():
    """A blog no post or link connects with the rest loses 25 points."""
    blog = ChannelFacts("bl", "blog", "Acme blog", handle="blog.acme.org")
    finding = only(audit_plan(adding(baseline(), channels=[blog])), "G4")
    assert (finding.channel, finding.points, finding.severity) == ("bl", 25, "high")
    assert "Acme blog is an island" in finding.message
    assert "Acme on X or Acme page" in finding.message
    assert "Plan posts on Acme blog that point to another channel" in (finding.recommendation)


def test_g4_ignores_links_from_inactive_channels():
    """A link from an inactive channel does not tie the blog in."""
    blog = ChannelFacts("bl", "blog", "Acme blog")
    old = ChannelFacts("old", "facebook", "Old page", active=False)
    plan = adding(
        baseline(),
        channels=[blog, old],
        links=[LinkFacts("old", "bl", "profile_link")],
        activities=[act("old", "point_to_own_work", 1, links_to="bl")],
    )
    assert only(audit_plan(plan), "G4").channel == "bl"


def test_g4_does_not_fire_for_an_incoming_link_or_a_single_channel():
    """One link into the blog is enough; a plan with one channel has nothing to link to."""
    blog = ChannelFacts("bl", "blog", "Acme blog")
    plan = adding(baseline(), channels=[blog], links=[LinkFacts("tw", "bl", "profile_link")])
    assert findings(audit_plan(plan), "G4") == []
    alone = replace(baseline(), channels=baseline().channels[:1], links=())
    assert findings(audit_plan(alone), "G4") == []


def test_g5_fires_on_the_later_of_two_channels_with_the_same_mix():
    """Acme page copying Acme on X's kinds and rates gets a 10-point finding naming Acme on X."""
    plan = baseline()
    copied = tuple(
        replace(a, channel="fb", links_to=None) for a in plan.activities if a.channel == "tw"
    )
    plan = replace(plan, activities=tuple(a for a in plan.activities if a.channel != "fb") + copied)
    finding = only(audit_plan(plan), "G5")
    assert (finding.channel, finding.points, finding.severity) == ("fb", 10, "medium")
    assert "Acme page runs exactly the same activity mix as Acme on X" in finding.message
    assert "point to own work 2" in finding.message
    assert "Give Acme page a role of its own on Facebook page" in finding.recommendation


def test_g5_does_not_fire_for_different_rates_or_the_same_platform():
    """Same kinds at other rates differ; two X accounts with one mix are G3's concern."""
    plan = baseline()
    copied = tuple(
        replace(a, channel="fb", links_to=None) for a in plan.activities if a.channel == "tw"
    )
    plan = replace(plan, activities=tuple(a for a in plan.activities if a.channel != "fb") + copied)
    plan = with_activity(plan, "fb", "reply", per_week=2)
    assert findings(audit_plan(plan), "G5") == []
    twin = adding(
        baseline(),
        channels=[LABS],
        activities=[replace(a, channel="labs") for a in baseline().activities if a.channel == "tw"],
    )
    assert findings(audit_plan(twin), "G5") == []
