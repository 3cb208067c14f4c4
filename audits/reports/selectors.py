"""Reads of the weekly report: which reports are due, who receives them, what the reports page
shows. The email's own data is read by `email.report_data_load`."""

import datetime as dt
import zoneinfo
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q

from outreach.models import Membership, Organization

from ..runs.models import AuditRun
from .models import ReportDelivery, ReportDispatch, ReportOptOut
from .tokens import UnsubscribeLinkInvalid, unsubscribe_token_read

Dispatch = ReportDispatch.Status


@dataclass(frozen=True)
class DueReport:
    organization: Organization
    iso_year: int
    iso_week: int
    scheduled_at: dt.datetime  # in the organization's time zone


def report_moment(organization: Organization, now: dt.datetime) -> DueReport:
    """The organization's report moment in the ISO week that `now` falls in, where it is."""
    zone = zoneinfo.ZoneInfo(organization.timezone)
    local_now = now.astimezone(zone)
    iso_year, iso_week, _ = local_now.isocalendar()
    day = dt.date.fromisocalendar(iso_year, iso_week, organization.report_weekday + 1)
    scheduled = dt.datetime.combine(day, dt.time(organization.report_hour), tzinfo=zone)
    return DueReport(organization, iso_year, iso_week, scheduled)


def reports_due(
    *, now: dt.datetime, organizations=None, ignore_schedule: bool = False
) -> list[DueReport]:
    """The reports to send now: the moment has passed this ISO week (or the schedule is
    ignored) and the week has no dispatch yet. Two queries."""
    organizations = list(organizations if organizations is not None else Organization.objects.all())
    moments = [report_moment(org, now) for org in organizations]
    if not moments:
        return []
    # One term per week (organizations in other time zones may be in another week), not per
    # organization: a thousand ORed terms is past what SQLite will parse.
    by_week = defaultdict(list)
    for m in moments:
        by_week[(m.iso_year, m.iso_week)].append(m.organization.pk)
    weeks = Q()
    for (iso_year, iso_week), ids in by_week.items():
        weeks |= Q(organization_id__in=ids, iso_year=iso_year, iso_week=iso_week)
    taken = set(
        ReportDispatch.objects.filter(weeks).values_list("organization_id", "iso_year", "iso_week")
    )
    return [
        m
        for m in moments
        if (ignore_schedule or now >= m.scheduled_at)
        and (m.organization.pk, m.iso_year, m.iso_week) not in taken
    ]


def unfinished_dispatches(*, now: dt.datetime) -> list[int]:
    """Dispatches of the past week not finished a while after they were claimed: their task
    was lost, or they wait for a retry that no worker will run. Sending them again is safe:
    each address is claimed before it is sent to."""
    return list(
        ReportDispatch.objects.filter(
            status__in=[Dispatch.PENDING, Dispatch.SENDING],
            created_at__lt=now - dt.timedelta(minutes=30),
            created_at__gte=now - dt.timedelta(days=7),
        ).values_list("pk", flat=True)
    )


def manager_emails(organization: Organization) -> list[str]:
    emails = Membership.objects.filter(
        organization=organization, role=Membership.Role.MANAGER
    ).values_list("user__email", flat=True)
    return [e.strip().lower() for e in emails if e]


def report_recipients(organization: Organization, managers=None) -> list[str]:
    """The managers (`managers`: their addresses when the caller has them already) and the
    organization's extra addresses, less those who opted out."""
    addresses = [
        *(managers if managers is not None else manager_emails(organization)),
        *(e.strip().lower() for e in organization.report_recipients if e.strip()),
    ]
    opted_out = set(
        ReportOptOut.objects.filter(organization=organization).values_list("email", flat=True)
    )
    return sorted({a for a in addresses if a not in opted_out})


@dataclass(frozen=True)
class ReportPage:
    latest_run: AuditRun | None  # the newest finished audit: what this week's email would show
    dispatches: list[ReportDispatch]  # the last half year, newest first, with their deliveries
    recipients: list[str]
    opted_out: bool  # whether the reader opted out


def report_page(*, organization: Organization, email: str) -> ReportPage:
    """What the reports page shows `email`'s owner about `organization`'s weekly report."""
    latest = (
        AuditRun.objects.for_organization(organization)
        .filter(status=AuditRun.Status.DONE)
        .order_by("-id")
        .first()
    )
    dispatches = list(
        ReportDispatch.objects.for_organization(organization)
        .select_related("run")
        .prefetch_related("deliveries")
        .order_by("-iso_year", "-iso_week")[:26]
    )
    opted_out = ReportOptOut.objects.filter(organization=organization, email=email.lower()).exists()
    return ReportPage(latest, dispatches, report_recipients(organization), opted_out)


@dataclass(frozen=True)
class UnsubscribeRecipient:
    organization: Organization
    email: str


def unsubscribe_recipient(*, token: str) -> UnsubscribeRecipient:
    """The organization and address an unsubscribe link names (its signature is its authority).
    Raises UnsubscribeLinkExpired or UnsubscribeLinkInvalid, also for a delivery or
    organization that no longer exists."""
    subject = unsubscribe_token_read(token)
    if subject.delivery_id is not None:
        delivery = (
            ReportDelivery.objects.select_related("dispatch__organization")
            .filter(pk=subject.delivery_id)
            .first()
        )
        if delivery is None:
            raise UnsubscribeLinkInvalid
        return UnsubscribeRecipient(delivery.dispatch.organization, delivery.email)
    organization = Organization.objects.filter(pk=subject.organization_id).first()
    if organization is None or not subject.email:
        raise UnsubscribeLinkInvalid
    return UnsubscribeRecipient(organization, subject.email)


def scheduler_runs() -> bool:
    """Whether anything sends the weekly report by itself. Without a broker (`make run`: tasks
    in-process) no beat can run, and the reports page says so and offers to send it now; with
    one, beat is part of the deployment (README, "Production")."""
    return not settings.CELERY_TASK_ALWAYS_EAGER
