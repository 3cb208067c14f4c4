"""Reads of the outreach app that feed pages."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Prefetch

from .models import Assignment, Channel, Membership, Organization, StaffMember


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


def login_for_email(*, email: str):
    """The user who logs in with `email` (logins are emails), or None."""
    return get_user_model().objects.filter(username=email.strip().lower()).first()


def membership_of(*, organization: Organization, user) -> Membership | None:
    return Membership.objects.for_organization(organization).filter(user=user).first()
