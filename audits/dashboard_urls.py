"""The dashboard of one organization, under /o/<org_slug>/dashboard/."""

from django.urls import path

from . import dashboard_views

app_name = "dashboard"

urlpatterns = [
    path("", dashboard_views.dashboard, name="show"),
    path("scores.csv", dashboard_views.scores_csv, name="scores_csv"),
    path("findings.csv", dashboard_views.findings_csv, name="findings_csv"),
]
