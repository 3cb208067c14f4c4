"""Writes of the outreach app: organizations' members."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from .models import ChangeRecord, Membership, Organization


@dataclass(frozen=True)
class MemberAdded:
    membership: Membership
    user_created: bool
    role_changed: bool


@transaction.atomic
def member_add(
    *, organization: Organization, email: str, role: str, password: str | None = None
) -> MemberAdded:
    """Give the person with this email (the login) `role` in `organization`; repeatable.

    The user is created when missing. A given password is set (so a repeated call can reset it);
    a new user without one gets an unusable password until they are given one.
    """
    email = email.strip().lower()
    validate_email(email)
    if role not in Membership.Role.values:
        raise ValidationError(f"'{role}' is not a role; use one of {', '.join(Membership.Role)}.")
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
        membership.role = role
        membership.full_clean()
        membership.save(update_fields=["role"])
    return MemberAdded(membership=membership, user_created=user_created, role_changed=role_changed)


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
