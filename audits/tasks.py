"""Celery tasks: they take ids, call a service, and are safe to run twice.

With no broker configured (CELERY_TASK_ALWAYS_EAGER) they run in-process.
"""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from outreach.models import Organization

from .models import AuditRun
from .services import (
    ReportRetry,
    audit_run_create,
    audit_run_execute,
    report_send,
    weekly_reports_dispatch,
)
from .services.reports import unfinished_dispatches

# Failures worth another try: the database or the broker was briefly unreachable.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerError)


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


@shared_task(acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=2, max_retries=5)
def dispatch_weekly_reports():
    """Run by beat every hour (settings.CELERY_BEAT_SCHEDULE): claim each report that is due
    and send it through its own task, and resume dispatches left unfinished. Safe to run twice,
    or twice at once."""
    claimed = [d.pk for d in weekly_reports_dispatch()]
    resumed = unfinished_dispatches(now=timezone.now())
    for dispatch_id in resumed:
        send_weekly_report.delay(dispatch_id)
    return {"claimed": claimed, "resumed": resumed}


@shared_task(bind=True, acks_late=True, max_retries=6)
def send_weekly_report(self, dispatch_id: int):
    """Send one dispatch's report. Addresses that failed for a passing reason are tried again
    with growing pauses (1, 2, 4 … minutes); after the last try they are recorded as failed."""
    final = self.request.retries >= self.max_retries
    try:
        dispatch = report_send(dispatch_id=dispatch_id, final_attempt=final)
    except (ReportRetry, *TRANSIENT_ERRORS) as error:
        raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from error
    return {"dispatch": dispatch.pk, "status": dispatch.status}
