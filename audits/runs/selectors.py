"""Reads of the audits app: the plan snapshot the rubric audits, and what audit pages show."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.cache import cache
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from outreach.models import (
    CHANNEL_PLAN_FIELDS,
    Assignment,
    Channel,
    Duty,
    Organization,
    StaffMember,
)
from outreach.thresholds import effective_thresholds
from strategy.activity_kinds import reshare_nouns
from strategy.models import ChannelLink, PlannedActivity, StrategyPlan

from ..evidence.selectors import actual_facts_by_organization
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
    """The organization's plan (default: its current revision) as a plain snapshot: the same
    fixed number of queries whatever the number of channels, people and activities."""
    plans = {organization.pk: plan} if plan is not None else None
    return plan_snapshots_load(organizations=[organization], plans=plans)[organization.pk]


def plan_snapshots_load(
    *, organizations: list[Organization], plans: dict[int, StrategyPlan] | None = None
) -> dict[int, LoadedPlan]:
    """Each organization's plan (its current revision unless `plans` names one) as a plain
    snapshot, by organization id: one query per table for all of them together (a worker audits
    organizations in batches), with the keys of related rows read through joins."""
    ids = [o.pk for o in organizations]
    if plans is None:
        plans = {}
        for plan in StrategyPlan.objects.for_organizations(ids).order_by(
            "organization_id", "-revision"
        ):
            plans.setdefault(plan.organization_id, plan)
    by_org = {i: {"channels": [], "staff": [], "assignments": []} for i in ids}
    for channel in Channel.objects.for_organizations(ids).order_by("id"):
        by_org[channel.organization_id]["channels"].append(channel)
    for org_id, *row in (
        StaffMember.objects.for_organizations(ids)
        .order_by("id")
        .values_list(StaffMember.tenant_path, "key", "name", "capacity_hours")
    ):
        by_org[org_id]["staff"].append(row)
    for org_id, *row in (
        Assignment.objects.for_organizations(ids)
        .order_by("id")
        .values_list(
            Assignment.tenant_path,
            "staff__key",
            "channel__key",
            "hours_per_week",
            *(f"duty_{duty}" for duty in Duty.values),
            "backup",
        )
    ):
        by_org[org_id]["assignments"].append(row)
    org_of_plan = {plan.pk: org_id for org_id, plan in plans.items()}
    activities, links = defaultdict(list), defaultdict(list)
    if org_of_plan:
        for plan_id, *row in (
            PlannedActivity.objects.filter(plan_id__in=org_of_plan)
            .order_by("id")
            .values_list(
                "plan_id",
                "channel__key",
                "kind",
                "per_week",
                "minutes_each",
                "owner__key",
                "links_to__key",
            )
        ):
            activities[org_of_plan[plan_id]].append(row)
        for plan_id, *row in (
            ChannelLink.objects.filter(plan_id__in=org_of_plan)
            .order_by("id")
            .values_list("plan_id", "from_channel__key", "to_channel__key", "how")
        ):
            links[org_of_plan[plan_id]].append(row)
    actual = actual_facts_by_organization(
        organizations=organizations,
        weeks={
            o.pk: int(effective_thresholds(o.thresholds)["evidence_weeks"]) for o in organizations
        },
    )
    loaded = {}
    for organization in organizations:
        rows = by_org[organization.pk]
        snapshot = PlanSnapshot(
            organization=organization.slug,
            channels=tuple(
                ChannelFacts(
                    **{name: getattr(c, name) for name in CHANNEL_PLAN_FIELDS},
                ).with_default_presence()
                for c in rows["channels"]
            ),
            staff=tuple(
                StaffFacts(key=k, name=n, capacity_hours=Decimal(h)) for k, n, h in rows["staff"]
            ),
            assignments=tuple(
                AssignmentFacts(
                    staff=s,
                    channel=c,
                    hours_per_week=Decimal(h),
                    duties=frozenset(d for d, held in zip(Duty.values, flags, strict=True) if held),
                    backup=backup,
                )
                for s, c, h, *flags, backup in rows["assignments"]
            ),
            activities=tuple(
                ActivityFacts(
                    channel=c, kind=k, per_week=Decimal(p), minutes_each=m, owner=o, links_to=t
                )
                for c, k, p, m, o, t in activities[organization.pk]
            ),
            links=tuple(
                LinkFacts(from_channel=f, to_channel=t, how=h) for f, t, h in links[organization.pk]
            ),
            thresholds=dict(organization.thresholds or {}),
            actual=actual[organization.pk],
        )
        loaded[organization.pk] = LoadedPlan(
            snapshot=snapshot,
            plan=plans.get(organization.pk),
            channel_ids={c.key: c.pk for c in rows["channels"]},
        )
    return loaded


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
    email compare a run with. Without its digest, which no comparison reads (and which is loaded
    if something does)."""
    return (
        AuditRun.objects.filter(
            organization_id=run.organization_id, status=AuditRun.Status.DONE, id__lt=run.id
        )
        .defer("digest")
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
    return _report(run, previous)


# A completed run's results as HTML (`run_results_part`): kept a day, and under a key of their
# own for each organization, run and the run compared with. A done run never changes; what
# the page compares it with can (an older run finishing late, a deleted run), and its id is in
# the key. Raise the version when a change to the template changes the HTML, so that a shared
# cache (Redis) serves nothing drawn by the previous release.
RESULTS_TEMPLATE = "audits/_run_results.html"
RESULTS_TIMEOUT = 24 * 3600
RESULTS_VERSION = 3


def run_results_key(*, run: AuditRun, previous: AuditRun | None) -> str:
    return (
        f"run:results:v{RESULTS_VERSION}:org{run.organization_id}:run{run.pk}"
        f":prev{previous.pk if previous else 0}"
    )


def run_results_part(*, run: AuditRun) -> SafeString:
    """A completed run's summary, scores, plan and actual, and findings, as HTML: rendered once
    (without the request, so no CSRF token, nonce or user is in it) and then read from the
    cache. One query when cached: which run it is compared with."""
    if run.status != AuditRun.Status.DONE:
        raise ValueError(f"Only a completed run's results are kept; run {run.pk} is {run.status}.")
    previous = previous_done_run(run)
    key = run_results_key(run=run, previous=previous)
    html = cache.get(key)
    if html is None:
        html = str(render_to_string(RESULTS_TEMPLATE, {"run": run, **_report(run, previous)}))
        cache.set(key, html, RESULTS_TIMEOUT)
    # The template's own output, escaped when it was rendered; the cache keeps it as plain text.
    return mark_safe(html)  # noqa: S308


def _report(run: AuditRun, previous: AuditRun | None) -> dict:
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
                        reshare_nouns(channel.get("platform", ""))[1],
                        weekly(planned["reshares_per_week"]),
                        weekly(actual["reshares_per_week"]),
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
