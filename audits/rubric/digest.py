"""The plan's figures as plain JSON, stored with each audit run.

The dashboard and the weekly report read stored results only; the digest lets them draw the
plan as it was when audited (its links and pointing posts, hours, duties), next to the scores
that plan earned. Built from the same figures the checks read. Plain Python (no Django).
"""

from decimal import Decimal

from outreach.platforms import CURATE, DUTIES, MODERATE, POST, RESPOND, is_community
from strategy.activity_kinds import CONTENT_KINDS, RETWEET

from .figures import channel_figures, staff_load
from .snapshot import ActualFacts, ChannelFacts, PlanSnapshot

DUTY_ORDER = tuple(DUTIES)


def duties_needed(channel: ChannelFacts, kinds) -> set[str]:
    """The duties someone must hold on a channel, as the rubric sees it: answering people on
    every channel (I2), moderating on community pages (I3), posting the planned content and
    curating the planned re-shares."""
    needed = {RESPOND}
    if is_community(channel.platform):
        needed.add(MODERATE)
    if set(kinds) & CONTENT_KINDS:
        needed.add(POST)
    if RETWEET in kinds:
        needed.add(CURATE)
    return needed


def _number(value: Decimal) -> float | int:
    return int(value) if value == int(value) else float(value)


def _share(value) -> float | None:
    return None if value is None else round(float(value), 4)


def _actual(facts: ActualFacts | None) -> dict | None:
    """What the channel actually did, per week, as the pages and the email show it beside the
    plan; None for a channel audited on its plan alone."""
    if facts is None:
        return None

    def per_week(count):
        value = facts.per_week(count)
        return None if value is None else round(float(value), 2)

    return {
        "weeks": _number(facts.weeks.quantize(Decimal("0.1"))),
        "period_end": facts.period_end.isoformat(),
        "items": facts.items,
        "items_per_week": per_week(facts.items),
        "content_per_week": per_week(facts.content),
        "replies_per_week": per_week(facts.replies),
        "reshares_per_week": per_week(facts.reshares),
        "interactive_share": _share(facts.interactive_share),
        "reply_median_hours": None
        if facts.reply_delay_median_hours is None
        else float(facts.reply_delay_median_hours),
        "authors": list(facts.authors),
    }


def plan_digest(snapshot: PlanSnapshot) -> dict:
    figures = channel_figures(snapshot)
    people = {p.key: p.name for p in snapshot.staff}
    active = [c for c in snapshot.channels if c.active]
    active_keys = {c.key for c in active}
    channels = []
    for channel in active:
        f = figures[channel.key]
        needed = duties_needed(channel, f.per_kind)
        channels.append(
            {
                "key": channel.key,
                "label": channel.label,
                "name": channel.name,
                "platform": channel.platform,
                "family": f.family,
                "identity": channel.identity,
                "occurrences_per_week": _number(f.occurrences_per_week),
                "content_per_week": _number(f.content_per_week),
                "interactive_share": None
                if f.interactive_share is None
                else round(float(f.interactive_share), 4),
                "hours_needed": _number(f.hours_needed),
                "hours_assigned": _number(f.hours_assigned),
                "people": [people.get(key, key) for key in f.people],
                "duties_unheld": [d for d in DUTY_ORDER if d in needed and d not in f.duties],
                "points_to": {k: _number(n) for k, n in sorted(f.points_to.items())},
                "response_target_hours": channel.response_target_hours,
                "planned": {
                    "occurrences_per_week": _number(f.occurrences_per_week),
                    "content_per_week": _number(f.content_per_week),
                    "replies_per_week": _number(f.per_week("reply")),
                    "reshares_per_week": _number(f.per_week("retweet")),
                    "interactive_share": _share(f.interactive_share),
                },
                "actual": _actual(snapshot.actual.get(channel.key)),
            }
        )
    return {
        "channels": channels,
        "links": [
            {"from": link.from_channel, "to": link.to_channel, "how": link.how}
            for link in snapshot.links
            if link.from_channel in active_keys
            and link.to_channel in active_keys
            and link.from_channel != link.to_channel
        ],
        "staff": [
            {
                "key": load.key,
                "name": load.name,
                "capacity_hours": _number(load.capacity_hours),
                "booked_hours": _number(load.booked_hours),
                "channels": list(load.channels),
            }
            for load in staff_load(snapshot).values()
        ],
    }
