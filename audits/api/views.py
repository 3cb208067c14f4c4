"""Audits and evidence through the API: start a run (202, then poll it), read its scores and
findings; upload an export file (202, then poll the import) and list the imported posts."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from outreach.api.base import OrganizationAPIView
from outreach.api.views import query_validated
from outreach.models import Channel

from ..evidence.models import EvidenceImport, Post
from ..evidence.services import evidence_import_create
from ..evidence.tasks import evidence_enqueue
from ..runs.models import AuditRun, ChannelScore, Finding
from ..runs.services import audit_run_create
from ..runs.tasks import audit_enqueue
from .serializers import (
    ImportSerializer,
    PostFilterSerializer,
    PostSerializer,
    RunDetailSerializer,
    RunFilterSerializer,
    RunSerializer,
    UploadSerializer,
)


def _accepted(view, obj, serializer_class):
    """202 Accepted: the work is queued; the body and Location say where to poll it."""
    data = serializer_class(obj, context=view.get_serializer_context()).data
    return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


class RunList(OrganizationAPIView):
    serializer_class = RunSerializer

    @extend_schema(parameters=[RunFilterSerializer], responses=RunSerializer(many=True))
    def get(self, request, org_slug):
        """The organization's audit runs, newest first; filter by status."""
        runs = (
            self.scoped(AuditRun)
            .filter(**query_validated(RunFilterSerializer, request))
            .select_related("organization")
            .order_by("-number")
        )
        page = self.paginate_queryset(runs)
        return self.get_paginated_response(RunSerializer(page, many=True).data)

    @extend_schema(request=None, responses={202: RunSerializer})
    def post(self, request, org_slug):
        """Start an audit, as the "Run audit" button does: answered 202 with the run's URL
        (also in Location), to poll until its status is done or failed."""
        run, _ = audit_run_create(organization=self.organization, started_by=request.user)
        audit_enqueue(run)
        run.refresh_from_db()
        return _accepted(self, run, RunSerializer)


class RunDetail(OrganizationAPIView):
    serializer_class = RunDetailSerializer

    def get_object(self):
        return get_object_or_404(
            self.scoped(AuditRun)
            .select_related("organization")
            .prefetch_related(
                Prefetch("scores", queryset=ChannelScore.objects.order_by("id")),
                Prefetch("findings", queryset=Finding.objects.order_by("-points", "code", "id")),
            ),
            number=self.kwargs["number"],
        )

    def get(self, request, org_slug, number):
        """A run: its status, and once done its scores per channel and its findings."""
        return self.respond(self.get_object())


class PostList(OrganizationAPIView):
    serializer_class = PostSerializer

    def get_object(self):
        """The channel of channels/<channel_key>/posts/ (None for all the posts)."""
        key = self.kwargs.get("channel_key")
        return None if key is None else get_object_or_404(self.scoped(Channel), key=key)

    @extend_schema(parameters=[PostFilterSerializer], responses=PostSerializer(many=True))
    def get(self, request, org_slug, channel_key=None):
        """The posts imported from export files, by publication time; filter by channel,
        platform, kind and period (since, until: days, in the organization's time zone)."""
        query = query_validated(PostFilterSerializer, request)
        posts = self.scoped(Post).select_related("channel")
        if channel_key is not None:
            posts = posts.filter(channel=self.get_object())
        zone = zoneinfo.ZoneInfo(self.organization.timezone)
        for name, lookup in (("channel", "channel__key"), ("platform", "channel__platform")):
            if name in query:
                posts = posts.filter(**{lookup: query[name]})
        if "kind" in query:
            posts = posts.filter(kind=query["kind"])
        if "since" in query:
            start = datetime.datetime.combine(query["since"], datetime.time.min, zone)
            posts = posts.filter(published_at__gte=start)
        if "until" in query:
            end = datetime.datetime.combine(
                query["until"] + datetime.timedelta(days=1), datetime.time.min, zone
            )
            posts = posts.filter(published_at__lt=end)
        page = self.paginate_queryset(posts.order_by("published_at", "id"))
        return self.get_paginated_response(PostSerializer(page, many=True).data)


class ImportList(OrganizationAPIView):
    serializer_class = ImportSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=ImportSerializer(many=True))
    def get(self, request, org_slug):
        """The uploaded export files, newest first, with each import's progress."""
        imports = (
            self.scoped(EvidenceImport)
            .select_related("channel", "organization")
            .defer("content")
            .order_by("-created_at", "-id")
        )
        page = self.paginate_queryset(imports)
        return self.get_paginated_response(ImportSerializer(page, many=True).data)

    @extend_schema(
        request={"multipart/form-data": UploadSerializer}, responses={202: ImportSerializer}
    )
    def post(self, request, org_slug):
        """Upload an export file, as the evidence page does: answered 202 with the import's URL
        (also in Location), to poll until its status is done or failed."""
        body = UploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload, key = body.validated_data["file"], body.validated_data.get("channel")
        channel = None
        if key:
            channel = self.scoped(Channel).filter(key=key).first()
            if channel is None:
                raise ValidationError(
                    {"channel": f"'{key}' is not one of this organization's channels."}
                )
        try:
            evidence = evidence_import_create(
                organization=self.organization,
                file_name=upload.name,
                size=upload.size,
                stream=upload,
                channel=channel,
                actor=request.user,
            )
        except ValidationError as error:
            # As the evidence page: the file's problem is said at the file.
            raise ValidationError({"file": error.messages}) from error
        evidence_enqueue(evidence)
        evidence.refresh_from_db(fields=["status", "error", "items_read", "posts_added"])
        return _accepted(self, evidence, ImportSerializer)


class ImportDetail(OrganizationAPIView):
    serializer_class = ImportSerializer

    def get_object(self):
        return get_object_or_404(
            self.scoped(EvidenceImport).select_related("channel", "organization").defer("content"),
            pk=self.kwargs["import_id"],
        )

    def get(self, request, org_slug, import_id):
        """One import: its progress while a worker reads the file, then what it brought."""
        return self.respond(self.get_object())
