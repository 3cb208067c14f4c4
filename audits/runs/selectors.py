"""Reads of the audits app: the plan snapshot the rubric audits, and what audit pages show."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.shortcuts import get_object_or_404

from outreach.models import (
    CHANNEL_PLAN_FIELDS,
    Assignment,
    Channel,
    Duty,
    Organization,
    StaffMember,
)
from outreach.thresholds import effective_thresholds
from strategy.models import ChannelLink, PlannedActivity, StrategyPlan

from ..evidence.selectors import actual_facts
from ..rubric import CRITERIA
from ..rubric.principles import CRITERION_LABELS
from ..rubric.result import fmt, hours, how_often, pct
from ..rubric.snapshot import (
    ActivityFacts,
    AssignmentFacts,
    ChannelFacts,
    LinkFacts,
    PlanSnapshot,
    StaffFacts,
)
from ..rubric.verdicts import VERDICT_LABELS, score_band
from .comparison import RunComparison, runs_compared
from .models import AuditRun, ChannelScore, Finding


@dataclass(frozen=True)
class LoadedPlan:
    snapshot: PlanSnapshot
    plan: StrategyPlan | None
    channel_ids: dict[str, int]  # channel key -> id, to store results against


def plan_snapshot_load(
    *, organization: Organization, plan: StrategyPlan | None = None
) -> LoadedPlan:
    """The organization's plan (default: its current revision) as a plain snapshot.

    Six queries whatever the number of channels, people and activities: one per table, with
    the keys of related rows read through joins.
    """
    if plan is None:
        plan = StrategyPlan.objects.for_organization(organization).order_by("-revision").first()
    channels = list(Channel.objects.for_organization(organization).order_by("id"))
    staff = (
        StaffMember.objects.for_organization(organization)
        .order_by("id")
        .values_list("key", "name", "capacity_hours")
    )
    assignments = (
        Assignment.objects.for_organization(organization)
        .order_by("id")
        .values_list(
            "staff__key",
            "channel__key",
            "hours_per_week",
            *(f"duty_{duty}" for duty in Duty.values),
            "backup",
        )
    )
    activities, links = [], []
    if plan is not None:
        activities = (
            PlannedActivity.objects.filter(plan=plan)
            .order_by("id")
            .values_list(
                "channel__key", "kind", "per_week", "minutes_each", "owner__key", "links_to__key"
            )
        )
        links = (
            ChannelLink.objects.filter(plan=plan)
            .order_by("id")
            .values_list("from_channel__key", "to_channel__key", "how")
        )
    snapshot = PlanSnapshot(
        organization=organization.slug,
        channels=tuple(
            ChannelFacts(
                **{name: getattr(c, name) for name in CHANNEL_PLAN_FIELDS},
            ).with_default_presence()
            for c in channels
        ),
        staff=tuple(StaffFacts(key=k, name=n, capacity_hours=Decimal(h)) for k, n, h in staff),
        assignments=tuple(
            AssignmentFacts(
                staff=s,
                channel=c,
                hours_per_week=Decimal(h),
                duties=frozenset(d for d, held in zip(Duty.values, flags, strict=True) if held),
                backup=backup,
            )
            for s, c, h, *flags, backup in assignments
        ),
        activities=tuple(
            ActivityFacts(
                channel=c, kind=k, per_week=Decimal(p), minutes_each=m, owner=o, links_to=t
            )
            for c, k, p, m, o, t in activities
        ),
        links=tuple(LinkFacts(from_channel=f, to_channel=t, how=h) for f, t, h in links),
        thresholds=dict(organization.thresholds or {}),
        actual=actual_facts(
            organization=organization,
            weeks=int(effective_thresholds(organization.thresholds)["evidence_weeks"]),
        ),
    )
    return LoadedPlan(snapshot=snapshot, plan=plan, channel_ids={c.key: c.pk for c in channels})


def run_get(*, organization: Organization, number: int) -> AuditRun:
    """The organization's run with that number; another organization's answers 404."""
    return get_object_or_404(
        AuditRun.objects.for_organization(organization).select_related("started_by"),
        number=number,
    )


def audit_history(*, organization: Organization, limit: int = 50) -> list[AuditRun]:
    """The latest runs, newest first, each with `delta`: its score's change against the
    completed run before it (None for the first, or when that run is beyond `limit`), and
    `score_band`: its score's band under the thresholds it used ("" without a score)."""
    runs = list(
        AuditRun.objects.for_organization(organization)
        .select_related("started_by")
        .order_by("-id")[:limit]
    )
    older_score = None
    for run in reversed(runs):
        run.delta = None
        run.score_band = score_band(run.score, run.thresholds) if run.score is not None else ""
        if run.status == AuditRun.Status.DONE:
            if older_score is not None:
                run.delta = run.score - older_score
            older_score = run.score
    return runs


