"""The API's URLs, under /api/ (outreach.urls): the schema, its documentation, the token page,
and /api/v1/: the caller's organizations and, under each, its objects. The plan's and the
audits' URL modules are named by string, as outreach.urls names the apps' pages."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import tokens, views

app_name = "api"

ORGANIZATION = "v1/organizations/<slug:org_slug>/"

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's setup as a script file: the CSP allows no inline script.
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api:schema", template_name="outreach/api_docs.html"
        ),
        name="docs",
    ),
    path("token/", tokens.api_token, name="token"),
    path("v1/organizations/", views.OrganizationList.as_view(), name="organizations"),
    path(ORGANIZATION, views.OrganizationDetail.as_view(), name="organization"),
    path(ORGANIZATION + "channels/", views.ChannelList.as_view(), name="channels"),
    path(
        ORGANIZATION + "channels/<slug:channel_key>/",
        views.ChannelDetail.as_view(),
        name="channel",
    ),
    path(
        ORGANIZATION + "channels/<slug:channel_key>/deactivate/",
        views.ChannelDeactivate.as_view(),
        name="channel_deactivate",
    ),
    path(
        ORGANIZATION + "channels/<slug:channel_key>/activate/",
        views.ChannelActivate.as_view(),
        name="channel_activate",
    ),
    path(ORGANIZATION + "staff/", views.StaffList.as_view(), name="staff"),
    path(ORGANIZATION + "staff/<slug:staff_key>/", views.StaffDetail.as_view(), name="person"),
    path(ORGANIZATION + "assignments/", views.AssignmentList.as_view(), name="assignments"),
    path(
        ORGANIZATION + "assignments/<int:assignment_id>/",
        views.AssignmentDetail.as_view(),
        name="assignment",
    ),
    path(ORGANIZATION + "plan/", include("strategy.api.urls")),
    path(ORGANIZATION, include("audits.api.urls")),
]
