"""The outreach app's Celery task: the emails of notices. It takes ids and is safe to run twice
(each email is claimed before it is sent, services.notices)."""

import logging

from celery import shared_task
from django.conf import settings

from .celery import TRANSIENT_ERRORS, enqueue_on_commit
from .services.notices import NoticeEmailRetry, notice_emails_send

logger = logging.getLogger(__name__)

RETRY_DELAY = settings.CELERY_RETRY_DELAY_MAX


@shared_task(bind=True, acks_late=True, max_retries=6)
def send_notice_emails(self, notice_ids: list[int]):
    """Email each notice that wants it and has not had it; those that failed for a reason that
    may pass are tried again after 1, 2, 4… minutes (at most RETRY_DELAY apart)."""
    try:
        return notice_emails_send(notice_ids=notice_ids)
    except (NoticeEmailRetry, *TRANSIENT_ERRORS) as error:
        if self.request.is_eager:
            # In-process (no broker): a retry would run at once, inside the request that took
            # the step; the notices stay in the planner and the failure is logged instead.
            logger.warning("Notice emails not sent: %s", error)
            return []
        countdown = min(60 * 2**self.request.retries, RETRY_DELAY)
        raise self.retry(exc=error, countdown=countdown) from error


def notice_emails_enqueue(notice_ids: list[int]) -> None:
    """Have a worker send the notices' emails once the current transaction commits (at once
    outside one; in-process when no broker is configured). When the broker cannot take the
    task, the notices stay in the planner and their emails unsent: the event itself is not
    undone for an email."""
    if not notice_ids:
        return
    ids = list(notice_ids)
    enqueue_on_commit(
        lambda: send_notice_emails.delay(ids),
        on_broker_down=lambda reason: logger.error(
            "The emails of notices %s were not sent: %s", ids, reason
        ),
    )
