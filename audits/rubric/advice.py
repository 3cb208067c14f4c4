"""Whom a recommendation names: people who have the hours, never someone already overbooked.

A recommendation that hands a duty or more hours to a person the same audit reports as booked
past capacity cannot be followed. These helpers name the channel's own people with spare hours
first, then the rest of the team with the most spare hours, and say that time must be freed
when nobody has any. Plain Python (no Django).
"""

from .figures import PlanFigures
from .result import hours, join_names

MOST_NAMED = 2  # more names than this is a list, not a suggestion


def _named(plan: PlanFigures, keys) -> str:
    """'Ana Ruiz (2 h spare a week) or Ben Okafor (30 min spare a week)'."""
    people = [plan.staff[k] for k in keys]
    return join_names([f"{p.name} ({hours(p.spare_hours)} spare a week)" for p in people], "or")


def who_has_time(plan: PlanFigures, channel: str) -> str | None:
    """The people to suggest for work on `channel`, with their spare hours; None if nobody has
    any. The channel's own people come first: they know it."""
    own = plan.figures[channel].people
    on_it = [k for k in own if k in plan.staff and plan.staff[k].spare_hours > 0]
    if on_it:
        return _named(plan, on_it[:MOST_NAMED])
    return others_with_time(plan, own)


def others_with_time(plan: PlanFigures, exclude) -> str | None:
    """The people to suggest, but `exclude`, with their spare hours; None if nobody has any."""
    others = [p.key for p in plan.with_spare_hours(exclude=exclude)]
    return _named(plan, others[:MOST_NAMED]) if others else None


def new_person(plan: PlanFigures, channel: str) -> str | None:
    """Someone not yet on `channel` with spare hours (for a backup), or None."""
    return others_with_time(plan, plan.figures[channel].people)


def give_duty(plan: PlanFigures, channel: str, duty: str) -> str:
    """A recommendation to hand `duty` on `channel` to someone who can take it."""
    label = plan.label(channel)
    who = who_has_time(plan, channel)
    if who:
        return f"Give the {duty} duty on {label} to {who}."
    return (
        f"Free time first: everyone on the team is booked to capacity. Then give the {duty} "
        f"duty on {label} to one of its people, or take an activity off another channel."
    )


def add_hours(plan: PlanFigures, channel: str, amount) -> str:
    """A recommendation to put `amount` more hours a week on `channel`."""
    label = plan.label(channel)
    who = who_has_time(plan, channel)
    if who:
        return (
            f"Assign {hours(amount)} more a week on {label} to {who}, or plan fewer or "
            "shorter activities there."
        )
    return (
        f"Plan fewer or shorter activities on {label}: it needs {hours(amount)} more a week and "
        "nobody on the team has hours to spare (free time on another channel first)."
    )
