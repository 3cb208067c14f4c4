"""Audit pages: start a run, follow its progress, read its results."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audits.models import AuditRun
from audits.runs.services import audit_run_create, audit_run_execute, audit_run_now
from audits.tests.factories import AuditRunFactory
from audits.tests.plans import plan_with_channels
from outreach.models import Channel
from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory


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


def per_request_bits_removed(html: str) -> str:
    """The page without what differs between any two responses: the masked CSRF token and the
    CSP nonce."""
    return re.sub(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r"\1", html)


@pytest.mark.django_db
def test_a_second_request_reads_the_results_from_the_cache_and_shows_the_same(
    comms_client, organization
):
    plan_with_channels(organization, 3)
    audit_run_now(organization=organization)
    run = audit_run_now(organization=organization)
    url = reverse("audits:run", args=["acme", run.number])
    with CaptureQueriesContext(connection) as cold:
        first = comms_client.get(url).content.decode()
    with CaptureQueriesContext(connection) as warm:
        second = comms_client.get(url).content.decode()
    assert per_request_bits_removed(second) == per_request_bits_removed(first)
    assert 'id="criterion-value"' in second and "since audit #1" in second
    # Session, user, membership, the run, the run it is compared with, the organization
    # switcher: no scores or findings are read again.
    assert len(warm) < len(cold) and len(warm) <= 6
    read = " ".join(q["sql"] for q in warm.captured_queries)
    assert "audits_channelscore" not in read and "audits_finding" not in read
    body = comms_client.get(url + "?part=body").content.decode()
    assert body.split('<div id="run-body">')[1] in first


@pytest.mark.django_db
def test_the_number_of_queries_stays_the_same_for_2_or_40_channels(client):
    """Drawn (an empty cache) and read from the cache alike."""

    def queries_for(n_channels: int) -> tuple[int, int]:
        organization = OrganizationFactory()
        plan_with_channels(organization, n_channels)
        audit_run_now(organization=organization)
        run = audit_run_now(organization=organization)
        user = UserFactory()
        MembershipFactory(user=user, organization=organization)
        client.force_login(user)
        cache.clear()
        counts = []
        for _ in ("cold", "warm"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(reverse("audits:run", args=[organization.slug, run.number]))
            assert response.status_code == 200
            counts.append(len(queries))
        return tuple(counts)

    small, large = queries_for(2), queries_for(40)
    assert small == large
    assert large[1] < large[0] <= 12


@pytest.mark.django_db
def test_an_unfinished_run_is_not_cached_and_shows_its_results_once_done(
    comms_client, organization
):
    plan_with_channels(organization, 2)
    run, _ = audit_run_create(organization=organization)
    url = reverse("audits:run", args=["acme", run.number])
    assert "Waiting for a worker" in comms_client.get(url).content.decode()
    AuditRun.objects.filter(pk=run.pk).update(status=AuditRun.Status.RUNNING)
    assert "Auditing the plan" in comms_client.get(url + "?part=body").content.decode()
    assert "Auditing the plan" in comms_client.get(url).content.decode()
    AuditRun.objects.filter(pk=run.pk).update(status=AuditRun.Status.QUEUED)
    audit_run_execute(run_id=run.pk)
    for page in (url, url + "?part=body"):
        html = comms_client.get(page).content.decode()
        assert "Auditing the plan" not in html and "Waiting for a worker" not in html
        assert 'id="criterion-value"' in html and "the first audit" in html


@pytest.mark.django_db
def test_an_older_run_that_finishes_late_becomes_what_the_page_compares_with(
    comms_client, organization
):
    """The key holds the run compared with: it changes when an older run finishes late."""
    plan_with_channels(organization, 2)
    late, _ = audit_run_create(organization=organization)
    run = audit_run_now(organization=organization)
    url = reverse("audits:run", args=["acme", run.number])
    assert "the first audit" in comms_client.get(url).content.decode()
    audit_run_execute(run_id=late.pk)
    html = comms_client.get(url).content.decode()
    assert "the first audit" not in html and f"since audit #{late.number}" in html


@pytest.mark.django_db
def test_another_organization_never_gets_this_ones_results(
    comms_client, organization, other_organization
):
    """Both organizations' first audit is #1; each member sees their own channels."""
    plan_with_channels(organization, 2)
    plan_with_channels(other_organization, 3)
    Channel.objects.filter(organization=other_organization).update(name="Rival channel", handle="")
    ours = audit_run_now(organization=organization)
    theirs = audit_run_now(organization=other_organization)
    assert ours.number == theirs.number == 1
    acme = comms_client.get(reverse("audits:run", args=["acme", 1])).content.decode()
    rival_member = UserFactory()
    MembershipFactory(user=rival_member, organization=other_organization)
    comms_client.force_login(rival_member)
    rival = comms_client.get(reverse("audits:run", args=["rival", 1])).content.decode()
    assert "Rival channel" in rival and "Rival channel" not in acme
    assert "Channel c0" in acme and "Channel c0" not in rival
