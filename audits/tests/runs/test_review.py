"""The plan page's review of the stored plan is cached under everything it is computed from:
opened again unchanged, it costs two small queries; any change made through the app shows."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audits.runs.review import plan_review
from audits.tests.factories import PostFactory
from audits.tests.plans import plan_with_channels
from outreach.models import Assignment, Channel, StaffMember
from outreach.services import assignment_remove, channel_deactivate, staff_update
from strategy.models import StrategyPlan

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organization):
    plan_with_channels(organization, 3)
    return StrategyPlan.objects.get(organization=organization)


def review_with_queries(plan):
    plan = StrategyPlan.objects.select_related("organization").get(pk=plan.pk)
    with CaptureQueriesContext(connection) as queries:
        review = plan_review(plan=plan)
    return review, len(queries)


def test_an_unchanged_plan_is_reviewed_once(plan):
    first, cold = review_with_queries(plan)
    again, warm = review_with_queries(plan)
    assert again == first
    assert warm == 2 < cold  # the change log's latest entry and the posts


def test_unsaved_rows_are_never_served_from_the_cache(plan):
    plan_review(plan=plan)
    rows = list(plan.activities.select_related("channel", "owner", "links_to"))[:1]
    with CaptureQueriesContext(connection) as queries:
        review = plan_review(plan=plan, activities=rows, links=[])
    assert len(queries) > 2
    assert sum(len(c.findings) for c in review.channels.values()) > 0


@pytest.mark.parametrize("change", ["channel", "person", "assignment", "posts", "thresholds"])
def test_a_change_anywhere_the_review_reads_shows_at_once(plan, organization, change):
    before, _ = review_with_queries(plan)
    channel = Channel.objects.filter(organization=organization).order_by("key").first()
    if change == "channel":
        channel_deactivate(channel=channel, actor=None)
    elif change == "person":
        person = StaffMember.objects.get(organization=organization)
        staff_update(person=person, actor=None, data={"capacity_hours": Decimal("0.5")})
    elif change == "assignment":
        assignment_remove(assignment=Assignment.objects.filter(channel=channel).get(), actor=None)
    elif change == "posts":
        PostFactory.create_batch(5, channel=channel)
    else:
        organization.thresholds = {"healthy_from": 95}
        organization.save()
    after, queries = review_with_queries(plan)
    assert queries > 2, "recomputed, not read from the cache"
    assert after != before
