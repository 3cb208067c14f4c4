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

from .principles import LOW, PRINCIPLES, severity_for


@dataclass(frozen=True)
class Finding:
    code: str
    criterion: str
    channel: str | None  # channel key; None for an organization-wide finding
    points: int
    severity: str
    message: str
    recommendation: str
    affects: dict[str, int]  # channel key -> points taken from its score on `criterion`

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "criterion": self.criterion,
            "channel": self.channel,
            "points": self.points,
            "severity": self.severity,
            "message": self.message,
            "recommendation": self.recommendation,
            "affects": dict(self.affects),
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
) -> Finding:
    """A finding that costs one channel `points` on the principle's criterion."""
    return Finding(
        code=code,
        criterion=PRINCIPLES[code].criterion,
        channel=channel,
        points=points,
        severity=severity or severity_for(points),
        message=message,
        recommendation=recommendation,
        affects={channel: points},
    )


def organization_finding(
    code: str, affects: dict[str, int], message: str, recommendation: str
) -> Finding:
    """A finding about the whole plan; it costs each channel in `affects` its share."""
    points = sum(affects.values())
    return Finding(
        code=code,
        criterion=PRINCIPLES[code].criterion,
        channel=None,
        points=points,
        severity=severity_for(points),
        message=message,
        recommendation=recommendation,
        affects=dict(affects),
    )


def low_finding(code: str, channel: str, points: int, message: str, recommendation: str) -> Finding:
    """A finding that stays low severity whatever it costs (V5, a missing response target)."""
    return channel_finding(code, channel, points, message, recommendation, severity=LOW)


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
    return f"{fmt(value)} h"


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
