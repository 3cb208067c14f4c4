"""The plan through the API: the current plan with its activities and links (read and write,
through the same forms and services as the plan page), its revisions, its lifecycle steps and
the plan file (export and all-or-nothing import)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from outreach.api.base import OrganizationAPIView, form_validated
from outreach.api.errors import Conflict
from outreach.api.views import key_to_id, query_validated
from outreach.models import Channel, StaffMember

from ..forms import ActivityForm, LinkForm, PlanStartForm
from ..models import ChannelLink, PlannedActivity, StrategyPlan
from ..planfile import PLAN_FILE_MAX_BYTES, PlanFileError
from ..selectors import current_plan, plan_document
from ..services import (
    PlanNotEditable,
    RowChanges,
    StalePlan,
    plan_approve,
    plan_create,
    plan_edit,
    plan_return,
    plan_revise,
    plan_submit,
    plan_upload,
)
from .serializers import (
    ActivityFilterSerializer,
    ActivitySerializer,
    ActivityWriteSerializer,
    LinkSerializer,
    LinkWriteSerializer,
    PlanEditSerializer,
    PlanFileErrorSerializer,
    PlanImportSerializer,
    PlanSerializer,
    PlanWriteSerializer,
    ReturnSerializer,
    RevisionSerializer,
    VersionSerializer,
)

VERSION_PARAMETER = OpenApiParameter(
    "version", int, description="The plan's version this removal is based on (see PATCH)."
)


def _plan_read(plan: StrategyPlan) -> StrategyPlan:
    """The plan with its rows and what they name, in two queries more."""
    return (
        StrategyPlan.objects.filter(pk=plan.pk)
        .prefetch_related(
            "activities__channel",
            "activities__owner",
            "activities__links_to",
            "links__from_channel",
            "links__to_channel",
        )
        .get()
    )


class PlanAPIView(OrganizationAPIView):
    """A view of the organization's current plan (404 while it has none)."""

    def plan(self) -> StrategyPlan:
        plan = current_plan(self.organization)
        if plan is None:
            raise Http404("This organization has no plan yet.")
        return plan

    def expected_version(self, value, plan: StrategyPlan) -> int:
        if value is None:
            return plan.version
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise serializers.ValidationError({"version": ["Must be a whole number from 1."]})
        return value

    def edit(self, *, plan, version, plan_fields=None, activities=None, links=None):
        """One plan_edit, its refusals answered 409 with the service's words."""
        try:
            return plan_edit(
                plan=plan,
                expected_version=version,
                user=self.request.user,
                plan_fields=plan_fields or {},
                activities=activities or RowChanges(),
                links=links or RowChanges(),
            )
        except (StalePlan, PlanNotEditable) as error:
            raise Conflict(str(error)) from error

    def choices(self):
        channels = list(self.scoped(Channel).order_by("-active", "id"))
        people = list(self.scoped(StaffMember).order_by("name"))
        return channels, people


class PlanDetail(PlanAPIView):
    serializer_class = PlanSerializer

    def get(self, request, org_slug):
        """The current plan (the highest revision) with its activities and links."""
        return self.respond(_plan_read(self.plan()))

    @extend_schema(request=PlanWriteSerializer, responses={201: PlanSerializer})
    def post(self, request, org_slug):
        """Start the organization's first plan, as the plan page's "Start" form does."""
        if current_plan(self.organization) is not None:
            raise Conflict("This organization has a plan already: edit it, or revise it.")
        data = form_validated(
            serializer_class=PlanWriteSerializer, data=request.data, form=PlanStartForm
        )
        plan = plan_create(organization=self.organization, user=request.user, **data)
        return self.respond(_plan_read(plan), status=status.HTTP_201_CREATED)

    @extend_schema(request=PlanEditSerializer)
    def patch(self, request, org_slug):
        """Change the plan's title, period or objectives (a draft or returned plan only)."""
        plan = self.plan()
        data = form_validated(
            serializer_class=PlanEditSerializer,
            data=request.data,
            form=PlanStartForm,
            current={name: getattr(plan, name) for name in PlanStartForm.Meta.fields},
            partial=True,
        )
        version = self.expected_version(request.data.get("version"), plan)
        return self.respond(_plan_read(self.edit(plan=plan, version=version, plan_fields=data)))


