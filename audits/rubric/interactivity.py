"""Interactivity: is there someone behind the channel, or only a billboard? (I1-I6)

Decisions:
- I1 on micro-blogs has two parts: no re-shares planned (12 points) and following nobody
  (`follows` None or 0, 8 points). Elsewhere re-shares or pointers to outside work are enough;
  having neither costs the full 20.
- I2 has three parts, each its own finding: no reply activity (10), nobody assigned holds the
  respond duty (7), no `response_target_hours` (3, always low severity). Each is checked on
  every channel, since mentions arrive whether or not replies are planned.
- I3 applies to community pages only: no discussion planned (8), nobody holds the moderate duty
  (7).
- I4 is checked per platform family present among the active channels, except blogs (a blog
  takes part through comments, which I2 covers); media channels count (polls in stories,
  live events). A family where no channel plans a poll or an event gives one
  organization-wide finding costing each of its channels 10 points.
- I5: a community page marked "static" costs 15; an empty presence means the default,
  "presence".
- I6: the interactive share of planned occurrences below `interactive_share_min` costs its
  shortfall's share of 20 points; a channel with nothing planned loses all 20.
"""

from collections.abc import Iterator

from outreach.platforms import BLOG, FAMILY_LABELS, is_community, is_micro_blog
from strategy.activity_kinds import DISCUSSION, EVENT, POLL, REPLY, RETWEET

from .figures import PlanFigures
from .principles import FAMILY_NOUNS, PARTS, PRINCIPLES
from .result import (
    Finding,
    at_least_one,
    channel_finding,
    count,
    join_names,
    low_finding,
    organization_finding,
    pct,
    proportional,
)

RESPOND = "respond"
MODERATE = "moderate"


def duty_holder_hint(plan: PlanFigures, key: str) -> str:
    """Whom a recommendation suggests for a duty on channel `key`: its people, or a new one."""
    people = plan.figures[key].people
    if not people:
        return "the person you assign to it"
    return join_names([plan.staff_name(p) for p in people], "or")


def i1(plan: PlanFigures) -> Iterator[Finding]:
    """Re-shares of others' posts, from a channel that follows interesting people."""
    parts = PARTS["I1"]
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        label = channel.label
        if is_micro_blog(channel.platform):
            if not fig.per_week(RETWEET):
                yield channel_finding(
                    "I1",
                    channel.key,
                    parts["reshares"],
                    f"{label} plans no re-shares of other people's posts.",
                    f"Plan a few re-shares a week on {label} of relevant posts by the "
                    "accounts it follows.",
                )
            if not channel.follows:
                yield channel_finding(
                    "I1",
                    channel.key,
                    parts["follows"],
                    f"{label} follows no accounts, so it has nobody to amplify.",
                    f"Have {label} follow or curate interesting people in its field, and "
                    "record how many it follows.",
                )
        elif not fig.per_week(RETWEET) and not fig.external_per_week:
            yield channel_finding(
                "I1",
                channel.key,
                PRINCIPLES["I1"].max_points,
                f"{label} neither re-shares other people's posts nor points to work outside "
                "the organization.",
                f"Plan at least 1 re-share or pointer to others' work a week on {label}.",
            )


def i2(plan: PlanFigures) -> Iterator[Finding]:
    """Replies planned, someone holding the respond duty, and a response-time target."""
    parts = PARTS["I2"]
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        label = channel.label
        if not fig.per_week(REPLY):
            yield channel_finding(
                "I2",
                channel.key,
                parts["reply"],
                f"{label} plans no replies to people who answer or mention it.",
                f"Plan a reply activity on {label}, for instance 3 times a week, to answer "
                "replies and mentions.",
            )
        if RESPOND not in fig.duties:
            yield channel_finding(
                "I2",
                channel.key,
                parts["respond_duty"],
                f"Nobody assigned to {label} holds the respond duty.",
                f"Give the respond duty on {label} to {duty_holder_hint(plan, channel.key)}.",
            )
        if channel.response_target_hours is None:
            yield low_finding(
                "I2",
                channel.key,
                parts["response_target"],
                f"{label} sets no target for how soon replies and mentions are answered.",
                f"Set a response target for {label}, for instance 24 hours.",
            )


