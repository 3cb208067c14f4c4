"""What the API shows of audit runs (with scores and findings), imports and posts."""

from django.urls import reverse
from rest_framework import serializers

from outreach.models import Platform

from ..evidence.formats.base import POST_KINDS
from ..evidence.models import EvidenceImport, Post
from ..runs.models import AuditRun, ChannelScore, Finding


class RunSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Where to follow the run (poll it).")

    class Meta:
        model = AuditRun
        fields = [
            "number",
            "url",
            "status",
            "trigger",
            "score",
            "error",
            "plan_revision",
            "plan_version",
            "created_at",
            "started_at",
            "finished_at",
        ]

    def get_url(self, run) -> str:
        return reverse("api:audit", args=[run.organization.slug, run.number])


class ScoreSerializer(serializers.ModelSerializer):
    class Meta:
        model = ChannelScore
        fields = [
            "channel_key",
            "channel_label",
            "platform",
            "value",
            "interactivity",
            "integration",
            "resourcing",
            "overall",
            "verdict",
        ]


class FindingSerializer(serializers.ModelSerializer):
    codes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Finding
        fields = [
            "code",
            "codes",
            "criterion",
            "channel_key",
            "points",
            "severity",
            "side",
            "message",
            "recommendation",
            "affects",
        ]


class RunDetailSerializer(RunSerializer):
    scores = ScoreSerializer(many=True, read_only=True)
    findings = FindingSerializer(many=True, read_only=True)

    class Meta(RunSerializer.Meta):
        fields = [*RunSerializer.Meta.fields, "scores", "findings"]


class RunFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AuditRun.Status.choices, required=False)


class ImportSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Where to follow the import (poll it).")
    channel = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)

    class Meta:
        model = EvidenceImport
        fields = [
            "id",
            "url",
            "channel",
            "file_name",
            "size",
            "format",
            "status",
            "error",
            "needs_mapping",
            "items_read",
            "posts_added",
            "posts_known",
            "first_post_at",
            "last_post_at",
            "created_at",
            "finished_at",
        ]

    def get_url(self, evidence) -> str:
        return reverse("api:evidence_import", args=[evidence.organization.slug, evidence.pk])


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="An export file, as the network or tool gave it.")
    channel = serializers.SlugField(
        required=False,
        allow_blank=True,
        help_text="A channel's key: needed only when the file does not say which account posted.",
    )


class PostSerializer(serializers.ModelSerializer):
    channel = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = Post
        fields = [
            "id",
            "channel",
            "network",
            "post_id",
            "account",
            "published_at",
            "kind",
            "text",
            "links",
            "has_media",
            "is_poll",
            "is_event",
            "in_reply_to_id",
            "in_reply_to_account",
            "reply_delay_seconds",
            "author",
            "url",
        ]


class PostFilterSerializer(serializers.Serializer):
    channel = serializers.SlugField(required=False, help_text="A channel's key.")
    platform = serializers.ChoiceField(choices=Platform.choices, required=False)
    kind = serializers.ChoiceField(choices=[(k, k) for k in POST_KINDS], required=False)
    since = serializers.DateField(required=False, help_text="Published on or after this day.")
    until = serializers.DateField(required=False, help_text="Published on or before this day.")

    def validate(self, data):
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            raise serializers.ValidationError(
                {"until": ["The period cannot end before it starts."]}
            )
        return data