class ActivityList(PlanAPIView):
    serializer_class = ActivitySerializer

    @extend_schema(parameters=[ActivityFilterSerializer], responses=ActivitySerializer(many=True))
    def get(self, request, org_slug):
        """The current plan's activities; filter by channel, platform and kind."""
        query = query_validated(ActivityFilterSerializer, request)
        lookups = {"channel": "channel__key", "platform": "channel__platform", "kind": "kind"}
        activities = (
            self.scoped(PlannedActivity)
            .filter(plan=self.plan(), **{lookups[name]: value for name, value in query.items()})
            .select_related("channel", "owner", "links_to")
            .order_by("channel_id", "id")
        )
        page = self.paginate_queryset(activities)
        return self.get_paginated_response(ActivitySerializer(page, many=True).data)

    @extend_schema(request=ActivityWriteSerializer, responses={201: ActivitySerializer})
    def post(self, request, org_slug):
        """Add an activity, validated as a row of the plan editor."""
        plan = self.plan()
        activity = activity_validated(self, request.data, PlannedActivity(plan=plan))
        version = self.expected_version(request.data.get("version"), plan)
        self.edit(
            plan=plan, version=version, activities=RowChanges(saved=[activity], added_count=1)
        )
        return self.respond(activity, status=status.HTTP_201_CREATED)


def activity_validated(view: PlanAPIView, data, activity: PlannedActivity, partial=False):
    channels, people = view.choices()
    current = {}
    if partial:
        current = {
            "channel": activity.channel.key,
            "kind": activity.kind,
            "per_week": activity.per_week,
            "minutes_each": activity.minutes_each,
            "owner": activity.owner.key if activity.owner_id else None,
            "links_to": activity.links_to.key if activity.links_to_id else None,
            "notes": activity.notes,
        }

    def prepare(values):
        values = key_to_id(values, "channel", channels, "channels")
        values = key_to_id(values, "links_to", channels, "channels")
        return key_to_id(values, "owner", people, "people")

    form_validated(
        serializer_class=ActivityWriteSerializer,
        data=data,
        form=lambda values: ActivityForm(
            values, instance=activity, channels=channels, people=people
        ),
        current=current,
        partial=partial,
        prepare=prepare,
    )
    return activity


class ActivityDetail(PlanAPIView):
    serializer_class = ActivitySerializer

    def get_object(self):
        return get_object_or_404(
            self.scoped(PlannedActivity)
            .filter(plan=self.plan())
            .select_related("channel", "owner", "links_to"),
            pk=self.kwargs["activity_id"],
        )

    def get(self, request, org_slug, activity_id):
        return self.respond(self.get_object())

    @extend_schema(request=ActivityWriteSerializer)
    def patch(self, request, org_slug, activity_id):
        activity = self.get_object()
        activity_validated(self, request.data, activity, partial=True)
        version = self.expected_version(request.data.get("version"), activity.plan)
        self.edit(plan=activity.plan, version=version, activities=RowChanges(saved=[activity]))
        activity.refresh_from_db()
        return self.respond(activity)

    @extend_schema(parameters=[VERSION_PARAMETER])
    def delete(self, request, org_slug, activity_id):
        activity = self.get_object()
        version = self.expected_version(_query_version(request), activity.plan)
        self.edit(plan=activity.plan, version=version, activities=RowChanges(deleted=[activity]))
        return Response(status=status.HTTP_204_NO_CONTENT)


def _query_version(request):
    value = request.query_params.get("version")
    if value is None:
        return None
    return int(value) if value.isdigit() else -1


def link_validated(view: PlanAPIView, data, link: ChannelLink, partial=False):
    channels, _ = view.choices()
    current = {}
    if partial:
        current = {
            "from_channel": link.from_channel.key,
            "to_channel": link.to_channel.key,
            "how": link.how,
        }

    def prepare(values):
        values = key_to_id(values, "from_channel", channels, "channels")
        return key_to_id(values, "to_channel", channels, "channels")

    form_validated(
        serializer_class=LinkWriteSerializer,
        data=data,
        form=lambda values: LinkForm(values, instance=link, channels=channels),
        current=current,
        partial=partial,
        prepare=prepare,
    )
    return link


class LinkList(PlanAPIView):
    serializer_class = LinkSerializer

    @extend_schema(responses=LinkSerializer(many=True))
    def get(self, request, org_slug):
        """The current plan's links between channels."""
        links = (
            self.scoped(ChannelLink)
            .filter(plan=self.plan())
            .select_related("from_channel", "to_channel")
            .order_by("id")
        )
        page = self.paginate_queryset(links)
        return self.get_paginated_response(LinkSerializer(page, many=True).data)

    @extend_schema(request=LinkWriteSerializer, responses={201: LinkSerializer})
    def post(self, request, org_slug):
        plan = self.plan()
        link = link_validated(self, request.data, ChannelLink(plan=plan))
        _refuse_duplicate_link(link)
        version = self.expected_version(request.data.get("version"), plan)
        self.edit(plan=plan, version=version, links=RowChanges(saved=[link], added_count=1))
        return self.respond(link, status=status.HTTP_201_CREATED)


