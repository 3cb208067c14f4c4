"""The outreach services: each writes with a ChangeRecord, or refuses and writes nothing."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError

from outreach.models import (
    Assignment,
    ChangeRecord,
    Channel,
    LoginSession,
    Membership,
    StaffMember,
)
from outreach.services import (
    assignment_create,
    assignment_remove,
    assignment_update,
    channel_activate,
    channel_create,
    channel_deactivate,
    channel_update,
    login_session_record,
    member_add,
    member_remove,
    member_set_role,
    staff_create,
    staff_remove,
    staff_update,
)
from outreach.tests.factories import (
    AssignmentFactory,
    ChannelFactory,
    MembershipFactory,
    StaffMemberFactory,
    UserFactory,
)
from strategy.tests.factories import PlannedActivityFactory


def summaries(organization) -> list[str]:
    return list(
        ChangeRecord.objects.for_organization(organization).values_list("summary", flat=True)
    )


# member_add


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
def test_an_existing_login_keeps_its_own_password(organization, other_organization):
    """A manager adding someone who already has a login does not set their password; the
    operators' commands can, with reset_password."""
    ana = MembershipFactory(organization=other_organization, user__email="ana@example.org").user
    added = member_add(
        organization=organization, email="ana@example.org", role="comms", password="hijack-it-1"
    )
    ana.refresh_from_db()
    assert added.membership.user == ana and not added.user_created
    assert ana.check_password("pass-word-123") and not ana.check_password("hijack-it-1")
    member_add(
        organization=organization,
        email="ana@example.org",
        role="comms",
        password="reset-by-ops-1",
        reset_password=True,
    )
    ana.refresh_from_db()
    assert ana.check_password("reset-by-ops-1")


@pytest.mark.django_db
def test_a_new_user_without_password_cannot_log_in_yet(organization):
    added = member_add(organization=organization, email="bo@example.org", role="comms")
    assert not added.membership.user.has_usable_password()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "email,role,message",
    [
        ("not-an-email", "comms", "Enter a valid email address."),
        ("a@example.org", "boss", "'boss' is not a role; use one of manager, comms."),
    ],
)
def test_bad_email_or_role_writes_nothing(organization, email, role, message):
    with pytest.raises(ValidationError) as error:
        member_add(organization=organization, email=email, role=role)
    assert error.value.messages == [message]
    assert not Membership.objects.exists()
    assert not get_user_model().objects.exists()
    assert not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_member_add_notes_who_added_whom(organization):
    actor = UserFactory()
    member_add(organization=organization, email="ana@example.org", role="comms", actor=actor)
    member_add(organization=organization, email="ana@example.org", role="comms", actor=actor)
    record = ChangeRecord.objects.get()  # the repeat changed nothing, so it notes nothing
    assert record.summary == "Added ana@example.org as Comms staff"
    assert record.actor == actor and record.subject == "member"


# member_set_role and member_remove


@pytest.mark.django_db
def test_set_role_changes_it_and_notes_it(organization):
    MembershipFactory(organization=organization, role="manager")
    ana = MembershipFactory(organization=organization, role="comms", user__email="ana@ex.org")
    assert member_set_role(membership=ana, role="manager", actor=None) is True
    assert member_set_role(membership=ana, role="manager", actor=None) is False
    ana.refresh_from_db()
    assert ana.role == "manager"
    assert summaries(organization) == ["Changed ana@ex.org's role to Manager"]


@pytest.mark.django_db
def test_the_last_manager_cannot_become_comms(organization):
    boss = MembershipFactory(organization=organization, role="manager", user__email="b@ex.org")
    with pytest.raises(ValidationError) as error:
        member_set_role(membership=boss, role="comms", actor=boss.user)
    assert "only manager" in error.value.message_dict["role"][0]
    boss.refresh_from_db()
    assert boss.role == "manager" and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_remove_takes_the_member_out_and_keeps_the_login(organization):
    boss = MembershipFactory(organization=organization, role="manager")
    ana = MembershipFactory(organization=organization, role="comms", user__email="ana@ex.org")
    member_remove(membership=ana, actor=boss.user)
    assert list(Membership.objects.all()) == [boss]
    assert get_user_model().objects.filter(email="ana@ex.org").exists()
    record = ChangeRecord.objects.get()
    assert record.summary == "Removed ana@ex.org (Comms staff) from the members"
    assert record.actor == boss.user


