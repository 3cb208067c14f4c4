"""The thresholds' specification: defaults, allowed values, messages, and the docs' table."""

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from outreach.platforms import PLATFORMS
from outreach.thresholds import (
    DEFAULT_THRESHOLDS,
    THRESHOLDS,
    WEIGHT_NAMES,
    effective_thresholds,
    threshold_override_errors,
)

PLAN_FORMAT_DOC = Path(__file__).resolve().parents[2] / "docs" / "plan-format.md"
ALL_NAMES = ", ".join(t.name for t in THRESHOLDS)


def test_the_defaults_come_from_the_specification_and_are_valid():
    assert {t.name: t.default for t in THRESHOLDS} == DEFAULT_THRESHOLDS
    assert {f"posts_per_week_{p}" for p in PLATFORMS} <= set(DEFAULT_THRESHOLDS)
    assert threshold_override_errors(dict(DEFAULT_THRESHOLDS)) == []
    for threshold in THRESHOLDS:
        assert threshold.kind.minimum <= threshold.default <= threshold.kind.maximum
        assert threshold.meaning and threshold.kind.unit


@pytest.mark.parametrize("threshold", THRESHOLDS, ids=[t.name for t in THRESHOLDS])
def test_each_threshold_takes_its_whole_range_and_nothing_beyond(threshold):
    """Both ends are allowed; a step past either end is refused, naming the place and range."""
    kind = threshold.kind
    step = 1 if kind.whole else 0.01
    # The verdict pair moves together, so that only the range is tested here.
    partner = {
        "fix_or_retire_below": {"healthy_from": 100},
        "healthy_from": {"fix_or_retire_below": 0},
    }
    others = partner.get(threshold.name, {})
    for value in (kind.minimum, kind.maximum):
        assert threshold_override_errors({threshold.name: value, **others}) == [], value
    for value in (kind.minimum - step, kind.maximum + step):
        (message,) = threshold_override_errors({threshold.name: value, **others})
        assert message.startswith(f"thresholds.{threshold.name}: {kind.expectation}, not ")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("interactive_share_min", 40, "a share from 0 to 1 (0.4 means 40%), not 40"),
        ("self_promotion_max_share", 1.5, "a share from 0 to 1 (0.4 means 40%), not 1.5"),
        ("posts_per_week_twitter", 80, "a number of posts a week from 0 to 50, not 80"),
        ("community_visual_items_per_month", 32, "a number of items a month from 0 to 31, not 32"),
        ("min_people_per_channel", 0, "a whole number of people from 1 to 10, not 0"),
        ("min_people_per_channel", 2.5, "a whole number of people from 1 to 10, not 2.5"),
        ("weight_value", 11, "a weight from 0 to 10, not 11"),
        ("healthy_from", 70.5, "a whole score from 0 to 100, not 70.5"),
        ("criterion_floor", -1, "a whole score from 0 to 100, not -1"),
    ],
)
def test_a_value_out_of_range_says_what_is_expected(name, value, message):
    assert threshold_override_errors({name: value}) == [f"thresholds.{name}: {message}"]


@pytest.mark.parametrize(
    ("value", "described"),
    [
        (True, "true"),
        (False, "false"),
        (None, "null (an empty value)"),
        ("0.5", "the text '0.5' (write a number without quotes)"),
        ([0.5], "a list"),
        ({"value": 0.5}, "an object"),
        (float("nan"), "NaN (which is not a number)"),
        (float("inf"), "an infinitely large number"),
        (float("-inf"), "an infinitely small number"),
        (json.loads("1e309"), "an infinitely large number"),  # what JSON makes of it
        (Decimal("NaN"), "NaN (which is not a number)"),
        (1e300, "1e+300"),
        (10**400, "a number with about 401 digits"),
    ],
    ids=lambda v: repr(v)[:20],
)
def test_what_is_not_a_usable_number_is_refused_in_words(value, described):
    assert threshold_override_errors({"interactive_share_min": value}) == [
        f"thresholds.interactive_share_min: a share from 0 to 1 (0.4 means 40%), not {described}"
    ]


