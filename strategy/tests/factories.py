import datetime
from decimal import Decimal

import factory

from outreach.tests.factories import ChannelFactory, OrganizationFactory
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
