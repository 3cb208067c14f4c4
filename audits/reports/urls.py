"""The weekly report: one organization's settings and history under /o/<org_slug>/reports/, and
the email's unsubscribe link, /unsubscribe/<token>/, which needs no login."""

from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("o/<slug:org_slug>/reports/", views.report_index, name="index"),
    path("o/<slug:org_slug>/reports/subscription/", views.report_subscription, name="subscription"),
    path("o/<slug:org_slug>/reports/send/", views.report_send_now, name="send"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
