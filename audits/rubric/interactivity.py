"""Interactivity: is there someone behind the channel, or only a billboard? (I1-I6)

Core: an entity, not a billboard. A channel that plans nothing interactive at all, or a community
page run static with no dialogue (no replies, no discussions), has no interactivity worth the
name: I6 (or I5) then takes the whole criterion, and the missing re-shares, replies and
discussions join that one finding (fact "billboard") instead of being charged again.

Decisions:
- I1 on micro-blogs has two parts: no re-shares planned (12 points) and following nobody
  (`follows` None or 0, 8 points). Elsewhere re-shares or pointers to outside work are enough;
  having neither costs the full 20 (the same fact as V2's missing outside pointers).
- I2 has three parts, each its own finding: no reply activity (10), nobody assigned holds the
  respond duty (7), no `response_target_hours` (3, always low severity). Each is checked on
  every channel, since mentions arrive whether or not replies are planned.
- I3 applies to community pages only: no discussion planned (8), nobody holds the moderate duty
  (7).
- The respond and moderate duties (I2, I3) are the same facts as R3's: one finding each,
  charged under both codes. On a channel nobody is assigned to, they are part of R1's finding.
- I4 is checked per platform family present among the active channels, except blogs (a blog
  takes part through comments, which I2 covers); media channels count (polls in stories,
  live events). A family where no channel plans a poll or an event gives one
  organization-wide finding costing each of its channels 10 points; billboards are left out
  of it (their own finding already says they plan nothing interactive).
- I5: a community page marked "static" costs 15; an empty presence means the default,
  "presence". Static with no replies and no discussions breaks the core.
- I6: the interactive share of planned occurrences below `interactive_share_min` costs its
  shortfall's share of 20 points; nothing interactive at all breaks the core.
"""

from collections.abc import Iterator

from outreach.platforms import (
    BLOG,
    FAMILY_LABELS,
    MODERATE,
    RESPOND,
    STATIC,
    is_community,
    is_micro_blog,
)
from strategy.activity_kinds import DISCUSSION, EVENT, POLL, REPLY, RETWEET, reshare_nouns

from .advice import give_duty
from .figures import ChannelFigures, PlanFigures
from .principles import (
    BILLBOARD,
    FAMILY_NOUNS,
    NO_EXTERNAL,
    PARTS,
    PRINCIPLES,
    UNSTAFFED,
)
from .result import (
    Finding,
    at_least_one,
    channel_finding,
    count,
    fmt,
    join_names,
    low_finding,
    organization_finding,
    pct,
    proportional,
    rate,
)
from .snapshot import ChannelFacts


def has_dialogue(channel: ChannelFacts, fig: ChannelFigures) -> bool:
    """The interactivity core: something interactive is planned, and a community page marked
    static at least answers people or hosts discussions."""
    if not fig.interactive_per_week:
        return False
    if is_community(channel.platform) and channel.presence == STATIC:
        return bool(fig.per_week(REPLY) or fig.per_week(DISCUSSION))
    return True


def duty_fact(fig: ChannelFigures, duty: str) -> str:
    """The fact behind an unheld duty: nobody on the channel at all, or nobody holding it."""
    return f"{duty}_duty" if fig.people else UNSTAFFED


