"""Resourcing: is there a person, with the time, behind the channel? (R1-R5)

Decisions:
- R1: a channel without any assignment costs 30 (an assignment of 0 hours still names someone
  responsible; R2 then catches the missing time).
- R2: hours assigned below the hours the planned activities need cost the uncovered share of
  25 points.
- R3: replies planned while nobody assigned holds the respond duty cost 10; discussions planned
  while nobody holds the moderate duty cost 10.
- R4: fewer than `min_people_per_channel` people (backups included) and no named backup costs
  15, also when nobody is assigned at all: such a channel has no backup either.
- R5: a person booked beyond capacity across the active channels gives one organization-wide
  finding naming them; each of their channels loses the share of the booked hours that cannot
  be delivered, out of 10 (booked twice the capacity: 5 points each). When several overbooked
  people share a channel, that channel still loses at most 10 on R5 (first people first).
"""

from collections.abc import Iterator

from strategy.activity_kinds import DISCUSSION, REPLY

from .figures import PlanFigures
from .interactivity import duty_holder_hint
from .principles import PARTS, PRINCIPLES
from .result import (
    Finding,
    channel_finding,
    count,
    hours,
    join_names,
    organization_finding,
    proportional,
)

# Interactive kinds that need a duty held: kind, duty, and how to count the kind.
DUTIES = (
    (REPLY, "respond", "reply", "replies"),
    (DISCUSSION, "moderate", "discussion", "discussions"),
)


def r1(plan: PlanFigures) -> Iterator[Finding]:
    """Someone is assigned to every channel."""
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        if fig.people:
            continue
        time = (
            f" with the {hours(fig.hours_needed)} a week its planned activities need"
            if fig.hours_needed
            else ""
        )
        yield channel_finding(
            "R1",
            channel.key,
            PRINCIPLES["R1"].max_points,
            f"Nobody is assigned to {channel.label}.",
            f"Assign a staff member to {channel.label}{time}, or retire the channel.",
        )


def r2(plan: PlanFigures) -> Iterator[Finding]:
    """The assigned hours cover what the planned activities need."""
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        needed, assigned = fig.hours_needed, fig.hours_assigned
        if not needed or assigned >= needed:
            continue
        points = proportional(PRINCIPLES["R2"].max_points, 1 - assigned / needed)
        if not points:
            continue
        yield channel_finding(
            "R2",
            channel.key,
            points,
            f"The activities planned on {channel.label} need {hours(needed)} a week, but "
            f"only {hours(assigned)} is assigned.",
            f"Assign {hours(needed - assigned)} more a week to {channel.label}, or plan fewer "
            "or shorter activities there.",
        )


def r3(plan: PlanFigures) -> Iterator[Finding]:
    """Whoever runs an interactive channel holds its respond and moderate duties."""
    parts = PARTS["R3"]
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        holder = duty_holder_hint(plan, channel.key)
        for kind, duty, singular, plural in DUTIES:
            planned = fig.per_week(kind)
            if not planned or duty in fig.duties:
                continue
            yield channel_finding(
                "R3",
                channel.key,
                parts[duty],
                f"{channel.label} plans {count(planned, singular, plural)} a week but nobody "
                f"assigned to it holds the {duty} duty.",
                f"Give the {duty} duty on {channel.label} to {holder}.",
            )


def r4(plan: PlanFigures) -> Iterator[Finding]:
    """No active channel depends on a single person."""
    minimum = plan.threshold("min_people_per_channel")
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        if len(fig.people) >= minimum or fig.backups:
            continue
        names = [plan.staff_name(p) for p in fig.people]
        if not names:
            who = f"Nobody works on {channel.label}"
        elif len(names) == 1:
            who = f"Only {names[0]} works on {channel.label}"
        else:
            who = f"Only {join_names(names)} work on {channel.label}"
        yield channel_finding(
            "R4",
            channel.key,
            PRINCIPLES["R4"].max_points,
            f"{who} and no backup is named; {count(minimum, 'person', 'people')} or a named "
            "backup are needed.",
            f"Name a backup for {channel.label} (an assignment marked backup) or add "
            "another person to it.",
        )


def r5(plan: PlanFigures) -> Iterator[Finding]:
    """Nobody is booked beyond their weekly capacity."""
    max_points = PRINCIPLES["R5"].max_points
    # Several overbooked people on one channel never cost it more than R5's maximum.
    left = {channel.key: max_points for channel in plan.channels}
    for load in plan.staff.values():
        if not load.over_hours:
            continue
        share = load.over_hours / load.booked_hours
        affects = {}
        for key in load.channels:
            points = min(proportional(max_points, share), left[key])
            if points:
                affects[key] = points
                left[key] -= points
        if not affects:
            continue
        labels = join_names([plan.label(key) for key in load.channels])
        yield organization_finding(
            "R5",
            affects,
            f"{load.name} is booked for {hours(load.booked_hours)} a week across {labels} "
            f"but can give {hours(load.capacity_hours)}.",
            f"Move {hours(load.over_hours)} a week of {load.name}'s work on {labels} to "
            f"someone else, or record more capacity for {load.name}.",
        )


CHECKS = (r1, r2, r3, r4, r5)
