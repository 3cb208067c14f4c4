"""The evidence of one organization, under /o/<org_slug>/evidence/."""

from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("", views.evidence_index, name="index"),
    path("domains/", views.web_domains_update, name="domains"),
    path("imports/<int:import_id>/", views.import_detail, name="import"),
    path("imports/<int:import_id>/status/", views.import_status, name="status"),
    path("imports/<int:import_id>/columns/", views.import_columns, name="columns"),
    path("channels/<slug:channel_key>/delete/", views.channel_evidence_remove, name="delete"),
]
