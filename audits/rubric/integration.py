"""Integration: do the channels work as one strategy? (G1-G5)

A channel "points to" another when a plan link goes there or a planned activity on it has
`links_to` set to it; only active channels count at either end (see `figures`).

Decisions:
- G1 pairs channels within each identity (initiative, `PlanFigures.identity_of`): the identity's
  main micro-blog and main community page (the active channel of that family with the most
  planned occurrences a week; on a tie the first in plan order). Each direction that no link or
  post covers costs the channel that should point 25 points. Channels of different identities
  are never asked to point at each other; an identity without a micro-blog or without a
  community page has no G1 pair. From a channel that is an island, the missing pointer is the
  island's own finding (G4), charged under G1 too.
- G2 compares the content posts pointing to the most-pointed-to channel with all the channel's
  content posts; above `one_target_max_share` the excess costs in proportion, reaching 20 when
  every content post goes to that one channel.
- G3: on a platform with several active channels, each channel after the first (plan order)
  must have an identity and an audience (compared trimmed and case-insensitively) that no
  earlier channel on the platform has; a missing or repeated identity costs 10, a missing or
  repeated audience 10.
- G4: an active channel with no link or post to or from another active channel costs 25. A
  channel that is the only one of its identity has nothing of its own to link to, so G4 does
  not apply to it (a lone channel is not an island).
- G5: two channels on different platforms with the same non-empty set of kinds at the same
  rates: the later one (plan order) gets one 10-point finding, naming the first it copies.
"""

from collections.abc import Iterator

from outreach.platforms import BLOG, COMMUNITY, MEDIA, MICRO_BLOG, label_of
from strategy.activity_kinds import kind_label

from .figures import PlanFigures
from .principles import ISLAND, PARTS, PRINCIPLES
from .result import (
    Finding,
    at_least_one,
    channel_finding,
    count,
    fmt,
    join_names,
    pct,
    proportional,
    rate,
)

# What each family does best, to suggest a distinct role (G5).
FAMILY_STRENGTHS = {
    MICRO_BLOG: "re-shares, quick replies and pointers to others' work",
    COMMUNITY: "discussions, photos and events",
    MEDIA: "photos, videos and live events",
    BLOG: "longer pieces about the organization's own work",
}


def _main_channel(plan: PlanFigures, channels, family: str):
    candidates = [c for c in channels if plan.figures[c.key].family == family]
    if not candidates:
        return None
    return max(candidates, key=lambda c: plan.figures[c.key].occurrences_per_week)


def main_pairs(plan: PlanFigures):
    """(source, target): within each identity, its main micro-blog and main community page,
    each way round: the channels G1 asks to point at each other."""
    identities: dict[str, list] = {}
    for channel in plan.channels:
        identities.setdefault(plan.identity_of(channel.key), []).append(channel)
    for channels in identities.values():
        micro_blog = _main_channel(plan, channels, MICRO_BLOG)
        community = _main_channel(plan, channels, COMMUNITY)
        if micro_blog is not None and community is not None:
            yield micro_blog, community
            yield community, micro_blog


def g1(plan: PlanFigures) -> Iterator[Finding]:
    """Within each identity, the main micro-blog and main community page point at each other."""
    for source, target in main_pairs(plan):
        fig = plan.figures[source.key]
        if fig.reaches(target.key):
            continue
        yield channel_finding(
            "G1",
            source.key,
            PRINCIPLES["G1"].max_points,
            f"{source.label} never points to {target.label}: no link or planned post on "
            "it leads there.",
            f"Plan posts on {source.label} that announce new material on {target.label} "
            f"(set them to link to {target.label}), or add a link from {source.label} to "
            "it.",
            fact="" if fig.linked_channels else ISLAND,
        )


