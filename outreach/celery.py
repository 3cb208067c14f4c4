"""The Celery app. Configuration comes from Django's settings (CELERY_* names)."""

import os

from celery import Celery
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")

app = Celery("outreach")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Each package of the audits app that has tasks: audit runs, weekly reports, evidence imports.
app.autodiscover_tasks(["audits.runs", "audits.reports", "audits.evidence"])

# Failures worth another try, for every task: the database or the broker was briefly away.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerError)
