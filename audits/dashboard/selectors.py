"""What the managers' dashboard shows, read from stored audit results only.

Everything comes from the organization's last twelve completed runs: their channel scores,
the latest run's findings (and the previous run's, to say what changed), and the latest run's
digest of the plan as audited (links, pointing posts, hours, duties). Four queries, whatever
the number of channels or audits; the page itself reads the runs alone when its rendered
results are in the cache (`parts.py`).
"""

import zoneinfo
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from urllib.parse import urlencode

from django.db.models import JSONField, OuterRef, Subquery
from django.urls import reverse
from django.utils.timezone import localtime

from outreach.models import Organization
from outreach.platforms import FAMILY_LABELS

from ..rubric import CRITERIA
from ..rubric.verdicts import score_band
from ..runs.comparison import runs_compared
from ..runs.models import AuditRun, ChannelScore, Finding
from ..runs.selectors import plan_and_actual, plan_only
from .charts import (
    LINK,
    POINTS_TO,
    GraphEdge,
    GraphNode,
    HeatmapRow,
    HoursRow,
    TrendPoint,
)

TREND_LENGTH = 12
COLUMNS = (*CRITERIA, "overall")


def _mean(values) -> int | None:
    values = [v for v in values if v is not None]
    if not values:
        return None
    return int((Decimal(sum(values)) / len(values)).quantize(Decimal(1), ROUND_HALF_UP))


@dataclass(frozen=True)
class Filters:
    family: str = ""
    identity: str = ""

    @classmethod
    def from_query(cls, query) -> "Filters":
        """The filters a dashboard URL's query string (`request.GET`) asks for: the page and its
        CSV files read them here alike, so that a download holds what the page shows."""
        return cls(
            family=query.get("family", "").strip(), identity=query.get("identity", "").strip()
        )

    def keeps(self, channel: dict) -> bool:
        return (not self.family or channel["family"] == self.family) and (
            not self.identity or channel.get("identity", "") == self.identity
        )

    @property
    def active(self) -> bool:
        return bool(self.family or self.identity)

    @property
    def query(self) -> str:
        """The filters as a query string for links that keep them ("" without filters)."""
        named = {"family": self.family, "identity": self.identity}
        return urlencode({name: value for name, value in named.items() if value})

    @property
    def description(self) -> str:
        """The filters in words, for a printed page: "" without filters."""
        words = []
        if self.family:
            words.append(f"platform family: {FAMILY_LABELS.get(self.family, self.family)}")
        if self.identity:
            words.append(f"identity or initiative: {self.identity}")
        return "; ".join(words)


@dataclass
class Dashboard:
    organization: Organization
    filters: Filters
    latest: AuditRun | None = None
    previous: AuditRun | None = None
    runs: list = field(default_factory=list)  # newest first
    channels: list[dict] = field(default_factory=list)  # digest channels kept by the filters
    scores: dict = field(default_factory=dict)  # channel key -> ChannelScore (latest run)
    findings: list = field(default_factory=list)  # latest run, kept by the filters
    families: list[tuple[str, str]] = field(default_factory=list)  # filter choices
    identities: list[str] = field(default_factory=list)
    score: int | None = None  # the organization's (or the filtered channels') score
    score_band: str = ""  # its band under the latest run's thresholds
    score_delta: int | None = None
    heatmap_rows: list = field(default_factory=list)
    graph_nodes: list = field(default_factory=list)
    graph_edges: list = field(default_factory=list)
    edge_rows: list = field(default_factory=list)  # the graph as a table
    people_rows: list = field(default_factory=list)
    channel_hours_rows: list = field(default_factory=list)
    unheld_duties: list = field(default_factory=list)  # (channel label, [duties])
    trend: list = field(default_factory=list)  # TrendPoint, oldest first
    findings_by_channel: list = field(default_factory=list)
    # Findings about the whole plan, listed once: {"finding", "costs": [(label, points)]}.
    plan_findings: list = field(default_factory=list)
    new_findings: list = field(default_factory=list)
    resolved_findings: list = field(default_factory=list)
    score_changes: list = field(default_factory=list)  # (label, before, after)
    plan_actual: list = field(default_factory=list)  # runs.selectors.PlanActualRow
    plan_only: list = field(default_factory=list)  # channels audited on their plan alone


# What the dashboard and its CSV files read of each run. The page reads the runs on every
# request, also when its results come from the cache: only these fields, not the digests.
RUN_FIELDS = (
    "id",
    "organization_id",
    "number",
    "score",
    "thresholds",
    "plan_revision",
    "created_at",
    "finished_at",
)


