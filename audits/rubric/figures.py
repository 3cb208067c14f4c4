"""The plan's arithmetic, per channel and per person: the one copy of it.

The rubric's checks read these figures, and the plan-editing page shows the same figures live,
so a number on the page and a number in a finding can never disagree.

Decisions:
- Figures are computed for every channel of the snapshot, inactive ones included (the page may
  show them), but links count only between two different *active* channels: an inactive
  channel neither receives nor gives a link, and a link to an unknown key is ignored.
- An activity planned 0 times a week is not planned: it adds no kind, hours or link.
- "Occurrences" (`occurrences_per_week`, a stored digest key) are all the times a week any
  planned activity happens (pages say "activities a week"); "content posts" are the content
  kinds (own-work pointers, outside pointers, photos); the interactive kinds are the rest.
- Hours are rounded to the hundredth (half up); shares are exact Decimals.
- `people` counts everyone assigned, backups included; `backups` lists those marked backup.
- A person's booked hours count only assignments on active channels.
Plain Python (no Django).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from outreach.platforms import family_of
from outreach.thresholds import effective_thresholds
from strategy.activity_kinds import (
    CONTENT_KINDS,
    EVENT,
    INTERACTIVE_KINDS,
    PHOTO,
    POINT_TO_EXTERNAL,
    POINT_TO_OWN_WORK,
)

from .snapshot import ActualFacts, ChannelFacts, PlanSnapshot

ZERO = Decimal(0)
HUNDREDTH = Decimal("0.01")
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)


def decimal(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _hundredths(value: Decimal) -> Decimal:
    return value.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ChannelFigures:
    key: str
    platform: str
    family: str
    per_kind: dict[str, Decimal]  # kind -> occurrences a week (planned kinds only)
    occurrences_per_week: Decimal
    content_per_week: Decimal
    interactive_per_week: Decimal
    interactive_share: Decimal | None  # 0..1; None when nothing is planned
    own_work_per_week: Decimal
    external_per_week: Decimal
    photo_per_week: Decimal
    visual_per_month: Decimal  # photos and events a month
    posts_target: Decimal  # content posts a week the platform's threshold asks for
    hours_needed: Decimal  # sum of per_week * minutes_each / 60
    hours_assigned: Decimal
    people: tuple[str, ...]  # staff keys assigned, in assignment order, backups included
    backups: tuple[str, ...]  # staff keys of assignments marked backup
    duties: frozenset[str]
    points_to: dict[str, Decimal]  # active channel -> posts a week pointing there (any kind)
    content_points_to: dict[str, Decimal]  # the same, content posts only
    pointed_from: frozenset[str]  # active channels with posts pointing here
    links_out: frozenset[str]  # active channels this one links to (plan links)
    links_in: frozenset[str]  # active channels linking here (plan links)

    def per_week(self, kind: str) -> Decimal:
        return self.per_kind.get(kind, ZERO)

    def reaches(self, other: str) -> bool:
        """Whether a plan link or a planned post leads from this channel to `other`."""
        return other in self.links_out or other in self.points_to

    @property
    def linked_channels(self) -> frozenset[str]:
        """Active channels connected to this one in either direction, by link or post."""
        return self.links_out | self.links_in | set(self.points_to) | self.pointed_from


@dataclass(frozen=True)
class StaffLoad:
    key: str
    name: str
    capacity_hours: Decimal
    booked_hours: Decimal  # across active channels
    channels: tuple[str, ...]  # active channels the person is assigned to
    hours_by_channel: dict[str, Decimal] = field(default_factory=dict)

    @property
    def over_hours(self) -> Decimal:
        return max(ZERO, self.booked_hours - self.capacity_hours)

    @property
    def spare_hours(self) -> Decimal:
        return max(ZERO, self.capacity_hours - self.booked_hours)


@dataclass(frozen=True)
class PlanFigures:
    """Everything the checks read: active channels, their figures, loads and thresholds."""

    channels: tuple[ChannelFacts, ...]  # active channels, in snapshot order
    figures: dict[str, ChannelFigures]
    staff: dict[str, StaffLoad]
    thresholds: dict[str, float]
    identities: dict[str, str] = field(default_factory=dict)  # channel key -> its identity
    # What active channels actually published, where export files were imported.
    actual: dict[str, ActualFacts] = field(default_factory=dict)

    def knows(self, key: str, what: str) -> bool:
        """Whether channel `key`'s evidence can tell `what` (an ActualFacts field): then the
        principle is checked on what was done, not on the plan."""
        facts = self.actual.get(key)
        return facts is not None and getattr(facts, what) is not None

    def label(self, key: str) -> str:
        return next(c.label for c in self.channels if c.key == key)

    def staff_name(self, key: str) -> str:
        load = self.staff.get(key)
        return load.name if load else key

    def threshold(self, name: str) -> Decimal:
        return decimal(self.thresholds[name])

    def identity_of(self, key: str) -> str:
        """The identity (initiative) channel `key` speaks for, compared case-insensitively.

        A channel with no identity speaks for the organization itself; when the plan names only
        one identity, that one is the organization's, so leaving it blank on some channels
        does not split them apart.
        """
        return self.identities[key]

    def same_identity(self, key: str) -> list[ChannelFacts]:
        """The other active channels of `key`'s identity, in plan order."""
        mine = self.identities[key]
        return [c for c in self.channels if c.key != key and self.identities[c.key] == mine]

    def with_spare_hours(self, exclude=()) -> list[StaffLoad]:
        """People with hours to spare, most spare first (then plan order), but `exclude`."""
        spare = [p for p in self.staff.values() if p.spare_hours > 0 and p.key not in exclude]
        return sorted(spare, key=lambda p: -p.spare_hours)


