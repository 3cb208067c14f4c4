"""The audit's tunable thresholds: what each one is, its default, and which values make sense.

Every threshold is specified once, in `THRESHOLDS`: its kind (a share, a count per week, …),
which fixes its unit and allowed range, its default and its meaning. `DEFAULT_THRESHOLDS`, the
plan file's validation (`threshold_override_errors`) and the table of docs/plan-format.md
(a test keeps it equal) all come from it. They sit in `outreach` rather than `audits` because
an organization owns its tuning (it is stored on the organization and travels in the plan
file), and `strategy` (which imports plan files) must not depend on `audits`. The rubric
receives the effective thresholds as a plain dict and records them with each audit.

Decisions:
- Ranges are what a comms team could mean, not what the arithmetic survives: a share is 0–1
  (0.4 is 40%; "40" is refused rather than asking for 4000%), posts a week 0–50 (decimals, 0.5
  is one every two weeks), items a month 0–31, people a whole 1–10, weights 0–10, the verdict
  scores whole 0–100.
- Two rules span thresholds and are checked on the effective values (overrides merged over the
  defaults): `fix_or_retire_below` may not be above `healthy_from`, and the four weights may
  not all be 0.
- Booleans, text, null, NaN and infinities are refused, each with a message a comms person
  understands. Whole-number kinds accept 2.0 as 2.
Plain Python (no Django).
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from .platforms import PLATFORMS


@dataclass(frozen=True)
class ThresholdKind:
    """What sort of number a threshold is: its unit and the values it may take."""

    label: str  # e.g. "share", as the docs' table shows it
    unit: str
    minimum: int
    maximum: int
    whole: bool  # whole numbers only
    noun: str  # "a share", as messages say what is expected
    hint: str = ""  # added to the expectation, e.g. " (0.4 means 40%)"

    @property
    def expectation(self) -> str:
        return f"{self.noun} from {self.minimum} to {self.maximum}{self.hint}"


SHARE = ThresholdKind("share", "share of the whole", 0, 1, False, "a share", " (0.4 means 40%)")
PER_WEEK = ThresholdKind("count per week", "posts a week", 0, 50, False, "a number of posts a week")
PER_MONTH = ThresholdKind(
    "count per month", "items a month", 0, 31, False, "a number of items a month"
)
PEOPLE = ThresholdKind("people", "people", 1, 10, True, "a whole number of people")
WEEKS = ThresholdKind("weeks", "weeks", 1, 52, True, "a whole number of weeks")
WEIGHT = ThresholdKind("weight", "relative weight", 0, 10, False, "a weight")
SCORE = ThresholdKind("score", "points out of 100", 0, 100, True, "a whole score")


@dataclass(frozen=True)
class Threshold:
    name: str
    kind: ThresholdKind
    default: int | float
    meaning: str


_POSTS_PER_WEEK = {
    "twitter": 5,
    "mastodon": 5,
    "bluesky": 5,
    "facebook": 2,
    "linkedin": 2,
    "instagram": 3,
    "youtube": 1,
    "blog": 1,
}
WEIGHT_NAMES = ("weight_value", "weight_interactivity", "weight_integration", "weight_resourcing")

THRESHOLDS: tuple[Threshold, ...] = (
    *(
        Threshold(
            f"posts_per_week_{platform}",
            PER_WEEK,
            posts,
            f"V1: content posts a week to plan on each `{platform}` channel "
            f"({PLATFORMS[platform][0]})",
        )
        for platform, posts in _POSTS_PER_WEEK.items()
    ),
    Threshold(
        "self_promotion_max_share",
        SHARE,
        0.8,
        "V2: neither posts about the organization's own work nor pointers to outside work may "
        "be more than this share of a channel's content posts",
    ),
    Threshold(
        "community_visual_items_per_month",
        PER_MONTH,
        1,
        "V4: photos or events a month to plan on each community page",
    ),
    Threshold(
        "interactive_share_min",
        SHARE,
        0.4,
        "I6: the smallest share of a channel's planned activity that should be interactive "
        "(re-shares, replies, discussions, polls, events)",
    ),
    Threshold(
        "one_target_max_share",
        SHARE,
        0.7,
        "G2: the largest share of a channel's content posts that may point to any one other "
        "channel",
    ),
    Threshold(
        "min_people_per_channel",
        PEOPLE,
        2,
        "R4: people (a named backup counts) who can run each active channel",
    ),
    Threshold(
        "evidence_weeks",
        WEEKS,
        12,
        "evidence: the weeks of imported posts, up to a channel's latest, that the audit "
        "checks what was done on",
    ),
    *(
        Threshold(
            name,
            WEIGHT,
            1,
            f"overall score: how much {name.removeprefix('weight_')} counts against the other "
            "three criteria",
        )
        for name in WEIGHT_NAMES
    ),
    Threshold(
        "fix_or_retire_below",
        SCORE,
        40,
        "verdict: a channel scoring below this overall is 'fix or retire'",
    ),
    Threshold(
        "criterion_floor",
        SCORE,
        20,
        "verdict: a channel with any criterion below this is 'fix or retire', whatever its "
        "overall score",
    ),
    Threshold(
        "healthy_from",
        SCORE,
        70,
        "verdict: a channel scoring this or more overall, with no criterion below the floor and "
        "no high-severity finding, is 'healthy'",
    ),
)
THRESHOLD_BY_NAME = {threshold.name: threshold for threshold in THRESHOLDS}
DEFAULT_THRESHOLDS: dict[str, float] = {t.name: t.default for t in THRESHOLDS}

assert set(_POSTS_PER_WEEK) == set(PLATFORMS)
assert len(THRESHOLD_BY_NAME) == len(THRESHOLDS)


def threshold_override_errors(overrides: object, where: str = "thresholds") -> list[str]:
    """One message per problem in an organization's overrides, each naming its place."""
    if not isinstance(overrides, dict):
        return [
            f"{where}: must be an object of threshold names and numbers, such as "
            f'{{"interactive_share_min": 0.5}}, not {_described(overrides)}'
        ]
    errors = []
    for name, value in overrides.items():
        threshold = THRESHOLD_BY_NAME.get(name)
        if threshold is None:
            errors.append(
                f"{where}.{name}: not a threshold; the thresholds are: "
                + ", ".join(THRESHOLD_BY_NAME)
            )
            continue
        problem = _value_problem(value, threshold.kind)
        if problem:
            errors.append(f"{where}.{name}: {problem}")
    if errors:
        return errors  # the rules across thresholds only make sense on valid values
    return _combination_errors(overrides, where)


