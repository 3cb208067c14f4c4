"""add_member from the command line."""

import pytest
from django.core.management import CommandError, call_command

from outreach.models import Membership


@pytest.mark.django_db
def test_add_member_creates_and_reports(organization, capsys):
    call_command(
        "add_member", "acme", "ana@example.org", "--role", "manager", "--password", "pw-12345678"
    )
    out = capsys.readouterr().out
    assert "ana@example.org: created and added as manager of acme." in out
    membership = Membership.objects.get()
    assert membership.role == "manager" and membership.user.check_password("pw-12345678")


@pytest.mark.django_db
def test_add_member_is_repeatable(organization, capsys):
    for _ in range(2):
        call_command("add_member", "acme", "ana@example.org", "--role", "comms")
    assert "already a member" in capsys.readouterr().out
    assert Membership.objects.count() == 1


@pytest.mark.django_db
def test_unknown_organization_is_a_clear_error():
    with pytest.raises(CommandError, match="No organization with the slug 'nope'"):
        call_command("add_member", "nope", "ana@example.org", "--role", "comms")


@pytest.mark.django_db
def test_bad_email_is_a_clear_error(organization):
    with pytest.raises(CommandError, match="valid email"):
        call_command("add_member", "acme", "ana-at-example", "--role", "comms")
    assert not Membership.objects.exists()
