"""Weekly reports of one organization, under /o/<org_slug>/reports/."""

from django.urls import path

from . import report_views

app_name = "reports"

urlpatterns = [
    path("", report_views.report_index, name="index"),
    path("subscription/", report_views.report_subscription, name="subscription"),
]
