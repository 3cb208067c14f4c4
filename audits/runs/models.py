"""The audit runs' data: a run, each channel's scores, and the findings that explain them."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from outreach.models import Channel, Organization
from outreach.platforms import label_of
from outreach.tenancy import TenantQuerySet
from strategy.models import StrategyPlan

from ..rubric.principles import CRITERION_LABELS, PRINCIPLES, SEVERITY_LABELS
from ..rubric.verdicts import VERDICT_LABELS

CRITERION_CHOICES = list(CRITERION_LABELS.items())
VERDICT_CHOICES = [(verdict, label.capitalize()) for verdict, label in VERDICT_LABELS.items()]
SEVERITY_CHOICES = list(SEVERITY_LABELS.items())


class AuditRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    class Trigger(models.TextChoices):
        MANUAL = "manual", "Run from the app"
        SCHEDULE = "schedule", "Schedule"
        COMMAND = "command", "Command line"

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="audit_runs"
    )
    # The run's place among its organization's runs (1, 2, …): what people see and URLs use.
    number = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    plan = models.ForeignKey(
        StrategyPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_runs"
    )
    plan_revision = models.PositiveIntegerField(null=True, blank=True)
    plan_version = models.PositiveIntegerField(null=True, blank=True)
    trigger = models.CharField(max_length=10, choices=Trigger.choices, default=Trigger.MANUAL)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Names one request for a run (a task's id); a redelivered or repeated request finds its run
    # again instead of starting a second one.
    request_key = models.CharField(max_length=200, null=True, blank=True, unique=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    # Reliability (audits.runs.services): when the run was last put on the queue, how often the
    # sweeper re-queued it, and how often a worker died while it was running.
    queued_at = models.DateTimeField(default=timezone.now)
    sweeps = models.PositiveSmallIntegerField(default=0)
    interruptions = models.PositiveSmallIntegerField(default=0)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    thresholds = models.JSONField(default=dict, blank=True)
    # The plan's figures as audited (audits.rubric.digest), so pages show stored results only.
    digest = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "status", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "number"], name="run_number_once_per_organization"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="run_number_positive"),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100), name="run_score_range"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "running", "done", "failed"]),
                name="run_status_valid",
            ),
        ]

    def __str__(self):
        return f"Audit #{self.number} of {self.organization} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class ChannelScore(models.Model):
    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="scores")
    # An audit keeps what it scored even when the channel is deleted later (the admin allows
    # it): the key, label and platform below say which channel it was.
    channel = models.ForeignKey(
        Channel, on_delete=models.SET_NULL, null=True, blank=True, related_name="scores"
    )
    # The channel as it was when audited, so old runs read right after a rename.
    channel_key = models.SlugField(max_length=40)
    channel_label = models.CharField(max_length=200)
    platform = models.CharField(max_length=20)
    value = models.PositiveSmallIntegerField()
    interactivity = models.PositiveSmallIntegerField()
    integration = models.PositiveSmallIntegerField()
    resourcing = models.PositiveSmallIntegerField()
    overall = models.PositiveSmallIntegerField()
    verdict = models.CharField(max_length=15, choices=VERDICT_CHOICES)

    tenant_path = "run__organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["run", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "channel"], name="score_once_per_channel"),
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{field}__lte": 100}), name=f"score_{field}_range"
                )
                for field in ["value", "interactivity", "integration", "resourcing", "overall"]
            ],
        ]

    def __str__(self):
        return f"{self.channel_label}: {self.overall}"

    @property
    def platform_label(self) -> str:
        return label_of(self.platform)


class Finding(models.Model):
    run = models.ForeignKey(AuditRun, on_delete=models.CASCADE, related_name="findings")
    channel = models.ForeignKey(
        Channel, on_delete=models.SET_NULL, null=True, blank=True, related_name="findings"
    )
    channel_key = models.SlugField(max_length=40, blank=True)
    code = models.CharField(max_length=4)
    criterion = models.CharField(max_length=15, choices=CRITERION_CHOICES)
    points = models.PositiveSmallIntegerField()
    severity = models.CharField(max_length=6, choices=SEVERITY_CHOICES)
    message = models.TextField()
    recommendation = models.TextField()
    # Points taken from each channel's scores, all criteria, by channel key (organization-wide
    # findings spread over several channels).
    affects = models.JSONField(default=dict)
    # One fact can bear on several principles: what it costs under each, as the rubric's
    # `Charge.to_dict()` writes it: [{"code", "criterion", "points", "affects", "core"}, ...].
    charges = models.JSONField(default=list)
    # Read from the plan, or from what the channel actually published (its export files).
    side = models.CharField(
        max_length=6, choices=[("plan", "Plan"), ("actual", "Actual")], default="plan"
    )

    tenant_path = "run__organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["run", "-points", "code", "id"]

    def __str__(self):
        return f"{self.codes_label} −{self.points}: {self.message}"

    @property
    def codes(self) -> list[str]:
        return [charge["code"] for charge in self.charges] or [self.code]

    @property
    def codes_label(self) -> str:
        """'R1', or 'R3 + I2' for a fact charged under two principles."""
        return " + ".join(self.codes)

    @property
    def title(self) -> str:
        """The principle it is first about, in words."""
        principle = PRINCIPLES.get(self.code)
        return principle.title if principle else self.code

    def points_on(self, channel_key: str, criterion: str) -> int:
        """Points this finding takes from `channel_key`'s score on `criterion`."""
        return sum(
            charge["affects"].get(channel_key, 0)
            for charge in self.charges
            if charge["criterion"] == criterion
        )
