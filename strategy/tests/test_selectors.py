"""Reads of the strategy app: the current plan, the plan page and the plan file export."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outreach.tests.factories import AssignmentFactory, ChannelFactory, StaffMemberFactory
from strategy.models import StrategyPlan
from strategy.selectors import current_plan, plan_document, plan_page
from strategy.tests.factories import (
    ChannelLinkFactory,
    PlannedActivityFactory,
    StrategyPlanFactory,
)

pytestmark = pytest.mark.django_db


def test_current_plan_is_the_highest_revision(organization):
    assert current_plan(organization) is None
    StrategyPlanFactory(organization=organization, revision=1, status="approved")
    latest = StrategyPlanFactory(organization=organization, revision=2)
    assert current_plan(organization) == latest


def test_plan_document_without_a_plan_raises(organization):
    with pytest.raises(StrategyPlan.DoesNotExist):
        plan_document(organization=organization)


def test_plan_document_exports_the_current_plan(organization):
    organization.thresholds = {"healthy_from": 75}
    organization.save()
    old = StrategyPlanFactory(organization=organization, revision=1, status="approved")
    plan = StrategyPlanFactory(organization=organization, revision=2, title="Second go")
    tw = ChannelFactory(organization=organization, key="tw", follows=120, response_target_hours=12)
    fb = ChannelFactory(
        organization=organization, key="fb", platform="facebook", presence="", objective=""
    )
    ChannelFactory(organization=organization, key="old", active=False)
    ana = StaffMemberFactory(organization=organization, key="ana", capacity_hours=Decimal("7.50"))
    AssignmentFactory(
        staff=ana, channel=tw, hours_per_week=Decimal("2.25"), duty_respond=False, duty_curate=True
    )
    PlannedActivityFactory(plan=old, channel=tw, kind="poll")
    PlannedActivityFactory(
        plan=plan, channel=tw, per_week=Decimal("0.25"), minutes_each=30, owner=ana, links_to=fb
    )
    PlannedActivityFactory(plan=plan, channel=fb, kind="discussion", notes="Friday thread")
    ChannelLinkFactory(plan=plan, from_channel=fb, to_channel=tw, how="embed")

    document = plan_document(organization=organization)

    assert list(document) == [
        "format",
        "organization",
        "plan",
        "channels",
        "staff",
        "assignments",
        "activities",
        "links",
        "thresholds",
    ]
    assert document["plan"] == {
        "title": "Second go",
        "period_start": "2027-01-01",
        "period_end": "2027-06-30",
        "objectives": "Grow the community.",
    }
    assert [c["key"] for c in document["channels"]] == ["tw", "fb", "old"]
    tw_entry, fb_entry, old_entry = document["channels"]
    assert tw_entry["follows"] == 120 and tw_entry["response_target_hours"] == 12
    assert "presence" not in tw_entry and "active" not in tw_entry
    assert fb_entry["presence"] == "presence"  # a community page's default
    assert fb_entry["objective"] == ""
    assert "follows" not in fb_entry
    assert old_entry["active"] is False
    assert document["staff"] == [
        {"key": "ana", "name": ana.name, "email": ana.email, "capacity_hours": 7.5}
    ]
    assert document["assignments"] == [
        {
            "staff": "ana",
            "channel": "tw",
            "hours_per_week": 2.25,
            "duties": ["post", "curate"],
            "backup": False,
        }
    ]
    assert document["activities"] == [
        {
            "channel": "tw",
            "kind": "point_to_own_work",
            "per_week": 0.25,
            "minutes_each": 30,
            "owner": "ana",
            "links_to": "fb",
        },
        {
            "channel": "fb",
            "kind": "discussion",
            "per_week": 3,
            "minutes_each": 10,
            "notes": "Friday thread",
        },
    ]
    assert document["links"] == [{"from": "fb", "to": "tw", "how": "embed"}]
    assert document["thresholds"] == {"healthy_from": 75}


def _plan_with_channels(organization, count: int) -> None:
    plan = StrategyPlanFactory(organization=organization)
    channels = [ChannelFactory(organization=organization) for _ in range(count)]
    person = StaffMemberFactory(organization=organization)
    for index, channel in enumerate(channels):
        AssignmentFactory(staff=person, channel=channel)
        PlannedActivityFactory(plan=plan, channel=channel, owner=person)
        PlannedActivityFactory(plan=plan, channel=channel, links_to=channels[index - 1])
        ChannelLinkFactory(plan=plan, from_channel=channel, to_channel=channels[index - 1])


def _export_queries(organization) -> int:
    with CaptureQueriesContext(connection) as queries:
        plan_document(organization=organization)
    return len(queries)


def test_plan_document_takes_a_fixed_number_of_queries(organization, other_organization):
    _plan_with_channels(organization, 2)
    _plan_with_channels(other_organization, 20)
    assert _export_queries(organization) == _export_queries(other_organization) == 6


def test_plan_page_shows_a_revision_with_its_channels_and_links(organization):
    first = StrategyPlanFactory(organization=organization, revision=1, status="approved")
    second = StrategyPlanFactory(organization=organization, revision=2)
    tw = ChannelFactory(organization=organization, key="tw")
    fb = ChannelFactory(organization=organization, key="fb", platform="facebook")
    activity = PlannedActivityFactory(plan=first, channel=tw)
    link = ChannelLinkFactory(plan=first, from_channel=tw, to_channel=fb)

    page = plan_page(organization=organization, revision=1)

    assert page["plan"] == first
    assert page["channels"] == [
        {"channel": tw, "activities": [activity]},
        {"channel": fb, "activities": []},
    ]
    assert page["links"] == [link]
    assert page["revisions"] == [second, first]
    assert plan_page(organization=organization)["plan"] == second
    assert plan_page(organization=organization, revision=9)["plan"] is None
