"""Audit pages: start a run, follow its progress, read its results."""

import pytest
from django.urls import reverse

from audits.models import AuditRun
from audits.runs.services import audit_run_now
from audits.tests.factories import AuditRunFactory
from audits.tests.plans import plan_with_channels
from outreach.tests.factories import OrganizationFactory


@pytest.mark.django_db
def test_run_audit_is_a_post_that_leads_to_the_run_page(
    comms_client, organization, django_capture_on_commit_callbacks
):
    plan_with_channels(organization, 2)
    assert comms_client.get(reverse("audits:start", args=["acme"])).status_code == 405
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = comms_client.post(reverse("audits:start", args=["acme"]))
    assert len(callbacks) == 1  # the task is enqueued on commit, not before
    run = AuditRun.objects.get()
    assert response.url == reverse("audits:run", args=["acme", run.number])
    # No broker here: the task ran in-process once the request's transaction committed.
    assert run.status == "done" and run.started_by == comms_client.user


@pytest.mark.django_db
def test_run_page_shows_scores_and_findings_by_criterion(comms_client, organization):
    plan_with_channels(organization, 2)
    run = audit_run_now(organization=organization)
    page = comms_client.get(reverse("audits:run", args=["acme", run.number]))
    html = page.content.decode()
    assert page.status_code == 200
    for score in run.scores.all():
        assert score.channel_label in html
    finding = run.findings.first()
    assert finding.message in html and finding.recommendation in html
    assert 'id="criterion-value"' in html and "What to change" in html


@pytest.mark.django_db
def test_a_queued_run_shows_progress_and_polls_its_status(comms_client, organization):
    run = AuditRunFactory(organization=organization, status="queued", score=None)
    page = comms_client.get(reverse("audits:run", args=["acme", run.number]))
    html = page.content.decode()
    assert "Waiting for a worker" in html
    assert reverse("audits:status", args=["acme", run.number]) in html
    assert "run-progress.js" in html
    status = comms_client.get(reverse("audits:status", args=["acme", run.number])).json()
    assert status == {
        "status": "queued",
        "finished": False,
        "score": None,
        "error": "",
        "body_url": reverse("audits:run", args=["acme", run.number]) + "?part=body",
    }


@pytest.mark.django_db
def test_the_body_part_is_what_the_page_swaps_in(comms_client, organization):
    plan_with_channels(organization, 2)
    run = audit_run_now(organization=organization)
    part = comms_client.get(reverse("audits:run", args=["acme", run.number]) + "?part=body")
    html = part.content.decode()
    assert "<html" not in html and 'id="run-body"' in html


@pytest.mark.django_db
def test_a_failed_run_says_why(comms_client, organization):
    run = AuditRunFactory(
        organization=organization, status="failed", score=None, error="RuntimeError: boom"
    )
    html = comms_client.get(reverse("audits:run", args=["acme", run.number])).content.decode()
    assert "The audit failed" in html and "RuntimeError: boom" in html


@pytest.mark.django_db
def test_history_lists_runs_with_their_change(comms_client, organization):
    AuditRunFactory(organization=organization, score=50)
    AuditRunFactory(organization=organization, score=62)
    html = comms_client.get(reverse("audits:runs", args=["acme"])).content.decode()
    assert "▲ 12" in html and "Run audit" in html


@pytest.mark.django_db
def test_a_run_is_addressed_by_its_number_in_the_organization(comms_client, organization):
    """/o/acme/audits/2/ is Acme's second audit; a number only another organization has is 404."""
    rival = OrganizationFactory(slug="rival")
    for score in (10, 20, 30):
        AuditRunFactory(organization=rival, score=score)
    AuditRunFactory(organization=organization, score=50)
    second = AuditRunFactory(organization=organization, score=62)
    assert second.number == 2

    page = comms_client.get(reverse("audits:run", args=["acme", 2]))
    assert page.status_code == 200 and page.context["run"] == second
    assert "<h1>Audit #2</h1>" in page.content.decode()
    assert comms_client.get(reverse("audits:status", args=["acme", 2])).json()["score"] == 62
    assert comms_client.get(reverse("audits:run", args=["acme", 3])).status_code == 404
    assert comms_client.get(reverse("audits:status", args=["acme", 3])).status_code == 404
    history = comms_client.get(reverse("audits:runs", args=["acme"])).content.decode()
    assert f'href="{reverse("audits:run", args=["acme", 2])}">#2</a>' in history
