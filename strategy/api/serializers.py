"""What the API shows of a plan, its activities and links, and what it takes. Input is
validated by the plan editor's own forms (outreach.api.base.form_validated)."""

from rest_framework import serializers

from outreach.models import Platform

from ..forms import PlanStartForm
from ..models import ChannelLink, PlannedActivity, StrategyPlan

VERSION_HELP = (
    "The plan's version this change is based on: when someone saved the plan since, the change "
    "is refused (409) instead of silently replacing theirs. Without it, the current version."
)


class ActivitySerializer(serializers.ModelSerializer):
    channel = serializers.SlugRelatedField(slug_field="key", read_only=True)
    owner = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)
    links_to = serializers.SlugRelatedField(slug_field="key", read_only=True, allow_null=True)

    class Meta:
        model = PlannedActivity
        fields = [
            "id",
            "channel",
            "kind",
            "per_week",
            "minutes_each",
            "owner",
            "owner_name",
            "links_to",
            "notes",
        ]
        read_only_fields = ["id", "owner_name"]


class ActivityWriteSerializer(ActivitySerializer):
    """Channels and the owner by their keys."""

    channel = serializers.SlugField(max_length=40)
    owner = serializers.SlugField(max_length=40, required=False, allow_null=True, allow_blank=True)
    links_to = serializers.SlugField(
        max_length=40, required=False, allow_null=True, allow_blank=True
    )
    version = serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)

    class Meta(ActivitySerializer.Meta):
        fields = [*ActivitySerializer.Meta.fields, "version"]


class ActivityFilterSerializer(serializers.Serializer):
    channel = serializers.SlugField(required=False, help_text="A channel's key.")
    platform = serializers.ChoiceField(choices=Platform.choices, required=False)
    kind = serializers.ChoiceField(choices=PlannedActivity.Kind.choices, required=False)


class LinkSerializer(serializers.ModelSerializer):
    from_channel = serializers.SlugRelatedField(slug_field="key", read_only=True)
    to_channel = serializers.SlugRelatedField(slug_field="key", read_only=True)

    class Meta:
        model = ChannelLink
        fields = ["id", "from_channel", "to_channel", "how"]
        read_only_fields = ["id"]
        validators = []


class LinkWriteSerializer(LinkSerializer):
    from_channel = serializers.SlugField(max_length=40)
    to_channel = serializers.SlugField(max_length=40)
    version = serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)

    class Meta(LinkSerializer.Meta):
        fields = [*LinkSerializer.Meta.fields, "version"]


class PlanSerializer(serializers.ModelSerializer):
    activities = ActivitySerializer(many=True, read_only=True)
    links = LinkSerializer(many=True, read_only=True)

    class Meta:
        model = StrategyPlan
        fields = [
            "revision",
            "title",
            "period_start",
            "period_end",
            "objectives",
            "status",
            "version",
            "review_comment",
            "updated_at",
            "activities",
            "links",
        ]
        read_only_fields = [
            "revision",
            "status",
            "version",
            "review_comment",
            "updated_at",
        ]
        validators = []


class PlanWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = StrategyPlan
        fields = PlanStartForm.Meta.fields
        validators = []


class PlanEditSerializer(PlanWriteSerializer):
    version = serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)

    class Meta(PlanWriteSerializer.Meta):
        fields = [*PlanWriteSerializer.Meta.fields, "version"]


class RevisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = StrategyPlan
        fields = ["revision", "title", "status"]


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(required=False, min_value=1, help_text=VERSION_HELP)


class ReturnSerializer(serializers.Serializer):
    comment = serializers.CharField(help_text="What should change.")


class PlanImportSerializer(serializers.Serializer):
    changed = serializers.BooleanField(help_text="Whether the file changed anything.")
    new_revision = serializers.BooleanField(help_text="Whether it started a new revision.")
    plan = PlanSerializer()


class PlanFileErrorSerializer(serializers.Serializer):
    errors = serializers.ListField(
        child=serializers.CharField(),
        help_text="One 'place: message' per problem (docs/plan-format.md); nothing was written.",
    )
