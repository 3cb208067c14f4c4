"""Value: does the channel give people a reason to follow it? (V1-V5)

Core: a channel with no content posts gives people nothing to follow it for. V1 then takes the
whole value criterion (fact "no_content"), and V2 and V4, which notice the same emptiness, join
that one finding instead of adding their own.

Decisions:
- V1 counts content posts (own-work pointers, outside pointers, photos) against the platform's
  `posts_per_week_<platform>`; a shortfall costs its share of 40 points.
- V2 wants both own-work and outside pointers. Missing either costs the full 25; with both
  planned, the larger one above `self_promotion_max_share` of content posts costs in proportion
  to how far it is over, reaching 25 when it would be all of them.
- V3: a missing objective and a missing audience are two findings (12 and 8 points).
- V4 applies to community pages only: photos and events a month (a week x 52/12) below
  `community_visual_items_per_month` cost their share of 10 points.
- V5: an objective outside `FITTING_OBJECTIVES` of the platform's family is always a low,
  5-point finding. Micro-blogs fit thought leadership and feedback/support (the quick
  transactions they are good at); community pages fit awareness, announcements, feedback and
  community; blogs fit thought leadership, announcements and awareness; media channels fit
  awareness, thought leadership and community. A channel without objective is left to V3.
"""

from collections.abc import Iterator

from outreach.platforms import family_of, is_community, label_of

from .figures import WEEKS_PER_MONTH, PlanFigures
from .principles import (
    FAMILY_NOUNS,
    FITTING_OBJECTIVES,
    NO_CONTENT,
    NO_EXTERNAL,
    OBJECTIVE_LABELS,
    PARTS,
    PRINCIPLES,
)
from .result import (
    Finding,
    at_least_one,
    channel_finding,
    count,
    fmt,
    how_often,
    join_names,
    low_finding,
    pct,
    proportional,
    rate,
)


def v1(plan: PlanFigures) -> Iterator[Finding]:
    """Enough content posts a week for the platform; none at all breaks the value core."""
    for channel in plan.channels:
        if plan.knows(channel.key, "content"):
            continue  # judged on what it posted (rubric.evidence)
        fig = plan.figures[channel.key]
        target = fig.posts_target
        noun = FAMILY_NOUNS[fig.family]
        if not fig.content_per_week:
            wanted = f"; {noun} needs {rate(target, 'content post')}" if target > 0 else ""
            yield channel_finding(
                "V1",
                channel.key,
                PRINCIPLES["V1"].max_points,
                f"{channel.label} plans no content posts, so it gives people nothing to follow "
                f"it for{wanted}.",
                f"Plan content on {channel.label}: pointers to the organization's work and to "
                "good work by others (or photos), or retire the channel.",
                fact=NO_CONTENT,
                core=True,
            )
            continue
        if target <= 0:
            continue
        points = proportional(PRINCIPLES["V1"].max_points, 1 - fig.content_per_week / target)
        if not points:
            continue
        yield channel_finding(
            "V1",
            channel.key,
            points,
            f"{channel.label} plans {rate(fig.content_per_week, 'content post')}; "
            f"{noun} needs {rate(target, 'content post')} (the {label_of(channel.platform)} "
            "target).",
            f"Plan {rate(target - fig.content_per_week, 'more content post')} on "
            f"{channel.label}, for example pointers to others' work or to your own.",
        )


