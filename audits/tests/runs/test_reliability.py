"""Nothing stays "queued" or "running" for ever: a broker that is down, workers that die, runs
the sweeper puts back on the queue or fails with the reason."""

from datetime import timedelta

import pytest
from django.core.checks.registry import registry
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from audits.models import AuditRun
from audits.runs import services
from audits.runs.services import audit_run_create, audit_run_execute, stuck_runs_sweep
from audits.runs.tasks import sweep_stuck_runs
from audits.tests.factories import AuditRunFactory
from audits.tests.plans import plan_with_channels
from outreach.checks import task_timing_check

pytestmark = pytest.mark.django_db

LIMITS = {"WORK_QUEUED_LIMIT": timedelta(minutes=10), "WORK_RUNNING_LIMIT": timedelta(minutes=5)}


@pytest.mark.django_db(transaction=True)  # the enqueue happens inside the request, as served
def test_with_the_broker_down_run_audit_says_so_and_leaves_nothing_queued(
    comms_client, organization, dead_broker
):
    plan_with_channels(organization, 2)
    response = comms_client.post(reverse("audits:start", args=["acme"]), follow=True)
    assert response.status_code == 200  # not a 500
    run = AuditRun.objects.get()
    assert run.status == "failed" and run.finished_at is not None
    assert "task queue did not answer" in run.error
    html = response.content.decode()
    assert f"Audit #{run.number} could not be started" in html
    assert "task queue did not answer" in html and "Waiting for a worker" not in html
    assert not AuditRun.objects.filter(status__in=["queued", "running"]).exists()


def test_a_run_left_queued_past_its_limit_is_queued_again_then_failed(organization, dead_broker):
    # The broker is away (as when its queue was lost): the sweeps only mark the run.
    plan_with_channels(organization, 1)
    now = timezone.now()
    with override_settings(**LIMITS):
        run = AuditRunFactory(
            organization=organization,
            status="queued",
            score=None,
            queued_at=now - timedelta(minutes=11),
        )
        fresh = AuditRunFactory(
            organization=organization,
            status="queued",
            score=None,
            queued_at=now - timedelta(minutes=9),
        )
        assert [r.pk for r in stuck_runs_sweep(now=now)] == [run.pk]
        run.refresh_from_db()
        fresh.refresh_from_db()
        assert (run.status, run.sweeps, run.queued_at) == ("queued", 1, now)
        assert fresh.status == "queued" and fresh.sweeps == 0  # its own limit had not passed
        AuditRun.objects.filter(pk=fresh.pk).update(status="done")
        # Within its new limit it is left alone; past it again, queued once more, then failed.
        assert stuck_runs_sweep(now=now + timedelta(minutes=9)) == []
        assert stuck_runs_sweep(now=now + timedelta(minutes=11)) == [run]
        assert stuck_runs_sweep(now=now + timedelta(minutes=22)) == []
        run.refresh_from_db()
    assert run.status == "failed"
    assert run.error.startswith("No worker took this audit within 10 minutes, 3 times over.")


def test_a_run_whose_worker_died_is_queued_again_and_then_completes(
    organization, django_capture_on_commit_callbacks
):
    plan_with_channels(organization, 2)
    now = timezone.now()
    run = AuditRunFactory(
        organization=organization,
        status="running",
        score=None,
        started_at=now - timedelta(minutes=6),
        attempts=1,
    )
    with override_settings(**LIMITS), django_capture_on_commit_callbacks(execute=True):
        sweep_stuck_runs()  # tasks run in-process here: the re-queued run is audited at once
    run.refresh_from_db()
    assert run.status == "done", run.error
    assert (run.sweeps, run.attempts) == (1, 2)
    assert run.scores.count() == 2


def test_a_run_stuck_running_past_its_last_sweep_fails_with_the_reason(organization):
    now = timezone.now()
    run = AuditRunFactory(
        organization=organization,
        status="running",
        score=None,
        started_at=now - timedelta(minutes=6),
        sweeps=services.MAX_SWEEPS,
    )
    with override_settings(**LIMITS):
        stuck_runs_sweep(now=now)
    run.refresh_from_db()
    assert run.status == "failed" and run.finished_at == now
    assert "still running after 5 minutes" in run.error


def test_finished_and_recent_runs_are_never_swept(organization):
    long_ago = timezone.now() - timedelta(days=1)
    for status in ("done", "failed"):
        AuditRunFactory(organization=organization, status=status, queued_at=long_ago)
    AuditRunFactory(organization=organization, status="running", started_at=timezone.now())
    assert stuck_runs_sweep() == []
    assert not AuditRun.objects.filter(sweeps__gt=0).exists()


def test_a_run_that_keeps_killing_its_worker_is_failed_not_retried_for_ever(organization):
    plan_with_channels(organization, 1)
    forgiven, _ = audit_run_create(organization=organization)
    doomed, _ = audit_run_create(organization=organization)
    # A redelivered task finds its run still "running": the worker died during it.
    AuditRun.objects.filter(pk=forgiven.pk).update(
        status="running", interruptions=services.MAX_INTERRUPTIONS - 2
    )
    AuditRun.objects.filter(pk=doomed.pk).update(
        status="running", interruptions=services.MAX_INTERRUPTIONS - 1
    )
    forgiven = audit_run_execute(run_id=forgiven.pk)
    assert forgiven.status == "done" and forgiven.interruptions == services.MAX_INTERRUPTIONS - 1
    doomed = audit_run_execute(run_id=doomed.pk)
    assert doomed.status == "failed" and not doomed.scores.exists()
    assert doomed.error.startswith(
        f"The worker stopped during this audit {services.MAX_INTERRUPTIONS} times"
    )


def test_a_run_past_its_soft_time_limit_says_it_took_too_long(organization):
    from celery.exceptions import SoftTimeLimitExceeded

    run, _ = audit_run_create(organization=organization)
    services.audit_run_fail(run_id=run.pk, error=SoftTimeLimitExceeded())
    run.refresh_from_db()
    assert run.error == "The audit took longer than the time allowed (120 s) and was stopped."


@pytest.mark.parametrize(
    ("overrides", "error_id"),
    [
        ({"CELERY_TASK_TIME_LIMIT": 180, "CELERY_VISIBILITY_TIMEOUT": 180}, "outreach.E001"),
        ({"CELERY_RETRY_DELAY_MAX": 240, "CELERY_VISIBILITY_TIMEOUT": 240}, "outreach.E002"),
        ({"CELERY_TASK_SOFT_TIME_LIMIT": 180, "CELERY_TASK_TIME_LIMIT": 180}, "outreach.E003"),
    ],
)
def test_task_timings_that_would_do_work_twice_are_refused_at_start(overrides, error_id):
    assert task_timing_check() == []
    with override_settings(**overrides):
        assert [error.id for error in task_timing_check()] == [error_id]


def test_defaults_redeliver_a_lost_task_within_five_minutes(settings):
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert options["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT
    # The worst case: the timeout, then up to one restore interval before a worker looks.
    assert options["visibility_timeout"] + options["unacked_restore_interval"] <= 300
    assert options["unacked_restore_throttle"] == 1
    assert task_timing_check in registry.get_checks()  # run by `check` and at every start
    call_command("check")  # and passes on the defaults
