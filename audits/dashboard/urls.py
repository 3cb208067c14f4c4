"""The dashboards: one organization's under /o/<org_slug>/dashboard/, and /dashboard/, the
member's organizations side by side."""

from django.urls import path

from . import views

app_name = "dashboard"

urlpatterns = [
    path("dashboard/", views.overview, name="overview"),
    path("o/<slug:org_slug>/dashboard/", views.dashboard, name="show"),
    path("o/<slug:org_slug>/dashboard/scores.csv", views.scores_csv, name="scores_csv"),
    path("o/<slug:org_slug>/dashboard/findings.csv", views.findings_csv, name="findings_csv"),
]
