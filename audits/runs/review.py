"""The audit's verdict on a plan as it stands, or as it would stand with unsaved rows: what the
plan page shows beside each channel. Registered with `strategy.review` at start-up."""

import hashlib
import json
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Count, Max

from outreach.models import ChangeRecord

from ..evidence.models import Post
from ..rubric import Finding, audit_plan, channel_figures
from ..rubric.figures import ChannelFigures
from ..rubric.snapshot import ActivityFacts, LinkFacts
from ..rubric.verdicts import VERDICT_LABELS, score_band
from .plausibility import plausibility_warnings
from .selectors import plan_snapshot_load


@dataclass(frozen=True)
class ChannelReview:
    figures: ChannelFigures
    overall: int | None  # None for an inactive channel (not audited)
    verdict: str | None
    findings: list[Finding] = field(default_factory=list)  # the channel's own
    # Whole-plan findings that cost this channel too, with what they cost it: listed in full
    # once for the plan (PlanReview.plan_findings), named here.
    shared_findings: list[tuple[Finding, int]] = field(default_factory=list)
    points_to: list[tuple[str, Decimal]] = field(default_factory=list)  # (label, posts a week)
    overall_band: str | None = None  # the overall score's band under the plan's thresholds
    verdict_label: str | None = None  # the verdict in words
    warnings: tuple[str, ...] = ()  # figures that look like a slip (plausibility), not findings


@dataclass(frozen=True)
class PlanReview:
    score: int
    channels: dict[str, ChannelReview]  # by channel key
    findings: list[Finding]
    thresholds: dict
    # Findings about the whole plan (a person booked past capacity across channels, no poll on
    # any micro-blog), each with the channels it costs: (finding, [(label, points)]).
    plan_findings: list = field(default_factory=list)
    score_band: str = ""  # the score's band under `thresholds`
    # For the stored plan's review: the cache key it is kept under, so that pages may keep what
    # they render from it under the same key (and drop it when it changes).
    cache_key: str = ""

    @property
    def warnings(self) -> list[tuple[str, str]]:
        """(channel key, warning) of every channel, in plan order."""
        return [(key, w) for key, channel in self.channels.items() for w in channel.warnings]


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
    stand in for the stored ones when given. The stored plan's review is kept in Django's cache
    under everything it is computed from (`_stored_review_key`), so the editor opened again
    before anything changed pays two small queries instead of a load and an audit."""
    if activities is None and links is None:
        key = _stored_review_key(plan)
        review = cache.get(key)
        if review is None:
            review = replace(_review(plan=plan), cache_key=key)
            cache.set(key, review, REVIEW_TIMEOUT)
        return review
    return _review(plan=plan, activities=activities, links=links)


# Every write to a plan, a channel, a person or an assignment goes through a service that notes
# a ChangeRecord in the same transaction; only the admin writes without one, and what it changes
# shows within this many seconds.
REVIEW_TIMEOUT = 600


def _stored_review_key(plan) -> str:
    """What the stored plan's review is computed from: the plan's version, the organization's
    latest recorded change (channels, people, assignments), its thresholds and time zone, and
    the posts imported as evidence (which no ChangeRecord notes)."""
    organization = plan.organization
    latest_change = ChangeRecord.objects.filter(organization=organization).aggregate(
        latest=Max("pk")
    )["latest"]
    posts = Post.objects.for_organization(organization).aggregate(n=Count("pk"), latest=Max("pk"))
    parts = [
        organization.pk,
        organization.timezone,
        organization.thresholds or {},
        plan.pk,
        plan.version,
        latest_change,
        posts["n"],
        posts["latest"],
    ]
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()
    return f"plan-review:v2:{digest}"


def _review(*, plan, activities=None, links=None) -> PlanReview:
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
            findings=[f for f in result.findings if f.channel is not None and key in f.affects],
            shared_findings=[
                (f, f.affects[key])
                for f in result.findings
                if f.channel is None and f.affects.get(key)
            ],
            points_to=sorted(
                ((labels.get(k, k), n) for k, n in channel_figures_.points_to.items()),
                key=lambda item: -item[1],
            ),
            overall_band=score_band(audited.scores["overall"], result.thresholds)
            if audited
            else None,
            verdict_label=VERDICT_LABELS.get(audited.verdict) if audited else None,
            warnings=plausibility_warnings(channel_figures_) if audited else (),
        )
    return PlanReview(
        score=result.score,
        channels=channels,
        findings=list(result.findings),
        thresholds=result.thresholds,
        plan_findings=[
            (f, [(labels.get(k, k), points) for k, points in f.affects.items()])
            for f in result.findings
            if f.channel is None
        ],
        score_band=score_band(result.score, result.thresholds),
    )
