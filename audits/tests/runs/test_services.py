"""Carrying out an audit run: complete or nothing, and never twice."""

import threading

import pytest
from django.db import connection, connections
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from audits.models import AuditRun, ChannelScore, Finding
from audits.rubric import audit_plan
from audits.runs.selectors import plan_snapshot_load
from audits.runs.services import audit_run_create, audit_run_execute, audit_run_now
from audits.tests.plans import plan_with_channels
from conftest import service_unavailable
from outreach.tests.factories import OrganizationFactory
from strategy.models import ChannelLink, PlannedActivity


@pytest.mark.django_db
def test_a_run_stores_scores_findings_and_the_thresholds_it_used():
    organization = OrganizationFactory(thresholds={"posts_per_week_twitter": 3})
    plan, channels = plan_with_channels(organization, 3)
    run = audit_run_now(organization=organization)
    assert run.status == AuditRun.Status.DONE
    expected = audit_plan(plan_snapshot_load(organization=organization).snapshot)
    assert run.score == expected.score
    assert {s.channel_key: s.overall for s in run.scores.all()} == {
        c.key: c.scores["overall"] for c in expected.channels
    }
    assert [f.message for f in run.findings.order_by("-points", "code", "id")] == [
        f.message for f in expected.findings
    ]
    assert run.thresholds["posts_per_week_twitter"] == 3
    assert run.thresholds["posts_per_week_facebook"] == 2
    assert (run.plan, run.plan_revision, run.plan_version) == (plan, 1, 1)
    assert run.started_at <= run.finished_at
    assert run.attempts == 1
    assert [c["key"] for c in run.digest["channels"]] == ["c0", "c1", "c2"]


@pytest.mark.django_db
def test_running_a_done_run_again_changes_nothing():
    organization = OrganizationFactory()
    plan_with_channels(organization, 2)
    run = audit_run_now(organization=organization)
    scores = list(ChannelScore.objects.values_list("id", flat=True))
    findings = list(Finding.objects.values_list("id", flat=True))
    again = audit_run_execute(run_id=run.pk)
    assert again.status == "done" and again.attempts == 1
    assert list(ChannelScore.objects.values_list("id", flat=True)) == scores
    assert list(Finding.objects.values_list("id", flat=True)) == findings


@pytest.mark.django_db
def test_a_failure_half_way_leaves_no_partial_results_and_says_why(monkeypatch):
    """Scores are written, then writing findings breaks: nothing of the run remains."""
    organization = OrganizationFactory()
    plan_with_channels(organization, 2)
    run, _ = audit_run_create(organization=organization)

    from audits.runs import services

    real_insert = services.rows_insert

    def insert_breaking_at_findings(model, rows):
        if model is Finding:
            assert ChannelScore.objects.filter(run=run).count() == 2  # really half way
            raise RuntimeError("disk full while writing findings")
        real_insert(model, rows)

    monkeypatch.setattr(services, "rows_insert", insert_breaking_at_findings)
    with pytest.raises(RuntimeError):
        audit_run_execute(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == AuditRun.Status.FAILED
    assert run.error == "RuntimeError: disk full while writing findings"
    assert not ChannelScore.objects.filter(run=run).exists()
    assert not Finding.objects.filter(run=run).exists()
    assert run.score is None

    monkeypatch.undo()  # a retry then completes the same run
    retried = audit_run_execute(run_id=run.pk)
    assert retried.status == "done" and retried.error == "" and retried.attempts == 2


@pytest.mark.django_db
def test_the_same_request_key_finds_the_same_run():
    organization = OrganizationFactory()
    first, created = audit_run_create(organization=organization, request_key="fanout:1:7")
    again, created_again = audit_run_create(organization=organization, request_key="fanout:1:7")
    assert created and not created_again and first == again
    assert again.number == 1 and AuditRun.objects.count() == 1


@pytest.mark.django_db
def test_runs_are_numbered_within_their_organization():
    """An organization's first run is #1 and its second #2, whatever other organizations ran."""
    acme, other = OrganizationFactory(), OrganizationFactory()
    first, _ = audit_run_create(organization=acme)
    audit_run_create(organization=other)
    audit_run_create(organization=other)
    second, _ = audit_run_create(organization=acme)
    third_of_other, _ = audit_run_create(organization=other, request_key="fanout:2:9")
    assert (first.number, second.number) == (1, 2)
    assert third_of_other.number == 3
    assert str(second) == f"Audit #2 of {acme} (Queued)"


@pytest.mark.django_db(transaction=True)
def test_two_runs_created_at_once_for_one_organization_get_different_numbers():
    """The organization's row is locked while the next number is read and taken."""
    if connection.vendor != "postgresql":
        service_unavailable("PostgreSQL (concurrent creations need a real database server)")
    organization = OrganizationFactory()
    start = threading.Barrier(4)
    errors = []

    def creator():
        try:
            start.wait()
            for _ in range(5):
                audit_run_create(organization=organization)
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=creator) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    numbers = AuditRun.objects.filter(organization=organization).values_list("number", flat=True)
    assert sorted(numbers) == list(range(1, 21))


@pytest.mark.django_db
def test_storing_results_takes_a_fixed_number_of_queries():
    """Whatever the plan's size, the same reads and writes, with rows inserted in bulk (SQLite
    splits a bulk insert into batches of its maximum parameters; never one row per query)."""

    def queries_for(n):
        organization = OrganizationFactory()
        plan_with_channels(organization, n)
        run, _ = audit_run_create(organization=organization)
        with CaptureQueriesContext(connection) as queries:
            audit_run_execute(run_id=run.pk)
        inserts = [q for q in queries if q["sql"].startswith("INSERT")]
        rows = run.scores.count() + run.findings.count()
        return len(queries) - len(inserts), len(inserts), rows

    small_other, small_inserts, _ = queries_for(2)
    large_other, large_inserts, large_rows = queries_for(30)
    assert small_other == large_other
    assert small_inserts == 2
    assert large_inserts <= 2 + large_rows // 50


@pytest.mark.django_db
def test_deleting_a_channel_keeps_every_audits_results():
    """History is never lost: the run still shows the deleted channel's scores and findings."""
    organization = OrganizationFactory()
    _, channels = plan_with_channels(organization, 2)
    run = audit_run_now(organization=organization)
    scores = {s.channel_key: s.overall for s in run.scores.all()}
    findings = run.findings.count()
    # The plan protects a channel it uses; once it no longer does, the channel can go.
    PlannedActivity.objects.filter(channel=channels[0]).delete()
    ChannelLink.objects.filter(Q(from_channel=channels[0]) | Q(to_channel=channels[0])).delete()
    channels[0].delete()
    assert {s.channel_key: s.overall for s in run.scores.all()} == scores
    assert run.findings.count() == findings
    assert run.scores.get(channel_key=channels[0].key).channel is None
