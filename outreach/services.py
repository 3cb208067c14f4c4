"""Writes of the outreach app: members, channels, staff and their assignments.

Every write validates with full_clean(), runs in one transaction with the ChangeRecord that
tells the organization's history what happened, and raises ValidationError (keyed by field
where there is one) when it refuses, having written nothing. Editing services compare the
given values with the stored ones, write only when one differs and return what changed.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import models, transaction

from .models import DUTIES, Assignment, ChangeRecord, Channel, Membership, Organization, StaffMember
from .platforms import label_of

# channels/new/ is the page that adds a channel, so no channel can live at that address.
RESERVED_CHANNEL_KEYS = frozenset({"new"})

CHANNEL_FIELDS = (
    "key",
    "platform",
    "name",
    "handle",
    "identity",
    "objective",
    "audience",
    "presence",
    "follows",
    "response_target_hours",
)
STAFF_FIELDS = ("key", "name", "email", "capacity_hours")
ASSIGNMENT_FIELDS = ("hours_per_week", "duties", "backup")


# Members


@dataclass(frozen=True)
class MemberAdded:
    membership: Membership
    user_created: bool
    role_changed: bool


@transaction.atomic
def member_add(
    *,
    organization: Organization,
    email: str,
    role: str,
    password: str | None = None,
    actor=None,
) -> MemberAdded:
    """Give the person with this email (the login) `role` in `organization`; repeatable.

    The user is created when missing. A given password is set (so a repeated call can reset it);
    a new user without one gets an unusable password until they are given one. The browser's
    form only passes a password for a new login (see MemberAddForm).
    """
    email = email.strip().lower()
    validate_email(email)
    if role not in Membership.Role.values:
        raise ValidationError(
            {"role": f"'{role}' is not a role; use one of {', '.join(Membership.Role)}."}
        )
    User = get_user_model()
    user, user_created = User.objects.get_or_create(username=email, defaults={"email": email})
    if password is not None:
        user.set_password(password)
        user.save(update_fields=["password"])
    elif user_created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    membership, created = Membership.objects.get_or_create(
        user=user, organization=organization, defaults={"role": role}
    )
    role_changed = not created and membership.role != role
    if role_changed:
        _role_set(membership, role)
    if created:
        change_record(
            organization=organization,
            actor=actor,
            subject=ChangeRecord.Subject.MEMBER,
            summary=f"Added {email} as {membership.get_role_display()}",
        )
    elif role_changed:
        _role_change_record(membership, actor)
    return MemberAdded(membership=membership, user_created=user_created, role_changed=role_changed)


@transaction.atomic
def member_set_role(*, membership: Membership, role: str, actor) -> bool:
    """Give a member another role; refused when it would leave the organization no manager.

    Returns whether anything changed.
    """
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"'{role}' is not a role."})
    if membership.role == role:
        return False
    _role_set(membership, role)
    _role_change_record(membership, actor)
    return True


@transaction.atomic
def member_remove(*, membership: Membership, actor) -> None:
    """Take a person out of the organization (their login stays, for their other ones).

    Refused for oneself (another manager can do it) and for the last manager.
    """
    if actor is not None and membership.user_id == actor.pk:
        raise ValidationError(
            "You cannot remove yourself; another manager of the organization can."
        )
    _lock_members(membership.organization)
    if membership.is_manager and _is_last_manager(membership):
        raise ValidationError(_last_manager_message(membership))
    label = f"{membership.user.email or membership.user.username} ({membership.get_role_display()})"
    membership.delete()
    change_record(
        organization=membership.organization,
        actor=actor,
        subject=ChangeRecord.Subject.MEMBER,
        summary=f"Removed {label} from the members",
    )


def _role_set(membership: Membership, role: str) -> None:
    _lock_members(membership.organization)
    if membership.is_manager and role != Membership.Role.MANAGER and _is_last_manager(membership):
        raise ValidationError({"role": _last_manager_message(membership)})
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])


def _lock_members(organization: Organization) -> None:
    # Two managers demoting or removing each other at once must not both succeed and leave
    # nobody in charge: changes to one organization's members take turns on its row.
    Organization.objects.select_for_update().filter(pk=organization.pk).first()


def _is_last_manager(membership: Membership) -> bool:
    others = Membership.objects.filter(
        organization_id=membership.organization_id, role=Membership.Role.MANAGER
    ).exclude(pk=membership.pk)
    return not others.exists()


def _last_manager_message(membership: Membership) -> str:
    return (
        f"{membership.user.email} is the only manager of {membership.organization}; "
        "make someone else a manager first."
    )


def _role_change_record(membership: Membership, actor) -> None:
    change_record(
        organization=membership.organization,
        actor=actor,
        subject=ChangeRecord.Subject.MEMBER,
        summary=f"Changed {membership.user.email}'s role to {membership.get_role_display()}",
    )


# Channels


@transaction.atomic
def channel_create(
    *,
    organization: Organization,
    actor,
    key: str,
    platform: str,
    name: str,
    handle: str = "",
    identity: str = "",
    objective: str = "",
    audience: str = "",
    presence: str = "",
    follows: int | None = None,
    response_target_hours: int | None = None,
) -> Channel:
    channel = Channel(
        organization=organization,
        key=key,
        platform=platform,
        name=name,
        handle=handle,
        identity=identity,
        objective=objective,
        audience=audience,
        presence=presence,
        follows=follows,
        response_target_hours=response_target_hours,
    )
    _full_clean_keyed(channel)
    channel.save()
    change_record(
        organization=organization,
        actor=actor,
        subject=ChangeRecord.Subject.CHANNEL,
        summary=f"Added channel {channel} ({label_of(channel.platform)})",
    )
    return channel


@transaction.atomic
def channel_update(*, channel: Channel, actor, data: Mapping[str, Any]) -> list[str]:
    """Set the channel's fields named in `data` (any of CHANNEL_FIELDS); returns those changed."""
    changed = _fields_set(channel, data, CHANNEL_FIELDS)
    if not changed:
        return []
    _full_clean_keyed(channel)
    channel.save(update_fields=changed)
    change_record(
        organization=channel.organization,
        actor=actor,
        subject=ChangeRecord.Subject.CHANNEL,
        summary=f"Changed {channel}: {_field_names(Channel, changed)}",
    )
    return changed


