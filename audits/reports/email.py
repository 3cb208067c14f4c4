"""The weekly audit report email: what a manager reads in a minute.

Built from stored audit results only: the organization's last completed runs (for the trend),
the channel scores and findings of the reported run and of the run before it (for what changed).
Three queries whatever the number of channels (two when the caller passes the history).
The HTML part is laid out with tables and inline styles, since mail programs drop style sheets.
"""

import re
import textwrap
import zoneinfo
from dataclasses import dataclass
from datetime import date, timedelta

from django.template.loader import render_to_string
from django.utils.timezone import localtime

from outreach.models import Organization
from outreach.palette import TONES
from outreach.platforms import PLATFORMS

from ..rubric import CRITERIA, PRINCIPLES
from ..rubric.principles import CRITERION_LABELS, FIX_OR_RETIRE, HEALTHY, NEEDS_WORK
from ..rubric.verdicts import VERDICT_LABELS, score_band, verdict_rule_in_words
from ..runs.models import AuditRun, ChannelScore, Finding
from ..runs.selectors import (
    RunResults,
    done_runs_until,
    plan_and_actual,
    plan_only,
    run_results_load,
)

HISTORY_LENGTH = 12
TOP_FINDINGS = 3
# Longer lists of changes belong on the dashboard, not in a one-minute read.
CHANGES_LISTED = 5
MOVES_LISTED = 10
TEXT_WIDTH = 72
BAR_MAX_PX = 40


# Best first: the order of the channel counts under the score.
VERDICT_TONES = {HEALTHY: "good", NEEDS_WORK: "warn", FIX_OR_RETIRE: "bad"}
VERDICT_MARKS = {HEALTHY: "✓", NEEDS_WORK: "!", FIX_OR_RETIRE: "✗"}


@dataclass(frozen=True)
class ReportEmail:
    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Change:
    """A signed change of a score, with the words and the arrow to show it."""

    amount: int | None  # None: nothing to compare with

    @property
    def arrow(self) -> str:
        if not self.amount:
            return ""
        return "▲" if self.amount > 0 else "▼"

    @property
    def size(self) -> int:
        return abs(self.amount or 0)

    @property
    def short(self) -> str:
        """'▲ 4', '▼ 3', 'unchanged', or '' when there is nothing to compare with."""
        if self.amount is None:
            return ""
        return f"{self.arrow} {self.size}" if self.amount else "unchanged"

    @property
    def words(self) -> str:
        if self.amount is None:
            return ""
        if not self.amount:
            return "Unchanged"
        return f"{'Up' if self.amount > 0 else 'Down'} {_points(self.size)}"

    @property
    def colour(self) -> str:
        if not self.amount:
            return "#4b5563"
        return TONES["good" if self.amount > 0 else "bad"][0]


@dataclass(frozen=True)
class CriterionCell:
    label: str
    value: int
    colour: str


@dataclass(frozen=True)
class ChannelRow:
    label: str
    platform: str
    cells: list[CriterionCell]
    overall: int
    overall_colour: str
    verdict: str
    verdict_label: str
    verdict_mark: str
    verdict_colour: str
    verdict_background: str
    change: Change


@dataclass(frozen=True)
class FindingItem:
    code: str
    title: str  # the principle's title
    where: str  # the channel's label, or "Whole plan"
    names_where: bool  # the message names the channel already
    points: int
    severity_label: str
    message: str
    recommendation: str
    top_text: str  # for the text part: as one of the findings worth the most, wrapped
    change_text: str  # for the text part: as a new or fixed finding, wrapped


@dataclass(frozen=True)
class ScoreMove:
    label: str
    before: int | None  # None: a channel audited for the first time
    after: int | None  # None: a channel no longer audited
    change: Change


@dataclass(frozen=True)
class TrendPoint:
    score: int | None
    bar_px: int
    is_current: bool