def _refuse_duplicate_link(link: ChannelLink) -> None:
    twins = ChannelLink.objects.filter(
        plan=link.plan,
        from_channel=link.from_channel,
        to_channel=link.to_channel,
        how=link.how,
    ).exclude(pk=link.pk)
    if twins.exists():
        # The editor's words for the same link listed twice.
        raise serializers.ValidationError({"non_field_errors": ["This link is listed twice."]})


class LinkDetail(PlanAPIView):
    serializer_class = LinkSerializer

    def get_object(self):
        return get_object_or_404(
            self.scoped(ChannelLink)
            .filter(plan=self.plan())
            .select_related("from_channel", "to_channel"),
            pk=self.kwargs["link_id"],
        )

    def get(self, request, org_slug, link_id):
        return self.respond(self.get_object())

    @extend_schema(request=LinkWriteSerializer)
    def patch(self, request, org_slug, link_id):
        link = self.get_object()
        link_validated(self, request.data, link, partial=True)
        _refuse_duplicate_link(link)
        version = self.expected_version(request.data.get("version"), link.plan)
        self.edit(plan=link.plan, version=version, links=RowChanges(saved=[link]))
        return self.respond(link)

    @extend_schema(parameters=[VERSION_PARAMETER])
    def delete(self, request, org_slug, link_id):
        link = self.get_object()
        version = self.expected_version(_query_version(request), link.plan)
        self.edit(plan=link.plan, version=version, links=RowChanges(deleted=[link]))
        return Response(status=status.HTTP_204_NO_CONTENT)


# The lifecycle


class PlanStep(PlanAPIView):
    serializer_class = PlanSerializer

    def step(self, service, **kwargs):
        try:
            plan = service(plan=self.plan(), user=self.request.user, **kwargs)
        except (PlanNotEditable, StalePlan) as error:
            raise Conflict(str(error)) from error
        return self.respond(_plan_read(plan))


class PlanSubmit(PlanStep):
    @extend_schema(request=VersionSerializer)
    def post(self, request, org_slug):
        """Hand the draft to the managers for review."""
        plan = self.plan()
        version = request.data.get("version") if isinstance(request.data, dict) else None
        return self.step(plan_submit, expected_version=self.expected_version(version, plan))


class PlanApprove(PlanStep):
    manager_only = True

    @extend_schema(request=None)
    def post(self, request, org_slug):
        """Approve the submitted plan (managers only: a comms member is answered 403)."""
        return self.step(plan_approve)


class PlanReturn(PlanStep):
    manager_only = True

    @extend_schema(request=ReturnSerializer)
    def post(self, request, org_slug):
        """Return the submitted plan to its authors with a comment (managers only)."""
        body = ReturnSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self.step(plan_return, comment=body.validated_data["comment"])


class PlanRevise(PlanStep):
    @extend_schema(request=None)
    def post(self, request, org_slug):
        """Start a new revision (a draft copy) of the approved plan."""
        return self.step(plan_revise)


# Revisions


class RevisionList(OrganizationAPIView):
    serializer_class = RevisionSerializer

    @extend_schema(responses=RevisionSerializer(many=True))
    def get(self, request, org_slug):
        """Every revision of the plan, newest first."""
        revisions = (
            self.scoped(StrategyPlan)
            .order_by("-revision")
            .only("id", "revision", "title", "status")
        )
        page = self.paginate_queryset(revisions)
        return self.get_paginated_response(RevisionSerializer(page, many=True).data)


class RevisionDetail(OrganizationAPIView):
    serializer_class = PlanSerializer

    def get_object(self):
        return get_object_or_404(self.scoped(StrategyPlan), revision=self.kwargs["revision"])

    def get(self, request, org_slug, revision):
        """One revision, read-only, with its activities and links."""
        return self.respond(_plan_read(self.get_object()))


# The plan file


class PlanFile(PlanAPIView):
    serializer_class = PlanImportSerializer

    @extend_schema(
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="docs/plan-format.md")}
    )
    def get(self, request, org_slug):
        """The current plan as a plan file (docs/plan-format.md), as "Download plan" gives it."""
        self.plan()
        return Response(plan_document(organization=self.organization))

    @extend_schema(
        request={"application/json": OpenApiTypes.OBJECT},
        responses={200: PlanImportSerializer, 400: PlanFileErrorSerializer},
    )
    def put(self, request, org_slug):
        """Import a plan file into this organization, all or nothing: its organization.slug
        must be this organization's; any problem answers 400 listing each, and writes nothing."""
        try:
            result = plan_upload(
                organization=self.organization,
                raw=request.body[: PLAN_FILE_MAX_BYTES + 1],
                user=request.user,
            )
        except PlanFileError as error:
            return Response({"errors": error.errors}, status=status.HTTP_400_BAD_REQUEST)
        body = {
            "changed": result.changed,
            "new_revision": result.new_revision,
            "plan": _plan_read(result.plan),
        }
        return self.respond(body)
