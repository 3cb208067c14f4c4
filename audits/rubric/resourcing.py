"""Resourcing: is there a person, with the time, behind the channel? (R1-R5)

Core: somebody is there. A channel nobody is assigned to has no resourcing at all: R1 takes the
whole criterion, and what follows from the same emptiness (no hours, no duty holders, no
backup; I2's and I3's duties too) joins that one finding (fact "unstaffed").

Decisions:
- R1: a channel without any assignment breaks the core (an assignment of 0 hours still names
  someone responsible; R2 then catches the missing time).
- R2: hours assigned below the hours the planned activities need cost the uncovered share of
  25 points.
- R3: replies planned while nobody assigned holds the respond duty cost 10; discussions planned
  while nobody holds the moderate duty cost 10. Each is one finding with I2's or I3's duty part.
- R4: fewer than `min_people_per_channel` people (backups included) and no named backup costs
  15.
- R5: a person booked beyond capacity across the active channels gives one organization-wide
  finding naming them; each of their channels loses the share of the booked hours that cannot
  be delivered, out of 10 (booked twice the capacity: 5 points each). When several overbooked
  people share a channel, that channel still loses at most 10 on R5 (first people first).
- Recommendations name people with spare hours (`advice`), never someone overbooked.
"""

from collections.abc import Iterator

from outreach.platforms import MODERATE, RESPOND
from strategy.activity_kinds import DISCUSSION, REPLY

from .advice import add_hours, give_duty, new_person, others_with_time, who_has_time
from .figures import PlanFigures
from .interactivity import duty_fact
from .principles import PARTS, PRINCIPLES, UNSTAFFED
from .result import (
    Finding,
    channel_finding,
    count,
    hours,
    join_names,
    organization_finding,
    proportional,
    rate,
)

# Interactive kinds that need a duty held: kind, duty, and how to count the kind.
DUTIES = (
    (REPLY, RESPOND, "reply", "replies"),
    (DISCUSSION, MODERATE, "discussion", "discussions"),
)


def r1(plan: PlanFigures) -> Iterator[Finding]:
    """Someone is assigned to every channel; nobody breaks the resourcing core."""
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        if fig.people:
            continue
        need = hours(fig.hours_needed)
        time = f", with the {need} a week its activities need" if fig.hours_needed else ""
        who = who_has_time(plan, channel.key)
        yield channel_finding(
            "R1",
            channel.key,
            PRINCIPLES["R1"].max_points,
            f"Nobody is assigned to {channel.label}: no one posts, answers people or stands in "
            "for it.",
            f"Assign {channel.label} to {who}{time}, or retire the channel."
            if who
            else f"Retire {channel.label}, or free someone's time{time} first: everyone on the "
            "team is booked to capacity.",
            fact=UNSTAFFED,
            core=True,
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
            add_hours(plan, channel.key, needed - assigned),
            fact="" if fig.people else UNSTAFFED,
        )


def r3(plan: PlanFigures) -> Iterator[Finding]:
    """Whoever runs an interactive channel holds its respond and moderate duties."""
    parts = PARTS["R3"]
    for channel in plan.channels:
        fig = plan.figures[channel.key]
        for kind, duty, singular, plural in DUTIES:
            planned = fig.per_week(kind)
            if not planned or duty in fig.duties:
                continue
            yield channel_finding(
                "R3",
                channel.key,
                parts[duty],
                f"{channel.label} plans {rate(planned, singular, plural)} but nobody "
                f"assigned to it holds the {duty} duty.",
                give_duty(plan, channel.key, duty),
                fact=duty_fact(fig, duty),
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
        backup = new_person(plan, channel.key)
        yield channel_finding(
            "R4",
            channel.key,
            PRINCIPLES["R4"].max_points,
            f"{who} and no backup is named; {count(minimum, 'person', 'people')} or a named "
            "backup are needed.",
            f"Name a backup for {channel.label} (an assignment marked backup), for instance "
            f"{backup}."
            if backup
            else f"Name a backup for {channel.label} (an assignment marked backup) once "
            "someone's time is freed: everyone else on the team is booked to capacity.",
            fact="" if fig.people else UNSTAFFED,
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
            _relieve(plan, load),
        )


def _relieve(plan: PlanFigures, load) -> str:
    labels = join_names([plan.label(key) for key in load.channels])
    names = others_with_time(plan, (load.key,))
    if names:
        return (
            f"Move {hours(load.over_hours)} a week of {load.name}'s work on {labels} to "
            f"{names}, or record more capacity for {load.name}."
        )
    return (
        f"Plan {hours(load.over_hours)} a week less work for {load.name} on {labels}: nobody "
        "else on the team has hours to spare."
    )


CHECKS = (r1, r2, r3, r4, r5)
