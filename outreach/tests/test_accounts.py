"""Getting in: sign-up with a confirmed address (as SIGNUP allows), password reset and change,
the account page and leaving an organization. Emails go through a real SMTP server."""

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.urls import reverse

from conftest import link_in, same_page
from outreach.accounts.tokens import SALT, signup_token
from outreach.models import Membership
from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def open_signup(settings):
    settings.SIGNUP = "open"


def test_signup_answers_the_same_for_a_new_and_a_known_address(client, open_signup, mailbox):
    """Same redirect, same page; only the mailbox learns which it was."""
    UserFactory(email="known@example.org")
    answers = []
    for address in ("known@example.org", "new@example.org"):
        response = client.post(reverse("accounts:signup"), {"email": address}, follow=True)
        page = same_page(response.content).replace(address, "ADDRESS")
        answers.append((response.redirect_chain, response.status_code, page))
    assert answers[0] == answers[1]
    (known,) = mailbox.to("known@example.org")
    assert known["Subject"] == "You already have a login to the Outreach planner"
    assert "/password/reset/" in known.get_body(preferencelist=("plain",)).get_content()
    (new,) = mailbox.to("new@example.org")
    assert "/signup/confirm/" in link_in(new)
    assert not User.objects.filter(username="new@example.org").exists()  # nothing until confirmed


def test_the_confirmation_link_creates_the_login_once(client, open_signup, mailbox):
    client.post(reverse("accounts:signup"), {"email": "Ana@Example.org "})
    link = link_in(mailbox.to("ana@example.org")[0])
    page = client.get(link)
    assert page.status_code == 200 and "ana@example.org" in page.content.decode()
    data = {
        "name": "Ana Ruiz",
        "password1": "a-long-pass-phrase",
        "password2": "a-long-pass-phrase",
    }
    response = client.post(link, data)
    assert response.status_code == 302 and response.url == reverse("organizations:new")
    user = User.objects.get(username="ana@example.org")
    assert user.first_name == "Ana Ruiz" and user.check_password("a-long-pass-phrase")
    assert client.get(reverse("accounts:settings")).status_code == 200  # logged in

    again = Client().get(link)
    assert again.status_code == 410 and "used already" in again.content.decode()
    assert Client().post(link, data).status_code == 410
    assert User.objects.filter(username="ana@example.org").count() == 1


def test_a_weak_password_is_refused_at_the_field_keeping_the_name(client, open_signup):
    link = reverse("accounts:signup_confirm", args=[signup_token("bo@example.org")])
    response = client.post(link, {"name": "Bo Lee", "password1": "bo", "password2": "bo"})
    assert response.status_code == 200
    assert "too short" in " ".join(response.context["form"].errors["password2"])
    assert 'value="Bo Lee"' in response.content.decode()
    assert not User.objects.filter(username="bo@example.org").exists()


def test_an_expired_or_altered_confirmation_link_is_refused_with_a_clear_page(
    client, open_signup, settings
):
    settings.SIGNUP_LINK_DAYS = 0
    expired = client.get(reverse("accounts:signup_confirm", args=[signup_token("a@example.org")]))
    assert expired.status_code == 410 and "expired" in expired.content.decode()
    forged = signing.dumps({"email": "a@example.org"}, salt=SALT + "x")
    altered = client.get(reverse("accounts:signup_confirm", args=[forged]))
    assert altered.status_code == 400 and "does not work" in altered.content.decode()


@pytest.mark.parametrize("signup", ["off", "invite"])
def test_signup_off_or_invite_only_hides_the_link_and_refuses_the_urls(client, settings, signup):
    settings.SIGNUP = signup
    assert "Sign up" not in client.get(reverse("login")).content.decode()
    token = signup_token("a@example.org")
    for url in (
        reverse("accounts:signup"),
        reverse("accounts:signup_sent"),
        reverse("accounts:signup_confirm", args=[token]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, {"email": "a@example.org"}).status_code == 404
    assert not User.objects.exists()


def test_the_login_page_offers_signup_when_open(client, open_signup):
    page = client.get(reverse("login")).content.decode()
    assert reverse("accounts:signup") in page and reverse("password_reset") in page


def test_password_reset_answers_the_same_and_mails_only_a_known_address(client, mailbox):
    UserFactory(email="known@example.org")
    answers = []
    for address in ("known@example.org", "nobody@example.org"):
        response = client.post(reverse("password_reset"), {"email": address}, follow=True)
        answers.append((response.redirect_chain, response.status_code, same_page(response.content)))
    assert answers[0] == answers[1]
    assert mailbox.to("nobody@example.org") == []
    (message,) = mailbox.to("known@example.org")
    assert link_in(message).startswith("/password/reset/")  # built from SITE_URL


def test_a_reset_link_sets_a_new_password_once(client, mailbox):
    user = UserFactory(email="known@example.org")
    client.post(reverse("password_reset"), {"email": "known@example.org"})
    link = link_in(mailbox.to("known@example.org")[0])
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "fresh-pass-phrase-9", "new_password2": "fresh-pass-phrase-9"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("fresh-pass-phrase-9")
    reused = Client().get(link, follow=True)
    assert not reused.context["validlink"] and "does not work" in reused.content.decode()


def test_a_member_changes_their_password_and_name(client):
    user = UserFactory(email="ana@example.org")
    client.force_login(user)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "pass-word-123",
            "new_password1": "another-pass-phrase",
            "new_password2": "another-pass-phrase",
        },
    )
    assert response.status_code == 302 and response.url == reverse("accounts:settings")
    user.refresh_from_db()
    assert user.check_password("another-pass-phrase")
    client.post(reverse("accounts:settings"), {"name": "Ana Ruiz"})
    user.refresh_from_db()
    assert user.first_name == "Ana Ruiz"


