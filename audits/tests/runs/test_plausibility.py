"""Plausibility warnings: a cadence the assigned hours cannot carry is pointed out, with why;
ordinary plans and channels nobody holds (the audit's business) get none."""

from dataclasses import replace
from decimal import Decimal

from audits.rubric import channel_figures
from audits.runs.plausibility import plausibility_warnings
from audits.tests.snapshots import baseline


def tw_with(items, hours):
    tw = channel_figures(baseline())["tw"]
    return replace(tw, occurrences_per_week=Decimal(items), hours_assigned=Decimal(hours))


def test_an_ordinary_plan_has_no_warning():
    assert all(not plausibility_warnings(f) for f in channel_figures(baseline()).values())


def test_two_hundred_items_a_week_on_two_hours_is_pointed_out_with_why():
    (warning,) = plausibility_warnings(tw_with(200, 2))
    assert warning == (
        "200 items a week with 2 h assigned leaves about 36 seconds for each. "
        "Check “Times a week”, or assign more hours."
    )


def test_the_limit_is_two_minutes_an_item():
    assert plausibility_warnings(tw_with(60, 2)) == ()  # 2 minutes each
    (warning,) = plausibility_warnings(tw_with(80, 2))
    assert "about 1.5 minutes for each" in warning


def test_a_channel_without_hours_or_items_is_left_to_the_audit():
    assert plausibility_warnings(tw_with(200, 0)) == ()
    assert plausibility_warnings(tw_with(0, 2)) == ()
