"""System checks (`manage.py check`, run by every management command and at server start): the
task settings that only work together, refused at start-up rather than found out in production."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.compatibility)
def task_timing_check(app_configs=None, **kwargs):
    """A task still running when its visibility timeout ends is handed to a second worker, and a
    task waiting longer than it for a retry is handed out again meanwhile: both do work twice."""
    errors = []
    visibility = settings.CELERY_VISIBILITY_TIMEOUT
    if visibility <= settings.CELERY_TASK_TIME_LIMIT:
        errors.append(
            checks.Error(
                f"CELERY_VISIBILITY_TIMEOUT ({visibility} s) must be longer than "
                f"CELERY_TASK_TIME_LIMIT ({settings.CELERY_TASK_TIME_LIMIT} s).",
                hint="Leave CELERY_VISIBILITY_TIMEOUT unset: it defaults to the limit + 60 s.",
                id="outreach.E001",
            )
        )
    if visibility <= settings.CELERY_RETRY_DELAY_MAX:
        errors.append(
            checks.Error(
                f"CELERY_RETRY_DELAY_MAX ({settings.CELERY_RETRY_DELAY_MAX} s) must be shorter "
                f"than CELERY_VISIBILITY_TIMEOUT ({visibility} s).",
                id="outreach.E002",
            )
        )
    if settings.CELERY_TASK_SOFT_TIME_LIMIT >= settings.CELERY_TASK_TIME_LIMIT:
        errors.append(
            checks.Error(
                "CELERY_TASK_SOFT_TIME_LIMIT must be shorter than CELERY_TASK_TIME_LIMIT, so a "
                "task can record why it stopped before it is killed.",
                id="outreach.E003",
            )
        )
    return errors


@checks.register(checks.Tags.security)
def signup_check(app_configs=None, **kwargs):
    """A misspelt SIGNUP would otherwise read as one of its values: refuse it at start-up."""
    if settings.SIGNUP in settings.SIGNUP_CHOICES:
        return []
    return [
        checks.Error(
            f"SIGNUP is {settings.SIGNUP!r}; it must be one of "
            f"{', '.join(settings.SIGNUP_CHOICES)}.",
            id="outreach.E004",
        )
    ]
