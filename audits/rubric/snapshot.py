"""A plain, immutable picture of one organization's plan: what the rubric reads.

`audits.selectors.plan_snapshot_load` builds it from the database in a fixed number of queries;
tests build it by hand. Nothing here touches Django.
"""

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from outreach.platforms import PRESENCE, channel_labels, channel_name, is_community


@dataclass(frozen=True)
class ChannelFacts:
    key: str
    platform: str  # a key of outreach.platforms.PLATFORMS
    name: str
    handle: str = ""
    identity: str = ""
    objective: str = ""  # awareness, thought_leadership, feedback, community, announcements or ""
    audience: str = ""
    presence: str = ""  # "presence" or "static" on community pages, "" elsewhere
    follows: int | None = None
    active: bool = True
    response_target_hours: int | None = None
    # How pages and findings name it among its organization's channels, set by PlanSnapshot
    # (outreach.platforms.channel_labels); "" outside a snapshot.
    given_label: str = field(default="", compare=False, repr=False)

    def with_default_presence(self) -> "ChannelFacts":
        """A community page's presence defaults to "presence"; other platforms have none."""
        presence = (self.presence or PRESENCE) if is_community(self.platform) else ""
        return replace(self, presence=presence)

    @property
    def label(self) -> str:
        """How pages and findings name the channel: its name, with what tells it apart from a
        namesake of the same organization beside it (outreach.platforms.channel_labels)."""
        return self.given_label or channel_name(self.name, self.handle, self.key)


@dataclass(frozen=True)
class StaffFacts:
    key: str
    name: str
    capacity_hours: Decimal


@dataclass(frozen=True)
class AssignmentFacts:
    staff: str  # staff key
    channel: str  # channel key
    hours_per_week: Decimal
    duties: frozenset[str] = frozenset()  # post, respond, moderate, curate
    backup: bool = False


@dataclass(frozen=True)
class ActivityFacts:
    channel: str  # channel key
    kind: str  # a kind of strategy.activity_kinds
    per_week: Decimal
    minutes_each: int
    owner: str | None = None  # staff key
    links_to: str | None = None  # channel key


@dataclass(frozen=True)
class LinkFacts:
    from_channel: str
    to_channel: str
    how: str  # profile_link, embed, cross_post


@dataclass(frozen=True)
class ActualFacts:
    """What a channel actually published in the audited weeks, from its imported export files.

    Counts the files cannot give are None ("unknown"), never 0.
    """

    weeks: Decimal  # the length of the period the counts cover, in weeks (at least 1)
    period_end: date  # the day of the channel's latest imported post
    items: int  # everything published
    content: int | None  # the account's own posts (originals and quotes)
    replies: int | None  # answers to other people
    reshares: int | None  # others' posts passed on
    own_work: int | None  # own posts linking to the organization's web domains
    external: int | None  # own posts linking elsewhere (not to its other channels)
    to_channels: dict[str, int] | None = None  # channel key -> posts linking there
    reply_delay_median_hours: Decimal | None = None
    reply_delay_p90_hours: Decimal | None = None
    authors: tuple[str, ...] = ()  # who posted, where the files say

    def per_week(self, count: int | None) -> Decimal | None:
        return None if count is None else Decimal(count) / self.weeks

    @property
    def interactive_share(self) -> Decimal | None:
        """Replies and re-shares among everything published (None when either is unknown)."""
        if self.replies is None or self.reshares is None or not self.items:
            return None
        return Decimal(self.replies + self.reshares) / Decimal(self.items)


@dataclass(frozen=True)
class PlanSnapshot:
    organization: str  # slug
    channels: tuple[ChannelFacts, ...] = ()
    staff: tuple[StaffFacts, ...] = ()
    assignments: tuple[AssignmentFacts, ...] = ()
    activities: tuple[ActivityFacts, ...] = ()
    links: tuple[LinkFacts, ...] = ()
    thresholds: dict = field(default_factory=dict)  # the organization's overrides
    # What channels actually published, by channel key (channels with imported posts only).
    actual: dict[str, ActualFacts] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Labels depend on the other channels (namesakes), so the snapshot gives them out.
        labels = channel_labels(self.channels)
        channels = tuple(
            c if c.given_label == labels[c.key] else replace(c, given_label=labels[c.key])
            for c in self.channels
        )
        object.__setattr__(self, "channels", channels)
