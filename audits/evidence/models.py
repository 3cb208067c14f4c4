"""The evidence's data: each uploaded export file (an import, with its progress), the posts it
brought, and the column mapping a channel's generic CSV uses."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from outreach.models import Channel, Organization
from outreach.tenancy import TenantQuerySet

from .formats.base import NETWORKS, POST_KINDS


class EvidenceImport(models.Model):
    """One export file, from upload to its posts. The file's bytes wait here for the worker and
    are dropped once it is read: the posts keep only what the audit needs."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for a worker"
        READING = "reading", "Reading the file"
        DONE = "done", "Imported"
        FAILED = "failed", "Refused"

    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="evidence_imports"
    )
    # The channel chosen on upload; posts go to the channel whose handle their account names,
    # and to this one where the file names no account of the organization's.
    channel = models.ForeignKey(
        Channel, on_delete=models.SET_NULL, null=True, blank=True, related_name="evidence_imports"
    )
    file_name = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content = models.BinaryField(null=True, blank=True, editable=False)
    format = models.CharField(max_length=40, blank=True)  # a FormatInfo code, once detected
    mapping = models.JSONField(default=dict, blank=True)  # columns of a generic CSV
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    needs_mapping = models.BooleanField(default=False)  # a CSV whose columns must be named
    items_read = models.PositiveIntegerField(default=0)
    posts_added = models.PositiveIntegerField(default=0)
    posts_known = models.PositiveIntegerField(default=0)  # already imported by an earlier file
    first_post_at = models.DateTimeField(null=True, blank=True)
    last_post_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Reliability (audits.evidence.services): when the import was last put on the queue and last
    # taken by a worker, and how often the sweeper re-queued it.
    queued_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sweeps = models.PositiveSmallIntegerField(default=0)

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["organization", "-created_at", "-id"]

    def __str__(self):
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Post(models.Model):
    """One item a channel actually published, as its network's export shows it."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="posts")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="posts")
    source = models.ForeignKey(
        EvidenceImport, on_delete=models.SET_NULL, null=True, related_name="posts"
    )
    format = models.CharField(max_length=40)  # what the file could show (FormatInfo.code)
    network = models.CharField(max_length=20, choices=[(n, n) for n in NETWORKS])
    post_id = models.CharField(max_length=300)
    account = models.CharField(max_length=200, blank=True)
    published_at = models.DateTimeField()
    kind = models.CharField(max_length=10, choices=[(k, k) for k in POST_KINDS])
    text = models.TextField(blank=True)
    links = models.JSONField(default=list, blank=True)
    has_media = models.BooleanField(null=True)
    is_poll = models.BooleanField(null=True)
    is_event = models.BooleanField(null=True)
    in_reply_to_id = models.CharField(max_length=300, blank=True)
    in_reply_to_account = models.CharField(max_length=200, blank=True)
    reply_delay_seconds = models.PositiveIntegerField(null=True, blank=True)
    author = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)

    tenant_path = "organization"
    objects = TenantQuerySet.as_manager()

    class Meta:
        ordering = ["channel", "published_at", "id"]
        constraints = [
            # The network's own id is the key: overlapping exports never duplicate a post.
            models.UniqueConstraint(
                fields=["channel", "network", "post_id"], name="post_once_per_channel"
            ),
            models.CheckConstraint(condition=Q(kind__in=POST_KINDS), name="post_kind_valid"),
        ]
        indexes = [models.Index(fields=["channel", "published_at"])]

    def __str__(self):
        return f"{self.network} {self.post_id} ({self.kind})"


class ColumnMapping(models.Model):
    """Which columns of a channel's generic CSV hold the date, the text, the link… (named once
    in the browser, used for every later file of that channel)."""

    channel = models.OneToOneField(Channel, on_delete=models.CASCADE, related_name="column_mapping")
    mapping = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    tenant_path = "channel__organization"
    objects = TenantQuerySet.as_manager()

    def __str__(self):
        return f"Columns of {self.channel}"