def i1(plan: PlanFigures) -> Iterator[Finding]:
    """Re-shares of others' posts, from a channel that follows interesting people."""
    parts = PARTS["I1"]
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        label = channel.label
        one, many = reshare_nouns(channel.platform)  # the network's own word: boosts, reposts
        if is_micro_blog(channel.platform):
            if not fig.per_week(RETWEET) and not plan.knows(channel.key, "reshares"):
                yield channel_finding(
                    "I1",
                    channel.key,
                    parts["reshares"],
                    f"{label} plans no {many} of other people's posts.",
                    f"Plan a few {many} a week on {label} of relevant posts by the "
                    "accounts it follows.",
                    fact="" if fig.interactive_per_week else BILLBOARD,
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
        elif (
            not fig.per_week(RETWEET)
            and not fig.external_per_week
            and not (plan.knows(channel.key, "reshares") and plan.knows(channel.key, "external"))
        ):
            yield channel_finding(
                "I1",
                channel.key,
                PRINCIPLES["I1"].max_points,
                f"{label} plans no {many} and no posts pointing to work outside the organization.",
                f"Plan at least 1 {one} or pointer to others' work a week on {label}.",
                fact=NO_EXTERNAL if fig.interactive_per_week else BILLBOARD,
            )


def i2(plan: PlanFigures) -> Iterator[Finding]:
    """Replies planned, someone holding the respond duty, and a response-time target."""
    parts = PARTS["I2"]
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        label = channel.label
        if not fig.per_week(REPLY) and not plan.knows(channel.key, "replies"):
            yield channel_finding(
                "I2",
                channel.key,
                parts["reply"],
                f"{label} plans no replies to people who answer or mention it.",
                f"Plan a reply activity on {label}, for instance 3 times a week, to answer "
                "replies and mentions.",
                fact="" if has_dialogue(channel, fig) else BILLBOARD,
            )
        if RESPOND not in fig.duties:
            yield channel_finding(
                "I2",
                channel.key,
                parts["respond_duty"],
                f"Nobody assigned to {label} holds the respond duty, so people who talk to it "
                "may go unanswered.",
                give_duty(plan, channel.key, RESPOND),
                fact=duty_fact(fig, RESPOND),
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
                fact="" if has_dialogue(channel, fig) else BILLBOARD,
            )
        if MODERATE not in fig.duties:
            yield channel_finding(
                "I3",
                channel.key,
                parts["moderate_duty"],
                f"Nobody assigned to {label} holds the moderate duty, so its discussions have "
                "no host.",
                give_duty(plan, channel.key, MODERATE),
                fact=duty_fact(fig, MODERATE),
            )


def i4(plan: PlanFigures) -> Iterator[Finding]:
    """Each platform family invites participation with a poll or an event somewhere."""
    points = PRINCIPLES["I4"].max_points
    families: dict[str, list] = {}
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        if has_dialogue(channel, fig) or fig.per_week(POLL) or fig.per_week(EVENT):
            families.setdefault(fig.family, []).append(channel)
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
        if not (is_community(channel.platform) and channel.presence == STATIC):
            continue
        dialogue = has_dialogue(channel, plan.figures[channel.key])
        yield channel_finding(
            "I5",
            channel.key,
            PRINCIPLES["I5"].max_points,
            f"{channel.label} is run as a static page rather than a presence with dialogue"
            + ("." if dialogue else ": it plans no replies and no discussions."),
            f"Turn {channel.label} into a presence: mark it so, and plan discussions, "
            "replies and polls on it.",
            fact="" if dialogue else BILLBOARD,
            core=not dialogue,
        )


def i6(plan: PlanFigures) -> Iterator[Finding]:
    """A real share of the planned activity is interactive; none at all breaks the core."""
    max_points = PRINCIPLES["I6"].max_points
    minimum = plan.threshold("interactive_share_min")
    for channel in plan.channels:
        if plan.knows(channel.key, "interactive_share"):
            continue  # judged on what it did (rubric.evidence)
        fig = plan.figures[channel.key]
        label = channel.label
        share = fig.interactive_share
        if not share:
            static = (
                " and is marked static"
                if is_community(channel.platform) and channel.presence == STATIC
                else ""
            )
            planned = "plans no activity at all" if share is None else "plans nothing interactive"
            yield channel_finding(
                "I6",
                channel.key,
                max_points,
                f"{label} {planned}{static}: no re-shares, replies, discussions, polls or "
                "events. It is a billboard, not an entity people can talk to.",
                f"Plan interactive activity on {label} (re-shares, replies, discussions, "
                "polls or events) with someone to do it, or retire the channel.",
                fact=BILLBOARD,
                core=True,
            )
            continue
        if minimum <= 0:
            continue
        points = proportional(max_points, 1 - share / minimum)
        if not points:
            continue
        if minimum < 1:
            needed = (minimum * fig.occurrences_per_week - fig.interactive_per_week) / (1 - minimum)
            more = count(
                at_least_one(needed), "more interactive activity", "more interactive activities"
            )
            more = f"about {more}"
        else:
            more = "only interactive activities"
        yield channel_finding(
            "I6",
            channel.key,
            points,
            f"Only {pct(share)} of what {label} plans is interactive ("
            f"{fmt(fig.interactive_per_week)} of "
            f"{rate(fig.occurrences_per_week, 'activity', 'activities')}); at least "
            f"{pct(minimum)} should be.",
            f"Plan {more} a week on {label} (re-shares, replies, discussions, polls or "
            "events), or fewer broadcast posts.",
        )


CHECKS = (i1, i2, i3, i4, i5, i6)
