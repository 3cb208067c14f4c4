"""The managers' dashboard, its CSV downloads (under the same filters as the page), and the
overview across organizations."""

import csv
import io

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify

from outreach.access import org_member_required

from ..rubric.verdicts import VERDICT_LABELS
from .parts import dashboard_page
from .selectors import Filters, dashboard_load, organization_summaries


@org_member_required
def dashboard(request):
    filters = Filters.from_query(request.GET)
    page = dashboard_page(organization=request.organization, filters=filters)
    return render(
        request,
        "audits/dashboard.html",
        {"latest": page.latest, "results": page.results, "filters": filters},
    )


# A spreadsheet reads a cell starting with one of these as a formula: a channel named
# "=HYPERLINK(…)" would become a live link in a manager's spreadsheet (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell as text that no spreadsheet runs: a leading formula character gets an apostrophe
    before it (shown by spreadsheets as plain text). Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _csv_response(request, name: str, header: list[str], rows) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    # The byte-order mark makes spreadsheet programs read the file as UTF-8.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"{slugify(request.organization.slug)}-{name}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@org_member_required
def scores_csv(request):
    board = dashboard_load(
        organization=request.organization, filters=Filters.from_query(request.GET)
    )
    run = board.latest
    rows = (
        [
            [
                run.number,
                f"{run.finished_at:%Y-%m-%d %H:%M}",
                s.channel_key,
                s.channel_label,
                s.platform_label,
                s.value,
                s.interactivity,
                s.integration,
                s.resourcing,
                s.overall,
                VERDICT_LABELS.get(s.verdict, s.verdict),
            ]
            for s in board.scores.values()
        ]
        if run
        else []
    )
    header = [
        "audit",
        "finished (UTC)",
        "channel key",
        "channel",
        "platform",
        "value",
        "interactivity",
        "integration",
        "resourcing",
        "overall",
        "verdict",
    ]
    return _csv_response(request, "audit-scores", header, rows)


@org_member_required
def findings_csv(request):
    board = dashboard_load(
        organization=request.organization, filters=Filters.from_query(request.GET)
    )
    rows = [
        [
            board.latest.number,
            f.codes_label,
            f.get_criterion_display(),
            f.channel_label if f.channel_key else "whole plan",
            f.points,
            f.get_severity_display(),
            f.message,
            f.recommendation,
        ]
        for f in board.findings
    ]
    header = [
        "audit",
        "codes",
        "criterion",
        "channel",
        "points",
        "severity",
        "message",
        "recommendation",
    ]
    return _csv_response(request, "audit-findings", header, rows)


@login_required
def overview(request):
    """Every organization of the member, with its score, trend and last audit."""
    return render(
        request,
        "audits/overview.html",
        {"organizations": organization_summaries(user=request.user)},
    )
