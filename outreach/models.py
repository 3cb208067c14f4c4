import re
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from .platforms import DUTIES, OBJECTIVES, PLATFORMS, PRESENCES, channel_name, is_community
from .tenancy import TenantQuerySet

# Choices at module level, so that the models' constraints can name them too.

# Made from the plain table in platforms.py (which the pure rubric reads): each platform's
# value, label and family are written once, there.
Platform = models.TextChoices(
    "Platform", [(value.upper(), (value, label)) for value, (label, _) in PLATFORMS.items()]
)


Objective = models.TextChoices(
    "Objective", [(value.upper(), (value, label)) for value, (label, _) in OBJECTIVES.items()]
)
Presence = models.TextChoices(
    "Presence", [(value.upper(), (value, label)) for value, label in PRESENCES.items()]
)
# What a person does on a channel; an assignment holds each as a `duty_<value>` field.
Duty = models.TextChoices(
    "Duty", [(value.upper(), (value, label)) for value, label in DUTIES.items()]
)


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"'{value}' is not a time zone (e.g. Europe/London).")


class OrganizationQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Organization(models.Model):
    class Weekday(models.IntegerChoices):
        MONDAY = 0, "Monday"
        TUESDAY = 1, "Tuesday"
        WEDNESDAY = 2, "Wednesday"
        THURSDAY = 3, "Thursday"
        FRIDAY = 4, "Friday"
        SATURDAY = 5, "Saturday"
        SUNDAY = 6, "Sunday"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=60, unique=True)
    timezone = models.CharField(max_length=64, default="UTC", validators=[validate_timezone])
    report_weekday = models.PositiveSmallIntegerField(
        choices=Weekday.choices, default=Weekday.MONDAY
    )
    report_hour = models.PositiveSmallIntegerField(
        default=8,
        validators=[MaxValueValidator(23)],
        help_text="Hour of the day, in the organization's time zone, of the weekly report.",
    )
    thresholds = models.JSONField(
        default=dict,
        blank=True,
        help_text="Overrides of the audit's default thresholds, by name.",
    )
    report_recipients = models.JSONField(
        default=list,
        blank=True,
        help_text="Addresses that get the weekly report besides the managers.",
    )
    web_domains = models.JSONField(
        default=list,
        blank=True,
        help_text="The organization's own web domains (example.org): a post linking there "
        "points to the organization's own work.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(report_hour__lte=23), name="organization_report_hour_valid"
            ),
            models.CheckConstraint(
                condition=Q(report_weekday__lte=6), name="organization_report_weekday_valid"
            ),
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    class Role(models.TextChoices):
        MANAGER = "manager", "Manager"
        COMMS = "comms", "Comms staff"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.COMMS)
    created_at = models.DateTimeField(auto_now_add=True)

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["organization__name", "user__email"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="membership_unique_per_organization"
            ),
            models.CheckConstraint(
                condition=Q(role__in=["manager", "comms"]), name="membership_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} of {self.organization}"

    @property
    def is_manager(self) -> bool:
        return self.role == self.Role.MANAGER


class LoginSession(models.Model):
    """A session someone logged in with, by its key. Ending a person's access (a manager removing
    them) deletes exactly these sessions, instead of decoding every session in the database to
    find theirs. Written when they log in, dropped when they log out (outreach/signals.py)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "created_at"]

    def __str__(self):
        return f"{self.user} since {self.created_at:%Y-%m-%d %H:%M}"


def normalized_handle(handle: str) -> str:
    """A channel's handle as it is compared for duplicates on one platform: in lower case;
    without the leading @ of an account ("@Acme" is "acme"); an address (a Facebook page's)
    without its scheme, "www." and trailing slashes ("https://www.facebook.com/acme/" is
    "facebook.com/acme"). Blank for a blank handle, which is never a duplicate."""
    text = (handle or "").strip().casefold()
    scheme = re.match(r"[a-z][a-z0-9+.-]*://", text)
    if scheme or text.startswith("www.") or "/" in text:
        text = text.removeprefix(scheme.group(0) if scheme else "").removeprefix("www.")
        return text.rstrip("/")
    return text.removeprefix("@")


class Channel(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="channels"
    )
    key = models.SlugField(max_length=40, help_text="Short unique name, e.g. 'tw'.")
    platform = models.CharField(max_length=20, choices=Platform.choices)
    handle = models.CharField(max_length=200, blank=True)
    # The handle as compared for duplicates (normalized_handle), set by clean(), so that the
    # database refuses a second channel with the handle on the platform too. Empty for no
    # handle, and for the later ones of channels that shared a handle before the rule
    # (migration 0006), which are checked by their handle when it or the platform changes.
    handle_key = models.CharField(max_length=200, blank=True, editable=False)
    name = models.CharField(max_length=200)
    identity = models.CharField(
        max_length=200, blank=True, help_text="The organization or initiative it speaks for."
    )
    objective = models.CharField(max_length=30, choices=Objective.choices, blank=True)
    audience = models.CharField(max_length=300, blank=True)
    presence = models.CharField(max_length=10, choices=Presence.choices, blank=True)
    follows = models.PositiveIntegerField(
        null=True, blank=True, help_text="Accounts the channel follows or curates."
    )
    active = models.BooleanField(default=True)
    response_target_hours = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key"], name="channel_key_unique_per_organization"
            ),
            models.UniqueConstraint(
                fields=["organization", "platform", "handle_key"],
                condition=~Q(handle_key=""),
                name="channel_handle_unique_per_platform",
            ),
            models.CheckConstraint(
                condition=Q(platform__in=Platform.values), name="channel_platform_valid"
            ),
            models.CheckConstraint(
                condition=Q(presence__in=["", *Presence.values]),
                name="channel_presence_valid",
            ),
        ]

    def __str__(self):
        return channel_name(self.name, self.handle, self.key)

    def clean(self):
        self.handle_key = normalized_handle(self.handle)
        if self.presence and self.platform and not is_community(self.platform):
            raise ValidationError(
                {"presence": "Only community pages (Facebook, LinkedIn) have a presence mode."}
            )

    @property
    def is_community(self) -> bool:
        return is_community(self.platform)


# A channel as a plan describes it, in the plan file's order (docs/plan-format.md): the plan
# file's channel entries, its export and import, and the audit's snapshot read this list.
CHANNEL_PLAN_FIELDS = (
    "key",
    "platform",
    "handle",
    "name",
    "identity",
    "objective",
    "audience",
    "presence",
    "follows",
    "active",
    "response_target_hours",
)


class StaffMember(models.Model):
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="staff")
    key = models.SlugField(max_length=40, help_text="Short unique name, e.g. 'ana'.")
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    capacity_hours = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
        help_text="Hours a week this person can give to outreach.",
    )

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "name"]
        verbose_name = "staff member"
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "key"], name="staff_key_unique_per_organization"
            ),
            models.CheckConstraint(
                condition=Q(capacity_hours__gte=0), name="staff_capacity_non_negative"
            ),
        ]

    def __str__(self):
        return self.name


class Assignment(models.Model):
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="assignments")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="assignments")
    hours_per_week = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal(0))]
    )
    duty_post = models.BooleanField("posts", default=False)
    duty_respond = models.BooleanField("responds", default=False)
    duty_moderate = models.BooleanField("moderates", default=False)
    duty_curate = models.BooleanField("curates", default=False)
    backup = models.BooleanField(default=False, help_text="A named backup for the channel.")

    tenant_path = "channel__organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["channel", "staff"]
        constraints = [
            models.UniqueConstraint(fields=["staff", "channel"], name="assignment_unique"),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=0), name="assignment_hours_non_negative"
            ),
        ]

    def __str__(self):
        return f"{self.staff} on {self.channel}"

    def clean(self):
        if (
            self.staff_id
            and self.channel_id
            and self.staff.organization_id != self.channel.organization_id
        ):
            raise ValidationError(
                "A person can only be assigned to a channel of their own organization."
            )

    @property
    def duties(self) -> list[str]:
        return [duty for duty in Duty.values if getattr(self, f"duty_{duty}")]


class ChangeRecord(models.Model):
    """Who changed what in an organization's plan, channels, staff or members, and when."""

    class Subject(models.TextChoices):
        PLAN = "plan", "Plan"
        CHANNEL = "channel", "Channel"
        STAFF = "staff", "Staff"
        ASSIGNMENT = "assignment", "Assignment"
        MEMBER = "member", "Member"

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="changes")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    subject = models.CharField(max_length=12, choices=Subject.choices)
    summary = models.CharField(max_length=1000)
    # For plan changes: the revision changed and the version the change produced, so a refused
    # stale save can say what happened since the version its author loaded.
    plan_revision = models.PositiveIntegerField(null=True, blank=True)
    plan_version = models.PositiveIntegerField(null=True, blank=True)

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organization", "-created_at"])]

    def __str__(self):
        return self.summary


class NotificationPreference(models.Model):
    """How a person wants to hear about plan events; no row means both ways, the default."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField("Email me", default=True)
    in_app = models.BooleanField("Show notices in the planner", default=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        ways = [way for way, on in (("email", self.email), ("in the planner", self.in_app)) if on]
        return f"{self.user}: {' and '.join(ways) or 'no notifications'}"


class Notice(models.Model):
    """One person told about one event (a plan submitted, returned, approved): the in-app
    notice and the record of its email. Made once per event and person (the unique
    constraint), so a repeated service or task never tells anyone twice."""

    class Kind(models.TextChoices):
        PLAN_SUBMITTED = "plan_submitted", "Plan submitted for approval"
        PLAN_RETURNED = "plan_returned", "Plan returned"
        PLAN_APPROVED = "plan_approved", "Plan approved"

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(max_length=300)
    message = models.TextField()
    link = models.CharField(max_length=300, help_text="The page it is about, as a path.")
    event_key = models.CharField(max_length=200)
    # The person's preferences when the event happened: shown in the planner, sent by email.
    in_app = models.BooleanField(default=True)
    email = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set by the conditional update that claims the email, before it is sent: never twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["event_key", "recipient"], name="notice_once_per_event_and_recipient"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["plan_submitted", "plan_returned", "plan_approved"]),
                name="notice_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class Invitation(models.Model):
    """A manager's invitation of an address into the organization with a role. Its emailed link
    (outreach.accounts.tokens) carries the id and `nonce`, signed, and works for
    INVITATION_DAYS from `sent_at`; resending draws a new nonce (earlier links stop working),
    accepting or withdrawing ends it. One pending invitation per address and organization."""

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=10, choices=Membership.Role.choices)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    nonce = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "email"],
                condition=Q(accepted_at__isnull=True, withdrawn_at__isnull=True),
                name="invitation_one_pending_per_address",
            ),
            models.CheckConstraint(
                condition=Q(role__in=["manager", "comms"]), name="invitation_role_valid"
            ),
        ]

    def __str__(self):
        return f"{self.email} to {self.organization} as {self.get_role_display()}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None