def effective_thresholds(overrides: dict | None) -> dict[str, float]:
    """The defaults with an organization's valid overrides applied.

    An override that is not a threshold, or whose value is outside its range (stored before
    the ranges were checked), is ignored: the audit then uses the default, not nonsense.
    """
    merged = dict(DEFAULT_THRESHOLDS)
    for name, value in (overrides or {}).items():
        threshold = THRESHOLD_BY_NAME.get(name)
        if threshold is not None and _value_problem(value, threshold.kind) is None:
            merged[name] = value
    return merged


def _value_problem(value: object, kind: ThresholdKind) -> str | None:
    """Why `value` cannot be a threshold of `kind`, as a message; None when it can."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return f"{kind.expectation}, not {_described(value)}"
    if isinstance(value, float | Decimal) and not _finite(value):
        return f"{kind.expectation}, not {_described(value)}"
    if not kind.minimum <= value <= kind.maximum:
        return f"{kind.expectation}, not {_described(value)}"
    if kind.whole and value != int(value):
        return f"{kind.expectation}, not {_described(value)}"
    return None


def _combination_errors(overrides: dict, where: str) -> list[str]:
    """The rules across thresholds, on the overrides merged over the defaults."""
    merged = {**DEFAULT_THRESHOLDS, **overrides}
    errors = []
    fix_below, healthy_from = merged["fix_or_retire_below"], merged["healthy_from"]
    if fix_below > healthy_from:
        # Named where the file changed it: an override, not the default it moved past.
        if "fix_or_retire_below" in overrides:
            place, other = "fix_or_retire_below", _which("healthy_from", healthy_from, overrides)
            problem = f"{_number(fix_below)} is above {other}"
        else:
            place, other = "healthy_from", _which("fix_or_retire_below", fix_below, overrides)
            problem = f"{_number(healthy_from)} is below {other}"
        errors.append(
            f"{where}.{place}: {problem}; a score cannot need fixing and be healthy at once, "
            "so fix_or_retire_below must be at most healthy_from"
        )
    if not any(merged[name] for name in WEIGHT_NAMES):
        errors.append(
            f"{where}: the four weights ({', '.join(WEIGHT_NAMES)}) are all 0; at least one "
            "must be above 0 for the overall score to weigh anything"
        )
    return errors


def _which(name: str, value: float, overrides: dict) -> str:
    source = "" if name in overrides else ", the default"
    return f"{name} ({_number(value)}{source})"


def _finite(value: float | Decimal) -> bool:
    return value.is_finite() if isinstance(value, Decimal) else math.isfinite(value)


def _number(value: int | float | Decimal) -> str:
    """A number as the person wrote it: 40 not 40.0, 0.4 not 0.40000000000000002."""
    if isinstance(value, int) and value.bit_length() > 50:
        return f"a number with about {int(value.bit_length() * math.log10(2)) + 1} digits"
    if value == int(value) and abs(value) < 10**15:
        return str(int(value))
    return str(value)


def _described(value: object) -> str:
    """A value as a message names it, in words a person who wrote the file recognizes."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null (an empty value)"
    if isinstance(value, str):
        return f"the text '{value}' (write a number without quotes)"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, float | Decimal) and not _finite(value):
        if value != value:
            return "NaN (which is not a number)"
        return "an infinitely large number" if value > 0 else "an infinitely small number"
    if isinstance(value, int | float | Decimal):
        return _number(value)
    return repr(value)
