"""Logging in and finding one's way."""

import pytest
from django.urls import reverse

from outreach.tests.factories import AssignmentFactory, ChannelFactory, StaffMemberFactory


@pytest.mark.django_db
def test_login_page_has_labelled_fields(client):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<label for="id_username">Email</label>' in html
    assert '<label for="id_password">Password</label>' in html


@pytest.mark.django_db
def test_logging_in_leads_to_the_only_organization(client, organization):
    from outreach.services import member_add

    member_add(
        organization=organization, email="ana@example.org", role="comms", password="a-long-password"
    )
    response = client.post(
        reverse("login"),
        {"username": "ana@example.org", "password": "a-long-password"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("strategy:plan", args=["acme"])
    assert b"Acme Learning" in response.content


@pytest.mark.django_db
def test_wrong_password_says_so_and_keeps_the_email(client, organization):
    response = client.post(reverse("login"), {"username": "ana@example.org", "password": "x"})
    assert response.status_code == 200
    assert b"correct" in response.content  # Django's "Please enter a correct ..." message
    assert b'value="ana@example.org"' in response.content


@pytest.mark.django_db
def test_staff_page_flags_people_over_capacity(comms_client, organization):
    person = StaffMemberFactory(organization=organization, name="Ana Ruiz", capacity_hours=2)
    AssignmentFactory(
        staff=person, channel=ChannelFactory(organization=organization), hours_per_week=3
    )
    page = comms_client.get(reverse("outreach:staff", args=["acme"]))
    assert b"Ana Ruiz" in page.content and b"over capacity" in page.content


@pytest.mark.django_db
def test_channel_page_shows_who_holds_it(comms_client, organization):
    channel = ChannelFactory(organization=organization, key="tw", name="Acme on X")
    AssignmentFactory(channel=channel, staff__name="Bo Lee", backup=True)
    page = comms_client.get(reverse("outreach:channel", args=["acme", "tw"]))
    assert b"Acme on X" in page.content and b"Bo Lee" in page.content and b"backup" in page.content