@pytest.mark.django_db
def test_remove_ends_every_session_of_the_person_and_no_other(organization):
    boss = MembershipFactory(organization=organization, role="manager")
    ana = MembershipFactory(organization=organization, role="comms")
    theirs = [_logged_in_session(ana.user) for _ in range(2)]
    mine = _logged_in_session(boss.user)
    member_remove(membership=ana, actor=boss.user)
    assert list(Session.objects.values_list("session_key", flat=True)) == [mine]
    assert not LoginSession.objects.filter(session_key__in=theirs).exists()


@pytest.mark.django_db
def test_a_refused_removal_ends_no_session(organization):
    boss = MembershipFactory(organization=organization, role="manager")
    key = _logged_in_session(boss.user)
    with pytest.raises(ValidationError):
        member_remove(membership=boss, actor=None)  # the last manager
    assert Session.objects.filter(session_key=key).exists()


def _logged_in_session(user) -> str:
    """A stored session of `user`, noted as the login signal notes it."""
    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session.create()
    login_session_record(user=user, session_key=session.session_key)
    return session.session_key


@pytest.mark.django_db
def test_nobody_removes_themselves(organization):
    boss = MembershipFactory(organization=organization, role="manager")
    MembershipFactory(organization=organization, role="manager")
    with pytest.raises(ValidationError, match="cannot remove yourself"):
        member_remove(membership=boss, actor=boss.user)
    assert Membership.objects.count() == 2 and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_the_last_manager_cannot_be_removed(organization):
    boss = MembershipFactory(organization=organization, role="manager")
    with pytest.raises(ValidationError, match="only manager"):
        member_remove(membership=boss, actor=None)
    assert Membership.objects.count() == 1 and not ChangeRecord.objects.exists()


# Channels


def channel_fields(**overrides):
    return {
        "key": "tw",
        "platform": "twitter",
        "name": "Acme on X",
        "handle": "@acme",
        "objective": "thought_leadership",
        "audience": "L&D leads",
        **overrides,
    }


@pytest.mark.django_db
def test_channel_create_adds_and_notes_it(organization):
    actor = UserFactory()
    channel = channel_create(organization=organization, actor=actor, **channel_fields())
    assert channel.organization == organization and channel.active
    record = ChangeRecord.objects.get()
    assert record.summary == "Added channel Acme on X (X / Twitter)"
    assert (record.actor, record.subject) == (actor, "channel")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"key": "taken"}, "key", "already has the key 'taken'"),
        ({"key": "new"}, "key", "kept for the page that adds a channel"),
        ({"presence": "static"}, "presence", "Only community pages"),
        ({"platform": "myspace"}, "platform", "not a valid choice"),
    ],
)
def test_channel_create_refusals_are_on_the_field_and_write_nothing(
    organization, overrides, field, message
):
    ChannelFactory(organization=organization, key="taken")
    with pytest.raises(ValidationError) as error:
        channel_create(organization=organization, actor=None, **channel_fields(**overrides))
    assert message in " ".join(error.value.message_dict[field])
    assert Channel.objects.count() == 1 and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_channel_create_reports_every_problem_at_once(organization):
    ChannelFactory(organization=organization, key="taken")
    with pytest.raises(ValidationError) as error:
        channel_create(
            organization=organization, actor=None, **channel_fields(key="taken", presence="static")
        )
    assert error.value.message_dict == {
        "key": ["Another channel of Acme Learning already has the key 'taken'."],
        "presence": ["Only community pages (Facebook, LinkedIn) have a presence mode."],
    }
    assert Channel.objects.count() == 1 and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_a_key_used_by_another_organization_is_fine(organization, other_organization):
    ChannelFactory(organization=other_organization, key="tw")
    channel_create(organization=organization, actor=None, **channel_fields())
    assert Channel.objects.for_organization(organization).get().key == "tw"