@transaction.atomic
def channel_deactivate(*, channel: Channel, actor) -> bool:
    """Take the channel out of the audit; its plan entries and past audits stay as they are."""
    return _channel_set_active(channel, False, actor)


@transaction.atomic
def channel_activate(*, channel: Channel, actor) -> bool:
    """Bring a deactivated channel back into the audit."""
    return _channel_set_active(channel, True, actor)


def _channel_set_active(channel: Channel, active: bool, actor) -> bool:
    if channel.active == active:
        return False
    channel.active = active
    channel.save(update_fields=["active"])
    verb = "Reactivated" if active else "Deactivated"
    change_record(
        organization=channel.organization,
        actor=actor,
        subject=ChangeRecord.Subject.CHANNEL,
        summary=f"{verb} channel {channel} ({label_of(channel.platform)})",
    )
    return True


# Staff


@transaction.atomic
def staff_create(
    *,
    organization: Organization,
    actor,
    key: str,
    name: str,
    capacity_hours: Decimal,
    email: str = "",
) -> StaffMember:
    person = StaffMember(
        organization=organization, key=key, name=name, email=email, capacity_hours=capacity_hours
    )
    _full_clean_keyed(person)
    person.save()
    change_record(
        organization=organization,
        actor=actor,
        subject=ChangeRecord.Subject.STAFF,
        summary=f"Added {person.name} to the staff, {_hours(person.capacity_hours)} h a week",
    )
    return person


@transaction.atomic
def staff_update(*, person: StaffMember, actor, data: Mapping[str, Any]) -> list[str]:
    """Set the person's fields named in `data` (any of STAFF_FIELDS); returns those changed."""
    changed = _fields_set(person, data, STAFF_FIELDS)
    if not changed:
        return []
    _full_clean_keyed(person)
    person.save(update_fields=changed)
    change_record(
        organization=person.organization,
        actor=actor,
        subject=ChangeRecord.Subject.STAFF,
        summary=f"Changed {person.name}: {_field_names(StaffMember, changed)}",
    )
    return changed


@transaction.atomic
def staff_remove(*, person: StaffMember, actor) -> int:
    """Remove a person with their assignments; activities they owned keep no owner (the
    database sets them to none). Returns how many assignments went with them."""
    assignments = person.assignments.count()
    person.delete()
    change_record(
        organization=person.organization,
        actor=actor,
        subject=ChangeRecord.Subject.STAFF,
        summary=f"Removed {person.name} from the staff, with {_count(assignments, 'assignment')}",
    )
    return assignments


# Assignments


@transaction.atomic
def assignment_create(
    *,
    channel: Channel,
    staff: StaffMember,
    actor,
    hours_per_week: Decimal,
    duties: Iterable[str] = (),
    backup: bool = False,
) -> Assignment:
    assignment = Assignment(channel=channel, staff=staff, hours_per_week=hours_per_week)
    _duties_set(assignment, duties)
    assignment.backup = backup
    errors = {}
    if Assignment.objects.filter(channel=channel, staff=staff).exists():
        errors["staff"] = (
            f"{staff.name} is already assigned to {channel}; edit that assignment instead."
        )
    # The (person, channel) constraint is checked just above, to say so next to the person.
    _full_clean(assignment, exclude=("staff",), errors=errors)
    assignment.save()
    change_record(
        organization=channel.organization,
        actor=actor,
        subject=ChangeRecord.Subject.ASSIGNMENT,
        summary=f"Assigned {staff.name} to {channel}, {_assignment_terms(assignment)}",
    )
    return assignment