def test_a_person_leaves_an_organization_and_stays_logged_in_for_the_others(client):
    user = UserFactory()
    stays = MembershipFactory(user=user, role=Membership.Role.COMMS)
    leaves = MembershipFactory(user=user, role=Membership.Role.COMMS)
    client.force_login(user)
    response = client.post(reverse("accounts:leave", args=[leaves.pk]), follow=True)
    assert f"You left {leaves.organization.name}." in response.content.decode()
    assert list(Membership.objects.filter(user=user)) == [stays]
    home = client.get(reverse("outreach:organization", args=[stays.organization.slug]))
    assert home.status_code == 302 and not home.url.startswith("/login")


def test_the_last_manager_cannot_leave(client):
    manager = MembershipFactory(role=Membership.Role.MANAGER)
    client.force_login(manager.user)
    response = client.post(reverse("accounts:leave", args=[manager.pk]), follow=True)
    assert "only manager" in response.content.decode()
    assert Membership.objects.filter(pk=manager.pk).exists()


def test_nobody_leaves_for_someone_else(client):
    other = MembershipFactory(role=Membership.Role.COMMS)
    client.force_login(UserFactory())
    assert client.post(reverse("accounts:leave", args=[other.pk])).status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


def test_who_may_create_an_organization_follows_signup(client, settings):
    user = UserFactory()
    client.force_login(user)
    settings.SIGNUP = "off"
    assert client.get(reverse("organizations:new")).status_code == 403
    user.is_staff = True
    user.save()
    assert client.get(reverse("organizations:new")).status_code == 200
    user.is_staff = False
    user.save()
    settings.SIGNUP = "invite"
    assert client.get(reverse("organizations:new")).status_code == 200
    OrganizationFactory()  # unrelated


def test_a_person_moves_their_login_to_a_new_address_confirmed_from_it(
    client, mailbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="ana@old.example")
    client.force_login(user)
    data = {"email": "Ana@New.example", "password": "pass-word-123"}
    response = client.post(reverse("accounts:email_change"), data)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.username == "ana@old.example"  # nothing until the link is opened
    link = link_in(mailbox.to("ana@new.example")[0])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.get(link).status_code == 302
    user.refresh_from_db()
    assert (user.username, user.email) == ("ana@new.example", "ana@new.example")
    (told,) = mailbox.to("ana@old.example")
    assert "ana@new.example" in told.get_body(preferencelist=("plain",)).get_content()


def test_moving_to_an_address_with_a_login_answers_the_same_and_changes_nothing(client, mailbox):
    UserFactory(email="taken@example.org")
    user = UserFactory(email="ana@example.org")
    client.force_login(user)
    answers = []
    for address in ("taken@example.org", "free@example.org"):
        response = client.post(
            reverse("accounts:email_change"),
            {"email": address, "password": "pass-word-123"},
            follow=True,
        )
        answers.append(same_page(response.content).replace(address, "X"))
    assert answers[0] == answers[1]
    (taken,) = mailbox.to("taken@example.org")
    assert taken["Subject"] == "This address already has a login to the Outreach planner"
    user.refresh_from_db()
    assert user.username == "ana@example.org"


def test_a_wrong_password_is_said_at_the_field_and_sends_nothing(client, mailbox):
    client.force_login(UserFactory(email="ana@example.org"))
    response = client.post(
        reverse("accounts:email_change"), {"email": "new@example.org", "password": "nope"}
    )
    assert response.status_code == 400
    assert response.context["email_form"].errors["password"] == [
        "That is not your current password."
    ]
    assert 'value="new@example.org"' in response.content.decode()
    assert mailbox.received == []


def test_an_address_change_link_dies_with_a_password_change(client, mailbox):
    user = UserFactory(email="ana@example.org")
    client.force_login(user)
    client.post(
        reverse("accounts:email_change"), {"email": "new@example.org", "password": "pass-word-123"}
    )
    link = link_in(mailbox.to("new@example.org")[0])
    user.set_password("a-changed-pass-phrase")
    user.save()
    assert Client().get(link).status_code == 400
    user.refresh_from_db()
    assert user.username == "ana@example.org"