@pytest.mark.django_db
def test_channel_update_writes_only_what_changed(organization):
    channel = ChannelFactory(organization=organization, platform="facebook", name="Acme page")
    channel.handle = ""
    channel.save()
    changed = channel_update(
        channel=channel,
        actor=None,
        data={"name": "Acme page", "objective": "community", "audience": "alumni"},
    )
    assert changed == ["objective", "audience"]
    assert summaries(organization) == ["Changed Acme page: objective, audience"]
    assert channel_update(channel=channel, actor=None, data={"objective": "community"}) == []
    assert ChangeRecord.objects.count() == 1


@pytest.mark.django_db
def test_channel_update_refused_leaves_the_row(organization):
    ChannelFactory(organization=organization, key="fb")
    channel = ChannelFactory(organization=organization, key="tw", name="Acme on X")
    with pytest.raises(ValidationError) as error:
        channel_update(channel=channel, actor=None, data={"key": "fb", "name": "Renamed"})
    assert error.value.message_dict == {
        "key": ["Another channel of Acme Learning already has the key 'fb'."]
    }
    channel.refresh_from_db()
    assert (channel.key, channel.name) == ("tw", "Acme on X")
    assert not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_channel_update_refuses_unknown_fields(organization):
    channel = ChannelFactory(organization=organization)
    with pytest.raises(TypeError, match="organization"):
        channel_update(channel=channel, actor=None, data={"organization": None})


@pytest.mark.django_db
def test_deactivate_and_activate_keep_the_channel_and_note_it(organization):
    channel = ChannelFactory(organization=organization, handle="@acme", name="Acme on X")
    AssignmentFactory(channel=channel)
    assert channel_deactivate(channel=channel, actor=None) is True
    assert channel_deactivate(channel=channel, actor=None) is False
    channel.refresh_from_db()
    assert not channel.active and channel.assignments.count() == 1
    assert channel_activate(channel=channel, actor=None) is True
    channel.refresh_from_db()
    assert channel.active
    assert summaries(organization) == [
        "Reactivated channel Acme on X (X / Twitter)",
        "Deactivated channel Acme on X (X / Twitter)",
    ]


# Staff


@pytest.mark.django_db
def test_staff_create_adds_and_notes_it(organization):
    person = staff_create(
        organization=organization,
        actor=None,
        key="ana",
        name="Ana Ruiz",
        email="ana@example.org",
        capacity_hours=Decimal("10.00"),
    )
    assert person.organization == organization
    assert summaries(organization) == ["Added Ana Ruiz to the staff, 10 h a week"]


@pytest.mark.django_db
def test_staff_create_refuses_a_taken_key_and_negative_capacity(organization):
    StaffMemberFactory(organization=organization, key="ana")
    with pytest.raises(ValidationError) as error:
        staff_create(
            organization=organization,
            actor=None,
            key="ana",
            name="Ana",
            capacity_hours=Decimal("-1"),
        )
    assert error.value.message_dict == {
        "key": ["Another person of Acme Learning already has the key 'ana'."],
        "capacity_hours": ["Ensure this value is greater than or equal to 0."],
    }
    assert StaffMember.objects.count() == 1 and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_staff_update_notes_what_changed(organization):
    person = StaffMemberFactory(organization=organization, name="Ana Ruiz", capacity_hours=10)
    changed = staff_update(
        person=person, actor=None, data={"name": "Ana Ruiz", "capacity_hours": Decimal("12.5")}
    )
    assert changed == ["capacity_hours"]
    assert summaries(organization) == ["Changed Ana Ruiz: capacity hours"]


@pytest.mark.django_db
def test_staff_remove_takes_assignments_and_leaves_activities_ownerless(organization):
    person = StaffMemberFactory(organization=organization, name="Ana Ruiz")
    channel = ChannelFactory(organization=organization)
    AssignmentFactory(staff=person, channel=channel)
    activity = PlannedActivityFactory(
        plan__organization=organization, channel=channel, owner=person
    )
    assert staff_remove(person=person, actor=None) == 1
    assert not StaffMember.objects.exists() and not Assignment.objects.exists()
    activity.refresh_from_db()
    assert activity.owner is None
    assert summaries(organization) == ["Removed Ana Ruiz from the staff, with 1 assignment"]


