"""The API's reads cost the same number of queries whatever the amount of data: every list and
detail of one organization, measured on a small organization and on one five times larger."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from audits.runs.services import audit_run_now
from audits.tests.factories import EvidenceImportFactory, PostFactory
from audits.tests.plans import plan_with_channels
from outreach.models import Membership
from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

READS = [
    ("organizations", ()),
    ("organization", ("org",)),
    ("channels", ("org",)),
    ("channel", ("org", "c0")),
    ("staff", ("org",)),
    ("assignments", ("org",)),
    ("plan", ("org",)),
    ("plan_activities", ("org",)),
    ("plan_links", ("org",)),
    ("plan_revisions", ("org",)),
    ("plan_revision", ("org", 1)),
    ("plan_file", ("org",)),
    ("audits", ("org",)),
    ("audit", ("org", 2)),
    ("posts", ("org",)),
    ("channel_posts", ("org", "c0")),
    ("evidence_imports", ("org",)),
]


def organization_of(size: int, slug: str) -> tuple:
    """An organization with `size` channels (activities, links, people), `size` posts and
    imports on each, two audits; and a manager's API client."""
    organization = OrganizationFactory(slug=slug)
    plan_with_channels(organization, size)
    for channel in organization.channels.all():
        for _ in range(size):
            PostFactory(channel=channel)
            EvidenceImportFactory(organization=organization, channel=channel)
    audit_run_now(organization=organization)
    audit_run_now(organization=organization)
    user = UserFactory()
    MembershipFactory(user=user, organization=organization, role=Membership.Role.MANAGER)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client, organization


def queries(client, name: str, args: tuple, slug: str) -> int:
    url = reverse(f"api:{name}", args=[slug if a == "org" else a for a in args])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(captured.captured_queries)


def test_every_read_of_the_api_costs_the_same_queries_at_any_size():
    small, _ = organization_of(2, "small")
    large, _ = organization_of(10, "large")
    counts = {
        name: (queries(small, name, args, "small"), queries(large, name, args, "large"))
        for name, args in READS
    }
    grown = {name: pair for name, pair in counts.items() if pair[0] != pair[1]}
    assert not grown, f"queries (small, large) that grow with the data: {grown}"
