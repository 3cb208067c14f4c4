"""The audit's verdict on a plan as it stands, or as it would stand with unsaved rows: what the
plan page shows beside each channel. Registered with `strategy.review` at start-up."""

from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..rubric import Finding, audit_plan, channel_figures
from ..rubric.figures import ChannelFigures
from ..rubric.snapshot import ActivityFacts, LinkFacts
from ..rubric.verdicts import VERDICT_LABELS, score_band
from .selectors import plan_snapshot_load


@dataclass(frozen=True)
class ChannelReview:
    figures: ChannelFigures
    overall: int | None  # None for an inactive channel (not audited)
    verdict: str | None
    findings: list[Finding] = field(default_factory=list)
    points_to: list[tuple[str, Decimal]] = field(default_factory=list)  # (label, posts a week)
    overall_band: str | None = None  # the overall score's band under the plan's thresholds
    verdict_label: str | None = None  # the verdict in words


@dataclass(frozen=True)
class PlanReview:
    score: int
    channels: dict[str, ChannelReview]  # by channel key
    findings: list[Finding]
    thresholds: dict
    score_band: str = ""  # the score's band under `thresholds`


def _activity_facts(activity) -> ActivityFacts:
    return ActivityFacts(
        channel=activity.channel.key,
        kind=activity.kind,
        per_week=Decimal(activity.per_week),
        minutes_each=activity.minutes_each,
        owner=activity.owner.key if activity.owner else None,
        links_to=activity.links_to.key if activity.links_to else None,
    )


def _link_facts(link) -> LinkFacts:
    return LinkFacts(
        from_channel=link.from_channel.key, to_channel=link.to_channel.key, how=link.how
    )


def plan_review(*, plan, activities=None, links=None) -> PlanReview:
    """Figures and findings per channel; `activities`/`links` (model instances, saved or not)
    stand in for the stored ones when given."""
    snapshot = plan_snapshot_load(organization=plan.organization, plan=plan).snapshot
    if activities is not None:
        snapshot = replace(snapshot, activities=tuple(_activity_facts(a) for a in activities))
    if links is not None:
        snapshot = replace(snapshot, links=tuple(_link_facts(link) for link in links))
    result = audit_plan(snapshot)
    figures = channel_figures(snapshot)
    labels = {c.key: c.label for c in snapshot.channels}
    results = {c.key: c for c in result.channels}
    channels = {}
    for key, channel_figures_ in figures.items():
        audited = results.get(key)
        channels[key] = ChannelReview(
            figures=channel_figures_,
            overall=audited.scores["overall"] if audited else None,
            verdict=audited.verdict if audited else None,
            findings=[f for f in result.findings if key in f.affects],
            points_to=sorted(
                ((labels.get(k, k), n) for k, n in channel_figures_.points_to.items()),
                key=lambda item: -item[1],
            ),
            overall_band=score_band(audited.scores["overall"], result.thresholds)
            if audited
            else None,
            verdict_label=VERDICT_LABELS.get(audited.verdict) if audited else None,
        )
    return PlanReview(
        score=result.score,
        channels=channels,
        findings=list(result.findings),
        thresholds=result.thresholds,
        score_band=score_band(result.score, result.thresholds),
    )