def dashboard_runs(*, organization: Organization) -> list[AuditRun]:
    """The organization's last `TREND_LENGTH` completed runs, newest first, with `RUN_FIELDS`
    (one query): what the dashboard draws from, and what its cached parts are keyed by."""
    return list(
        AuditRun.objects.for_organization(organization)
        .filter(status=AuditRun.Status.DONE)
        .only(*RUN_FIELDS)
        .order_by("-id")[:TREND_LENGTH]
    )


def dashboard_load(
    *,
    organization: Organization,
    filters: Filters | None = None,
    runs: list[AuditRun] | None = None,
) -> Dashboard:
    """The dashboard of the organization's completed runs (`runs`, as `dashboard_runs` reads
    them, when the caller has them already), kept by `filters`."""
    filters = filters or Filters()
    board = Dashboard(organization=organization, filters=filters)
    board.runs = dashboard_runs(organization=organization) if runs is None else runs
    if not board.runs:
        return board
    board.latest = board.runs[0]
    # Only the latest run's digest is drawn: the others' would be read for nothing.
    board.latest.refresh_from_db(fields=["digest"])
    board.previous = board.runs[1] if len(board.runs) > 1 else None
    run_ids = [r.pk for r in board.runs]
    scores_by_run = defaultdict(dict)
    for score in ChannelScore.objects.filter(run_id__in=run_ids).order_by("id"):
        scores_by_run[score.run_id][score.channel_key] = score
    findings = list(
        Finding.objects.filter(
            run_id__in=[board.latest.pk, *([board.previous.pk] if board.previous else [])]
        ).order_by("-points", "code", "id")
    )
    latest_findings = [f for f in findings if f.run_id == board.latest.pk]
    previous_findings = [f for f in findings if board.previous and f.run_id == board.previous.pk]

    digest_channels = board.latest.digest.get("channels", [])
    board.families = sorted(
        {(c["family"], FAMILY_LABELS.get(c["family"], c["family"])) for c in digest_channels},
        key=lambda item: list(FAMILY_LABELS).index(item[0]) if item[0] in FAMILY_LABELS else 99,
    )
    board.identities = sorted({c["identity"] for c in digest_channels if c.get("identity")})
    board.channels = [c for c in digest_channels if filters.keeps(c)]
    kept = {c["key"] for c in board.channels}
    board.scores = {k: s for k, s in scores_by_run[board.latest.pk].items() if k in kept}
    board.findings = [f for f in latest_findings if _kept(f, kept)]
    labels = {c["key"]: c["label"] for c in digest_channels}
    for finding in latest_findings + previous_findings:
        finding.channel_label = labels.get(finding.channel_key, finding.channel_key)

    _scores(board, scores_by_run, kept)
    _heatmap(board, labels)
    _graph(board, labels)
    _staffing(board, kept)
    _trend(board, scores_by_run, kept)
    _changes(board, previous_findings, scores_by_run, kept, labels)
    board.plan_actual = plan_and_actual({"channels": board.channels})
    board.plan_only = plan_only({"channels": board.channels})
    return board


def _scores(board, scores_by_run, kept) -> None:
    def score_of(run):
        if not board.filters.active:
            return run.score
        return _mean(s.overall for k, s in scores_by_run[run.pk].items() if k in kept)

    board.score = score_of(board.latest)
    if board.score is not None:
        board.score_band = score_band(board.score, board.latest.thresholds)
    if board.previous is not None:
        before = score_of(board.previous)
        if before is not None and board.score is not None:
            board.score_delta = board.score - before


def _heatmap(board, labels) -> None:
    def anchor(key, column):
        return f"#findings-{key}" + ("" if column == "overall" else f"-{column}")

    board.heatmap_rows = [
        HeatmapRow(
            key=channel["key"],
            label=channel["label"],
            verdict=board.scores[channel["key"]].verdict if channel["key"] in board.scores else "",
            scores={
                column: getattr(board.scores[channel["key"]], column)
                if channel["key"] in board.scores
                else None
                for column in COLUMNS
            },
            links={column: anchor(channel["key"], column) for column in COLUMNS},
            note=FAMILY_LABELS.get(channel["family"], channel["family"]),
        )
        for channel in board.channels
    ]
    # Findings under each channel and criterion: where the heatmap's cells lead. A finding
    # charged under two criteria is listed under each, with what it costs there. A finding
    # about the whole plan (one person booked past capacity on four channels) is told once, in
    # `plan_findings`; each channel it costs names it there (`whole_plan`) with its points.
    board.plan_findings = [
        {
            "finding": f,
            "costs": [
                (labels.get(key, key), points)
                for key, points in f.affects.items()
                if key in {c["key"] for c in board.channels}
            ],
        }
        for f in board.findings
        if not f.channel_key
    ]
    board.findings_by_channel = [
        {
            "key": channel["key"],
            "label": channel["label"],
            "criteria": [
                {
                    "criterion": criterion,
                    "findings": [
                        {"finding": f, "points": points, "whole_plan": not f.channel_key}
                        for f in board.findings
                        if (points := f.points_on(channel["key"], criterion))
                    ],
                }
                for criterion in CRITERIA
            ],
        }
        for channel in board.channels
    ]


