"""The database itself refuses what the simple rules forbid."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from outreach.tests.factories import (
    AssignmentFactory,
    ChannelFactory,
    OrganizationFactory,
    StaffMemberFactory,
)


@pytest.mark.django_db
def test_channel_keys_are_unique_within_an_organization_only():
    first = ChannelFactory(key="tw")
    ChannelFactory(key="tw")  # another organization: fine
    with pytest.raises(IntegrityError), transaction.atomic():
        ChannelFactory(key="tw", organization=first.organization)


@pytest.mark.django_db
def test_unknown_platform_is_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        ChannelFactory(platform="myspace")


@pytest.mark.django_db
def test_negative_capacity_and_hours_are_refused_by_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffMemberFactory(capacity_hours=Decimal("-1"))
    with pytest.raises(IntegrityError), transaction.atomic():
        AssignmentFactory(hours_per_week=Decimal("-2"))


@pytest.mark.django_db
def test_a_person_cannot_be_assigned_to_another_organizations_channel():
    channel = ChannelFactory()
    stranger = StaffMemberFactory(organization=OrganizationFactory())
    assignment = AssignmentFactory.build(channel=channel, staff=stranger)
    with pytest.raises(ValidationError, match="own organization"):
        assignment.full_clean()


@pytest.mark.django_db
def test_presence_belongs_to_community_pages():
    channel = ChannelFactory.build(
        organization=OrganizationFactory(), platform="twitter", presence="static"
    )
    with pytest.raises(ValidationError) as error:
        channel.full_clean()
    assert error.value.message_dict == {
        "presence": ["Only community pages (Facebook, LinkedIn) have a presence mode."]
    }


@pytest.mark.django_db
def test_timezone_must_exist():
    organization = OrganizationFactory.build(slug="x", timezone="Mars/Olympus")
    with pytest.raises(ValidationError) as error:
        organization.full_clean()
    assert error.value.message_dict == {
        "timezone": ["'Mars/Olympus' is not a time zone (e.g. Europe/London)."]
    }


@pytest.mark.django_db
def test_assignment_lists_its_duties_in_a_stable_order():
    assignment = AssignmentFactory(duty_post=True, duty_respond=False, duty_curate=True)
    assert assignment.duties == ["post", "curate"]
