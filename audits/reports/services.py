"""Weekly reports: deciding which are due, and sending each exactly once per address.

A report is due when the organization's weekday and hour, in its own time zone, have passed in
the current ISO week and no dispatch exists for that week. The dispatch row is created first
under a unique (organization, ISO year, ISO week) constraint, so of two dispatchers only one
gets it. Each address then has a delivery row, claimed (pending → sending) by a conditional
update before the SMTP conversation and marked sent right after: a retried task sends only
what did not go out. A delivery left "sending" by a crashed worker is not sent again (no
duplicate); it stays visible as such on the reports page.

A week missed while the workers were down is sent when they are back, if still in the same ISO
week; a whole missed week is not sent later (the next week's report covers it).
"""

import contextlib
import datetime as dt
import logging
import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from outreach.models import Organization

from ..runs.models import AuditRun
from ..runs.services import (
    audit_run_create,
    audit_run_execute,
    audit_runs_create,
    audit_runs_execute,
)
from .email import ReportEmail, report_email_build
from .models import ReportDelivery, ReportDispatch, ReportOptOut
from .selectors import DueReport, manager_emails, report_recipients, reports_due
from .tokens import unsubscribe_token

logger = logging.getLogger(__name__)

Delivery = ReportDelivery.Status
Dispatch = ReportDispatch.Status


class ReportRetry(Exception):
    """Some addresses failed for a reason that may pass (the server was away): try again."""


def report_dispatch_claim(*, due: DueReport, trigger: str) -> ReportDispatch | None:
    """The week's dispatch, made now; None when another dispatcher made it first."""
    try:
        with transaction.atomic():
            return ReportDispatch.objects.create(
                organization=due.organization,
                iso_year=due.iso_year,
                iso_week=due.iso_week,
                trigger=trigger,
            )
    except IntegrityError:
        return None


def weekly_reports_dispatch(
    *,
    now: dt.datetime | None = None,
    organizations=None,
    ignore_schedule: bool = False,
    send_now: bool = False,
    trigger: str = ReportDispatch.Trigger.SCHEDULE,
) -> list[ReportDispatch]:
    """Claim every due report, and send each here with `send_now`; otherwise the caller (the
    dispatcher task) enqueues one send task per claimed dispatch."""
    claimed = []
    for due in reports_due(
        now=now or timezone.now(), organizations=organizations, ignore_schedule=ignore_schedule
    ):
        dispatch = report_dispatch_claim(due=due, trigger=trigger)
        if dispatch is not None:
            claimed.append(dispatch)
    dispatch_audits_run(dispatches=claimed)
    if send_now:
        # One SMTP conversation for them all (each address is still claimed before it is sent).
        connection = get_connection()
        _smtp_open(connection)
        try:
            for dispatch in claimed:
                with contextlib.suppress(ReportRetry):  # recorded on the deliveries
                    report_send(dispatch_id=dispatch.pk, connection=connection)
        finally:
            connection.close()
    return claimed


def dispatch_audits_run(*, dispatches: list[ReportDispatch]) -> None:
    """Each dispatch's fresh audit, made in batches of AUDIT_BATCH_SIZE organizations (one claim
    and one load per batch), once per dispatch even when repeated: the runs are keyed by the
    dispatch, as `_audit_for` keys the one it makes when a dispatch has none yet."""
    waiting = [d for d in dispatches if d.run_id is None]
    size = settings.AUDIT_BATCH_SIZE
    for start in range(0, len(waiting), size):
        batch = waiting[start : start + size]
        runs = audit_runs_create(
            organizations=[d.organization for d in batch],
            trigger=AuditRun.Trigger.SCHEDULE,
            request_keys={d.organization_id: _audit_key(d) for d in batch},
        )
        audit_runs_execute(run_ids=[run.pk for run in runs])
        for dispatch, run in zip(batch, runs, strict=True):
            dispatch.run = run
        # One statement for the batch; a dispatch is claimed by one dispatcher only, so no
        # other writes its run meanwhile.
        ReportDispatch.objects.bulk_update(batch, ["run"])


def report_opt_out(*, organization: Organization, email: str) -> bool:
    """Stop the weekly report to `email`; True when it was getting it until now."""
    _, created = ReportOptOut.objects.get_or_create(
        organization=organization, email=email.strip().lower()
    )
    return created


def report_opt_in(*, organization: Organization, email: str) -> bool:
    deleted, _ = ReportOptOut.objects.filter(
        organization=organization, email=email.strip().lower()
    ).delete()
    return bool(deleted)


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _audit_key(dispatch: ReportDispatch) -> str:
    return f"weekly-report:{dispatch.pk}"


def _audit_for(dispatch: ReportDispatch) -> AuditRun:
    """A fresh audit for the report, made once per dispatch even when the task repeats."""
    if dispatch.run_id is not None:
        return dispatch.run
    run, _ = audit_run_create(
        organization=dispatch.organization,
        trigger=AuditRun.Trigger.SCHEDULE,
        request_key=_audit_key(dispatch),
    )
    run = audit_run_execute(run_id=run.pk)
    ReportDispatch.objects.filter(pk=dispatch.pk, run__isnull=True).update(run=run)
    return run


