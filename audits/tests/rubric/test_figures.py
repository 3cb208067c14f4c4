"""The plan's per-channel and per-person arithmetic, shared by the rubric and the plan page."""

from dataclasses import replace
from decimal import Decimal

from audits.rubric import channel_figures, staff_load
from audits.rubric.snapshot import ChannelFacts, LinkFacts
from audits.tests.snapshots import act, adding, assign, baseline, without_activities


def test_counts_content_and_interactive_occurrences_a_week():
    """Acme on X: 5 content posts, 6.25 interactive occurrences, 11.25 in all."""
    tw = channel_figures(baseline())["tw"]
    assert tw.content_per_week == 5
    assert tw.interactive_per_week == Decimal("6.25")
    assert tw.occurrences_per_week == Decimal("11.25")
    assert round(tw.interactive_share, 4) == Decimal("0.5556")
    assert (tw.own_work_per_week, tw.external_per_week, tw.photo_per_week) == (2, 3, 0)
    assert tw.per_week("retweet") == 3 and tw.per_week("discussion") == 0
    assert tw.family == "micro_blog"


def test_photos_and_events_are_counted_a_month():
    """0.5 photos and 0.25 events a week are 3.25 items a month (52 weeks / 12 months)."""
    assert channel_figures(baseline())["fb"].visual_per_month == Decimal("3.25")


def test_hours_needed_and_assigned():
    """Acme on X's activities take 86 minutes a week (1.43 h); Ana and Ben give it 4 h."""
    tw = channel_figures(baseline())["tw"]
    assert tw.hours_needed == Decimal("1.43")
    assert tw.hours_assigned == 4


def test_people_backups_and_duties():
    """Everyone assigned counts as a person, backups included, each once."""
    plan = adding(baseline(), assignments=[assign("ana", "tw", 1, ("curate",))])
    tw = channel_figures(plan)["tw"]
    assert tw.people == ("ana", "ben")
    assert tw.backups == ("ben",)
    assert tw.duties == {"post", "respond", "curate"}


def test_links_and_pointing_posts_in_both_directions():
    """Acme on X points 2 posts a week to the page; the page links back to Acme on X."""
    figures = channel_figures(baseline())
    tw, fb = figures["tw"], figures["fb"]
    assert tw.points_to == {"fb": 2} and tw.content_points_to == {"fb": 2}
    assert fb.pointed_from == {"tw"}
    assert fb.links_out == {"tw"} and tw.links_in == {"fb"}
    assert tw.reaches("fb") and fb.reaches("tw")
    assert tw.linked_channels == {"fb"} and fb.linked_channels == {"tw"}


def test_only_content_posts_count_towards_content_points_to():
    """A poll linking to the page points there, but is not a content post."""
    plan = adding(baseline(), activities=[act("tw", "poll", 1, links_to="fb")])
    tw = channel_figures(plan)["tw"]
    assert tw.points_to == {"fb": 3}
    assert tw.content_points_to == {"fb": 2}


def test_links_ignore_inactive_unknown_and_own_channels():
    """Links to or from an inactive channel, to an unknown key or to itself do not count."""
    old = ChannelFacts("old", "linkedin", "Old page", active=False)
    plan = adding(
        replace(baseline(), links=()),
        channels=[old],
        activities=[
            act("fb", "photo", 1, links_to="old"),
            act("fb", "photo", 1, links_to="nowhere"),
            act("fb", "photo", 1, links_to="fb"),
            act("old", "photo", 1, links_to="fb"),
        ],
        links=[LinkFacts("old", "fb", "embed"), LinkFacts("fb", "fb", "embed")],
    )
    figures = channel_figures(plan)
    assert figures["fb"].points_to == {}
    assert figures["fb"].pointed_from == {"tw"}
    assert figures["fb"].links_in == set() and figures["fb"].links_out == set()
    assert figures["old"].points_to == {"fb": 1}  # an inactive channel still has its figures


def test_a_channel_without_activities_has_zero_figures_and_no_share():
    """Nothing planned: zeros everywhere and no interactive share, without dividing by zero."""
    fb = channel_figures(without_activities(baseline(), "fb"))["fb"]
    assert fb.occurrences_per_week == fb.content_per_week == fb.hours_needed == 0
    assert fb.interactive_share is None
    assert fb.per_kind == {}


def test_activities_planned_zero_times_are_not_planned():
    """A 0-a-week reply adds no kind, hours or link."""
    plan = adding(baseline(), activities=[act("fb", "retweet", 0, 30, links_to="tw")])
    fb = channel_figures(plan)["fb"]
    assert "retweet" not in fb.per_kind
    assert fb.points_to == {}
    assert fb.hours_needed == channel_figures(baseline())["fb"].hours_needed


def test_the_posts_target_follows_the_thresholds():
    """The V1 target comes from the thresholds given, or from the plan's own overrides."""
    assert channel_figures(baseline())["tw"].posts_target == 5
    tuned = replace(baseline(), thresholds={"posts_per_week_twitter": 3})
    assert channel_figures(tuned)["tw"].posts_target == 3
    given = {"posts_per_week_twitter": 7, "posts_per_week_facebook": 1}
    assert channel_figures(baseline(), given)["tw"].posts_target == 7


def test_staff_load_sums_hours_across_active_channels():
    """Ana books 3 h on Acme on X and 1 h on the page; an inactive channel's hours do not count."""
    old = ChannelFacts("old", "linkedin", "Old page", active=False)
    plan = adding(baseline(), channels=[old], assignments=[assign("ana", "old", 5)])
    ana = staff_load(plan)["ana"]
    assert ana.name == "Ana Ruiz"
    assert ana.booked_hours == 4
    assert ana.capacity_hours == 10
    assert ana.channels == ("tw", "fb")
    assert ana.hours_by_channel == {"tw": 3, "fb": 1}
    assert ana.over_hours == 0


def test_staff_load_reports_overbooking():
    """Booked 4 h against 2.5 h is 1.5 h over."""
    plan = replace(baseline(), staff=(replace(baseline().staff[0], capacity_hours=Decimal("2.5")),))
    assert staff_load(plan)["ana"].over_hours == Decimal("1.5")
