"""Warnings about figures that are allowed but unlikely to be meant: a plan is saved with them,
and the editor says why they look wrong. They are not the audit (they cost no points); they
catch a slip of the keyboard (200 a week for 20) while the person still remembers what they meant.

Pure Python over a channel's figures (`audits.rubric.figures.ChannelFigures`).
"""

from decimal import Decimal

from outreach.numbers import plain_number

from ..rubric.figures import ChannelFigures

# Less time than this for each planned item, from the hours people hold on the channel, is not
# a cadence anyone keeps up: even a re-share wants reading what is shared.
MIN_MINUTES_PER_ITEM = Decimal(2)


def _duration(minutes: Decimal) -> str:
    if minutes < 1:
        seconds = max(1, round(minutes * 60))
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    return f"{plain_number(minutes, 1)} minutes"


def plausibility_warnings(figures: ChannelFigures) -> tuple[str, ...]:
    """What looks implausible on one channel, each saying why and what to check."""
    items = figures.occurrences_per_week
    hours = figures.hours_assigned
    # No hours at all is the audit's finding (resourcing), not a slip of the keyboard.
    if items <= 0 or hours <= 0:
        return ()
    each = hours * 60 / items
    if each >= MIN_MINUTES_PER_ITEM:
        return ()
    return (
        f"{plain_number(items, 2)} items a week with {plain_number(hours, 2)} h assigned leaves "
        f"about {_duration(each)} for each. Check “Times a week”, or assign more hours.",
    )
