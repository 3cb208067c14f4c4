"""What the API shows of organizations, channels, staff and assignments, and what it takes.
Input is validated by the browser's forms (outreach.api.base.form_validated); these classes
name the fields and document them."""

from rest_framework import serializers

from ..models import Assignment, Channel, Duty, Membership, Platform, StaffMember


class OrganizationSerializer(serializers.Serializer):
    slug = serializers.SlugField(source="organization.slug", read_only=True)
    name = serializers.CharField(source="organization.name", read_only=True)
    timezone = serializers.CharField(source="organization.timezone", read_only=True)
    role = serializers.ChoiceField(choices=Membership.Role.choices, read_only=True)


class ChannelSerializer(serializers.ModelSerializer):
    class Meta:
        model = Channel
        fields = [
            "key",
            "platform",
            "handle",
            "name",
            "identity",
            "objective",
            "audience",
            "presence",
            "follows",
            "response_target_hours",
            "active",
            "created_at",
        ]
        read_only_fields = ["active", "created_at"]
        # Uniqueness is the service's to check, in the browser's words.
        validators = []
        extra_kwargs = {"key": {"validators": []}}


class ChannelFilterSerializer(serializers.Serializer):
    platform = serializers.ChoiceField(choices=Platform.choices, required=False)
    active = serializers.BooleanField(required=False, allow_null=True, default=None)


class StaffMemberSerializer(serializers.ModelSerializer):
    class Meta:
        model = StaffMember
        fields = ["key", "name", "email", "capacity_hours"]
        validators = []
        extra_kwargs = {"key": {"validators": []}}


class AssignmentSerializer(serializers.ModelSerializer):
    channel = serializers.SlugRelatedField(slug_field="key", read_only=True)
    staff = serializers.SlugRelatedField(slug_field="key", read_only=True)
    duties = serializers.MultipleChoiceField(choices=Duty.choices, required=False)

    class Meta:
        model = Assignment
        fields = ["id", "channel", "staff", "hours_per_week", "duties", "backup"]
        read_only_fields = ["id"]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["duties"] = instance.duties  # in Duty's order, as a list
        return data


class AssignmentCreateSerializer(AssignmentSerializer):
    """A new assignment names its channel and person by their keys."""

    channel = serializers.SlugField(max_length=40)
    staff = serializers.SlugField(max_length=40)

    class Meta(AssignmentSerializer.Meta):
        pass


class AssignmentFilterSerializer(serializers.Serializer):
    channel = serializers.SlugField(required=False, help_text="A channel's key.")
    staff = serializers.SlugField(required=False, help_text="A person's key.")
    platform = serializers.ChoiceField(choices=Platform.choices, required=False)
