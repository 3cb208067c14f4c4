"""Members of an organization and their roles."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from ..models import ChangeRecord, Membership, Organization
from .history import change_record


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
    reset_password: bool = False,
    actor=None,
) -> MemberAdded:
    """Give the person with this email (the login) `role` in `organization`; repeatable.

    The user is created when missing, with `password` (or, without one, an unusable password
    until they are given one). An existing login keeps its own password: a manager of one
    organization must not set the password of a person who may belong to others, and the
    manager's page says the same thing either way (docs/accounts.md). Only the operators'
    commands pass `reset_password=True`, which sets `password` on an existing login too.

    `user_created` is for those commands; a manager's page must not show it.
    """
    email = email.strip().lower()
    validate_email(email)
    if role not in Membership.Role.values:
        raise ValidationError(
            {"role": f"'{role}' is not a role; use one of {', '.join(Membership.Role)}."}
        )
    # Hashed whether or not it is used, so that adding an existing login takes as long as
    # creating one: the time of the answer tells nothing either.
    hashed = make_password(password)  # unusable when None
    User = get_user_model()
    user, user_created = User.objects.get_or_create(
        username=email, defaults={"email": email, "password": hashed}
    )
    if reset_password and not user_created and password is not None:
        user.password = hashed
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
    """Take a person out of the organization (their login stays, for their other ones), and
    end every session of theirs at once.

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
    # Deleting the membership logs the person out everywhere (outreach.signals), however it is
    # deleted: here, in the admin, or with its organization.
    membership.delete()
    change_record(
        organization=membership.organization,
        actor=actor,
        subject=ChangeRecord.Subject.MEMBER,
        summary=f"Removed {label} from the members",
    )


@transaction.atomic
def member_leave(*, membership: Membership) -> None:
    """The person leaves the organization on their own; refused for its last manager (who
    makes someone else a manager first). Like a removal, it ends their sessions (the view
    that asks logs them in again, so they stay where they are)."""
    _lock_members(membership.organization)
    if membership.is_manager and _is_last_manager(membership):
        raise ValidationError(
            f"You are the only manager of {membership.organization}; make someone else a "
            "manager first, then leave."
        )
    label = f"{membership.user.email or membership.user.username} ({membership.get_role_display()})"
    membership.delete()
    change_record(
        organization=membership.organization,
        actor=membership.user,
        subject=ChangeRecord.Subject.MEMBER,
        summary=f"{label} left the organization",
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
