"""Invitations: a manager invites an address with a role; the person accepts from the email.

The manager's answer is the same whether or not the address has a login anywhere (the
invitation is sent either way; only this organization's members are looked up, to refuse
inviting one twice). The link is the invited mailbox's: accepting needs the link, and a login
with the invited address (made from the link when there is none)."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ..accounts.tokens import invitation_token
from ..models import ChangeRecord, Invitation, Membership, Organization
from ..selectors import member_with_email
from .accounts import account_email_send, normalized_email
from .history import change_record
from .members import member_add


def _pending(organization: Organization, email: str):
    return (
        Invitation.objects.for_organization(organization)
        .select_for_update()
        .filter(email=email, accepted_at__isnull=True, withdrawn_at__isnull=True)
        .first()
    )


def _send(invitation: Invitation, actor) -> None:
    """A new nonce (links sent before stop working), the time, and the email, in the caller's
    transaction: an email that cannot be sent leaves nothing written."""
    invitation.nonce = secrets.token_hex(16)
    invitation.sent_at = timezone.now()
    invitation.invited_by = actor
    invitation.save()
    account_email_send(
        to=invitation.email,
        template="invitation",
        context={
            "invitation": invitation,
            "inviter": (actor.first_name or actor.email) if actor else "A manager",
            "link": reverse("accounts:invitation", args=[invitation_token(invitation)]),
            "days": settings.INVITATION_DAYS,
        },
    )


@transaction.atomic
def invitation_send(*, organization: Organization, email: str, role: str, actor) -> Invitation:
    """Invite `email` as `role`, or send its pending invitation again (with this role)."""
    email = normalized_email(email)
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": "Enter an email address, like ana@example.org."}) from error
    if role not in Membership.Role.values:
        raise ValidationError({"role": f"'{role}' is not a role; choose Manager or Comms staff."})
    if member_with_email(organization=organization, email=email):
        raise ValidationError({"email": f"{email} is already a member of {organization.name}."})
    invitation = _pending(organization, email)
    again = invitation is not None
    if invitation is None:
        invitation = Invitation(organization=organization, email=email)
    invitation.role = role
    _send(invitation, actor)
    change_record(
        organization=organization,
        actor=actor,
        subject=ChangeRecord.Subject.MEMBER,
        summary=f"{'Invited again' if again else 'Invited'} {email} as "
        f"{invitation.get_role_display()}",
    )
    return invitation


@transaction.atomic
def invitation_resend(*, invitation: Invitation, actor) -> Invitation:
    invitation = _locked_pending(invitation)
    _send(invitation, actor)
    change_record(
        organization=invitation.organization,
        actor=actor,
        subject=ChangeRecord.Subject.MEMBER,
        summary=f"Sent the invitation of {invitation.email} again",
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, invitation: Invitation, actor) -> None:
    invitation = _locked_pending(invitation)
    invitation.withdrawn_at = timezone.now()
    invitation.save(update_fields=["withdrawn_at"])
    change_record(
        organization=invitation.organization,
        actor=actor,
        subject=ChangeRecord.Subject.MEMBER,
        summary=f"Withdrew the invitation of {invitation.email}",
    )


def _locked_pending(invitation: Invitation) -> Invitation:
    locked = (
        Invitation.objects.select_for_update()
        .select_related("organization")
        .filter(pk=invitation.pk)
        .first()
    )
    if locked is None or not locked.is_pending:
        raise ValidationError(
            f"The invitation of {invitation.email} was accepted or withdrawn meanwhile."
        )
    return locked


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """`user` (whose address is the invited one) joins the invitation's organization, and only
    it, with its role; the invitation is used up. Someone who is a member already keeps their
    role. Twice (two tabs) is refused by the row's lock."""
    invitation = _locked_pending(invitation)
    if normalized_email(user.email or user.username) != invitation.email:
        raise ValidationError(f"This invitation is for {invitation.email}.")
    existing = member_with_email(organization=invitation.organization, email=invitation.email)
    membership = existing or (
        member_add(
            organization=invitation.organization,
            email=invitation.email,
            role=invitation.role,
            actor=user,
        ).membership
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
