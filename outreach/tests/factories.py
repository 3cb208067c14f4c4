from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from outreach.models import (
    Assignment,
    Channel,
    Invitation,
    Membership,
    Notice,
    Objective,
    Organization,
    Platform,
    StaffMember,
    normalized_handle,
)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    username = factory.SelfAttribute("email")
    password = factory.django.Password("pass-word-123")


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organization {n}")
    slug = factory.Sequence(lambda n: f"org-{n}")
    timezone = "Europe/London"


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Membership.Role.COMMS


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel

    organization = factory.SubFactory(OrganizationFactory)
    key = factory.Sequence(lambda n: f"ch{n}")
    platform = Platform.TWITTER
    handle = factory.LazyAttribute(lambda o: f"@{o.key}")
    # As Channel.clean() sets it when a service saves the channel.
    handle_key = factory.LazyAttribute(lambda o: normalized_handle(o.handle))
    name = factory.LazyAttribute(lambda o: f"Channel {o.key}")
    identity = "Main brand"
    objective = Objective.THOUGHT_LEADERSHIP
    audience = "Practitioners"
    presence = factory.LazyAttribute(
        lambda o: "presence" if o.platform in ("facebook", "linkedin") else ""
    )


class StaffMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMember

    organization = factory.SubFactory(OrganizationFactory)
    key = factory.Sequence(lambda n: f"staff{n}")
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.LazyAttribute(lambda o: f"{o.key}@example.org")
    capacity_hours = Decimal("10")


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    channel = factory.SubFactory(ChannelFactory)
    staff = factory.SubFactory(
        StaffMemberFactory, organization=factory.SelfAttribute("..channel.organization")
    )
    hours_per_week = Decimal("3")
    duty_post = True
    duty_respond = True


class NoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Notice

    recipient = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    kind = Notice.Kind.PLAN_SUBMITTED
    subject = factory.Sequence(lambda n: f"Plan {n} waits for your approval")
    message = "Someone submitted the plan for approval."
    link = factory.LazyAttribute(lambda o: f"/o/{o.organization.slug}/plan/")
    event_key = factory.Sequence(lambda n: f"test:{n}")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    organization = factory.SubFactory(OrganizationFactory)
    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    role = Membership.Role.COMMS
    nonce = factory.Sequence(lambda n: f"{n:032x}")
    sent_at = factory.LazyFunction(timezone.now)


def submitted_notices(organization, people, key="event-1"):
    """The notices of one "plan submitted" event for `people`, as the lifecycle makes them."""
    from outreach.services.notices import notices_create

    return notices_create(
        organization=organization,
        recipients=people,
        kind=Notice.Kind.PLAN_SUBMITTED,
        subject="Acme Learning: “Spring plan” waits for your approval",
        message="Ana submitted the plan.",
        link="/o/acme/plan/",
        event_key=key,
    )
