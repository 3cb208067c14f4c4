"""What an audit returns: findings, per-channel scores and verdicts, the organization's score.

All results are frozen; `to_dict()` gives plain JSON-ready dicts for storage and `--json` output.
The helpers at the bottom are how every check builds a finding and words its numbers, so all
findings count points and print figures the same way.
Plain Python (no Django).
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .figures import WEEKS_PER_MONTH
from .principles import HIGH, LOW, PRINCIPLES, severity_for

PLAN = "plan"
ACTUAL = "actual"


@dataclass(frozen=True)
class Charge:
    """What a finding costs under one principle: points per channel on the code's criterion."""

    code: str
    criterion: str
    affects: dict[str, int]  # channel key -> points taken from its score on `criterion`
    core: bool = False  # the principle's core is broken: the charge takes what the criterion had

    @property
    def points(self) -> int:
        return sum(self.affects.values())

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "criterion": self.criterion,
            "points": self.points,
            "affects": dict(self.affects),
            "core": self.core,
        }


@dataclass(frozen=True)
class Finding:
    """One fact about the plan, what it costs under each principle it bears on, and what to do.

    `code` and `criterion` name the principle the finding is first about; `charges` list every
    principle it costs points under (the first is `code`'s). `points` is the total, `affects`
    the total per channel, so findings rank by what fixing them gains.
    """

    code: str
    criterion: str
    channel: str | None  # channel key; None for an organization-wide finding
    points: int
    severity: str
    message: str
    recommendation: str
    affects: dict[str, int]  # channel key -> points taken from its scores, all criteria
    charges: tuple[Charge, ...] = ()
    # What the finding is about ("unstaffed", "respond_duty", ...): the checks of two principles
    # that notice the same fact on one channel make one finding, not two.
    fact: str = ""
    side: str = PLAN  # PLAN: read from the plan; ACTUAL: from what the channel published

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(charge.code for charge in self.charges)

    @property
    def title(self) -> str:
        """The principle it is first about, in words ("Nobody is booked past their capacity")."""
        return PRINCIPLES[self.code].title

    @property
    def core(self) -> bool:
        return any(charge.core for charge in self.charges)

    def points_on(self, channel: str, criterion: str) -> int:
        """Points this finding takes from `channel`'s score on `criterion`."""
        return sum(c.affects.get(channel, 0) for c in self.charges if c.criterion == criterion)

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "codes": list(self.codes),
            "criterion": self.criterion,
            "channel": self.channel,
            "points": self.points,
            "severity": self.severity,
            "message": self.message,
            "recommendation": self.recommendation,
            "affects": dict(self.affects),
            "charges": [charge.to_dict() for charge in self.charges],
            "side": self.side,
        }


@dataclass(frozen=True)
class ChannelResult:
    key: str
    platform: str
    name: str
    label: str
    scores: dict[str, int]  # value, interactivity, integration, resourcing, overall; 0-100
    verdict: str

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "platform": self.platform,
            "name": self.name,
            "label": self.label,
            "scores": dict(self.scores),
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class AuditResult:
    score: int  # rounded mean of the active channels' overall scores; 0 without channels
    channels: tuple[ChannelResult, ...]
    findings: tuple[Finding, ...]  # most points first, then by code
    thresholds: dict  # the effective thresholds the audit used

    def top_findings(self, n: int = 3) -> tuple[Finding, ...]:
        """The findings whose fixing gains the most points."""
        return self.findings[:n]

    def channel(self, key: str) -> ChannelResult:
        return next(c for c in self.channels if c.key == key)

    def to_dict(self) -> dict:
        return {
            "score": self.score,
            "channels": [c.to_dict() for c in self.channels],
            "findings": [f.to_dict() for f in self.findings],
            "thresholds": {k: plain_number(v) for k, v in self.thresholds.items()},
        }


def channel_finding(
    code: str,
    channel: str,
    points: int,
    message: str,
    recommendation: str,
    *,
    severity: str | None = None,
    fact: str = "",
    core: bool = False,
    side: str = PLAN,
) -> Finding:
    """A finding that costs one channel `points` on the principle's criterion.

    `fact` names what it is about when another principle's check may notice the same thing on
    the channel (the engine then makes one finding of them); `core` marks the breach of the
    criterion's core, which takes the whole criterion (see `engine`).
    """
    criterion = PRINCIPLES[code].criterion
    return Finding(
        code=code,
        criterion=criterion,
        channel=channel,
        points=points,
        severity=severity or (HIGH if core else severity_for(points)),
        message=message,
        recommendation=recommendation,
        affects={channel: points},
        charges=(Charge(code, criterion, {channel: points}, core=core),),
        fact=fact or f"{code}:{message}",
        side=side,
    )


