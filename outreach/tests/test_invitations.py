"""Invitations: a manager invites by email with a role, the link works once and for a while,
for its organization only; pending invitations can be sent again or withdrawn; the manager's
answer never tells whether the address has a login elsewhere."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import link_in, same_page
from outreach.accounts.tokens import invitation_token
from outreach.models import ChangeRecord, Invitation, Membership
from outreach.services import invitation_send
from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORDS = {"password1": "a-long-pass-phrase", "password2": "a-long-pass-phrase"}


def invite(manager_client, email, role="comms"):
    return manager_client.post(
        reverse("outreach:member_add", args=["acme"]), {"email": email, "role": role}, follow=True
    )


def test_inviting_answers_the_same_whether_or_not_the_address_has_a_login(
    manager_client, organization, mailbox
):
    UserFactory(email="elsewhere@example.org")
    answers = []
    for address in ("elsewhere@example.org", "nobody@example.org"):
        response = invite(manager_client, address)
        said = [str(m).replace(address, "X") for m in response.context["messages"]]
        answers.append((response.redirect_chain, response.status_code, said))
        # The invitation is listed the same way too.
        row = same_page(response.content).split(address)[1].split("</tr>")[0]
        answers.append(row)
    assert answers[0] == answers[2] and answers[1] == answers[3]
    for address in ("elsewhere@example.org", "nobody@example.org"):
        (message,) = mailbox.to(address)
        assert message["Subject"].endswith("invited you to Acme Learning on the Outreach planner")
        assert link_in(message).startswith("/invitations/")
    assert Invitation.objects.filter(organization=organization).count() == 2


def test_a_new_person_accepts_creates_a_login_and_joins_with_the_role(
    manager_client, organization, mailbox
):
    invite(manager_client, "Ana@Example.org", role="manager")
    link = link_in(mailbox.to("ana@example.org")[0])
    ana = Client()
    assert "Create my login and join" in ana.get(link).content.decode()
    response = ana.post(link, {"name": "Ana Ruiz", **PASSWORDS})
    assert response.status_code == 302 and response.url == "/o/acme/"
    membership = Membership.objects.get(user__username="ana@example.org")
    assert (membership.organization, membership.role) == (organization, "manager")
    assert User.objects.get(username="ana@example.org").first_name == "Ana Ruiz"
    # Works once.
    reused = Client().get(link)
    assert reused.status_code == 410 and "accepted already" in reused.content.decode()


def test_someone_with_a_login_logs_in_then_joins(manager_client, organization, mailbox):
    bo = UserFactory(email="bo@example.org")
    invite(manager_client, "bo@example.org")
    link = link_in(mailbox.to("bo@example.org")[0])
    anonymous = Client().get(link).content.decode()
    assert "Log in to accept" in anonymous and "Create my login" not in anonymous
    client = Client()
    client.force_login(bo)
    assert "Join Acme Learning" in client.get(link).content.decode()
    assert client.post(link).url == "/o/acme/"
    assert Membership.objects.get(user=bo).role == "comms"
    bo.refresh_from_db()
    assert bo.check_password("pass-word-123")  # nobody touched it


def test_a_link_opened_in_another_persons_session_grants_nothing(
    manager_client, organization, mailbox
):
    invite(manager_client, "ana@example.org")
    link = link_in(mailbox.to("ana@example.org")[0])
    intruder = UserFactory(email="intruder@example.org")
    client = Client()
    client.force_login(intruder)
    assert client.get(link).status_code == 403
    assert client.post(link).status_code == 403
    assert not Membership.objects.filter(user=intruder).exists()
    assert Invitation.objects.get(email="ana@example.org").is_pending


def test_an_invitation_for_one_organization_never_grants_another(organization, mailbox):
    other = OrganizationFactory(slug="other")
    invitation = invitation_send(
        organization=other, email="ana@example.org", role="manager", actor=None
    )
    client = Client()
    client.post(
        reverse("accounts:invitation", args=[invitation_token(invitation)]),
        {"name": "Ana", **PASSWORDS},
    )
    memberships = Membership.objects.filter(user__username="ana@example.org")
    assert [m.organization for m in memberships] == [other]
    assert client.get("/o/acme/").status_code == 404


def test_an_expired_invitation_is_refused_with_a_clear_page(manager_client, mailbox, settings):
    invite(manager_client, "ana@example.org")
    link = link_in(mailbox.to("ana@example.org")[0])
    settings.INVITATION_DAYS = 0
    response = Client().get(link)
    assert response.status_code == 410 and "has expired" in response.content.decode()
    response = Client().post(link, {"name": "Ana", **PASSWORDS})
    assert response.status_code == 410
    assert not User.objects.filter(username="ana@example.org").exists()


def test_an_altered_link_is_refused(client):
    response = client.get(reverse("accounts:invitation", args=["nonsense:abc:def"]))
    assert response.status_code == 400 and "does not work" in response.content.decode()


def test_sending_again_replaces_the_link_and_withdrawing_ends_it(
    manager_client, organization, mailbox
):
    invite(manager_client, "ana@example.org")
    first = link_in(mailbox.to("ana@example.org")[0])
    invitation = Invitation.objects.get(email="ana@example.org")
    manager_client.post(reverse("outreach:invitation_resend", args=["acme", invitation.pk]))
    second = link_in(mailbox.to("ana@example.org")[1])
    assert first != second
    assert Client().get(first).status_code == 400  # replaced
    assert Client().get(second).status_code == 200
    manager_client.post(reverse("outreach:invitation_withdraw", args=["acme", invitation.pk]))
    withdrawn = Client().get(second)
    assert withdrawn.status_code == 410 and "withdrawn" in withdrawn.content.decode()
    summaries = list(
        ChangeRecord.objects.filter(organization=organization).values_list("summary", flat=True)
    )
    assert "Withdrew the invitation of ana@example.org" in summaries


def test_the_members_page_lists_pending_invitations_for_managers_only(
    manager_client, comms_client, organization, mailbox
):
    invite(manager_client, "ana@example.org")
    url = reverse("outreach:members", args=["acme"])
    assert "ana@example.org" in manager_client.get(url).content.decode()
    assert "ana@example.org" not in comms_client.get(url).content.decode()


def test_inviting_a_member_is_refused_by_name_and_writes_nothing(manager_client, organization):
    member = MembershipFactory(organization=organization, user__email="bo@example.org")
    response = invite(manager_client, member.user.email)
    assert "bo@example.org is already a member of Acme Learning." in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_failed_email_leaves_no_invitation(manager_client, organization, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    with pytest.raises(OSError):
        invite(manager_client, "ana@example.org")
    assert not Invitation.objects.exists()


def test_comms_cannot_invite(comms_client):
    response = comms_client.post(
        reverse("outreach:member_add", args=["acme"]), {"email": "x@example.org", "role": "manager"}
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_an_old_invitation_signed_long_ago_expires_by_its_sending_time(organization, settings):
    invitation = invitation_send(
        organization=organization, email="ana@example.org", role="comms", actor=None
    )
    token = invitation_token(invitation)
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now() - timedelta(days=30))
    assert Client().get(reverse("accounts:invitation", args=[token])).status_code == 200
    assert re.match(r"[^:]+:[^:]+:[^:]+", token)