def _identity_groups(channels: tuple[ChannelFacts, ...]) -> dict[str, str]:
    named = {c.identity.strip().casefold() for c in channels} - {""}
    own = next(iter(named)) if len(named) == 1 else ""
    return {c.key: c.identity.strip().casefold() or own for c in channels}


def channel_figures(
    snapshot: PlanSnapshot, thresholds: dict | None = None
) -> dict[str, ChannelFigures]:
    """Figures of every channel of the plan, keyed by channel key."""
    if thresholds is None:
        thresholds = effective_thresholds(snapshot.thresholds)
    channels = {c.key: c for c in snapshot.channels}
    active = {c.key for c in snapshot.channels if c.active}

    per_kind = defaultdict(lambda: defaultdict(Decimal))
    minutes = defaultdict(Decimal)
    points_to = defaultdict(lambda: defaultdict(Decimal))
    content_points_to = defaultdict(lambda: defaultdict(Decimal))
    pointed_from = defaultdict(set)
    for activity in snapshot.activities:
        per_week = decimal(activity.per_week)
        if activity.channel not in channels or per_week <= 0:
            continue
        per_kind[activity.channel][activity.kind] += per_week
        minutes[activity.channel] += per_week * decimal(activity.minutes_each)
        target = activity.links_to
        if target in active and target != activity.channel:
            points_to[activity.channel][target] += per_week
            if activity.kind in CONTENT_KINDS:
                content_points_to[activity.channel][target] += per_week
            if activity.channel in active:
                pointed_from[target].add(activity.channel)

    links_out = defaultdict(set)
    links_in = defaultdict(set)
    for link in snapshot.links:
        if link.from_channel == link.to_channel:
            continue
        if link.from_channel in channels and link.to_channel in active:
            links_out[link.from_channel].add(link.to_channel)
        if link.to_channel in channels and link.from_channel in active:
            links_in[link.to_channel].add(link.from_channel)

    assigned = defaultdict(Decimal)
    people = defaultdict(list)
    backups = defaultdict(list)
    duties = defaultdict(set)
    for assignment in snapshot.assignments:
        key = assignment.channel
        if key not in channels:
            continue
        assigned[key] += decimal(assignment.hours_per_week)
        if assignment.staff not in people[key]:
            people[key].append(assignment.staff)
        if assignment.backup and assignment.staff not in backups[key]:
            backups[key].append(assignment.staff)
        duties[key] |= set(assignment.duties)

    result = {}
    for key, channel in channels.items():
        kinds = dict(per_kind[key])
        occurrences = sum(kinds.values(), ZERO)
        content = sum((n for k, n in kinds.items() if k in CONTENT_KINDS), ZERO)
        interactive = sum((n for k, n in kinds.items() if k in INTERACTIVE_KINDS), ZERO)
        visual = kinds.get(PHOTO, ZERO) + kinds.get(EVENT, ZERO)
        result[key] = ChannelFigures(
            key=key,
            platform=channel.platform,
            family=family_of(channel.platform),
            per_kind=kinds,
            occurrences_per_week=occurrences,
            content_per_week=content,
            interactive_per_week=interactive,
            interactive_share=interactive / occurrences if occurrences else None,
            own_work_per_week=kinds.get(POINT_TO_OWN_WORK, ZERO),
            external_per_week=kinds.get(POINT_TO_EXTERNAL, ZERO),
            photo_per_week=kinds.get(PHOTO, ZERO),
            visual_per_month=_hundredths(visual * WEEKS_PER_MONTH),
            posts_target=decimal(thresholds[f"posts_per_week_{channel.platform}"]),
            hours_needed=_hundredths(minutes[key] / 60),
            hours_assigned=assigned[key],
            people=tuple(people[key]),
            backups=tuple(backups[key]),
            duties=frozenset(duties[key]),
            points_to=dict(points_to[key]),
            content_points_to=dict(content_points_to[key]),
            pointed_from=frozenset(pointed_from[key]),
            links_out=frozenset(links_out[key]),
            links_in=frozenset(links_in[key]),
        )
    return result


def staff_load(snapshot: PlanSnapshot) -> dict[str, StaffLoad]:
    """Each person's hours booked across the active channels, against their capacity."""
    active = {c.key for c in snapshot.channels if c.active}
    booked = defaultdict(lambda: defaultdict(Decimal))
    for assignment in snapshot.assignments:
        if assignment.channel in active:
            booked[assignment.staff][assignment.channel] += decimal(assignment.hours_per_week)
    return {
        person.key: StaffLoad(
            key=person.key,
            name=person.name,
            capacity_hours=decimal(person.capacity_hours),
            booked_hours=sum(booked[person.key].values(), ZERO),
            channels=tuple(booked[person.key]),
            hours_by_channel=dict(booked[person.key]),
        )
        for person in snapshot.staff
    }


def plan_figures(snapshot: PlanSnapshot, thresholds: dict | None = None) -> PlanFigures:
    if thresholds is None:
        thresholds = effective_thresholds(snapshot.thresholds)
    active = tuple(c for c in snapshot.channels if c.active)
    return PlanFigures(
        channels=active,
        figures=channel_figures(snapshot, thresholds),
        staff=staff_load(snapshot),
        thresholds=thresholds,
        identities=_identity_groups(active),
        actual={c.key: snapshot.actual[c.key] for c in active if c.key in snapshot.actual},
    )