def _graph(board, labels) -> None:
    flagged = defaultdict(set)
    for finding in board.findings:
        for code in {"G3", "G4"} & set(finding.codes):
            flagged[code].update(finding.affects)
    kept = {c["key"] for c in board.channels}
    board.graph_nodes = [
        GraphNode(
            key=c["key"],
            label=c["label"],
            family=c["family"],
            is_island=c["key"] in flagged["G4"],
            lacks_identity=c["key"] in flagged["G3"],
        )
        for c in board.channels
    ]
    edges, rows = [], []
    for link in board.latest.digest.get("links", []):
        if link["from"] in kept and link["to"] in kept:
            edges.append(GraphEdge(from_key=link["from"], to_key=link["to"], kind=LINK))
            rows.append(
                (labels[link["from"]], labels[link["to"]], link["how"].replace("_", " "), None)
            )
    for channel in board.channels:
        for target, per_week in channel.get("points_to", {}).items():
            if target in kept:
                edges.append(
                    GraphEdge(
                        from_key=channel["key"], to_key=target, weight=per_week, kind=POINTS_TO
                    )
                )
                rows.append((channel["label"], labels[target], "posts point there", per_week))
    board.graph_edges, board.edge_rows = edges, rows


def _staffing(board, kept) -> None:
    for person in board.latest.digest.get("staff", []):
        if board.filters.active and not set(person["channels"]) & kept:
            continue
        board.people_rows.append(
            HoursRow(
                label=person["name"],
                have=person["booked_hours"],
                need_or_limit=person["capacity_hours"],
                over_is_bad=True,
                have_label="booked",
                limit_label="capacity",
            )
        )
    for channel in board.channels:
        board.channel_hours_rows.append(
            HoursRow(
                label=channel["label"],
                have=channel["hours_assigned"],
                need_or_limit=channel["hours_needed"],
                over_is_bad=False,
                have_label="assigned",
                limit_label="needed",
            )
        )
        if channel.get("duties_unheld"):
            board.unheld_duties.append((channel["label"], channel["duties_unheld"]))


def _trend(board, scores_by_run, kept) -> None:
    zone = zoneinfo.ZoneInfo(board.organization.timezone)
    for run in reversed(board.runs):
        scores = [s for k, s in scores_by_run[run.pk].items() if k in kept]
        values = {c: _mean(getattr(s, c) for s in scores) for c in CRITERIA}
        values["overall"] = (
            run.score if not board.filters.active else _mean(s.overall for s in scores)
        )
        board.trend.append(
            TrendPoint(
                label=f"#{run.number} · {localtime(run.created_at, zone):%-d %b}",
                values=values,
                thresholds=run.thresholds,
                run_url=reverse("audits:run", args=[board.organization.slug, run.number]),
            )
        )


def _changes(board, previous_findings, scores_by_run, kept, labels) -> None:
    if board.previous is None:
        return
    changed = runs_compared(
        now_score=board.score,
        old_score=None,  # the board's own score change honours the filters (`_scores`)
        now_scores=list(board.scores.values()),
        old_scores=[s for k, s in scores_by_run[board.previous.pk].items() if k in kept],
        now_findings=board.findings,
        old_findings=[f for f in previous_findings if _kept(f, kept)],
        has_previous=True,
    )
    board.new_findings = changed.new_findings
    board.resolved_findings = changed.resolved_findings
    board.score_changes = [
        (labels.get(m.key, m.key), m.before, m.after) for m in changed.moves if m.amount
    ]


def _kept(finding, kept: set[str]) -> bool:
    """Whether the filters keep the finding: its channel, or a channel it costs, is shown."""
    return finding.channel_key in kept or bool(set(finding.affects) & kept)


def organization_summaries(*, user) -> list[Organization]:
    """The member's organizations, each with its latest score (and `latest_band`, the score's
    band under the thresholds that audit used), the one before, and the date of its last
    completed audit: one query."""
    done = AuditRun.objects.filter(
        organization=OuterRef("pk"), status=AuditRun.Status.DONE
    ).order_by("-id")
    organizations = list(
        Organization.objects.for_user(user)
        .annotate(
            latest_score=Subquery(done.values("score")[:1]),
            latest_thresholds=Subquery(done.values("thresholds")[:1], output_field=JSONField()),
            previous_score=Subquery(done.values("score")[1:2]),
            last_audit_at=Subquery(done.values("finished_at")[:1]),
        )
        .order_by("name")
    )
    for organization in organizations:
        organization.latest_band = (
            score_band(organization.latest_score, organization.latest_thresholds)
            if organization.latest_score is not None
            else ""
        )
    return organizations