def report_email_build(
    *,
    organization: Organization,
    run: AuditRun,
    week: tuple[int, int],
    dashboard_url: str,
    unsubscribe_url: str,
    history: list | None = None,
    to_manager: bool = True,
) -> ReportEmail:
    """The weekly report of `run` (a completed audit of `organization`) for ISO `week`.

    `history`: the organization's completed runs up to and including `run`, oldest first, at
    most twelve; loaded here (one query) when not given.
    """
    if run.organization_id != organization.pk:
        raise ValueError(f"Audit {run.pk} is not one of {organization}'s.")
    if run.status != AuditRun.Status.DONE:
        raise ValueError(f"Audit {run.pk} has no results to report ({run.status}).")
    if history is None:
        history = done_runs_until(run=run, limit=HISTORY_LENGTH)
    history = _history_ending_at(history, run)
    previous = history[-2] if len(history) > 1 else None
    results = run_results_load(run=run, previous=previous)
    now_scores, old_scores = results.scores, results.previous_scores
    now_findings = results.findings

    name = _one_line(organization.name)
    zone = zoneinfo.ZoneInfo(organization.timezone)
    score_change = Change(results.comparison.score_delta)
    moves, new, fixed = _changes(results)
    old_overall = {s.channel_key: s.overall for s in old_scores}
    channels = [_channel_row(s, old_overall.get(s.channel_key), run.thresholds) for s in now_scores]
    context = {
        "organization_name": name,
        "iso_year": week[0],
        "week_number": week[1],
        "week_dates": _week_dates(*week),
        "audited_on": _date_time(run.finished_at, zone),
        "score": run.score,
        "score_colour": _tone(run.score, run.thresholds)[0],
        "score_verdict": _score_words(run.score, run.thresholds),
        "verdict_legend": _verdict_legend(run.thresholds),
        "verdict_legend_text": textwrap.fill(
            f"Scores out of 100. {_verdict_legend(run.thresholds)}.", TEXT_WIDTH
        ),
        "score_change": score_change,
        "previous": previous,
        "previous_on": _date(previous.finished_at, zone) if previous else "",
        "previous_score": previous.score if previous else None,
        "trend": _trend(history, run),
        "trend_text": " → ".join(_number(r.score) for r in history),
        "channels": channels,
        "verdict_counts": _verdict_counts(channels),
        "top_findings": [
            _finding_item(f, _labels(now_scores)) for f in now_findings[:TOP_FINDINGS]
        ],
        "findings_count": len(now_findings),
        "moves": moves[:MOVES_LISTED],
        "moves_more": max(0, len(moves) - MOVES_LISTED),
        "new_findings": new[:CHANGES_LISTED],
        "new_findings_more": max(0, len(new) - CHANGES_LISTED),
        "new_findings_count": len(new),
        "fixed_findings": fixed[:CHANGES_LISTED],
        "fixed_findings_more": max(0, len(fixed) - CHANGES_LISTED),
        "fixed_findings_count": len(fixed),
        "dashboard_url": dashboard_url,
        "tones": TONES,
        "plan_actual": plan_and_actual(run.digest),
        "plan_only": plan_only(run.digest),
        # Why this address gets the report, said in the footer.
        "to_manager": to_manager,
        "unsubscribe_url": unsubscribe_url,
    }
    context["preheader"] = _preheader(context)
    subject = f"{name} · week {week[1]}, {week[0]} · score {_number(run.score)}"
    if previous is None:
        subject += " (first audit)"
    elif score_change.amount is not None:
        subject += f" ({score_change.short})"
    context["subject"] = subject
    return ReportEmail(
        subject=subject,
        text=_tidy_text(render_to_string("audits/email/weekly_report.txt", context)),
        html=_compact_html(render_to_string("audits/email/weekly_report.html", context)),
    )


def _history_ending_at(history: list, run: AuditRun) -> list:
    """The history up to and including `run`, which is always its last entry."""
    earlier = [r for r in history if r.pk < run.pk]
    return [*earlier, run][-HISTORY_LENGTH:]


def _changes(results: RunResults):
    """Channels whose overall score moved (or that came or went), and the findings that are new
    or gone, as the email lists them."""
    changed = results.comparison
    moves = [ScoreMove(m.label, m.before, m.after, Change(m.amount)) for m in changed.moves]
    new = [_finding_item(f, _labels(results.scores)) for f in changed.new_findings]
    fixed = [_finding_item(f, _labels(results.previous_scores)) for f in changed.resolved_findings]
    return moves, new, fixed


def _channel_row(score: ChannelScore, old_overall: int | None, thresholds: dict) -> ChannelRow:
    """The channel's scores coloured by the run's thresholds, beside its stored verdict."""
    colour, background = TONES[VERDICT_TONES.get(score.verdict, "warn")]
    return ChannelRow(
        label=score.channel_label,
        platform=PLATFORMS.get(score.platform, (score.platform,))[0],
        cells=[
            CriterionCell(
                label=CRITERION_LABELS[c],
                value=getattr(score, c),
                colour=_tone(getattr(score, c), thresholds)[0],
            )
            for c in CRITERIA
        ],
        overall=score.overall,
        overall_colour=_tone(score.overall, thresholds)[0],
        verdict=score.verdict,
        verdict_label=VERDICT_LABELS.get(score.verdict, score.verdict),
        verdict_mark=VERDICT_MARKS.get(score.verdict, ""),
        verdict_colour=colour,
        verdict_background=background,
        change=Change(None if old_overall is None else score.overall - old_overall),
    )


def _labels(scores: list[ChannelScore]) -> dict[str, str]:
    return {s.channel_key: s.channel_label for s in scores}