def v2(plan: PlanFigures) -> Iterator[Finding]:
    """Both own-work and outside pointers, neither dominating the content posts."""
    max_points = PRINCIPLES["V2"].max_points
    max_share = plan.threshold("self_promotion_max_share")
    for channel in plan.channels:
        if plan.knows(channel.key, "own_work"):
            continue  # judged on where its posts pointed (rubric.evidence)
        fig = plan.figures[channel.key]
        label = channel.label
        own, external = fig.own_work_per_week, fig.external_per_week
        if not own and not external:
            yield channel_finding(
                "V2",
                channel.key,
                max_points,
                f"{label} plans no posts pointing to the organization's own work and none "
                "pointing to interesting work outside it.",
                f"Plan both on {label}: posts about what the organization does and posts "
                "that point to good work by others.",
                fact=NO_CONTENT if not fig.content_per_week else NO_EXTERNAL,
            )
        elif not external:
            yield channel_finding(
                "V2",
                channel.key,
                max_points,
                f"{label} only promotes the organization: it plans "
                f"{rate(own, 'own-work post')} and no pointers to outside work.",
                f"Turn at least 1 of the own-work posts a week on {label} into a pointer to "
                "relevant work by others.",
                fact=NO_EXTERNAL,
            )
        elif not own:
            yield channel_finding(
                "V2",
                channel.key,
                max_points,
                f"{label} plans {rate(external, 'pointer')} to outside work but no "
                "posts about the organization's own work.",
                f"Plan at least 1 post a week on {label} about the organization's current work.",
            )
        elif max_share < 1:
            if own >= external:
                side, share_of, other = own, "its own work", "outside work"
            else:
                side, share_of, other = external, "outside work", "the organization's work"
            share = side / fig.content_per_week
            points = proportional(max_points, (share - max_share) / (1 - max_share))
            if not points:
                continue
            yield channel_finding(
                "V2",
                channel.key,
                points,
                f"{fmt(side)} of {rate(fig.content_per_week, 'content post')} on "
                f"{label} point to {share_of} ({pct(share)}); at most {pct(max_share)} should.",
                f"Turn about {at_least_one(side - max_share * fig.content_per_week)} of them "
                f"a week on {label} into pointers to {other}.",
            )


def v3(plan: PlanFigures) -> Iterator[Finding]:
    """A stated objective and a named audience."""
    parts = PARTS["V3"]
    objectives = join_names(OBJECTIVE_LABELS.values(), "or")
    for channel in plan.channels:
        if not channel.objective.strip():
            yield channel_finding(
                "V3",
                channel.key,
                parts["objective"],
                f"{channel.label} has no stated objective.",
                f"Decide what {channel.label} is for ({objectives}) and record it before "
                "planning its posts.",
            )
        if not channel.audience.strip():
            yield channel_finding(
                "V3",
                channel.key,
                parts["audience"],
                f"{channel.label} names no audience.",
                f"Name the people {channel.label} is for, for instance 'team leads in health "
                "care', and plan its posts for them.",
            )


def v4(plan: PlanFigures) -> Iterator[Finding]:
    """A community page plans photos or events people come back for."""
    target = plan.threshold("community_visual_items_per_month")
    if target <= 0:
        return
    for channel in plan.channels:
        if not is_community(channel.platform):
            continue
        fig = plan.figures[channel.key]
        points = proportional(PRINCIPLES["V4"].max_points, 1 - fig.visual_per_month / target)
        if not points:
            continue
        planned = (
            f"plans photos or events only {how_often(fig.visual_per_month / WEEKS_PER_MONTH)}"
            if fig.visual_per_month
            else "plans no photos or events"
        )
        yield channel_finding(
            "V4",
            channel.key,
            points,
            f"{channel.label} {planned}; a community page needs at least "
            f"{count(target, 'photo or event item')} a month to give people reasons to return.",
            f"Plan photos or events on {channel.label} at least "
            f"{how_often(target / WEEKS_PER_MONTH)}.",
            fact=NO_CONTENT if not fig.content_per_week else "",
        )


def v5(plan: PlanFigures) -> Iterator[Finding]:
    """The objective plays to the platform's strength."""
    for channel in plan.channels:
        objective = channel.objective.strip()
        family = family_of(channel.platform)
        if not objective or objective in FITTING_OBJECTIVES[family]:
            continue
        fitting = [OBJECTIVE_LABELS[o] for o in FITTING_OBJECTIVES[family]]
        better = [f for f, fits in FITTING_OBJECTIVES.items() if objective in fits]
        elsewhere = (
            f", or pursue {OBJECTIVE_LABELS.get(objective, objective)} on {FAMILY_NOUNS[better[0]]}"
            if better
            else ""
        )
        yield low_finding(
            "V5",
            channel.key,
            PRINCIPLES["V5"].max_points,
            f"{channel.label} aims at {OBJECTIVE_LABELS.get(objective, objective)}, which is "
            f"not where {FAMILY_NOUNS[family]} ({label_of(channel.platform)}) is strongest.",
            f"Give {channel.label} an objective that suits it "
            f"({join_names(fitting, 'or')}){elsewhere}.",
        )


CHECKS = (v1, v2, v3, v4, v5)
