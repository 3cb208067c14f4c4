"""Verdicts and score bands follow the thresholds the audit run used, everywhere they are shown.

An organization that moves `healthy_from` to 80 sees a channel scoring 75 as "needs work" on
the run page, in the dashboard's heatmap and trend, in the CSV export and in both parts of the
weekly email; with the default thresholds the same 75 is healthy.
"""

import csv
import io
import re
import zoneinfo
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils.timezone import localtime

from audits.reports.email import report_email_build
from audits.rubric.principles import CRITERIA, HEALTHY, NEEDS_WORK
from audits.rubric.verdicts import VERDICT_LABELS, bands_in_words, channel_verdict
from audits.runs.services import audit_run_now
from audits.tests.plans import plan_with_channels

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
SCORE = 75


def audited_at_75(organization, thresholds: dict):
    """A real audit of a two-channel plan under `thresholds`, its stored scores then set to 75
    on every criterion with the verdict the rubric's rule gives them under the run's
    thresholds."""
    organization.thresholds = thresholds
    organization.save()
    plan_with_channels(organization, 2)
    run = audit_run_now(organization=organization)
    scores = dict.fromkeys((*CRITERIA, "overall"), SCORE)
    verdict = channel_verdict(scores, run.thresholds, high_finding_standing=False)
    run.scores.update(**scores, verdict=verdict)
    run.score = SCORE
    run.save(update_fields=["score"])
    return run, verdict


@pytest.mark.parametrize(
    "thresholds, shown, never",
    [
        ({"healthy_from": 80}, "needs work", "healthy"),
        ({}, "healthy", "needs work"),
    ],
    ids=["healthy-from-80", "defaults"],
)
def test_a_score_of_75_reads_by_the_runs_own_thresholds_everywhere(
    manager_client, organization, thresholds, shown, never
):
    run, verdict = audited_at_75(organization, thresholds)
    assert run.thresholds["healthy_from"] == thresholds.get("healthy_from", 70)
    assert VERDICT_LABELS[verdict] == shown
    assert verdict == (NEEDS_WORK if thresholds else HEALTHY)
    colour = "score--warn" if thresholds else "score--good"
    bands = bands_in_words(run.thresholds)
    assert bands.startswith("80 and above healthy" if thresholds else "70 and above healthy")

    # The run page: each channel's verdict, and every score coloured by the run's band.
    page = manager_client.get(reverse("audits:run", args=["acme", run.number])).content.decode()
    table = re.search(r'<table class="table table--stack scores">.*?</table>', page, re.S).group(0)
    assert table.count(f'verdict--{verdict}">{shown.capitalize()}<') == 2
    assert never not in table.lower()
    assert table.count(f'class="score {colour}">{SCORE}<') == 2 * 5
    assert f'class="score {colour}">{SCORE}<' in page.split(table)[0]  # the run's own score

    # The dashboard: heatmap cell titles and row badges, the trend, the organization's score.
    page = manager_client.get(reverse("dashboard:show", args=["acme"])).content.decode()
    charts = {
        svg.get("id"): svg
        for svg in map(ElementTree.fromstring, re.findall(r"<svg\b.*?</svg>", page, re.S))
    }
    heatmap = charts["chart-heatmap"]
    cells = [el for el in heatmap.iter() if "chart-cell" in (el.get("class") or "")]
    titles = [cell.find(f"{SVG}title").text for cell in cells]
    assert titles == [
        f"Channel {key} — {name} {SCORE}/100 ({shown})"
        for key in ("c0", "c1")
        for name in (*CRITERIA, "overall")
    ]
    badges = [el for el in heatmap.iter() if "chart-verdict" in (el.get("class") or "")]
    assert ["".join(b.itertext()) for b in badges] == [shown, shown]
    assert ("80 and above (healthy)" if thresholds else "70 and above (healthy)") in (
        heatmap.find(f"{SVG}desc").text
    )
    trend = charts["chart-trend"]
    assert f"Bands: {bands}." in trend.find(f"{SVG}desc").text
    point_titles = [
        el.find(f"{SVG}title").text
        for el in trend.iter()
        if "chart-point" in (el.get("class") or "")
    ]
    day = localtime(run.created_at, zoneinfo.ZoneInfo(organization.timezone))
    assert point_titles == [
        f"#{run.number} · {day:%-d %b}: {name} {SCORE} ({shown})" for name in ("overall", *CRITERIA)
    ]
    assert f'class="score {colour}">{SCORE}<' in page

    # The CSV export.
    response = manager_client.get(reverse("dashboard:scores_csv", args=["acme"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["overall"], r["verdict"]) for r in rows] == [(str(SCORE), shown)] * 2

    # The weekly email, both parts.
    mail = report_email_build(
        organization=organization,
        run=run,
        week=(2026, 48),
        dashboard_url="https://planner.example.org/o/acme/dashboard/",
        unsubscribe_url="https://planner.example.org/reports/unsubscribe/t/",
    )
    legend = (
        f"Healthy from {run.thresholds['healthy_from']} overall with no high-severity finding; "
        "fix or retire below 40"
    )
    text_lines = mail.text.splitlines()
    assert f"SCORE {SCORE} / 100 · {shown}" in text_lines
    channel_lines = [line for line in text_lines if line.endswith(f", {SCORE} overall")]
    assert channel_lines == [
        f"Channel c0 (X / Twitter): {shown}, {SCORE} overall",
        f"Channel c1 (Facebook page): {shown}, {SCORE} overall",
    ]
    assert legend in " ".join(mail.text.split())  # the text part is wrapped
    html = " ".join(re.sub(r"<[^>]+>", " ", mail.html).split())
    assert f"{SCORE} / 100 · {shown}" in html
    assert legend in html
    channels = html.split("Channels Scores out of 100.")[1].split("What changed")[0]
    assert channels.count(f"{shown} Value {SCORE}") == 2
    assert never not in channels.replace(legend, "").lower()
