"""Logging in and out through the real login page: a new session key at login, and the
sessions a person logged in with noted (LoginSession) until they log out."""

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from outreach.models import LoginSession
from outreach.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def log_in(client: Client, email: str) -> str:
    """Log in through the page (django-axes needs a real request); returns the session key."""
    response = client.post(reverse("login"), {"username": email, "password": PASSWORD})
    assert response.status_code == 302, response
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_logging_in_gives_a_new_session_key(client, organization):
    """Session fixation: a session planted before the login is not the one logged in."""
    member = MembershipFactory(organization=organization, user__email="ana@example.org")
    planted = client.session
    planted["planted"] = "by someone else"
    planted.save()
    key = log_in(client, "ana@example.org")
    assert key != planted.session_key
    assert not Session.objects.filter(session_key=planted.session_key).exists()
    assert LoginSession.objects.get(user=member.user).session_key == key


def test_each_login_is_noted_and_a_logout_forgets_it(organization):
    member = MembershipFactory(organization=organization, user__email="ana@example.org")
    laptop, phone = Client(), Client()
    keys = {log_in(laptop, "ana@example.org"), log_in(phone, "ana@example.org")}
    assert set(member.user.login_sessions.values_list("session_key", flat=True)) == keys
    laptop.post(reverse("logout"))
    assert list(member.user.login_sessions.values_list("session_key", flat=True)) == [
        phone.cookies[settings.SESSION_COOKIE_NAME].value
    ]


def test_notes_of_sessions_that_are_gone_are_dropped_at_the_next_login(organization):
    """A session that expired and was cleared, or was ended, leaves no note behind for long."""
    member = MembershipFactory(organization=organization, user__email="ana@example.org")
    old = log_in(Client(), "ana@example.org")
    Session.objects.filter(session_key=old).delete()  # what `clearsessions` does
    new = log_in(Client(), "ana@example.org")
    assert list(member.user.login_sessions.values_list("session_key", flat=True)) == [new]


@pytest.mark.parametrize("how", ["membership deleted (the admin)", "organization deleted"])
def test_a_membership_deleted_anywhere_logs_the_person_out(organization, how):
    member = MembershipFactory(organization=organization, user__email="ana@example.org")
    bystander = MembershipFactory(user__email="ben@example.org")  # of another organization
    browser, other = Client(), Client()
    log_in(browser, "ana@example.org")
    log_in(other, "ben@example.org")
    if how == "organization deleted":
        organization.delete()
    else:
        member.delete()
    assert browser.get(reverse("home")).url.startswith(reverse("login"))
    assert not LoginSession.objects.filter(user=member.user).exists()
    assert not other.get(reverse("home")).url.startswith(reverse("login"))  # nobody else
    assert bystander.user.login_sessions.count() == 1
