"""Starting an organization in the browser: empty, from the worked example or from a plan file;
its creator is its first manager; a bad file or a taken address creates nothing."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from outreach.models import Channel, Membership, Organization
from outreach.tests.factories import OrganizationFactory
from strategy.models import StrategyPlan
from strategy.selectors import plan_document
from strategy.services.onboarding import example_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def creator(client, settings):
    from outreach.tests.factories import UserFactory

    settings.SIGNUP = "open"
    user = UserFactory(email="ana@example.org")
    client.force_login(user)
    return user


def start(client, **data):
    return client.post(reverse("organizations:new"), data)


def test_an_empty_organization_with_its_creator_as_manager(client, creator):
    response = start(client, name="Tide Pool Trust", slug="", start="empty")
    assert response.status_code == 302 and response.url == "/o/tide-pool-trust/"
    organization = Organization.objects.get(slug="tide-pool-trust")
    membership = Membership.objects.get(organization=organization)
    assert (membership.user, membership.role) == (creator, "manager")
    assert not Channel.objects.filter(organization=organization).exists()


def test_the_worked_example_gives_channels_people_and_a_plan_under_the_new_name(client, creator):
    assert start(client, name="Tide Pool Trust", slug="tide", start="example").status_code == 302
    organization = Organization.objects.get(slug="tide")
    channels = list(Channel.objects.filter(organization=organization))
    assert len(channels) == 5
    assert all(c.handle == "" for c in channels)  # the demo's handles are the demo's
    assert any("Tide Pool Trust" in c.name for c in channels)
    assert not any("Harbourside" in c.name for c in channels)
    plan = StrategyPlan.objects.get(organization=organization)
    assert plan.activities.count() > 10
    assert Membership.objects.get(organization=organization).user == creator


def test_the_example_document_is_a_valid_plan_file():
    from strategy.planfile import plan_document_errors

    assert plan_document_errors(example_document(name="X & Co", slug="x-co")) == []


def test_a_plan_file_from_another_organization_starts_this_one(client, creator, organization):
    from outreach.tests.factories import ChannelFactory
    from strategy.tests.factories import StrategyPlanFactory

    StrategyPlanFactory(organization=organization)
    ChannelFactory(organization=organization, key="tw", handle="@acme")
    raw = json.dumps(plan_document(organization=organization)).encode()
    upload = SimpleUploadedFile("plan.json", raw, content_type="application/json")
    response = start(client, name="Copy", slug="copy", start="file", file=upload)
    assert response.status_code == 302, response.content.decode()[-2000:]
    copy = Organization.objects.get(slug="copy")
    assert list(copy.channels.values_list("key", "handle")) == [("tw", "@acme")]
    assert organization.channels.count() == 1  # the source is untouched


def test_a_bad_file_creates_nothing_and_says_what_is_wrong_keeping_the_name(client, creator):
    upload = SimpleUploadedFile("plan.json", b'{"format": 1, "organization": {}}')
    response = start(client, name="Tide Pool Trust", slug="tide", start="file", file=upload)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Nothing was created" in page and 'value="Tide Pool Trust"' in page
    assert not Organization.objects.filter(slug="tide").exists()


def test_a_taken_address_is_refused_at_the_field(client, creator):
    OrganizationFactory(slug="tide")
    for how in ("empty", "example"):
        response = start(client, name="Tide Pool Trust", slug="tide", start=how)
        assert response.status_code == 400
        assert response.context["form"].errors["slug"] == [
            "The address “tide” is taken; choose another."
        ]
    assert Organization.objects.filter(slug="tide").count() == 1
    assert not Membership.objects.filter(user=creator).exists()


def test_choosing_a_file_without_one_is_said_at_the_field(client, creator):
    response = start(client, name="Tide", slug="", start="file")
    assert response.context["form"].errors["file"] == ["Choose the plan file to start from."]
    assert not Organization.objects.exists()
