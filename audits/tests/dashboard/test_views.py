"""The managers' dashboard: stored results only, a bounded number of queries, CSV downloads,
filters, what changed, and the overview across organizations."""

import csv
import io
import re
from html import unescape
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.dashboard.views import spreadsheet_safe
from audits.rubric.verdicts import VERDICT_LABELS
from audits.runs.services import audit_run_now
from audits.tests.plans import plan_with_channels
from outreach.models import Channel
from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from strategy.models import PlannedActivity

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def svgs(html: str) -> list[ElementTree.Element]:
    return [ElementTree.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def test_without_an_audit_the_page_explains_and_offers_to_run_one(manager_client, organization):
    html = manager_client.get(reverse("dashboard:show", args=["acme"])).content.decode()
    assert "No audit yet" in html
    assert f'action="{reverse("audits:start", args=["acme"])}"' in html
    assert "<svg" not in html


def test_the_dashboard_draws_scores_links_staffing_and_trend(manager_client, organization):
    plan_with_channels(organization, 3)
    audit_run_now(organization=organization)
    run = audit_run_now(organization=organization)
    html = manager_client.get(reverse("dashboard:show", args=["acme"])).content.decode()
    charts = svgs(html)
    assert len(charts) == 5  # heatmap, graph, two staffing charts, trend
    for chart in charts:
        role = "group" if chart.findall(f".//{SVG}a") else "img"  # an image hides its links
        assert chart.get("role") == role and chart.find(f"{SVG}title").text
    heatmap = charts[0]
    cells = heatmap.findall(f".//{SVG}a")
    assert len(cells) == 3 * 5
    # Each criterion's band by its score; the overall cell the channel's verdict (a high
    # finding stands on each, so none is healthy overall).
    assert {cell.get("href"): cell.find(f"{SVG}title").text for cell in cells} == {
        "#findings-c0-value": "Channel c0 — value 59/100 (needs work)",
        "#findings-c0-interactivity": "Channel c0 — interactivity 79/100 (healthy)",
        "#findings-c0-integration": "Channel c0 — integration 80/100 (healthy)",
        "#findings-c0-resourcing": "Channel c0 — resourcing 85/100 (healthy)",
        "#findings-c0": "Channel c0 — overall 76/100 (needs work)",
        "#findings-c1-value": "Channel c1 — value 60/100 (needs work)",
        "#findings-c1-interactivity": "Channel c1 — interactivity 72/100 (healthy)",
        "#findings-c1-integration": "Channel c1 — integration 45/100 (needs work)",
        "#findings-c1-resourcing": "Channel c1 — resourcing 85/100 (healthy)",
        "#findings-c1": "Channel c1 — overall 66/100 (needs work)",
        "#findings-c2-value": "Channel c2 — value 59/100 (needs work)",
        "#findings-c2-interactivity": "Channel c2 — interactivity 79/100 (healthy)",
        "#findings-c2-integration": "Channel c2 — integration 50/100 (needs work)",
        "#findings-c2-resourcing": "Channel c2 — resourcing 85/100 (healthy)",
        "#findings-c2": "Channel c2 — overall 68/100 (needs work)",
    }
    for cell in cells:
        target = cell.get("href")
        assert f'id="{target[1:]}"' in html, target  # every cell leads to its findings
    score = run.scores.get(channel_key="c0")
    assert f">{score.interactivity}<" in ElementTree.tostring(heatmap, encoding="unicode")
    top = run.findings.order_by("-points").first()
    assert top.recommendation in html
    assert "The same links as a table" in html


def test_the_number_of_queries_stays_the_same_for_2_or_50_channels_and_12_audits(client):
    """Drawn (an empty cache) and read from the cache alike."""

    def queries_for(n_channels: int, n_audits: int) -> tuple[int, int]:
        organization = OrganizationFactory()
        plan_with_channels(organization, n_channels, activities_each=2)
        for _ in range(n_audits):
            audit_run_now(organization=organization)
        user = UserFactory()
        MembershipFactory(user=user, organization=organization, role="manager")
        client.force_login(user)
        cache.clear()
        counts = []
        for _ in ("cold", "warm"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse("dashboard:show", args=[organization.slug]))
            assert response.status_code == 200
            counts.append(len(queries))
        return tuple(counts)

    small, large = queries_for(2, 1), queries_for(50, 12)
    print(f"dashboard queries (cold, warm): {small} (2 channels, 1 audit), {large} (50, 12)")
    assert small == large
    assert large[0] <= 15 and large[1] < large[0]


def read_csv(response, filename: str) -> list[dict]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    text = response.content.decode("utf-8-sig")  # with the byte-order mark spreadsheets need
    return list(csv.DictReader(io.StringIO(text)))


def test_the_scores_csv_has_a_row_per_channel(manager_client, organization):
    plan_with_channels(organization, 3)
    run = audit_run_now(organization=organization)
    rows = read_csv(
        manager_client.get(reverse("dashboard:scores_csv", args=["acme"])), "acme-audit-scores.csv"
    )
    assert [r["channel key"] for r in rows] == ["c0", "c1", "c2"]
    for row in rows:
        stored = run.scores.get(channel_key=row["channel key"])
        assert int(row["overall"]) == stored.overall
        assert int(row["interactivity"]) == stored.interactivity
        assert row["verdict"] == VERDICT_LABELS[stored.verdict]
        assert row["audit"] == str(run.number)  # the organization's own audit number


def test_the_findings_csv_keeps_commas_quotes_and_new_lines_intact(manager_client, organization):
    plan_with_channels(organization, 2)
    run = audit_run_now(organization=organization)
    finding = run.findings.first()
    finding.message = 'Says "hello", then\na second line'
    finding.save()
    rows = read_csv(
        manager_client.get(reverse("dashboard:findings_csv", args=["acme"])),
        "acme-audit-findings.csv",
    )
    assert len(rows) == run.findings.count()
    assert 'Says "hello", then\na second line' in [r["message"] for r in rows]
    assert {r["codes"] for r in rows} == {f.codes_label for f in run.findings.all()}
    assert {r["audit"] for r in rows} == {str(run.number)}


def test_filters_keep_one_platform_family_or_identity(manager_client, organization):
    plan_with_channels(organization, 4)  # X and Facebook, alternating
    Channel.objects.filter(key="c3").update(identity="Youth initiative")
    audit_run_now(organization=organization)
    url = reverse("dashboard:show", args=["acme"])
    community = manager_client.get(url, {"family": "community"}).content.decode()
    heatmap = svgs(community)[0]
    assert {a.get("data-key") for a in heatmap.iter(f"{SVG}a")} == {"c1", "c3"}
    youth = manager_client.get(url, {"identity": "Youth initiative"}).content.decode()
    assert len(svgs(youth)[0].findall(f".//{SVG}a")) == 5  # one channel, five cells
    assert "Score of these channels" in youth and "Clear filters" in youth


def csv_links(html: str) -> dict[str, str]:
    """The page's CSV links by name ("scores", "findings"), as a browser would follow them."""
    return {
        name: unescape(href)
        for href, name in re.findall(r'href="([^"]*/dashboard/(scores|findings)\.csv[^"]*)"', html)
    }


def test_the_csv_files_hold_only_the_channels_the_filters_keep(manager_client, organization):
    """The CSV links of a filtered page carry its filters, and the files hold what it shows."""
    plan_with_channels(organization, 4)  # X and Facebook, alternating
    Channel.objects.filter(key="c3").update(identity="Youth initiative")
    run = audit_run_now(organization=organization)
    page = reverse("dashboard:show", args=["acme"])
    assert csv_links(manager_client.get(page).content.decode()) == {
        "scores": reverse("dashboard:scores_csv", args=["acme"]),
        "findings": reverse("dashboard:findings_csv", args=["acme"]),
    }

    community = csv_links(manager_client.get(page, {"family": "community"}).content.decode())
    assert community["scores"] == reverse("dashboard:scores_csv", args=["acme"]) + (
        "?family=community"
    )
    rows = read_csv(manager_client.get(community["scores"]), "acme-audit-scores.csv")
    assert [r["channel key"] for r in rows] == ["c1", "c3"]

    html = manager_client.get(page, {"identity": "Youth initiative"}).content.decode()
    assert "filtered to identity or initiative: Youth initiative" in html  # the print header
    youth = csv_links(html)
    assert youth["findings"] == reverse("dashboard:findings_csv", args=["acme"]) + (
        "?identity=Youth+initiative"
    )
    rows = read_csv(manager_client.get(youth["scores"]), "acme-audit-scores.csv")
    assert [r["channel key"] for r in rows] == ["c3"]
    rows = read_csv(manager_client.get(youth["findings"]), "acme-audit-findings.csv")
    kept = [f for f in run.findings.all() if f.channel_key == "c3" or "c3" in f.affects]
    assert rows and len(rows) == len(kept) < run.findings.count()
    assert {r["message"] for r in rows} == {spreadsheet_safe(f.message) for f in kept}
    assert {r["channel"] for r in rows} <= {spreadsheet_safe("Channel c3"), "whole plan"}


def test_filters_that_keep_no_channel_say_so_and_offer_to_clear_them(manager_client, organization):
    """No score, no charts and no "nothing to fix": no channel was looked at."""
    plan_with_channels(organization, 4)
    Channel.objects.filter(key="c3").update(identity="Youth initiative")  # a Facebook page
    audit_run_now(organization=organization)
    page = reverse("dashboard:show", args=["acme"])
    html = manager_client.get(
        page, {"family": "micro_blog", "identity": "Youth initiative"}
    ).content.decode()
    empty = html.split('id="no-match"')[1].split("</section>")[0]
    assert "No channel matches these filters" in empty
    assert f'<a href="{page}">Clear the filters</a>' in empty
    assert "Nothing to fix" not in html and "holds up" not in html
    assert "Score of these channels" not in html and "<svg" not in html
    links = csv_links(html)
    assert read_csv(manager_client.get(links["scores"]), "acme-audit-scores.csv") == []
    assert read_csv(manager_client.get(links["findings"]), "acme-audit-findings.csv") == []

    # A filter that keeps a channel shows the dashboard, not the empty state.
    kept = manager_client.get(page, {"identity": "Youth initiative"}).content.decode()
    assert 'id="no-match"' not in kept and "Score of these channels" in kept


def test_what_changed_since_the_previous_audit(manager_client, organization):
    plan, channels = plan_with_channels(organization, 2)
    audit_run_now(organization=organization)
    PlannedActivity.objects.filter(plan=plan, kind="poll").delete()
    PlannedActivity.objects.create(
        plan=plan, channel=channels[0], kind="event", per_week=1, minutes_each=30
    )
    audit_run_now(organization=organization)
    html = manager_client.get(reverse("dashboard:show", args=["acme"])).content.decode()
    section = html.split('id="changes"')[1].split("</section>")[0]
    # The event on Channel c0 fixes I4 (+10 interactivity) and ends G5's identical mix on
    # Channel c1.
    moved = section.split("<h3>Scores that moved</h3>")[1].split("</ul>")[0]
    assert re.findall(r"<li>(.*?)</li>", moved) == [
        "Channel c0: 76 → <strong>78</strong>",
        "Channel c1: 72 → <strong>74</strong>",
    ]
    assert "<h3>New findings</h3>" in section


def test_the_overview_lists_each_organization_with_score_trend_and_date(client):
    user = UserFactory()
    audited = OrganizationFactory(name="Audited Org")
    quiet = OrganizationFactory(name="Quiet Org")
    for organization in (audited, quiet):
        MembershipFactory(user=user, organization=organization, role="manager")
    plan, _ = plan_with_channels(audited, 2)
    audit_run_now(organization=audited)
    plan.activities.all().delete()
    audit_run_now(organization=audited)
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(reverse("dashboard:overview")).content.decode()
    assert "Audited Org" in html and "Quiet Org" in html
    assert "▼ down to" in html and "no audit yet" in html
    assert len(queries) <= 6


def test_managers_land_on_the_dashboard_and_comms_on_the_plan(client, organization):
    for role, target in [("manager", "dashboard:show"), ("comms", "strategy:plan")]:
        user = UserFactory()
        MembershipFactory(user=user, organization=organization, role=role)
        client.force_login(user)
        response = client.get(reverse("outreach:organization", args=["acme"]))
        assert response.url == reverse(target, args=["acme"])


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_no_csv_cell_starts_a_formula(manager_client, organization, start):
    """A channel named like a formula stays text in the managers' spreadsheets."""
    from audits.runs.services import audit_run_now
    from audits.tests.plans import plan_with_channels

    _, channels = plan_with_channels(organization, 2)
    channels[0].name = channels[0].handle = f'{start}HYPERLINK("https://evil.example","x")'
    channels[0].save()
    audit_run_now(organization=organization)
    for name, file in (
        ("scores_csv", "acme-audit-scores.csv"),
        ("findings_csv", "acme-audit-findings.csv"),
    ):
        rows = read_csv(manager_client.get(reverse(f"dashboard:{name}", args=["acme"])), file)
        cells = [cell for row in rows for cell in row.values() if isinstance(cell, str)]
        assert cells and not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        assert any(c.startswith(f"'{start}HYPERLINK") for c in cells), name
