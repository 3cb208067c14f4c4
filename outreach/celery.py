"""The Celery app. Configuration comes from Django's settings (CELERY_* names)."""

import logging
import os
from collections.abc import Callable

from celery import Celery
from django.db import InterfaceError, OperationalError, transaction
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")

logger = logging.getLogger(__name__)

app = Celery("outreach")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each package that has tasks: audit runs, weekly reports, evidence imports, notice emails.
app.autodiscover_tasks(["audits.runs", "audits.reports", "audits.evidence", "outreach"])

# Failures worth another try, for every task: the database or the broker was briefly away.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerError)
# What sending a task raises when the broker cannot be reached.
BROKER_DOWN_ERRORS = (BrokerError, RedisError, ConnectionError, TimeoutError)
QUEUE_DOWN_REASON = (
    "The task queue did not answer, so this was not started. Try again in a few minutes; if it "
    "goes on, whoever runs the planner should check its broker (Redis)."
)


def enqueue_on_commit(send: Callable[[], object], *, on_broker_down: Callable[[str], None]):
    """Call `send` (a task's `.delay(...)`) once the current transaction commits, at once outside
    one. When the broker cannot take the task, `on_broker_down(reason)` records that on the work
    it was for (a run, an import), so nothing waits for ever and the person is told; the request
    itself goes on rather than answering a 500."""

    def send_or_record():
        try:
            send()
        except BROKER_DOWN_ERRORS as error:
            logger.error("The broker refused a task: %s", error)
            on_broker_down(QUEUE_DOWN_REASON)

    transaction.on_commit(send_or_record)
