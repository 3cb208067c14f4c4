"""Fixtures shared by every app's tests."""

import os

import pytest

from outreach.celery import app as celery_app
from outreach.models import Membership
from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

PASSWORD = "pass-word-123"  # what UserFactory sets

# Tasks run in-process in tests, whatever the environment says, except where a test starts a
# real worker (audits/tests/test_tasks.py). The broker is set once, before Celery's connection
# pool first exists, so that the pool always points at the test broker.
TEST_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/15"
celery_app.conf.broker_url = TEST_BROKER_URL
celery_app.conf.task_always_eager = True


def service_unavailable(what: str) -> None:
    """A test that needs a real service fails in CI when it is missing, and only skips elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(f"{what} is required in CI but is not available.")
    pytest.skip(f"{what} is not available on this machine.")


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="Acme Learning", slug="acme")


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="Rival Org", slug="rival")


def _member_client(client, organization, role):
    user = UserFactory()
    MembershipFactory(user=user, organization=organization, role=role)
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def comms_client(client, organization):
    """A logged-in comms member of `organization`."""
    return _member_client(client, organization, Membership.Role.COMMS)


@pytest.fixture
def manager_client(client, organization):
    """A logged-in manager of `organization`."""
    return _member_client(client, organization, Membership.Role.MANAGER)
