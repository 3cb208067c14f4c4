"""The audit through a real Celery worker consuming from the Redis broker.

The worker is Celery's own test worker, started in this process on the real broker; the test
database is shared with it, so these tests commit their data (transactional_db).
"""

import socket
import time
import urllib.parse

import pytest
from celery.contrib.testing.worker import start_worker

from audits.models import AuditRun, ChannelScore
from audits.rubric import audit_plan
from audits.runs.selectors import plan_snapshot_load
from audits.runs.services import audit_run_create
from audits.runs.tasks import audit_all_organizations, audit_enqueue, audit_organization
from audits.tests.plans import plan_with_channels
from conftest import TEST_BROKER_URL, service_unavailable
from outreach.celery import app
from outreach.tests.factories import OrganizationFactory

pytestmark = pytest.mark.services


def require_broker(url: str) -> None:
    parts = urllib.parse.urlsplit(url)
    try:
        socket.create_connection((parts.hostname, parts.port or 6379), timeout=3).close()
    except OSError:
        service_unavailable(f"The Redis broker at {url}")


@pytest.fixture
def redis_worker(transactional_db):
    """A Celery worker on the Redis broker, with tasks really sent through it."""
    require_broker(TEST_BROKER_URL)  # conftest points the app at it for the whole session
    app.conf.task_always_eager = False
    try:
        app.control.purge()  # stray messages of an interrupted earlier run
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        app.conf.task_always_eager = True


def wait_for(condition, seconds=60):
    """Wait until `condition()` holds; the bound only stops a hung test, it is no assertion."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("the worker did not finish in time")


def test_requested_audit_runs_on_the_worker_and_stores_results(redis_worker):
    organization = OrganizationFactory()
    plan_with_channels(organization, 3)
    run, _ = audit_run_create(organization=organization)
    audit_enqueue(run)  # what the "Run audit" view does
    wait_for(lambda: AuditRun.objects.get(pk=run.pk).is_finished)
    run.refresh_from_db()
    assert run.status == "done", run.error
    expected = audit_plan(plan_snapshot_load(organization=organization).snapshot)
    assert run.score == expected.score
    assert run.scores.count() == 3
    assert run.findings.count() == len(expected.findings)


def test_a_task_delivered_twice_stores_its_results_once(redis_worker):
    organization = OrganizationFactory()
    plan_with_channels(organization, 2)
    run, _ = audit_run_create(organization=organization)
    audit_organization.delay(organization.pk, run_id=run.pk)
    audit_organization.delay(organization.pk, run_id=run.pk)
    wait_for(lambda: AuditRun.objects.get(pk=run.pk).status == "done")
    time.sleep(1)  # let the second delivery finish too; it must add nothing
    assert ChannelScore.objects.filter(run=run).count() == 2
    assert AuditRun.objects.get(pk=run.pk).attempts == 1


def test_fan_out_audits_every_organization_once(redis_worker):
    organizations = [OrganizationFactory(), OrganizationFactory()]
    for organization in organizations:
        plan_with_channels(organization, 2)
    audit_all_organizations.delay()
    wait_for(
        lambda: (
            AuditRun.objects.filter(status="done").count() == 2
            and not AuditRun.objects.exclude(status="done").exists()
        )
    )
    assert sorted(AuditRun.objects.values_list("organization_id", flat=True)) == sorted(
        o.pk for o in organizations
    )
    assert set(AuditRun.objects.values_list("trigger", flat=True)) == {"schedule"}
