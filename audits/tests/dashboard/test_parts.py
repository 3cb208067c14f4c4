"""The dashboard's results are drawn once and then read from the cache, under a key that changes
with everything they show: the organization, its completed runs and the filters."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.dashboard.parts import dashboard_part_key
from audits.dashboard.selectors import Filters, dashboard_runs
from audits.runs.services import audit_run_create, audit_run_execute, audit_run_now
from audits.tests.plans import plan_with_channels
from outreach.models import Channel, Membership
from outreach.tests.factories import MembershipFactory, UserFactory
from strategy.models import PlannedActivity

pytestmark = pytest.mark.django_db
URL = reverse("dashboard:show", args=["acme"])


def per_request_bits_removed(html: str) -> str:
    """The page without what differs between any two responses: the masked CSRF token and the
    CSP nonce."""
    return re.sub(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r"\1", html)


def results(html: str) -> str:
    """The part of the page below the head: what the cache holds."""
    return html.split('<form method="get" class="filters card"', 1)[1].split("</main>")[0]


def test_a_second_request_reads_the_results_from_the_cache_and_shows_the_same(
    manager_client, organization
):
    plan_with_channels(organization, 3)
    audit_run_now(organization=organization)
    audit_run_now(organization=organization)
    with CaptureQueriesContext(connection) as cold:
        first = manager_client.get(URL).content.decode()
    with CaptureQueriesContext(connection) as warm:
        second = manager_client.get(URL).content.decode()
    assert per_request_bits_removed(second) == per_request_bits_removed(first)
    assert "<svg" in second and 'id="findings-c0"' in second
    # Session, user, membership, the completed runs, the organization switcher: no scores or
    # findings are read again.
    assert len(warm) < len(cold)
    assert len(warm) <= 5
    read = " ".join(q["sql"] for q in warm.captured_queries)
    assert "audits_channelscore" not in read and "audits_finding" not in read


def test_the_cached_results_hold_nothing_of_the_person_or_the_request(manager_client, organization):
    """Another manager gets the same results, with their own navigation, token and nonce."""
    plan_with_channels(organization, 2)
    audit_run_now(organization=organization)
    first = manager_client.get(URL).content.decode()
    other = UserFactory(email="second.manager@example.org")
    MembershipFactory(user=other, organization=organization, role=Membership.Role.MANAGER)
    manager_client.force_login(other)
    second = manager_client.get(URL).content.decode()
    assert results(second) == results(first)
    assert "second.manager@example.org" in second and "second.manager@" not in results(second)
    part = cache.get(
        dashboard_part_key(
            organization=organization,
            runs=dashboard_runs(organization=organization),
            filters=Filters(),
        )
    )
    assert part and part in first
    assert "csrfmiddlewaretoken" not in part and "nonce" not in part
    assert "second.manager" not in part


def test_a_new_audit_is_shown_at_once(manager_client, organization):
    plan, _ = plan_with_channels(organization, 2)
    audit_run_now(organization=organization)
    before = results(manager_client.get(URL).content.decode())
    assert "This is the first audit" in before
    PlannedActivity.objects.filter(plan=plan, kind="poll").delete()
    audit_run_now(organization=organization)
    after = results(manager_client.get(URL).content.decode())
    assert "This is the first audit" not in after
    assert "Trend over the last 2 audits" in after


def test_an_older_audit_that_finishes_late_joins_the_trend(manager_client, organization):
    """The key holds every run the trend draws, not only the latest."""
    plan_with_channels(organization, 2)
    late, _ = audit_run_create(organization=organization)
    audit_run_now(organization=organization)
    assert "Trend over the last 1 audit<" in manager_client.get(URL).content.decode()
    audit_run_execute(run_id=late.pk)
    assert "Trend over the last 2 audits" in manager_client.get(URL).content.decode()


def test_each_filter_has_its_own_results(manager_client, organization):
    plan_with_channels(organization, 4)  # X and Facebook, alternating
    Channel.objects.filter(key="c3").update(identity="Youth initiative")
    audit_run_now(organization=organization)
    everything = results(manager_client.get(URL).content.decode())
    community = results(manager_client.get(URL, {"family": "community"}).content.decode())
    youth = results(manager_client.get(URL, {"identity": "Youth initiative"}).content.decode())
    assert 'id="findings-c0"' in everything and 'id="findings-c0"' not in community
    assert 'id="findings-c1"' in community and 'id="findings-c1"' not in youth
    assert 'id="findings-c3"' in youth
    again = results(manager_client.get(URL).content.decode())
    assert again == everything


def test_another_organization_never_gets_this_ones_results(
    manager_client, organization, other_organization
):
    """Both organizations' first audit is #1; each manager sees their own channels."""
    plan_with_channels(organization, 2)
    plan_with_channels(other_organization, 3)
    Channel.objects.filter(organization=other_organization).update(name="Rival channel")
    Channel.objects.filter(organization=other_organization).update(handle="")
    ours = audit_run_now(organization=organization)
    theirs = audit_run_now(organization=other_organization)
    assert ours.number == theirs.number == 1
    acme = results(manager_client.get(URL).content.decode())
    rival_manager = UserFactory()
    MembershipFactory(user=rival_manager, organization=other_organization, role="manager")
    manager_client.force_login(rival_manager)
    rival = results(manager_client.get(reverse("dashboard:show", args=["rival"])).content.decode())
    assert "Rival channel" in rival and "Rival channel" not in acme
    assert 'id="findings-c2"' in rival and 'id="findings-c2"' not in acme


def test_the_key_changes_with_the_slug_and_the_time_zone_the_results_show(organization):
    """Links carry the slug and the trend's dates the time zone: both can change in place."""
    plan_with_channels(organization, 2)
    audit_run_now(organization=organization)
    runs = dashboard_runs(organization=organization)

    def key():
        return dashboard_part_key(organization=organization, runs=runs, filters=Filters())

    keys = [key()]
    organization.slug = "acme-learning"
    keys.append(key())
    organization.timezone = "Pacific/Auckland"
    keys.append(key())
    assert len(set(keys)) == 3
