"""The weekly report's Celery tasks: the hourly dispatcher beat runs, and one send per dispatch.

The dispatcher claims what is due through the services and enqueues one send task for each;
services never import tasks.
"""

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from outreach.celery import TRANSIENT_ERRORS

from .selectors import unfinished_dispatches
from .services import ReportRetry, report_send, weekly_reports_dispatch

RETRY_DELAY = settings.CELERY_RETRY_DELAY_MAX
# Enough tries at RETRY_DELAY to ride out an hour's outage of the mail server.
RETRIES = max(6, 3600 // RETRY_DELAY)


@shared_task(acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=2, max_retries=5)
def dispatch_weekly_reports():
    """Run by beat every hour (settings.CELERY_BEAT_SCHEDULE): claim each report that is due
    and send it through its own task, and resume dispatches left unfinished. Safe to run twice,
    or twice at once."""
    claimed = [d.pk for d in weekly_reports_dispatch()]
    resumed = unfinished_dispatches(now=timezone.now())
    # Each claim was committed by the service; a worker may pick the sends up at once.
    for dispatch_id in claimed + resumed:
        send_weekly_report.delay(dispatch_id)
    return {"claimed": claimed, "resumed": resumed}


@shared_task(bind=True, acks_late=True, max_retries=RETRIES)
def send_weekly_report(self, dispatch_id: int):
    """Send one dispatch's report. Addresses that failed for a passing reason are tried again
    after 1 minute, then every RETRY_DELAY (at most settings.CELERY_RETRY_DELAY_MAX, so a waiting
    retry is never redelivered as lost), for about an hour; after the last try they are recorded
    as failed."""
    final = self.request.retries >= self.max_retries
    try:
        dispatch = report_send(dispatch_id=dispatch_id, final_attempt=final)
    except (ReportRetry, *TRANSIENT_ERRORS) as error:
        countdown = min(60 * 2**self.request.retries, RETRY_DELAY)
        raise self.retry(exc=error, countdown=countdown) from error
    return {"dispatch": dispatch.pk, "status": dispatch.status}
