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

    for chart in ("heatmap", "graph", "trend", "people", "channel-hours"):
        svg = page.locator(f"svg#chart-{chart}")
        assert svg.get_attribute("role") == "img"
        assert svg.locator("title").count() >= 1, chart
    cells = page.locator("svg#chart-heatmap a")
    assert cells.count() == 5 * 5  # five channels, four criteria and the overall score
    assert all(cells.nth(i).locator("title").count() == 1 for i in range(cells.count()))
    assert page.locator("svg#chart-graph g title").count() >= 5
    assert page.locator("svg#chart-trend circle").count() >= 2
    screenshot(page, "issue5-dashboard")

    page.locator('svg#chart-heatmap a[href="#findings-linkedin-interactivity"]').click()
    assert page.url.endswith("#findings-linkedin-interactivity")
    findings = page.locator("#findings-linkedin-interactivity")
    assert findings.is_visible()
    assert "I6" in findings.inner_text() and "What to change" in findings.inner_text()
    screenshot(page, "issue5-dashboard-findings")
