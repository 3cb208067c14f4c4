"""Reads of the outreach app that feed pages."""

from decimal import Decimal

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from .models import Assignment, Channel, Invitation, Membership, Notice, Organization, StaffMember


def channel_list(*, organization: Organization):
    """The organization's channels, active first, each with its assignments and people."""
    return (
        Channel.objects.for_organization(organization)
        .prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("staff"))
        )
        .order_by("-active", "id")
    )


def staff_list(*, organization: Organization) -> list[StaffMember]:
    """The organization's people, each with `booked_hours` across their channels."""
    people = list(
        StaffMember.objects.for_organization(organization).prefetch_related(
            Prefetch("assignments", queryset=Assignment.objects.select_related("channel"))
        )
    )
    for person in people:
        person.booked_hours = sum((a.hours_per_week for a in person.assignments.all()), Decimal(0))
        person.over_capacity = person.booked_hours > person.capacity_hours
    return people


def member_list(*, organization: Organization):
    return (
        Membership.objects.for_organization(organization)
        .select_related("user")
        .order_by("role", "user__email")
    )


def staff_choices(*, organization: Organization) -> list[StaffMember]:
    """The organization's people, by name: what a form may offer to choose from."""
    return list(StaffMember.objects.for_organization(organization).order_by("name", "id"))


def member_with_email(*, organization: Organization, email: str) -> Membership | None:
    """The organization's member who logs in with `email`, or None. Only the organization's
    own members are looked at: whether the address has a login elsewhere is none of a
    manager's business (docs/accounts.md)."""
    return (
        Membership.objects.for_organization(organization)
        .filter(user__username=email.strip().lower())
        .select_related("user")
        .first()
    )


# One object of the organization by its address; another organization's answers 404.


def channel_get(*, organization: Organization, key: str) -> Channel:
    return get_object_or_404(Channel.objects.for_organization(organization), key=key)


def channel_page_get(*, organization: Organization, key: str) -> Channel:
    """The channel with its assignments and people, for its own page."""
    return get_object_or_404(channel_list(organization=organization), key=key)


def staff_get(*, organization: Organization, key: str) -> StaffMember:
    return get_object_or_404(StaffMember.objects.for_organization(organization), key=key)


def staff_channel_names(*, person: StaffMember) -> list[str]:
    """The names of the channels a person is assigned to."""
    return [a.channel.name for a in person.assignments.select_related("channel")]


def assignment_get(*, organization: Organization, assignment_id: int) -> Assignment:
    return get_object_or_404(
        Assignment.objects.for_organization(organization).select_related(
            "staff", "channel__organization"
        ),
        pk=assignment_id,
    )


def invitations_pending(*, organization: Organization) -> list[Invitation]:
    """The organization's invitations not yet accepted nor withdrawn, newest first."""
    return list(
        Invitation.objects.for_organization(organization)
        .filter(accepted_at__isnull=True, withdrawn_at__isnull=True)
        .select_related("invited_by")
    )


def invitation_get(*, organization: Organization, invitation_id: int) -> Invitation:
    return get_object_or_404(
        Invitation.objects.for_organization(organization).select_related("organization"),
        pk=invitation_id,
    )


def membership_get(*, organization: Organization, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.for_organization(organization).select_related("user", "organization"),
        pk=membership_id,
    )


def memberships_of(*, user) -> list[Membership]:
    """The user's memberships with their organizations."""
    return list(user.memberships.select_related("organization"))


def notice_list(*, user):
    """The notices shown to `user`, newest first: their own, of the organizations they still
    belong to, with each organization (one query for any number)."""
    return (
        Notice.objects.for_user(user)
        .filter(recipient=user, in_app=True)
        .select_related("organization")
        .order_by("-created_at", "-id")
    )


def _memberships_with_unread_notices():
    unread = (
        Notice.objects.filter(
            recipient_id=OuterRef("user_id"),
            organization_id=OuterRef("organization_id"),
            in_app=True,
            read_at__isnull=True,
        )
        .order_by()
        .values("organization_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return (
        Membership.objects.select_related("organization")
        .annotate(unread_notices=Coalesce(Subquery(unread), 0))
        .order_by("organization__name")
    )


# Built once: resolving the subquery's expressions took a seventh of a warm page's time when
# done for every request (pyinstrument, README "Performance"); each request filters a copy.
MEMBERSHIPS_WITH_UNREAD_NOTICES = _memberships_with_unread_notices()


def memberships_with_unread_notices(*, user):
    """The user's memberships for the organization switcher, each with `unread_notices`: the
    count rides along in the switcher's own query, so the top bar costs no query more."""
    return MEMBERSHIPS_WITH_UNREAD_NOTICES.filter(user=user)
