"""The API of the organizations, their channels, staff and assignments. Thin, as the pages
are: resolve the organization (OrganizationAPIView), validate with the browser's form, call
one service or selector, answer."""

from django.forms.models import model_to_dict
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.response import Response

from .. import selectors, services
from ..forms import AssignmentForm, ChannelForm, StaffMemberForm
from ..models import Assignment, Channel, Membership, StaffMember
from .base import OrganizationAPIView, form_validated
from .serializers import (
    AssignmentCreateSerializer,
    AssignmentFilterSerializer,
    AssignmentSerializer,
    ChannelFilterSerializer,
    ChannelSerializer,
    OrganizationSerializer,
    StaffMemberSerializer,
)


def query_validated(serializer_class, request) -> dict:
    """A list's query parameters, checked: a wrong one answers 400 naming it."""
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return {name: value for name, value in query.validated_data.items() if value is not None}


def key_to_id(values: dict, name: str, objects, noun: str) -> dict:
    """Turn the key in values[name] into the id the browser's form would post."""
    key = values.get(name)
    if key in (None, ""):
        return values
    by_key = {obj.key: obj.pk for obj in objects}
    if key not in by_key:
        raise serializers.ValidationError(
            {name: [f"'{key}' is not one of this organization's {noun}."]}
        )
    return {**values, name: by_key[key]}


# Organizations


class OrganizationList(ListAPIView):
    """The organizations the caller belongs to, with their role in each."""

    serializer_class = OrganizationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Membership.objects.none()
        return (
            Membership.objects.filter(user=self.request.user)
            .select_related("organization")
            .order_by("organization__name", "id")
        )


class OrganizationDetail(OrganizationAPIView):
    serializer_class = OrganizationSerializer

    def get(self, request, org_slug):
        return Response(OrganizationSerializer(self.membership).data)


# Channels


class ChannelList(OrganizationAPIView):
    serializer_class = ChannelSerializer

    def get_queryset(self):
        return self.scoped(Channel).order_by("-active", "id")

    @extend_schema(parameters=[ChannelFilterSerializer], responses=ChannelSerializer(many=True))
    def get(self, request, org_slug):
        """The organization's channels, active first; filter by platform and active."""
        channels = self.get_queryset().filter(**query_validated(ChannelFilterSerializer, request))
        page = self.paginate_queryset(channels)
        return self.get_paginated_response(ChannelSerializer(page, many=True).data)

    @extend_schema(responses={201: ChannelSerializer})
    def post(self, request, org_slug):
        """Add a channel, validated as the "Add a channel" page validates it."""
        data = form_validated(
            serializer_class=ChannelSerializer, data=request.data, form=ChannelForm
        )
        channel = services.channel_create(
            organization=self.organization, actor=request.user, **data
        )
        return self.respond(channel, status=status.HTTP_201_CREATED)


class ChannelDetail(OrganizationAPIView):
    serializer_class = ChannelSerializer

    def get_object(self):
        return get_object_or_404(self.scoped(Channel), key=self.kwargs["channel_key"])

    def get(self, request, org_slug, channel_key):
        return self.respond(self.get_object())

    def patch(self, request, org_slug, channel_key):
        """Change some of the channel's fields, validated as its edit page validates them."""
        channel = self.get_object()
        data = form_validated(
            serializer_class=ChannelSerializer,
            data=request.data,
            form=ChannelForm,
            current=model_to_dict(channel, fields=services.CHANNEL_FIELDS),
            partial=True,
        )
        services.channel_update(channel=channel, actor=request.user, data=data)
        return self.respond(channel)


class ChannelDeactivate(OrganizationAPIView):
    serializer_class = ChannelSerializer
    activate = False

    def get_object(self):
        return get_object_or_404(self.scoped(Channel), key=self.kwargs["channel_key"])

    @extend_schema(request=None, responses=ChannelSerializer)
    def post(self, request, org_slug, channel_key):
        """Take the channel out of the audit (deactivate) or bring it back (activate)."""
        channel = self.get_object()
        service = services.channel_activate if self.activate else services.channel_deactivate
        service(channel=channel, actor=request.user)
        return self.respond(channel)


class ChannelActivate(ChannelDeactivate):
    activate = True


# Staff