def previous_done_run(run: AuditRun) -> AuditRun | None:
    """The last completed run of the same organization before `run`: what every page and the
    email compare a run with."""
    return (
        AuditRun.objects.filter(
            organization_id=run.organization_id, status=AuditRun.Status.DONE, id__lt=run.id
        )
        .order_by("-id")
        .first()
    )


def done_runs_until(*, run: AuditRun, limit: int) -> list[AuditRun]:
    """The organization's completed runs up to and including `run`, oldest first, at most
    `limit` (one query): the trend of the weekly email."""
    runs = (
        AuditRun.objects.for_organization(run.organization_id)
        .filter(status=AuditRun.Status.DONE, pk__lte=run.pk)
        .order_by("-pk")[:limit]
    )
    return list(reversed(runs))


@dataclass(frozen=True)
class RunResults:
    """A completed run's scores and findings, the previous run's, and what changed between."""

    run: AuditRun
    previous: AuditRun | None
    scores: list[ChannelScore]  # in stored order
    findings: list[Finding]  # most points first
    previous_scores: list[ChannelScore]
    previous_findings: list[Finding]
    comparison: RunComparison


def run_results_load(*, run: AuditRun, previous: AuditRun | None) -> RunResults:
    """`run`'s and `previous`'s stored results (two queries) and their comparison."""
    run_ids = [run.pk, *([previous.pk] if previous else [])]
    scores = list(ChannelScore.objects.filter(run_id__in=run_ids).order_by("id"))
    findings = list(Finding.objects.filter(run_id__in=run_ids).order_by("-points", "code", "id"))
    now_scores = [s for s in scores if s.run_id == run.pk]
    now_findings = [f for f in findings if f.run_id == run.pk]
    old_scores = [s for s in scores if previous and s.run_id == previous.pk]
    old_findings = [f for f in findings if previous and f.run_id == previous.pk]
    return RunResults(
        run=run,
        previous=previous,
        scores=now_scores,
        findings=now_findings,
        previous_scores=old_scores,
        previous_findings=old_findings,
        comparison=runs_compared(
            now_score=run.score,
            old_score=previous.score if previous else None,
            now_scores=now_scores,
            old_scores=old_scores,
            now_findings=now_findings,
            old_findings=old_findings,
            has_previous=previous is not None,
        ),
    )


@dataclass(frozen=True)
class ScoreRow:
    score: ChannelScore
    deltas: dict[str, int | None]  # criterion/overall -> change since the previous run
    bands: dict[str, str]  # criterion/overall -> the score's band under the run's thresholds
    verdict_label: str  # the stored verdict in words


@dataclass(frozen=True)
class CriterionGroup:
    criterion: str
    label: str
    findings: list[Finding]
    points: int


