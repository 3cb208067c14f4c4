"""The weekly reports' data: one dispatch per organization and ISO week, one delivery per
address, and the addresses that opted out."""

from django.db import models
from django.db.models import Q

from outreach.models import Organization
from outreach.tenancy import TenantQuerySet

from ..runs.models import AuditRun


class ReportDispatch(models.Model):
    """One organization's weekly report for one ISO week: made once (the unique constraint),
    before anything is sent, so two dispatchers or a repeated task cannot send it twice."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        PARTIAL = "partial", "Sent, some addresses failed"
        FAILED = "failed", "Failed"

    class Trigger(models.TextChoices):
        SCHEDULE = "schedule", "Schedule"
        COMMAND = "command", "Command line"
        MANUAL = "manual", "Sent from the app"

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="report_dispatches"
    )
    iso_year = models.PositiveSmallIntegerField()
    iso_week = models.PositiveSmallIntegerField()
    run = models.ForeignKey(
        AuditRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.SCHEDULE)
    subject = models.CharField(max_length=300, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-iso_year", "-iso_week"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "iso_year", "iso_week"], name="report_once_a_week"
            ),
            models.CheckConstraint(
                condition=Q(iso_week__gte=1, iso_week__lte=53), name="report_iso_week_valid"
            ),
        ]

    def __str__(self):
        return f"{self.organization} week {self.iso_week}, {self.iso_year}"


class ReportDelivery(models.Model):
    """The report to one address. A delivery is claimed (pending → sending) before the SMTP
    conversation and marked sent right after, so a retried task skips what went out."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        RETRY = "retry", "Will retry"
        FAILED = "failed", "Failed"

    dispatch = models.ForeignKey(
        ReportDispatch, on_delete=models.CASCADE, related_name="deliveries"
    )
    email = models.EmailField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    tenant_path = "dispatch__organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["dispatch", "email"]
        verbose_name_plural = "report deliveries"
        constraints = [
            models.UniqueConstraint(fields=["dispatch", "email"], name="delivery_once_per_address")
        ]

    def __str__(self):
        return f"{self.email}: {self.get_status_display()}"


class ReportOptOut(models.Model):
    """An address that asked not to get an organization's weekly report."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="report_opt_outs"
    )
    email = models.EmailField()
    created_at = models.DateTimeField(auto_now_add=True)

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "email"], name="opt_out_once")
        ]

    def __str__(self):
        return f"{self.email} opted out of {self.organization}"