def test_whole_numbers_may_be_written_with_a_decimal_point():
    assert threshold_override_errors({"min_people_per_channel": 3.0, "healthy_from": 75.0}) == []
    assert threshold_override_errors({"interactive_share_min": Decimal("0.45")}) == []


def test_an_unknown_name_is_refused_with_every_valid_name():
    assert threshold_override_errors({"posts_per_day": 3}) == [
        f"thresholds.posts_per_day: not a threshold; the thresholds are: {ALL_NAMES}"
    ]


def test_thresholds_that_are_not_an_object_are_one_problem():
    assert threshold_override_errors([1, 2], "thresholds") == [
        "thresholds: must be an object of threshold names and numbers, such as "
        '{"interactive_share_min": 0.5}, not a list'
    ]


def test_every_problem_is_reported_at_once_each_at_its_place():
    errors = threshold_override_errors(
        {"foo": 1, "interactive_share_min": 40, "healthy_from": "high"}, where="plan.thresholds"
    )
    assert [error.split(":")[0] for error in errors] == [
        "plan.thresholds.foo",
        "plan.thresholds.interactive_share_min",
        "plan.thresholds.healthy_from",
    ]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"fix_or_retire_below": 80},
            "thresholds.fix_or_retire_below: 80 is above healthy_from (70, the default)",
        ),
        (
            {"healthy_from": 30},
            "thresholds.healthy_from: 30 is below fix_or_retire_below (40, the default)",
        ),
        (
            {"fix_or_retire_below": 60, "healthy_from": 50},
            "thresholds.fix_or_retire_below: 60 is above healthy_from (50)",
        ),
    ],
    ids=["fix moved up", "healthy moved down", "both moved"],
)
def test_fix_or_retire_may_not_be_above_healthy_on_the_effective_values(overrides, message):
    (error,) = threshold_override_errors(overrides)
    assert error == (
        f"{message}; a score cannot need fixing and be healthy at once, so fix_or_retire_below "
        "must be at most healthy_from"
    )


def test_fix_or_retire_may_equal_healthy():
    assert threshold_override_errors({"fix_or_retire_below": 70}) == []
    assert threshold_override_errors({"fix_or_retire_below": 90, "healthy_from": 95}) == []


def test_the_four_weights_may_not_all_be_zero():
    assert threshold_override_errors(dict.fromkeys(WEIGHT_NAMES[:3], 0)) == []
    assert threshold_override_errors(dict.fromkeys(WEIGHT_NAMES, 0)) == [
        f"thresholds: the four weights ({', '.join(WEIGHT_NAMES)}) are all 0; at least one must "
        "be above 0 for the overall score to weigh anything"
    ]


def test_effective_thresholds_apply_valid_overrides_and_ignore_the_rest():
    """Overrides stored before the ranges were checked fall back to the defaults."""
    effective = effective_thresholds(
        {"posts_per_week_twitter": 3, "interactive_share_min": 40, "foo": 1, "healthy_from": None}
    )
    assert effective == {**DEFAULT_THRESHOLDS, "posts_per_week_twitter": 3}
    assert effective_thresholds(None) == DEFAULT_THRESHOLDS


# docs/plan-format.md -------------------------------------------------------------------------


def _table_row(threshold) -> list[str]:
    kind = threshold.kind
    allowed = f"{kind.minimum}–{kind.maximum}" + (", whole" if kind.whole else "")
    return [
        f"`{threshold.name}`",
        kind.label,
        kind.unit,
        allowed,
        json.dumps(threshold.default),
        threshold.meaning,
    ]


def test_the_plan_format_doc_lists_every_threshold_as_specified():
    """The docs' table is the specification, row for row; a failure prints the table to paste."""
    text = PLAN_FORMAT_DOC.read_text(encoding="utf-8")
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.splitlines()
        if re.match(r"^\| `[a-z_]+` \|", line) and line.count("|") == 7
    ]
    documented = {row[0]: row for row in rows if row[0].strip("`") in DEFAULT_THRESHOLDS}
    expected = {f"`{t.name}`": _table_row(t) for t in THRESHOLDS}
    table = "\n".join("| " + " | ".join(row) + " |" for row in expected.values())
    assert documented == expected, f"docs/plan-format.md should list:\n{table}"
