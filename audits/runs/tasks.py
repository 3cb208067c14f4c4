"""The audit's Celery tasks: they take ids, call a service, and are safe to run twice.

Control flows one way: views and the dispatcher enqueue (`audit_enqueue`, on commit), tasks call
services, services never import tasks. With no broker configured (CELERY_TASK_ALWAYS_EAGER) the
tasks run in-process.
"""

from celery import shared_task
from django.conf import settings

from outreach.celery import TRANSIENT_ERRORS, enqueue_on_commit
from outreach.models import Organization

from .models import AuditRun
from .services import (
    audit_run_create,
    audit_run_execute,
    audit_run_fail,
    audit_runs_create,
    audit_runs_execute,
    stuck_runs_sweep,
)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=settings.CELERY_RETRY_DELAY_MAX,
    retry_jitter=True,
    max_retries=5,
)
def audit_organization(self, organization_id: int, run_id: int | None = None, request_key=None):
    """Audit one organization. Without a run id the run is made here, keyed by the request, so a
    redelivered message finds the same run instead of auditing twice."""
    if run_id is None:
        organization = Organization.objects.get(pk=organization_id)
        run, _ = audit_run_create(
            organization=organization,
            trigger=AuditRun.Trigger.SCHEDULE,
            request_key=request_key or f"audit:{self.request.id}",
        )
        run_id = run.pk
    run = audit_run_execute(run_id=run_id)  # records a failure on the run, then re-raises
    return {"run": run.pk, "status": run.status, "score": run.score}


@shared_task(
    bind=True, acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=2, max_retries=5
)
def audit_all_organizations(self):
    """Fan out: one task per batch of AUDIT_BATCH_SIZE organizations (a batch is claimed, loaded
    and stored in a handful of statements, where one task per organization paid the round trips
    each time). The request keys derive from this task's id, so a repeated fan-out does not
    start a second run for anyone."""
    ids = list(Organization.objects.order_by("id").values_list("id", flat=True))
    size = settings.AUDIT_BATCH_SIZE
    for start in range(0, len(ids), size):
        audit_organizations.delay(ids[start : start + size], fanout_id=self.request.id)
    return len(ids)


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=settings.CELERY_RETRY_DELAY_MAX,
    retry_jitter=True,
    max_retries=5,
)
def audit_organizations(self, organization_ids: list[int], fanout_id: str):
    """Audit a batch of organizations, one run and one transaction each; safe to run twice (the
    runs are keyed by the fan-out and the organization, and a done run is not stored again)."""
    organizations = list(Organization.objects.filter(pk__in=organization_ids).order_by("pk"))
    runs = audit_runs_create(
        organizations=organizations,
        trigger=AuditRun.Trigger.SCHEDULE,
        request_keys={o.pk: f"fanout:{fanout_id}:{o.pk}" for o in organizations},
    )
    stored = audit_runs_execute(run_ids=[run.pk for run in runs])
    return {"runs": len(runs), "done": len(stored)}


@shared_task(acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=2, max_retries=3)
def sweep_stuck_runs():
    """Run by beat every minute: put runs stuck in the queue or in a dead worker back on the
    queue, or fail them with the reason (services.stuck_runs_sweep)."""
    runs = stuck_runs_sweep()
    for run in runs:
        audit_enqueue(run)
    return [run.pk for run in runs]


def audit_enqueue(run: AuditRun) -> None:
    """Have a worker audit `run` once the current transaction commits (at once outside one).
    When the broker cannot take the task, the run is failed with the reason instead of waiting
    in "queued" for a worker that will never hear of it."""
    enqueue_on_commit(
        lambda: audit_organization.delay(run.organization_id, run_id=run.pk),
        on_broker_down=lambda reason: audit_run_fail(run_id=run.pk, error=reason),
    )
