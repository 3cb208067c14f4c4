"""Run the rubric over a plan snapshot: findings, per-channel scores, verdicts, the org score.

Only active channels are audited. Each criterion of a channel is 100 minus the points of the
findings that affect that channel on that criterion (never below 0). The overall score is the
weighted mean of the four criteria with the `weight_*` thresholds (equal weights if they are
all 0), rounded half up; the organization's score is the rounded mean of its channels' overall
scores. The verdict follows `rubric.md`: fix or retire below `fix_or_retire_below` or with any
criterion below `criterion_floor`, healthy from `healthy_from`, needs work in between.
"""

from decimal import Decimal

from outreach.thresholds import effective_thresholds

from . import integration, interactivity, resourcing, value
from .figures import plan_figures
from .principles import CRITERIA, FIX_OR_RETIRE, HEALTHY, NEEDS_WORK
from .result import AuditResult, ChannelResult, Finding, round_half_up
from .snapshot import PlanSnapshot

CHECKS = (*value.CHECKS, *interactivity.CHECKS, *integration.CHECKS, *resourcing.CHECKS)


def audit_plan(snapshot: PlanSnapshot) -> AuditResult:
    thresholds = effective_thresholds(snapshot.thresholds)
    plan = plan_figures(snapshot, thresholds)
    findings = sorted(
        (finding for check in CHECKS for finding in check(plan)),
        key=lambda f: (-f.points, f.code),
    )
    channels = tuple(_channel_result(channel, findings, thresholds) for channel in plan.channels)
    score = (
        round_half_up(Decimal(sum(c.scores["overall"] for c in channels)) / len(channels))
        if channels
        else 0
    )
    return AuditResult(
        score=score, channels=channels, findings=tuple(findings), thresholds=thresholds
    )


def _channel_result(channel, findings: list[Finding], thresholds: dict) -> ChannelResult:
    scores = {
        criterion: max(
            0,
            100 - sum(f.affects.get(channel.key, 0) for f in findings if f.criterion == criterion),
        )
        for criterion in CRITERIA
    }
    scores["overall"] = overall_score(scores, thresholds)
    return ChannelResult(
        key=channel.key,
        platform=channel.platform,
        name=channel.name,
        label=channel.label,
        scores=scores,
        verdict=verdict(scores, thresholds),
    )


def overall_score(scores: dict[str, int], thresholds: dict) -> int:
    """The weighted mean of the four criteria, rounded half up."""
    weights = {c: Decimal(str(thresholds[f"weight_{c}"])) for c in CRITERIA}
    if not any(weights.values()):
        weights = dict.fromkeys(CRITERIA, Decimal(1))
    total = sum(weights[c] * scores[c] for c in CRITERIA)
    return round_half_up(total / sum(weights.values()))


def verdict(scores: dict[str, int], thresholds: dict) -> str:
    """The verdict on a channel from its four criterion scores and its overall score."""
    if scores["overall"] < thresholds["fix_or_retire_below"] or any(
        scores[c] < thresholds["criterion_floor"] for c in CRITERIA
    ):
        return FIX_OR_RETIRE
    if scores["overall"] >= thresholds["healthy_from"]:
        return HEALTHY
    return NEEDS_WORK