# Assignments


@pytest.mark.django_db
def test_assignment_create_assigns_and_notes_it(organization):
    channel = ChannelFactory(organization=organization, handle="@acme", name="Acme on X")
    person = StaffMemberFactory(organization=organization, name="Ana Ruiz")
    assignment = assignment_create(
        channel=channel,
        staff=person,
        actor=None,
        hours_per_week=Decimal("4.00"),
        duties=["respond", "post"],
    )
    assert assignment.duties == ["post", "respond"] and not assignment.backup
    assert summaries(organization) == ["Assigned Ana Ruiz to Acme on X, 4 h a week (post, respond)"]


@pytest.mark.django_db
def test_assignment_create_refuses_a_second_assignment_of_one_person(organization):
    existing = AssignmentFactory(channel__organization=organization, staff__name="Ana Ruiz")
    with pytest.raises(ValidationError) as error:
        assignment_create(
            channel=existing.channel, staff=existing.staff, actor=None, hours_per_week=Decimal(1)
        )
    assert "already assigned" in error.value.message_dict["staff"][0]
    assert Assignment.objects.count() == 1 and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_assignment_create_refuses_a_person_of_another_organization(
    organization, other_organization
):
    channel = ChannelFactory(organization=organization)
    stranger = StaffMemberFactory(organization=other_organization)
    with pytest.raises(ValidationError, match="own organization"):
        assignment_create(channel=channel, staff=stranger, actor=None, hours_per_week=Decimal(1))
    assert not Assignment.objects.exists() and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_assignment_create_refuses_unknown_duties(organization):
    channel = ChannelFactory(organization=organization)
    person = StaffMemberFactory(organization=organization)
    with pytest.raises(ValidationError) as error:
        assignment_create(
            channel=channel, staff=person, actor=None, hours_per_week=Decimal(1), duties=["sing"]
        )
    assert "sing" in error.value.message_dict["duties"][0]
    assert not Assignment.objects.exists()


@pytest.mark.django_db
def test_assignment_update_notes_the_new_terms(organization):
    assignment = AssignmentFactory(
        channel__organization=organization,
        channel__handle="@acme",
        channel__name="Acme on X",
        staff__name="Ana Ruiz",
        hours_per_week=Decimal(3),
    )
    changed = assignment_update(
        assignment=assignment,
        actor=None,
        data={"hours_per_week": Decimal("2.5"), "duties": ["post", "respond"], "backup": True},
    )
    assert changed == ["hours_per_week", "backup"]
    assert summaries(organization) == [
        "Changed Ana Ruiz on Acme on X to 2.5 h a week (post, respond; backup)"
    ]
    same = {"hours_per_week": Decimal("2.50"), "duties": ["respond", "post"], "backup": True}
    assert assignment_update(assignment=assignment, actor=None, data=same) == []
    assert ChangeRecord.objects.count() == 1


@pytest.mark.django_db
def test_assignment_update_refuses_negative_hours(organization):
    assignment = AssignmentFactory(channel__organization=organization, hours_per_week=3)
    with pytest.raises(ValidationError) as error:
        assignment_update(assignment=assignment, actor=None, data={"hours_per_week": Decimal(-1)})
    assert error.value.message_dict == {
        "hours_per_week": ["Ensure this value is greater than or equal to 0."]
    }
    assignment.refresh_from_db()
    assert assignment.hours_per_week == 3 and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_assignment_remove_notes_it(organization):
    assignment = AssignmentFactory(
        channel__organization=organization,
        channel__handle="@acme",
        channel__name="Acme on X",
        staff__name="Ana Ruiz",
    )
    assignment_remove(assignment=assignment, actor=None)
    assert not Assignment.objects.exists() and StaffMember.objects.exists()
    assert summaries(organization) == ["Unassigned Ana Ruiz from Acme on X"]