def organization_finding(
    code: str, affects: dict[str, int], message: str, recommendation: str
) -> Finding:
    """A finding about the whole plan; it costs each channel in `affects` its share.

    Its severity is what it costs the channel it hurts most: a small cost shared by many
    channels is not a high finding on any of them.
    """
    criterion = PRINCIPLES[code].criterion
    return Finding(
        code=code,
        criterion=criterion,
        channel=None,
        points=sum(affects.values()),
        severity=severity_for(max(affects.values(), default=0)),
        message=message,
        recommendation=recommendation,
        affects=dict(affects),
        charges=(Charge(code, criterion, dict(affects)),),
        fact=f"{code}:{message}",
    )


def low_finding(
    code: str, channel: str, points: int, message: str, recommendation: str, *, side: str = PLAN
) -> Finding:
    """A finding that stays low severity whatever it costs (V5, a missing response target)."""
    return channel_finding(code, channel, points, message, recommendation, severity=LOW, side=side)


def proportional(max_points: int, shortfall: Decimal | float | int) -> int:
    """`max_points` times the shortfall (a fraction, clamped to 0..1), rounded half up."""
    fraction = min(max(Decimal(str(shortfall)), Decimal(0)), Decimal(1))
    return int((max_points * fraction).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def round_half_up(value: Decimal | float | int) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def fmt(value: Decimal | float | int) -> str:
    """A figure as a person writes it: 3, 2.5, 1.43 (never 3.00)."""
    number = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{number.normalize():f}"


def pct(share: Decimal | float) -> str:
    return f"{round_half_up(Decimal(str(share)) * 100)}%"


def count(value: Decimal | float | int, singular: str, plural: str | None = None) -> str:
    """'1 content post', '3 content posts', '0.5 content posts'."""
    word = singular if Decimal(str(value)) == 1 else (plural or singular + "s")
    return f"{fmt(value)} {word}"


def hours(value: Decimal | float | int) -> str:
    """A duration as people say it: '45 min', '2 h', '1 h 10 min' (to the minute)."""
    minutes = round_half_up(Decimal(str(value)) * 60)
    if minutes == 0:
        return "0 h"
    if minutes < 60:
        return f"{minutes} min"
    whole, rest = divmod(minutes, 60)
    return f"{whole} h {rest} min" if rest else f"{whole} h"


_TIMES = {1: "once", 2: "twice"}


def _about(value: Decimal, rounded: int) -> str:
    return "" if abs(value - rounded) < Decimal("0.05") else "about "


def rate(per_week: Decimal | float | int, singular: str, plural: str | None = None) -> str:
    """How many things a week, as people say it: '3 content posts a week', and a rare cadence
    per month: 'about 1 reply a month' (never '0.23 replies a week')."""
    value = Decimal(str(per_week))
    if value == 0 or value >= 1:
        return f"{count(value, singular, plural)} a week"
    monthly = value * WEEKS_PER_MONTH
    rounded = round_half_up(monthly)
    if rounded >= 1:
        return f"{_about(monthly, rounded)}{count(rounded, singular, plural)} a month"
    months = round_half_up(1 / monthly)
    return f"about 1 {singular} every {months} months"


def how_often(per_week: Decimal | float | int) -> str:
    """A cadence as people say it: 'twice a week', '3 times a week', 'once a month',
    'about every 3 months'."""
    value = Decimal(str(per_week))
    if value >= 1:
        whole = round_half_up(value)
        times = _TIMES.get(whole, f"{whole} times")
        return f"{_about(value, whole)}{times} a week"
    if value == 0:
        return "never"
    monthly = value * WEEKS_PER_MONTH
    whole = round_half_up(monthly)
    if whole >= 1:
        return f"{_about(monthly, whole)}{_TIMES.get(whole, f'{whole} times')} a month"
    return f"about every {round_half_up(1 / monthly)} months"


def at_least_one(value: Decimal | float | int) -> int:
    """A whole number to suggest adding or moving: the value rounded up, and never 0."""
    return max(1, math.ceil(Decimal(str(value))))


def join_names(names: Iterable[str], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (or 'A, B or C')."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"


def plain_number(value):
    """A threshold as JSON writes it: an int when whole, else a float."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return value
    return int(value) if value == int(value) else float(value)
