"""Tenancy: a member reaches only their own organizations' pages and objects; others answer 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.tests.factories import AuditRunFactory, EvidenceImportFactory
from conftest import PASSWORD
from outreach.models import Membership
from outreach.tests.factories import (
    AssignmentFactory,
    ChannelFactory,
    InvitationFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)
from outreach.tests.tenancy import kwargs_for, url_patterns_under
from strategy.tests.factories import StrategyPlanFactory

ORG_URLS = url_patterns_under("o/<slug:org_slug>/")


@pytest.fixture
def rival_objects(db):
    """One of everything, in another organization, to aim URLs at."""
    rival = OrganizationFactory(slug="rival")
    channel = ChannelFactory(organization=rival, key="rival-tw")
    assignment = AssignmentFactory(channel=channel, staff__key="rival-ana")
    # "!" is an unusable password, stored as is: no hashing, which is slow, for a login never used.
    membership = MembershipFactory(
        organization=rival, role=Membership.Role.MANAGER, user__password="!"
    )
    plan = StrategyPlanFactory(organization=rival)
    run = AuditRunFactory(organization=rival)
    evidence = EvidenceImportFactory(organization=rival, channel=channel)
    invitation = InvitationFactory(organization=rival)
    return {
        "org": rival,
        "channel_key": channel.key,
        "staff_key": assignment.staff.key,
        "assignment_id": assignment.pk,
        "membership_id": membership.pk,
        "revision": plan.revision,
        "number": run.number,
        "import_id": evidence.pk,
        "invitation_id": invitation.pk,
    }


def test_the_walk_finds_the_organization_pages():
    """Guards the walker itself: it must see the pages it is meant to protect."""
    names = {name for name, _ in ORG_URLS}
    assert {"outreach:organization", "outreach:channels", "strategy:plan"} <= names


@pytest.mark.parametrize("name,kwarg_names", ORG_URLS, ids=[n for n, _ in ORG_URLS])
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_organizations_pages_answer_404(
    comms_client, rival_objects, name, kwarg_names, method
):
    """Every page of an organization the member does not belong to is 404, for GET and POST."""
    url = reverse(name, kwargs=kwargs_for(kwarg_names, "rival", rival_objects))
    response = getattr(comms_client, method)(url)
    assert response.status_code == 404, url


@pytest.mark.parametrize(
    "name,kwarg_names",
    [(n, k) for n, k in ORG_URLS if set(k) - {"org_slug"}],
    ids=[n for n, k in ORG_URLS if set(k) - {"org_slug"}],
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_other_organizations_objects_under_own_slug_answer_404(
    manager_client, organization, rival_objects, name, kwarg_names, method
):
    """Another organization's object addressed through the member's own organization is 404.

    Asked by a manager, who may open every page (a comms member is refused manager-only pages
    before any object is looked up), and with POST too, which is how the forms write.
    """
    url = reverse(name, kwargs=kwargs_for(kwarg_names, organization.slug, rival_objects))
    assert getattr(manager_client, method)(url).status_code == 404, url


def test_own_organization_pages_answer(comms_client, organization):
    ChannelFactory(organization=organization, key="tw")
    StrategyPlanFactory(organization=organization)
    for name in ["outreach:channels", "outreach:staff", "outreach:members", "strategy:plan"]:
        assert comms_client.get(reverse(name, args=[organization.slug])).status_code == 200
    assert comms_client.get(reverse("outreach:channel", args=["acme", "tw"])).status_code == 200


def test_anonymous_visitor_is_sent_to_login(client, organization):
    response = client.get(reverse("outreach:channels", args=[organization.slug]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_member_of_two_organizations_reaches_both_and_switches(client, db):
    user = UserFactory()
    first = MembershipFactory(user=user, organization__name="Alpha", organization__slug="alpha")
    MembershipFactory(user=user, organization__name="Beta", organization__slug="beta")
    client.force_login(user)
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert b"Alpha" in home.content and b"Beta" in home.content
    page = client.get(reverse("outreach:channels", args=["beta"]))
    assert page.status_code == 200
    # The switcher lists both organizations on every page.
    assert reverse("outreach:organization", args=["alpha"]).encode() in page.content
    # Home now goes back to the organization used last.
    assert client.get(reverse("home")).url == reverse("outreach:organization", args=["beta"])
    assert first.role == Membership.Role.COMMS


def _session_writes(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith("UPDATE") and "django_session" in q["sql"]
    ]


def test_pages_do_not_write_the_session_and_remember_the_organization_only_when_it_changes(
    client, db
):
    """No UPDATE of the session on every page: the organization used last is a cookie, sent
    again only when the member moves to another organization."""
    user = UserFactory()
    for slug in ["alpha", "beta"]:
        MembershipFactory(user=user, organization__slug=slug)
    client.force_login(user)
    alpha = reverse("outreach:channels", args=["alpha"])
    assert _session_writes(client, alpha) == []
    assert _session_writes(client, alpha) == []  # the second GET
    assert client.get(alpha).cookies.get("last_org") is None  # unchanged: not sent again
    response = client.get(reverse("outreach:staff", args=["beta"]))
    assert response.cookies["last_org"].value == "beta"
    assert client.get(reverse("home")).url == reverse("outreach:organization", args=["beta"])


def test_scoped_querysets_only_hold_the_organizations_objects(organization, other_organization):
    from outreach.models import Channel

    mine = ChannelFactory(organization=organization)
    ChannelFactory(organization=other_organization)
    assert list(Channel.objects.for_organization(organization)) == [mine]
    user = UserFactory()
    MembershipFactory(user=user, organization=organization)
    assert list(Channel.objects.for_user(user)) == [mine]


@pytest.mark.django_db
def test_the_password_after_too_many_wrong_ones_is_refused_until_the_cool_off(client, settings):
    """django-axes: AXES_FAILURE_LIMIT wrong passwords lock the pair (address, username); the
    right password is refused too, until the cool-off has passed."""
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.utils import timezone

    user = UserFactory(email="ana@example.org")
    url = reverse("login")
    wrong = {"username": user.email, "password": "wrong"}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert client.post(url, wrong).status_code == 200  # the form again, with its error
    assert client.post(url, wrong).status_code == 429  # the last one allowed locks
    refused = client.post(url, {"username": user.email, "password": PASSWORD})
    assert refused.status_code == 429
    assert "Too many wrong passwords" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    accepted = client.post(url, {"username": user.email, "password": PASSWORD})
    assert accepted.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_the_lockout_comes_well_before_thirty_wrong_passwords(settings):
    assert 3 <= settings.AXES_FAILURE_LIMIT <= 30
