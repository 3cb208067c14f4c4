"""The dashboard's results (filters, score, charts, tables, findings), rendered once and kept in
Django's cache, so that the next manager who opens the same dashboard pays for reading the list
of completed runs (one query), not for drawing.

The results are a function of the organization's completed runs (stored, never changed once
done), the filters, and two fields of the organization the drawing reads: its slug (in links)
and its time zone (the trend's dates). The key holds all of them, so a new audit, a deleted run,
another filter, a renamed slug or another time zone finds another entry; nothing has to be
invalidated, and old entries expire (`PART_TIMEOUT`). The part is rendered without the request:
no CSRF token, nonce, user or message can end up in it; the page around it (navigation, the
"Run audit" form, the audit it is from) is rendered per request.
"""

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from outreach.models import Organization

from ..runs.models import AuditRun
from .charts import hours_bars, integration_graph, score_heatmap, trend_chart
from .selectors import Filters, dashboard_load, dashboard_runs

PART_TEMPLATE = "audits/_dashboard_results.html"
PART_TIMEOUT = 24 * 3600
# Part of every key: raise it when a change to the template or the charts changes the HTML, so
# that a shared cache (Redis) serves no results drawn by the previous release.
PART_VERSION = 4


@dataclass(frozen=True)
class DashboardPage:
    latest: AuditRun | None  # the run the results are from; None: no completed audit yet
    results: SafeString  # "" without a completed audit


def dashboard_part_key(
    *, organization: Organization, runs: list[AuditRun], filters: Filters
) -> str:
    """The cache key of the results drawn from `runs` (newest first) with `filters`."""
    # Filters are free text from the query string: hashed as JSON, so that no two different
    # sets of values make the same key.
    depends_on = json.dumps(
        [
            PART_VERSION,
            organization.slug,
            organization.timezone,
            [run.pk for run in runs],
            filters.family,
            filters.identity,
        ]
    )
    digest = hashlib.sha256(depends_on.encode()).hexdigest()
    latest = runs[0].pk if runs else 0
    return f"dashboard:results:org{organization.pk}:run{latest}:{digest}"


def dashboard_page(*, organization: Organization, filters: Filters) -> DashboardPage:
    """The organization's dashboard under `filters`: the latest completed run and the results,
    from the cache when another request drew them already."""
    runs = dashboard_runs(organization=organization)
    if not runs:
        return DashboardPage(latest=None, results=SafeString(""))
    key = dashboard_part_key(organization=organization, runs=runs, filters=filters)
    results = cache.get(key)
    if results is None:
        results = _results_render(organization=organization, filters=filters, runs=runs)
        cache.set(key, results, PART_TIMEOUT)
    # The template's own output, escaped when it was rendered; the cache keeps it as plain text.
    return DashboardPage(latest=runs[0], results=mark_safe(results))  # noqa: S308


def _results_render(*, organization: Organization, filters: Filters, runs: list[AuditRun]) -> str:
    board = dashboard_load(organization=organization, filters=filters, runs=runs)
    context = {
        "board": board,
        "slug": organization.slug,
        "heatmap": score_heatmap(
            board.heatmap_rows, thresholds=board.latest.thresholds, id_prefix="chart-heatmap"
        ),
        "graph": integration_graph(board.graph_nodes, board.graph_edges, id_prefix="chart-graph"),
        "trend": trend_chart(board.trend, id_prefix="chart-trend"),
        "people_chart": hours_bars(
            board.people_rows, id_prefix="chart-people", title="Hours booked against capacity"
        ),
        "channel_hours_chart": hours_bars(
            board.channel_hours_rows,
            id_prefix="chart-channel-hours",
            title="Hours assigned against hours needed",
        ),
    }
    return str(render_to_string(PART_TEMPLATE, context))