@transaction.atomic
def assignment_update(*, assignment: Assignment, actor, data: Mapping[str, Any]) -> list[str]:
    """Set hours, duties (a list of DUTIES) or backup; returns the names of those changed."""
    _fields_unknown_refuse(data, ASSIGNMENT_FIELDS)
    duties_before = assignment.duties
    # `duties` is stored as four booleans, so it is compared apart from the plain fields.
    fields = {name: value for name, value in data.items() if name != "duties"}
    changed = _fields_set(assignment, fields, ASSIGNMENT_FIELDS)
    if "duties" in data:
        _duties_set(assignment, data["duties"])
        if assignment.duties != duties_before:
            changed.append("duties")
    if not changed:
        return []
    _full_clean(assignment, exclude=("staff",))
    assignment.save()
    change_record(
        organization=assignment.channel.organization,
        actor=actor,
        subject=ChangeRecord.Subject.ASSIGNMENT,
        summary=(
            f"Changed {assignment.staff.name} on {assignment.channel} "
            f"to {_assignment_terms(assignment)}"
        ),
    )
    return changed


@transaction.atomic
def assignment_remove(*, assignment: Assignment, actor) -> None:
    assignment.delete()
    change_record(
        organization=assignment.channel.organization,
        actor=actor,
        subject=ChangeRecord.Subject.ASSIGNMENT,
        summary=f"Unassigned {assignment.staff.name} from {assignment.channel}",
    )


def _duties_set(assignment: Assignment, duties: Iterable[str]) -> None:
    duties = set(duties)
    unknown = duties - set(DUTIES)
    if unknown:
        raise ValidationError(
            {"duties": f"Not a duty: {', '.join(sorted(unknown))}; use {', '.join(DUTIES)}."}
        )
    for duty in DUTIES:
        setattr(assignment, f"duty_{duty}", duty in duties)


def _assignment_terms(assignment: Assignment) -> str:
    duties = ", ".join(assignment.duties) or "no duties"
    backup = "; backup" if assignment.backup else ""
    return f"{_hours(assignment.hours_per_week)} h a week ({duties}{backup})"


# The history


def change_record(
    *,
    organization: Organization,
    actor,
    subject: str,
    summary: str,
    plan_revision: int | None = None,
    plan_version: int | None = None,
) -> ChangeRecord:
    """Note a change in the organization's history (who, what, when)."""
    record = ChangeRecord(
        organization=organization,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        subject=subject,
        summary=summary[:1000],
        plan_revision=plan_revision,
        plan_version=plan_version,
    )
    record.full_clean()
    record.save()
    return record


# Shared


def _fields_set(obj: models.Model, data: Mapping[str, Any], allowed: tuple[str, ...]) -> list:
    _fields_unknown_refuse(data, allowed)
    changed = [name for name in allowed if name in data and getattr(obj, name) != data[name]]
    for name in changed:
        setattr(obj, name, data[name])
    return changed


def _fields_unknown_refuse(data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        # A programming error, not a person's: say so loudly rather than ignore the value.
        raise TypeError(f"Cannot set {', '.join(sorted(unknown))}; only {', '.join(allowed)}.")


def _full_clean_keyed(obj: Channel | StaffMember) -> None:
    """full_clean() of a channel or person, with its key's uniqueness said next to the key."""
    errors = {}
    if isinstance(obj, Channel) and obj.key in RESERVED_CHANNEL_KEYS:
        errors["key"] = f"'{obj.key}' is kept for the page that adds a channel; choose another."
    taken = type(obj).objects.for_organization(obj.organization).filter(key=obj.key)
    if obj.pk is not None:
        taken = taken.exclude(pk=obj.pk)
    if obj.key and taken.exists():
        noun = "channel" if isinstance(obj, Channel) else "person"
        errors["key"] = f"Another {noun} of {obj.organization} already has the key '{obj.key}'."
    # The (organization, key) constraint is checked above: full_clean() would report it above
    # the form ("… with this Organization and Key already exists") instead of at the key.
    _full_clean(obj, exclude=("organization",), errors=errors)


def _full_clean(obj: models.Model, *, exclude: tuple[str, ...] = (), errors=None) -> None:
    """full_clean(), raised together with the service's own `errors` (field -> message), so a
    form shows every problem at once, each next to its field."""
    found: dict = {}
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        found = error.update_error_dict(found)
    for field, message in (errors or {}).items():
        found.setdefault(field, []).append(ValidationError(message))
    if found:
        raise ValidationError(found)


def _field_names(model: type[models.Model], names: list[str]) -> str:
    return ", ".join(str(model._meta.get_field(name).verbose_name) for name in names)


def _hours(value: Decimal) -> str:
    return f"{Decimal(value).normalize():f}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