def i3(plan: PlanFigures) -> Iterator[Finding]:
    """A community page hosts discussions and someone moderates them."""
    parts = PARTS["I3"]
    for channel in plan.channels:
        if not is_community(channel.platform):
            continue
        fig = plan.figures[channel.key]
        label = channel.label
        if not fig.per_week(DISCUSSION):
            yield channel_finding(
                "I3",
                channel.key,
                parts["discussion"],
                f"{label} plans no discussions.",
                f"Plan at least 1 discussion a week on {label}, started by you or joined.",
            )
        if MODERATE not in fig.duties:
            yield channel_finding(
                "I3",
                channel.key,
                parts["moderate_duty"],
                f"Nobody assigned to {label} holds the moderate duty.",
                f"Give the moderate duty on {label} to {duty_holder_hint(plan, channel.key)}.",
            )


def i4(plan: PlanFigures) -> Iterator[Finding]:
    """Each platform family invites participation with a poll or an event somewhere."""
    points = PRINCIPLES["I4"].max_points
    families: dict[str, list] = {}
    for channel in plan.channels:
        families.setdefault(plan.figures[channel.key].family, []).append(channel)
    for family, channels in families.items():
        if family == BLOG:
            continue
        figs = [plan.figures[c.key] for c in channels]
        if any(f.per_week(POLL) or f.per_week(EVENT) for f in figs):
            continue
        labels = join_names([c.label for c in channels])
        noun = FAMILY_LABELS[family].lower()
        yield organization_finding(
            "I4",
            {c.key: points for c in channels},
            f"None of the {noun} ({labels}) plans a poll or an event.",
            f"Plan a poll or an event now and then on {FAMILY_NOUNS[family]}, for instance "
            f"a monthly poll on {channels[0].label}.",
        )


def i5(plan: PlanFigures) -> Iterator[Finding]:
    """A community page is a presence with dialogue, not a static page."""
    for channel in plan.channels:
        if is_community(channel.platform) and channel.presence == "static":
            yield channel_finding(
                "I5",
                channel.key,
                PRINCIPLES["I5"].max_points,
                f"{channel.label} is run as a static page rather than a presence with dialogue.",
                f"Turn {channel.label} into a presence: mark it so, and plan discussions, "
                "replies and polls on it.",
            )


def i6(plan: PlanFigures) -> Iterator[Finding]:
    """A real share of the planned activity is interactive."""
    max_points = PRINCIPLES["I6"].max_points
    minimum = plan.threshold("interactive_share_min")
    if minimum <= 0:
        return
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        label = channel.label
        share = fig.interactive_share
        if share is None:
            yield channel_finding(
                "I6",
                channel.key,
                max_points,
                f"{label} plans no activity at all, so nothing on it is interactive.",
                f"Plan interactive activity on {label}: re-shares, replies, discussions, "
                "polls or events.",
            )
            continue
        points = proportional(max_points, 1 - share / minimum)
        if not points:
            continue
        if minimum < 1:
            needed = (minimum * fig.occurrences_per_week - fig.interactive_per_week) / (1 - minimum)
            more = f"about {count(at_least_one(needed), 'more interactive occurrence')}"
        else:
            more = "only interactive occurrences"
        yield channel_finding(
            "I6",
            channel.key,
            points,
            f"{'Only ' + pct(share) if share else 'None'} of the "
            f"{count(fig.occurrences_per_week, 'occurrence')} a week planned on {label} "
            f"{'are' if share else 'is'} interactive; at least {pct(minimum)} should be.",
            f"Plan {more} a week on {label} (re-shares, replies, discussions, polls or "
            "events), or fewer broadcast posts.",
        )


CHECKS = (i1, i2, i3, i4, i5, i6)
