"""Database plans for the audit's tests, built with the factories."""

from decimal import Decimal

from outreach.tests.factories import AssignmentFactory, ChannelFactory, StaffMemberFactory
from strategy.tests.factories import (
    ChannelLinkFactory,
    PlannedActivityFactory,
    StrategyPlanFactory,
)


def plan_with_channels(organization, n_channels: int, activities_each: int = 3):
    """A plan of `n_channels` alternating X and Facebook channels, each staffed, linked to the
    next and carrying `activities_each` activities."""
    plan = StrategyPlanFactory(organization=organization)
    person = StaffMemberFactory(organization=organization, capacity_hours=Decimal(200))
    channels = [
        ChannelFactory(
            organization=organization,
            key=f"c{i}",
            platform="twitter" if i % 2 == 0 else "facebook",
        )
        for i in range(n_channels)
    ]
    kinds = ["point_to_own_work", "retweet", "reply", "point_to_external", "poll"]
    for i, channel in enumerate(channels):
        AssignmentFactory(channel=channel, staff=person, hours_per_week=Decimal(2))
        for j in range(activities_each):
            PlannedActivityFactory(
                plan=plan,
                channel=channel,
                kind=kinds[j % len(kinds)],
                owner=person,
                links_to=channels[(i + 1) % n_channels] if j == 0 and n_channels > 1 else None,
            )
        if n_channels > 1:
            ChannelLinkFactory(
                plan=plan, from_channel=channel, to_channel=channels[(i + 1) % n_channels]
            )
    return plan, channels