TOKEN_SLOT = "__unsubscribe_token__"  # noqa: S105 (a placeholder, not a secret)


def _report_for(dispatch: ReportDispatch, run: AuditRun, to_manager: bool) -> ReportEmail:
    """The week's email, with a slot where each address's unsubscribe token goes: built once
    per dispatch (and kind of recipient), not once per address."""
    organization = dispatch.organization
    return report_email_build(
        organization=organization,
        run=run,
        week=(dispatch.iso_year, dispatch.iso_week),
        dashboard_url=_absolute(reverse("dashboard:show", args=[organization.slug])),
        unsubscribe_url=_absolute(reverse("reports:unsubscribe", args=[TOKEN_SLOT])),
        to_manager=to_manager,
    )


def _message(
    dispatch: ReportDispatch, report: ReportEmail, delivery: ReportDelivery
) -> EmailMultiAlternatives:
    organization, email = dispatch.organization, delivery.email
    # The token names this delivery, not the address; it is URL-safe: no escaping in HTML.
    token = unsubscribe_token(delivery_id=delivery.pk)
    unsubscribe = _absolute(reverse("reports:unsubscribe", args=[token]))
    message = EmailMultiAlternatives(
        subject=report.subject,
        body=report.text.replace(TOKEN_SLOT, token),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"Weekly report of {organization.slug} <{organization.slug}.reports>",
        },
    )
    message.attach_alternative(report.html.replace(TOKEN_SLOT, token), "text/html")
    return message


def _is_permanent(error: Exception) -> bool:
    """A 5xx answer (the address is refused): retrying will not help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def report_send(
    *, dispatch_id: int, final_attempt: bool = False, connection=None
) -> ReportDispatch:
    """Send the dispatch's report to every address that has not had it. One bad address does
    not stop the others. Raises ReportRetry when some failed for a reason that may pass
    (unless `final_attempt`, when they are recorded as failed). With `connection`, an SMTP
    connection the caller opened and closes, shared by many dispatches."""
    dispatch = ReportDispatch.objects.select_related("organization", "run").get(pk=dispatch_id)
    if dispatch.status == Dispatch.SENT:
        return dispatch
    run = _audit_for(dispatch)
    managers = set(manager_emails(dispatch.organization))
    if not dispatch.deliveries.exists():
        ReportDelivery.objects.bulk_create(
            [
                ReportDelivery(dispatch=dispatch, email=e)
                for e in report_recipients(dispatch.organization, managers=managers)
            ],
            ignore_conflicts=True,
        )
    reports: dict[bool, ReportEmail] = {}
    own_connection = connection is None
    connection = connection or get_connection()
    _smtp_open(connection)
    for delivery in dispatch.deliveries.filter(status__in=[Delivery.PENDING, Delivery.RETRY]):
        claimed = ReportDelivery.objects.filter(
            pk=delivery.pk, status__in=[Delivery.PENDING, Delivery.RETRY]
        ).update(status=Delivery.SENDING, attempts=F("attempts") + 1)
        if not claimed:
            continue  # another attempt has it
        try:
            to_manager = delivery.email in managers
            if to_manager not in reports:
                reports[to_manager] = _report_for(dispatch, run, to_manager)
            message = _message(dispatch, reports[to_manager], delivery)
            connection.send_messages([message])
        except (smtplib.SMTPException, OSError) as error:
            connection.close()  # start the next address on a fresh conversation
            _smtp_open(connection)
            permanent = _is_permanent(error) or final_attempt
            logger.warning("Weekly report to %s failed: %s", delivery.email, error)
            ReportDelivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.FAILED if permanent else Delivery.RETRY,
                error=f"{type(error).__name__}: {error}"[:2000],
            )
        else:
            ReportDelivery.objects.filter(pk=delivery.pk).update(
                status=Delivery.SENT, sent_at=timezone.now(), error=""
            )
            if not dispatch.subject:
                dispatch.subject = message.subject
    if own_connection:
        connection.close()
    return _settle(dispatch)


def _smtp_open(connection) -> None:
    """Open the SMTP conversation for the messages that follow: Django's backend opens and
    closes one per call to send_messages unless it is open already. When the server cannot be
    reached, each address's own send tries again and records why it failed."""
    with contextlib.suppress(smtplib.SMTPException, OSError):
        connection.open()


def _settle(dispatch: ReportDispatch) -> ReportDispatch:
    statuses = set(dispatch.deliveries.values_list("status", flat=True))
    if Delivery.RETRY in statuses:
        dispatch.status = Dispatch.SENDING
    elif statuses <= {Delivery.SENT}:
        dispatch.status = Dispatch.SENT
    elif Delivery.SENT in statuses:
        dispatch.status = Dispatch.PARTIAL
    else:
        dispatch.status = Dispatch.FAILED
    if dispatch.status != Dispatch.SENDING and dispatch.sent_at is None:
        dispatch.sent_at = timezone.now()
    dispatch.save(update_fields=["status", "sent_at", "subject"])
    if dispatch.status == Dispatch.SENDING:
        raise ReportRetry(f"Some addresses of {dispatch} will be tried again.")
    return dispatch
