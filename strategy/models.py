from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q

from outreach.models import Channel, Organization, StaffMember
from outreach.numbers import plain_number
from outreach.tenancy import TenantQuerySet

from .activity_kinds import KIND_LABELS, kind_label


class StrategyPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted"
        APPROVED = "approved", "Approved"
        RETURNED = "returned", "Returned"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="plans")
    revision = models.PositiveIntegerField(
        default=1, help_text="1 for the first plan; each revision of an approved plan adds one."
    )
    title = models.CharField(max_length=200)
    period_start = models.DateField()
    period_end = models.DateField()
    objectives = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(
        default=1, help_text="Counts the saved changes; a save based on an older one is refused."
    )
    review_comment = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-revision"]
        get_latest_by = "revision"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "revision"], name="plan_revision_unique_per_organization"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="plan_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "approved", "returned"]),
                name="plan_status_valid",
            ),
        ]

    def __str__(self):
        return f"{self.title} (revision {self.revision})"

    def clean(self):
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": "The period cannot end before it starts."})

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


def _same_organization(plan, **objects) -> dict:
    """Errors for every referenced object that belongs to another organization than the plan."""
    return {
        field: "Choose one of this organization's own."
        for field, obj in objects.items()
        if obj is not None and obj.organization_id != plan.organization_id
    }


class PlannedActivity(models.Model):
    class Kind(models.TextChoices):
        POINT_TO_OWN_WORK = "point_to_own_work", KIND_LABELS["point_to_own_work"]
        POINT_TO_EXTERNAL = "point_to_external", KIND_LABELS["point_to_external"]
        PHOTO = "photo", KIND_LABELS["photo"]
        RETWEET = "retweet", KIND_LABELS["retweet"]
        REPLY = "reply", KIND_LABELS["reply"]
        DISCUSSION = "discussion", KIND_LABELS["discussion"]
        POLL = "poll", KIND_LABELS["poll"]
        EVENT = "event", KIND_LABELS["event"]

    plan = models.ForeignKey(StrategyPlan, on_delete=models.CASCADE, related_name="activities")
    channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="activities")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    per_week = models.DecimalField(
        "times a week",
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text="0.25 is about once a month.",
    )
    minutes_each = models.PositiveIntegerField("minutes each")
    owner = models.ForeignKey(
        StaffMember, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities"
    )
    # Removing a person (anywhere, the admin included) leaves their activities without an owner;
    # an approved revision is history and keeps the name it was approved with (plan_approve).
    owner_name = models.CharField(
        max_length=200,
        blank=True,
        editable=False,
        help_text="The owner's name when the revision was approved; kept after they are removed.",
    )
    links_to = models.ForeignKey(
        Channel,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="incoming_activities",
        verbose_name="points to",
    )
    notes = models.CharField(max_length=500, blank=True)

    tenant_path = "plan__organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "channel", "id"]
        verbose_name_plural = "planned activities"
        constraints = [
            models.CheckConstraint(
                condition=Q(per_week__gte=0), name="activity_per_week_non_negative"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=list(KIND_LABELS)), name="activity_kind_valid"
            ),
            models.CheckConstraint(
                condition=~Q(links_to=F("channel")), name="activity_points_elsewhere"
            ),
        ]

    def __str__(self):
        return (
            f"{kind_label(self.kind, self.channel.platform)} on {self.channel}, "
            f"{plain_number(self.per_week)} times a week"
        )

    @property
    def owner_label(self) -> str:
        """Who does it: the owner's name, or, once they were removed, the name an approved
        revision kept ("" for none)."""
        return self.owner.name if self.owner_id else self.owner_name

    @property
    def owner_removed(self) -> bool:
        """The owner named by an approved revision has since been removed."""
        return not self.owner_id and bool(self.owner_name)

    def clean(self):
        if not self.plan_id:
            return
        errors = _same_organization(
            self.plan,
            channel=self.channel if self.channel_id else None,
            owner=self.owner,
            links_to=self.links_to,
        )
        if self.links_to_id and self.links_to_id == self.channel_id:
            errors.setdefault("links_to", "A channel's posts point to another channel.")
        if errors:
            raise ValidationError(errors)


class LinkKind(models.TextChoices):
    """How one channel points to another (the choices of ChannelLink.how)."""

    PROFILE_LINK = "profile_link", "Profile link"
    EMBED = "embed", "Embed"
    CROSS_POST = "cross_post", "Cross-post"


class ChannelLink(models.Model):
    plan = models.ForeignKey(StrategyPlan, on_delete=models.CASCADE, related_name="links")
    from_channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="links_out")
    to_channel = models.ForeignKey(Channel, on_delete=models.PROTECT, related_name="links_in")
    how = models.CharField(max_length=20, choices=LinkKind.choices)

    tenant_path = "plan__organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "from_channel", "to_channel", "how"], name="link_unique"
            ),
            models.CheckConstraint(
                condition=~Q(from_channel=F("to_channel")), name="link_between_two_channels"
            ),
            models.CheckConstraint(condition=Q(how__in=LinkKind.values), name="link_how_valid"),
        ]

    def __str__(self):
        return f"{self.from_channel} → {self.to_channel} ({self.get_how_display()})"

    def clean(self):
        if not self.plan_id:
            return
        errors = _same_organization(
            self.plan,
            from_channel=self.from_channel if self.from_channel_id else None,
            to_channel=self.to_channel if self.to_channel_id else None,
        )
        if self.from_channel_id and self.from_channel_id == self.to_channel_id:
            errors.setdefault("to_channel", "A link joins two different channels.")
        if errors:
            raise ValidationError(errors)
