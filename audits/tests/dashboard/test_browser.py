"""The dashboard in a real browser: Debian's chromium, driven by Playwright."""

import io

import pytest
from django.core.management import call_command

from conftest import log_in, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.services]


def test_a_manager_reads_the_demo_dashboard_and_follows_a_cell_to_its_findings(
    page, transactional_db, monkeypatch
):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-for-tests")
    call_command("seed_demo", stdout=io.StringIO())
    for _ in range(2):
        call_command("run_audit", "demo", stdout=io.StringIO())
    log_in(page, "manager@demo.example", "demo-pass-for-tests")
    assert page.url.endswith("/o/demo/dashboard/")  # a manager's front door

    # The demo: five channels, five people, nine arrows (six standing links, three for planned
    # posts), and the two audits above.
    titles = {
        "heatmap": 1 + 5 * 5 + 5,  # the chart's, each cell's, each row label's
        "graph": 1 + 5 + 9,  # the chart's, each channel's, each arrow's
        "trend": 1 + 2 + 2 * 5,  # the chart's, each audit's column, each point
        "people": 1 + 5,  # the chart's, each person's bar
        "channel-hours": 1 + 5,  # the chart's, each channel's bar
    }
    for chart, count in titles.items():
        svg = page.locator(f"svg#chart-{chart}")
        # A chart with links is a group (an image would hide its links from screen readers).
        links = svg.locator("a").count()
        assert svg.get_attribute("role") == ("group" if links else "img"), chart
        assert svg.locator(":scope > title").count() == 1, chart
        assert svg.locator("title").count() == count, chart
    cells = page.locator("svg#chart-heatmap a")
    assert cells.count() == 5 * 5  # five channels, four criteria and the overall score
    assert all(cells.nth(i).locator("title").count() == 1 for i in range(cells.count()))
    assert page.locator("svg#chart-graph g title").count() == 5 + 9
    assert page.locator("svg#chart-trend circle.chart-point").count() == 2 * 5
    screenshot(page, "issue5-dashboard")

    page.locator('svg#chart-heatmap a[href="#findings-linkedin-interactivity"]').click()
    assert page.url.endswith("#findings-linkedin-interactivity")
    findings = page.locator("#findings-linkedin-interactivity")
    assert findings.is_visible()
    assert "I6" in findings.inner_text() and "What to change" in findings.inner_text()
    screenshot(page, "issue5-dashboard-findings")
