"""Audits and evidence in the API, under /api/v1/organizations/<org_slug>/ (outreach.api.urls)."""

from django.urls import path

from . import views

urlpatterns = [
    path("audits/", views.RunList.as_view(), name="audits"),
    path("audits/<int:number>/", views.RunDetail.as_view(), name="audit"),
    path("posts/", views.PostList.as_view(), name="posts"),
    path("channels/<slug:channel_key>/posts/", views.PostList.as_view(), name="channel_posts"),
    path("evidence/", views.ImportList.as_view(), name="evidence_imports"),
    path("evidence/<int:import_id>/", views.ImportDetail.as_view(), name="evidence_import"),
]
