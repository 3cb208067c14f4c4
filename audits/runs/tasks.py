"""The audit's Celery tasks: they take ids, call a service, and are safe to run twice.

Control flows one way: views and the dispatcher enqueue (`audit_enqueue`, on commit), tasks call
services, services never import tasks. With no broker configured (CELERY_TASK_ALWAYS_EAGER) the
tasks run in-process.
"""

from celery import shared_task
from django.db import transaction

from outreach.celery import TRANSIENT_ERRORS
from outreach.models import Organization

from .models import AuditRun
from .services import audit_run_create, audit_run_execute


@shared_task(
    bind=True,
    acks_late=True,
    autoretry_for=TRANSIENT_ERRORS,
    retry_backoff=2,
    retry_backoff_max=300,
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
    """Fan out: one audit task per organization. The request keys derive from this task's id,
    so a repeated fan-out does not start a second run for anyone."""
    ids = list(Organization.objects.order_by("id").values_list("id", flat=True))
    for organization_id in ids:
        audit_organization.delay(
            organization_id, request_key=f"fanout:{self.request.id}:{organization_id}"
        )
    return len(ids)


def audit_enqueue(run: AuditRun) -> None:
    """Have a worker audit `run` once the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: audit_organization.delay(run.organization_id, run_id=run.pk))