def run_report(*, run: AuditRun) -> dict:
    """A finished run's scores (with changes against the previous run, each score's band under
    the run's own thresholds and the stored verdict in words) and its findings grouped by
    criterion, biggest loss first."""
    previous = previous_done_run(run) if run.status == AuditRun.Status.DONE else None
    results = run_results_load(run=run, previous=previous)
    scores = sorted(results.scores, key=lambda s: (s.overall, s.channel_label))
    fields = (*CRITERIA, "overall")
    rows = [
        ScoreRow(
            score=s,
            deltas=results.comparison.channel_deltas[s.channel_key],
            bands={f: score_band(getattr(s, f), run.thresholds) for f in fields},
            verdict_label=VERDICT_LABELS.get(s.verdict, s.verdict),
        )
        for s in scores
    ]
    labels = {s.channel_key: s.channel_label for s in scores}
    findings = results.findings
    for finding in findings:
        finding.channel_name = labels.get(finding.channel_key, "")
        finding.affected_names = [labels.get(k, k) for k in finding.affects]
    # A finding is listed once, under the criterion it is first about; each group's total is
    # what its criterion lost, charges of findings listed elsewhere included.
    groups = [
        CriterionGroup(
            criterion=c,
            label=CRITERION_LABELS[c],
            findings=[f for f in findings if f.criterion == c],
            points=sum(
                charge["points"]
                for f in findings
                for charge in f.charges
                if charge["criterion"] == c
            ),
        )
        for c in CRITERIA
    ]
    groups.sort(key=lambda g: -g.points)
    return {
        "rows": rows,
        "groups": groups,
        "top_findings": findings[:3],
        "previous": previous,
        "score_band": score_band(run.score, run.thresholds) if run.score is not None else "",
        "score_delta": results.comparison.score_delta,
        "plan_actual": plan_and_actual(run.digest),
        "plan_only": plan_only(run.digest),
    }


@dataclass(frozen=True)
class PlanActualRow:
    """One channel's plan beside what it did, in words: what the run page, the dashboard and
    the email show. `lines` are (what, planned, done) with done None where the files cannot
    tell; `period` says which weeks; a channel without evidence has no lines."""

    label: str
    period: str
    lines: list[tuple[str, str, str | None]]


def plan_only(digest: dict) -> list[str]:
    """The audited channels judged on their plan alone (no imported posts), when some others
    have evidence; empty otherwise."""
    channels = digest.get("channels", [])
    if not any(c.get("actual") for c in channels):
        return []
    return [c["label"] for c in channels if not c.get("actual")]


def plan_and_actual(digest: dict) -> list[PlanActualRow]:
    """The audited channels with imported posts, each with its plan and what it did."""
    rows = []
    for channel in digest.get("channels", []):
        actual, planned = channel.get("actual"), channel.get("planned")
        if not actual or not planned:
            continue

        def weekly(value, *_):
            """'1.9 a week', 'about 3 a month': the row names what is counted."""
            if value is None:
                return None
            value = Decimal(str(value))
            if value >= 1 or value == 0:
                return f"{fmt(value.quantize(Decimal('0.1')))} a week"
            return how_often(value).replace("once", "1").replace("twice", "2").replace(" times", "")

        def share(value):
            return None if value is None else pct(Decimal(str(value)))

        end = date.fromisoformat(actual["period_end"])
        weeks = max(1, round(actual["weeks"]))
        rows.append(
            PlanActualRow(
                label=channel["label"],
                period=f"{weeks} week{'s' if weeks != 1 else ''} to {end:%-d %b %Y}, "
                f"{actual['items']} posts",
                lines=[
                    (
                        "everything published",
                        weekly(planned.get("occurrences_per_week")),
                        weekly(actual.get("items_per_week")),
                    ),
                    (
                        "content posts",
                        weekly(planned["content_per_week"], "post"),
                        weekly(actual["content_per_week"], "post"),
                    ),
                    (
                        "replies",
                        weekly(planned["replies_per_week"], "reply", "replies"),
                        weekly(actual["replies_per_week"], "reply", "replies"),
                    ),
                    (
                        "re-shares",
                        weekly(planned["reshares_per_week"], "re-share"),
                        weekly(actual["reshares_per_week"], "re-share"),
                    ),
                    (
                        "interactive share",
                        share(planned["interactive_share"]) or "0%",
                        share(actual["interactive_share"]),
                    ),
                    (
                        "median reply time",
                        f"{channel['response_target_hours']} h target"
                        if channel.get("response_target_hours")
                        else "no target",
                        None
                        if actual["reply_median_hours"] is None
                        else hours(actual["reply_median_hours"]),
                    ),
                ],
            )
        )
    return rows