def _finding_item(finding: Finding, labels: dict[str, str]) -> FindingItem:
    principle = PRINCIPLES.get(finding.code)
    where = labels.get(finding.channel_key, finding.channel_key) or "Whole plan"
    # Findings name their channel in their message already, as a rule: say it once.
    names_where = where in finding.message
    return FindingItem(
        code=finding.codes_label,
        title=principle.title if principle else "",
        where=where,
        points=finding.points,
        severity_label=finding.get_severity_display(),
        message=finding.message,
        recommendation=finding.recommendation,
        top_text=_wrap(
            f"+{_points(finding.points)} · {where} · {finding.codes_label}",
            finding.recommendation,
            f"Why: {finding.message}",
        ),
        change_text=_wrap(
            f"{finding.codes_label} · {finding.message}"
            if names_where
            else f"{finding.codes_label} · {where}: {finding.message}"
        ),
        names_where=names_where,
    )


def _wrap(first: str, *paragraphs: str) -> str:
    """Paragraphs wrapped for plain-text readers, all but the first line indented three spaces
    to sit under a list marker ("1. ", " - ") the template puts before them."""
    indent = " " * 3
    width = TEXT_WIDTH - len(indent)
    lines = textwrap.wrap(first, width)
    for paragraph in paragraphs:
        lines += textwrap.wrap(paragraph, width)
    return ("\n" + indent).join(lines)


def _trend(history: list, run: AuditRun) -> list[TrendPoint]:
    return [
        TrendPoint(
            score=r.score,
            bar_px=max(2, round((r.score or 0) * BAR_MAX_PX / 100)) if r.score is not None else 0,
            is_current=r.pk == run.pk,
        )
        for r in history
    ]


def _verdict_counts(channels: list[ChannelRow]) -> list[tuple[int, str, str]]:
    """(count, verdict label, colour) for each verdict that occurs, best first."""
    counts = []
    for verdict, tone in VERDICT_TONES.items():
        n = sum(1 for c in channels if c.verdict == verdict)
        if n:
            counts.append((n, VERDICT_LABELS[verdict], TONES[tone][0]))
    return counts


def _preheader(context: dict) -> str:
    """The line mail programs show beside the subject in the inbox."""
    change = context["score_change"]
    line = f"Score {_number(context['score'])}"
    if context["previous"] is None:
        line += ", the first audit."
    elif change.amount is not None:
        line += f", {change.words.lower()} since the previous audit."
    else:
        line += "."
    if context["top_findings"]:
        line += f" Fix first: {context['top_findings'][0].recommendation}"
    return line


def _tone(value: int | None, thresholds: dict) -> tuple[str, str]:
    """The colours of a score's band under the run's thresholds."""
    if value is None:
        return ("#4b5563", "#f3f4f6")
    return TONES[VERDICT_TONES[score_band(value, thresholds)]]


def _score_words(value: int | None, thresholds: dict) -> str:
    if value is None:
        return "no active channels were audited"
    return VERDICT_LABELS[score_band(value, thresholds)]


def _verdict_legend(thresholds: dict) -> str:
    return verdict_rule_in_words(thresholds)


def _points(n: int) -> str:
    return f"{n} point" if n == 1 else f"{n} points"


def _number(value: float | None) -> str:
    """A score or threshold as people write it: 75, 72.5, or "—" for none."""
    if value is None:
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _one_line(value: str) -> str:
    """A header never carries a line break."""
    return " ".join(str(value).split())


def _week_dates(iso_year: int, iso_week: int) -> str:
    """'23–29 Nov 2026', '30 Nov – 6 Dec 2026', '28 Dec 2026 – 3 Jan 2027'."""
    monday = date.fromisocalendar(iso_year, iso_week, 1)
    sunday = monday + timedelta(days=6)
    if monday.year != sunday.year:
        return f"{_date(monday)} – {_date(sunday)}"
    if monday.month != sunday.month:
        return f"{monday.day} {monday:%b} – {_date(sunday)}"
    return f"{monday.day}–{_date(sunday)}"


def _date(value, zone=None) -> str:
    if value is None:
        return ""
    if zone is not None:
        value = localtime(value, zone)
    return f"{value.day} {value:%b} {value.year}"


def _date_time(value, zone) -> str:
    if value is None:
        return ""
    local = localtime(value, zone)
    return f"{_date(local)}, {local:%H:%M}"


def _compact_html(html: str) -> str:
    """The HTML without the templates' indentation: Gmail cuts messages past 102 kB, and the
    cut would take the footer's unsubscribe link with it."""
    return re.sub(r"\n\s*", "\n", html).strip() + "\n"


def _tidy_text(text: str) -> str:
    """No trailing spaces and at most one blank line in a row, whatever the template's tags."""
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
