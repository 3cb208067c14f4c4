"""The plan snapshot loads in a fixed number of queries and carries the whole plan; a run's
report, and its results as cached HTML."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audits.runs.selectors import (
    audit_history,
    plan_snapshot_load,
    plan_snapshots_load,
    run_report,
    run_results_key,
    run_results_part,
)
from audits.tests.factories import AuditRunFactory, ChannelScoreFactory, FindingFactory, PostFactory
from audits.tests.plans import plan_with_channels
from outreach.tests.factories import OrganizationFactory


def count_queries(organization):
    with CaptureQueriesContext(connection) as queries:
        loaded = plan_snapshot_load(organization=organization)
    return len(queries), loaded


@pytest.mark.django_db
def test_snapshot_queries_do_not_grow_with_channels_and_activities():
    """2 channels with 6 activities and 40 channels with 200 activities take the same queries."""
    small, large = OrganizationFactory(), OrganizationFactory()
    plan_with_channels(small, 2, activities_each=3)
    plan_with_channels(large, 40, activities_each=5)
    small_queries, small_loaded = count_queries(small)
    large_queries, large_loaded = count_queries(large)
    assert len(small_loaded.snapshot.channels) == 2
    assert len(large_loaded.snapshot.channels) == 40
    assert len(large_loaded.snapshot.activities) == 200
    assert small_queries == large_queries == 7  # the last one asks for imported posts


@pytest.mark.django_db
def test_snapshot_queries_do_not_grow_with_imported_posts():
    """Channels with imported posts add two queries, however many channels and posts."""
    small, large = OrganizationFactory(), OrganizationFactory()
    _, small_channels = plan_with_channels(small, 2, activities_each=3)
    _, large_channels = plan_with_channels(large, 20, activities_each=3)
    for channel in small_channels:
        PostFactory.create_batch(3, channel=channel)
    for channel in large_channels:
        PostFactory.create_batch(30, channel=channel)
    small_queries, small_loaded = count_queries(small)
    large_queries, large_loaded = count_queries(large)
    assert len(small_loaded.snapshot.actual) == 2 and len(large_loaded.snapshot.actual) == 20
    assert small_queries == large_queries == 10  # one more: which organizations have posts at all


@pytest.mark.django_db
def test_snapshot_carries_keys_duties_and_overrides():
    organization = OrganizationFactory(thresholds={"posts_per_week_twitter": 3})
    plan, channels = plan_with_channels(organization, 2, activities_each=1)
    loaded = plan_snapshot_load(organization=organization)
    snapshot = loaded.snapshot
    assert loaded.plan == plan
    assert [c.key for c in snapshot.channels] == ["c0", "c1"]
    assert snapshot.channels[1].presence == "presence"  # community page
    assert snapshot.channels[0].presence == ""
    assert snapshot.assignments[0].duties == frozenset({"post", "respond"})
    assert snapshot.activities[0].links_to == "c1"
    assert snapshot.activities[0].per_week == Decimal(3)
    assert {(link.from_channel, link.to_channel) for link in snapshot.links} == {
        ("c0", "c1"),
        ("c1", "c0"),
    }
    assert snapshot.thresholds == {"posts_per_week_twitter": 3}
    assert loaded.channel_ids == {c.key: c.pk for c in channels}


@pytest.mark.django_db
def test_organization_without_plan_gives_an_empty_activity_list():
    organization = OrganizationFactory()
    loaded = plan_snapshot_load(organization=organization)
    assert loaded.plan is None and loaded.snapshot.activities == ()


@pytest.mark.django_db
def test_report_compares_with_the_previous_completed_run():
    organization = OrganizationFactory()
    first = AuditRunFactory(organization=organization, score=50)
    score = ChannelScoreFactory(run=first, value=40)
    AuditRunFactory(organization=organization, status="failed", score=None)
    second = AuditRunFactory(organization=organization, score=65)
    ChannelScoreFactory(run=second, channel=score.channel, value=70)
    FindingFactory(run=second, criterion="resourcing", points=5, code="R4")
    FindingFactory(run=second, criterion="value", points=20, code="V1")
    report = run_report(run=second)
    assert report["previous"] == first
    assert report["score_delta"] == 15
    assert report["rows"][0].deltas["value"] == 30
    assert [g.criterion for g in report["groups"]][:2] == ["value", "resourcing"]
    assert [f.code for f in report["top_findings"]] == ["V1", "R4"]
    history = audit_history(organization=organization)
    assert [r.delta for r in history] == [15, None, None]


@pytest.mark.django_db
def test_a_batch_of_organizations_loads_in_the_queries_of_one(django_assert_num_queries):
    organizations = [OrganizationFactory() for _ in range(6)]
    for i, organization in enumerate(organizations):
        plan_with_channels(organization, 2 + i)
    with django_assert_num_queries(7):
        loaded = plan_snapshots_load(organizations=organizations)
    for i, organization in enumerate(organizations):
        alone = plan_snapshot_load(organization=organization)
        assert loaded[organization.pk].snapshot == alone.snapshot
        assert len(alone.snapshot.channels) == 2 + i
        assert loaded[organization.pk].channel_ids == alone.channel_ids


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["queued", "running", "failed"])
def test_only_a_completed_runs_results_are_kept(status):
    """An unfinished or failed run changes still: its page is drawn afresh every time."""
    run = AuditRunFactory(status=status, score=None)
    with pytest.raises(ValueError):
        run_results_part(run=run)
    assert cache.get(run_results_key(run=run, previous=None)) is None


@pytest.mark.django_db
def test_the_results_key_names_the_organization_the_run_and_the_run_compared_with():
    first = AuditRunFactory()
    second = AuditRunFactory(organization=first.organization)
    elsewhere = AuditRunFactory()
    keys = {
        run_results_key(run=second, previous=first),
        run_results_key(run=second, previous=None),
        run_results_key(run=first, previous=None),
        run_results_key(run=elsewhere, previous=None),
    }
    assert len(keys) == 4
    assert f"org{elsewhere.organization_id}:" in run_results_key(run=elsewhere, previous=None)
