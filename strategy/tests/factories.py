import datetime
from decimal import Decimal

import factory

from outreach.tests.factories import ChannelFactory, OrganizationFactory, StaffMemberFactory
from strategy.models import ChannelLink, LinkKind, PlannedActivity, StrategyPlan


class StrategyPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategyPlan

    organization = factory.SubFactory(OrganizationFactory)
    title = "2027 outreach"
    period_start = datetime.date(2027, 1, 1)
    period_end = datetime.date(2027, 6, 30)
    objectives = "Grow the community."


class PlannedActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedActivity

    plan = factory.SubFactory(StrategyPlanFactory)
    channel = factory.SubFactory(
        ChannelFactory, organization=factory.SelfAttribute("..plan.organization")
    )
    kind = PlannedActivity.Kind.POINT_TO_OWN_WORK
    per_week = Decimal("3")
    minutes_each = 10


class ChannelLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChannelLink

    plan = factory.SubFactory(StrategyPlanFactory)
    from_channel = factory.SubFactory(
        ChannelFactory, organization=factory.SelfAttribute("..plan.organization")
    )
    to_channel = factory.SubFactory(
        ChannelFactory, organization=factory.SelfAttribute("..plan.organization")
    )
    how = LinkKind.PROFILE_LINK


def spring_plan(organization):
    """A draft with two channels (Acme on X, Acme page), a person, two activities and a link."""
    plan = StrategyPlanFactory(organization=organization, title="Spring plan")
    tw = ChannelFactory(organization=organization, key="tw", name="Acme on X", handle="@acme")
    fb = ChannelFactory(
        organization=organization, key="fb", name="Acme page", platform="facebook", handle=""
    )
    ana = StaffMemberFactory(organization=organization, key="ana", name="Ana Ruiz")
    PlannedActivityFactory(plan=plan, channel=tw, kind="point_to_own_work", owner=ana)
    PlannedActivityFactory(plan=plan, channel=fb, kind="discussion", per_week=Decimal(1))
    ChannelLinkFactory(plan=plan, from_channel=fb, to_channel=tw)
    return plan
