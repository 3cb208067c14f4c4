"""member_add gives a person a role in an organization, creating the user when needed."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from outreach.models import Membership
from outreach.services import member_add


@pytest.mark.django_db
def test_creates_the_user_with_the_email_as_login(organization):
    added = member_add(
        organization=organization,
        email=" Ana@Example.org ",
        role="manager",
        password="a-long-password",
    )
    user = added.membership.user
    assert added.user_created and user.username == user.email == "ana@example.org"
    assert user.check_password("a-long-password")
    assert added.membership.role == Membership.Role.MANAGER


@pytest.mark.django_db
def test_is_repeatable_and_changes_the_role(organization):
    member_add(organization=organization, email="ana@example.org", role="comms")
    again = member_add(organization=organization, email="ana@example.org", role="comms")
    assert not again.user_created and not again.role_changed
    changed = member_add(organization=organization, email="ana@example.org", role="manager")
    assert changed.role_changed
    assert Membership.objects.get().role == "manager"
    assert get_user_model().objects.count() == 1


@pytest.mark.django_db
def test_a_new_user_without_password_cannot_log_in_yet(organization):
    added = member_add(organization=organization, email="bo@example.org", role="comms")
    assert not added.membership.user.has_usable_password()


@pytest.mark.django_db
@pytest.mark.parametrize("email,role", [("not-an-email", "comms"), ("a@example.org", "boss")])
def test_bad_email_or_role_writes_nothing(organization, email, role):
    with pytest.raises(ValidationError):
        member_add(organization=organization, email=email, role=role)
    assert not Membership.objects.exists()
    assert not get_user_model().objects.exists()