def g2(plan: PlanFigures) -> Iterator[Finding]:
    """Content posts drive traffic to other channels, but not all of it to one."""
    max_share = plan.threshold("one_target_max_share")
    if max_share >= 1:
        return
    for channel in plan.channels:
        if plan.knows(channel.key, "to_channels") and plan.knows(channel.key, "content"):
            continue  # judged on where its posts pointed (rubric.evidence)
        fig = plan.figures[channel.key]
        if not fig.content_points_to or not fig.content_per_week:
            continue
        # The first of the most-pointed-to channels, so ties name the same one every time.
        target, posts = max(fig.content_points_to.items(), key=lambda item: item[1])
        share = posts / fig.content_per_week
        points = proportional(PRINCIPLES["G2"].max_points, (share - max_share) / (1 - max_share))
        if not points:
            continue
        target_label = plan.label(target)
        excess = at_least_one(posts - max_share * fig.content_per_week)
        yield channel_finding(
            "G2",
            channel.key,
            points,
            f"{fmt(posts)} of {rate(fig.content_per_week, 'content post')} on "
            f"{channel.label} point to {target_label} ({pct(share)}); at most "
            f"{pct(max_share)} should go to one channel.",
            f"Point {count(excess, 'post')} a week on {channel.label} elsewhere than "
            f"{target_label}: to outside work, to your own work, or to another channel.",
        )


def _norm(text: str) -> str:
    return text.strip().casefold()


def g3(plan: PlanFigures) -> Iterator[Finding]:
    """A second channel on a platform serves its own identity and audience."""
    parts = PARTS["G3"]
    seen: dict[str, list] = {}
    for channel in plan.channels:
        earlier = list(seen.setdefault(channel.platform, []))
        seen[channel.platform].append(channel)
        if not earlier:
            continue
        platform = label_of(channel.platform)
        others = join_names([c.label for c in earlier])
        for field, what in (("identity", "identity"), ("audience", "audience")):
            value = _norm(getattr(channel, field))
            shared = [c for c in earlier if _norm(getattr(c, field)) == value]
            if value and not shared:
                continue
            if value:
                why = (
                    f"shares its {what} '{getattr(channel, field).strip()}' with "
                    f"{join_names([c.label for c in shared])}"
                )
            else:
                why = f"names no {what} of its own"
            yield channel_finding(
                "G3",
                channel.key,
                parts[field],
                f"{channel.label} is another {platform} channel beside {others} but {why}.",
                f"Merge {channel.label} into {earlier[0].label}, or record the distinct "
                f"{what} of the initiative it serves.",
            )


def g4(plan: PlanFigures) -> Iterator[Finding]:
    """Every channel is linked to the rest of the plan."""
    for channel in plan.channels:
        if plan.figures[channel.key].linked_channels:
            continue
        kin = plan.same_identity(channel.key)
        if not kin:
            continue
        others = [c.label for c in kin]
        yield channel_finding(
            "G4",
            channel.key,
            PRINCIPLES["G4"].max_points,
            f"{channel.label} is an island: no link or planned post connects it with "
            f"{join_names(others, 'or')}.",
            f"Plan posts on {channel.label} that point to another channel, or have "
            f"{others[0]} point to {channel.label}.",
            fact=ISLAND,
        )


def _mix(plan: PlanFigures, channel) -> str:
    per_kind = plan.figures[channel.key].per_kind
    return ", ".join(
        f"{kind_label(k, channel.platform).lower()} {fmt(n)}" for k, n in per_kind.items()
    )


def g5(plan: PlanFigures) -> Iterator[Finding]:
    """Channels on different platforms do not run the same activity mix."""
    for index, channel in enumerate(plan.channels):
        fig = plan.figures[channel.key]
        if not fig.per_kind:
            continue
        twin = next(
            (
                other
                for other in plan.channels[:index]
                if other.platform != channel.platform
                and plan.figures[other.key].per_kind == fig.per_kind
            ),
            None,
        )
        if twin is None:
            continue
        yield channel_finding(
            "G5",
            channel.key,
            PRINCIPLES["G5"].max_points,
            f"{channel.label} runs exactly the same activity mix as {twin.label} "
            f"({_mix(plan, channel)} a week).",
            f"Give {channel.label} a role of its own on {label_of(channel.platform)}: lean "
            f"on {FAMILY_STRENGTHS.get(fig.family, 'what it does best')}.",
        )


CHECKS = (g1, g2, g3, g4, g5)
