"""A channel with imported posts is audited on what it did, and every page and the email show
its plan and its actual activity side by side."""

import pytest
from django.urls import reverse

from audits.evidence.services import evidence_import_create, evidence_import_execute
from audits.reports.email import report_email_build
from audits.runs.services import audit_run_now
from audits.tests.evidence.test_services import ORIGINAL, archive
from audits.tests.plans import plan_with_channels

pytestmark = pytest.mark.django_db


@pytest.fixture
def audited(organization):
    """Two channels: Channel c0 (X) with an export of one original post; c1 with none."""
    _, channels = plan_with_channels(organization, 2)
    content = archive(ORIGINAL)
    evidence = evidence_import_create(
        organization=organization,
        file_name="tweets.js",
        size=len(content),
        content=content,
        channel=channels[0],
    )
    assert evidence_import_execute(import_id=evidence.pk).status == "done"
    return audit_run_now(organization=organization)


def test_the_run_is_judged_on_what_was_posted_where_the_files_tell(audited):
    actual = {f.code: f for f in audited.findings.filter(side="actual")}
    assert "V1" in actual
    assert actual["V1"].message.startswith(
        "Channel c0 posted 1 content post a week in the week to "
    )
    assert "(planned 3 content posts a week)" in actual["V1"].message
    assert not audited.findings.filter(side="plan", code="V1", channel_key="c0").exists()
    assert audited.digest["channels"][1]["actual"] is None


def test_the_run_page_shows_plan_and_actual_side_by_side(manager_client, organization, audited):
    html = manager_client.get(
        reverse("audits:run", args=[organization.slug, audited.number])
    ).content.decode()
    assert "<h2>Plan and actual</h2>" in html
    assert "<td>3 a week</td><td><strong>1 a week</strong></td>" in html
    assert "Audited on the plan alone, with no export files imported: Channel c1." in html
    assert "what was done</span>" in html


def test_the_dashboard_shows_plan_and_actual(manager_client, organization, audited):
    html = manager_client.get(reverse("dashboard:show", args=[organization.slug])).content
    assert b"<h2>Plan and actual</h2>" in html


def test_the_weekly_email_shows_plan_and_actual(organization, audited):
    mail = report_email_build(
        organization=organization,
        run=audited,
        week=(2026, 48),
        dashboard_url="https://planner.example.org/o/acme/dashboard/",
        unsubscribe_url="https://planner.example.org/unsubscribe/t/",
    )
    assert "PLAN AND ACTUAL" in mail.text
    assert "   Content posts: planned 3 a week, done 1 a week" in mail.text
    assert "Audited on the plan alone: Channel c1." in mail.text
    assert "Plan and actual</h2>" in mail.html