class StaffList(OrganizationAPIView):
    serializer_class = StaffMemberSerializer

    def get_queryset(self):
        return self.scoped(StaffMember).order_by("name", "id")

    @extend_schema(responses=StaffMemberSerializer(many=True))
    def get(self, request, org_slug):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(StaffMemberSerializer(page, many=True).data)

    @extend_schema(responses={201: StaffMemberSerializer})
    def post(self, request, org_slug):
        data = form_validated(
            serializer_class=StaffMemberSerializer, data=request.data, form=StaffMemberForm
        )
        person = services.staff_create(organization=self.organization, actor=request.user, **data)
        return self.respond(person, status=status.HTTP_201_CREATED)


class StaffDetail(OrganizationAPIView):
    serializer_class = StaffMemberSerializer

    def get_object(self):
        return get_object_or_404(self.scoped(StaffMember), key=self.kwargs["staff_key"])

    def get(self, request, org_slug, staff_key):
        return self.respond(self.get_object())

    def patch(self, request, org_slug, staff_key):
        person = self.get_object()
        data = form_validated(
            serializer_class=StaffMemberSerializer,
            data=request.data,
            form=StaffMemberForm,
            current=model_to_dict(person, fields=services.STAFF_FIELDS),
            partial=True,
        )
        services.staff_update(person=person, actor=request.user, data=data)
        return self.respond(person)

    def delete(self, request, org_slug, staff_key):
        """Remove the person with their assignments (their activities keep no owner)."""
        services.staff_remove(person=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


# Assignments


class AssignmentList(OrganizationAPIView):
    serializer_class = AssignmentSerializer

    def get_queryset(self):
        return self.scoped(Assignment).select_related("channel", "staff").order_by("id")

    @extend_schema(
        parameters=[AssignmentFilterSerializer], responses=AssignmentSerializer(many=True)
    )
    def get(self, request, org_slug):
        """Who works on which channel; filter by channel, person or platform."""
        query = query_validated(AssignmentFilterSerializer, request)
        lookups = {
            "channel": "channel__key",
            "staff": "staff__key",
            "platform": "channel__platform",
        }
        assignments = self.get_queryset().filter(
            **{lookups[name]: value for name, value in query.items()}
        )
        page = self.paginate_queryset(assignments)
        return self.get_paginated_response(AssignmentSerializer(page, many=True).data)

    @extend_schema(request=AssignmentCreateSerializer, responses={201: AssignmentSerializer})
    def post(self, request, org_slug):
        """Assign a person to a channel, validated as the channel page's form validates it."""
        people = selectors.staff_choices(organization=self.organization)
        channel_key = request.data.get("channel") if hasattr(request.data, "get") else None
        data = form_validated(
            serializer_class=AssignmentCreateSerializer,
            data=request.data,
            form=lambda values: AssignmentForm(values, people=people),
            prepare=lambda values: key_to_id(values, "staff", people, "people"),
        )
        channel = self.scoped(Channel).filter(key=channel_key).first() if channel_key else None
        if channel is None:
            raise serializers.ValidationError(
                {"channel": [f"'{channel_key}' is not one of this organization's channels."]}
                if channel_key
                else {"channel": ["This field is required."]}
            )
        data.pop("channel", None)
        assignment = services.assignment_create(channel=channel, actor=request.user, **data)
        return self.respond(assignment, status=status.HTTP_201_CREATED)


class AssignmentDetail(OrganizationAPIView):
    serializer_class = AssignmentSerializer

    def get_object(self):
        return get_object_or_404(
            self.scoped(Assignment).select_related("channel__organization", "staff"),
            pk=self.kwargs["assignment_id"],
        )

    def get(self, request, org_slug, assignment_id):
        return self.respond(self.get_object())

    def patch(self, request, org_slug, assignment_id):
        """Change hours, duties or backup (moving the work to another person is a new one)."""
        assignment = self.get_object()
        current = {
            "hours_per_week": assignment.hours_per_week,
            "duties": assignment.duties,
            "backup": assignment.backup,
        }
        data = form_validated(
            serializer_class=AssignmentSerializer,
            data=request.data,
            form=AssignmentForm,
            current=current,
            partial=True,
        )
        services.assignment_update(assignment=assignment, actor=request.user, data=data)
        return self.respond(assignment)

    def delete(self, request, org_slug, assignment_id):
        services.assignment_remove(assignment=self.get_object(), actor=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
